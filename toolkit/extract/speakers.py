"""Find the reporting verb and the phrase naming the speaker around a quotation or a reported clause.

Three places are read, as a French reader does: the incise after a quotation (`», a déclaré M. Kim`,
`», a-t-il ajouté`, `», poursuit-elle`, `», selon le Kremlin`), the introduction before it (`X a déclaré : «`,
`Selon X, «`, `X : «`), and the subject of a reporting verb earlier in the same sentence (for partial quotations
and reported speech). No parser is used: the phrases are short and their grammar is regular enough for patterns,
which keeps extraction orders of magnitude faster than a full dependency parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from toolkit.extract.given_names import person_noun
from toolkit.extract.lexicon import Lexicon
from toolkit.text import fold

_TOKEN = re.compile(r"(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|St)\.|[^\s,.;:!?()«»\"“”\[\]]+|[,.;:!?()«»\"“”\[\]]")
# ", Jean-Luc Mélenchon" after a description; also past one short apposition (", La France insoumise, Jean-Luc …")
_APPOSED_NAME = re.compile(r",[ \u00a0]+(?:[^,.;:«»()\n]{1,40},[ \u00a0]+)?((?:[A-ZÀ-ÖØ-Þ][\w’'-]+[ \u00a0]?){1,4})(?=[.,;])")
_MANNER = re.compile(r"(?:[ \u00a0]+\w+ment)+(?=[ \u00a0])")     # adverbs of manner after the verb of an incise
_ABBREVIATION = re.compile(r"\b(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|[A-Z])$")
_PRONOUN_INCISE = re.compile(r"^(?P<verb>[\w’']+)-(?:t-)?(?P<pro>il|elle|ils|elles|on)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    cue: str | None              # reporting verb lemma, or "selon"
    subject: tuple[int, int] | None   # span of the phrase naming the speaker
    pronoun: str | None = None   # when the subject is an inverted pronoun (a-t-il)
    pronoun_at: int = 0
    end: int = 0                 # where the incise ends
    method: str = "incise"


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]


def noun_phrase(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The noun phrase starting at `start`: up to punctuation or a word that opens a new phrase (dont, selon, à…)."""
    toks = tokens(text, start, end)
    i = 0
    syntax = lexicon.syntax
    moved = True
    while moved:                  # time words and prepositional phrases, in any order ("a affirmé mardi sur franceinfo le ministre")
        moved = False
        for aside in syntax.aside_phrases:          # "résume quant à elle Francisca Joly-Gomez"
            if tuple(fold(t[2]) for t in toks[i:i + len(aside)]) == aside:
                i += len(aside)
                moved = True
                break
        while i < len(toks) and fold(toks[i][2]) in syntax.prepositions:
            # "a déclaré à l'AFP le ministre", "a lancé depuis la tribune la rapporteure": skip the prepositional phrase
            i += 1
            if i < len(toks) and fold(toks[i][2]) in syntax.determiners:
                i += 1
            i += 1
            if i < len(toks) and toks[i][2] == "(":         # "fustige à Montceau (Saône-et-Loire) X": its department
                close = next((k for k in range(i, min(len(toks), i + 8)) if toks[k][2] == ")"), None)
                i = close + 1 if close is not None else i
            moved = True
            if i >= len(toks) or toks[i][2] in ",.;:!?":
                return None
        while i < len(toks) and fold(toks[i][2]) in syntax.time_words and not (i + 1 < len(toks) and toks[i + 1][2] in ",.;") \
                and not (fold(toks[i][2]) in ("ce", "cet", "cette") and (i + 1 >= len(toks) or fold(toks[i + 1][2]) not in syntax.time_words)):
            i += 1                # "a déclaré ce mercredi matin M. Kim": the time is not the speaker
            moved = True
    first = i
    stop = first
    while stop < len(toks):
        word = toks[stop][2]
        if len(word) == 1 and word in ",.;:!?()«»\"“”[]":
            break
        if fold(word) in lexicon.phrase_end and not word[0].isupper() and not (
                word == "par" and stop > first and _PARTICIPLE_END.search(toks[stop - 1][2])):
            break                 # (« les données publiées par l'ACEA »: the phrase goes on to who published them)
        stop += 1
    if stop == first:
        return None
    return toks[first][0], toks[stop - 1][1]


_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées)$")       # « publiées », « réalisé »


