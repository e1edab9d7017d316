"""Resolve the speaker of every pending claim, in text order, so that pronouns and carried speakers see the
claims before them; then headline quotations and fragments inside reported clauses."""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.extract import relays, speakers
from toolkit.extract.claim import Claim, Pending
from toolkit.ingest.language import link_lines
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.mentions import PERSON_NAME, UNKNOWN, ArticleMentions, Speaker
from toolkit.text import fold, words


def attribute(pending: list[Pending], text: str, mentions: ArticleMentions, lexicon: Lexicon, quote_spans) -> list[Claim]:
    claims: list[Claim] = []
    last: Speaker | None = None
    interviewee: Speaker | None = None      # who gave the last interview answer: the next unlabelled answer is theirs too
    folded = fold(text)
    links = link_lines(text, lexicon.language)           # what a link to another article quotes takes no floor
    reported = [(p.claim.char_start, p.claim.char_end) for p in pending if p.claim.claim_type == "indirect"]
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
        on_at = _ON_AT.match(text, a.end) if a and a.pronoun == "on" and a.end else None
        if on_at:                 # « indique-t-on à la FGTB », « explique-t-on au ministère »: the body named after
            speaker = mentions.resolve(on_at.start(1), on_at.end(1), "incise", last)
        if speaker is None and a and a.pronoun:
            speaker = mentions.pronoun(a.pronoun, a.pronoun_at, text[a.pronoun_at:a.pronoun_at + len(a.pronoun)], last)
        elif speaker is None and a and a.subject and a.method in ("intro", "subject"):
            speaker = mentions.subject(a.subject[0], a.subject[1], a.method, last)
        elif speaker is None and a and a.subject:
            speaker = mentions.resolve(a.subject[0], a.subject[1], a.method, last)
        if speaker is None and item.subject_span:
            speaker = _coordinated_subject(item.subject_span, claim, claims, text, mentions, last)
        if speaker is None and item.subject_span:
            speaker = mentions.subject(item.subject_span[0], item.subject_span[1], "subject", last)
        if speaker is None and item.answer and interviewee is not None:
            speaker = replace(interviewee, mention=None, method="carried")     # not someone the last answer quoted
        if speaker is None and claim.claim_type == "direct":
            speaker = _named_after_pull_quote(claim, text, mentions)
        if speaker is None and not item.headline and (claim.claim_type == "direct" or item.attribution and item.attribution.method == "selon"):
            found = mentions.antecedent(claim.char_start, None, last)
            if found:
                speaker = replace(found, mention=None, method="carried" if found is last else "context")
        if speaker is None and claim.claim_type == "partial" and len(claim.wording.split()) <= 3 and not item.headline and not item.loose \
                and not _given_by_sentence(item, text) and not any(a <= claim.char_start and claim.char_end <= b for a, b in reported):
            continue              # a word or two held at a distance with nobody saying it: not a claim
        if speaker is None and claim.claim_type == "partial" and not item.headline \
                and not any(a <= claim.char_start and claim.char_end <= b for a, b in reported):
            speaker = _fragment_holder(claim, mentions, last)     # (inside a reported clause, the clause's speaker)
        if speaker is None and not item.headline:
            speaker = Speaker(UNKNOWN, None, None, "none")
        linked = any(a <= claim.char_start < b for a, b in links)     # a quotation in a « LIRE AUSSI » line
        if speaker:
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = speaker.name, speaker.id, speaker.mention, speaker.method
            if not item.loose and not linked:
                last = speaker
                mentions.took_floor(speaker, claim.sentence_start, claim.sentence_end)
            if item.answer:
                interviewee = speaker
        if not item.loose and not linked:
            mentions.last_sentence_end = max(mentions.last_sentence_end, claim.sentence_end)
        claims.append(claim)
    _attribute_headlines([p for p in pending if p.headline], claims)
    _inherit_from_clauses(claims, {id(p.claim): p.subject_span[1] for p in pending if p.subject_span})
    return claims


def _given_by_sentence(item: Pending, text: str) -> bool:
    """A fragment the sentence gives to someone, even one the mentions cannot resolve: a reporting verb governs it
    and has a subject phrase with a word in it (« La Chine a appelé à la « retenue » »)."""
    a = item.attribution
    span = item.subject_span or (a.subject if a and a.cue != "selon" else None)
    return bool(a and a.cue and span and re.search(r"\w{2,}", text[span[0]:span[1]]))


_ON_AT = re.compile(r"[ \u00a0]*(?:(?:à|au|aux|chez|du côté de|dans l['’]entourage de)[ \u00a0]+((?:l['’]|la[ \u00a0]+|le[ \u00a0]+|les[ \u00a0]+)?"
                    r"[^,.;:!?«»\n]{2,60}?))(?=[,.;:!?]|[ \u00a0]+(?:qui|que|où|dont)\b)")
_IMPERSONAL = re.compile(r"\s*(?:[\w ,-]{0,40}?\s)?[Ii]l\s+(?:s['’]agit|faut|fallait|y\s+a|y\s+avait|semble|suffit|reste)\b")


_COORDINATED = re.compile(r"(?<![\w'’])(?:et|mais|puis|ou)\s+(?:(?:a|ont|avait|avaient|aurait|auraient|aura|auront)\s+)?"
                          r"(?:(?:aussi|également|encore|ensuite|enfin|pourtant|même|notamment)\s+)?$", re.IGNORECASE)


