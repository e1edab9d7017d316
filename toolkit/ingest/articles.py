"""Load article files as exact text (NFC, \\n newlines) so that every claim offset can be checked against it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import BadArticle, NoArticles
from toolkit.ingest.manifest import read_manifest

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")     # each read by toolkit.ingest.page.read_page


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
    event_given: bool = True               # the event comes from the manifest (else the stories stage may set it)
    problems: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def normalize_text(raw: str) -> str:
    """The only changes made to an article: drop a BOM, unify newlines, compose Unicode (NFC)."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder, sorted by name. A symbolic link is refused (it could make the build read and
    store a file from anywhere); ids equal but for case are refused with every input's (toolkit.ingest.inputs)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and (p.is_file() or p.is_symlink()))
    for path in files:
        if path.is_symlink():
            raise BadArticle(path, "is a symbolic link; articles are read only from files inside the folder",
                             "copy the article into the folder instead of linking it")
    return files


def read_collection(folder: str | Path, skipped: list[BadArticle] | None = None) -> list[Article]:
    """All articles of a folder, sorted by article_id, with manifest fields where the manifest has a row (they
    override what a web page says about itself).

    A file that cannot be read raises `BadArticle`; when a `skipped` list is given, the error is appended to it
    instead and the file left out."""
    from toolkit.ingest.page import read_page

    folder = Path(folder)
    if not folder.is_dir():
        raise NoArticles(folder, "is not a folder", "give the folder that holds the article files")
    manifest = read_manifest(folder)
    files = article_files(folder)
    if not files:
        raise NoArticles(folder, "holds no article files (*.txt, *.html)", "put .txt articles or saved .html pages in it")
    articles = []
    for path in files:
        row = manifest.get(path.name)
        article_id = path.stem
        try:
            page = read_page(path, language=(row and row.language) or "fr")
        except BadArticle as err:
            if skipped is None:
                raise
            skipped.append(err)
            continue
        articles.append(Article(
            article_id=article_id,
            source=(row and row.source) or page.source or f"unknown:{article_id}",
            text=page.text,
            path=path,
            url=(row and row.url) or page.url,
            published=(row and row.published) or page.published,
            language=(row and row.language) or page.language or "fr",
            title=(row and row.title) or page.title,
            event=(row and row.event) or folder.name,
            problems=page.problems,
            event_given=bool(row and row.event),
        ))
    return articles