def incise(text: str, pos: int, end: int, lexicon: Lexicon) -> Attribution | None:
    """Read `, a déclaré X` / `, a-t-il ajouté` / `, selon X` right after a quotation closing at `pos`."""
    i = pos
    while i < end and (text[i].isspace() or text[i] in ",—–-"):
        i += 1
    if i >= end:
        return None
    segment = text[i:end]
    low = fold(segment)
    if low.startswith(("selon ", "d'apres ")):
        skip = i + len(segment.split(maxsplit=1)[0]) + 1
        np = noun_phrase(text, skip, end, lexicon)
        return Attribution("selon", np, end=np[1] if np else skip, method="selon") if np else None
    m = _PRONOUN_INCISE.match(segment)
    if m:
        verb = m.group("verb")
        after = i + m.end()
        lemma = lexicon.lemma(verb)
        if fold(verb) in lexicon.syntax.auxiliaries:
            cue = lexicon.cue_pattern.match(text, _skip_adverbs(text, after, end, lexicon), end)
            lemma = lexicon.lemma(cue.group()) if cue else None
            after = cue.end() if cue else after
        if lemma and m.group("pro").lower() == "on":
            source = _TOLD_BY.match(text, after, end)
            np = noun_phrase(text, source.end(), end, lexicon) if source else None
            if np:                # « …, a-t-on appris vendredi auprès du parquet de Paris »: who told the newsroom
                return Attribution(lemma, np, end=np[1])
        if lemma:
            return Attribution(lemma, None, m.group("pro").lower(), i + m.start("pro"), after, "incise")
        return None
    # an auxiliary and adverbs, then the cue, then the subject: ", a déclaré M. Kim", ", explique le maire"; else a
    # reflexive cue read whole (", se félicite le maire": "félicite" alone is congratulating someone)
    clitic = lexicon.syntax.object_clitic.match(segment)
    if clitic and lexicon.cue_pattern.match(text, i + clitic.end(), end):
        i, segment = i + clitic.end(), segment[clitic.end():]      # "», le questionne le journaliste"
    j = i
    word = re.match(r"[\w’']+", segment)
    if word and fold(word.group()) in lexicon.syntax.auxiliaries:
        j = _skip_adverbs(text, i + word.end(), end, lexicon)
    cue = lexicon.cue_pattern.match(text, j, end) or lexicon.cue_pattern.match(text, i, end)
    lemma = lexicon.lemma(cue.group()) if cue else None
    if cue is None and j > i:     # "», a notamment voulu prévenir le chef de l'État": a modal, then the infinitive
        infinitive = _WORD_AT.match(text, j, end)
        if infinitive and infinitive.group().lower() in _lemmas(lexicon):
            cue, lemma = infinitive, infinitive.group().lower()
    if not cue or fold(cue.group()).endswith("ant"):
        return None               # ", rappelant que…" is the journalist going on, not an incise
    tail = cue.end()
    pro = _PRONOUN_INCISE.match(text[cue.start():end]) or _INVERTED.match(text, cue.end(), end)
    if pro:
        start = cue.start() if pro.re is _PRONOUN_INCISE else 0
        return Attribution(lemma, None, pro.group("pro").lower(), start + pro.start("pro"), start + pro.end(), "incise")
    adverb = _MANNER.match(text, tail, end)
    tail = adverb.end() if adverb else tail       # "répond sèchement le comédien"
    np = noun_phrase(text, _past_aside(text, tail, end, lexicon), end, lexicon)
    if not np:
        return Attribution(lemma, None, end=tail)
    apposed = _APPOSED_NAME.match(text, np[1], end) or lexicon.syntax.complement_then_name.match(text, np[1], end)
    if apposed:
        np = (np[0], apposed.end(1))
    return Attribution(lemma, np, end=np[1])


_WORD_AT = re.compile(r"[\w’']+")
# « a-t-on appris [vendredi] auprès du parquet »: the body the newsroom heard it from (« du parquet » is read as
# « le parquet »)
_TOLD_BY = re.compile(r"(?:[ \u00a0]+[\w’']+){0,3}?[ \u00a0]+auprès[ \u00a0]+(?:de[ \u00a0]+(?=la\b|l['’]|son\b|sa\b|ses\b|leur|[A-ZÀ-Ý])|d['’](?=[A-ZÀ-Ý])|(?=du\b|des\b))")
_ASIDE = re.compile(r"[ \u00a0]*,[ \u00a0]*((?:[\w’']+[ \u00a0]*){1,4}),[ \u00a0]*")


def _past_aside(text: str, pos: int, end: int, lexicon: Lexicon) -> int:
    """Past an aside between commas after the verb of an incise, made only of the words that may stand between an
    auxiliary and its participle (« », a accusé, de son côté, le leader de la CFDT », « , a déclaré, lundi, X »)."""
    m = _ASIDE.match(text, pos, end)
    if m and all(lexicon.syntax.incise_adverb.match(fold(w)) for w in m.group(1).split()):
        return m.end()
    return pos


@lru_cache(maxsize=8)
def _lemmas(lexicon: Lexicon) -> frozenset[str]:
    """Every reporting verb's infinitive (its lemma), regular or not."""
    return frozenset(lexicon.cue_forms.values()) | lexicon.cue_lemmas


_INVERTED = re.compile(r"-(?:t-)?(?P<pro>il|elle|ils|elles|on)\b")      # "se félicite-t-il"


