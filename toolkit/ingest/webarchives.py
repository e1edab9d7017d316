"""Read a web archive (`.warc`, `.warc.gz`) with warcio, streamed record by record: each HTML response is an article."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from toolkit.errors import BadArchive, BadArticle
from toolkit.ingest.articles import Article, normalize_text

ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_name(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".warc"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def read_archive(path: Path, *, event: str | None = None, language: str = "fr",
                 skipped: list[BadArticle | BadArchive] | None = None) -> Iterator[Article]:
    """The articles of one WARC file, in record order: every `response` record with status 200 and an HTML
    content type, read by `toolkit.ingest.webpages.read_html` (redirects, errors, images, request and metadata
    records are not articles and are passed over).

    Metadata: the record's `WARC-Target-URI` is the URL; the date is the page's own publication date, else the
    record's `WARC-Date` (the capture date, noted in `problems`); the outlet is the page's site name, else the host.
    The id is the host and a hash of the URL, so the same page has the same id in every crawl. A URL captured twice
    is read once (the first capture). A truncated or malformed archive raises `BadArchive`; with a `skipped` list,
    the error is appended there and the complete records before the damage are kept. A record whose page has no
    main text raises `BadArticle` (or is appended to `skipped`)."""
    from toolkit.ingest.encoding import decode
    from toolkit.ingest.webpages import declared_charset, read_html

    event = event or archive_name(path)
    if path.name.lower().endswith(".gz"):
        damage = _gzip_damage(path)
        if damage:
            _fail(BadArchive(path, f"truncated or corrupt ({damage})",
                             "fetch or copy the archive again; with --skip-bad the complete records before the damage are read"),
                  skipped)
    seen: dict[str, Article] = {}
    for number, record, data in _html_responses(path, skipped):
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        where = f"{path}, record {number} ({url})"
        if url in seen:
            seen[url].problems.append(f"captured again in record {number}; only the first capture is read")
            continue
        try:
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            decoded = decode(data, where, declared=_charset(content_type) or declared_charset(data), language=language)
            page = read_html(decoded.text, where, url=url)
        except BadArticle as err:
            _fail(err, skipped)
            continue
        problems = [decoded.problem] if decoded.problem else []
        published = page.published
        if published is None:
            published = _warc_date(record.rec_headers.get_header("WARC-Date"))
            if published is not None:
                problems.append("published: the archive's capture date (the page gives no date)")
        host = (urlsplit(url).hostname or "unknown").removeprefix("www.")
        article = Article(
            article_id=f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}",
            source=page.source or host,
            text=normalize_text(page.text),
            path=path,
            url=url or page.url,
            published=published,
            language=page.language or language,
            title=page.title,
            event=event,
            event_given=False,              # an archive names no event: the stories stage groups its pages
            problems=problems,
        )
        seen[url] = article
        yield article


def _html_responses(path: Path, skipped: list | None):
    """(record number, record, payload) of each HTML response with status 200; warcio's errors become `BadArchive`,
    and so does a record cut short (warcio hands back what is there without a word)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    fix = "fetch or copy the archive again; with --skip-bad the complete records before the damage are read"
    with path.open("rb") as handle:
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                record = next(records, None)
                if record is None:
                    return
                number += 1
                if record.rec_type != "response" or not record.http_headers:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if record.http_headers.get_statuscode() != "200" or not content_type.startswith(HTML_TYPES):
                    continue
                data = record.content_stream().read()
            except (ArchiveLoadFailed, ValueError, TypeError, EOFError, zlib.error) as err:
                _fail(BadArchive(path, f"malformed after record {number} ({type(err).__name__}: {err})", fix), skipped)
                return
            if record.raw_stream.limit:
                url = record.rec_headers.get_header("WARC-Target-URI")
                _fail(BadArchive(path, f"truncated inside record {number} ({url}): {record.raw_stream.limit} bytes missing",
                                 fix), skipped)
                return
            yield number, record, data


def _fail(err, skipped: list | None) -> None:
    if skipped is None:
        raise err
    skipped.append(err)


def _gzip_damage(path: Path) -> str | None:
    """Decompress the whole file once, in chunks, to find a truncation that warcio would pass over in silence."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as err:
        return str(err)
    return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
