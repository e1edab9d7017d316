"""`claims validate`: run the Great Expectations suites on built tables; exit 0 pass, 1 fail, 2 unusable input."""

from __future__ import annotations

# Spelled out here rather than imported, so that `claims --help` does not load the validate package.
SEVERITIES = ("critical", "warning", "info")
FORMATS = ("text", "json", "junit")


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="run the expectation suites on built tables",
                       description="Validate the tables of DIR (a dataset folder or a tables folder; default: every "
                                   "bundled dataset) against the suites in expectations/. Exit 0 when nothing at or "
                                   "above --fail-on fails, 1 when something does, 2 for unusable input (a missing, "
                                   "unreadable or malformed table, an unknown suite).")
    p.add_argument("dir", nargs="?", help="dataset or tables folder")
    p.add_argument("--suite", metavar="NAME",
                   help="run one suite: integrity_articles, integrity_claims, consistency; integrity for both integrity "
                        "suites; or the path of a suite JSON file")
    p.add_argument("--fail-on", choices=SEVERITIES, default="critical",
                   help="lowest severity that makes the command fail (default: critical)")
    p.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("--reviews", metavar="FILE",
                   help="reviews CSV to use (default: reviews.csv inside DIR, else the one its build.json records)")
    p.add_argument("--docs", metavar="OUT",
                   help="also write Great Expectations Data Docs (HTML) into the folder OUT; their styles load from "
                        "the network when viewed (for a self-contained page, see `claims report`)")
    p.add_argument("--check-build", action="store_true",
                   help="instead, check that the committed tables equal a fresh build of their inputs (content, not bytes)")


def run(args) -> int:
    if args.check_build:
        return check_build(args.dir)
    from toolkit.validate import validate

    if args.reviews and not args.dir:
        from toolkit.errors import ToolkitError

        raise ToolkitError(args.reviews, "--reviews needs the DIR whose findings it reviews", "give DIR too")
    report = validate(args.dir, suite=args.suite, fail_on=args.fail_on, docs=args.docs, reviews=args.reviews)
    print({"text": report.text, "json": report.to_json, "junit": report.to_junit}[args.format]())
    return 0 if report.success else 1


def check_build(folder: str | None) -> int:
    from pathlib import Path

    from toolkit.tables import bundled_datasets
    from toolkit.validate.reproduce import compare

    failed = False
    for dataset in [Path(folder)] if folder else bundled_datasets():
        differences = compare(dataset)
        print(f"{dataset}: {'matches a fresh build' if not differences else 'differs from a fresh build'}")
        for d in differences:
            print(f"  {d.table}: {d.problem}")
        failed |= bool(differences)
    return 1 if failed else 0
