"""Read a saved web page into its article text and metadata with trafilatura (main text) and htmldate (date)."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timezone
from pathlib import Path

from toolkit.errors import BadArticle
from toolkit.ingest.page import Page

HTML_SUFFIXES = (".html", ".htm")

# htmldate reads the page's markup and its URL, not dates written in the text (extensive_search=False):
# a date in the body is as often the date of what the article reports as the date it was published.
# The date in the URL only when the markup gives none: the markup often has the time too.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "deferred_url_extractor": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag of its first 4 KiB (where HTML requires it), if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html(html: str, where: str | Path, *, url: str | None = None) -> Page:
    """The page's headline and main text, and its site name, canonical URL and publication date.

    The text is the headline on the first line, then the main text's blocks (paragraphs, subheads, list items,
    line breaks) one per paragraph separated by a blank line, as a scraped `.txt` article reads. Navigation,
    footers, comments and tables are left out. trafilatura is asked to favour precision, so that a page without an
    article (a menu and a footer only) raises `BadArticle` naming `where` rather than becoming an article of menus."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # lxml's FutureWarnings from inside trafilatura say nothing about the page
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True, date_extraction_params=_DATE_PARAMS)
    body = doc.text if doc is not None and doc.text else ""
    blocks = [line.strip() for line in body.split("\n") if line.strip()]
    if not blocks:
        raise BadArticle(where, "no article text found in the page (no main text in its <body>)",
                         "check that the file is the saved article page, or pass --skip-bad to build without it")
    title = (doc.title or "").strip() or None
    if title and blocks[0] != title:
        blocks.insert(0, title)
    return Page(text="\n\n".join(blocks), title=title, source=(doc.sitename or "").strip() or None,
                url=doc.url or url, published=_published(doc.date))


def _published(value: str | None) -> datetime | None:
    """htmldate's date → aware UTC datetime; a date without a time is midnight UTC, as in the manifest."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
