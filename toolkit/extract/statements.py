"""Find the journalist's own factual statements that carry a date, a duration, a count, an ordinal or a place, and
normalise the value so the same fact can be compared across outlets.

Only sentences with no quotation and no reported speech are read (those are claims of their speakers). Weekdays
and "hier"/"demain" resolve against the article's publication date (the most recent such day on or before it,
or the next one after "prochain"); a date without a year takes the publication year. A sentence with several facts
gives one row per fact. Does not read written-out compound numbers beyond simple sums ("vingt-quatre"),
fractions or ranges.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from toolkit.extract.lexicon import DATA
from toolkit.text import fold


@dataclass(frozen=True)
class Fact:
    slot: str
    start: int
    end: int
    value: str | None
    qualifier: str
    about: str | None


@dataclass(frozen=True)
class _Words:
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    relative: dict
    numbers: dict
    multipliers: dict
    ordinals: dict
    durations: dict
    qualifiers: dict
    not_counted: frozenset
    not_ordinal: frozenset
    not_adjective: frozenset
    adjective: re.Pattern

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=None)
def words(language: str = "fr") -> _Words:
    data = tomllib.loads((DATA / language / "facts.toml").read_text(encoding="utf-8"))
    f = lambda d: {fold(k): v for k, v in d.items()}
    return _Words(tuple(fold(w) for w in data["weekdays"]), tuple(fold(m) for m in data["months"]), f(data["relative_days"]),
                  f(data["numbers"]), f(data["multipliers"]), f(data["ordinals"]), f(data["durations"]), f(data["qualifiers"]),
                  frozenset(fold(w) for w in data["not_counted"]), frozenset(fold(w) for w in data["not_ordinal"]),
                  frozenset(fold(w) for w in data["not_adjective"]),
                  re.compile("(?:" + "|".join(sorted((fold(e) for e in data["adjective_endings"]), key=len, reverse=True)) + ")$"))


@lru_cache(maxsize=None)
def _patterns(w: _Words) -> dict[str, re.Pattern]:
    alt = lambda items: "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
    word = rf"(?:{alt(w.numbers)})(?![\w])"
    number = rf"(?:\d{{1,3}}(?:[ .\u00a0\u202f]\d{{3}})+(?![\d])|\d+(?:,\d+)?|{word}(?:[ -](?:et[ -])?{word})*)"
    qualifier = rf"(?:(?P<q>{alt(w.qualifiers)})\s*)?"
    return {
        "date": re.compile(rf"(?<![\w'])(?:(?P<wd>{alt(w.weekdays)})\s+)?(?P<day>\d{{1,2}}|1er)\s+(?P<month>{alt(w.months)})(?:\s+(?P<year>\d{{4}}))?(?![\w])"),
        "weekday": re.compile(rf"(?<![\w'])(?P<wd>{alt(w.weekdays)})(?:\s+(?P<part>matin|soir|midi|apres-midi|apres midi))?(?:\s+(?P<dir>prochain|dernier))?(?![\w])"),
        "relative": re.compile(rf"(?<![\w'])(?P<rel>{alt(w.relative)})(?![\w])"),
        "year": re.compile(r"(?<![\w'])(?:en|depuis)\s+(?P<year>(?:19|20)\d{2})(?![\w])"),
        "duration": re.compile(rf"(?<![\w']){qualifier}(?P<n>{number})\s+(?P<unit>{alt(w.durations)})(?![\w])"),
        "count": re.compile(rf"(?<![\w']){qualifier}(?P<n>{number})(?:\s+(?P<mult>{alt(w.multipliers)}))?(?:\s+(?:de|d'))?\s*(?P<noun>[a-z][\w'-]+)(?:\s+(?P<adj>[a-z][\w-]+))?"),
        "ordinal": re.compile(rf"(?<![\w'])(?P<ord>{alt(k for k, v in w.ordinals.items() if v > 0)})\s+(?P<noun>[a-z][\w-]+)"),
    }


def to_number(token: str, w: _Words) -> float | None:
    token = token.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+|\d+(?:,\d+)?", token):   # 1 200, 1.004 (thousands), 6,20 (decimal)
        return float(token.replace(" ", "").replace(".", "").replace(",", "."))
    total, current = 0, 0
    for part in re.split(r"[ -]+", token):
        if part == "et":
            continue
        value = w.numbers.get(part)
        if value is None:
            return None
        if value in (100, 1000) and current:
            current *= value
        else:
            current += value
    return float(total + current)


def _resolve_weekday(name: str, direction: str | None, published: date | None, w: _Words) -> str | None:
    if published is None:
        return None
    target = w.weekdays.index(name)
    delta = (published.weekday() - target) % 7
    if direction == "prochain":
        return (published + timedelta(days=(target - published.weekday()) % 7 or 7)).isoformat()
    if direction == "dernier" and delta == 0:
        delta = 7
    return (published - timedelta(days=delta)).isoformat()


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def facts(text: str, start: int, end: int, published: date | None, language: str = "fr") -> list[Fact]:
    """Every normalisable fact in text[start:end] (the folded text keeps offsets)."""
    w = words(language)
    p = _patterns(w)
    low = fold(text[start:end])
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def add(fact: Fact) -> None:
        if not any(a < fact.end and fact.start < b for a, b in taken):
            found.append(fact)
            taken.append((fact.start, fact.end))

    for m in p["date"].finditer(low):
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        month = w.months.index(m.group("month")) + 1
        year = int(m.group("year")) if m.group("year") else (published.year if published else None)
        try:
            value = date(year, month, day).isoformat() if year else f"--{month:02d}-{day:02d}"
        except ValueError:
            value = None
        add(Fact("date", start + m.start(), start + m.end(), value, "exact", None))
    for m in p["relative"].finditer(low):
        value = (published + timedelta(days=w.relative[m.group("rel")])).isoformat() if published else None
        add(Fact("date", start + m.start(), start + m.end(), value, "exact", None))
    for m in p["weekday"].finditer(low):
        value = _resolve_weekday(m.group("wd"), m.group("dir"), published, w)
        add(Fact("date", start + m.start(), start + m.end(), value, "exact", None))
    for m in p["year"].finditer(low):
        add(Fact("date", start + m.start("year"), start + m.end("year"), m.group("year"), "exact", None))
    for m in p["duration"].finditer(low):
        n = to_number(m.group("n"), w)
        if n is None:
            continue
        unit = w.durations[m.group("unit")]
        value = f"P{'T' if unit.startswith('T') else ''}{_fmt(n)}{unit[-1]}"
        add(Fact("duration", start + m.start(), start + m.end(), value, w.qualifiers.get(m.group("q") or "", "exact"), None))
    for m in p["ordinal"].finditer(low):
        noun = m.group("noun")
        if noun in w.not_counted or noun in w.not_ordinal:
            continue
        add(Fact("ordinal", start + m.start(), start + m.end(), str(w.ordinals[m.group("ord")]), "exact",
                 text[start + m.start("noun"):start + m.end("noun")]))
    for m in p["count"].finditer(low):
        raw, noun = m.group("n"), m.group("noun")
        if raw in ("un", "une") or noun in w.not_counted or re.fullmatch(r"(?:19|20)\d{2}", raw):
            continue
        if not text[start + m.start("noun")].islower() or low[max(0, m.start() - 1):m.start()] in ("-", "/", ":"):
            continue              # "2023-09 Le président", "0 Commentaire": not a count of things
        n = to_number(raw, w)
        if n is None:
            continue
        if m.group("mult"):
            n *= w.multipliers[m.group("mult")]
        qualifier = "about" if raw.endswith("aine") else w.qualifiers.get(m.group("q") or "", "exact")
        with_adj = m.group("adj") and w.adjective.search(m.group("adj")) and m.group("adj") not in w.not_adjective
        end_at = m.end("adj") if with_adj else m.end("noun")
        about = text[start + m.start("noun"):start + end_at]
        add(Fact("count", start + m.start(), start + end_at, _fmt(n), qualifier, about))
    return sorted(found, key=lambda f: (f.start, f.slot))
