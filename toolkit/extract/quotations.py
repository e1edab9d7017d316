"""Turn a quotation span into claims: direct or partial, not speech at all, split by an incise inside the marks;
and read the attribution around it (incise, introduction, reporting verb before it)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from toolkit.extract import reported, speakers
from toolkit.extract.claim import Claim, Pending
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.quotes import Quotation
from toolkit.ingest.articles import Article
from toolkit.text import Spans, fold, words

_SENTENCE_PUNCT = ".!?…"


def labels(text: str, quotes, folded: str | None = None) -> frozenset[str]:
    """Short phrases the article keeps between quotation marks (three times or more), or of two or three words that it
    also prints without marks (« des "gilets jaunes" » once, « les gilets jaunes » in the title): a name or a label
    the journalist holds at a distance, not anybody's words. Plurals count as one."""
    counts: dict[str, int] = {}
    keyed = [(_label_key(text[q.start:q.end]), q) for q in quotes]
    for key, _ in keyed:
        if key:
            counts[key] = counts.get(key, 0) + 1
    found = {k for k, n in counts.items() if n >= 3}
    several = [k for k, n in counts.items() if n < 3 and " " in k]
    if several:
        folded = fold(text) if folded is None else folded          # same offsets as the text
        pieces, pos = [], 0
        for q in sorted(quotes, key=lambda q: q.open):
            if q.open >= pos:
                pieces += [folded[pos:q.open], " " * (q.close + 1 - q.open)]
                pos = q.close + 1
        unquoted = "".join(pieces) + folded[pos:]
        title = _title_line(text)
        body_from = title[1] if title else 0
        plural = {k for k in several if all(_PLURAL_BEFORE.search(text, max(0, q.open - 20), q.open) for key, q in keyed
                                            if key == k)}
        for k in several:
            if max(k.split(), key=len) not in unquoted:
                continue          # (a plain substring test first: most quoted phrases are printed only once)
            printed = _printed(k)
            # a title often restates a quoted fragment without its marks (« Vague de grèves annoncée » over « Une
            # "vague de grèves" devrait … »): there, only a group of people named in the plural (« des "gilets
            # jaunes" ») is a label
            if printed.search(unquoted, body_from) or k in plural and printed.search(unquoted, 0, body_from):
                found.add(k)
    return frozenset(found)


_PLURAL_BEFORE = re.compile(r"(?<![\w'’])(?:les|des|aux|ces|leurs|ses|nos|vos|plusieurs|quelques)\s*$", re.IGNORECASE)


def _printed(key: str) -> re.Pattern:
    """The words of a label key as the folded text may print them (singular or plural, any spacing or punctuation)."""
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) + r"[sx]?" for w in key.split()) + r"(?!\w)")


def _label_key(wording: str) -> str | None:
    tokens = words(wording)
    if not 0 < len(tokens) <= 3 or re.search(r"[.!?,;:]", wording):
        return None
    return " ".join(t[:-1] if t.endswith(("s", "x")) and len(t) > 3 else t for t in tokens)


