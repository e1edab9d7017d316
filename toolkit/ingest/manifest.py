"""Read and check `manifest.csv`: one row per article file with its outlet, URL, date and language."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from toolkit.errors import BadManifest

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
    return parsed.astimezone(timezone.utc)


def read_manifest(folder: Path) -> dict[str, ManifestRow]:
    """Rows by file name; an absent manifest gives an empty dict (every article then loads with defaults)."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadManifest(path, f"not UTF-8 ({err.reason} at byte {err.start})", "save the manifest as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "file" not in header:
        raise BadManifest(path, f"no 'file' column (found: {', '.join(header) or 'nothing'})",
                          f"the first line must name the columns, among {', '.join(COLUMNS)}", line=1)
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise BadManifest(path, f"unknown column(s) {', '.join(unknown)}", f"use only {', '.join(COLUMNS)}", line=1)
    rows: dict[str, ManifestRow] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            raise BadManifest(path, "more values than columns", "quote values that contain commas", line=line)
        values = {name: (record.get(name) or "").strip() or None for name in COLUMNS}
        name = values["file"]
        if not name:
            raise BadManifest(path, "empty file name", "give the article's file name", line=line, field="file")
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