def _skip_adverbs(text: str, pos: int, end: int, lexicon: Lexicon) -> int:
    for _ in range(4):
        m = re.match(r"\s+([\w’']+)", text[pos:end])
        if not m or not lexicon.syntax.incise_adverb.match(fold(m.group(1))):
            break
        pos += m.end()
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def introduction(text: str, start: int, pos: int, lexicon: Lexicon) -> Attribution | None:
    """Read `X a déclaré :`, `X :`, `Selon X,` or `Pour X,` (also after a colon: « Gilets jaunes : pour X, « … » »)
    just before a quotation opening at `pos`."""
    before = text[start:pos].rstrip(" \u00a0\u202f")
    if before.endswith(":"):
        clause_start = 0
        for m in re.finditer(r"[.;!?](?=\s)", before[:-1]):
            if not (before[m.start()] == "." and _ABBREVIATION.search(before, 0, m.start())):
                clause_start = m.end()
        clause = (start + clause_start, start + len(before) - 1)
        cues = list(lexicon.cue_pattern.finditer(text, clause[0], clause[1]))
        if cues:
            return Attribution(lexicon.lemma(cues[-1].group()), (clause[0], cues[-1].start()), end=clause[1], method="intro")
        source = lexicon.syntax.clause_source.search(text[clause[0]:clause[1]])
        if source:                # "Même constat pour Fred : « … »"
            return Attribution(None, (clause[0] + source.start("np"), clause[1]), end=clause[1], method="selon")
        # "X : « … »", and "le député a refusé de revenir sur ses propos mais a vilipendé le ministre : « … »": the
        # subject of the clause the colon closes speaks, whatever its verb
        return Attribution(None, clause, end=clause[1], method="intro")
    m = re.search(r"(?:^|[.;:!?]\s+)(?P<prep>[Ss]elon|[Pp]our|[Dd]['’]après)\s+(?P<np>[^,:]{2,80}),\s*$", before)
    pour = None if m else pour_source(text, start, pos, lexicon)
    if pour and not text[pour[1]:pos].strip():       # "Pour Luc, pizzaïolo à Marseille, « … »"
        return Attribution(None, pour[0], end=pour[1], method="selon")
    if m:
        return Attribution("selon" if m.group("prep").lower() != "pour" else None,
                           (start + m.start("np"), start + m.end("np")), end=start + m.end("np"), method="selon")
    return None


FINITE_VERB = re.compile(r"(?<![\w'’-])(?:a|ont|est|sont|était|étaient|avait|avaient|aura|auront|sera|seront|serait|seraient|"
                     r"va|vont|allait|peut|peuvent|pourrait|doit|doivent|devrait|faut|fallait|[a-zéèêîûç]+(?:ait|aient|èrent|eront|erait|eraient))(?![\w'’-])")
_POUR = re.compile(r"[Pp]our\s+(?P<np>(?:l['’]|le\s+|la\s+|les\s+|ses\s+|son\s+|sa\s+|leurs\s+|leur\s+)?(?P<head>[\w’'.-]+)[^,«»]{0,60}?)"
                   r"(?:,\s*(?P<name>(?:M\.|Mme|Me|Dr|Pr)?\s*[A-ZÀ-Ý][^,«»\"“]{1,40}?)"
                   r"|,\s*(?P<appos>[a-zà-ÿ][^,«»\"“]{1,60}?))?,\s*")


_ROLE_AND_NAME = re.compile(r"(?:l['’]|le\s+|la\s+)[a-zà-ÿ-]+\s+[A-ZÀ-Ý][\w-]+\s+[A-ZÀ-Ý][\w-]+\s*$")


def pour_source(text: str, lo: int, hi: int, lexicon: Lexicon) -> tuple[tuple[int, int], int] | None:
    """`Pour l'avocat de la défense, Me Vasseur, …` opening the sentence text[lo:hi]: the span naming the person
    (the name of an apposition if there is one) and where the rest begins. Only when the phrase after "Pour" names
    someone (a speaker noun such as « l'avocat », or a capitalised name): "Pour la première fois, …" and
    "Pour 2024, …" are not speech."""
    m = _POUR.match(text, lo, hi)
    if m and m.group("appos"):    # "Pour Luc, pizzaïolo à Marseille, « … »"; not "Pour X, la réforme, votée …"
        appos = m.group("appos")
        described = re.match(r"(?:le|la|l['’])\s*([\w-]+)", fold(appos))     # « le maire », « la présidente »
        if (fold(appos.split()[0]) in lexicon.syntax.function_words and not (described and person_noun(described.group(1), lexicon))) \
                or FINITE_VERB.search(appos):
            m = _POUR.match(text, lo, m.start("appos"))
    if not m:
        return None
    head = fold(m.group("head"))
    named = _ROLE_AND_NAME.match(m.group("np"))                        # "Pour le politologue Hugo Lamarque, …"
    if not (head in lexicon.speaker_heads or head in lexicon.groups or named or (m.group("head")[:1].isupper() and head not in lexicon.syntax.function_words)):
        return None
    return ((m.start("name"), m.end("name")) if m.group("name") else (m.start("np"), m.end("np"))), m.end()


def cue_before(text: str, start: int, pos: int, lexicon: Lexicon) -> re.Match | None:
    """The last reporting verb in text[start:pos] (the one governing what follows)."""
    found = None
    for m in lexicon.cue_pattern.finditer(text, start, pos):
        found = m
    return found

