"""One article file of a folder (a `.txt` text or a saved `.html` page) read into a `Page`: text and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

PAGE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Page:
    """What one input file or record holds: the text offsets will index and the metadata the page carries."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    problems: list[str] = field(default_factory=list)


def read_page(path: Path, *, language: str = "fr") -> Page:
    """Read `path` by its suffix; the text is normalised (NFC, \\n newlines) and a text not in UTF-8 is decoded by
    detection, the decision recorded in `problems`. Raises `BadArticle` for what cannot be read."""
    from toolkit.ingest.articles import normalize_text
    from toolkit.ingest.encoding import decode

    data = path.read_bytes()
    if path.suffix.lower() == ".txt":
        decoded = decode(data, path, language=language)
        return Page(normalize_text(decoded.text), problems=[decoded.problem] if decoded.problem else [])
    from toolkit.ingest.webpages import declared_charset, read_html

    decoded = decode(data, path, declared=declared_charset(data), language=language)
    page = read_html(decoded.text, path)
    page.text = normalize_text(page.text)
    page.problems[:0] = [decoded.problem] if decoded.problem else []
    return page
