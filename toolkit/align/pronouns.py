"""Findings inside one article: a pronoun whose gender contradicts the speaker the context gives.

Extraction marks such claims with speaker_method "pronoun_conflict" (see toolkit.extract.mentions): "« … »,
a-t-il soutenu" right after several claims of a woman, with no man it could clearly designate. The claim keeps the
speaker the context gives, but a reader of that article may take the words for someone else's, so the
attribution is flagged as a medium speaker_mismatch, one finding per sentence.
"""

from __future__ import annotations

from collections import defaultdict

from toolkit.align.claimset import ClaimSet
from toolkit.align.discrepancies import Finding, clip, outlets
from toolkit.extract.mentions import PRONOUN_CONFLICT



def conflict_findings(cs: ClaimSet, cluster_of: dict[int, str]) -> list[Finding]:
    by_sentence: dict[tuple, list[int]] = defaultdict(list)
    for i, method in enumerate(cs.speaker_method):
        if method == PRONOUN_CONFLICT:
            by_sentence[(cs.article_id[i], cs.sentence_start[i])].append(i)
    findings = []
    for key in sorted(by_sentence):
        rows = sorted(by_sentence[key], key=lambda i: cs.char_start[i])
        first = rows[0]
        f = Finding("speaker_mismatch", "medium", "pronoun", cs.event[first], cluster_of.get(first))
        for i in rows:
            f.witness(cs, i, cs.speaker[i])
        pronoun = cs.speaker_mention[first] or "the pronoun"
        f.diff = f"« {pronoun} » ⟂ {cs.speaker[first]}"
        f.explanation = (f"{outlets(cs, rows)} introduces « {clip(cs.wording[first])} » with « {pronoun} », whose gender "
                         f"does not fit {cs.speaker[first]}, who speaks just before: the context gives the words to "
                         f"{cs.speaker[first]}, the pronoun to someone else.")
        findings.append(f)
    return findings
