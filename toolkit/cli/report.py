"""`claims report`: write one self-contained HTML page of a set of tables' findings, for a journalist to read."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML report of the findings",
                       description="Write one HTML file (styles and script inline: it opens offline, from a mail or "
                                   "a CI artifact) with, per story, which outlet carries which claim, the clusters "
                                   "with findings side by side with their differences highlighted, and every finding "
                                   "with its severity, explanation and review verdict, sortable and filterable.")
    p.add_argument("tables", nargs="?", metavar="TABLES",
                   help="tables folder, or article folder holding tables/ (default: the bundled dataset)")
    p.add_argument("--out", metavar="FILE", help="HTML file to write (default: report.html beside the tables folder)")
    p.add_argument("--reviews", metavar="FILE",
                   help="reviews CSV for the verdicts (default: the one the tables' build.json records)")
    p.add_argument("--max-findings", type=int, default=1000, metavar="N",
                   help="list at most N findings, most severe first (default: 1000)")
    p.set_defaults(parser=p)


def run(args) -> int:
    from toolkit.report.html import report
    from toolkit.report.model import Limits

    written = report(args.tables, args.out, reviews=args.reviews, limits=Limits(findings=max(1, args.max_findings)))
    print(f"report written to {written}")
    return 0