def pending(article: Article, text: str, q: Quotation, sentence: tuple[int, int], quote_spans, lexicon: Lexicon,
            labelled: frozenset[str] = frozenset()) -> list[Pending]:
    lo, hi = sentence
    before = text[lo:q.open].strip()
    after_end = q.close + 1 if q.closed else q.close
    if q.closed:
        after_end = past_time_words(text, after_end, hi, lexicon)   # "« … » mardi soir, dit-il"
    after = text[after_end:hi].strip()
    headline = (not before and (not after or after in _SENTENCE_PUNCT) and _is_heading(text, q)) or _in_title(text, q)
    if _not_speech(text, q, before, lexicon) or _label_key(text[q.start:q.end]) in labelled:
        return []
    standalone = (not before or before.endswith((":", "—", "–", "-")) or _after_quote_incise(text, lo, q.open, quote_spans)
                  or before in ("Mais", "Et", "Or", "Car", "Puis")      # "Mais « … », fustige X": a conjunction alone
                  or re.match(r"^(?:[Ss]elon|[Pp]our|[Dd]['’]après)\b[^,]*(?:,[^,]*)?,$", before) is not None
                  or _framing_opener(before, lexicon))
    closes_clause = (not after or after[0] in ",.;!?)…—–-" or not q.closed
                     or text[q.start:q.end].rstrip()[-1:] in "!?…")    # « Ne faiblissez pas ! » écrit X
    listed = _reaction_list(text, lo, hi, q, quote_spans)
    claim_type = "direct" if standalone and closes_clause and not listed else "partial"
    attribution = speakers.incise(text, after_end, hi, lexicon) if q.closed else _continued(text, q, quote_spans, lexicon)
    if attribution is None or (attribution.subject is None and attribution.pronoun is None):
        attribution = speakers.introduction(text, lo, q.open, lexicon) or attribution
    subject_span = None
    loose = False
    if claim_type == "partial" and (attribution is None or attribution.subject is None and attribution.pronoun is None):
        cue = speakers.cue_before(text, lo, q.open, lexicon) or _infinitive_cue(text, lo, q.open, lexicon)
        pour = speakers.pour_source(text, lo, hi, lexicon)
        if cue is None and pour:  # "Pour l'avocat, Me Vasseur, le dossier repose « sur des approximations »"
            attribution = speakers.Attribution(None, pour[0], method="selon")
        elif cue is None:
            selon = re.search(r"(?:[Ss]elon|[Dd]['’]après)\s+([^,.«»]{2,80})", text[lo:hi])
            later = None if selon else _later_incise(text, after_end, hi, quote_spans, lexicon)
            narrative = reported.narrative_cue(text, lo, hi, lexicon)
            if narrative and not selon:   # "Et d'ajouter qu'après son décès, « … »": who held the floor
                attribution = speakers.Attribution(narrative, None, method="selon")
            elif later:            # "La Russie « a besoin » de migrants…, a déclaré X": the incise ending the clause
                attribution = later
            elif not selon and (_subhead(text, q) and _quoted_again(text, q, quote_spans)
                                or listed):
                headline = True  # a subhead quoting words the body quotes again: the body's speaker said them
                attribution = None
            elif not selon and (_wording_of_someone(text, q) or _listed_with_wording(text, q, lo, hi, quote_spans, lexicon)) \
                    and not _about_a_poll(text, lo, hi, lexicon):
                # "Samsung compte l'utiliser « non seulement dans les appareils … »": words too long for a label,
                # given like any fragment with no verb of its own (its sentence's subject, else the context); they
                # do not take the floor
                attribution = None
                loose = True
            elif not selon:
                return []        # a quoted fragment with nobody saying it: a name, a title, scare quotes
            else:
                attribution = speakers.Attribution("selon", (lo + selon.start(1), lo + selon.end(1)), method="selon")
        elif closed := _closed_incise(text, lo, cue, q, lexicon):
            # "…, a précisé Stuart Bell, rendant hommage au « courage incroyable » …": the incise's subject
            attribution = closed
        else:
            lemma = lexicon.lemma(cue.group()) or (cue.group().lower() if cue.group().lower() in lexicon.cue_lemmas else None)
            attribution = speakers.Attribution(lemma, None, method="subject")
            subject_span = (lo, cue.start())
            if fold(cue.group()).endswith("ant") and (not text[lo:cue.start()].strip()
                                                      or lexicon.syntax.nonfinite.fullmatch(fold(text[lo:cue.start()]).rstrip())):
                subject_span = (reported.main_subject(text, after_end, hi, quote_spans, lexicon) or reported.main_subject(text, cue.end(), hi, quote_spans, lexicon)
                                or subject_span)   # "(En) taxant X d'« … », Y a …", "Condamnant X, il a offert … « … »"
    parts = _split_on_inner_incise(text, q, lexicon)
    pendings = []
    for start, end, inner, incise_span in parts:
        claim = Claim(article.article_id, claim_type, start, end, text[start:end], lo, hi,
                      cue=(inner or attribution).cue if (inner or attribution) else None, incise=incise_span)
        pendings.append(Pending(claim, q.open, inner or attribution, subject_span, headline, loose=loose))
    return pendings


def _later_incise(text: str, pos: int, hi: int, quote_spans, lexicon: Lexicon) -> speakers.Attribution | None:
    """The incise that closes the clause a fragment stands in (`…, a déclaré X.`, `…, comme le prévenait l'OMS`):
    at a comma after the fragment, outside quotations, a reporting verb with its subject and nothing after but the
    end of the sentence or a circumstance."""
    for m in re.finditer(r",\s*(?:comme\s+(?:l['’]|le\s+|la\s+|les\s+)?)?", text[pos:hi]):
        at = pos + m.start()
        if Spans.of(quote_spans).strictly_inside(at):
            continue
        found = speakers.incise(text, pos + (m.end() if "comme" in m.group() else m.start()), hi, lexicon)
        if found and found.cue and found.cue != "selon" and (found.subject or found.pronoun):
            return found
    return None


