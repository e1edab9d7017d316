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


def read_html(html: str, where: str | Path, *, url: str | None = None, language: str = "fr") -> Page:
    """The page's headline and main text, and its site name, canonical URL and publication date.

    The text is the headline on the first line, then the standfirst (chapô) when the page sets it apart from the
    body, then the main text's blocks (paragraphs, subheads, quotations, list items, line breaks), one paragraph each,
    separated by blank lines, as a scraped `.txt` article reads. Navigation, bylines, figures, footers, comments and
    tables are left out (trafilatura), and so are links to other articles among the paragraphs ("Lire aussi : …",
    `related_link_openers` in `toolkit/data/<language>/ingest.toml`). trafilatura is asked to favour precision, so
    that a page without an article (a menu and a footer only) raises `BadArticle` naming `where` rather than
    becoming an article of menus. Outlets put the standfirst outside the body, where trafilatura leaves it: the
    first element whose class names it (`standfirst_classes`: « chapo », « standfirst », …) is put back."""
    import trafilatura
    from trafilatura.utils import load_html

    from toolkit.ingest.language import ingest_data

    data = ingest_data(language)
    tree = load_html(html)
    standfirst = _standfirst(tree, data.standfirst_classes) if tree is not None else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # lxml's FutureWarnings from inside trafilatura say nothing about the page
        doc = None if tree is None else trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
            date_extraction_params=_DATE_PARAMS)
    body = doc.text if doc is not None and doc.text else ""
    blocks = [line.strip() for line in body.split("\n") if line.strip() and not _related_link(line, data.related_link_openers)]
    if not blocks:
        raise BadArticle(where, "no article text found in the page (no main text in its <body>)",
                         "check that the file is the saved article page, or pass --skip-bad to build without it")
    if standfirst and not any(standfirst in " ".join(block.split()) for block in blocks):
        blocks.insert(0, standfirst)
    title = (doc.title or "").strip() or None
    if title and blocks[0] != title:
        blocks.insert(0, title)
    return Page(text="\n\n".join(blocks), title=title, source=(doc.sitename or "").strip() or None,
                url=doc.url or url, published=_published(doc.date))


_CLASS_WORDS = re.compile(r"[^\W_]+")
_OUTSIDE = {"header", "nav", "footer", "aside", "form", "script", "style", "noscript", "button", "a", "li"}


def _standfirst(tree, words: frozenset[str]) -> str | None:
    """The text of the first element after the headline (the first <h1>, when there is one) whose class or id holds
    one of `words`, if it reads as a paragraph (20 to 800 characters, not inside a header, menu, footer or aside)."""
    if not words:
        return None
    headline = next(tree.iter("h1"), None)
    after_headline = headline is None
    for element in tree.iter():
        if element is headline:
            after_headline = True
            continue
        if not after_headline or element.tag not in ("p", "div", "h2", "h3", "span", "section"):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if not names.strip() or not words.intersection(_CLASS_WORDS.findall(names)):
            continue
        if any(ancestor.tag in _OUTSIDE for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if 20 <= len(text) <= 800:
            return text
    return None


def _related_link(line: str, openers: tuple[str, ...]) -> bool:
    """"Lire aussi : …", "À VOIR AUSSI - …": a link to another article set among the paragraphs."""
    folded = line.strip().lower()
    for opener in openers:
        if folded.startswith(opener) and folded[len(opener):].lstrip()[:1] in (":", "|", "-", "–", "—", ">"):
            return True
    return False


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
