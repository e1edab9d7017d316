"""`claims validate`: run the Great Expectations suites on built tables; exit 0 pass, 1 fail, 2 unusable input."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="run the expectation suites on built tables",
                       description="Validate the tables of DIR (a dataset folder or a tables folder; default: every "
                                   "bundled dataset). Exit 0 when nothing fails, 1 when an expectation fails, 2 for "
                                   "unusable input.")
    p.add_argument("dir", nargs="?", help="dataset or tables folder")


def run(args) -> int:
    from toolkit.validate import validate

    report = validate(args.dir)
    print(report.text())
    return 0 if report.success else 1