_INFINITIVE_CUE = re.compile(r"(?<![\w'’])(?:pour|de|d['’]|à|afin\s+de)\s+((?:[a-zà-ÿ]+)er)(?![\w'’-])")


def _infinitive_cue(text: str, lo: int, pos: int, lexicon: Lexicon) -> re.Match | None:
    """A reporting verb in the infinitive before a fragment (« rassemblés pour réclamer sa « libération » », « appelé
    à dénoncer un « scandale » »): the last one in text[lo:pos], its subject being the sentence's. The lexicon lists
    no infinitive as a cue form (it would open incises that are none); here the preposition makes it one."""
    found = None
    lemmas = lexicon.cue_lemmas
    for m in _INFINITIVE_CUE.finditer(text, lo, pos):
        if m.group(1).lower() in lemmas and len(text[m.end():pos].split()) <= 4:
            found = m
    return _Cue(found) if found else None


class _Cue:
    """The verb of an infinitive cue match, as `cue_before` gives one (group(), start(), end())."""

    def __init__(self, m: re.Match):
        self._m = m

    def group(self) -> str:
        return self._m.group(1)

    def start(self) -> int:
        return self._m.start(1)

    def end(self) -> int:
        return self._m.end(1)


def _closed_incise(text: str, lo: int, cue, q: Quotation, lexicon: Lexicon) -> speakers.Attribution | None:
    """The cue before a fragment is the verb of an incise closed before it, and the fragment hangs on a participle
    after it (« …, a précisé Stuart Bell, rendant hommage au « … » »): the incise's subject, between commas."""
    comma = re.search(r",\s*(?:[\w’']+\s+){0,2}$", text[lo:cue.start()])
    if not comma:
        return None
    found = speakers.incise(text, lo + comma.start(), q.open, lexicon)
    if found is None or found.subject is None or not re.match(r"\s*,\s*[\w’'-]+ant\b", text[found.subject[1]:q.open]):
        return None               # (the fragment hangs on a participle of the same subject: « , rendant hommage »)
    return found


def _wording_of_someone(text: str, q: Quotation) -> bool:
    """A quoted fragment of five words or more that opens in lower case: somebody's wording even when its sentence
    names nobody (a name, a title or a label held at a distance is shorter, or capitalised)."""
    return q.closed and _long_lower(text[q.start:q.end])


def _long_lower(inner: str) -> bool:
    return inner[:1].islower() and len(words(inner)) >= 5



_COORDINATION = re.compile(r"(?:[\s,]|(?:et|ou|voire|ainsi\s+que|encore|mais|également|aussi|notamment|en\s+passant\s+par|"
                          r"à|au|aux|de|d['’]|des|du|la|le|les|l['’]|un|une)(?![\w]))*", re.IGNORECASE)


def _listed_with_wording(text: str, q: Quotation, lo: int, hi: int, quote_spans, lexicon: Lexicon) -> bool:
    """A short fragment listed with a long one, joined only by commas, conjunctions and articles (« de « l'indépendance
    nationale, de l'intégrité du territoire » et de « la prévention du terrorisme » »): one list, one decision."""
    spans = [(a, b) for a, b in Spans.of(quote_spans).starting_from(lo, hi) if b <= hi]
    at = next((k for k, (a, _) in enumerate(spans) if a == q.open), None)
    if at is None:
        return False
    run = {at}
    for step in (-1, 1):
        k = at
        while 0 <= k + step < len(spans):
            left, right = (spans[k + step], spans[k]) if step < 0 else (spans[k], spans[k + step])
            if not _COORDINATION.fullmatch(text[left[1]:right[0]]):
                break
            k += step
            run.add(k)
    spaces = lexicon.inner_spaces + " \t"
    return any(_long_lower(text[a + 1:b - 1].strip(spaces)) for k, (a, b) in enumerate(spans) if k in run and k != at)


def _about_a_poll(text: str, lo: int, hi: int, lexicon: Lexicon) -> bool:
    return bool(set(words(text[lo:hi])) & lexicon.poll_words)


def _framing_opener(before: str, lexicon: Lexicon) -> bool:
    """`Globalement, « … »`, `En revanche, « … »`, `À ses yeux, « … »`: a short adverbial opener of a few words, no
    verb and no noun phrase of its own (not `Le ministre, « très ému », a salué…`), then the quotation as the sentence."""
    m = re.match(r"^([A-ZÀ-Ý][\w’'-]*(?:\s+[\w’'-]+){0,2})\s*,$", before)
    if not m:
        return False
    first = fold(m.group(1).split()[0])
    return (first not in lexicon.syntax.determiners and first not in ("l'", "l’") and not lexicon.cue_pattern.search(m.group(1))
            and not speakers.FINITE_VERB.search(m.group(1)))


