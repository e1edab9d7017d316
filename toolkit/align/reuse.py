"""Find passages that two articles of an event share word for word (wire copy), and group the articles that
copy one another so that a claim they both carry counts as one source, not two confirmations.

Texts are compared as folded words (case, accents, apostrophes and punctuation set aside), cut into shingles of
SHINGLE consecutive words. An inverted index of shingle hashes inside each event gives the article pairs that
share any; their shared shingles, chained along both texts (a changed word or two may break the chain), are the
passages. Two articles reuse each other heavily when the shared passages cover at least HEAVY of the shorter
one; articles linked by heavy reuse form one independent source.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

from toolkit.text import fold
from toolkit.align.groups import Groups

SHINGLE = 8             # words per shingle
MIN_WORDS = 12          # shortest passage reported
GAP = 3                 # words that may differ inside one passage (near-verbatim)
HEAVY = 0.25            # share of the shorter article that makes two articles one source
COMMON = 20             # a shingle found in more articles than this is boilerplate, not reuse
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Passage:
    event: str
    article_a: str
    article_b: str
    start_a: int
    end_a: int
    start_b: int
    end_b: int
    n_words: int
    text: str               # the passage as printed in article_a


@dataclass
class PairShare:
    share_a: float          # share of article_a's words inside passages shared with article_b
    share_b: float


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    folded = fold(text)
    spans = [m.span() for m in _WORD.finditer(folded)]
    return [folded[a:b] for a, b in spans], spans


def passages(texts: dict[str, str], events: dict[str, str]) -> tuple[list[Passage], dict[tuple[str, str], PairShare]]:
    """Shared passages between the articles of each event, and each pair's shares of text."""
    found: list[Passage] = []
    shares: dict[tuple[str, str], PairShare] = {}
    by_event = defaultdict(list)
    for article_id in sorted(texts):
        by_event[events.get(article_id)].append(article_id)
    for event, ids in sorted(by_event.items(), key=lambda kv: str(kv[0])):
        if len(ids) < 2:
            continue                # an article alone in its event shares with nobody: no words to read
        words = {a: _words(texts[a]) for a in ids}
        index = defaultdict(list)
        for a in ids:
            toks = words[a][0]
            for k in range(len(toks) - SHINGLE + 1):
                index[zlib.crc32(" ".join(toks[k:k + SHINGLE]).encode())].append((a, k))
        hits: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for postings in index.values():
            articles = {a for a, _ in postings}
            if len(articles) < 2 or len(articles) > COMMON:
                continue
            for x in range(len(postings)):
                for y in range(x + 1, len(postings)):
                    (a, i), (b, j) = postings[x], postings[y]
                    if a == b:
                        continue
                    if a > b:
                        a, b, i, j = b, a, j, i
                    hits[(a, b)].append((i, j))
        for (a, b), pairs in sorted(hits.items()):
            runs = _chain(sorted(set(pairs)))
            covered_a, covered_b = set(), set()
            (wa, sa), (wb, sb) = words[a], words[b]
            for (i0, j0), (i1, j1) in runs:
                n = i1 + SHINGLE - i0
                if n < MIN_WORDS:
                    continue
                covered_a.update(range(i0, i1 + SHINGLE))
                covered_b.update(range(j0, j1 + SHINGLE))
                start_a, end_a = sa[i0][0], sa[i1 + SHINGLE - 1][1]
                found.append(Passage(event, a, b, start_a, end_a, sb[j0][0], sb[j1 + SHINGLE - 1][1], n,
                                     texts[a][start_a:end_a]))
            if covered_a:
                shares[(a, b)] = PairShare(len(covered_a) / max(1, len(wa)), len(covered_b) / max(1, len(wb)))
    return found, shares


def _chain(pairs: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Chain shingle matches (i, j) that advance together in both texts into runs ((i0, j0), (i1, j1))."""
    runs: list[list[tuple[int, int]]] = []
    open_runs: dict[int, list[tuple[int, int]]] = {}          # diagonal j - i -> run still growing
    for i, j in pairs:
        best = None
        for d in range(j - i - GAP, j - i + GAP + 1):
            run = open_runs.get(d)
            if run and 0 < i - run[-1][0] <= SHINGLE + GAP and 0 < j - run[-1][1] <= SHINGLE + GAP:
                best = d
                break
        if best is None:
            run = [(i, j)]
            runs.append(run)
        else:
            run = open_runs.pop(best)
            run.append((i, j))
        open_runs[j - i] = run
    return [(r[0], r[-1]) for r in runs]


def independent_groups(articles: list[str], shares: dict[tuple[str, str], PairShare]) -> dict[str, str]:
    """Article -> the first article (by id) of its group of heavily reused articles."""
    groups = Groups(articles)
    for (a, b), share in sorted(shares.items()):
        if a in groups and b in groups and max(share.share_a, share.share_b) >= HEAVY:
            groups.join(a, b)
    return {a: groups.find(a) for a in articles}
