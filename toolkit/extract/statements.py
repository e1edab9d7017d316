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


@dataclass(frozen=True)
class _Scene:
    """Words of the place and participant rules (facts.toml [places], [participants]), compiled once."""

    named_place: re.Pattern       # « au cosmodrome (russe) de Vostotchny »
    region: re.Pattern            # « dans l'Est de la Russie », « dans l'Extrême-Orient russe »
    at_place: re.Pattern          # « à Vladivostok », « en Russie »
    from_place: re.Pattern        # « Parti dimanche soir de Pyongyang »
    not_places: frozenset
    meeting_verb: re.Pattern
    meeting_with: re.Pattern      # « discussions prévues avec » + someone
    between: re.Pattern           # « entre » + someone « et » someone
    group: re.Pattern             # « les deux dirigeants »

    def __hash__(self) -> int:
        return id(self)


_NAME = r"[A-ZÀ-Ý][\w’'-]+(?:(?:\s+(?:du|de\s+la|des|de|d['’]))?\s*[A-ZÀ-Ý][\w’'-]+){0,3}"


@lru_cache(maxsize=None)
def scene(language: str = "fr") -> _Scene:
    data = tomllib.loads((DATA / language / "facts.toml").read_text(encoding="utf-8"))
    grammar = tomllib.loads((DATA / language / "grammar.toml").read_text(encoding="utf-8"))
    alt = lambda items: "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
    places, people = data["places"], data["participants"]
    nouns = alt(set(places["nouns"]) | set(grammar["names"]["place_nouns"]))
    det = r"(?:(?:le|la|les|l['’])\s*)?"
    return _Scene(
        named_place=re.compile(rf"(?<![\w'’])(?:à|au|aux|en|dans|sur|depuis|vers|près\s+du|près\s+de)\s+{det}"
                               rf"(?P<span>(?:{nouns})(?:\s+[a-zà-ÿ-]+)?\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
                               rf"(?P<name>{_NAME}))"),
        region=re.compile(rf"(?<![\w'’])dans\s+(?P<span>l['’](?P<region>(?i:{alt(places['regions'])}))"
                          rf"(?:\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)(?P<name>{_NAME})|\s+(?P<adj>[a-zà-ÿ-]+)))"),
        at_place=re.compile(rf"(?<![\w'’])(?:à|en)\s+(?P<span>(?P<name>{_NAME}))"),
        from_place=re.compile(rf"(?<![\w'’])(?i:{alt(places['from_verbs'])})\b[^,.;:«»]{{0,30}}?\s(?:de|d['’])\s*(?P<span>(?P<name>{_NAME}))"),
        not_places=frozenset(places["not_places"]),
        meeting_verb=re.compile(rf"(?<![\w'’])(?:{alt(people['meeting_verbs'])})(?![\w-])"),
        meeting_with=re.compile(rf"(?<![\w'’])(?:{alt(people['meeting_nouns'])})(?:\s+[a-zà-ÿ]+)?\s+avec\s+", re.IGNORECASE),
        between=re.compile(rf"(?<![\w'’])(?:{alt(people['meeting_nouns'])})(?:\s+[a-zà-ÿ]+)?\s+entre\s+", re.IGNORECASE),
        group=re.compile(rf"(?<![\w'’])(?:les|des|ces|aux)\s+(?:deux|trois|quatre|cinq|\d+)\s+(?:{alt(people['groups'])})(?![\w-])",
                         re.IGNORECASE),
    )


def places(text: str, start: int, end: int, persons: list[tuple[int, int, str]], language: str = "fr") -> list[Fact]:
    """Where the sentence's event happens, named in the text (no registry needed): a place noun with its name (« au
    cosmodrome de Vostotchny »), a part of a country (« dans l'Est de la Russie »), « à » or « en » with a name (« à
    Vladivostok », « en Russie ») and where someone comes from (« parti de Pyongyang »). A name that is a person's
    (`persons`: their spans) or a listed non-place (« en Conseil des ministres ») is none. The value is the name."""
    s = scene(language)
    found: list[Fact] = []

    def add(m, value: str) -> None:
        a, b = m.start("span"), m.end("span")
        if any(pa < b and a < pb for pa, pb, _ in persons) or any(f.start < b and a < f.end for f in found):
            return
        found.append(Fact("place", a, b, value, "exact", None))

    for m in s.named_place.finditer(text, start, end):
        add(m, m.group("name"))
    for m in s.region.finditer(text, start, end):
        add(m, f"{m.group('region').lower()} {m.group('name') or m.group('adj')}")
    for pattern in (s.from_place, s.at_place):
        for m in pattern.finditer(text, start, end):
            if m.group("name").split()[0] not in s.not_places:
                add(m, m.group("name"))
    return sorted(found, key=lambda f: f.start)


