"""Score clusters against gold utterance labels: pairwise precision, recall and F1 of "same cluster" across articles.

Extracted claims are matched one-to-one to gold claims of the same article by token overlap (the measure of
`toolkit.evaluate`), same claim type first, then any type; only matched claims are scored. A pair is two
matched claims from two different articles; it is gold-positive when both carry the same utterance label and
predicted-positive when both carry the same cluster_id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from toolkit.evaluate import load_gold, overlap


@dataclass
class PairScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    matched: int = 0
    unmatched_gold: int = 0
    false_pairs: list = field(default_factory=list)      # (claim_id, claim_id, label, label)
    missed_pairs: list = field(default_factory=list)     # (claim_id, claim_id, label)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(claims, gold_path: str | Path, texts: dict[str, str], threshold: float = 0.5) -> dict[int, str]:
    """Row index of each matched extracted claim -> gold utterance label. `claims` has article_id, claim_type,
    char_start, char_end (lists or a DataFrame's columns)."""
    gold = load_gold(gold_path, texts)
    rows = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = [r.get("utterance") for r in rows]
    candidates = []
    for i, (article, ctype, start, end) in enumerate(zip(claims["article_id"], claims["claim_type"],
                                                          claims["char_start"], claims["char_end"])):
        if ctype == "statement":
            continue
        for j, g in enumerate(gold):
            if g.article_id != article:
                continue
            value = overlap(texts[article], (g.start, g.end), (start, end))
            if value >= threshold:
                candidates.append((g.claim_type == ctype, value, -i, -j))
    out, used = {}, set()
    for _, _, i, j in sorted(candidates, reverse=True):
        i, j = -i, -j
        if i in out or j in used:
            continue
        out[i] = labels[j]
        used.add(j)
    return out


def pairwise(claims, cluster_ids: list, gold_path: str | Path, texts: dict[str, str]) -> PairScore:
    """Pairwise scores of `cluster_ids` (one per row of `claims`) against the gold utterance labels."""
    labels = match(claims, gold_path, texts)
    result = PairScore(matched=len(labels))
    result.unmatched_gold = sum(1 for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()) - len(labels)
    ids = claims["claim_id"]
    for i, j in combinations(sorted(labels), 2):
        if claims["article_id"][i] == claims["article_id"][j]:
            continue
        gold_same = labels[i] is not None and labels[i] == labels[j]
        pred_same = cluster_ids[i] is not None and cluster_ids[i] == cluster_ids[j]
        if gold_same and pred_same:
            result.tp += 1
        elif pred_same:
            result.fp += 1
            result.false_pairs.append((ids[i], ids[j], labels[i], labels[j]))
        elif gold_same:
            result.fn += 1
            result.missed_pairs.append((ids[i], ids[j], labels[i]))
    return result
