"""Offset-preserving text helpers: accent/case folding, paragraphs and sentences."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

_APOSTROPHES = "’‘ʼ`´"
_DASHES = "-‐‑‒–—"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return " " if ch in "-‐‑" else ch
    if ch in "\u00a0\u202f\u2009\u2007":
        return " "
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = value = _fold_char(chr(code))
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes and hyphens, one character for one: offsets stay valid."""
    return text.translate(_TABLE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; French articles put one paragraph per line."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


class Spans(list):
    """(start, end) spans, sorted, that answer "is this offset inside one?" in log time.

    A plain list of pairs to any code that iterates it; the questions below replace scans of every span, which made
    extraction quadratic in the length of an article. Spans may nest or overlap: `_reach[i]` is the furthest end
    among the first i + 1 spans, so "some span that starts before x ends after y" is one bisect."""

    def __init__(self, spans=()):
        super().__init__(sorted((int(a), int(b)) for a, b in spans))
        self._starts = [a for a, _ in self]
        self._reach, furthest = [], -1
        for _, b in self:
            furthest = max(furthest, b)
            self._reach.append(furthest)
        self._ends = frozenset(b for _, b in self)

    @classmethod
    def of(cls, spans) -> "Spans":
        return spans if isinstance(spans, Spans) else cls(spans)

    def _reaches(self, count: int, beyond: int) -> bool:
        """Whether one of the first `count` spans ends after `beyond`."""
        return count > 0 and self._reach[count - 1] > beyond

    def strictly_inside(self, pos: int) -> bool:
        """a < pos < b for some span."""
        return self._reaches(bisect_left(self._starts, pos), pos)

    def inside(self, pos: int) -> bool:
        """a <= pos < b for some span."""
        return self._reaches(bisect_right(self._starts, pos), pos)

    def overlaps(self, start: int, end: int) -> bool:
        """a < end and start < b for some span."""
        return self._reaches(bisect_left(self._starts, end), start)

    def crosses(self, start: int, end: int) -> bool:
        """a < start and end < b for some span (it opens before start and closes after end)."""
        return self._reaches(bisect_left(self._starts, start), end)

    def covers(self, start: int, end: int) -> bool:
        """a <= start and end <= b for some span."""
        return self._reaches(bisect_right(self._starts, start), end - 1)

    def ends_at(self, pos: int) -> bool:
        return pos in self._ends

    def starting_from(self, start: int, end: int | None = None) -> list[tuple[int, int]]:
        """The spans with start <= a (and a <= end), in order."""
        lo = bisect_left(self._starts, start)
        hi = len(self) if end is None else bisect_right(self._starts, end)
        return self[lo:hi]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans with a < end and start < b, in order."""
        first = bisect_right(self._reach, start)      # before it, no span reaches past start
        last = bisect_left(self._starts, end)
        return [(a, b) for a, b in self[first:last] if b > start]

    def first_from(self, start: int) -> tuple[int, int] | None:
        """The first span with a >= start."""
        i = bisect_left(self._starts, start)
        return self[i] if i < len(self) else None


# A sentence ends at . ! ? … followed by space(s) and a capital, a quote mark, a dash or a digit; not after an
# abbreviation or an initial.
_END = re.compile(r"[.!?…]+[\u00a0\u202f ]?[»”\"]?(?=[\s\u00a0]+[«“\"A-ZÀ-ÖØ-Þ0-9—–(-])")
_ABBREV = re.compile(r"(?:\b(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|St|Ste|av|apr|J\.-C|etc|cf|p|n°|art|vol|éd|env|min|max|No)|\b[A-ZÀ-Ý])$")


def sentences(text: str, start: int, end: int, masked: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of the sentences of text[start:end]; no boundary falls inside a masked span (a quotation)."""
    masked = Spans.of(masked)
    spans, cursor = [], start
    segment = text[start:end]
    for match in _END.finditer(segment):
        stop = start + match.end()
        # inside a quotation no sentence ends, except where its closing mark ends the sentence too (« … réserves. »)
        if masked.crosses(stop - 1, stop):
            continue
        if text[stop - 1] in "»”\"" and not masked.ends_at(stop):
            if masked.crosses(start + match.start(), stop) or not masked:
                continue
            # a mark that closes no quotation after the full stop (« … rassembler. » LIRE AUSSI - … », a link
            # line run into the text): the sentence ends at the stop, the mark opens what follows
            stop = start + match.start() + len(match.group().rstrip("»”\"\u00a0\u202f "))
        if _ABBREV.search(text[max(cursor, stop - 12): stop - 1]) and match.group() == ".":
            continue
        spans.append(_trim(text, cursor, stop))
        cursor = stop
    if cursor < end:
        spans.append(_trim(text, cursor, end))
    return [s for s in spans if s[1] > s[0]]


_TIMESTAMP = re.compile(r"\d{1,2}\s?[h:]\s?\d{2}\s*[—–-]\s+")   # a live-blog entry: "14h05 — …"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    stamp = _TIMESTAMP.match(text, start, end)
    if stamp:
        start = stamp.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def strip_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """Narrow (start, end) past any of `chars` at either edge."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased, accent-folded word tokens: what similarity measures compare."""
    return [w.strip("'-") for w in WORD.findall(fold(text)) if w.strip("'-")]
