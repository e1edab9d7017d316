"""Score extracted claims against a hand-written gold annotation (JSON lines, one claim per line).

Gold rows give article_id, claim_type, wording (exact text), occurrence (1-based), speaker, via. A predicted claim
matches a gold claim of the same type and article when their token overlap (Jaccard over word positions) reaches the
threshold: 0.5 is lenient, 0.9 strict. Matching is one-to-one, best overlap first.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.text import fold

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class GoldClaim:
    article_id: str
    claim_type: str
    start: int
    end: int
    wording: str
    speaker: str | None
    via: str | None
    line: int


def load_gold(path: str | Path, texts: dict[str, str]) -> list[GoldClaim]:
    """Gold rows with offsets found in the article texts; a wording not in its article is an error naming the line."""
    gold = []
    for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = texts[row["article_id"]]
        start = -1
        for _ in range(row.get("occurrence", 1)):
            start = text.find(row["wording"], start + 1)
        if start < 0:
            raise ValueError(f"{path}, line {line_no}: wording not found in {row['article_id']}")
        gold.append(GoldClaim(row["article_id"], row["claim_type"], start, start + len(row["wording"]), row["wording"],
                              row.get("speaker"), row.get("via"), line_no))
    return gold


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in _TOKEN.finditer(text, start, end)}


def overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    ta, tb = _tokens(text, *a), _tokens(text, *b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    fa, fb = fold(a).strip(), fold(b).strip()
    return fa == fb


def same_relay(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    fa, fb = fold(a).strip(), fold(b).strip()
    return fa == fb or fa in fb or fb in fa


@dataclass
class Score:
    threshold: float
    tp: dict = field(default_factory=lambda: defaultdict(int))
    fp: dict = field(default_factory=lambda: defaultdict(int))
    fn: dict = field(default_factory=lambda: defaultdict(int))
    speaker_ok: int = 0
    via_ok: int = 0
    matched: int = 0
    misses: list = field(default_factory=list)          # gold claims not found
    spurious: list = field(default_factory=list)        # predictions matching no gold
    wrong_speaker: list = field(default_factory=list)
    wrong_via: list = field(default_factory=list)

    def prf(self, claim_type: str | None = None) -> tuple[float, float, float]:
        keys = [claim_type] if claim_type else list(set(self.tp) | set(self.fp) | set(self.fn))
        tp = sum(self.tp[k] for k in keys)
        fp = sum(self.fp[k] for k in keys)
        fn = sum(self.fn[k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[GoldClaim], predicted: list, texts: dict[str, str], threshold: float = 0.5,
          types=("direct", "partial", "indirect")) -> Score:
    """Match predictions (objects with article_id, claim_type, char_start, char_end, speaker, via) to gold."""
    result = Score(threshold)
    groups = defaultdict(lambda: ([], []))
    for g in gold:
        if g.claim_type in types:
            groups[(g.article_id, g.claim_type)][0].append(g)
    for p in predicted:
        if p.claim_type in types and any(p.article_id == a for a, _ in groups) or p.claim_type in types:
            groups[(p.article_id, p.claim_type)][1].append(p)
    for (article_id, claim_type), (golds, preds) in sorted(groups.items()):
        text = texts[article_id]
        pairs = sorted(((overlap(text, (g.start, g.end), (p.char_start, p.char_end)), i, j)
                        for i, g in enumerate(golds) for j, p in enumerate(preds)), reverse=True)
        used_g, used_p = set(), set()
        for value, i, j in pairs:
            if value < threshold or i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            g, p = golds[i], preds[j]
            result.tp[claim_type] += 1
            result.matched += 1
            if same_name(g.speaker, p.speaker):
                result.speaker_ok += 1
            else:
                result.wrong_speaker.append((g, p))
            if same_relay(g.via, p.via):
                result.via_ok += 1
            else:
                result.wrong_via.append((g, p))
        for i, g in enumerate(golds):
            if i not in used_g:
                result.fn[claim_type] += 1
                result.misses.append(g)
        for j, p in enumerate(preds):
            if j not in used_p:
                result.fp[claim_type] += 1
                result.spurious.append(p)
    return result
