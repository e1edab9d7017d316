"""Find reported (indirect) speech: `X a déclaré que [clause]`, `X a évoqué la possibilité que [clause]`,
`Selon X, [clause]` and `[clause], selon X`.

The clause runs from after "que" to the end of the sentence, cut before a comma that opens the journalist's own
framing again (", lors d'une rencontre", ", ont rapporté les agences"); quoted words inside it stay inside.
A clause that is wholly between quotation marks is left to the quotation rules (only the partial claim exists).
Does not find reported speech without a reporting verb or "selon" (e.g. a conditional of report alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from toolkit.extract import speakers
from toolkit.extract.lexicon import Lexicon
from toolkit.text import Spans, fold

_QUE = re.compile(r"(?<![\w'’])(que(?![\w'’-])|qu['’])", re.IGNORECASE)     # not « quelques »


@dataclass(frozen=True)
class Clause:
    cue: str
    cue_start: int               # where the verb (or "selon") is
    start: int
    end: int
    subject: tuple[int, int] | None          # where to look for the speaker
    selon: bool = False
    attribution: speakers.Attribution | None = None   # an incise after the clause names the speaker


def clauses(text: str, sentence: tuple[int, int], quotes: list[tuple[int, int]], lexicon: Lexicon,
            is_relay=lambda start, end: False) -> list[Clause]:
    """Reported clauses of one sentence. `is_relay(start, end)` tells whether a "selon" phrase names an intermediary:
    then a sentence that has its own reporting verb ("le Kremlin a jugé…, selon TASS") is not a selon-claim."""
    lo, hi = sentence
    found: list[Clause] = []
    cues = list(lexicon.cue_pattern.finditer(text, lo, hi))      # read once: every rule below looks at them
    for cue in cues:
        if _inside(cue.start(), quotes):
            continue
        lemma = lexicon.lemma(cue.group())
        if lemma not in lexicon.indirect:
            continue
        if _text_provides(text, lo, cue, lemma, lexicon):
            continue              # "le plan « Cap 2028 » prévoit que …": what a text provides, not speech
        if re.search(r"(?<![\w'’])été\s+$", text[max(lo, cue.start() - 8):cue.start()]):
            continue              # "il a été observé que …": an impersonal passive names no speaker
        if _not_a_report(text, lo, cue, lexicon):
            continue
        que = _QUE.search(text, cue.end(), min(hi, cue.end() + 150))
        if not que:
            continue
        gap = text[cue.end():que.start()]
        if _NOUN_BEFORE.search(text, max(lo, cue.start() - 12), cue.start()):
            continue              # "Cette demande officielle …": the noun, not the verb
        if _OF_A_NOUN.match(gap) and lemma.startswith(("se ", "s'")) and not re.match(r"\s*du\s+fait\s*$", gap):
            continue              # "s'est souvenu du surnom que donnait …": a relative on the noun (a reflexive's
                                  # object; « a exigé du gouvernement qu'il … » names whom it asks)
        if re.search(r"[.;:!?]", gap) or gap.count(")") > gap.count("(") or _GAP_VERB.search(_INSERTED.sub(" ", gap)) or lexicon.cue_pattern.search(gap) or _inside(que.start(), quotes):
            continue
        before = fold(gap.split()[-1]) if gap.split() else ""
        if _THAT.fullmatch(gap) or fold(gap).split() == ["aussi"]:
            before = ""           # "s'attend à ce que …", "se félicite de ce que …": the clause, not a relative;
                                  # "a dit aussi que": also, no comparison
        # "a confirmé lundi, lors d'une conférence de presse à la mairie, que …": an inserted circumstance between
        # commas does not count against the distance from the verb
        core = _INSERTED.sub(" ", gap)
        if before in lexicon.not_que or len(core.split()) > 7:
            continue
        if fold(gap).split() != ["aussi"] and _comparison(text[max(lo, cue.start() - 40):cue.start()], core, lexicon):
            continue              # "être plus inquiète que l'an dernier", "a dit être plus inquiet que …"
        start = que.end()
        while start < hi and (text[start].isspace() or text[start] == ","):
            start += 1
        end = _subordinate_end(text, lo, start, clause_end(text, start, hi, quotes, lexicon), quotes, lexicon)
        end = _relative_end(text, lo, cue.start(), start, end, quotes)
        for part_start, part_end in _coordinated(text, start, end, quotes):
            if _wholly_quoted(part_start, part_end, quotes) or part_end - part_start < 3:
                continue
            found.append(Clause(lemma, cue.start(), part_start, part_end, _coordinated_subject(text, lo, cue, found)))
    found.extend(_narrative_infinitive(text, sentence, quotes, lexicon, found))
    found.extend(_complements(text, sentence, quotes, lexicon, found, cues))
    found.extend(_selon(text, sentence, quotes, lexicon, found, is_relay, cues))
    found.extend(_comme(text, sentence, quotes, lexicon, found))
    found.extend(_pour(text, sentence, quotes, lexicon, found))
    found.extend(_before_incise(text, sentence, quotes, lexicon, found, is_relay))
    return _with_main_subjects(text, sentence, quotes, found, lexicon)


def main_subject(text: str, pos: int, hi: int, quote_spans, lexicon: Lexicon) -> tuple[int, int] | None:
    """After a sentence-initial participle phrase, the main clause's subject: from the comma that ends the phrase
    (the first one after `pos` outside quotation marks) to the main verb. Looked for after the fragment first (« Taxant
    X d'« … », Y a … »), then after the participle when the fragment stands in the main clause (« Condamnant les
    violences, il a offert … pour « … » »)."""
    inside = Spans.of(quote_spans).strictly_inside
    comma = next((i for i in range(pos, hi) if text[i] == "," and not inside(i)), -1)
    if comma < 0:
        return None
    verbs = [m.start() for m in (speakers.FINITE_VERB.search(text, comma + 1, hi), lexicon.syntax.verb_opener.search(text, comma + 1, hi)) if m]
    return (comma + 1, min(verbs)) if verbs else None


_OPENING = frozenset({"", "en", "tout en", "se", "s'", "en se", "tout en se"})


def _opening_participle(text: str, lo: int, cue) -> bool:
    """A present participle opening the sentence (« Se disant consciente de …, elle a promis », « Estimant que …,
    le procureur a »): its subject is the main clause's, after the participle phrase."""
    return fold(cue.group()).endswith("ant") and fold(text[lo:cue.start()]).strip() in _OPENING


def _with_main_subjects(text: str, sentence, quotes, found: list[Clause], lexicon: Lexicon) -> list[Clause]:
    """A report hanging on a present participle ends where the main clause starts: at the first comma before the
    main verb (« Se disant consciente de …, elle a promis », « Les commerçants, se disant inquiets …, ont
    manifesté »). When the participle opens the sentence, the main clause's subject is the speaker."""
    lo, hi = sentence
    inside = Spans.of(quotes).strictly_inside
    out = []
    for c in found:
        cue = lexicon.cue_pattern.match(text, c.cue_start, hi)
        if not cue or not fold(cue.group()).endswith("ant"):
            out.append(c)
            continue
        own_verb = bool(_QUE.search(text, cue.end(), c.start))     # a que-clause's subject may hold commas of its own
        main = _main_verb_after(text, c.start, c.end, quotes, own_verb)
        if main is None:
            out.append(c)
            continue
        comma, verb = main
        end = c.start + len(text[c.start:comma].rstrip())
        subject = (comma + 1, verb) if _opening_participle(text, lo, cue) else c.subject
        out.append(replace(c, end=end, subject=subject) if end - c.start >= 3 and not inside(comma) else c)
    main_of = {c.cue_start: c.subject for c in out if c.subject and c.subject[0] > c.cue_start}
    return [replace(c, subject=main_of[c.cue_start]) if c.cue_start in main_of and not (c.subject and c.subject[0] > c.cue_start)
            else c for c in out]  # « Estimant que A et que B, le procureur … »: A's speaker too


def _main_verb_after(text: str, start: int, end: int, quotes, own_verb: bool) -> tuple[int, int] | None:
    """In text[start:end], the first finite verb with a comma (outside quotation marks) between it and the verb
    before it (or `start`): (that comma, the verb). With `own_verb` (a que-clause), only after the clause's own
    verb (« précisant que le ministre, Sergueï Choïgou, participait »: the apposition is the clause's)."""
    inside = Spans.of(quotes).strictly_inside
    previous, seen = start, not own_verb
    verbs = sorted([*speakers.FINITE_VERB.finditer(text, start, end), *_NEGATED_AUXILIARY.finditer(text, start, end)],
                   key=lambda m: m.start())
    for verb in verbs:
        if inside(verb.start()):
            continue
        comma = next((i for i in range(previous, verb.start()) if text[i] == "," and not inside(i)), None)
        if comma is not None and seen:
            return comma, verb.start()
        previous, seen = verb.end(), True
    return None


