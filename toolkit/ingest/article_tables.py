"""Read a table of articles (JSON Lines, CSV or Parquet; one article per row) in chunks into `Article` records."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from toolkit.errors import BadArticle, BadTable
from toolkit.ingest.articles import Article, normalize_text

TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")

# Each field of an article and the column names looked for when the user names none, first found wins.
# `html`: a column of saved pages, read like an .html file when the table has no text column.
DEFAULT_COLUMNS = {
    "text": ("text", "content", "body"),
    "html": ("html", "raw_html"),
    "id": ("id", "article_id"),
    "url": ("url",),
    "title": ("title",),
    "source": ("source", "outlet"),
    "published": ("published", "date"),
    "language": ("language",),
    "event": ("event",),
}
FIELDS = tuple(DEFAULT_COLUMNS)
BATCH_ROWS = 1000


def table_name(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def read_table(path: Path, columns: dict[str, str] | None = None, *, event: str | None = None,
               skipped: list[BadArticle] | None = None) -> Iterator[Article]:
    """The articles of one table file, row by row, read `BATCH_ROWS` rows at a time (a file larger than memory
    streams through; only the columns used are read).

    `columns` maps a field (text, html, id, url, title, source, published, language, event) to the column that holds
    it; unnamed fields take the first column of `DEFAULT_COLUMNS` present (in a JSON Lines file, among the keys of
    its first `BATCH_ROWS` lines). A table with neither a text nor an html
    column raises `BadTable`. A bad row (empty text, unreadable date) raises `BadArticle` naming the file and row,
    or is appended to `skipped` and left out when that list is given. Without an id column, a row's id is
    `<file name>-<row number>`."""
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}")
    reader = _READERS[path.suffix.lower()]
    header = reader.header(path)
    chosen = _choose(path, header, columns)
    event = event or table_name(path)
    for number, row in enumerate(reader.rows(path, list(dict.fromkeys(chosen.values()))), start=1):
        try:
            yield _article(path, number, {name: row.get(column) for name, column in chosen.items()}, event,
                           line=number if reader is JsonLines else None)
        except BadArticle as err:
            if skipped is None:
                raise
            skipped.append(err)


def _choose(path: Path, header: list[str], columns: dict[str, str]) -> dict[str, str]:
    """Field → column actually read; a column the user names must exist."""
    chosen = {}
    for name in FIELDS:
        if name in columns:
            if columns[name] not in header:
                raise BadTable(path, f"no column '{columns[name]}' for the article {name} (found: {_listing(header)})",
                               f"name an existing column with --{name}-column", field=columns[name])
            chosen[name] = columns[name]
        else:
            found = next((c for c in DEFAULT_COLUMNS[name] if c in header), None)
            if found:
                chosen[name] = found
    if "text" not in chosen and "html" not in chosen:
        raise BadTable(path, f"no text column (looked for {', '.join(DEFAULT_COLUMNS['text'] + DEFAULT_COLUMNS['html'])}; "
                             f"found: {_listing(header)})", "name the column that holds the article text with --text-column")
    if "text" in chosen:
        chosen.pop("html", None)
    return chosen


def _listing(header: list[str]) -> str:
    return ", ".join(header[:12]) + (", …" if len(header) > 12 else "") if header else "no columns"


def _article(path: Path, number: int, values: dict, event: str, line: int | None) -> Article:
    where = f"row {number}"
    problems: list[str] = []
    page = None
    if "html" in values:
        if not isinstance(values["html"], str) or not values["html"].strip():
            raise BadArticle(path, f"{where}: empty html", "fill it or pass --skip-bad to build without the row",
                             line=line, field="html")
        from toolkit.ingest.webpages import read_html

        page = read_html(values["html"], f"{path}, {where}", url=_string(values.get("url")))
        text = page.text
    else:
        text = values["text"]
        if not isinstance(text, str) or not text.strip():
            raise BadArticle(path, f"{where}: empty text", "fill it or pass --skip-bad to build without the row",
                             line=line, field="text")
    article_id = _string(values.get("id")) if "id" in values else f"{table_name(path)}-{number:06d}"
    if not article_id:
        raise BadArticle(path, f"{where}: empty id", "give every row an id", line=line, field="id")
    language = (_string(values.get("language")) or "fr").lower()
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise BadArticle(path, f"{where}: '{language}' is not a language code", "use an ISO 639-1 code such as fr",
                         line=line, field="language")
    if page is not None:
        problems.extend(page.problems)
    source = _string(values.get("source")) or (page and page.source)
    return Article(
        article_id=article_id,
        source=source or f"unknown:{article_id}",
        text=normalize_text(text),
        path=path,
        url=_string(values.get("url")) or (page and page.url),
        published=_published(values.get("published"), path, where, line) or (page and page.published),
        language=language,
        title=_string(values.get("title")) or (page and page.title),
        event=_string(values.get("event")) or event,
        event_given=bool(_string(values.get("event"))),
        problems=problems,
    )


def _string(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _published(value, path: Path, where: str, line: int | None) -> datetime | None:
    """A timestamp, a date, or an ISO string → aware UTC datetime (naive values are taken as UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, datetime.min.time())
    else:
        text = str(value).strip()
        try:
            parsed = (datetime.combine(date.fromisoformat(text), datetime.min.time()) if len(text) == 10
                      else datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            raise BadArticle(path, f"{where}: '{text}' is not an ISO date or datetime",
                             "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]", line=line, field="published") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


class JsonLines:
    """One JSON object a line, read line by line with the standard library: a bad line is named by its number, and a
    field may be a number on one line and a string on another (pyarrow's JSON reader fixes types from the first block)."""

    @staticmethod
    def header(path: Path) -> list[str]:
        names: dict[str, None] = {}
        for _, record in JsonLines._records(path, limit=BATCH_ROWS):
            names.update(dict.fromkeys(record))
        return list(names)

    @staticmethod
    def rows(path: Path, columns: list[str]) -> Iterator[dict]:
        for _, record in JsonLines._records(path):
            yield {c: record.get(c) for c in columns}

    @staticmethod
    def _records(path: Path, limit: int | None = None) -> Iterator[tuple[int, dict]]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            n = 0
            try:
                for line_number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise BadTable(path, f"not JSON ({err.msg})", "write one JSON object per line", line=line_number) from None
                    if not isinstance(record, dict):
                        raise BadTable(path, "not a JSON object", "write one JSON object per line", line=line_number)
                    yield line_number, record
                    n += 1
                    if limit and n >= limit:
                        return
            except UnicodeDecodeError as err:
                raise BadTable(path, f"not UTF-8 ({err.reason})", "save the table as UTF-8") from None


class Csv:
    """Comma-separated values with a header line, read with pyarrow's streaming CSV reader; every column as text.
    Quoted values may hold newlines (article texts do)."""

    @staticmethod
    def header(path: Path) -> list[str]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            import csv

            try:
                return next(csv.reader(handle), [])
            except UnicodeDecodeError as err:
                raise BadTable(path, f"not UTF-8 ({err.reason})", "save the table as UTF-8") from None

    @staticmethod
    def rows(path: Path, columns: list[str]) -> Iterator[dict]:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        try:
            reader = pcsv.open_csv(
                path, read_options=pcsv.ReadOptions(block_size=1 << 22, use_threads=False),
                parse_options=pcsv.ParseOptions(newlines_in_values=True),
                convert_options=pcsv.ConvertOptions(include_columns=columns, column_types={c: pa.string() for c in columns},
                                                    strings_can_be_null=True))
            yield from _batches(reader)
        except (pa.ArrowInvalid, UnicodeDecodeError) as err:
            raise BadTable(path, f"cannot be read as CSV ({err})", "check its quoting and that it is UTF-8") from None


class Parquet:
    """A Parquet file, read a row group batch at a time with only the columns used."""

    @staticmethod
    def header(path: Path) -> list[str]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(path).schema_arrow.names
        except (pa.ArrowInvalid, OSError) as err:
            raise BadTable(path, f"cannot be read as Parquet ({err})", "check that the file is complete") from None

    @staticmethod
    def rows(path: Path, columns: list[str]) -> Iterator[dict]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            yield from _batches(pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns))
        except (pa.ArrowInvalid, OSError) as err:
            raise BadTable(path, f"cannot be read as Parquet ({err})", "check that the file is complete") from None


def _batches(batches) -> Iterator[dict]:
    for batch in batches:
        yield from batch.to_pylist()


_READERS = {".jsonl": JsonLines, ".csv": Csv, ".parquet": Parquet}
