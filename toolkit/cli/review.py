"""`claims review`: list a dataset's open discrepancy findings, or record an analyst's verdict on one."""

from __future__ import annotations


# Spelled out here (as in toolkit.validate.review.VERDICTS) so that `claims --help` loads no data library.
VERDICTS = {
    "confirmed": "a real inconsistency between outlets, acknowledged",
    "translation_variant": "the same words translated differently; nothing to correct",
    "false_alarm": "the toolkit paired or compared the wrong things",
    "acceptable": "a real difference that does not matter for this dataset",
}


# The files of a folder that are articles (as toolkit.ingest reads them), spelled out to keep `claims --help` light.
ARTICLE_PATTERNS = ("*.txt", "*.html", "*.htm", "*.warc", "*.warc.gz")


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="list open findings, or record a verdict on one",
                       description="Without --set, list the findings of DATASET that have no verdict yet (and reviews "
                                   "whose finding no longer exists). With --set ID VERDICT, record a verdict in "
                                   "DATASET/reviews.csv. Verdicts: " + "; ".join(f"{k}: {v}" for k, v in VERDICTS.items()))
    p.add_argument("dataset", nargs="?", help="dataset folder (default: every bundled dataset)")
    p.add_argument("--set", nargs=2, metavar=("ID", "VERDICT"), help="record VERDICT on finding ID")
    p.add_argument("--note", default="", help="reviewer's note, with --set")
    p.add_argument("--reviewer", default="", help="reviewer's name, with --set")
    p.add_argument("--all", action="store_true", help="list reviewed findings too")
    p.set_defaults(parser=p)


def run(args) -> int:
    from pathlib import Path

    from toolkit.errors import UnknownFinding
    from toolkit.tables import bundled_datasets, load
    from toolkit.validate.review import read_reviews, record, split

    datasets = [Path(args.dataset)] if args.dataset else bundled_datasets()
    if args.set:
        if len(datasets) != 1:
            args.parser.error("--set needs the DATASET folder the finding belongs to")
        if not any(any(datasets[0].glob(pattern)) for pattern in ARTICLE_PATTERNS):
            args.parser.error(f"{datasets[0]} is not a dataset folder (no articles): reviews live beside the articles, "
                              "so that a rebuild of the tables never removes them")
        finding, verdict = args.set
        if verdict not in VERDICTS:
            args.parser.error(f"unknown verdict '{verdict}'; use one of {', '.join(VERDICTS)}")
        findings = load("discrepancies", datasets[0], columns=["discrepancy_id"])
        if finding not in set(findings["discrepancy_id"]):
            raise UnknownFinding(datasets[0], f"no finding '{finding}'", "copy an id listed by `claims review`")
        earlier = read_reviews(datasets[0]).get(finding)
        if earlier:
            print(f"{finding}: replaces the earlier verdict {earlier.verdict} ({earlier.date})")
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
