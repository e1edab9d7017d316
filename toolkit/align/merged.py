"""Findings across two clusters: a quotation of several sentences that holds, in other words, what another outlet
quotes as a separate quotation next to the one they share.

Outlets cut a speech differently: one quotes two sentences apart (« La Russie est en ce moment confrontée (…) ».
« Nous avons toujours exprimé notre soutien … »), another quotes them in one pair of marks (« Maintenant, la Russie
s'est levée pour défendre sa souveraineté et sa sécurité. […] Nous avons toujours soutenu … »). The long
quotation joins the cluster of the sentence both share; the sentence the first outlet quotes apart stays in its
own cluster, as a different claim. Its rendering inside the long quotation is found by the order of the words:
a sentence of the long quotation before (or after) the shared one that shares content words with the claim just
before (or after) the shared one in the other article. The two renderings are then compared like any
two renderings of one utterance. Cost: per cluster, its multi-sentence quotations times those of its claims that
have a neighbour by the same speaker (content stems computed once per claim).
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from toolkit.align.changes import compare
from toolkit.align.claimset import ClaimSet
from toolkit.align.discrepancies import Finding, clip, outlets
from toolkit.align.tokens import Words, content, tokens
from toolkit.text import sentences

MIN_SHARED = 2              # content stems a sentence and the neighbouring claim must share


def merged_findings(cs: ClaimSet, rows: list[int], cluster_of: dict[int, str], w: Words) -> list[Finding]:
    members: dict[str, list[int]] = defaultdict(list)
    for i in rows:
        if cluster_of.get(i):
            members[cluster_of[i]].append(i)
    articles_of = {c: {cs.article_id[i] for i in m} for c, m in members.items()}
    stems: dict[int, set] = {}

    def stems_of(i: int) -> set:
        if i not in stems:
            stems[i] = set(content(tokens(cs.wording[i]), w))
        return stems[i]

    findings, seen = [], set()
    for cid in sorted(members):
        if len(articles_of[cid]) < 2:
            continue
        # the claims of other articles that have a neighbour by the same speaker: the only ones that can place a sentence
        placed = [r for r in members[cid] if any(n is not None for n in cs.neighbours(r))]
        if not placed:
            continue
        for q in members[cid]:
            if cs.claim_type[q] != "direct" or not cs.is_known_speaker(q):
                continue
            parts = _sentences(cs.wording[q])
            if len(parts) < 2:
                continue
            part_stems = [set(content(tokens(p), w)) for p in parts]
            for r in placed:
                if cs.article_id[r] == cs.article_id[q] or cs.speaker[r] != cs.speaker[q]:
                    continue
                m = max(range(len(parts)), key=lambda k: (len(part_stems[k] & stems_of(r)), -k))
                before, after = cs.neighbours(r)
                for side, p in ((range(m), before), (range(m + 1, len(parts)), after)):
                    if p is None or not side or cs.claim_type[p] not in ("direct", "partial"):
                        continue
                    other = cluster_of.get(p)
                    if other == cid or cs.article_id[q] in articles_of.get(other, ()) or (q, p) in seen:
                        continue
                    k = max(side, key=lambda k: (len(part_stems[k] & stems_of(p)), -abs(k - m)))
                    if len(part_stems[k] & stems_of(p)) < MIN_SHARED:
                        continue
                    seen.add((q, p))
                    f = _finding(cs, q, parts[k], p, other, w)
                    if f:
                        findings.append(f)
    return findings


def _sentences(text: str) -> list[str]:
    """The sentences of a quotation (abbreviations such as « M. Poutine » do not end one)."""
    return [text[a:b] for a, b in sentences(text, 0, len(text))]


def _finding(cs: ClaimSet, q: int, sentence: str, p: int, cluster: str | None, w: Words) -> Finding | None:
    cmp = compare(cs.wording[p], sentence, w)
    if not cmp.material:
        return None
    change = cmp.changes[0] if cmp.changes else None
    f = Finding("wording_variant", "high" if change else "low", change.kind if change else "words", cs.event[p], cluster)
    f.witness(cs, p, cs.wording[p])
    f.witness(cs, q, sentence)
    f.diff = cmp.diff
    f.score = round(fuzz.token_set_ratio(cs.wording[p], sentence) / 100.0, 3)
    f.explanation = (f"{outlets(cs, [p])} quotes « {clip(cs.wording[p], 70)} » on its own; {outlets(cs, [q])} gives the "
                     f"same sentence, by its place in the speech, inside a longer quotation and in other words: "
                     f"« {clip(sentence, 70)} »" + (f" ({change.detail})." if change else "."))
    return f
