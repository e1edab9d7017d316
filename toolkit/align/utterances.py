"""Cluster the quotations and reported speech of each event: one cluster per original utterance.

A claim meets the claims of its own speaker (or of an unknown one) in its event and links to those alike enough
(`similarity`): translations of one answer, a fragment and the quotation it comes from, an indirect clause and
the direct quotation it reports. Claims of two different known speakers link only when their words are nearly
the same (`VERBATIM`), which is what a speaker mismatch looks like; different utterances of one speaker stay
apart because a cluster never holds two dissimilar claims from one article (see `clusters.link`).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from toolkit.align.blocking import candidate_pairs, groups, speaker_blocks
from toolkit.align.claimset import UNKNOWN_SPEAKERS, ClaimSet
from toolkit.align.clusters import link
from toolkit.align.similarity import Profile, idf, similarity, weigh
from toolkit.align.tokens import words_for

LINK = 0.5                  # pairs scoring at least this are linked
SAME_ARTICLE = 0.3          # two claims of one article scoring below this are two utterances
VERBATIM = 0.9              # claims of two known speakers link only this alike …
VERBATIM_MIN_WORDS = 5      # … and this long
SHINGLE = 4                 # words per shingle when looking for verbatim passages across speakers


def profiles(cs: ClaimSet, rows: list[int], language: str = "fr") -> dict[int, Profile]:
    w = words_for(language)
    return {i: Profile.of(cs.wording[i], w) for i in rows}


def align(cs: ClaimSet, rows: list[int]) -> tuple[dict[int, int], dict[tuple[int, int], float], dict[int, Profile]]:
    """Cluster label (a row index) of every row in `rows` (non-statement claims), the scores of the links made,
    and the profiles computed (the discrepancy step reuses them)."""
    labels: dict[int, int] = {}
    scores: dict[tuple[int, int], float] = {}
    every_profile: dict[int, Profile] = {}
    for _, event_rows in sorted(groups([cs.event[i] for i in rows]).items(), key=lambda kv: str(kv[0])):
        event_rows = [rows[k] for k in event_rows]
        found, links, prof = _align_event(cs, event_rows)
        labels.update(found)
        scores.update(links)
        every_profile.update(prof)
    return labels, scores, every_profile


def _align_event(cs: ClaimSet, rows: list[int]):
    prof = profiles(cs, rows)
    weights = idf(prof.values())
    weigh(prof.values(), weights)
    features = {i: prof[i].senses for i in rows}
    edges: dict[tuple[int, int], float] = {}
    cache: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            cache[key] = similarity(prof[i], prof[j], weights).value
        return cache[key]

    for block in speaker_blocks(cs.event, cs.speaker, rows, UNKNOWN_SPEAKERS):
        for i, j in candidate_pairs(block, features):
            if cs.overlap(i, j):
                edges[(i, j)] = 1.0
                continue
            value = score(i, j)
            if value >= LINK:
                edges[(i, j)] = value
    for i, j in _verbatim_pairs(cs, rows, prof):
        edges.setdefault((i, j), fuzz.ratio(prof[i].seq, prof[j].seq) / 100.0)

    def compatible(x: int, y: int) -> bool:
        return cs.one_utterance(x, y) or score(x, y) >= SAME_ARTICLE

    local = sorted(rows, key=lambda r: cs.claim_id[r])          # claim order, not row order: ids do not depend on it
    position = {r: k for k, r in enumerate(local)}
    found = link(len(local), [(v, position[i], position[j]) for (i, j), v in edges.items()],
                 [cs.article_id[r] for r in local], lambda a, b: compatible(local[a], local[b]))
    return {r: local[found[position[r]]] for r in local}, edges, prof


def _verbatim_pairs(cs: ClaimSet, rows: list[int], prof: dict[int, Profile]):
    """Pairs of claims with two different known speakers whose words are nearly the same."""
    known = [i for i in rows if cs.is_known_speaker(i) and len(prof[i].words) >= VERBATIM_MIN_WORDS]
    if len({cs.speaker[i] for i in known}) < 2:
        return
    shingles = {}
    for i in known:
        seq = prof[i].seq.split()
        shingles[i] = {" ".join(seq[k:k + SHINGLE]) for k in range(max(1, len(seq) - SHINGLE + 1))}
    for i, j in candidate_pairs(known, shingles, all_pairs_max=0):
        if cs.speaker[i] == cs.speaker[j] or cs.article_id[i] == cs.article_id[j]:
            continue
        if fuzz.ratio(prof[i].seq, prof[j].seq) / 100.0 >= VERBATIM:
            yield (i, j) if i < j else (j, i)
