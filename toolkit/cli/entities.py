"""`claims entities`: list the people and institutions a build found, or write them as a registry file to review."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("entities", help="list the entities found, or write them as a registry file",
                       description="List the people and institutions the build found in TABLES (entities.parquet), "
                                   "most quoted first. With --registry-out FILE, write them (persons and institutions, "
                                   "not unresolved descriptions) as a registry TOML file: review it, pin ids (e.g. "
                                   "Wikidata QIDs), and pass it to `claims build --registry FILE`.")
    p.add_argument("tables", help="tables folder written by `claims build`")
    p.add_argument("--registry-out", metavar="FILE", help="write the entities as a registry TOML file")
    p.add_argument("--force", action="store_true", help="with --registry-out, replace an existing file")
    p.add_argument("--top", type=int, default=30, help="how many entities to list (default 30)")
    p.set_defaults(parser=p)


def run(args) -> int:
    from toolkit.resolve.catalog import write_registry
    from toolkit.tables import load_entities

    frame = load_entities(args.tables)
    if args.registry_out:
        n = write_registry(frame, args.registry_out, replace=args.force)
        print(f"{n} entities written to {args.registry_out}")
        return 0
    frame = frame.sort_values(["n_claims", "n_mentions", "name"], ascending=[False, False, True]).head(args.top)
    for row in frame.itertuples():
        roles = f" — {', '.join(row.roles[:2])}" if len(row.roles) else ""
        print(f"{row.n_claims:4} claims {row.n_mentions:4} mentions  {row.kind:11} {row.name}{roles}  [{row.event}]")
    return 0
