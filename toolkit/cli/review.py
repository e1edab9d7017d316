"""`claims review`: list a dataset's open discrepancy findings, or record an analyst's verdict on one."""

from __future__ import annotations


# Spelled out here (as in toolkit.validate.review.VERDICTS) so that `claims --help` loads no data library.
VERDICTS = {
    "confirmed": "a real inconsistency between outlets, acknowledged",
    "translation_variant": "the same words translated differently; nothing to correct",
    "false_alarm": "the toolkit paired or compared the wrong things",
    "acceptable": "a real difference that does not matter for this dataset",
}


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="list open findings, or record a verdict on one",
                       description="Without --set, list the findings of TABLES that have no verdict yet (and reviews "
                                   "whose finding no longer exists). With --set ID VERDICT, record a verdict in the "
                                   "reviews file of TABLES: --reviews FILE, else reviews.csv inside TABLES if there is "
                                   "one, else the file the build recorded in build.json (reviews.csv beside the "
                                   "articles). Verdicts: " + "; ".join(f"{k}: {v}" for k, v in VERDICTS.items()))
    p.add_argument("dataset", nargs="?", metavar="TABLES",
                   help="tables folder, or article folder holding tables/ (default: every bundled dataset)")
    p.add_argument("--set", nargs=2, metavar=("ID", "VERDICT"), help="record VERDICT on finding ID")
    p.add_argument("--note", default="", help="reviewer's note, with --set")
    p.add_argument("--reviewer", default="", help="reviewer's name, with --set")
    p.add_argument("--reviews", metavar="FILE", help="the reviews CSV to read and write (default: see above)")
    p.add_argument("--all", action="store_true", help="list reviewed findings too")
    p.set_defaults(parser=p)


def run(args) -> int:
    from pathlib import Path

    from toolkit.errors import UnknownFinding
    from toolkit.inputs import require_tables
    from toolkit.tables import bundled_datasets, load, tables_dir
    from toolkit.validate.review import read_reviews, record, review_path, split, writable_review_path

    datasets = [Path(args.dataset)] if args.dataset else bundled_datasets()
    for dataset in datasets:
        require_tables(dataset)
    if args.reviews and len(datasets) != 1:
        args.parser.error("--reviews needs the TABLES folder it reviews")
    if args.set:
        if len(datasets) != 1:
            args.parser.error("--set needs the TABLES folder the finding belongs to")
        finding, verdict = args.set
        if verdict not in VERDICTS:
            args.parser.error(f"unknown verdict '{verdict}'; use one of {', '.join(VERDICTS)}")
        findings = load("discrepancies", datasets[0], columns=["discrepancy_id"])
        if finding not in set(findings["discrepancy_id"]):
            raise UnknownFinding(tables_dir(datasets[0]) / "discrepancies.parquet", f"no finding '{finding}'",
                                 "copy an id listed by `claims review`")
        path = writable_review_path(datasets[0], args.reviews)
        earlier = read_reviews(datasets[0], path).get(finding)
        if earlier:
            print(f"{finding}: replaces the earlier verdict {earlier.verdict} ({earlier.date})")
        review = record(datasets[0], finding, verdict, args.note, args.reviewer, reviews_file=path)
        print(f"{review.discrepancy_id}: {review.verdict} ({review.date}) → {path}")
        return 0
    for dataset in datasets:
        findings = load("discrepancies", dataset)
        open_, reviewed, stale = split(findings, read_reviews(dataset, args.reviews))
        print(f"{dataset}: {len(open_)} open, {len(reviewed)} reviewed, {len(stale)} stale review(s) "
              f"(reviews: {review_path(dataset, args.reviews)})")
        for row in (findings if args.all else open_).itertuples():
            print(f"  {row.discrepancy_id}  {row.severity:6} {row.kind:16} {', '.join(dict.fromkeys(row.sources))}")
            print(f"      {row.explanation}")
        for review in stale:
            print(f"  stale: {review.discrepancy_id} ({review.verdict}) — the finding no longer exists")
    return 0
