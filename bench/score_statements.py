"""Print recall and precision of the journalist's statements per fact slot (date, duration, count, ordinal, place,
participants) against tests/gold/seeds/statements.jsonl, the seed articles read as a plain folder (no registry).

A gold fact is found when a statement of its article and slot has a fact span (fact_text where it is printed) that
overlaps the gold one; a statement is extra when it overlaps no gold fact of its slot. The gold lists every fact of
the sentences with no quotation and no reported speech (those are the statements' sentences), written by reading
the articles (see tests/gold/seeds/README.md).

Run: python bench/score_statements.py [--quiet]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from toolkit.ingest import read_collection
from toolkit.pipeline import extract_claims
from toolkit.registry import GENERAL_RELAYS, Registry

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "datasets" / "kim-putin-vostochny-2023"
GOLD = ROOT / "tests" / "gold" / "seeds" / "statements.jsonl"
SLOTS = ("date", "duration", "count", "ordinal", "place", "participants")


def measure(folder: Path = FOLDER, gold_file: Path = GOLD) -> dict:
    """{slot: (found, gold, extra, predicted)}, plus the misses and extras for printing."""
    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = read_collection(folder)
    claims = [c for cs in extract_claims(articles, Registry.load(GENERAL_RELAYS))[0].values() for c in cs
              if c.claim_type == "statement"]
    spans = [(c.article_id, c.fact_slot, c.fact_start, c.fact_start + len(c.fact_text), c.fact_text) for c in claims]
    overlap = lambda g, p: g["article_id"] == p[0] and g["slot"] == p[1] and g["char_start"] < p[3] and p[2] < g["char_end"]
    found = [g for g in gold if any(overlap(g, p) for p in spans)]
    extra = [p for p in spans if not any(overlap(g, p) for g in gold)]
    result = {}
    for slot in SLOTS:
        result[slot] = (sum(g["slot"] == slot for g in found), sum(g["slot"] == slot for g in gold),
                        sum(p[1] == slot for p in extra), sum(p[1] == slot for p in spans))
    result["misses"] = [g for g in gold if g not in found]
    result["extras"] = extra
    return result


def main(quiet: bool = False) -> None:
    r = measure()
    print(f"  {'slot':13} {'recall':>7} {'precision':>9}   found/gold  extra/predicted")
    totals = Counter()
    for slot in SLOTS:
        f, g, e, p = r[slot]
        totals.update({"f": f, "g": g, "e": e, "p": p})
        print(f"  {slot:13} {f / g if g else 1:7.3f} {(p - e) / p if p else 1:9.3f}   {f:5}/{g:<5} {e:5}/{p}")
    f, g, e, p = totals["f"], totals["g"], totals["e"], totals["p"]
    print(f"  {'all':13} {f / g:7.3f} {(p - e) / p if p else 1:9.3f}   {f:5}/{g:<5} {e:5}/{p}")
    if not quiet:
        for m in r["misses"]:
            print(f"  MISS  {m['slot']:12} {m['article_id'][:3]} {m['wording']!r}")
        for a, slot, _, _, text in r["extras"]:
            print(f"  EXTRA {slot:12} {a[:3]} {text!r}")


if __name__ == "__main__":
    main("--quiet" in sys.argv)
