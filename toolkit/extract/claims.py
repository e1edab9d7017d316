"""Turn one article into claim rows: quotations (direct, partial), interview answers, reported speech and
statements, each with its speaker and relay. This module only orders the steps; each step has its own module."""

from __future__ import annotations

from bisect import bisect_right

from toolkit.extract import interviews, quotations, relays, reported, speakers, statements
from toolkit.extract.attribution import attribute
from toolkit.extract.claim import Claim, Pending
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.mentions import ArticleMentions
from toolkit.extract.quotes import quotations as find_quotations
from toolkit.ingest.articles import Article
from toolkit.registry import Registry
from toolkit.text import Spans, fold, paragraphs, sentences


def extract(article: Article, registry: Registry, lexicon: Lexicon) -> list[Claim]:
    text = article.text
    folded = fold(text)
    quotes = find_quotations(text, lexicon, article.problems)
    quote_spans = Spans((q.open, q.close + 1) for q in quotes)   # a list of pairs answering offset questions in log time
    mentions = ArticleMentions.read(text, lexicon, registry, quote_spans)
    sentence_of = _Sentences(text, quote_spans)
    pending: list[Pending] = []
    labelled = quotations.labels(text, quotes, folded)
    for q in quotes:
        pending.extend(quotations.pending(article, text, q, sentence_of(q.open), quote_spans, lexicon, labelled))
    for answer in interviews.answers(text):
        if any(q.open >= answer.start and q.close <= answer.end and q.start == answer.start for q in quotes):
            continue
        claim = Claim(article.article_id, "direct", answer.start, answer.end, text[answer.start:answer.end],
                      answer.start, answer.end)
        label = speakers.Attribution(None, answer.label, method="intro") if answer.label else None
        pending.append(Pending(claim, answer.start, label, answer=True))
    for sentence in sentence_of.all:
        found = reported.clauses(text, sentence, quote_spans, lexicon,
                                 lambda a, b: relays.is_relay_phrase(text, folded, a, b, mentions.relays, lexicon))
        found += reported.list_items(text, sentence, sentence[1], quote_spans, lexicon)   # context: up to the item
        for clause in found:
            claim = Claim(article.article_id, "indirect", clause.start, clause.end, text[clause.start:clause.end],
                          sentence[0], max(sentence[1], clause.end), cue=clause.cue)
            pending.append(Pending(claim, clause.cue_start, clause.attribution, clause.subject))
    pending.sort(key=lambda p: (p.order, p.claim.char_start))
    claims = _without_quoted_subjects(attribute(pending, text, mentions, lexicon, quote_spans), text, lexicon)
    claims.extend(_statements(article, text, sentence_of.all, claims, mentions))
    for claim in claims:
        if claim.claim_type == "statement":
            continue
        relay = relays.find(text, folded, _attribution_spans(claim, quote_spans), mentions.relays, lexicon)
        if relay and not (claim.speaker_mention and fold(relay.mention) in fold(claim.speaker_mention)):
            claim.via, claim.via_id, claim.via_mention = relay.name, relay.id, relay.mention
    return sorted(_well_formed(claims, text), key=lambda c: (c.char_start, c.char_end, c.claim_type, c.fact_start or 0))


def _well_formed(claims: list[Claim], text: str) -> list[Claim]:
    """The last rule, whatever the others did on odd input (« , a-t-il ajouté. », control characters): a claim
    has words (a letter or a digit), and its sentence holds it (sentence_start ≤ char_start < char_end ≤
    sentence_end), the sentence being widened to the wording when a trimmed boundary fell inside it."""
    kept = []
    for claim in claims:
        if claim.char_end <= claim.char_start or not any(ch.isalnum() for ch in text[claim.char_start:claim.char_end]):
            continue
        claim.sentence_start = min(claim.sentence_start, claim.char_start)
        claim.sentence_end = max(claim.sentence_end, claim.char_end)
        kept.append(claim)
    return kept


def _statements(article: Article, text: str, all_sentences, claims: list[Claim], mentions: ArticleMentions) -> list[Claim]:
    """The journalist's own sentences (no quotation, no reported speech) that carry a checkable fact."""
    spoken = {(c.sentence_start, c.sentence_end) for c in claims}
    claimed = Spans((c.char_start, c.char_end) for c in claims)
    published = article.published.date() if article.published else None
    rows = []
    for lo, hi in all_sentences:
        if (lo, hi) in spoken or claimed.overlaps(lo, hi):
            continue
        end = hi
        while end > lo and text[end - 1] in ".…!? ":
            end -= 1
        found = statements.facts(text, lo, end, published, article.language)
        found += [statements.Fact("place", m.start, m.end, m.entity.name, "exact", None)
                  for m in mentions.places if lo <= m.start and m.end <= end]
        persons = [(m.start, m.end, m.name) for m in mentions.mentions if m.kind == "person" and lo <= m.start and m.end <= end]
        found += [f for f in statements.places(text, lo, end, persons, article.language)
                  if not any(p.slot == "place" and p.start < f.end and f.start < p.end for p in found)]
        found += statements.participants(text, lo, end, persons, article.language)
        for fact in found:
            rows.append(Claim(article.article_id, "statement", lo, end, text[lo:end], lo, hi,
                              fact_slot=fact.slot, fact_text=text[fact.start:fact.end], fact_value=fact.value,
                              fact_qualifier=fact.qualifier, fact_about=fact.about, fact_start=fact.start))
    return rows


class _Sentences:
    """The article's sentences (never cut inside a quotation), and the one holding a given offset."""

    def __init__(self, text: str, masked: list[tuple[int, int]]):
        masked = Spans.of(masked)
        self.all = [s for lo, hi in paragraphs(text) for s in sentences(text, lo, hi, masked)]
        self._starts = [lo for lo, _ in self.all]

    def __call__(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._starts, pos) - 1   # sentences are in order and do not overlap: the last one starting at or before pos
        if i >= 0 and self.all[i][0] <= pos < self.all[i][1]:
            return self.all[i]
        return pos, pos


def _attribution_spans(claim: Claim, quote_spans) -> list[tuple[int, int]]:
    """The parts of the claim's sentence outside any quotation and outside the claim's own wording."""
    lo, hi = claim.sentence_start, claim.sentence_end
    cuts = sorted(Spans.of(quote_spans).overlapping(lo, hi) + [(claim.char_start, claim.char_end)])
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


def _without_quoted_subjects(claims: list[Claim], text: str, lexicon: Lexicon) -> list[Claim]:
    """A quotation that is the subject of a reporting verb (« «Les voix des Femmes» appelle… ») names a speaker:
    it is no partial quotation of its own."""
    named = []
    for c in claims:
        mention = c.speaker_mention or ""
        if c.speaker_method == "subject" and mention[:1] in lexicon.opening + lexicon.both:
            at = text.find(mention, c.sentence_start, c.sentence_end)
            if at >= 0:
                named.append((at, at + len(mention)))
    return [c for c in claims if not (c.claim_type == "partial" and any(a <= c.char_start and c.char_end <= b for a, b in named))]
