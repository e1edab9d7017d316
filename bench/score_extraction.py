"""Print precision, recall and F1 of claim spans (lenient ≥ 0.5 and strict ≥ 0.9 token overlap) per claim type,
speaker and relay accuracy on matched claims, and every miss, against the gold annotations in tests/.

Run: python bench/score_extraction.py [--quiet] [--no-registry]

With --no-registry each folder is built as a newcomer's plain folder would be: general relays only, no registry.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

from toolkit.evaluate import load_gold, score
from toolkit.ingest import read_collection
from toolkit.pipeline import extract_claims
from toolkit.registry import GENERAL_RELAYS, Registry

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = [
    (ROOT / "datasets" / "kim-putin-vostochny-2023", ROOT / "tests" / "gold" / "seeds" / "claims.jsonl"),
    (ROOT / "tests" / "corpus" / "styles", ROOT / "tests" / "corpus" / "styles" / "claims.jsonl"),
    (ROOT / "tests" / "corpus" / "discrepancies", ROOT / "tests" / "corpus" / "discrepancies" / "claims.jsonl"),
    # written by a second annotator after the rules; first scored blind (see the issue 3 note)
    (ROOT / "tests" / "corpus" / "fresh", ROOT / "tests" / "corpus" / "fresh" / "claims.jsonl"),
    (ROOT / "tests" / "corpus" / "blind3", ROOT / "tests" / "corpus" / "blind3" / "claims.jsonl"),   # idem, a third one
    (ROOT / "tests" / "corpus" / "blind4", ROOT / "tests" / "corpus" / "blind4" / "claims.jsonl"),   # a fourth, five new styles
    (ROOT / "tests" / "corpus" / "blind5", ROOT / "tests" / "corpus" / "blind5" / "claims.jsonl"),   # a fifth, five more
    # a second planted-discrepancy event, written by another annotator (see its README)
    (ROOT / "tests" / "corpus" / "discrepancies2", ROOT / "tests" / "corpus" / "discrepancies2" / "claims.jsonl"),
    (ROOT / "tests" / "corpus" / "discrepancies3", ROOT / "tests" / "corpus" / "discrepancies3" / "claims.jsonl"),   # written blind
]
TYPES = ("direct", "partial", "indirect")


def predictions(no_registry: bool = False):
    texts, gold, predicted = {}, [], []
    for folder, gold_file in GOLD_SETS:
        if not gold_file.exists():
            continue
        articles = read_collection(folder)
        registry = Registry.load(GENERAL_RELAYS) if no_registry else Registry.for_collection(folder)
        texts.update({a.article_id: a.text for a in articles})
        gold.extend(load_gold(gold_file, texts))
        for claims in extract_claims(articles, registry)[0].values():
            predicted.extend(claims)
    return texts, gold, predicted


def main(quiet: bool = False, no_registry: bool = False) -> None:
    texts, gold, predicted = predictions(no_registry)
    for threshold, label in ((0.5, "lenient"), (0.9, "strict")):
        s = score(gold, predicted, texts, threshold, TYPES)
        print(f"\n== {label} (token overlap ≥ {threshold}) — {len(gold)} gold claims")
        print(f"  {'type':9} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for t in TYPES + (None,):
            p, r, f = s.prf(t)
            name = t or "all"
            tp = sum(s.tp.values()) if t is None else s.tp[t]
            fp = sum(s.fp.values()) if t is None else s.fp[t]
            fn = sum(s.fn.values()) if t is None else s.fn[t]
            print(f"  {name:9} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3} {fp:3} {fn:3}")
        print(f"  speaker accuracy on matched: {s.speaker_ok}/{s.matched} = {s.speaker_ok / max(1, s.matched):.3f}")
        print(f"  relay accuracy on matched:   {s.via_ok}/{s.matched} = {s.via_ok / max(1, s.matched):.3f}")
        if threshold == 0.5 and not quiet:
            for g in s.misses:
                print(f"  MISS {g.claim_type:8} {g.article_id[:12]} {g.wording[:90]!r}")
            for p in s.spurious:
                print(f"  EXTRA {p.claim_type:8} {p.article_id[:12]} {p.wording[:90]!r}")
            for g, p in s.wrong_speaker:
                print(f"  SPEAKER {g.article_id[:12]} gold={g.speaker!r} got={p.speaker!r} [{p.speaker_method}: {p.speaker_mention!r}] {g.wording[:60]!r}")
            for g, p in s.wrong_via:
                print(f"  VIA {g.article_id[:12]} gold={g.via!r} got={p.via!r} {g.wording[:60]!r}")


if __name__ == "__main__":
    main("--quiet" in sys.argv, "--no-registry" in sys.argv)