_NEGATED_AUXILIARY = re.compile(r"(?<![\w'’-])n['’](?:a|ont|est|sont|avait|avaient|était|étaient)(?![\w'’-])")   # « n'a pas »
_IN_RELATIVE = re.compile(r"(?<![\w'’])qui\s+(?:ne\s+|n['’]\s*)?(?:[\w'’-]+\s+)?$", re.IGNORECASE)
_IN_A_RELATIVE = re.compile(r"(?<![\w'’])(?:qui|où|dont|lequel|laquelle|lesquels|lesquelles)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _overlaps(taken: list[Clause], text: str, lo: int, start: int, end: int) -> bool:
    """Whether a report already found overlaps text[start:end]. A report inside a relative clause of this one is a
    claim too (« L'homme, qui demandait que …, s'est rendu, a indiqué X », « Selon une source, il a été arrêté près
    des Champs-Élysées, où il avait appelé à se rassembler »); any other overlap leaves the words to the report
    already found."""
    return any(c.start < end and start < c.end and not (start <= c.cue_start and c.end <= end and _IN_A_RELATIVE.search(
        text, max(lo, c.cue_start - 40), c.cue_start)) for c in taken)


_MAIN_PREDICATE = re.compile(r",\s*(?:s['’]est|se\s+sont|a|ont|est|sont|avait|avaient|était|étaient)\s+(?:[\w'’-]+\s+)?"
                             r"[\w'’-]+(?:é|ée|és|ées|i|is|ie|u|us|ue|ues)(?![\w'’-])")


def _relative_end(text: str, lo: int, cue_at: int, start: int, end: int, quotes) -> int:
    """`L'homme, qui demandait que [les manifestants soient reçus], s'est rendu …`: a report inside a relative clause
    ends where the main clause's predicate comes back after a comma."""
    if not _IN_RELATIVE.search(text, max(lo, cue_at - 30), cue_at):
        return end
    for m in _MAIN_PREDICATE.finditer(text, start, end):
        if not _inside(m.start(), quotes):
            return m.start()
    return end


_GAP_VERB = re.compile(r"(?<![\w'’-])(?:est|sont|était|étaient|sera|seront|serait|seraient)(?![\w'’-])")   # « la demande
                                                                      # est une illustration que »: another clause
_OF_A_NOUN = re.compile(r"\s*(?:du|des|de\s+la|de\s+l['’])\s+\S", re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"(?<![\w'’])(?:cette|cet|une|sa|son|ses|du|au|aux|notre|votre)\s+$", re.IGNORECASE)
_THAT = re.compile(r"\s+(?:à|de)\s+ce\s+", re.IGNORECASE)
_AND_VERB = re.compile(r"(?<![\w'’])et\s+(?:(?:a|ont|avait|avaient|s['’]est|se\s+sont)\s+)?(?:[\w’'-]+ment\s+|aussi\s+|encore\s+)?$")


def _coordinated_subject(text: str, lo: int, cue, found: list[Clause]) -> tuple[int, int]:
    """Where to look for the speaker of a cue: the sentence up to it, or, for a verb coordinated to an earlier report
    of the sentence (`X a affirmé que … et a ajouté que …`), that report's subject."""
    if found and found[-1].subject and _AND_VERB.search(text, found[-1].end, cue.start()):
        return found[-1].subject
    return (lo, cue.start())


_PASSIVE = re.compile(r"(?<![\w'’-])(?<!se\s)(?:est|sont|était|étaient|sera|seront|serait|seraient|fut|être)\s+$",
                      re.IGNORECASE)     # « il était appelé à », not « il s'est dit »
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|u|ue|us|ues|is)$")
_BE = frozenset({"est", "sont", "etait", "etaient", "s'est", "se", "s'etait", "s'etaient", "etre", "ete"})
# a clitic is a word of its own (« se rendre », « s'y rendre »), never the first letters of the verb (« mener »,
# « laisser », « nettoyer »)
_CLITICS = r"(?:(?:ne\s+|n['’]\s*)(?:(?:pas|plus|jamais|rien|guère)\s+)?)?(?:(?:(?:se|y|en|le|la|les|lui|leur|me|nous|vous)\s+|[sml]['’]\s*)){0,2}"
_DETERMINER = re.compile(r"(?:l['’]|de\s+l['’])|(?:le|la|les|un|une|des|du|de\s+la|son|sa|ses|leur|leurs|ce|cet|cette|ces|"
                         r"tout|toute|tous|toutes|aucun|aucune|plusieurs|notre|votre|nos|vos)(?![\w])", re.IGNORECASE)
_OBJECT_LEAD = re.compile(r"(?:aux|au|à\s+(?:la|l['’])|à|le|la|l['’]|les|un|une|des|ses|son|sa|leurs|leur|ces|ce|cette|tous|toutes)(?![\w])"
                          r"|[A-ZÀ-Ý]", re.IGNORECASE)


_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}\s*[-–.)]|[-–•·*])\s*(?=\S)")


def list_items(text: str, sentence: tuple[int, int], next_start: int, quotes, lexicon: Lexicon) -> list[Clause]:
    """`L'association appelle les autorités à agir : 1- renforcer …  2- intégrer …`: a sentence with a reporting verb
    that ends with a colon, then a list (numbered or dashed paragraphs): each item is a reported clause of that verb
    and its subject."""
    lo, hi = sentence
    if not text[lo:hi].rstrip().endswith(":"):
        return []
    cue = None
    for c in lexicon.cue_pattern.finditer(text, lo, hi):
        lemma = lexicon.lemma(c.group())
        if not _inside(c.start(), quotes) and (lemma in lexicon.indirect or any(lemma in v for v in lexicon.complements.values())):
            cue = c
    if cue is None:
        return []
    found, pos = [], next_start
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if not text[pos:line_end].strip():
            pos = line_end + 1
            continue
        item = _LIST_ITEM.match(text, pos, line_end)
        if not item:
            break
        end = line_end
        while end > item.end() and text[end - 1] in ".;, \u00a0\t":
            end -= 1
        if end - item.end() > 3:
            found.append(Clause(lexicon.lemma(cue.group()), cue.start(), item.end(), end, (lo, cue.start())))
        pos = line_end + 1
    return found if len(found) >= 2 else []


_NARRATIVE = re.compile(r"\s*(?:Et|Puis)\s+(?:de\s+|d['’])([\w’-]+)\s+(?:que\s+|qu['’])")


def narrative_cue(text: str, lo: int, hi: int, lexicon: Lexicon) -> str | None:
    """The cue of a sentence opening with a narrative infinitive (`Et d'ajouter que …`), or None."""
    m = _NARRATIVE.match(text, lo, hi)
    return m.group(1).lower() if m and m.group(1).lower() in lexicon.indirect else None


def _narrative_infinitive(text: str, sentence: tuple[int, int], quotes, lexicon: Lexicon, taken: list[Clause]) -> list[Clause]:
    """`Et d'ajouter que [clause]`: the narrative infinitive; the speaker is the one who held the floor."""
    lo, hi = sentence
    m = _NARRATIVE.match(text, lo, hi)
    if not m or m.group(1).lower() not in lexicon.indirect or taken:
        return []
    start = m.end()
    end = clause_end(text, start, hi, quotes, lexicon)
    if end - start < 3 or _wholly_quoted(start, end, quotes):
        return []
    return [Clause(m.group(1).lower(), m.start(1), start, end, None,
                   attribution=speakers.Attribution(m.group(1).lower(), None, method="selon"))]


