"""Compare two renderings of one utterance word by word: a readable diff, how much of the shorter the longer
covers, and the changes that alter the meaning (negation, number, named entity, grammatical subject, words of
opposite meaning).

The shorter wording is aligned on the stretch of the longer it matches best (difflib on word keys), so a
quotation and the longer quotation it was cut from compare on the same words. Meaning changes are looked for
inside that stretch only; words the shorter simply leaves out are a truncation, not a change.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from toolkit.align.tokens import (ACRONYM, Words, key, negated_verbs, quantities, stances, stem, subjects, tokens,
                                  transposed)
from toolkit.text import fold

_DISPLAY = re.compile(r"\w[\w’'-]*", re.UNICODE)
_ELISION = re.compile(r"^\w{1,2}['’]")
KEEP_EQUAL = 6          # longest run of unchanged words shown in full in a diff
COMPARABLE = 0.6        # below this length ratio, the longer's extra names are abridged, not changed


@dataclass(frozen=True)
class Change:
    kind: str           # negation | number | entity | subject | opposite
    detail: str         # what changed, e.g. "fermer negated in one rendering only", "300 vs 250"
    short: str = ""     # the words concerned in the shorter wording, as printed ("Nous fermerons")
    long: str = ""      # and in the longer ("Nous ne fermerons pas")


@dataclass
class Comparison:
    coverage: float             # share of the shorter's words found, in order, in the longer
    ratio: float                # length of the shorter / length of the longer (in words)
    material: bool              # the words differ (not only case, accents, punctuation, apostrophes)
    changes: list[Change] = field(default_factory=list)
    diff: str = ""              # word diff, shorter (or first) → longer (or second)
    dropped: str = ""           # words of the longer outside the stretch the shorter matches (for truncations)
    dropped_content: list[str] = field(default_factory=list)   # the content words among them
    short_first: bool = True    # whether the first wording given is the shorter
    spliced: bool = False       # a piece with words of the longer left out of its middle (« toutes les décisions [de Poutine et] du … »)

    @property
    def truncation(self) -> bool:
        """The shorter is a piece of the longer, and the longer says something more (not just a negation)."""
        return self.coverage >= 0.8 and self.ratio <= 0.8 and bool(self.dropped_content)


def display_words(text: str) -> list[str]:
    return _DISPLAY.findall(text)


def _keys(words: list[str], w: Words) -> list[str]:
    """One comparison key per display word (elisions kept together, so "l'État" is one word)."""
    return [" ".join(key(t, w) for t in tokens(word)) for word in words]


def compare(first: str, second: str, w: Words) -> Comparison:
    """Compare two wordings of one utterance (see module docstring)."""
    a, b = _prepare(first, w), _prepare(second, w)
    short_first = len(a[0]) <= len(b[0])
    (s_text, (s_spans, s_words, s_keys, s_folded)), (l_text, (l_spans, l_words, l_keys, l_folded)) = (
        ((first, a), (second, b)) if short_first else ((second, b), (first, a)))
    matcher = SequenceMatcher(None, s_keys, l_keys, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    coverage = matched / len(s_keys) if s_keys else 0.0
    ratio = len(s_keys) / len(l_keys) if l_keys else 1.0
    if blocks:
        lo, hi = blocks[0].b, blocks[-1].b + blocks[-1].size
        # a word replaced at either edge of the stretch belongs to it ("pourquoi" vs "pour ça que")
        lo = max(0, lo - blocks[0].a)
        hi = min(len(l_keys), hi + (len(s_keys) - blocks[-1].a - blocks[-1].size))
    else:
        lo, hi = 0, len(l_keys)
    truncation = coverage >= 0.8 and ratio <= 0.8
    region = l_text[l_spans[lo][0]:l_spans[hi - 1][1]] if hi > lo else ""
    region_words = l_words[lo:hi]
    # material: the words differ once case, accents and punctuation are set aside (in the stretch, for a piece)
    shown_folded = l_folded[lo:hi] if truncation else l_folded
    material = s_folded != shown_folded
    result = Comparison(coverage, ratio, material, short_first=short_first)
    shown = region_words if truncation else l_words
    shown_spans = l_spans[lo:hi] if truncation else l_spans
    ops = SequenceMatcher(None, s_folded, shown_folded, autojunk=False).get_opcodes()
    if material and _spelling_only(ops, s_words, region_words if truncation else l_words):
        result.material = False             # « l'ARS » / « l'ASR »: a name spelled twice (name_spelling), not a rewording
    s_changed, l_changed = _substituted(ops, s_spans, shown_spans)
    result.changes = meaning_changes(s_text, region if truncation else l_text, w, truncation=truncation or ratio < COMPARABLE,
                                     changed=(s_changed, [(a - (l_spans[lo][0] if truncation and hi > lo else 0),
                                                           b - (l_spans[lo][0] if truncation and hi > lo else 0))
                                                          for a, b in l_changed]))
    result.diff = _render(ops, s_words, shown) if short_first else _render(_swap(ops), shown, s_words)
    if truncation:
        before, after = l_text[:l_spans[lo][0]].strip(" ,;:.…»«"), l_text[l_spans[hi - 1][1]:].strip(" ,;:.…»«")
        result.dropped = " … ".join(part for part in (before, after) if part)
        result.dropped_content = [t for t in tokens(result.dropped) if t not in w.stopwords and t not in w.negations]
        result.spliced = len(region_words) > len(s_words)
    return result


@lru_cache(maxsize=50_000)
def _prepare(text: str, w: Words):
    """(spans, words as printed, comparison keys, folded words) of a wording, computed once per text."""
    spans = [m.span() for m in _DISPLAY.finditer(text)]
    words = [text[i:j] for i, j in spans]
    return spans, words, _keys(words, w), [fold(x) for x in words]


def _spelling_only(ops, a: list[str], b: list[str]) -> bool:
    """Whether the words differ only by misprinted acronyms (each change replaces one acronym by the same with two
    neighbouring letters swapped): a name_spelling finding, not a rewording. Other names spelled differently
    (Gambie / Zambie, Dupont / Dupond) may be other people or places and stay a material difference."""
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        if op != "replace" or i2 - i1 != j2 - j1:
            return False
        for x, y in zip(a[i1:i2], b[j1:j2]):
            if not transposed(_ELISION.sub("", x), _ELISION.sub("", y)):       # "l'ARS" / "l'ASR"
                return False
    return True


def _swap(ops):
    return [(op if op in ("equal", "replace") else {"delete": "insert", "insert": "delete"}[op], j1, j2, i1, i2)
            for op, i1, i2, j1, j2 in ops]


def _substituted(ops, a_spans, b_spans):
    """Character ranges of the words replaced or inserted between two unchanged stretches, in each wording:
    where a substitution inside the same sentence frame shows (« toutes les [mesures] du gouvernement »)."""
    in_a, in_b = [], []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal" or k == 0 or k == len(ops) - 1 or ops[k - 1][0] != "equal" or ops[k + 1][0] != "equal":
            continue
        if min(i2 - i1, j2 - j1) > 0 and max(i2 - i1, j2 - j1) > 2 * min(i2 - i1, j2 - j1) + 2:
            continue        # a word against a clause (« La [France], ce n'est pas » / « La [liberté de manifester est
                            # garantie mais] ce n'est pas »): another wording of the sentence, not one thing swapped
        if i2 > i1:
            in_a.append((a_spans[i1][0], a_spans[i2 - 1][1]))
        if j2 > j1:
            in_b.append((b_spans[j1][0], b_spans[j2 - 1][1]))
    return in_a, in_b


def meaning_changes(short: str, long: str, w: Words, truncation: bool = False, changed=None) -> list[Change]:
    """Negation, number, entity, subject and opposite-word changes between two aligned wordings.

    A name counts as changed when it is absent from the other wording and, if `changed` (character ranges of
    the substituted words in each wording) is given, sits in one of those ranges: a name in a paraphrase that
    shares nothing around it ("La Corée du Nord sera …" vs "Nous avons …") is a rewording, not a new name. In a
    truncation, a name the shorter leaves out is not a change (a name the shorter adds is)."""
    st, lt = tokens(short), tokens(long)
    changes = []
    s_neg, l_neg = negated_verbs(st, w), negated_verbs(lt, w)
    s_stems, l_stems = {key(t, w) for t in st}, {key(t, w) for t in lt}
    for verb in sorted(s_neg ^ l_neg):
        if len(verb) <= 2 and not (_printed(verb, short) and _printed(verb, long)):
            continue        # « a » folded from « à » is no verb (« né à Amiens » against « il n'y a personne »)
        if _both_ways(verb, st if verb in s_neg else lt, w):
            continue        # the negative side also says it positively (« Ça n'est pas quand … , il est bon »): two clauses
        if not _same_proposition(verb, st, lt, w):
            continue        # « nous ne sommes pas intéressés » / « nous sommes des gens concrets »: two propositions
        if verb in s_stems and verb in l_stems and not (verb in s_neg and verb in l_neg):
            changes.append(Change("negation", f"{verb}… negated in one rendering only",
                                  _around(short, verb, w), _around(long, verb, w)))
    s_num, l_num = Counter(quantities(short)), Counter(quantities(long))
    # a number replaced by another (« 300 » / « 250 »), not one rendering holding more numbers than the other
    # (« 200 euros » against « 950 euros par mois … 200 euros »: a piece, not a change)
    if s_num - l_num and l_num - s_num:
        a, b = " ".join(sorted(s_num.elements())), " ".join(sorted(l_num.elements()))
        changes.append(Change("number", f"{a} vs {b}", a, b))
    s_all, l_all = [fold(t) for t in st], [fold(t) for t in lt]
    inside = lambda name, ranges: changed is None or any(a <= name.start and name.end <= b for a, b in ranges)
    s_acronyms, l_acronyms = set(ACRONYM.findall(short)), set(ACRONYM.findall(long))
    misprint = lambda name, others: any(transposed(name.surface, o) for o in others)
    added = [n for n in names(short, w) if not _present(n, l_all, w) and inside(n, changed[0] if changed else ())
             and not misprint(n, l_acronyms)]
    removed = [] if truncation else [n for n in names(long, w) if not _present(n, s_all, w)
                                     and inside(n, changed[1] if changed else ()) and not misprint(n, s_acronyms)]
    added, removed = _deixis(added, short, long, w), _deixis(removed, long, short, w)
    if added or removed:
        changes.append(Change("entity", "name in one rendering only: " + ", ".join(n.surface for n in added + removed),
                              ", ".join(n.surface for n in added), ", ".join(n.surface for n in removed)))
    s_sub, l_sub = subjects(st, w), subjects(lt, w)
    for verb, person in sorted(s_sub.items()):
        other = next((p for v, p in l_sub.items() if _same_verb(v, verb)), None)
        if other is not None and other != person and not _reported_person(person, other):
            changes.append(Change("subject", f"subject of {verb}…: {_PERSON[person]} vs {_PERSON[other]}",
                                  _around(short, verb, w, before=1, after=0), _around(long, verb, w, before=1, after=0)))
            break
    s_st, l_st = stances(short, w), stances(long, w)
    for entry in sorted(s_st.keys() & l_st.keys()):
        a, b = s_st[entry], l_st[entry]
        sides_a, sides_b = {x[0] for x in a}, {x[0] for x in b}
        # opposite words, not one word negated in one rendering only (that is a negation change)
        if len(sides_a) == 1 and len(sides_b) == 1 and sides_a != sides_b and any(x[1] != y[1] for x in a for y in b):
            said_short = " / ".join(short[i:j] for _, _, i, j in sorted(a, key=lambda x: x[2]))
            said_long = " / ".join(long[i:j] for _, _, i, j in sorted(b, key=lambda x: x[2]))
            changes.append(Change("opposite", f"opposite words: {said_short} vs {said_long}", said_short, said_long))
    return changes


def _both_ways(verb: str, toks: list[str], w: Words) -> bool:
    """Whether the verb (a stem) is printed more often than it is negated in these words: one clause negates it,
    another says it plainly, so the rendering as a whole is not the negative of the other."""
    places = [k for k, t in enumerate(toks) if stem(t) == verb]
    return len(places) > sum(1 for k in places if _negated_here(toks, k, w))


_NEGATION_WORDS = frozenset({"ne", "n", "pas", "plus", "jamais", "ni"})
COMPLEMENT_WORDS = 2        # content words after a verb read as what it says (its complement)


def _same_proposition(verb: str, a: list[str], b: list[str], w: Words) -> bool:
    """Whether a verb negated in one rendering and not in the other says the same thing in both: the content words
    right after it meet, or one rendering gives it none (« Nous ne fermerons pas la ligne 2 » / « Nous fermerons la
    ligne 2 »). « nous ne sommes pas intéressés par la polémique » and « nous sommes des gens concrets » negate and
    assert two propositions, not one: no flip."""
    ca, cb = _complement(verb, a, w), _complement(verb, b, w)
    return not ca or not cb or bool(ca & cb)


def _complement(verb: str, toks: list[str], w: Words) -> set[str]:
    """Keys of the first COMPLEMENT_WORDS content words after each place of the verb (a stem), negations set aside."""
    out = set()
    for k, t in enumerate(toks):
        if stem(t) == verb:
            after = [x for x in toks[k + 1:k + 6] if x not in w.stopwords and x not in w.negations
                     and x not in _NEGATION_WORDS]
            out.update(key(x, w) for x in after[:COMPLEMENT_WORDS])
    return out


def _negated_here(toks: list[str], k: int, w: Words) -> bool:
    """Whether the word at k is the one a negation around it bears on (« ne k pas », « k pas »)."""
    before, after = toks[max(0, k - 3):k], toks[k + 1:k + 4]
    return (any(x in ("ne", "n") for x in before) and any(x in w.negations or x in ("plus", "ni") for x in after)) \
        or (bool(after) and after[0] in ("pas", "jamais"))


def _printed(word: str, text: str) -> bool:
    """Whether `word` is printed as such in `text`, accents included (« a » is not in « né à Amiens »)."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text.lower()) is not None