def past_time_words(text: str, pos: int, hi: int, lexicon: Lexicon) -> int:
    """After a closing mark, time words that stand before the incise (`« … » mardi soir, dit-il`): the position past
    them when a comma follows them, else `pos`."""
    m = re.match(r"(?:\s+[\w’'-]+){1,3}?(?=\s*,)", text[pos:hi])
    if m and all(fold(w) in lexicon.syntax.time_words for w in m.group().split()):
        return pos + m.end()
    return pos


def _continued(text: str, q: Quotation, quote_spans, lexicon: Lexicon) -> speakers.Attribution | None:
    """A quotation left open at the end of its paragraph and taken up by a mark opening the next paragraphs (French
    typography for a quotation over several paragraphs): the incise after the quotation that finally closes names
    the speaker of every paragraph of it."""
    pos = q.close
    for _ in range(6):
        m = re.compile(r"\s*").match(text, pos)
        nxt = m.end()
        span = next(((a, b) for a, b in Spans.of(quote_spans).starting_from(nxt, nxt)), None)
        if span is None:
            return None
        line_end = text.find("\n", span[1])
        line_end = len(text) if line_end < 0 else line_end
        if text[span[1] - 1] in lexicon.closing + lexicon.both:     # closed in this paragraph: its incise speaks
            found = speakers.incise(text, span[1], line_end, lexicon)
            return found if found and (found.subject or found.pronoun) else None
        pos = line_end
    return None


def _reaction_list(text: str, lo: int, hi: int, q: Quotation, quote_spans) -> bool:
    """`« Mépris », « abus de pouvoir » ou « scandale » : l'arrestation a provoqué…`: quotations opening the sentence,
    joined by commas, « ou », « et », then a colon: the reactions the sentence goes on to give to people."""
    colon = text.find(":", lo, hi)
    if colon < 0 or q.open > colon:
        return False
    inside = [(a, b) for a, b in Spans.of(quote_spans).starting_from(lo, colon + 1) if b <= colon + 1]
    if len(inside) < 2:
        return False
    rest, cursor = [], lo
    for a, b in inside:
        rest.append(text[cursor:a])
        cursor = b
    rest.append(text[cursor:colon])
    return all(re.fullmatch(r"[\s,….]*(?:(?:ou|et)\s*)?", piece) for piece in rest)


def _subhead(text: str, q: Quotation) -> bool:
    """A quotation in a short line with no final full stop: a headline or a subhead of a live page."""
    line_start = text.rfind("\n", 0, q.open) + 1
    line_end = text.find("\n", q.close)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return 0 < len(line) <= 200 and line[-1] not in ".…" and not re.search(r"[.!?…]\s+[A-ZÀ-Ý«]", line)


def _quoted_again(text: str, q: Quotation, quote_spans) -> bool:
    """Whether another quotation of the article shares most of this one's words."""
    mine = set(words(text[q.start:q.end]))
    if not mine:
        return False
    for a, b in quote_spans:
        if a == q.open:
            continue
        theirs = set(words(text[a + 1:b - 1]))
        if len(mine & theirs) / len(mine) >= 0.5:
            return True
    return False


def _is_heading(text: str, q: Quotation) -> bool:
    """A quotation alone on its line with no final punctuation: a headline or subhead, not an interview answer."""
    if text[q.start:q.end].rstrip()[-1:] in ".!?…":
        return False
    line_start = text.rfind("\n", 0, q.open) + 1
    line_end = text.find("\n", q.close)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:q.open].strip() and text[q.close + 1:line_end].strip() in ("", ".")


def _in_title(text: str, q: Quotation) -> bool:
    """A quotation in the article's first line when that line reads as a title (no final full stop):
    "…, la droite dénonce une « fausse bonne idée »" is the body's quotation, summarised."""
    title = _title_line(text)
    return title is not None and title[0] <= q.open < title[1]


@lru_cache(maxsize=4)
def _title_line(text: str) -> tuple[int, int] | None:
    """(start, end) of the first line when it reads as a title and another line follows; read once per article
    (reading it again for every quotation cost the square of the length of a one-paragraph article)."""
    lines = list(islice((m for m in re.finditer(r"[^\n]+", text) if m.group().strip()), 2))
    if len(lines) < 2:
        return None
    first = lines[0]
    if first.group().rstrip()[-1:] not in "." and not re.search(r"[.!?…]\s+[A-ZÀ-Ý«]", first.group()):
        return first.start(), first.end()
    return None


