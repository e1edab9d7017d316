"""Which reader an input needs: a folder (of .txt and .html files and web archives), a web archive, or a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import BadArticle, BadTable, NoArticles, ToolkitError
from toolkit.ingest.article_tables import TABLE_SUFFIXES, read_table, table_name
from toolkit.ingest.articles import Article, article_files, read_collection
from toolkit.ingest.manifest import MANIFEST_NAME
from toolkit.ingest.webarchives import archive_name, is_archive, read_archive

FORMATS = ("folder of .txt and .html files (with manifest.csv)", ".warc / .warc.gz web archives",
           ".jsonl / .csv / .parquet tables of articles")


@dataclass
class Ingested:
    articles: list[Article]
    skipped: list[ToolkitError] = field(default_factory=list)   # bad files or rows left out (skip_bad=True)


def read_input(path: str | Path, *, columns: dict[str, str] | None = None, skip_bad: bool = False) -> Ingested:
    """The articles of `path`, whatever its format, as the same `Article` records.

    A folder: its `.txt` and `.html` files (with `manifest.csv`, see `read_collection`) in file-name order, then the
    records of its `.warc`/`.warc.gz` files, archive by archive. A file: a web archive, or a table of articles
    (`columns` names its columns, see `toolkit.ingest.article_tables.read_table`). A file, row or record that cannot
    be read stops with an error naming it; with `skip_bad`, it is left out and listed in `skipped`."""
    path = Path(path)
    skipped: list[ToolkitError] | None = [] if skip_bad else None
    if columns and not (path.is_file() and path.suffix.lower() in TABLE_SUFFIXES):
        raise BadTable(path, "column names are for a table of articles (.jsonl, .csv, .parquet)",
                       "leave out the --*-column options")
    if path.is_dir():
        archives = sorted(p for p in path.iterdir() if p.is_file() and is_archive(p))
        tables = sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES
                        and p.name != MANIFEST_NAME)
        if tables and not archives and not article_files(path):
            raise NoArticles(path, f"holds no article files, but a table of articles ({', '.join(tables[:3])})",
                             f"give the table itself: claims build {path / tables[0]}")
        articles = read_collection(path, skipped) if article_files(path) or not archives else []
        for archive in archives:
            articles.extend(read_archive(archive, event=path.name, skipped=skipped))
    elif path.is_file() and is_archive(path):
        articles = list(read_archive(path, skipped=skipped))
    elif path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        articles = list(read_table(path, columns, skipped=skipped))
    elif path.exists():
        raise NoArticles(path, "is not a folder, a web archive or a table of articles",
                         f"give one of: {'; '.join(FORMATS)}")
    else:
        raise NoArticles(path, "does not exist", "give the folder or file that holds the articles")
    if not articles:
        first = f"; the first: {skipped[0]}" if skipped else ""
        raise NoArticles(path, f"holds no article that could be read ({len(skipped or [])} left out{first})",
                         "fix the input or give another one")
    _check_unique(articles)
    return Ingested(articles, skipped or [])


def collection_folder(path: str | Path) -> Path:
    """Where an input's `registry.toml` is looked for: the folder itself, or the folder holding the file."""
    path = Path(path)
    return path if path.is_dir() else path.parent


def default_tables(path: str | Path, tables_dir: str) -> Path:
    """Tables of a folder go in FOLDER/tables; those of a file in NAME-tables beside it (two files of one folder
    never overwrite each other's tables)."""
    path = Path(path)
    if path.is_dir():
        return path / tables_dir
    name = archive_name(path) if is_archive(path) else table_name(path)
    return path.parent / f"{name}-{tables_dir}"


def _check_unique(articles: list[Article]) -> None:
    """Ids are unique ignoring case (`a.txt` and `a.TXT` would be one file on some file systems, one row in a
    case-insensitive lookup)."""
    first: dict[str, Article] = {}
    for article in articles:
        earlier = first.setdefault(article.article_id.casefold(), article)
        if earlier is not article:
            raise BadArticle(article.path, f"article id '{article.article_id}' is also the id of an article of {earlier.path}",
                             "give every article its own id (file name, id column or URL)")
