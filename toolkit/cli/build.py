"""`claims build`: extract (and align) the claims of an article folder into Parquet tables."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="build the tables of an article folder (no argument: every bundled dataset)",
                       description="Read INPUT_DIR (*.txt and an optional manifest.csv and registry.toml), extract claims, "
                                   "align them across outlets and write the Parquet tables atomically.")
    p.add_argument("input_dir", nargs="?", help="folder of articles (default: rebuild every dataset under datasets/)")
    p.add_argument("--out", help="folder for the tables (default: INPUT_DIR/tables)")
    p.add_argument("--registry", action="append", default=[], metavar="TOML",
                   help="extra entity registry file (repeatable); later files override earlier ones")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(parser=p)


def run(args) -> int:
    from toolkit.pipeline import build
    from toolkit.report.summary import build_summary

    if args.out and not args.input_dir:
        args.parser.error("--out needs an INPUT_DIR")
    results = build(args.input_dir, args.out, registry=args.registry)
    for result in results if isinstance(results, list) else [results]:
        if not args.quiet:
            print(build_summary(result))
    return 0
