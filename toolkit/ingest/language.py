"""Load the language data of the ingest stage (`toolkit/data/<language>/ingest.toml`): encodings and page layout words."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.errors import BadLexicon

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class IngestData:
    legacy_encodings: tuple[str, ...] = ()       # 8-bit encodings, most likely first
    standfirst_classes: frozenset[str] = frozenset()
    related_link_openers: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def ingest_data(language: str) -> IngestData:
    """The language's ingest data; a language without the file gets none (nothing preferred, nothing left out)."""
    path = DATA / language / "ingest.toml"
    if not path.is_file():
        return IngestData()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise BadLexicon(path, f"not valid TOML ({err})", "fix the file") from None
    return IngestData(tuple(data.get("legacy_encodings", ())),
                      frozenset(w.lower() for w in data.get("standfirst_classes", ())),
                      tuple(w.lower() for w in data.get("related_link_openers", ())))


@lru_cache(maxsize=256)
def link_lines(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """Spans of the lines of a saved text that link to other articles (« » LIRE AUSSI - … »): their names are no
    one the article speaks of, so no antecedent of a pronoun or a description."""
    openers = ingest_data(language).related_link_openers
    if not openers:
        return ()
    spans = []
    for m in re.finditer(r"(?m)^[»>\s]*(.*)$", text):
        line = m.group(1).lower()
        if any(line.startswith(o) for o in openers):
            spans.append((m.start(), m.end()))
    return tuple(spans)