def _coordinated_subject(span, claim: Claim, claims: list[Claim], text: str, mentions: ArticleMentions,
                         last: Speaker | None) -> Speaker | None:
    """« Le porte-parole a indiqué que A, mais estimé que B », « Le président s'est montré heureux et a annoncé que
    B »: a reporting verb coordinated with the one before shares its subject: the speaker of the sentence's claim
    before it, else the subject of the sentence's first verb. Not the last name of the first clause (« lors de la
    visite de Kim »)."""
    m = _COORDINATED.search(text, span[0], span[1])
    if not m or not text[span[0]:m.start()].strip():
        return None
    before = [c for c in claims if c.sentence_start == claim.sentence_start and c.claim_type == "indirect"
              and c.char_end <= m.start() and c.speaker]
    if before:
        c = before[-1]
        gender = last.gender if last and last.name == c.speaker else None
        return Speaker(c.speaker, c.speaker_id, c.speaker_mention, c.speaker_method, gender)
    return mentions.leading_subject(span[0], m.start(), "subject", last)


def _named_after_pull_quote(claim: Claim, text: str, mentions: ArticleMentions) -> Speaker | None:
    """A quotation standing alone as a paragraph, with nobody before it, is a pull quote: the person named right after
    it, opening the next sentence or line, said it (« « Il faut prouver que … » Xavier Huillard, PDG de Vinci, a
    entendu … », « « … » ↵ Florent Leroux, président de la Fédération … »)."""
    opening = text.rfind("\n", 0, claim.char_start) + 1
    if text[opening:claim.char_start].strip(" \u00a0«\"“") or claim.sentence_start > opening:
        return None
    after = _AFTER_QUOTE.match(text, claim.char_end)
    if not after:
        return None
    name = PERSON_NAME.match(text, after.end())
    if not name or not re.match(r"\s*,", text[name.end():name.end() + 3]):
        return None
    found = mentions.resolve(name.start(), name.end(), "context")
    return found if found and found.kind == "person" and " " in found.name else None


_AFTER_QUOTE = re.compile(r"[ \u00a0]*[»\"”][ \u00a0]*\n*[ \u00a0]*")


def _fragment_holder(claim: Claim, mentions: ArticleMentions, last: Speaker | None) -> Speaker | None:
    """Whose words a quoted fragment with no reporting verb of its own are (« Laure, qui n'est pourtant "pas
    convaincue" », « où il avait appelé à mener une "action" », « Pour cette retraitée, qui espère "une
    révolution" »): the subject its sentence gives before it, else the person the context gives (as for an
    unattributed quotation). Marked `context`: a reading of the sentence, not a cue's subject."""
    relative = None
    for relative in re.finditer(r"(?<![\w'’])qui\s", mentions.text[claim.sentence_start:claim.char_start]):
        pass
    if relative:          # « X, une infirmière de Brest, qui reste "très inquiète" »: the person « qui » follows
        named = [m for m in mentions.between(claim.sentence_start, claim.sentence_start + relative.start())
                 if m.kind == "person" and not mentions.quoted.strictly_inside(m.start)]
        if named:
            return Speaker(named[-1].name, named[-1].id, None, "context", named[-1].gender)
    if _IMPERSONAL.match(mentions.text, claim.sentence_start, claim.char_start):
        return None               # « Il s'agit de "…" », « Il faut "…" »: an impersonal « il » is nobody
    found = mentions.subject(claim.sentence_start, claim.char_start, "context", last)
    if found is None or found.name == UNKNOWN and found.method != "anonymous":
        found = mentions.antecedent(claim.char_start, None, last)
        return replace(found, mention=None, method="context") if found else None
    return found if found.method != "subject" else replace(found, method="context")


def _inherit_from_clauses(claims: list[Claim], own_cue: dict[int, int]) -> None:
    """A quoted fragment inside a reported clause was said by whoever the clause reports, unless its own incise
    says, or its own reporting verb stands inside the clause (« X, qui a appelé à « rentrer » dans l'Élysée, est
    visé par une enquête, a indiqué le parquet »: X's word, the parquet's report). `own_cue`: where the verb
    governing each fragment starts."""
    clauses = [c for c in claims if c.claim_type == "indirect" and c.speaker]
    for claim in claims:
        if claim.claim_type != "partial" or claim.speaker_method not in ("subject", "none", None):
            continue
        outer = [c for c in clauses if c.char_start <= claim.char_start and claim.char_end <= c.char_end
                 and not (claim.speaker_method == "subject" and c.char_start < own_cue.get(id(claim), -1))]
        if outer:
            o = outer[0]
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = o.speaker, o.speaker_id, o.speaker_mention, o.speaker_method


_NAMED_IN_HEADLINE = frozenset({"subject", "intro", "selon", "incise"})


def _attribute_headlines(headlines: list[Pending], claims: list[Claim]) -> None:
    """A quotation in a headline keeps the person its own sentence names (« Macron évoque des « … » »); otherwise it
    takes the speaker of the body claim that shares most of its words; without one, `unknown`."""
    titles = {id(item.claim) for item in headlines}
    body = [c for c in claims if c.speaker and c.speaker != UNKNOWN and id(c) not in titles]
    for item in headlines:
        claim = item.claim
        if claim.speaker and claim.speaker != UNKNOWN and claim.speaker_method in _NAMED_IN_HEADLINE \
                and claim.speaker[:1].isupper():
            continue              # « Macron évoque des « scènes de guerre » »: the headline names who said it
        mine = set(words(claim.wording))
        best, score = None, 0.0
        for other in body:
            theirs = set(words(other.wording))
            overlap = len(mine & theirs) / max(1, len(mine))
            if overlap > score:
                best, score = other, overlap
        if best and score >= 0.5:
            claim.speaker, claim.speaker_id, claim.speaker_mention, claim.speaker_method = best.speaker, best.speaker_id, None, "headline"
        elif not claim.speaker:
            claim.speaker, claim.speaker_method = UNKNOWN, "headline"
