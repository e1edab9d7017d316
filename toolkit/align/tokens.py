"""Turn a wording into what alignment compares: folded words, light stems, content stems, negated verbs, subjects.

The stemmer is a light suffix stripper (plural, feminine, common verb and noun endings, then a cut at seven
letters), good enough to bring "développer" and "développement" or "fermerons" and "fermer" together; it does
not know irregular verbs, which `data/fr/alignment.toml` lists as synonym groups when they matter.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.text import fold

DATA = Path(__file__).resolve().parent.parent / "data"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = sorted("""issement ement ation atrice ateur ienne ien eraient aient erion eron erait erai era erez ion ez ent
    ait ai ant ante on ee er ir e""".split(), key=len, reverse=True)
STEM_LENGTH = 7


@dataclass(frozen=True)
class Words:
    """The language data alignment reads, folded."""
    stopwords: frozenset
    negations: frozenset
    clitics: frozenset
    subjects: dict
    forms: dict                         # stem -> stem of the group's first word (one word's forms)
    synonyms: dict                      # stem -> stem of the group's first word (forms merged first)
    numbers: dict                       # folded number word -> digits
    reservations: tuple                 # folded words or phrases that turn a passage into a condition
    ordinal_since: tuple                # folded words after an ordinal that make it relative ("depuis")
    report_quote_shared: int            # content words an adjacent report and quotation of one speaker must share
    opposites: tuple = ()               # per entry, two sides, each a tuple of phrases as tuples of keys
    deictics: tuple = ()                # folded words or phrases that stand for a place ("ici")

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=None)
def words_for(language: str = "fr") -> Words:
    """Read `data/<language>/alignment.toml` (and number words from `facts.toml`); French when the language has none."""
    folder = DATA / language if (DATA / language / "alignment.toml").exists() else DATA / "fr"
    data = tomllib.loads((folder / "alignment.toml").read_text(encoding="utf-8"))
    numbers = {}
    facts = folder / "facts.toml"
    if facts.exists():
        numbers = {fold(k): str(v) for k, v in tomllib.loads(facts.read_text(encoding="utf-8")).get("numbers", {}).items()}
    forms = {stem(fold(word)): stem(fold(group[0])) for group in data.get("forms", []) for word in group}
    synonyms = {}
    for group in data.get("synonyms", []):
        head = forms.get(stem(fold(group[0])), stem(fold(group[0])))
        for word in group:
            s = stem(fold(word))
            synonyms[forms.get(s, s)] = head
    phrase = lambda text: tuple(forms.get(stem(t), stem(t)) for t in tokens(text))
    opposites = tuple(tuple(tuple(phrase(x) for x in side) for side in entry) for entry in data.get("opposites", ()))
    return Words(frozenset(fold(w) for w in data["stopwords"]), frozenset(fold(w) for w in data["negations"]),
                 frozenset(fold(w) for w in data["clitics"]), {fold(k): v for k, v in data["subjects"].items()},
                 forms, synonyms, numbers, tuple(fold(r) for r in data.get("reservations", ())),
                 tuple(fold(r) for r in data.get("ordinal_since", ())), int(data["report_quote_shared"]), opposites,
                 tuple(fold(d) for d in data.get("deictics", ())))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of a folded word: digits unchanged, plural and up to two endings stripped, cut at STEM_LENGTH letters."""
    if word.isdigit() or len(word) <= 3:
        return word
    if word[-1] in "sxz" and len(word) > 4:
        word = word[:-1]
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word[:STEM_LENGTH]


def tokens(text: str) -> list[str]:
    """Folded word tokens, elisions split ("l'État" gives "l", "etat")."""
    return _TOKEN.findall(fold(text).replace("_", " "))


def key(token: str, w: Words, synonyms: bool = False) -> str:
    """What a folded token compares as: number words as digits, else its stem with forms (and synonyms) merged."""
    if token in w.numbers:
        return w.numbers[token]
    s = stem(token)
    s = w.forms.get(s, s)
    return w.synonyms.get(s, s) if synonyms else s


def content(toks: list[str], w: Words, synonyms: bool = False) -> list[str]:
    """Comparable keys of the content words, in order: stopwords dropped (see `key`)."""
    return [key(t, w, synonyms) for t in toks if t not in w.stopwords]


