"""`claims review`: list a dataset's open discrepancy findings, or record an analyst's verdict on one."""

from __future__ import annotations


def add_parser(sub) -> None:
    from toolkit.validate.review import VERDICTS

    p = sub.add_parser("review", help="list open findings, or record a verdict on one",
                       description="Without --set, list the findings of DATASET that have no verdict yet (and reviews "
                                   "whose finding no longer exists). With --set ID VERDICT, record a verdict in "
                                   "DATASET/reviews.csv. Verdicts: " + "; ".join(f"{k}: {v}" for k, v in VERDICTS.items()))
    p.add_argument("dataset", nargs="?", help="dataset folder (default: every bundled dataset)")
    p.add_argument("--set", nargs=2, metavar=("ID", "VERDICT"), help="record VERDICT on finding ID")
    p.add_argument("--note", default="", help="reviewer's note, with --set")
    p.add_argument("--reviewer", default="", help="reviewer's name, with --set")
    p.add_argument("--all", action="store_true", help="list reviewed findings too")


def run(args) -> int:
    from pathlib import Path

    from toolkit.errors import MissingTable
    from toolkit.tables import bundled_datasets, load
    from toolkit.validate.review import read_reviews, record, split

    datasets = [Path(args.dataset)] if args.dataset else bundled_datasets()
    if args.set:
        if len(datasets) != 1:
            raise SystemExit("claims review --set: give the DATASET folder the finding belongs to")
        finding, verdict = args.set
        findings = load("discrepancies", datasets[0], columns=["discrepancy_id"])
        if finding not in set(findings["discrepancy_id"]):
            raise MissingTable(datasets[0], f"no finding '{finding}'", "copy an id listed by `claims review`")
        review = record(datasets[0], finding, verdict, args.note, args.reviewer)
        print(f"{review.discrepancy_id}: {review.verdict} ({review.date})")
        return 0
    for dataset in datasets:
        findings = load("discrepancies", dataset)
        open_, reviewed, stale = split(findings, read_reviews(dataset))
        print(f"{dataset}: {len(open_)} open, {len(reviewed)} reviewed, {len(stale)} stale review(s)")
        for row in (findings if args.all else open_).itertuples():
            print(f"  {row.discrepancy_id}  {row.severity:6} {row.kind:16} {', '.join(dict.fromkeys(row.sources))}")
            print(f"      {row.explanation}")
        for review in stale:
            print(f"  stale: {review.discrepancy_id} ({review.verdict}) — the finding no longer exists")
    return 0
