"""Load article files as exact text (NFC, \\n newlines) so that every claim offset can be checked against it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import BadArticle, NoArticles
from toolkit.ingest.manifest import read_manifest

ARTICLE_SUFFIXES = (".txt",)


@dataclass
class Article:
    article_id: str
    source: str
    text: str
    path: Path
    url: str | None = None
    published: datetime | None = None
    language: str = "fr"
    title: str | None = None
    event: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def normalize_text(raw: str) -> str:
    """The only changes made to an article: drop a BOM, unify newlines, compose Unicode (NFC)."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BadArticle(path, f"not UTF-8 ({err.reason} at byte {err.start})", "convert the file to UTF-8", line=line) from None


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def read_collection(folder: str | Path) -> list[Article]:
    """All articles of a folder, sorted by article_id, with manifest fields where the manifest has a row."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NoArticles(folder, "is not a folder", "give the folder that holds the article files")
    manifest = read_manifest(folder)
    files = article_files(folder)
    if not files:
        raise NoArticles(folder, "holds no article files (*.txt)", "put UTF-8 .txt articles in it")
    articles = []
    for path in files:
        row = manifest.get(path.name)
        article_id = path.stem
        articles.append(Article(
            article_id=article_id,
            source=(row and row.source) or f"unknown:{article_id}",
            text=read_text(path),
            path=path,
            url=row and row.url,
            published=row and row.published,
            language=(row and row.language) or "fr",
            title=row and row.title,
            event=(row and row.event) or folder.name,
        ))
    return articles
