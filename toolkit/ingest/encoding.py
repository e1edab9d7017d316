"""Decode the bytes of an article: UTF-8, else the declared charset, else the encoding charset-normalizer detects."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import BadArticle


@dataclass(frozen=True)
class Decoded:
    text: str
    problem: str | None           # how a text that is not UTF-8 was read, for the article's `problems`


def decode(data: bytes, path: str | Path, *, declared: str | None = None, language: str = "fr") -> Decoded:
    """Decode `data`; raise `BadArticle` naming `path` (and the line of the first bad byte) when nothing fits.

    UTF-8 first (a BOM is dropped later by normalisation); then the charset the page or the HTTP header declares;
    then charset-normalizer, preferring among equally good encodings the legacy ones of `language`
    (`toolkit/data/<language>/ingest.toml`), since a short French text decodes without error in cp1250 too."""
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError as err:
        first_bad = err
    if declared and _codec(declared) not in (None, "utf-8"):
        try:
            text = data.decode(_codec(declared))
            return Decoded(text, f"not UTF-8: decoded as {_codec(declared)}, the charset the document declares")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if matches:
        best = matches[0]
        tied = [m for m in matches if m.percent_chaos == best.percent_chaos and m.percent_coherence == best.percent_coherence]
        for encoding in legacy_encodings(language):
            for match in tied:
                if encoding in (_codec(e) for e in match.could_be_from_charset):
                    try:
                        return Decoded(data.decode(encoding), _detected(encoding, match))
                    except UnicodeDecodeError:
                        break
        return Decoded(str(best), _detected(_codec(best.encoding), best))
    line = data[: first_bad.start].count(b"\n") + 1
    raise BadArticle(path, f"not UTF-8 ({first_bad.reason} at byte {first_bad.start}) and no text encoding fits it",
                     "convert the file to UTF-8, or pass --skip-bad to build without it", line=line)


def _detected(encoding: str, match) -> str:
    return f"not UTF-8: decoded as {encoding} (detected by charset-normalizer, {100 - match.percent_chaos:.0f}% clean)"


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def legacy_encodings(language: str) -> tuple[str, ...]:
    """The language's 8-bit encodings from its data file (none when the language has no such file)."""
    from toolkit.ingest.language import ingest_data

    return tuple(c for c in (_codec(n) for n in ingest_data(language).legacy_encodings) if c)