def _after_quote_incise(text: str, lo: int, pos: int, quote_spans) -> bool:
    """`« A », a-t-il dit, « B »`: B follows a quotation and its incise, so it stands alone too."""
    previous = [b for a, b in Spans.of(quote_spans).starting_from(lo, pos) if b <= pos]
    if not previous:
        return False
    between = text[previous[-1]:pos].strip()
    return between.endswith(",") and len(between.split()) <= 8


_NUMBERED_NAME = re.compile(r"[\w’'-]+[ \u00a0]+[IVXLC]+")


def _not_speech(text: str, q: Quotation, before: str, lexicon: Lexicon) -> bool:
    """A title, a name, a charge: the word before the mark says so, or the quote is a short capitalised name."""
    previous = words(before[-40:])
    labels = lexicon.non_speech_before
    if previous and previous[-1] in labels:
        return True
    if len(previous) >= 2 and previous[-2] in labels and previous[-1] in ("de", "du", "des", "d"):
        return True
    named = re.search(r"(\S+)\s+dite?s?$", before)
    if named and fold(named.group(1)) not in ("s'est", "se", "s'etait", "sont"):
        return True               # "dite « taxe Chirac »": a name; "s'est dit « très content »", "a-t-il dit, «" are speech
    charge_list = re.search(r"\bpour\s+[«“\"][^«»“”\"]{1,80}[»”\"](?:\s*,[^«»“”\".;]{1,40})?\s*(?:,|et|ou)$", before[-200:])
    # (« pour « port d'arme prohibé », en l'occurrence un bâton, et « … » »: a second charge after an aside)
    if (previous and previous[-1] == "pour" or charge_list) and any(w in fold(before[-160:]) for w in lexicon.legal):
        return True               # "placé en garde à vue pour « organisation d'une manifestation… »": a charge
    if _NUMBERED_NAME.fullmatch(text[q.start:q.end].strip()):
        return True               # « l'« acte VI » des manifestations », « Vatican II »: a numbered name
    named_after = _NAMED_AFTER.match(text, q.close + 1 if q.closed else q.close)
    if named_after and fold(named_after.group(1)) in labels:
        return True               # "« Avoir une boule au ventre »… Ces expressions montrent…": words cited, not said
    inner = text[q.start:q.end]
    if _MARKUP.search(inner) or text[max(0, q.open - 1):q.open] == "=":
        return True               # « " frameborder="0" scrolling="no"> »: a web page's markup left in the saved text
    tokens = inner.split()
    long_ = [t for t in tokens if len(t) > 3]
    return (0 < len(tokens) <= 4 and bool(long_) and all(t[0].isupper() for t in long_) and not re.search(r"[.!?,]", inner)
            and bool(before) and not before.endswith(":"))


_MARKUP = re.compile(r"^\s*[a-z-]+=\s*$|^\s*/?>")     # an HTML attribute's name, a tag's end
_NAMED_AFTER = re.compile(r"(?:[\s,.…]|«[^»]{0,80}»|\"[^\"]{0,80}\"|“[^”]{0,80}”)*?\s*(?:Ces|Ce|Cette|Cet)\s+([\w-]+)")


def _split_on_inner_incise(text: str, q: Quotation, lexicon: Lexicon) -> list[tuple]:
    """`« A, a précisé l'avocat. B »` is two claims, A and B, both attributed by the inner incise."""
    for m in re.finditer(r",\s+", text[q.start:q.end]):
        pos = q.start + m.start()
        attribution = speakers.incise(text, pos, q.end, lexicon)
        if attribution is None or attribution.end <= pos or (attribution.subject is None and attribution.pronoun is None):
            continue
        if attribution.end - pos > 90:
            continue
        # The incise ends at the next sentence (". Ce texte…") or at a comma that goes on in lower case
        # (", mais sans lui…"); a comma before a capital is an apposition inside the incise.
        cut = re.compile(r"[.!?…]\s+(?=\S)|,\s+(?=[a-zà-ÿ])").search(text, attribution.end, min(q.end, attribution.end + 60))
        if not cut or re.search(r"[«»\"“”]", text[attribution.end:cut.start()]):
            continue
        b_start = cut.end()
        a_end = pos
        return [(q.start, a_end, attribution, (pos, b_start)), (b_start, q.end, attribution, (pos, b_start))]
    return [(q.start, q.end, None, None)]
