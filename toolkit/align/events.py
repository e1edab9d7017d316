"""Align one event at a time, and put the events' results together exactly as one `align()` over all of them.

Every alignment step already works inside one event (claims, facts, names and copied text never meet across
events), so each event can be aligned on its own — in another process, on another machine, or not at all when
an incremental build kept its result — and the parts combined: cluster ids go back to their claims' rows,
clusters are ordered by the row of the claim each is anchored on, findings and copied passages by the keys
`align()` sorts them by.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from toolkit import schema
from toolkit.align import KINDS, SEVERITIES, Alignment, Finding, align

PART_TABLES = ("cluster_ids", "clusters", "discrepancies", "reuse")


def align_event(claims: pa.Table, articles: pa.Table, registry=None, language: str = "fr",
                found_events=frozenset()) -> dict[str, pa.Table]:
    """Align the claims of one event (or any group of whole events): its cluster ids (one per claim, in the
    order given), clusters (with `anchor`, the row of the claim each cluster is ordered by), discrepancies and
    reuse tables. The same tables `align()` gives, in a form that can be stored and combined."""
    result = align(claims, articles, registry, language, found_events)
    return {
        "cluster_ids": pa.table({"cluster_id": pa.array(result.cluster_ids, pa.string())}),
        "clusters": result.clusters.append_column("anchor", pa.array(result.anchors, pa.int64())),
        "discrepancies": result.discrepancies,
        "reuse": result.reuse,
    }


def split(claims: pa.Table, articles: pa.Table, group_of: dict[str, str]) -> dict[str, tuple[list[int], pa.Table, pa.Table]]:
    """group -> (rows of `claims` in it, those claims, its articles), groups in sorted order. `group_of` maps
    each article id to its group (today its event)."""
    claim_rows: dict[str, list[int]] = defaultdict(list)
    for i, article_id in enumerate(claims.column("article_id").to_pylist()):
        claim_rows[group_of[article_id]].append(i)
    article_rows: dict[str, list[int]] = defaultdict(list)
    for i, article_id in enumerate(articles.column("article_id").to_pylist()):
        article_rows[group_of[article_id]].append(i)
    # indices typed explicitly: a story whose articles hold no claim gives an empty list, which pyarrow would read as
    # a null array that `take` refuses
    rows = lambda found: pa.array(found, pa.int64())
    return {g: (claim_rows.get(g, []), claims.take(rows(claim_rows.get(g, []))), articles.take(rows(article_rows[g])))
            for g in sorted(article_rows, key=str)}


def combine(parts: list[tuple[list[int], dict[str, pa.Table]]], n_claims: int) -> Alignment:
    """One Alignment from the parts of every event: (rows of the claims table the part aligned, its tables).

    Put together as Arrow (concatenated, then one stable sort per table), never as Python values: an incremental
    build combines every story's cached tables, and the build's memory stays that of the tables."""
    import pyarrow.compute as pc

    positions = [pa.array(rows, pa.int64()) for rows, _ in parts]
    ids = [tables["cluster_ids"].column("cluster_id").cast(pa.string()) for _, tables in parts]
    all_rows = pa.concat_arrays(positions) if positions else pa.array([], pa.int64())
    all_ids = pa.chunked_array([c for i in ids for c in i.chunks], pa.string())
    if len(all_rows) == n_claims and len(all_ids) == n_claims:          # every claim aligned once: a permutation
        cluster_ids = all_ids.take(pc.sort_indices(all_rows))
    else:
        placed: list[str | None] = [None] * n_claims
        for row, cid in zip(all_rows.to_pylist(), all_ids.to_pylist()):
            placed[row] = cid
        cluster_ids = pa.array(placed, pa.string())
    anchors = pa.chunked_array([rows.take(tables["clusters"].column("anchor").cast(pa.int64()))
                                for rows, (_, tables) in zip(positions, parts)], pa.int64())
    order = pc.sort_indices(anchors)
    clusters = _typed(_concat([tables["clusters"] for _, tables in parts], schema.CLUSTERS).take(order),
                      schema.CLUSTERS, "clusters")
    d = _concat([tables["discrepancies"] for _, tables in parts], schema.DISCREPANCIES)
    d = d.take(pc.sort_indices(pa.table({
        "severity": pc.index_in(d.column("severity"), value_set=pa.array(SEVERITIES)),
        "confidence": d.column("confidence"),
        "kind": pc.index_in(d.column("kind"), value_set=pa.array(KINDS)),
        "event": pc.fill_null(d.column("event"), "None"),      # as str(None) sorts
        "score": d.column("score"), "discrepancy_id": d.column("discrepancy_id")}),
        sort_keys=[("severity", "ascending"), ("confidence", "descending"), ("kind", "ascending"),
                   ("event", "ascending"), ("score", "descending"), ("discrepancy_id", "ascending")]))
    r = _concat([tables["reuse"] for _, tables in parts], schema.REUSE)
    r = r.take(pc.sort_indices(pa.table({
        "event": pc.fill_null(r.column("event"), "None"), "article_a": r.column("article_a"),
        "article_b": r.column("article_b"), "char_start_a": r.column("char_start_a"),
        "char_start_b": r.column("char_start_b")}),
        sort_keys=[(name, "ascending") for name in ("event", "article_a", "article_b", "char_start_a", "char_start_b")]))
    d, r = _typed(d, schema.DISCREPANCIES, "discrepancies"), _typed(r, schema.REUSE, "reuse")
    return Alignment(cluster_ids, clusters, d, r, findings(_decoded(d)), anchors.take(order).to_pylist())


def _concat(tables: list[pa.Table], target: pa.Schema) -> pa.Table:
    """The tables' rows, one after the other, with the columns of `target`; a dictionary column as plain values
    (see _typed)."""
    plain = pa.schema([pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
                       for f in target])
    typed = [pa.Table.from_arrays([t.column(f.name).cast(f.type) for f in plain], schema=plain)
             for t in tables if t.num_rows]
    return pa.concat_tables(typed) if typed else plain.empty_table()


def _typed(table: pa.Table, target: pa.Schema, name: str) -> pa.Table:
    """The table as `target`, its dictionary columns encoded now, in their final order (values in order of first
    appearance, as schema.table encodes them: the same Parquet whatever the parts came from)."""
    return schema.with_metadata(pa.Table.from_arrays([table.column(f.name).cast(f.type) for f in target],
                                                     schema=target), name)


def findings(columns: dict[str, list]) -> list[Finding]:
    """The findings of a discrepancies table (as columns), in its order."""
    names = ("claim_ids", "article_ids", "sources", "wordings", "values", "diff", "score", "explanation", "confidence",
             "evidence")
    out = []
    for k in range(len(columns.get("discrepancy_id", []))):
        out.append(Finding(columns["kind"][k], columns["severity"][k], columns["change"][k], columns["event"][k],
                           columns["cluster_id"][k], **{n: columns[n][k] for n in names}))
    return out


def _decoded(table: pa.Table) -> dict[str, list]:
    """The table as Python columns (a dictionary column's values, as to_pylist gives them)."""
    if table.num_rows == 0:
        return {name: [] for name in table.column_names}
    return {name: col.to_pylist() for name, col in zip(table.column_names, table.columns)}
