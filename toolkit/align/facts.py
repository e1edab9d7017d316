"""Cluster the journalists' statements by what they are about, and flag the clusters whose values conflict.

Statements meet only within one event and one slot (date, duration, count, ordinal, place). Two statements are
about the same thing when the thing counted or ranked (`fact_about`, "salariés" ~ "employés") is the same, or,
for dates and durations (which have none), when the words around the value in its clause are alike ("arrivé
mardi soir en Russie" ~ "est arrivé mardi 12 septembre en Russie", not "parti dimanche soir de Pyongyang"). A
duration with nothing around it is taken as the duration of the event itself when neither article states
another duration.

Values are compared as intervals: "plus de deux heures" is [2 h, ∞), "environ 300" is [240, 360]; a conflict is
two intervals that do not meet. Dates compare only at the same precision (a year against a year, a day against
a day). An ordinal that counts from a reference ("premier déplacement depuis 2019") never conflicts with an
absolute one ("deuxième visite"): both can be true.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from toolkit.align.blocking import candidate_pairs, groups
from toolkit.align.claimset import ClaimSet
from toolkit.align.clusters import link
from toolkit.align.discrepancies import Finding, outlets
from toolkit.align.tokens import Words, content, tokens
from toolkit.text import fold

ABOUT = 0.5                 # statements whose context is at least this alike are about the same thing
ABOUT_SLACK = 0.2           # "environ 300" covers 300 ± 20 %
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s(?:et|mais|où|qui|dont|pour|avant|après)\s")
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_SECONDS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)
LABEL = {"date": "date", "duration": "duration", "count": "number", "ordinal": "rank", "place": "place",
         "participants": "participants"}
NAMED = ("place", "participants")   # slots whose values are names: the same name links them, different ones never conflict


@dataclass(frozen=True)
class Fact:
    row: int
    slot: str
    about: frozenset        # stems of fact_about (the thing counted or ranked), synonyms merged
    context: frozenset      # stems of the words around the value in its clause
    low: float | None       # the value as an interval (dates: ordinal day or year; durations: seconds)
    high: float | None
    precision: str          # day | year | month-day | number | text
    relative: bool          # an ordinal counted from a reference ("depuis 2019")
    text_value: str | None  # places and unreadable values: compared as text
    about_words: frozenset = frozenset()    # words of fact_about, lower case, accents kept (for their rarity)
    series: bool = False    # a rank of a period in a series (« deuxième week-end »): says which period, not a fact about it


def read(cs: ClaimSet, i: int, w: Words, people: frozenset = frozenset()) -> Fact:
    """The comparable form of statement i. `people`: folded words of registered people's names, left out of
    the context."""
    slot = cs.fact_slot[i] or ""
    wording, fact_text = cs.wording[i] or "", cs.fact_text[i] or ""
    about = frozenset(content(tokens(cs.fact_about[i] or ""), w, synonyms=True))
    start = fold(wording).find(fold(fact_text)) if fact_text else -1
    clause, after = _clause(wording, start, len(fact_text))
    own = frozenset(content(tokens(fact_text), w, synonyms=True))
    context = frozenset(content(tokens(_without(clause, people)), w, synonyms=True)) - own
    if not context:
        context = frozenset(content(tokens(_without(wording, people)), w, synonyms=True)) - own
    low, high, precision = _interval(slot, cs.fact_value[i], cs.fact_qualifier[i])
    relative = slot == "ordinal" and any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", fold(after)) for m in w.ordinal_since)
    text_value = None if low is not None else (fold(str(cs.fact_value[i])) if cs.fact_value[i] is not None else None)
    about_words = frozenset(t for t in re.findall(r"\w+", (cs.fact_about[i] or "").lower()) if fold(t) not in w.stopwords)
    named = f"{cs.fact_about[i] or ''} {fact_text}"
    series = slot == "ordinal" and any(fold(t) in w.rank_series for t in re.findall(r"\w+(?:-\w+)*|\w+", named) + re.findall(r"\w+", named))
    return Fact(i, slot, about, context | about, low, high, precision, relative, text_value, about_words, series)


def _without(clause: str, people: frozenset) -> str:
    """The clause without the names of registered people: the protagonists of a story are in all its dates, so
    they do not tell which event a date is about (places and what happened do: "arrivé … en Russie")."""
    return " ".join(t for t in tokens(clause) if t not in people)


def _clause(text: str, start: int, length: int) -> tuple[str, str]:
    """The clause around the value (between the nearest commas, parentheses or conjunctions), and what follows
    the value in it. The whole sentence when the value cannot be found or its clause holds nothing else."""
    if start < 0:
        return text, ""
    end = start + length
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    clause = text[left:right]
    if len(clause.strip()) <= length + 12:
        clause = text
    return clause, text[end:right]


def _interval(slot: str, value, qualifier) -> tuple[float | None, float | None, str]:
    if value is None:
        return None, None, "text"
    value = str(value)
    number = None
    precision = "number"
    if slot == "date":
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            number, precision = int(m.group(1)) * 372 + int(m.group(2)) * 31 + int(m.group(3)), "day"
        elif re.fullmatch(r"\d{4}", value):
            number, precision = float(value), "year"
        elif (m := re.fullmatch(r"--(\d{2})-(\d{2})", value)):
            number, precision = int(m.group(1)) * 31 + int(m.group(2)), "month-day"
        else:
            return None, None, "text"
        return float(number), float(number), precision
    if slot == "duration":
        m = _DURATION.fullmatch(value)
        if not m or not any(m.groups()):
            return None, None, "text"
        number = sum(float(g) * unit for g, unit in zip(m.groups(), _SECONDS) if g)
    else:
        try:
            number = float(value)
        except ValueError:
            return None, None, "text"
    if slot == "ordinal":
        return number, number, "number"
    qualifier = qualifier or "exact"
    if qualifier == "more_than":
        return number, math.inf, precision
    if qualifier == "less_than":
        return 0.0, number, precision
    if qualifier == "about":
        return number * (1 - ABOUT_SLACK), number * (1 + ABOUT_SLACK), precision
    return number, number, precision


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two statements about the same thing can both be true."""
    if a.slot == "ordinal" and (a.relative or b.relative):
        return True
    if a.low is None or b.low is None:
        return a.text_value is None or b.text_value is None or a.text_value == b.text_value or a.slot in NAMED
    if a.precision != b.precision:
        return True
    return a.low <= b.high and b.low <= a.high


