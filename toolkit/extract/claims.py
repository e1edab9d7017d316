"""Turn one article into claim rows: quotations (direct, partial), reported speech, statements; speakers and relays."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from toolkit.extract import interviews, relays, reported, speakers, statements
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.mentions import UNKNOWN, ArticleMentions, Speaker
from toolkit.extract.quotes import Quotation, quotations
from toolkit.text import fold, paragraphs, sentences, words
from toolkit.ingest.articles import Article
from toolkit.registry import Registry

_SENTENCE_PUNCT = ".!?…"


@dataclass
class Claim:
    article_id: str
    claim_type: str
    char_start: int
    char_end: int
    wording: str
    sentence_start: int
    sentence_end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: str | None = None
    speaker_method: str | None = None
    via: str | None = None
    via_id: str | None = None
    via_mention: str | None = None
    cue: str | None = None
    fact_slot: str | None = None
    fact_text: str | None = None
    fact_value: str | None = None
    fact_qualifier: str | None = None
    fact_about: str | None = None
    fact_start: int | None = None       # where fact_text is; part of a statement's identity, not a column
    incise: tuple[int, int] | None = None   # an incise inside the quotation marks (« A, a-t-il dit aux Échos, B »)

    @property
    def claim_id(self) -> str:
        key = f"{self.article_id}|{self.claim_type}|{self.char_start}|{self.char_end}|{self.fact_slot or ''}|{self.fact_start or ''}"
        return "c" + hashlib.sha1(key.encode()).hexdigest()[:15]


@dataclass
class _Pending:
    """A claim found but not yet attributed: speakers resolve in text order so pronouns see earlier speakers."""
    claim: Claim
    order: int
    attribution: speakers.Attribution | None
    subject_span: tuple[int, int] | None = None
    headline: bool = False


def extract(article: Article, registry: Registry, lexicon: Lexicon) -> list[Claim]:
    text = article.text
    folded = fold(text)
    quotes = quotations(text, lexicon, article.problems)
    quote_spans = [(q.open, q.close + 1) for q in quotes]
    mentions = ArticleMentions.read(text, lexicon, registry, quote_spans)
    sentence_of = _sentence_index(text, quote_spans)
    pending: list[_Pending] = []
    for q in quotes:
        pending.extend(_quotation(article, text, q, sentence_of(q.open), quote_spans, lexicon))
    for answer in interviews.answers(text):
        if any(q.open >= answer.start and q.close <= answer.end and q.start == answer.start for q in quotes):
            continue
        claim = Claim(article.article_id, "direct", answer.start, answer.end, text[answer.start:answer.end],
                      answer.start, answer.end)
        label = speakers.Attribution(None, answer.label, method="intro") if answer.label else None
        pending.append(_Pending(claim, answer.start, label))
    for sentence in sentence_of.all:
        for clause in reported.clauses(text, sentence, quote_spans, lexicon,
                                       lambda a, b: relays.is_relay_phrase(text, folded, a, b, mentions.relays, lexicon)):
            claim = Claim(article.article_id, "indirect", clause.start, clause.end, text[clause.start:clause.end],
                          sentence[0], sentence[1], cue=clause.cue)
            pending.append(_Pending(claim, clause.cue_start, clause.attribution, clause.subject))
    pending.sort(key=lambda p: (p.order, p.claim.char_start))
    claims = _attribute(pending, text, mentions, lexicon, quote_spans)
    claims.extend(_statements(article, text, sentence_of.all, claims, mentions))
    for claim in claims:
        if claim.claim_type == "statement":
            continue
        relay = relays.find(text, folded, _attribution_spans(claim, quote_spans), mentions.relays, lexicon)
        if relay and not (claim.speaker_mention and fold(relay.mention) in fold(claim.speaker_mention)):
            claim.via, claim.via_id, claim.via_mention = relay.name, relay.id, relay.mention
    return sorted(claims, key=lambda c: (c.char_start, c.char_end, c.claim_type, c.fact_start or 0))


def _statements(article: Article, text: str, all_sentences, claims: list[Claim], mentions: ArticleMentions) -> list[Claim]:
    """The journalist's own sentences (no quotation, no reported speech) that carry a checkable fact."""
    spoken = {(c.sentence_start, c.sentence_end) for c in claims}
    published = article.published.date() if article.published else None
    rows = []
    for lo, hi in all_sentences:
        if (lo, hi) in spoken or any(c.char_start < hi and lo < c.char_end for c in claims):
            continue
        end = hi
        while end > lo and text[end - 1] in ".…!? ":
            end -= 1
        found = statements.facts(text, lo, end, published, article.language)
        found += [statements.Fact("place", m.start, m.end, m.entity.name, "exact", None)
                  for m in mentions.places if lo <= m.start and m.end <= end]
        for fact in found:
            rows.append(Claim(article.article_id, "statement", lo, end, text[lo:end], lo, hi,
                              fact_slot=fact.slot, fact_text=text[fact.start:fact.end], fact_value=fact.value,
                              fact_qualifier=fact.qualifier, fact_about=fact.about, fact_start=fact.start))
    return rows