def _complements(text: str, sentence: tuple[int, int], quotes, lexicon: Lexicon, taken: list[Clause], cues) -> list[Clause]:
    """Reports whose complement is no que-clause, with their cue verbs in `cues.toml` [complements]:
    an infinitive (`dit avoir vu…`, `a dit espérer…`), de + infinitive (`a demandé d'interdire…`), someone + à/de +
    infinitive (`a appelé les habitants à rester…`, `accuse X d'avoir…`), or a noun phrase (`ont nié toute
    transaction…`, `a fait état d'une hausse…`). The wording starts right after the verb (and any time words or
    circumstance between commas) and ends where a que-clause would. A past participle with no auxiliary before it
    is an adjective (`le gouvernement, accusé de rester sourd`), not a report."""
    lo, hi = sentence
    found: list[Clause] = []
    for cue in cues:
        if _inside(cue.start(), quotes):
            continue
        lemma = lexicon.lemma(cue.group())
        kinds = [kind for kind, lemmas in lexicon.complements.items() if lemma in lemmas]
        if not kinds or any(c.cue_start == cue.start() for c in taken + found):
            continue
        if _PARTICIPLE.search(cue.group()) and not _auxiliary_before(text, lo, cue.start(), lexicon):
            continue
        if _only_degree_before(text, lo, cue.start(), lexicon):
            continue              # "Très craint des habitants, le loup …": an adjective opening the sentence
        if _in_incise(text, lo, cue.start(), lexicon) or _not_a_report(text, lo, cue, lexicon):
            continue              # "», a confié l'ailier au micro de…": the subject follows the verb
        if re.search(r"(?<![\w'’])été\s+$", text[max(lo, cue.start() - 8):cue.start()]) or _PARTICIPLE.search(cue.group()) \
                and _PASSIVE.search(text, max(lo, cue.start() - 30), cue.start()):
            continue              # "ont été déclarées auprès de …", « était appelé à témoigner »: a passive names no speaker
        start = _past_circumstances(text, cue.end(), hi, lexicon)
        if start >= hi or _inside(start, quotes) and not _starts_with_quote(text, start, quotes):
            continue
        if not any(_complement_fits(kind, text, start, hi, lexicon) for kind in kinds):
            start = _past_medium(text, start, hi, kinds, lexicon)
        fitting = [kind for kind in kinds if _complement_fits(kind, text, start, hi, lexicon)]
        if fitting:
            if fitting[0] == "a_infinitive":
                start = _A_INFINITIVE.match(text, start).end()       # the call is what follows « à »
            end = clause_end(text, start, hi, quotes, lexicon)
            if fitting[0] == "a_infinitive" and Spans.of(quotes).overlapping(start, end):
                continue          # « a appelé à mener une « action » »: the quoted words alone are the claim
            if _wholly_quoted(start, end, quotes) or end - start < 3:
                continue
            outside = len(_outside_quotes(text, start, end, quotes).split())
            only_noun = "noun" in kinds and not any(_complement_fits(k, text, start, hi, lexicon) for k in kinds if k != "noun")
            quoted_attribute = "attribute" in kinds and _starts_with_quote(text, start, quotes)
            if outside < 2 or only_noun and (outside < 3 or _quoted_head(text, start, end, quotes)) or quoted_attribute:
                continue      # « a reconnu avoir « menti » », « a dénoncé l'« hypocrisie » de X », « s'est dit « dévasté »
                              # par … »: the fragment alone
            if any(c.start < end and start < c.end for c in taken + found):
                continue
            found.append(Clause(lemma, cue.start(), start, end, _coordinated_subject(text, lo, cue, taken + found)))
    return found