def about_score(a: Fact, b: Fact, weights: dict[str, float]) -> float:
    """How sure it is that two statements of one slot are about the same thing (0–1)."""
    if a.about and b.about:
        return 1.0 if a.about & b.about else 0.0
    shared = a.context & b.context
    if not shared:
        return 0.0
    weight = lambda stems: math.fsum(weights.get(s, 1.0) for s in stems)  # exact whatever the set order (hash seed)
    return 2 * weight(shared) / (weight(a.context) + weight(b.context))


def align(cs: ClaimSet, rows: list[int], w: Words, people: frozenset = frozenset(), found_events=frozenset()
          ) -> tuple[dict[int, int], dict[int, Fact], dict[tuple[int, int], float]]:
    """Cluster label (a row index) of every statement row, their readings, and the about-scores of linked pairs.
    `people`: folded words of registered people's names (see `read`)."""
    labels: dict[int, int] = {}
    readings: dict[int, Fact] = {}
    linked: dict[tuple[int, int], float] = {}
    keys = [(cs.event[i], cs.fact_slot[i]) for i in rows]
    for _, members in sorted(groups(keys).items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        members = [rows[k] for k in members]
        facts = {i: read(cs, i, w, people) for i in members}
        readings.update(facts)
        df = Counter(s for f in facts.values() for s in f.context)
        weights = {s: math.log(1 + (len(members) + 1) / (d + 0.5)) for s, d in df.items()}
        edges = []
        features = {i: facts[i].context | {("value", facts[i].text_value)} for i in members}
        for i, j in candidate_pairs(members, features):
            score = _link_score(cs, facts, i, j, weights, members, cs.event[i] not in found_events)
            if score >= ABOUT:
                edges.append((score, i, j))
                linked[(i, j)] = score
        local = sorted(members, key=lambda r: cs.claim_id[r])
        pos = {r: k for k, r in enumerate(local)}
        found = link(len(local), [(s, pos[i], pos[j]) for s, i, j in edges], [cs.article_id[r] for r in local],
                     lambda x, y: compatible(facts[local[x]], facts[local[y]]))
        labels.update({r: local[found[pos[r]]] for r in local})
    return labels, readings, linked


def _link_score(cs: ClaimSet, facts: dict[int, Fact], i: int, j: int, weights, members, curated: bool = True) -> float:
    a, b = facts[i], facts[j]
    if a.slot in NAMED:
        return 1.0 if a.text_value == b.text_value else 0.0
    score = about_score(a, b, weights)
    if score < ABOUT and curated and a.slot == "duration" and not a.about and not b.about and cs.article_id[i] != cs.article_id[j]:
        # a bare duration is the event's own when neither article gives another one (in an event a manifest gives:
        # a story grouped from the texts may hold several pieces of news, each with its own durations)
        if _single_value(cs, facts, members, i) and _single_value(cs, facts, members, j):
            score = ABOUT
    return score


def _single_value(cs: ClaimSet, facts: dict[int, Fact], members: list[int], i: int) -> bool:
    values = {(facts[k].low, facts[k].high) for k in members if cs.article_id[k] == cs.article_id[i] and not facts[k].about}
    return len(values) == 1


def conflicts(cs: ClaimSet, members: list[int], readings: dict[int, Fact], links: list[tuple[float, int, int]],
              cluster: str, curated: bool = True) -> list[Finding]:
    """One finding for a fact cluster in which two directly linked statements (`links`: the cluster's
    (score, i, j) links) from two articles cannot both be true."""
    bad = [(score, i, j) for score, i, j in links
           if cs.article_id[i] != cs.article_id[j] and not compatible(readings[i], readings[j])
           and same_quantity(readings[i], readings[j], curated) and not same_words(cs, i, j)]
    if not bad:
        return []
    later = [(score, i, j) for score, i, j in bad if _update(cs, readings, i, j)]
    if len(later) == len(bad):
        return [_update_note(cs, members, later, cluster)]
    members = sorted(members)
    slot = cs.fact_slot[members[0]]
    by_value: dict[str, list[int]] = {}
    for i in members:
        by_value.setdefault(_shown(cs, i), []).append(i)
    timed = curated or any(not _one_undated(cs, i, j) for _, i, j in bad)
    f = Finding("fact_conflict", "high" if timed else "low", "value", cs.event[members[0]], cluster)
    for value, rows in by_value.items():
        for i in rows:
            f.witness(cs, i, cs.fact_value[i] if cs.fact_value[i] is None else str(cs.fact_value[i]))
    f.diff = " ≠ ".join(f"{value} ({outlets(cs, rows)})" for value, rows in by_value.items())
    f.score = round(max(s for s, _, _ in bad), 3)
    thing = _thing(cs, members)
    f.explanation = (f"The outlets disagree on the {LABEL.get(slot, slot)}{thing}: "
                     + " vs ".join(f"{_as_printed(cs, rows)} in {outlets(cs, rows)}" for rows in by_value.values()) + "."
                     + ("" if timed else " One of the articles has no date: the two may be of different days."))
    return [f]


def _one_undated(cs: ClaimSet, i: int, j: int) -> bool:
    """One of the two statements' articles is dated and the other is not. In a story grouped from the texts, the
    undated one joined on its words alone, never on its date (toolkit.stories): its count may be of another week
    (« 4 personnes interpellées » one Saturday, « 244 » another), so the two cannot be told to be of one moment and
    a conflict between them is only a `low` note. (A manifest's event says its articles are of one event; in a
    folder where no article is dated, the words are all there is to go on.)"""
    return (cs.published[i] is None) != (cs.published[j] is None)


def same_words(cs: ClaimSet, i: int, j: int) -> bool:
    """Whether two statements print their value in the same words (« lundi » and « lundi », « aujourd'hui » and
    « Aujourd'hui »): the outlets say the same thing; their values differ only as each is read against its own
    publication date (a weekday, « hier », « aujourd'hui »), which is no disagreement between them."""
    a, b = cs.fact_text[i], cs.fact_text[j]
    return bool(a and b) and fold(a).strip() == fold(b).strip()


EVERYDAY = 1.2             # a counted noun this little rare (« personnes », « morts », « euros »; toolkit.stories.rarity) names no particular thing …
SAME_CIRCUMSTANCES = 0.25   # … so the rest of the clause must be this alike (Dice of its stems) for one quantity
_NOT_A_THING = re.compile(r"\d|^h\d|^\W*$")


def same_quantity(a: Fact, b: Fact, curated: bool = True) -> bool:
    """Whether two linked statements give the same quantity about the same thing, so that different values
    conflict: a count or a rank needs the thing counted on both sides (a rank, a nearly identical clause too) (« 32 personnes interpellées » and « 20 personnes
    blessées » count people, but not the same people: an everyday noun needs the rest of the clause alike too);
    dates and durations are linked on their circumstances already (and a bare duration taken as the event's own is
    linked at `ABOUT` only: the finding's confidence stays below the suite's threshold)."""
    if a.slot in ("count", "ordinal"):
        if not a.about or not b.about or any(_NOT_A_THING.search(x) for x in a.about | b.about):
            return False
        if a.slot == "ordinal":
            if a.series or b.series:
                return False    # « premier tour » and « deuxième tour »: two periods of a series, not one ranked twice
            # « premier week-end » and « deuxième week-end » are usually two members of a series: one rank only
            # when what surrounds it is nearly the same (in a story grouped from the texts too: checked first)
            return circumstances(a, b) >= SAME_RANK
        if not curated:
            # a story grouped from the texts holds several pieces of news (a count in Brussels, another in Paris):
            # the thing counted is the same quantity only in the same circumstances
            return circumstances(a, b) >= SAME_CIRCUMSTANCES_FOUND
        if min((rarity(x) for x in a.about_words | b.about_words), default=0.0) >= EVERYDAY:
            return True
        return circumstances(a, b) >= SAME_CIRCUMSTANCES
    return True             # dates and durations: linked only when their clauses are alike (`about_score`)


def circumstances(a: Fact, b: Fact) -> float:
    """How alike the rest of the two clauses is (Dice of their stems, the thing counted set aside)."""
    ca, cb = a.context - a.about, b.context - b.about
    if not ca or not cb:
        return 0.0
    return 2 * len(ca & cb) / (len(ca) + len(cb))


def rarity(word: str) -> float:
    from toolkit.stories import rarity as word_rarity

    return word_rarity(word, "fr")


SAME_CIRCUMSTANCES_FOUND = 0.4  # counts in a story grouped from the texts: clauses this alike, whatever is counted
SAME_RANK = 0.5             # ordinals: clauses this alike (Dice) before two ranks are one thing ranked twice
UPDATE_DAYS = 1             # a count published this many days later or more is an update, not a conflict


def _update(cs: ClaimSet, readings: dict[int, Fact], i: int, j: int) -> bool:
    """A later count that is larger than an earlier one (a toll that rises): an update, not a conflict."""
    a, b = readings[i], readings[j]
    pi, pj = cs.published[i], cs.published[j]
    if a.slot != "count" or pi is None or pj is None or abs((pi - pj).total_seconds()) < UPDATE_DAYS * 86400:
        return False
    early, late = (a, b) if pi < pj else (b, a)
    return late.low is not None and early.high is not None and late.low >= early.high


def _update_note(cs: ClaimSet, members: list[int], later, cluster: str) -> Finding:
    members = sorted(members, key=lambda i: (cs.published[i] is None, cs.published[i].timestamp() if cs.published[i] else 0, i))
    f = Finding("fact_conflict", "low", "update", cs.event[members[0]], cluster)
    for i in members:
        f.witness(cs, i, None if cs.fact_value[i] is None else str(cs.fact_value[i]))
    f.diff = " → ".join(f"{_shown(cs, i)} ({outlets(cs, [i])}, "
                        f"{cs.published[i].date().isoformat() if cs.published[i] else 'undated'})" for i in members)
    f.score = round(max(s for s, _, _ in later), 3)
    f.explanation = (f"A later article updates the {LABEL.get(cs.fact_slot[members[0]], 'count')}{_thing(cs, members)}: "
                     + " then ".join(f"{_as_printed(cs, [i])} in {outlets(cs, [i])}" for i in members)
                     + " (not a conflict: the figure changed over time).")
    return f


def _shown(cs: ClaimSet, i: int) -> str:
    value = "" if cs.fact_value[i] is None else str(cs.fact_value[i])
    qualifier = cs.fact_qualifier[i]
    return f"{value} ({qualifier.replace('_', ' ')})" if qualifier and qualifier != "exact" else value


def _as_printed(cs: ClaimSet, rows: list[int]) -> str:
    texts = []
    for i in rows:
        t = f"« {cs.fact_text[i]} »" if cs.fact_text[i] else str(cs.fact_value[i])
        if t not in texts:
            texts.append(t)
    return " / ".join(texts)


def _thing(cs: ClaimSet, members: list[int]) -> str:
    about = Counter(cs.fact_about[i] for i in members if cs.fact_about[i])
    return f" of {about.most_common(1)[0][0]}" if about else ""