class _Sentences:
    def __init__(self, text: str, masked: list[tuple[int, int]]):
        self.all = [s for lo, hi in paragraphs(text) for s in sentences(text, lo, hi, masked)]

    def __call__(self, pos: int) -> tuple[int, int]:
        for lo, hi in self.all:
            if lo <= pos < hi:
                return lo, hi
        return pos, pos


def _sentence_index(text: str, masked: list[tuple[int, int]]) -> _Sentences:
    return _Sentences(text, masked)


def _quotation(article: Article, text: str, q: Quotation, sentence: tuple[int, int], quote_spans, lexicon: Lexicon) -> list[_Pending]:
    lo, hi = sentence
    before = text[lo:q.open].strip()
    after_end = q.close + 1 if q.closed else q.close
    after = text[after_end:hi].strip()
    headline = not before and (not after or after in _SENTENCE_PUNCT) and _is_heading(text, q)
    if _not_speech(text, q, before, lexicon):
        return []
    standalone = (not before or before.endswith((":", "—", "–", "-")) or _after_quote_incise(text, lo, q.open, quote_spans)
                  or re.match(r"^(?:[Ss]elon|[Pp]our|[Dd]['’]après)\b[^,]*,$", before) is not None)
    closes_clause = (not after or after[0] in ",.;!?)…—–-" or not q.closed
                     or text[q.start:q.end].rstrip()[-1:] in "!?…")    # « Ne faiblissez pas ! » écrit X
    claim_type = "direct" if standalone and closes_clause else "partial"
    attribution = speakers.incise(text, after_end, hi, lexicon) if q.closed else None
    if attribution is None or (attribution.subject is None and attribution.pronoun is None):
        attribution = speakers.introduction(text, lo, q.open, lexicon) or attribution
    subject_span = None
    if claim_type == "partial" and (attribution is None or attribution.subject is None and attribution.pronoun is None):
        cue = speakers.cue_before(text, lo, q.open, lexicon)
        if cue is None:
            selon = re.search(r"(?:[Ss]elon|[Dd]['’]après)\s+([^,.«»]{2,80})", text[lo:hi])
            if not selon:
                return []        # a quoted fragment with nobody saying it: a name, a title, scare quotes
            attribution = speakers.Attribution("selon", (lo + selon.start(1), lo + selon.end(1)), method="selon")
        else:
            attribution = speakers.Attribution(lexicon.lemma(cue.group()), None, method="subject")
            subject_span = (lo, cue.start())
    parts = _split_on_inner_incise(text, q, lexicon)
    pendings = []
    for start, end, inner, incise_span in parts:
        claim = Claim(article.article_id, claim_type, start, end, text[start:end], lo, hi,
                      cue=(inner or attribution).cue if (inner or attribution) else None, incise=incise_span)
        pendings.append(_Pending(claim, q.open, inner or attribution, subject_span, headline))
    return pendings


def _is_heading(text: str, q: Quotation) -> bool:
    """A quotation alone on its line with no final punctuation: a headline or subhead, not an interview answer."""
    if text[q.start:q.end].rstrip()[-1:] in ".!?…":
        return False
    line_start = text.rfind("\n", 0, q.open) + 1
    line_end = text.find("\n", q.close)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:q.open].strip() and text[q.close + 1:line_end].strip() in ("", ".")


def _after_quote_incise(text: str, lo: int, pos: int, quote_spans) -> bool:
    """`« A », a-t-il dit, « B »`: B follows a quotation and its incise, so it stands alone too."""
    previous = [b for a, b in quote_spans if lo <= a and b <= pos]
    if not previous:
        return False
    between = text[previous[-1]:pos].strip()
    return between.endswith(",") and len(between.split()) <= 8


def _not_speech(text: str, q: Quotation, before: str, lexicon: Lexicon) -> bool:
    """A title, a name, a charge: the word before the mark says so, or the quote is a short capitalised name."""
    previous = words(before[-40:])
    labels = lexicon.non_speech_before
    if previous and previous[-1] in labels:
        return True
    if len(previous) >= 2 and previous[-2] in labels and previous[-1] in ("de", "du", "des", "d"):
        return True
    inner = text[q.start:q.end]
    tokens = inner.split()
    return 0 < len(tokens) <= 4 and all(t[0].isupper() for t in tokens if len(t) > 3) and not re.search(r"[.!?,]", inner) and bool(before) and not before.endswith(":")


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