def _around(text: str, verb: str, w: Words, before: int = 2, after: int = 2) -> str:
    """The words around the first word of `text` that compares as `verb` (a stem), as printed."""
    words = list(_DISPLAY.finditer(text))
    if len(words) <= 12 and after:
        return text.strip()
    for k, m in enumerate(words):
        keys = [key(t, w) for t in tokens(m.group())]
        if any(_same_verb(x, verb) for x in keys):
            lo, hi = max(0, k - before), min(len(words), k + after + 1)
            if before and k > 0 and fold(words[k - 1].group()) not in ("ne", "n", "pas", "jamais"):
                lo = max(0, k - 1)
            return text[words[lo].start():words[hi - 1].end()]
    return ""


_PERSON = {"1s": "je", "2s": "tu", "3s": "il/elle", "1p": "nous", "2p": "vous", "3p": "ils/elles"}


def _reported_person(a: str, b: str) -> bool:
    """A first person against a third: what reported speech does to the speaker's « nous » (« Si nous ne trouvons
    pas les bonnes solutions » printed as « s'il ne trouvait pas de bonnes solutions », the government), not a
    change of who acts. First against second (« nous » / « vous ») or two third persons stay changes."""
    return {a[0], b[0]} == {"1", "3"}


def _same_verb(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return n >= 3 and a[:n] == b[:n]


@dataclass(frozen=True)
class Name:
    surface: str                # as printed: "Corée du Nord"
    parts: tuple[str, ...]      # folded words of at least three letters: ("coree", "nord")
    gloss: frozenset            # for an acronym glossed in parentheses, the folded words of its gloss
    start: int                  # character offsets in the text read
    end: int


_GLOSS = re.compile(r"\b([A-Z]{2,6})\s*\(([^)]*)\)")
_NAME = re.compile(r"[A-ZÀ-Ý][\w’'-]*(?:\s+(?:(?:de|du|des|d'|d’|la|le)\s*)?[A-ZÀ-Ý][\w’'-]*)*")


def names(text: str, w: Words) -> list[Name]:
    """Runs of capitalised words that do not open a sentence ("Corée du Nord", "Poutine"), editor's parentheses
    left out; an acronym glossed by a parenthesis ("RDPC (République … de Corée)") carries its gloss."""
    glossed = {m.group(1).lower(): frozenset(t for t in tokens(m.group(2)) if len(t) >= 3 and t not in w.stopwords)
               for m in _GLOSS.finditer(text)}
    bare = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text)
    out = []
    for m in _NAME.finditer(bare):
        before = bare[:m.start()].rstrip(" «“\"")
        pieces = list(re.finditer(r"\S+", m.group()))
        if not before or before[-1] in ".!?:…":
            pieces = pieces[1:]                   # a capital that opens a sentence says nothing
            while pieces and not pieces[0].group()[:1].isupper():
                pieces = pieces[1:]
        if not pieces:
            continue
        words = [p.group() for p in pieces]
        parts = tuple(p for p in tokens(" ".join(words)) if len(p) >= 3 and p not in w.stopwords)
        if parts:
            gloss = frozenset().union(*(glossed.get(p, frozenset()) for p in parts))
            out.append(Name(" ".join(words), parts, gloss, m.start() + pieces[0].start(), m.start() + pieces[-1].end()))
    return out


