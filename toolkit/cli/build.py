"""`claims build`: extract (and align) the claims of an article collection into Parquet tables."""

from __future__ import annotations

# Spelled out here (as in toolkit.ingest.article_tables.DEFAULT_COLUMNS) so that `claims --help` loads no reader.
COLUMN_DEFAULTS = {
    "text": "text, content, body",
    "html": "html, raw_html (saved pages, read like .html files when there is no text column)",
    "id": "id, article_id (default: NAME-<row number>)",
    "url": "url",
    "title": "title",
    "source": "source, outlet",
    "published": "published, date",
    "language": "language",
    "event": "event (default: the file name)",
}


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="build the tables of an article collection (no argument: every bundled dataset)",
                       description="Read INPUT, extract claims, align them across outlets and write the Parquet tables "
                                   "atomically. INPUT is one of: a folder of articles, *.txt (UTF-8, or another encoding "
                                   "detected and noted) and saved web pages *.html, with an optional manifest.csv and "
                                   "registry.toml, and any *.warc / *.warc.gz in it; a web archive FILE.warc or "
                                   "FILE.warc.gz (each HTML response is an article); a table of articles FILE.jsonl, "
                                   "FILE.csv or FILE.parquet (one article a row; see the --*-column options).")
    p.add_argument("input_dir", nargs="?", metavar="INPUT",
                   help="folder, web archive or table of articles (default: rebuild every dataset under datasets/)")
    p.add_argument("--out", help="folder for the tables (default: INPUT/tables for a folder, NAME-tables beside a file)")
    p.add_argument("--registry", action="append", default=[], metavar="TOML",
                   help="extra entity registry file (repeatable); later files override earlier ones")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave out a file, row or archive record that cannot be read (it is listed, and recorded in "
                        "build.json) instead of stopping the build")
    p.add_argument("--jobs", type=_positive, metavar="N",
                   help="worker processes for extraction and alignment (default: every core; 1: this process only)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the work runs: this machine (default) or a Dask cluster (needs the [dask] extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler to send the work to (default: a cluster on this machine)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract and align everything again, ignoring and not updating OUT.cache/")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    group = p.add_argument_group("tables of articles (.jsonl, .csv, .parquet)")
    for name, defaults in COLUMN_DEFAULTS.items():
        group.add_argument(f"--{name}-column", metavar="COLUMN", help=f"column of the article {name} (default: {defaults})")
    p.add_argument("--reviews", metavar="FILE",
                   help="the reviews CSV these tables are reviewed in, recorded in build.json "
                        "(default: INPUT_DIR/reviews.csv)")
    p.set_defaults(parser=p)


def run(args) -> int:
    import sys

    from toolkit.pipeline import build
    from toolkit.report.summary import build_summary

    if args.out and not args.input_dir:
        args.parser.error("--out needs an INPUT")
    if args.reviews and not args.input_dir:
        args.parser.error("--reviews needs an INPUT")
    if args.scheduler and args.engine != "dask":
        args.parser.error("--scheduler needs --engine dask")
    columns = {name: getattr(args, f"{name}_column") for name in COLUMN_DEFAULTS if getattr(args, f"{name}_column")}
    client = None
    if args.engine == "dask":
        from toolkit.engine.dask import connect

        client = connect(args.scheduler)
    try:
        results = build(args.input_dir, args.out, registry=args.registry, columns=columns or None,
                        skip_bad=args.skip_bad, jobs=args.jobs, engine=args.engine, client=client, cache=not args.no_cache,
                        reviews=args.reviews, progress=False if args.quiet else None)
    finally:
        if client is not None:
            _close(client, own_cluster=not args.scheduler)
    for result in results if isinstance(results, list) else [results]:
        for message in result.skipped:
            print(f"Skipped: {message}", file=sys.stderr)
        if not args.quiet:
            print(build_summary(result))
    return 0


def _positive(value: str) -> int:
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


def _close(client, own_cluster: bool) -> None:
    cluster = client.cluster if own_cluster else None
    client.close()
    if cluster is not None:
        cluster.close()
