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
    opposites: tuple = ()               # per entry, two sides, each a tuple of phrases as tuples of folded words
    deictics: tuple = ()                # folded words or phrases that stand for a place ("ici")
    rank_series: frozenset = frozenset()   # folded nouns whose rank names a period of a series ("week-end", "tour")

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
    opposites = tuple(tuple(tuple(tuple(tokens(x)) for x in side) for side in entry) for entry in data.get("opposites", ()))
    return Words(frozenset(fold(w) for w in data["stopwords"]), frozenset(fold(w) for w in data["negations"]),
                 frozenset(fold(w) for w in data["clitics"]), {fold(k): v for k, v in data["subjects"].items()},
                 forms, synonyms, numbers, tuple(fold(r) for r in data.get("reservations", ())),
                 tuple(fold(r) for r in data.get("ordinal_since", ())), int(data["report_quote_shared"]), opposites,
                 tuple(fold(d) for d in data.get("deictics", ())),
                 frozenset(fold(x) for x in data.get("rank_series", ())))


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


_NOT_VERBS = frozenset({"un", "une", "le", "la", "les", "l", "ce", "du", "des", "de", "d", "au", "aux", "mon", "ton",
                        "son", "premier", "petit", "grand", "et", "ou", "mais", "ou", "si", "que", "qu", "pourquoi"})


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
        elif (t in ("pas", "jamais") and i > 0 and toks[i - 1] not in _NOT_VERBS and toks[i - 1] not in w.negations
              and not any(x in ("ne", "n") for x in toks[max(0, i - 4):i])):
            # spoken French drops « ne »: « c'est pas vrai » negates « est » as « ce n'est pas vrai » does
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


_CLAUSE = re.compile(r"[^.!?;…,:]+")         # negation reaches no further than its clause
NEGATION_REACH = 5                             # words before a phrase a negation may stand ("il n'est pas question d'accepter")
_DERIVED = ("ment", "tion", "tions", "teur", "teurs", "trice", "ance", "ances", "ant", "ants")


@lru_cache(maxsize=50_000)
def stances(text: str, w: Words) -> dict[int, list[tuple[int, int, int, int]]]:
    """Where a wording takes a side of each `opposites` entry: entry -> [(side, side as listed, start, end)], the
    span including the negation words before the phrase.

    A phrase under a negation ("nous n'avons pas le temps", "sans nous presser") counts for the other side; the
    negation words may sit inside the phrase or before it in the same clause. A listed word matches its inflected
    forms, not its derivatives ("maintenir" is not "maintenant", "fermer" not "fermement", "conserver" not
    "conservateurs")."""
    out: dict[int, list[tuple[int, int, int, int]]] = {}
    starts = _phrase_starts(w)
    negating = w.negations | {"sans"}
    folded = fold(text)
    for clause in _CLAUSE.finditer(folded):
        found = [(m.start() + clause.start(), m.end() + clause.start(), m.group()) for m in _TOKEN.finditer(clause.group())]
        toks = [t for _, _, t in found]
        keys = [key(t, w) for t in toks]
        for i, k in enumerate(keys):
            for entry, side, phrase, words in starts.get(k, ()):
                end = _phrase_end(phrase, words, i, keys, toks, negating)
                if end is None:
                    continue
                end, negated = end
                before = [b for b in range(max(0, i - NEGATION_REACH), i) if toks[b] in negating]
                negated = negated or bool(before)
                hit = (side ^ negated, side, found[before[0] if before else i][0], found[end - 1][1])
                if hit not in out.setdefault(entry, []):
                    out[entry].append(hit)
    return out


@lru_cache(maxsize=None)
def _phrase_starts(w: Words) -> dict[str, list[tuple[int, int, tuple, tuple]]]:
    """First key of every `opposites` phrase -> (entry, side, phrase keys, phrase words)."""
    starts: dict[str, list[tuple[int, int, tuple, tuple]]] = {}
    for entry, sides in enumerate(w.opposites):
        for side, phrases in enumerate(sides):
            for words in phrases:
                phrase = tuple(w.forms.get(stem(t), stem(t)) for t in words)
                starts.setdefault(phrase[0], []).append((entry, side, phrase, words))
    return starts


def _phrase_end(phrase: tuple, words: tuple, i: int, keys: list[str], toks: list[str], negating) -> tuple[int, bool] | None:
    """Where the phrase starting at token i ends, and whether negation words sit inside it; None if it does not
    follow (negation words may come between its words: "n'avons pas le temps")."""
    if not _form_of(toks[i], words[0]):
        return None
    j, k, negated = i + 1, 1, False
    while k < len(phrase) and j < len(keys):
        if keys[j] == phrase[k] and _form_of(toks[j], words[k]):
            k += 1
        elif toks[j] in negating:
            negated = True
        else:
            return None
        j += 1
    return (j, negated) if k == len(phrase) else None


def _form_of(token: str, word: str) -> bool:
    """Whether a token (same light stem as the listed word) is a form of it rather than a derivative: it starts
    like the word and does not carry a derivational ending the word lacks."""
    if len(word) <= 4 or token == word:
        return True
    prefix = word[:max(3, min(len(word) - 2, 6))]
    return token.startswith(prefix) and not any(token.endswith(d) and not word.endswith(d) for d in _DERIVED)


ACRONYM = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")          # "l'ARS" too


def transposed(a: str, b: str) -> bool:
    """Two acronyms that differ by two neighbouring letters swapped (RDPC / RPDC, ASR / ARS): a misprint. Not a
    reordering such as NATO / OTAN or IMF / FMI, which is another language's acronym."""
    if a == b or len(a) != len(b) or not (ACRONYM.fullmatch(a) and ACRONYM.fullmatch(b)):
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def numbers(toks: list[str], w: Words) -> list[str]:
    """Numbers in the wording, as digits, in order."""
    return [w.numbers.get(t, t) for t in toks if t.isdigit() or t in w.numbers and t not in ("un", "une")]


@lru_cache(maxsize=None)
def _quantity_pattern(language: str) -> re.Pattern:
    from toolkit.extract.statements import words as fact_words

    fw = fact_words(language)
    alt = lambda items: "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
    word = rf"(?:{alt(fw.numbers)})(?!\w)"
    digits = r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?!\d)|\d+(?:,\d+)?"
    return re.compile(rf"(?<![\w'])(?<!\d[,.])(?P<n>{digits}|{word}(?:[ -](?:et[ -])?{word})*)"
                      rf"(?:\s+(?:de\s+|d')?(?P<mult>{alt(fw.multipliers)})(?!\w))?")


def quantities(text: str, language: str = "fr") -> list[str]:
    """Numbers as French prints them, normalised, in order: « 25 000 » and « 25.000 » are 25000, « 1,5 million »
    is 1500000, « une quinzaine » 15, « douze » 12. The article « un », « une » alone is no number; a spoken
    number word is one only before a multiplier or as a number of things (it is left to `facts` to say of what)."""
    from toolkit.extract.statements import to_number, words as fact_words

    fw = fact_words(language)
    out = []
    for m in _quantity_pattern(language).finditer(fold(text)):
        n, mult = m.group("n"), m.group("mult")
        if n in ("un", "une") and not mult:
            continue
        n = re.sub(r"^une?[ -](?!et\b)", "", n)         # « une quinzaine », « un million »: the article counts nothing
        value = to_number(n, fw)
        if value is None:
            continue
        if mult:
            value *= fw.multipliers[mult]
        out.append(str(int(value)) if value == int(value) else f"{value:g}")
    return out