def participants(text: str, start: int, end: int, persons: list[tuple[int, int, str]], language: str = "fr") -> list[Fact]:
    """Who took part, as the sentence names them: two people joined by « et » (« Vladimir Poutine et le dirigeant
    nord-coréen Kim Jong Un »), the two sides of a meeting verb (« X rencontre son homologue Y », « pour rencontrer Y »),
    someone after « entre » or « avec » a meeting noun (« discussions entre X et Y », « entretien avec Y »), and a
    counted group (« les deux dirigeants »). `persons`: the spans and names of the people the article names. The value
    is the names, sorted, or the group as printed."""
    s = scene(language)
    inside = [(a, b, n) for a, b, n in persons if start <= a and b <= end]
    found: list[Fact] = []

    def add(a: int, b: int, value: str | None = None) -> None:
        if b <= a or any(f.start < b and a < f.end for f in found):
            return
        names = sorted({n for pa, pb, n in inside if a <= pa and pb <= b})
        found.append(Fact("participants", a, b, value or "; ".join(names), "exact", None))

    for (a1, b1, n1), (a2, b2, n2) in zip(inside, inside[1:]):          # « X et [le dirigeant …] Y »
        if n1 != n2 and re.fullmatch(r"\s+et\s+(?:(?:le|la|l['’]|son|sa)\s*[^,.;:«»()]{0,40}?)?", text[b1:a2]):
            add(a1, b2)
    for m in s.meeting_verb.finditer(text, start, end):                 # « X rencontre Y »
        clause_start = max(start, text.rfind(",", start, m.start()) + 1)
        clause_end = next((k for k in range(m.end(), end) if text[k] in ",.;:"), end)
        before = [p for p in inside if clause_start <= p[0] and p[1] <= m.start()]
        after = [p for p in inside if m.end() <= p[0] and p[1] <= clause_end]
        subject = re.match(r"\s*(?:(?:le|la|l['’]|les|il|elle|ils|elles)\b)", text[clause_start:m.start()], re.IGNORECASE)
        if after and (before or subject):
            add(before[0][0] if before else clause_start + subject.start() + len(text[clause_start:m.start()]) - len(text[clause_start:m.start()].lstrip()), after[-1][1])
        elif not after and (before or subject):        # « son homologue nord-coréen »: a counterpart, not a thing
            obj = re.match(r"\s+(?:son|sa|ses|leur|leurs)\s*[^,.;:«»()]{2,40}?(?=\s+(?:ce|cet|cette|au|à|en|pour|lors|dans|sur|le\s+\d)\b|[,.;:]|$)",
                           text[m.end():end])
            if obj:
                first = before[0][0] if before else clause_start + len(text[clause_start:m.start()]) - len(text[clause_start:m.start()].lstrip())
                add(first, m.end() + obj.end(), None)
    for pattern in (s.between, s.meeting_with):                       # « entre X et Y », « avec Y »
        for m in pattern.finditer(text, start, end):
            people = [p for p in inside if m.end() <= p[0] and p[0] - m.end() < 60]
            if people:
                last = people[1] if pattern is s.between and len(people) > 1 and re.fullmatch(
                    r"\s+et\s+(?:(?:le|la|l['’])\s*[^,.;:«»()]{0,40}?)?", text[people[0][1]:people[1][0]]) else people[0]
                add(m.start(), last[1])
    for m in s.group.finditer(text, start, end):                        # « les deux dirigeants »
        add(m.start(), m.end(), fold(m.group()))
    return sorted(found, key=lambda f: f.start)
