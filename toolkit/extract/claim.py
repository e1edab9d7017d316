"""One claim row as extraction builds it, and a claim waiting for its speaker."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from toolkit.extract import speakers


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
    speaker_confidence: float | None = None     # filled by resolve (toolkit.resolve.speakers.confidence)
    speaker_entity_id: str | None = None        # filled by resolve (toolkit.resolve.catalog)
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
class Pending:
    """A claim found but not yet attributed: speakers resolve in text order so pronouns see earlier speakers."""
    claim: Claim
    order: int
    attribution: speakers.Attribution | None
    subject_span: tuple[int, int] | None = None
    headline: bool = False
    answer: bool = False                # an interview answer (no quotation marks)
    loose: bool = False                 # a fragment its sentence gives to nobody: read like any fragment with no verb
                                        # of its own, never taking the floor
