"""`claims review`: list open discrepancy findings and record an analyst's verdicts."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="list open findings or record a verdict on one")
    p.add_argument("dataset", nargs="?", help="dataset folder (default: every bundled dataset)")


def run(args) -> int:
    print("claims review: no discrepancy table yet (cross-outlet alignment is not built in this version).")
    return 0