def negated_verbs(toks: list[str], w: Words) -> frozenset:
    """Stems of the verbs under a negation: "ne (clitics) VERB pas|jamais|plus|rien|…", or spoken "VERB pas".

    "ne … que" (restriction) is not a negation."""
    found = set()
    for i, t in enumerate(toks):
        if t in ("ne", "n"):
            j = i + 1
            while j < len(toks) and toks[j] in w.clitics:
                j += 1
            if j < len(toks) and any(x in w.negations or x in ("plus", "ni") for x in toks[j + 1:j + 4]):
                found.add(stem(toks[j]))
        elif t in ("pas", "jamais") and i > 0 and toks[i - 1] not in w.stopwords and not any(x in ("ne", "n") for x in toks[max(0, i - 4):i]):
            found.add(stem(toks[i - 1]))
    return frozenset(found)


def subjects(toks: list[str], w: Words) -> dict[str, str]:
    """Verb stem -> grammatical person of the subject pronoun just before it ("ils essaient" -> {"essai": "3p"})."""
    out = {}
    for i, t in enumerate(toks):
        person = w.subjects.get(t)
        if person is None:
            continue
        j = i + 1
        while j < len(toks) and (toks[j] in w.clitics or toks[j] in ("ne", "n")):
            j += 1
        if j < len(toks) and toks[j] not in w.subjects:
            out.setdefault(stem(toks[j]), person)
    return out


_SENTENCE = re.compile(r"[^.!?;…]+")
_NEGATING = frozenset({"ne", "n", "pas", "sans", "jamais", "rien", "aucun", "aucune", "plus", "guere", "point"})


@lru_cache(maxsize=50_000)
def stances(text: str, w: Words) -> dict[int, list[tuple[int, int, int, int]]]:
    """Where a wording takes a side of each `opposites` entry: entry -> [(side, side as listed, start, end)], the
    span including the negation words before the phrase.

    A phrase under a negation ("nous n'avons pas le temps", "sans nous presser") counts for the other side; the
    negation words may sit inside the phrase or just before it, in the same sentence."""
    out: dict[int, list[tuple[int, int, int, int]]] = {}
    starts = _phrase_starts(w)
    folded = fold(text)
    for sentence in _SENTENCE.finditer(folded):
        found = [(m.start() + sentence.start(), m.end() + sentence.start(), m.group()) for m in _TOKEN.finditer(sentence.group())]
        toks = [t for _, _, t in found]
        keys = [key(t, w) for t in toks]
        for i, k in enumerate(keys):
            for entry, side, phrase in starts.get(k, ()):
                end = _phrase_end(phrase, i, keys, toks)
                if end is None:
                    continue
                end, negated = end
                before = [b for b in range(max(0, i - 2), i) if toks[b] in _NEGATING]
                negated = negated or bool(before)
                hit = (side ^ negated, side, found[before[0] if before else i][0], found[end - 1][1])
                if hit not in out.setdefault(entry, []):
                    out[entry].append(hit)
    return out


@lru_cache(maxsize=None)
def _phrase_starts(w: Words) -> dict[str, list[tuple[int, int, tuple]]]:
    """First key of every `opposites` phrase -> (entry, side, phrase keys)."""
    starts: dict[str, list[tuple[int, int, tuple]]] = {}
    for entry, sides in enumerate(w.opposites):
        for side, phrases in enumerate(sides):
            for phrase in phrases:
                starts.setdefault(phrase[0], []).append((entry, side, phrase))
    return starts


def _phrase_end(phrase: tuple, i: int, keys: list[str], toks: list[str]) -> tuple[int, bool] | None:
    """Where the phrase starting at token i ends, and whether negation words sit inside it; None if it does not
    follow (negation words may come between its words: "n'avons pas le temps")."""
    j, k, negated = i + 1, 1, False
    while k < len(phrase) and j < len(keys):
        if keys[j] == phrase[k]:
            k += 1
        elif toks[j] in _NEGATING:
            negated = True
        else:
            return None
        j += 1
    return (j, negated) if k == len(phrase) else None


def numbers(toks: list[str], w: Words) -> list[str]:
    """Numbers in the wording, as digits, in order."""
    return [w.numbers.get(t, t) for t in toks if t.isdigit() or t in w.numbers and t not in ("un", "une")]