_HYPOTHESIS = re.compile(r"(?<![\w'’])(?:si|s['’]il|s['’]ils)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_RESTRICTIVE = re.compile(r"(?<![\w'’])(?:ne|n['’])\s*$", re.IGNORECASE)
_GENERIC = re.compile(r"(?<![\w'’])(?:ceux|celles|celui|celle)\s+qui\s+(?:[\w'’-]+\s+){0,1}$", re.IGNORECASE)
_RELATIVE_CE = re.compile(r"(?<![\w'’])ce\s+(?:que|qu['’])\s*(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def _not_a_report(text: str, lo: int, cue, lexicon: Lexicon) -> bool:
    """A reporting verb that reports nothing here: a hypothesis (`si elle estime que…`), whoever would (`ceux qui
    croient que …`), the restrictive `ne … que`
    (`ne relève que de la supposition`), a relative (`ce qu'on dit peut…`), or the verb of an incise after a
    quotation (`», a ajouté un élu sur l'influence qu'a pu…`)."""
    before = text[max(lo, cue.start() - 30):cue.start()]
    if _HYPOTHESIS.search(before) or _RELATIVE_CE.search(before) or _GENERIC.search(before):
        return True               # "ceux qui croient que …": whoever would think so, nobody said it
    if _RESTRICTIVE.search(before) and re.match(r"\s+(?:que|qu['’])", text[cue.end():cue.end() + 6], re.IGNORECASE):
        return True
    return _in_incise(text, lo, cue.start(), lexicon)


def _in_incise(text: str, lo: int, pos: int, lexicon: Lexicon) -> bool:
    """Whether the verb at `pos` opens an incise (`…, a confié l'ailier`): a comma, then only an auxiliary or adverbs
    before it. Not after an aside on the subject (`L'Union a, elle, demandé…`)."""
    if re.match(r"[\w’'-]+ant\b", text[pos:pos + 30]):
        return False              # "», rappelant que …": the journalist goes on
    prefix = text[lo:pos]
    m = re.search(r"[»”\"]\s*,\s*((?:[\w’'-]+\s+){0,3})$", prefix)
    if not m or re.search(r"(?<![\w’'])(?:a|ont|avait|avaient|est|sont)\s*,[^,]{0,30},\s*$", prefix):
        return False
    return all(fold(w) in lexicon.syntax.auxiliaries or lexicon.syntax.incise_adverb.match(fold(w)) for w in m.group(1).split())


def _only_degree_before(text: str, lo: int, pos: int, lexicon: Lexicon) -> bool:
    """Nothing but adverbs of degree between the sentence start (or its last comma) and the verb."""
    before = re.findall(r"[\w’'-]+", text[lo:pos].rsplit(",", 1)[-1])
    return bool(before) and all(fold(w) in lexicon.syntax.degree_adverbs for w in before)


def _auxiliary_before(text: str, lo: int, pos: int, lexicon: Lexicon) -> bool:
    """An auxiliary among the few words before a participle (`a appelé`, `a-t-il ensuite demandé`, `s'est dit`)."""
    before = [fold(w) for w in re.findall(r"[\w’'-]+", text[max(lo, pos - 40):pos])[-4:]]
    return any(w in _HAVE or w in _BE or re.search(r"-t-(?:il|elle|on)$|-(?:ils|elles)$", w) for w in before)


def _past_circumstances(text: str, pos: int, hi: int, lexicon: Lexicon) -> int:
    """Past the time words and adverbs after a cue (`a affirmé vendredi soir`), and a circumstance between commas
    (`a affirmé, lors d'une conférence de presse, avoir…`): where its complement starts."""
    syntax = lexicon.syntax
    while pos < hi:
        m = re.match(r"[\s\u00a0]*(?:(?:ce|cette)\s+)?([\w’'-]+)", text[pos:hi])
        if m and (fold(m.group(1)) in syntax.time_words and fold(m.group(1)) not in ("ce", "cette")
                  or fold(m.group(1)).endswith("ment") and len(m.group(1)) > 5):
            pos += m.end()
            continue
        last_time = _LAST_TIME.match(text, pos, hi)         # "a promis l'an dernier d'interdire …"
        if last_time:
            pos = last_time.end()
            continue
        inserted = re.match(r"\s*,[^,«»\"“”]{1,90},", text[pos:hi])
        if inserted:
            pos += inserted.end()
            continue
        break
    while pos < hi and text[pos] in " \u00a0\t":
        pos += 1
    return pos


_MEDIUM = re.compile(r"(?:sur|dans|devant|auprès\s+d(?:e|u|es|['’])|à|au|aux)\s+")


def _past_medium(text: str, pos: int, hi: int, kinds, lexicon: Lexicon) -> int:
    """Past a short phrase saying where or to whom it was said, between the verb and its complement (`a dénoncé sur
    Twitter une répression…`, `a affirmé à la presse avoir…`): one to three words after the preposition, taken only
    when the complement fits right after them; else `pos`."""
    m = _MEDIUM.match(text, pos, hi)
    if not m or re.match(r"(?:un|une|\d)", text[m.end():hi]):
        return pos                # "a estimé à un millier le nombre …": a quantity, no medium
    cursor = m.end()
    for _ in range(3):
        word = re.match(r"[\w’'.-]+\s+", text[cursor:hi])
        if not word or re.search(r"[,;:«»\"“”]", word.group()):
            return pos
        cursor += word.end()
        if "noun" in kinds and _complement_fits("noun", text, cursor, hi, lexicon) \
                or "infinitive" in kinds and _plain_infinitive(text, cursor, hi, lexicon):
            return cursor
        de = _DE.match(text, cursor, hi)
        if "de_infinitive" in kinds and de and _plain_infinitive(text, de.end(), hi, lexicon):
            return cursor
    return pos


_PLAIN_INFINITIVE = re.compile(r"(?:(?:ne|n['’])\s*(?:pas\s+|plus\s+|jamais\s+)?)?(?:(?:se|s['’]|y|en|lui|leur|me|m['’]|nous|vous)\s*)?([\w’-]+)", re.IGNORECASE)


def _plain_infinitive(text: str, pos: int, hi: int, lexicon: Lexicon) -> bool:
    """An infinitive with no article-like clitic before it and a regular ending (« avoir reçu », « vouloir », « se
    rendre »), not a noun in -re after an article (« la préfecture »)."""
    m = _PLAIN_INFINITIVE.match(text, pos, hi)
    return bool(m) and _is_infinitive(m.group(1), lexicon) and bool(_REGULAR_INFINITIVE.search(fold(m.group(1))))


_LAST_TIME = re.compile(r"[\s\u00a0]*(?:l['’]an|l['’]année|la\s+semaine|le\s+mois|le\s+week-end|l['’]été|l['’]hiver|"
                        r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:dernier|dernière|passé|passée)(?![\w])",
                        re.IGNORECASE)


def _is_infinitive(word: str, lexicon: Lexicon) -> bool:
    low = fold(word)
    if low in ("avoir", "etre"):
        return True
    return (len(low) > 3 and word[:1].islower() and _INF_END.search(low) is not None
            and low not in lexicon.syntax.not_infinitives)


_CLITIC_WORD = re.compile(_CLITICS + r"([\w’-]+)", re.IGNORECASE)
_DE = re.compile(r"(?:de\s+|d['’])", re.IGNORECASE)
_NOUN_DE = re.compile(r"(?:(?:de\s+|d['’])(?=(?:un|une|des|la|le|l['’]|son|sa|ses|leur|leurs|ce|cette|ces)\b))?", re.IGNORECASE)
_OBJECT_MARK = re.compile(r"\s(?:à|de|d['’])\s*")
_INF_END = re.compile(r"(?:er|ir|re|oir)$")


def _infinitive_at(text: str, pos: int, hi: int, lexicon: Lexicon) -> bool:
    """An infinitive, with its clitics. After « le », « la », « les », « l' » the word may be a noun (« a ajouté la
    préfecture »): then only a regular ending or a common verb in -re counts (« la prendre », « les voir »)."""
    m = _CLITIC_WORD.match(text, pos, hi)
    if not m or not _is_infinitive(m.group(1), lexicon):
        return False
    if re.search(r"(?<![\w])(?:le|la|les|l['’])\s*$", text[pos:m.start(1)], re.IGNORECASE):
        return bool(_REGULAR_INFINITIVE.search(fold(m.group(1))))
    return True


_REGULAR_INFINITIVE = re.compile(r"(?:er|ir|oir)$|^(?:etre|faire|dire|prendre|rendre|mettre|croire|vivre|suivre|battre|"
                                 r"lire|ecrire|comprendre|reprendre|defendre|attendre|entendre|vendre|perdre)$")


def _complement_fits(kind: str, text: str, start: int, hi: int, lexicon: Lexicon) -> bool:
    if kind == "infinitive":
        return _infinitive_at(text, start, hi, lexicon)
    if kind == "de_infinitive":
        m = _DE.match(text, start, hi)
        return bool(m) and _infinitive_at(text, m.end(), hi, lexicon)
    if kind == "object_infinitive":
        lead = re.match(r"[«“\"][ \u00a0]*", text[start:start + 3])
        if not _OBJECT_LEAD.match(text, start + (lead.end() if lead else 0), hi):
            return False
        for m in _OBJECT_MARK.finditer(text[start:min(hi, start + 160)]):
            raw = text[start:start + m.start()]
            if raw.count(",") == 1 and re.search(r"[.;:!?«»\"“”]", raw) is None:
                continue          # inside an inserted phrase: "aux habitants, frappés par …, de"
            head = _INSERTED.sub(" ", _QUOTED_OBJECT.sub(r"\1\2", raw))   # « a invité « les plus raisonnables » à »
            if re.search(r"[,.;:!?«»\"“”]", head) or _FINITE.search(head) or len(head.split()) > 7:
                return False
            if _infinitive_at(text, start + m.end(), hi, lexicon):
                return True
        return False
    if kind == "a_infinitive":
        m = _A_INFINITIVE.match(text, start, hi)
        return bool(m) and _infinitive_at(text, m.end(), hi, lexicon)
    if kind == "noun":
        m = _NOUN_DE.match(text, start, hi)
        return bool(_DETERMINER.match(text, m.end(), hi))
    if kind == "attribute":
        return _attribute_at(text, start, hi, lexicon)
    if kind == "a_complement":
        m = _A.match(text, start, hi)
        return bool(m) and (m.group().startswith("au") or bool(_DETERMINER.match(text, m.end(), hi))
                            or _plain_infinitive(text, m.end(), hi, lexicon))
    return False


_QUOTED_OBJECT = re.compile(r"^(\s*(?:\w+\s+)?)[«“\"]\s*([^«»“”\".,;:!?]{1,60}?)\s*[»”\"]\s*$")   # the object quoted whole
_A = re.compile(r"(?:à|aux|au)\s+", re.IGNORECASE)
_A_INFINITIVE = re.compile(r"à\s+")      # « appelé à se rassembler … »
_ATTRIBUTE = re.compile(r"[«“\"]?\s*(?:(?:très|si|plus|moins|assez|peu|bien|tout|toujours|encore|[\w’'-]+ment)\s+)*([\w’'-]+)", re.IGNORECASE)


def _attribute_at(text: str, start: int, hi: int, lexicon: Lexicon) -> bool:
    """What someone says they are, after « se dire » (« s'est dit prêt à négocier », « se disent « surpris » par … »):
    a lower-case word that is no function word, preposition, determiner or « que »."""
    m = _ATTRIBUTE.match(text, start, hi)
    if not m or not m.group(1)[:1].islower():
        return False
    word = fold(m.group(1))
    syntax = lexicon.syntax
    return not (word in syntax.function_words or word in syntax.prepositions or word in syntax.determiners
                or word in ("que", "qu'", "chez", "entre", "vers", "comme", "ne", "n'", "y", "en", "se", "s'")
                or word in lexicon.syntax.time_words)


def _quoted_head(text: str, start: int, end: int, quotes) -> bool:
    """A noun phrase whose head is quoted (`l'« hypocrisie » de plusieurs collègues`, `des « rumeurs » sur …`): a
    short quotation (three words at most) opens within its first two words."""
    first = Spans.of(quotes).first_from(start)
    return first is not None and first[0] < end and len(text[start:first[0]].split()) <= 2 and \
        not re.search(r"[,;:]", text[start:first[0]]) and len(text[first[0] + 1:first[1] - 1].split()) <= 3


def _outside_quotes(text: str, start: int, end: int, quotes) -> str:
    chars = list(text[start:end])
    for a, b in quotes:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


_MAIN_CLAUSE = re.compile(r",\s*(?:il|elle|ils|elles|on)\s+(?:n['’]|ne\s+)?[\w’'-]+")


def _subordinate_end(text: str, lo: int, start: int, end: int, quotes, lexicon: Lexicon) -> int:
    """`Si X a affirmé qu'[il était prêt à partir], il a ensuite …`: in a sentence opening with a subordinate clause,
    the report ends where the main clause starts again with its subject pronoun."""
    if not lexicon.syntax.subordinate.match(fold(text[lo:start])):
        return end
    for m in _MAIN_CLAUSE.finditer(text, start, end):
        if not _inside(m.start(), quotes):
            return m.start()
    return end


def _text_provides(text: str, lo: int, cue, lemma: str, lexicon: Lexicon) -> bool:
    """Whether a cue that may also describe a text ("prévoit") has a text as its subject: the last piece of the
    sentence before it that is not a source or a relative clause ("Présenté en mars, [le plan] prévoit que",
    "Selon Le Monde, [le projet de loi] prévoit que", but "[Le ministre], qui a présenté le projet, prévoit que")."""
    if lemma not in lexicon.text_cues:
        return False
    pieces = [fold(p).strip() for p in text[lo:cue.start()].split(",")]
    pieces = [p for p in pieces if p and not p.startswith(("selon", "d'apres", "qui ", "dont ", "pour "))]
    return bool(pieces) and bool(set(pieces[-1].split()) & lexicon.text_subjects)


def _comparison(before_cue: str, gap: str, lexicon: Lexicon) -> bool:
    """Whether the "que" after a cue ends a comparison rather than opening a clause: "plus inquiète que" (the cue
    used as an adjective, with no "a"/"ont" before it) or "être plus inquiet que" (a comparative just before "que").
    "a elle aussi jugé … que" and "avait estimé plus tôt que" are reports."""
    lead = [fold(word) for word in before_cue.split()[-4:]]
    if lead and lead[-1] in ("plus", "moins", "si", "aussi") and not set(lead) & _HAVE:
        return True
    tail = [fold(word) for word in gap.split()[-2:]]
    return any(word in lexicon.syntax.comparatives and (k + 1 == len(tail) or tail[k + 1] not in ("tot", "tard"))
               for k, word in enumerate(tail))


def _before_incise(text: str, sentence, quotes, lexicon: Lexicon, taken: list[Clause], is_relay=lambda a, b: False) -> list[Clause]:
    """`[Les discussions ont débuté mercredi], ont rapporté les agences.` — a clause reported by the incise after it.

    Not when the incise names a relay and the clause has its own reporting verb ("le Kremlin a jugé « regrettable »
    l'absence d'accord, a rapporté l'agence TASS"): the clause tells what someone said, the agency relays it."""
    lo, hi = sentence
    for comma in (m.start() for m in re.finditer(",", text[lo:hi])):
        pos = lo + comma
        if _inside(pos, quotes):
            continue
        attribution = speakers.incise(text, pos, hi, lexicon)
        if not attribution or not attribution.cue or attribution.cue == "selon" or not (attribution.subject or attribution.pronoun):
            continue
        if re.match(r"\s*\w+ant\b", text[pos + 1:hi]) or _goes_on(text[attribution.end:hi]):
            continue
        if re.match(r"\s*[\w’'-]+(?:é|ée|és|ées)(?![\w-])", text[pos + 1:hi]):
            continue              # ", appelés métabolites,": a participle, no incise without its auxiliary
        if attribution.subject and _reporter(text, *attribution.subject, lexicon):
            return []             # ", a constaté un photographe de l'AFP": the journalist's own observation

        start = _skip_connector(text, lo, pos, lexicon)
        end = pos
        split = _split_by_incise(text, start, end, attribution, hi, quotes, lexicon)
        if split and not any(c.start < split and start < c.end for c in taken):
            return [Clause(attribution.cue, pos, start, split, None, attribution=attribution)]
        if len(text[start:end].split()) < 3 or _wholly_quoted(start, end, quotes) or not (
                _has_finite_verb(text, start, end, quotes, lexicon)
                or _present_tense(text, start, end, quotes) and attribution.cue in lexicon.indirect):
            return []             # (a present tense is read only before a verb that reports a content: « , a lancé ses
                                  # remplaçants » is no incise)
        if set(w.lower() for w in text[start:end].split()[-2:]) & _HAVE or _ASIDE.search(text, start, end):
            continue              # "L'Union a, elle, demandé aux …": the verb goes on after the aside
        if _quotation_owns_incise(text, start, end, quotes, lexicon):
            continue
        if attribution.subject and is_relay(*attribution.subject) and any(
                not _inside(m.start(), quotes) for m in lexicon.cue_pattern.finditer(text, start, end)):
            return []
        if _overlaps(taken, text, lo, start, end):
            return []
        return [Clause(attribution.cue, pos, start, end, None, attribution=attribution)]
    return []


_CLAUSE_GOES_ON = re.compile(r"(?:(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|ce|cet|cette|ces|plusieurs|"
                             r"tous|toutes|aucun|aucune|il|elle|ils|elles|on)(?![\w])|[A-ZÀ-Ý]|\d)")


def _split_by_incise(text: str, start: int, pos: int, attribution, hi: int, quotes, lexicon: Lexicon) -> int | None:
    """`[Le préfet, a-t-il ajouté, pourra interdire …]`, `[En cas de risque, a ajouté le gouvernement, le préfet
    pourra …]`: an incise between commas inside the reported clause, whose first part has no verb of its own and whose
    second part has one. The wording is the whole span, incise included (as for « selon X » inside a clause); where it
    ends, or None."""
    after = re.match(r"\s*,\s*", text[attribution.end:hi])
    if not after or attribution.cue not in lexicon.indirect or len(text[start:pos].split()) < 2 or _wholly_quoted(start, pos, quotes) or _inside(start, quotes):
        return None
    rest = attribution.end + after.end()
    if _starts_with_quote(text, rest, quotes) or _has_finite_verb(text, start, pos, quotes, lexicon) \
            or _present_tense(text, start, pos, quotes) or _overlaps_quote(start, pos, quotes) \
            or not _CLAUSE_GOES_ON.match(text, rest, hi):
        return None               # « Mais « … », avait-il mis en garde, en référence à … »: the quotation's incise
    end = clause_end(text, rest, hi, quotes, lexicon)
    if len(text[rest:end].split()) < 3 or not (_has_finite_verb(text, rest, end, quotes, lexicon) or _present_tense(text, rest, end, quotes)):
        return None
    return end


_ASIDE = re.compile(r"(?<![\w'’])(?:a|ont|avait|avaient|est|sont)\s*(?:\([^()]*\)\s*)?,[^,]{0,30}$")
_INSERTED = re.compile(r",[^,]{1,90},")
_SOURCE_APPOSITION = re.compile(r"(?:qui\b|dont\b|[a-zà-ÿ]+(?:é|ée|és|ées)\b)[^,«»]*[.!?…]?\s*$")   # "chargés de l'enquête.", "dont les chiffres …"
_HAVE = frozenset({"a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "auront", "ai", "avons", "avez"})
_FINITE = speakers.FINITE_VERB
_FINITE_MORE = re.compile(r"(?<![\w-])(?:s['’](?:est|était|étaient)|se\s+sont|[a-zéèêîûç]{3,}(?:ra|ront))(?![\w'’-])")


def _reporter(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A subject that is the newsroom's own staff ("un photographe de l'AFP", "notre correspondant")."""
    head = [fold(w) for w in re.findall(r"[\w’'-]+", text[start:end])[:3]]
    return bool(set(head) & lexicon.reporters)


def _quotation_owns_incise(text: str, start: int, end: int, quotes, lexicon: Lexicon, selon: bool = False) -> bool:
    """`…s'apaisent : « Elles … », a-t-elle estimé`: the incise attributes the quotation standing before it, which
    opens the clause or follows a colon; only an embedded fragment ("discuter de « tous les sujets »") leaves the
    incise to the clause around it. A final "selon X" vouches for the whole sentence, so a quotation that closes a
    clause of the journalist's after a comma (« Les comptes se sont dégradés en 2022, « une proportion inédite »,
    selon X ») leaves it to that clause."""
    for a, b in Spans.of(quotes).starting_from(start, end):
        if start <= a and b <= end and all(fold(w) in lexicon.syntax.time_words for w in text[b:end].split()):
            before = text[start:a].rstrip()
            if selon and before.endswith(",") and len(before.split()) >= 4 and _has_finite_verb(text, start, a, quotes, lexicon):
                return False
            return not before or before.endswith((":", "—", "–", " -", ","))
    return False


def _has_finite_verb(text: str, start: int, end: int, quotes, lexicon: Lexicon | None = None) -> bool:
    """A clause, not an apposition ("Le maire, Jean-Claude Rivière, a confirmé…"): a finite verb, outside quotes or
    in a quoted fragment the journalist's words carry on from ("La Russie « a besoin » de migrants, a déclaré X").
    With quoted words in it, a present tense counts too when the grammar shows it: a subject pronoun or a reflexive
    before a word (« Il s'agit d'« un jour férié » », « C'est le seul moyen « d'éviter … » »), or a quotation opening
    in lower case right after the subject's noun phrase (« La part des dettes (33 %) « repart à la hausse » »)."""
    inner = Spans.of(quotes).overlapping(start, end)
    outside = _outside_quotes(text, start, end, [(a + 1, b) for a, b in inner])
    if _FINITE.search(outside) or _FINITE_MORE.search(outside):
        return True
    if len(outside.split()) < 3:
        return False
    if _FINITE.search(text[start:end]) or _FINITE_MORE.search(text[start:end]):
        return True
    if not inner or lexicon is None:
        return False
    return bool(_PRESENT_BY_GRAMMAR.search(_outside_quotes(text, start, end, inner))) or _quoted_predicate(text, start, inner[0], lexicon)


def _present_tense(text: str, start: int, end: int, quotes) -> bool:
    """A clause in the present tense before an incise (« Les dégradations se chiffrent à …, a affirmé X », « Les
    manifestants réclament …, indique X »): a subject pronoun or a reflexive before a word, a plural noun phrase
    followed by a verb in -ent, or a negated verb (« X ne souhaite pas … »), outside quotation marks."""
    outside = _outside_quotes(text, start, end, quotes)
    return bool(_PRESENT_BY_GRAMMAR.search(outside) or _PLURAL_PRESENT.search(outside) or _NEGATED.search(outside))


_NEGATED = re.compile(r"(?<![\w'’-])(?:ne\s+|n['’])[a-zà-ÿ]{2,}\s+(?:pas|plus|jamais|guère|rien)(?![\w'’-])")   # « ne souhaite pas »


_PLURAL_PRESENT = re.compile(r"(?<![\w'’-])(?:[Ll]es|[Dd]es|[Cc]es|[Ll]eurs|[Nn]os|[Pp]lusieurs|\d+)\s+(?:[\w'’-]+\s+){1,3}?"
                             r"(?:ne\s+|n['’]\s*)?[a-zà-ÿ]{2,}(?<!em)(?<!amm)ent(?![\w'’-])")    # not an adverb (« également », « notamment »)

# A subject pronoun or a reflexive before a word: a conjugated verb, whatever its tense
_PRESENT_BY_GRAMMAR = re.compile(r"(?<![\w'’-])(?:(?:il|ils|on|ça|cela|Elle|Elles)\s+(?:ne\s+|n['’]\s*)?(?:(?:se|s['’]|y|en|l['’]|le|la|les|lui|leur)\s*)?[a-zà-ÿ]{2,}"
                                r"|[Cc]['’](?:est|était)|(?:se\s+|s['’](?!ils?\b))[a-zà-ÿ]{3,})(?![\w'’-])")
_NP_LEAD = re.compile(r"(?:Le|La|Les|L['’]|Un|Une|Des|Son|Sa|Ses|Leur|Leurs|Ce|Cet|Cette|Ces|Notre|Nos)(?![\w])|[A-ZÀ-Ý][a-zà-ÿ’'-]+")


def _quoted_predicate(text: str, start: int, quote: tuple[int, int], lexicon: Lexicon) -> bool:
    """A quotation that opens in lower case right after the clause's subject, a noun phrase of two words or more with
    no comma and no verb, led by a determiner or a name (« La part des établissements (33 %) « repart à la hausse » »,
    « Le policier « souffre de contusions » »): the quoted words are its predicate. Not a participle opening the
    quotation or closing the phrase before it (« Un communiqué « destiné à… » », « Cette copie dite « de sécurité » »):
    those qualify a noun."""
    a, _ = quote
    before = text[start:a].strip()
    words_before = before.split()
    inner = re.match(r"[«“\"]\s*([a-zà-ÿ][\w’'-]*)", text[a:a + 40])
    lead = _NP_LEAD.match(before)
    if not inner or not lead or not 2 <= len(words_before) <= 10 or re.search(r",(?!\d)", before) or _FINITE.search(before):
        return False
    if lead.group() not in _NP_DETERMINERS and (fold(lead.group()) in lexicon.syntax.function_words or lead.group().isupper()):
        return False              # "Sans oublier « … »", "Si X « refuse … »": no subject noun phrase
    last = fold(words_before[-1])
    if len(text[a + 1:quote[1] - 1].split()) < 2:
        return False              # "Une rumeur « ridicule »": one quoted word after a noun qualifies it
    return (last not in _NP_OPEN_ENDS and not _PARTICIPLE.search(inner.group(1)) and not _PARTICIPLE.search(last)
            and not re.fullmatch(r"dite?s?", last))


_NP_DETERMINERS = frozenset({"Le", "La", "Les", "L'", "L’", "Un", "Une", "Des", "Son", "Sa", "Ses", "Leur", "Leurs", "Ce",
                             "Cet", "Cette", "Ces", "Notre", "Nos"})


_NP_OPEN_ENDS = frozenset({"de", "du", "des", "d'", "le", "la", "les", "l'", "un", "une", "a", "au", "aux", "en", "pour",
                           "par", "sur", "dans", "avec", "sans", "et", "ou", "son", "sa", "ses", "leur", "leurs", "ce",
                           "cette", "ces", "tres", "plus", "si", "comme"})


_GOES_ON = re.compile(r"\s*(?:que\b|qu['’]|:|[«“\"]|(?:le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs|ce|cette|ces)\b)", re.IGNORECASE)


def _goes_on(rest: str) -> bool:
    """After "a déclaré X" the verb goes on with an object or a que-clause: a main verb, not an incise."""
    return bool(_GOES_ON.match(rest))


_AND_THAT = re.compile(r"\s+(?:et|mais|ou)\s+(?:que\s+|qu['’])", re.IGNORECASE)


def _coordinated(text: str, start: int, end: int, quotes) -> list[tuple[int, int]]:
    """`indique que A et que B`: two reported clauses, A and B."""
    parts, cursor = [], start
    for m in _AND_THAT.finditer(text, start, end):
        if not _inside(m.start(), quotes):
            parts.append((cursor, m.start()))
            cursor = m.end()
    parts.append((cursor, end))
    return parts


_SOURCE_WORD = re.compile(r"(?:[Ss]elon|[Dd]['’]après|[AÀ](?:ux)?\s+(?:\w+\s+)?yeux)\b")


def _selon(text: str, sentence: tuple[int, int], quotes, lexicon: Lexicon, taken: list[Clause], is_relay, cues=None) -> list[Clause]:
    lo, hi = sentence
    if not _SOURCE_WORD.search(text, lo, hi):
        return []
    # a reporting verb that reports: followed by que / a colon / a quotation, or in an incise after a comma
    # ("la mesure rapportera 300 millions" is money, not speech)
    cues = list(lexicon.cue_pattern.finditer(text, lo, hi)) if cues is None else cues
    finite_cues = [c.start() for c in cues if not fold(c.group()).endswith("ant") and (
        re.match(r"\s+(?:[\w’']+\s+){0,3}?(?:que\b|qu['’]|:)", text[c.end():hi])
        or re.search(r",\s*(?:(?:leur|lui|me|nous|vous|se|y|en)\s+)?(?:[\w’'-]+\s+)?$", text[lo:c.start()]))
        and not _text_provides(text, lo, c, lexicon.lemma(c.group()), lexicon)]

    def relayed_speech(m, before: bool = True, after: bool = True) -> bool:
        """Whether the sentence has its own reporting verb outside the selon phrase (and what hangs on it: "selon
        Le Parisien, qui cite une source") and the phrase names a relay: then the relay relays that verb's words."""
        outside = any((before and c < lo + m.start()) or (after and c >= lo + m.end()) for c in finite_cues)
        return outside and is_relay(lo + m.start(1), lo + m.end(1))
    head = re.match(r"(?:[Ss]elon|[Dd]['’]après)\s+([^,«»]{2,90}?),\s*(?:(?:qui|dont)\b[^,«»]{2,90},\s*)?", text[lo:hi])
    if head and not _starts_with_quote(text, lo + head.end(), quotes) and not relayed_speech(head) \
            and not _figures(text, lo + head.start(1), lo + head.end(1), lexicon):
        start = _past_appositions(text, lo + head.end(), hi, quotes, lexicon)   # past what describes the source
                                      # ("Selon nos confrères, qui citent …, …", "Selon le rapport, relatif à …, …")
        end = clause_end(text, start, hi, quotes, lexicon)
        if not _overlaps(taken, text, lo, start, end) and end - start > 10:
            return [Clause("selon", lo, start, end, None, True, _selon_source(text, lo + head.start(1), lo + head.end(1), lexicon))]
    middle = re.search(r",\s*(?:selon|d['’]après)\s+([^,«»]{2,80}?),\s*\S", text[lo:hi])
    tail_apposition = middle and _noun_apposition(text, lo + middle.end() - 1, hi) and \
        _has_finite_verb(text, lo, lo + middle.start(), quotes, lexicon) and \
        not _verb_goes_on(text, lo, lo + middle.start(), lexicon)   # not "Avec à la clé, selon lui, le risque…"
    if middle and (_SOURCE_APPOSITION.match(text[lo + middle.end() - 1:hi]) or tail_apposition):
        middle = None             # "…, selon les gendarmes de la compagnie, chargés de l'enquête.": a tail
    if middle and not _overlaps_quote(lo, hi, quotes) and not taken and not relayed_speech(middle) \
            and not _figures(text, lo + middle.start(1), lo + middle.end(1), lexicon):
        start = _skip_connector(text, lo, hi, lexicon)
        end = hi
        while end > start and text[end - 1] in ".…!? \u00a0":
            end -= 1
        return [Clause("selon", lo + middle.start(), start, end, None, True, _selon_source(text, lo + middle.start(1), lo + middle.end(1), lexicon))]
    eyes = _EYES.match(text, lo, hi)
    if eyes and not _starts_with_quote(text, eyes.end(), quotes) and not taken:
        start, end = eyes.end(), clause_end(text, eyes.end(), hi, quotes, lexicon)
        if end - start > 10 and not _wholly_quoted(start, end, quotes):
            source = _selon_source(text, eyes.start(1), eyes.end(1), lexicon) if eyes.group(1) else \
                speakers.Attribution("selon", None, method="selon")      # "À ses yeux": the person just named
            return [Clause("selon", lo, start, end, None, True, source)]
    tail = (re.search(r",\s*(?:selon|d['’]après)\s+([^,«»]{2,90}?)\s*[.!?…]?$", text[lo:hi])
            or re.search(r",\s*(?:selon|d['’]après)\s+([^,«»:]{2,90}?)\s*:\s*(?=[«“\"])", text[lo:hi])
            or re.search(rf",\s*(?:selon|d['’]après)\s+([^,«»]{{2,90}}?),\s*(?={_SOURCE_APPOSITION.pattern})", text[lo:hi])
            or tail_apposition and re.search(r",\s*(?:selon|d['’]après)\s+([^,«»]{2,80}?),\s*\S", text[lo:hi]))
    if not tail:                  # "… peuvent aussi être des alliés selon le naturopathe.": no comma, a named source
        bare = re.search(r"(?<=[\w»”\")])\s+(?:selon|d['’]après)\s+([^,«»\"“”]{2,60}?)\s*[.!?…]?$", text[lo:hi])
        tail = bare if bare and _named_source(text, lo + bare.start(1), lo + bare.end(1), lexicon) \
            and _has_finite_verb(text, lo, lo + bare.start(), quotes, lexicon) else None
    if tail and not _inside(lo + tail.start(), quotes) and not relayed_speech(tail, after=False) \
            and not _figures(text, lo + tail.start(1), lo + tail.end(1), lexicon):
        start, end = lo, lo + tail.start()
        start = _skip_connector(text, start, end, lexicon)
        if any(start <= c < end for c in finite_cues):
            return []             # "« … », a affirmé le ministre, selon une vidéo …": the source of that verb's words
        if not any(c.start < end and start < c.end for c in taken) and end - start > 10 \
                and not _quotation_owns_incise(text, start, end, quotes, lexicon, selon=True) and not _wholly_quoted(start, end, quotes):
            return [Clause("selon", lo + tail.start(), start, end, None, True, _selon_source(text, lo + tail.start(1), lo + tail.end(1), lexicon))]
    return []


def _verb_goes_on(text: str, lo: int, pos: int, lexicon: Lexicon) -> bool:
    """The word before an inserted source is a verb whose object follows it (`devrait attirer, selon elle, les
    manifestants`)."""
    last = re.search(r"([\w’'-]+)\s*$", text[lo:pos])
    return bool(last) and (_is_infinitive(last.group(1), lexicon) or _FINITE.fullmatch(last.group(1)) is not None)


_SOURCE_DETERMINER = re.compile(r"(?:le|la|les|l['’]|son|sa|ses|leur|leurs|ce|cette|ces|notre|nos)\s*", re.IGNORECASE)


def _named_source(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A source after a "selon" with no comma before it names a speaker, not a manner ("selon les cas", "selon un
    calendrier"): a stressed pronoun, a capitalised name, or a noun that can speak (« selon le procureur »)."""
    phrase = text[start:end].strip()
    if fold(phrase) in ("lui", "elle", "eux", "elles"):
        return True
    det = _SOURCE_DETERMINER.match(phrase)
    head = phrase[det.end():] if det else phrase
    first = re.match(r"[\w’'-]+", head)
    if not first:
        return False
    word = first.group()
    return word[:1].isupper() and fold(word) not in lexicon.syntax.function_words or (
        bool(det) and (fold(word) in lexicon.speaker_heads or fold(word) in lexicon.groups))


def _noun_apposition(text: str, pos: int, hi: int) -> bool:
    """What follows a source up to the sentence end is a noun phrase describing it, no clause (`…, selon la Drees, le
    service statistique des ministères.`)."""
    rest = text[pos:hi].rstrip(" \u00a0.!?…")
    return (re.match(r"(?:le|la|les|l['’]|un|une)\s*[a-zà-ÿ]", rest) is not None and len(rest.split()) <= 12
            and not re.search(r"[,«»\"“”]", rest) and not _FINITE.search(rest) and not _FINITE_MORE.search(rest)
            and not _PRESENT_BY_GRAMMAR.search(rest))


_COMME = re.compile(r"(?:^|,\s*|(?<=\s))[Cc]omme\s+")
_COMME_INVERTED_CUE = re.compile(r"(?:l['’]|le\s+|la\s+)(?:(?:a|ont|avait|avaient)\s+)?[a-zéèêîûç]+(?:e|ent|é|ait|aient)\s+(?:[\w'’-]+\s+)?(?:le|la|les|l['’]|un|une|[A-ZÀ-Ý])",
                                 re.IGNORECASE)
_COMME_INVERTED = re.compile(r"(?:nous\s+|vous\s+)?(?:l['’]|le\s+|la\s+|les\s+)?(?:(?:a|ont|avait|avaient)\s+)?")
_COMME_DIRECT = re.compile(r"([^,«»\"“”]{2,60}?)\s+(?:l['’]|le\s+|la\s+|les\s+)(?:(?:a|ont|avait|avaient)\s+)?")


def _comme(text: str, sentence: tuple[int, int], quotes, lexicon: Lexicon, taken: list[Clause]) -> list[Clause]:
    """`[Le décalage s'est déjà produit], comme l'indique France 3.` and `Comme l'a souligné l'Arcep, [il est
    difficile…]`: "comme" with a reporting verb and its source, after or before the clause it vouches for, reads as
    "selon". The source follows the verb (`comme l'explique X`) or stands before it (`comme certains experts le
    disent`)."""
    lo, hi = sentence
    for m in _COMME.finditer(text, lo, hi):
        if _inside(m.start(), quotes) or m.start() > lo and text[lo:m.start()].strip() and "," not in m.group() \
                and not _COMME_INVERTED_CUE.match(text, m.end(), hi):
            continue              # (« La manifestation est autorisée comme le confirme la police »: no comma needed)
        source = _comme_source(text, m.end(), hi, lexicon)
        if not source:
            continue
        attribution, source_end = source
        rest = text[source_end:hi].strip(" \u00a0.!?…")
        before = text[lo:m.start()]
        opener = not before.strip() or re.fullmatch(r"\s*[\w’'-]+\s*", before)      # "Cependant, comme …"
        if not opener and (not rest or rest.startswith(",") and not _FINITE.search(rest)):     # after the clause
            start, end = _skip_connector(text, lo, m.start(), lexicon), m.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            lead = re.match(r"(?:Mais|Et|Or|Car)\s+", text[start:end])
            start += lead.end() if lead else 0
        elif opener and rest.startswith(","):
            start = _clause_after_source(text, source_end, hi)   # before the clause
            if start is None:
                continue
            end = clause_end(text, start, hi, quotes, lexicon)
        else:
            continue
        if end - start < 10 or _wholly_quoted(start, end, quotes) or not _has_finite_verb(text, start, end, quotes):
            continue
        if any(c.start < end and start < c.end for c in taken) or any(
                not _inside(c.start(), quotes) for c in lexicon.cue_pattern.finditer(text, start, end)):
            continue          # "« … », a indiqué X, comme le rapporte l'agence": the clause's own verb reports
        return [Clause(attribution.cue, m.start(), start, end, None, True, attribution)]
    return []


def _comme_source(text: str, pos: int, hi: int, lexicon: Lexicon):
    """The reporting verb and its source after "comme", and where the source ends."""
    m = _COMME_INVERTED.match(text, pos, hi)
    cue = lexicon.cue_pattern.match(text, m.end(), hi)
    if cue and not fold(cue.group()).endswith("ant"):
        np = speakers.noun_phrase(text, cue.end(), hi, lexicon)
        if np:
            end = np[1]
            paren = re.match(r"\s*\([^()]*\)", text[end:hi])
            end += paren.end() if paren else 0
            return speakers.Attribution(lexicon.lemma(cue.group()), np, end=end, method="selon"), end
        return None
    m = _COMME_DIRECT.match(text, pos, hi)
    if m:
        cue = lexicon.cue_pattern.match(text, m.end(), hi)
        if cue and not fold(cue.group()).endswith("ant") and not _FINITE.search(m.group(1)):
            return speakers.Attribution(lexicon.lemma(cue.group()), (m.start(1), m.end(1)), end=cue.end(), method="selon"), cue.end()
    return None


def _clause_after_source(text: str, pos: int, hi: int) -> int | None:
    """Where the clause starts after `comme X a dit, [sollicité pour…,]`: past the appositions on the source."""
    for _ in range(3):
        m = re.match(r"\s*,\s*", text[pos:hi])
        if not m:
            return None
        pos += m.end()
        word = re.match(r"[\w’'-]+", text[pos:hi])
        if word and (re.search(r"(?:é|ée|és|ées|ant)$", word.group()) or fold(word.group()) in ("qui", "dont")):
            nxt = text.find(",", pos, hi)
            if nxt < 0:
                return None
            pos = nxt
            continue
        return pos
    return None


_EYES = re.compile(r"[AÀ]\s+(?:ses|leurs|son)\s+yeux\s*,\s*|[AÀ]ux\s+yeux\s+(?:de\s+|du\s+|des\s+|d['’])([^,«»]{2,80}?)\s*,\s*")


def _figures(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A "selon" source that is a set of figures ("les chiffres officiels", "un sondage Odoxa"), not a speaker."""
    return bool({fold(w) for w in re.findall(r"[\w’'-]+", text[start:end])[:3]} & lexicon.data_sources)


_APPOSITION_LEAD = re.compile(r"(?:qui|dont|(?:un|une|le|la|les|des|l['’])\s*[a-zà-ÿ][\w’'-]*|[a-zà-ÿ][\w’'-]*(?:é|ée|és|ées|if|ive|eur|euse|rice|aire|iste|ien|ienne|atif|ative))\b")


def _past_appositions(text: str, start: int, hi: int, quotes, lexicon: Lexicon) -> int:
    """Past the pieces between commas that still describe the source (`Pour X, chercheuse en pêche, qui dirige …, [la
    situation …]`, `Selon le rapport, relatif à …, [la Tunisie …]`): a piece with no verb of its own or a relative
    clause, followed by a piece that has one."""
    for _ in range(3):
        comma = next((i for i in range(start, hi) if text[i] == "," and not _inside(i, quotes)), None)
        if comma is None:
            return start
        piece = text[start:comma]
        if not _APPOSITION_LEAD.match(piece) or len(piece.split()) > 14 or \
                (not piece.startswith(("qui", "dont")) and (_FINITE.search(piece) or _FINITE_MORE.search(piece))):
            return start
        rest_start = comma + 1
        while rest_start < hi and text[rest_start].isspace():
            rest_start += 1
        following = next((i for i in range(rest_start, hi) if text[i] == "," and not _inside(i, quotes)), hi)
        if not (_FINITE.search(text, rest_start, following) or _FINITE_MORE.search(text, rest_start, following)):
            return start          # "Selon X, la digue, construite en 1950, a cédé": the clause's own subject
        start = rest_start
    return start


def _pour(text: str, sentence: tuple[int, int], quotes, lexicon: Lexicon, taken: list[Clause]) -> list[Clause]:
    """`Pour l'avocat de la défense, Me Vasseur, [le dossier repose sur …]`: an opinion put in someone's mouth
    without a reporting verb (`speakers.pour_source`). The cue stays empty."""
    lo, hi = sentence
    opener = _skip_connector(text, lo, hi, lexicon)           # "Cependant, pour les auteurs, …"
    found = speakers.pour_source(text, opener, hi, lexicon)
    if found:
        source, start = found
        attribution = speakers.Attribution(None, source, end=start, method="selon")
    else:                                                     # "Pour eux, la réforme va …": the people just named
        m = _POUR_PRONOUN.match(text, opener, hi)
        if not m:
            return []
        start = m.end()
        attribution = speakers.Attribution(None, None, pronoun=_STRESSED.get(fold(m.group(1)), fold(m.group(1))),
                                           pronoun_at=m.start(1), end=start, method="selon")
    if taken or _starts_with_quote(text, start, quotes):
        return []
    start = _past_appositions(text, start, hi, quotes, lexicon)
    end = clause_end(text, start, hi, quotes, lexicon)
    if len(text[start:end].split()) < 4 or _wholly_quoted(start, end, quotes):
        return []
    return [Clause(None, lo, start, end, None, True, attribution)]


_POUR_PRONOUN = re.compile(r"[Pp]our\s+(lui|elle|eux|elles)\s*,\s*")
_STRESSED = {"lui": "il", "eux": "ils"}      # the subject pronoun of the same person, as the lexicon lists them


def _selon_source(text: str, start: int, end: int, lexicon: Lexicon) -> speakers.Attribution:
    """The source after "selon": its noun phrase up to a relay phrase ("un témoin [cité par la presse]")."""
    span = speakers.noun_phrase(text, start, end, lexicon) or (start, end)
    return speakers.Attribution("selon", span, end=span[1], method="selon")


def _skip_connector(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Past a leading "De son côté," / "Par ailleurs," that frames the clause rather than belonging to it."""
    m = _connector_pattern(lexicon).match(text, start, end)
    return m.end() if m else start


@lru_cache(maxsize=8)
def _connector_pattern(lexicon: Lexicon) -> re.Pattern:
    """One pattern for every connector (in the order listed, the first that fits wins), compiled once per language:
    matching them one by one for every sentence cost a tenth of the extraction."""
    return re.compile("|".join(rf"(?:{re.escape(c)})\s*,\s*" for c in lexicon.connectors), re.IGNORECASE)


def clause_end(text: str, start: int, hi: int, quotes, lexicon: Lexicon) -> int:
    """End of a reported clause: the sentence end, or a comma that opens the journalist's framing again."""
    folded = fold(text[start:hi])
    end = hi
    for m in re.finditer(r",\s*", folded):
        pos = start + m.start()
        if _inside(pos, quotes):
            continue
        rest = folded[m.end():]
        if _RELATIVE_BEFORE.search(folded, 0, m.start()):
            continue              # "du restaurant qui, selon les mesures en vigueur, devrait être fermé": inside
        if any(rest.startswith(fold(p)) for p in lexicon.clause_end) or _NEW_PREDICATE.match(rest) \
                or re.match(r"\w+ant\b", rest) and (lexicon.cue_pattern.match(text, start + m.end(), hi) or rest.split(None, 1)[0] not in lexicon.continuing):
            end = pos
            break
    for m in re.finditer(r"\s+et\s+(?:(?:a|ont|avait|avaient|s['’]est|se\s+sont)\s+)?(?=\w+(?:ant|é|ée|és|ées|is)\b)"
                         r"|,\s*mais\s+(?:(?:a|ont|avait|avaient)\s+)?(?=\w+(?:ant|é|ée|és|ées|is)\b)", text[start:end]):
        cue = lexicon.cue_pattern.match(text, start + m.end(), end)     # "… et demandant aux habitants de …", "… et
                                                                         # salué une avancée", "… et a mis en garde"
        if cue and not _inside(start + m.start(), quotes) and re.search(r"(?:ant|é|ée|és|ées|is)$", cue.group().split()[0]):
            end = start + m.start()
            break
    for m in re.finditer(r"\s*:\s*(?=[«“\"])", text[start:end]):        # "…s'apaisent : « Elles … »": the quotation
        if not _inside(start + m.start(), quotes):                         # is a claim of its own
            end = start + m.start()
            break
    while end > start and (text[end - 1] in ".…;: \u00a0" or text[end - 1].isspace()):
        end -= 1
    return end


_RELATIVE_BEFORE = re.compile(r"(?<![\w'])(?:qui|dont|ou|lequel|laquelle|lesquels|lesquelles)\s*$")
_NEW_PREDICATE = re.compile(r"(?:mais|et|puis)\s+(?:[\w'-]+\s+)?(?:a|ont|avait|avaient|est|sont|etait)\s+(?:[\w'-]+\s+)?[\w'-]+(?:e|es|u|i|is|it)\b")

# The quotation spans arrive as toolkit.text.Spans (any list of pairs is turned into one): each question below is
# a bisect, not a scan of every quotation of the article, so that cost stays linear in the article's length.

def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:
    return Spans.of(quotes).strictly_inside(pos)


def _starts_with_quote(text: str, start: int, quotes) -> bool:
    """`Selon X, « … »`: the words after the source are a quotation (its claim), not a reported clause."""
    first = Spans.of(quotes).first_from(start)   # a later quotation has more words before it: the first decides
    return first is not None and (first[0] == start or not text[start:first[0]].strip())


def _overlaps_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    """Selon-clauses around a quotation belong to the quotation (its relay), not to a reported clause."""
    return Spans.of(quotes).overlaps(start, end)


def _wholly_quoted(start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    return Spans.of(quotes).covers(start + 1, end - 1)   # a <= start + 1 and end - 1 <= b