def _attribute(pending: list[_Pending], text: str, mentions: ArticleMentions, lexicon: Lexicon, quote_spans) -> list[Claim]:
    claims: list[Claim] = []
    last: Speaker | None = None
    folded = fold(text)
    for item in pending:
        claim, a = item.claim, item.attribution
        speaker: Speaker | None = None
        if a and a.method == "selon" and a.subject and \
                relays.is_relay_phrase(text, folded, a.subject[0], a.subject[1], mentions.relays, lexicon):
            # "X a assuré que…, selon l'agence Anadolu": the agency relayed the words of the verb's subject;
            # "selon le communiqué": the words are its issuer's. "Selon TASS, la rencontre a débuté": TASS says so.
            cue = speakers.cue_before(text, claim.sentence_start, claim.char_start, lexicon)
            if cue:
                a = None
                item.subject_span = item.subject_span or (claim.sentence_start, cue.start())
            elif relays.is_document_phrase(folded, a.subject[0], a.subject[1], lexicon):
                a = None
        if a and a.pronoun:
            speaker = mentions.pronoun(a.pronoun, a.pronoun_at, text[a.pronoun_at:a.pronoun_at + len(a.pronoun)], last)
        elif a and a.subject and a.method in ("intro", "subject"):
            speaker = mentions.subject(a.subject[0], a.subject[1], a.method, last)
        elif a and a.subject:
            speaker = mentions.resolve(a.subject[0], a.subject[1], a.method, last)
        if speaker is None and item.subject_span:
            speaker = mentions.subject(item.subject_span[0], item.subject_span[1], "subject", last)
        if speaker is None and not item.headline and (claim.claim_type == "direct" or item.attribution and item.attribution.method == "selon"):
            found = mentions.antecedent(claim.char_start, None, last)
            if found:
                speaker = replace(found, mention=None, method="carried" if found is last else "context")
        if speaker is None and claim.claim_type == "partial" and len(claim.wording.split()) <= 3:
            continue              # a word or two held at a distance with nobody saying it: not a claim
        if speaker is None and not item.headline:
            speaker = Speaker(UNKNOWN, None, None, "none")
        if speaker:
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = speaker.name, speaker.id, speaker.mention, speaker.method
            last = speaker
        mentions.last_sentence_end = max(mentions.last_sentence_end, claim.sentence_end)
        claims.append(claim)
    _attribute_headlines([p for p in pending if p.headline], claims)
    _inherit_from_clauses(claims)
    return claims


def _inherit_from_clauses(claims: list[Claim]) -> None:
    """A quoted fragment inside a reported clause was said by whoever the clause reports, unless its own incise says."""
    clauses = [c for c in claims if c.claim_type == "indirect" and c.speaker]
    for claim in claims:
        if claim.claim_type != "partial" or claim.speaker_method not in ("subject", "none", None):
            continue
        outer = [c for c in clauses if c.char_start <= claim.char_start and claim.char_end <= c.char_end]
        if outer:
            o = outer[0]
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = o.speaker, o.speaker_id, o.speaker_mention, o.speaker_method


def _attribute_headlines(headlines: list[_Pending], claims: list[Claim]) -> None:
    """A quotation standing as a headline takes the speaker of the body claim that shares most of its words."""
    body = [c for c in claims if c.speaker and c.speaker != UNKNOWN and c.speaker_method != "headline"]
    for item in headlines:
        claim = item.claim
        mine = set(words(claim.wording))
        best, score = None, 0.0
        for other in body:
            theirs = set(words(other.wording))
            overlap = len(mine & theirs) / max(1, len(mine))
            if overlap > score:
                best, score = other, overlap
        if best and score >= 0.5:
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = best.speaker, best.speaker_id, None, "headline"
        else:
            claim.speaker, claim.speaker_method = UNKNOWN, "headline"


def _attribution_spans(claim: Claim, quote_spans) -> list[tuple[int, int]]:
    """The parts of the claim's sentence outside any quotation and outside the claim's own wording."""
    lo, hi = claim.sentence_start, claim.sentence_end
    cuts = sorted([(a, b) for a, b in quote_spans if a < hi and b > lo] + [(claim.char_start, claim.char_end)])
    spans, cursor = [], lo
    for a, b in cuts:
        if a > cursor:
            spans.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < hi:
        spans.append((cursor, hi))
    if claim.incise:
        spans.append(claim.incise)
    return spans
