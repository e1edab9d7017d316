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
    """One Alignment from the parts of every event: (rows of the claims table the part aligned, its tables)."""
    cluster_ids: list[str | None] = [None] * n_claims
    clusters: dict[str, list] = defaultdict(list)
    anchors: list[int] = []
    discrepancies: dict[str, list] = defaultdict(list)
    reuse: dict[str, list] = defaultdict(list)
    for rows, tables in parts:
        for row, cid in zip(rows, tables["cluster_ids"].column("cluster_id").to_pylist()):
            cluster_ids[row] = cid
        part = _decoded(tables["clusters"])
        anchors.extend(rows[a] for a in part.pop("anchor"))
        _extend(clusters, part)
        _extend(discrepancies, _decoded(tables["discrepancies"]))
        _extend(reuse, _decoded(tables["reuse"]))
    order = sorted(range(len(anchors)), key=anchors.__getitem__)
    clusters_table = schema.table(_reordered(clusters, order), schema.CLUSTERS, "clusters")
    d = discrepancies
    order = sorted(range(len(d["discrepancy_id"])), key=lambda k: (SEVERITIES.index(d["severity"][k]), -d["confidence"][k],
                                                                   KINDS.index(d["kind"][k]), str(d["event"][k]),
                                                                   -d["score"][k], d["discrepancy_id"][k]))
    discrepancies = _reordered(d, order)
    r = reuse
    order = sorted(range(len(r["event"])), key=lambda k: (str(r["event"][k]), r["article_a"][k], r["article_b"][k],
                                                          r["char_start_a"][k], r["char_start_b"][k]))
    return Alignment(cluster_ids, clusters_table, schema.table(discrepancies, schema.DISCREPANCIES, "discrepancies"),
                     schema.table(_reordered(reuse, order), schema.REUSE, "reuse"), findings(discrepancies),
                     sorted(anchors))


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


def _extend(target: dict[str, list], part: dict[str, list]) -> None:
    for name, values in part.items():
        target[name].extend(values)


def _reordered(columns: dict[str, list], order: list[int]) -> dict[str, list]:
    return {name: [values[k] for k in order] for name, values in columns.items()}
