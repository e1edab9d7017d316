"""Which claims are worth comparing: blocks by event, then by speaker (or fact slot), then shared rare words.

No pair of claims from two events is ever compared, and inside an event a claim meets only the claims of its
own speaker (and those whose speaker is unknown). Inside a big block, only claims that share a stem that is
rare in that block are compared (an inverted index with a cap on how common the stem may be), so the number of
comparisons grows with the number of claims, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from toolkit.text import fold

ALL_PAIRS_MAX = 40          # blocks up to this size compare every pair: cheaper than indexing
COMMON_CAP = 50             # a stem in more claims than this (in a big block) does not create candidates


def groups(keys: list) -> dict:
    """Row indices by key, keys in first-seen order (deterministic)."""
    out: dict = {}
    for i, k in enumerate(keys):
        out.setdefault(k, []).append(i)
    return out


def candidate_pairs(rows: list[int], features: list, cap: int = COMMON_CAP, all_pairs_max: int = ALL_PAIRS_MAX):
    """(i, j) pairs, i < j, of rows that share at least one feature held by at most `cap` rows of the block;
    every pair when the block is small. `features[i]` is a set of hashable features of row i."""
    if len(rows) <= all_pairs_max:
        yield from combinations(sorted(rows), 2)
        return
    index = defaultdict(list)
    for i in rows:
        for f in features[i]:
            index[f].append(i)
    seen = set()
    for f in sorted(index, key=str):
        members = index[f]
        if len(members) < 2 or len(members) > cap:
            continue
        for a, b in combinations(sorted(members), 2):
            if (a, b) not in seen:
                seen.add((a, b))
                yield a, b


def speaker_blocks(events: list, speakers: list, rows: list[int], unknown: set) -> list[list[int]]:
    """Inside one event's rows: one block per known speaker (case and accents aside), each also holding the rows whose speaker is unknown
    (so an anonymous rendering can join a known one); the unknown rows also form a block of their own."""
    # one block per name as spelt without case or accents (« Etienne » and « Étienne » are one speaker)
    by_speaker = groups([fold(speakers[i]) if speakers[i] not in unknown else None for i in rows])
    anonymous = [rows[k] for k in by_speaker.pop(None, [])]
    blocks = [[rows[k] for k in ks] + anonymous for _, ks in sorted(by_speaker.items(), key=lambda kv: str(kv[0]))]
    if len(anonymous) > 1 or not blocks:
        blocks.append(anonymous)
    return [b for b in blocks if len(b) > 1]