def _present(name: Name, folded_tokens: list[str], w: Words) -> bool:
    """A name is in the other wording when one of its words is, allowing for derived forms (Corée / coréen,
    Russie / russe); a glossed acronym is there when a word of its gloss is; an acronym is there misprinted when
    the other wording prints it with two letters swapped (ARS / ASR: a spelling, not another entity; see
    `meaning_changes`)."""
    heads = {t[:4] for t in folded_tokens if len(t) >= 3}
    return any(p[:4] in heads for p in name.parts) or any(g[:4] in heads for g in name.gloss)


_PLACE_BEFORE = re.compile(r"(?:\b(?:à|au|aux|en|dans)\s+(?:la\s+|le\s+|l['’])?)$", re.IGNORECASE)


def _deixis(changed: list[Name], own: str, other: str, w: Words) -> list[Name]:
    """The names left once those the other wording renders by deixis are set aside: a place name after « à »,
    « en », « dans » where the other says « ici » (or another word of `deictics`) and this one does not
    (« assurées à Lormérac » / « assurées ici »); one name per such word."""
    if not changed:
        return changed
    folded_own, folded_other = fold(own), fold(other)
    count = lambda d, t: len(re.findall(rf"(?<!\w){re.escape(d)}(?!\w)", t))
    spare = sum(max(0, count(d, folded_other) - count(d, folded_own)) for d in w.deictics)
    kept = []
    for name in changed:
        if spare and _PLACE_BEFORE.search(own, 0, name.start):
            spare -= 1
            continue
        kept.append(name)
    return kept


def word_diff(a: list[str], b: list[str]) -> str:
    """Readable word diff: unchanged words as they are (long runs shortened), [-removed-] {+added+}."""
    return _render(SequenceMatcher(None, [fold(x) for x in a], [fold(x) for x in b], autojunk=False).get_opcodes(), a, b)


def _render(ops, a: list[str], b: list[str]) -> str:
    out = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            run = a[i1:i2]
            if len(run) > KEEP_EQUAL:
                run = run[:KEEP_EQUAL // 2] + ["…"] + run[-(KEEP_EQUAL // 2):]
            out.extend(run)
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
