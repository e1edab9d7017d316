"""Group scored pairs into clusters: strongest links first, refusing a merge that would put two different
utterances of one article in the same cluster.

Plain single-link clustering chains: a fragment that fits two quotations would glue them together. Here two
clusters merge only if every pair of claims they hold from the same article is compatible (their spans
overlap, as a partial inside its indirect clause, or they are alike enough to be one utterance quoted twice,
as a headline and its body quote). Outlets quote the same words once per article, so this keeps apart what
one article presents as two things.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable


class _Forest:
    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def group(self, root: int) -> list[int]:
        return self.members.get(root, [root])


APART_ARTICLES = 2          # articles that each print two claims as separate things before two clusters stay apart


def link(n: int, edges: Iterable[tuple[float, int, int]], articles: list, compatible: Callable[[int, int], bool],
         apart: Callable[[int, int], bool] | None = None, speakers: list | None = None) -> list[int]:
    """A cluster label (the smallest row index of the cluster) for each of n rows.

    `edges` are (score, i, j) or (score, i, j, strength) above the linking threshold; they are taken strongest
    first, equal scores by strength (two renderings of one text before a fragment that fits several), then by
    index (so the result does not depend on the order they come in). `apart(x, y)`, for two rows of one article,
    says whether the article presents them as two separate statements; two clusters that APART_ARTICLES articles
    or more keep apart that way are two statements, however alike their words (each outlet tells them apart).
    `speakers[i]`, when given, is row i's known speaker (None when unknown): a link through a claim of unknown
    speaker never joins two clusters whose known speakers are all different (« gilets jaunes » quoted by nobody in
    particular is no bridge between two people's words); only a link between two known speakers' claims does (the
    same words given to two people)."""
    forest = _Forest(n)
    voices: dict[int, frozenset] = {}           # root -> the known speakers of its cluster
    if speakers is not None:
        voices = {i: frozenset([speakers[i]]) for i in range(n) if speakers[i] is not None}
    for edge in sorted(edges, key=lambda e: (-e[0], -(e[3] if len(e) > 3 else 0.0), e[1], e[2])):
        i, j = edge[1], edge[2]
        a, b = forest.find(i), forest.find(j)
        if a == b:
            continue
        left, right = forest.group(a), forest.group(b)
        by_article: dict = {}
        for x in left:
            by_article.setdefault(articles[x], []).append(x)
        if any(not compatible(x, y) for y in right for x in by_article.get(articles[y], ())):
            continue
        va, vb = voices.get(a, frozenset()), voices.get(b, frozenset())
        if va and vb and not va & vb and (speakers[i] is None or speakers[j] is None):
            continue
        if apart is not None and len({articles[y] for y in right for x in by_article.get(articles[y], ())
                                      if apart(x, y)}) >= APART_ARTICLES:
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        forest.parent[b] = a
        forest.members[a] = left + right
        forest.members.pop(b, None)
        if va or vb:
            voices[a] = va | vb
            voices.pop(b, None)
    labels = [forest.find(i) for i in range(n)]
    smallest: dict[int, int] = {}
    for i, root in enumerate(labels):
        smallest.setdefault(root, i)
    return [smallest[root] for root in labels]


def cluster_id(event: str, anchor_claim_id: str) -> str:
    """Stable id of a cluster: a hash of its event and its smallest claim id (so the order of the rows given
    does not change it)."""
    return "k" + hashlib.sha1(f"{event}\x1f{anchor_claim_id}".encode()).hexdigest()[:15]
