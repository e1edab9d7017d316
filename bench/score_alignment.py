"""Print the pairwise precision, recall and F1 of "same cluster" across articles against the gold utterance labels
(seed articles, and the planted-discrepancy corpus), and which gold discrepancies the findings cover.

Extracted claims are matched to gold claims by span overlap (toolkit.evaluate), then every pair of matched claims
from two different articles is scored: same gold utterance label vs same cluster_id.

Run: python bench/score_alignment.py [-v]      (-v: list the false and missed pairs)
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import toolkit
from toolkit.align.score import match, pairwise
from toolkit.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("seeds", ROOT / "datasets" / "kim-putin-vostochny-2023", ROOT / "tests" / "gold" / "seeds"),
    ("planted", ROOT / "tests" / "corpus" / "discrepancies", ROOT / "tests" / "corpus" / "discrepancies"),
    ("planted-2", ROOT / "tests" / "corpus" / "discrepancies2", ROOT / "tests" / "corpus" / "discrepancies2"),
    ("planted-3", ROOT / "tests" / "corpus" / "discrepancies3", ROOT / "tests" / "corpus" / "discrepancies3"),
]


def main(verbose: bool = False) -> None:
    for name, folder, gold in SETS:
        with tempfile.TemporaryDirectory() as tmp:
            build(folder, Path(tmp) / "tables", progress=False)
            claims = toolkit.load_claims(Path(tmp) / "tables")
            texts = toolkit.load_articles(Path(tmp) / "tables").set_index("article_id")["text"].to_dict()
            findings = toolkit.load_discrepancies(Path(tmp) / "tables")
        columns = {k: claims[k].tolist() for k in ("claim_id", "article_id", "claim_type", "char_start", "char_end")}
        s = pairwise(columns, claims["cluster_id"].tolist(), gold / "claims.jsonl", texts)
        print(f"\n== {name}: {folder.relative_to(ROOT)}")
        print(f"  pairwise 'same cluster' across articles: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
              f"(tp {s.tp}, fp {s.fp}, fn {s.fn}; {s.matched} claims matched to gold, {s.unmatched_gold} gold claims unmatched)")
        print(f"  findings: {len(findings)} — " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(
            zip(findings["kind"], findings["severity"])).items())))
        labels = {columns["claim_id"][i]: label for i, label in match(columns, gold / "claims.jsonl", texts).items()}
        _coverage(findings, gold / "discrepancies.jsonl", labels)
        if verbose:
            wording = dict(zip(claims["claim_id"], claims["wording"]))
            for a, b, la, lb in s.false_pairs:
                print(f"  FALSE {la} / {lb}: {wording[a][:50]!r} ~ {wording[b][:50]!r}")
            missed = Counter((label, wording[a][:45], wording[b][:45]) for a, b, label in s.missed_pairs)
            for (label, a, b), n in sorted(missed.items()):
                print(f"  MISSED ×{n} {label}: {a!r} ~ {b!r}")


def _coverage(findings, path: Path, labels: dict[str, str]) -> None:
    """Which gold discrepancies a finding covers, which findings cover none (extra), and whether any extra one
    falls on a `consistent` look-alike.

    A finding covers a gold item of the same kind when, for an utterance, its claims carry that utterance label
    (and, for wording variants, the severity is the same: a low translation variant does not cover a high meaning
    change); without an utterance (facts, names), when it shares an article and one of its values or quoted
    phrases appears in the gold description. A high finding covers at most one gold item."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = findings.to_dict("records")
    used = set()

    def covers(f, g) -> bool:
        if f["kind"] != g["kind"] and not (g["kind"] == "consistent"):
            return False
        if g.get("utterance"):
            if g["utterance"] not in {labels.get(c) for c in f["claim_ids"]}:
                return False
            return g["kind"] != "wording_variant" or f["severity"] == g["severity"]
        if not set(f["article_ids"]) & set(g["articles"]):
            return False
        phrases = [v for v in f["values"] if v] + re.findall(r"« ([^»]+) »", f["explanation"])
        return any(p in g["what"] for p in phrases)

    found = 0
    real = [g for g in gold if g["kind"] != "consistent"]
    for g in real:
        # a finding about one meaning change covers one gold item; a cluster's translation-variant finding may
        # cover several
        hits = [k for k, f in enumerate(rows) if covers(f, g) and not (f["severity"] == "high" and k in used)]
        if hits and rows[hits[0]]["severity"] == "high":
            hits = hits[:1]
        used.update(hits)
        found += bool(hits)
        print(f"  {'found ' if hits else 'MISSED'} {g['kind']:16} {g.get('severity') or '':6} {g['what'][:100]}")
    print(f"  gold discrepancies found: {found}/{len(real)}")
    extra = [f for k, f in enumerate(rows) if k not in used]
    for f in extra:
        lookalike = [g for g in gold if g["kind"] == "consistent" and covers(dict(f, kind="consistent"), g)]
        mark = "ON A LOOK-ALIKE" if lookalike else "extra"
        print(f"  {mark}: [{f['severity']}] {f['kind']} — {f['explanation'][:140]}")
    print(f"  findings matching no gold item: {len(extra)}; on a consistent look-alike: "
          f"{sum(1 for f in extra if any(g['kind'] == 'consistent' and covers(dict(f, kind='consistent'), g) for g in gold))}")


if __name__ == "__main__":
    main("-v" in sys.argv)
