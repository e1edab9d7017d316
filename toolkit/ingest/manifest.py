"""Read and check `manifest.csv`: one row per article file with its outlet, URL, date and language."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from toolkit.errors import BadManifest

MIN_PUBLISHED, MAX_PUBLISHED = 1600, 2999  # years
COLUMNS = ("file", "source", "url", "published", "language", "title", "event")
MANIFEST_NAME = "manifest.csv"


@dataclass(frozen=True)
class ManifestRow:
    file: str
    source: str | None
    url: str | None
    published: datetime | None
    language: str | None
    title: str | None
    event: str | None


def parse_published(value: str, path: Path, line: int) -> datetime | None:
    """ISO date or datetime → aware UTC datetime; a bare date is midnight UTC, a naive time is taken as UTC."""
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            parsed = datetime.combine(date.fromisoformat(value), datetime.min.time())
        else:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadManifest(path, f"'{value}' is not an ISO date or datetime",
                          "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]", line=line, field="published") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        parsed = parsed.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00+14:00 or 9999-12-31T23:59-12:00: no UTC time exists
        raise BadManifest(path, f"'{value}' has no UTC equivalent (it falls before year 1 or after year 9999)",
                          "give the real publication date", line=line, field="published") from None
    if not MIN_PUBLISHED <= parsed.year <= MAX_PUBLISHED:  # a Parquet timestamp[ms] holds these, and no paper is older
        raise BadManifest(path, f"'{value}' is not a plausible publication date", "give the real publication date",
                          line=line, field="published")
    return parsed


MULTILINE = ("title",)  # a quoted headline may run over two lines; no other value holds a line break


def _swallowed_row(values: dict, folder: Path) -> str | None:
    """The field into which an unclosed quotation mark swallowed the following row(s), if any: a line break in a
    one-line field, or a continuation line of the title that reads as a row naming an article file."""
    for name, value in values.items():
        if not value or "\n" not in value:
            continue
        if name not in MULTILINE:
            return name
        for rest in value.splitlines()[1:]:
            first = rest.split(",", 1)[0].strip().strip('"')
            if "," in rest and first and (folder / first).is_file():
                return name
    return None


def read_manifest(folder: Path) -> dict[str, ManifestRow]:
    """Rows by file name; an absent manifest gives an empty dict (every article then loads with defaults)."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadManifest(path, f"not UTF-8 ({err.reason} at byte {err.start})", "save the manifest as UTF-8") from None
    # strict: an unclosed quotation mark at the end of the file is an error, not a value that runs to the end.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        records = [(reader.line_num, record) for record in reader]
    except csv.Error as err:
        raise BadManifest(path, f"is not valid CSV ({err})", "close every quotation mark; a value may not exceed "
                          f"{csv.field_size_limit()} characters", line=reader.line_num + 1) from None
    if "file" not in header:
        raise BadManifest(path, f"no 'file' column (found: {', '.join(header) or 'nothing'})",
                          f"the first line must name the columns, among {', '.join(COLUMNS)}", line=1)
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise BadManifest(path, f"unknown column(s) {', '.join(unknown)}", f"use only {', '.join(COLUMNS)}", line=1)
    rows: dict[str, ManifestRow] = {}
    for line, record in records:
        if None in record:
            raise BadManifest(path, "more values than columns", "quote values that contain commas", line=line)
        values = {name: (record.get(name) or "").strip() or None for name in COLUMNS}
        swallowed = _swallowed_row(values, folder)
        if swallowed:
            raise BadManifest(path, "a value runs over several lines and takes in the next row (an unclosed quotation mark?)",
                              "close the quotation mark", line=line, field=swallowed)
        name = values["file"]
        if not name:
            raise BadManifest(path, "empty file name", "give the article's file name", line=line, field="file")
        if name in (".", "..") or "/" in name or "\\" in name or Path(name).is_absolute():
            raise BadManifest(path, f"'{name}' is not a file name in the folder (a path is given)",
                              "give the bare name of a file inside the folder", line=line, field="file")
        if name in rows:
            raise BadManifest(path, f"'{name}' is listed twice", "keep one row per file", line=line, field="file")
        if not (folder / name).is_file():
            raise BadManifest(path, f"'{name}' does not exist in {folder}", "fix the name or remove the row", line=line, field="file")
        published = parse_published(values["published"] or "", path, line)
        language = values["language"].lower() if values["language"] else None
        if language and not re.fullmatch(r"[a-z]{2,3}", language):
            raise BadManifest(path, f"'{values['language']}' is not a language code", "use an ISO 639-1 code such as fr",
                              line=line, field="language")
        rows[name] = ManifestRow(name, values["source"], values["url"], published, language, values["title"], values["event"])
    return rows
