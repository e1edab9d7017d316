"""Align: cluster the claims of an event across outlets, find where outlets disagree, and find copied text.

`align(claims, articles, registry)` runs every step and returns the cluster id of each claim and the clusters,
discrepancies and reuse tables; `clusters(claims)` gives the cluster ids alone.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyarrow as pa

from toolkit import schema
from toolkit.align import confidence, facts, merged, names, pronouns, reuse, utterances
from toolkit.align.claimset import ClaimSet
from toolkit.align.clusters import cluster_id
from toolkit.align.discrepancies import KINDS, SEVERITIES, Finding, utterance_findings
from toolkit.align.tokens import words_for

__all__ = ["Alignment", "Finding", "align", "clusters"]


@dataclass
class Alignment:
    cluster_ids: list[str | None]           # one per claim, in the order of the claims table given
    clusters: pa.Table
    discrepancies: pa.Table
    reuse: pa.Table
    findings: list[Finding] = field(default_factory=list)      # sorted as in the discrepancies table
    anchors: list[int] = field(default_factory=list)           # per clusters row: the claim row it is ordered by

    @property
    def n_clusters(self) -> int:
        return self.clusters.num_rows

    def counts(self) -> Counter:
        """(kind, severity) -> number of findings."""
        return Counter((f.kind, f.severity) for f in self.findings)


def align(claims, articles=None, registry=None, language: str = "fr", found_events=frozenset()) -> Alignment:
    """Cluster the claims (a claims table or DataFrame), find discrepancies and text reuse.

    `articles` (the articles table) gives the texts that name spellings and reuse are read from; without it
    those two steps find nothing. `registry` (a toolkit.registry.Registry) lets name spellings use its aliases.
    `found_events`: the events that are stories grouped from the texts (toolkit.stories) rather than given by a
    manifest; a guess that holds only for a curated event (a lone duration is the event's own) is not made there."""
    with _no_cycle_collection():
        return _align(claims, articles, registry, language, frozenset(found_events))


@contextmanager
def _no_cycle_collection():
    """Alignment makes millions of small objects and no reference cycles; left on, the cycle collector rescans
    them again and again (a fifth of the time at 100k claims)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _align(claims, articles, registry, language, found_events=frozenset()) -> Alignment:
    cs = claims if isinstance(claims, ClaimSet) else ClaimSet.of(claims, articles)
    w = words_for(language)
    labels, readings, fact_links = _labels(cs, w, registry, found_events)
    members: dict[int, list[int]] = defaultdict(list)
    for i in sorted(labels):
        members[labels[i]].append(i)
    ids = {anchor: cluster_id(cs.event[anchor], min(cs.claim_id[i] for i in rows)) for anchor, rows in members.items()}
    cluster_of = {i: ids[labels[i]] for i in labels}

    passages, shares = reuse.passages(cs.texts, cs.events)
    article_ids = sorted(set(cs.article_id) | set(cs.texts))
    independent = reuse.independent_groups(article_ids, shares)

    findings: list[Finding] = []
    links_by_cluster: dict[int, list] = defaultdict(list)
    for (i, j), score in fact_links.items():
        if labels[i] == labels[j]:
            links_by_cluster[labels[i]].append((score, i, j))
    for anchor, rows in members.items():
        if len(rows) < 2:
            continue
        if cs.claim_type[anchor] == "statement":
            findings.extend(facts.conflicts(cs, rows, readings, links_by_cluster[anchor], ids[anchor],
                                            cs.event[anchor] not in found_events))
        else:
            findings.extend(utterance_findings(cs, rows, ids[anchor], w))
    findings.extend(names.spelling_findings(cs, registry, cluster_of))
    findings.extend(pronouns.conflict_findings(cs, cluster_of))
    findings.extend(merged.merged_findings(cs, [i for i in range(len(cs)) if cs.claim_type[i] != "statement"], cluster_of, w))
    row_of = {c: i for i, c in enumerate(cs.claim_id)}
    for f in findings:
        confidence.assess(f, cs, [row_of[c] for c in f.claim_ids if c in row_of])
    findings = _sorted(findings)

    return Alignment([cluster_of.get(i) for i in range(len(cs))],
                     clusters_table(cs, members, ids, independent, findings),
                     discrepancies_table(findings), reuse_table(passages, shares), findings, sorted(members))


def _labels(cs: ClaimSet, w, registry, found_events=frozenset()):
    """Cluster label (a row index) of every claim; the statements' readings and links (for fact conflicts)."""
    statement_rows = [i for i in range(len(cs)) if cs.claim_type[i] == "statement"]
    other_rows = [i for i in range(len(cs)) if cs.claim_type[i] != "statement"]
    labels, _, _ = utterances.align(cs, other_rows)
    fact_labels, readings, fact_links = facts.align(cs, statement_rows, w, _people(registry), found_events)
    labels.update(fact_labels)
    return labels, readings, fact_links


def _people(registry) -> frozenset:
    """Folded words of the names and aliases of the registry's people (none without a registry)."""
    if registry is None:
        return frozenset()
    from toolkit.align.tokens import tokens

    return frozenset(t for e in registry.entities if e.kind == "person" for n in (e.name, *e.aliases) for t in tokens(n)
                     if len(t) >= 3)


def clusters(claims, registry=None, language: str = "fr") -> list[str | None]:
    """Cluster id of each claim (same order as `claims`): every claim gets one, singletons included. Finds no
    discrepancies and reads no text: the quick way to group claims."""
    cs = claims if isinstance(claims, ClaimSet) else ClaimSet.of(claims)
    labels, _, _ = _labels(cs, words_for(language), registry)
    members: dict[int, list[int]] = defaultdict(list)
    for i, anchor in labels.items():
        members[anchor].append(i)
    ids = {anchor: cluster_id(cs.event[anchor], min(cs.claim_id[i] for i in rows)) for anchor, rows in members.items()}
    return [ids[labels[i]] if i in labels else None for i in range(len(cs))]


def _sorted(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the most certain, then by kind, event and score; ids break ties (deterministic)."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), -f.confidence, KINDS.index(f.kind),
                                           str(f.event), -f.score, f.discrepancy_id))


def clusters_table(cs: ClaimSet, members: dict[int, list[int]], ids: dict[int, str], independent: dict[str, str],
                   findings: list[Finding]) -> pa.Table:
    by_cluster: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.cluster_id:
            by_cluster[f.cluster_id].append(f)
    rows = defaultdict(list)
    for anchor in sorted(members):
        rows_ = members[anchor]
        cid = ids[anchor]
        is_fact = cs.claim_type[anchor] == "statement"
        articles = sorted({cs.article_id[i] for i in rows_})
        sources = sorted({cs.source[i] or f"unknown:{cs.article_id[i]}" for i in rows_})
        speakers = Counter(cs.speaker[i] for i in rows_ if cs.is_known_speaker(i))
        if not speakers:
            speakers = Counter(cs.speaker[i] for i in rows_ if cs.speaker[i])
        values = []
        for i in rows_:
            v = cs.fact_value[i]
            if is_fact and v is not None and str(v) not in values:
                values.append(str(v))
        severities = [f.severity for f in by_cluster.get(cid, [])]
        rows["cluster_id"].append(cid)
        rows["event"].append(cs.event[anchor])
        rows["kind"].append("fact" if is_fact else "utterance")
        rows["speaker"].append(None if is_fact or not speakers else speakers.most_common(1)[0][0])
        rows["fact_slot"].append(cs.fact_slot[anchor] if is_fact else None)
        rows["fact_values"].append(values)
        rows["wording"].append(_representative(cs, rows_, is_fact))
        rows["n_claims"].append(len(rows_))
        rows["n_articles"].append(len(articles))
        rows["n_sources"].append(len(sources))
        rows["n_independent"].append(len({independent.get(a, a) for a in articles}))
        rows["claim_ids"].append([cs.claim_id[i] for i in rows_])
        rows["article_ids"].append(articles)
        rows["sources"].append(sources)
        rows["n_findings"].append(len(severities))
        rows["severity"].append(min(severities, key=SEVERITIES.index) if severities else None)
    return schema.table(rows, schema.CLUSTERS, "clusters")


def _representative(cs: ClaimSet, rows: list[int], is_fact: bool) -> str:
    if is_fact:
        return next((cs.fact_text[i] for i in rows if cs.fact_text[i]), cs.wording[rows[0]])
    direct = [i for i in rows if cs.claim_type[i] == "direct"] or rows
    return cs.wording[max(direct, key=lambda i: (len(cs.wording[i]), -i))]


def discrepancies_table(findings: list[Finding]) -> pa.Table:
    rows = defaultdict(list)
    for f in findings:
        rows["discrepancy_id"].append(f.discrepancy_id)
        for name in ("event", "kind", "severity", "change", "cluster_id", "claim_ids", "article_ids", "sources",
                     "wordings", "values", "diff", "score", "explanation", "confidence", "evidence"):
            value = getattr(f, name)
            rows[name].append([("" if v is None else v) for v in value] if isinstance(value, list) else value)
    return schema.table(rows, schema.DISCREPANCIES, "discrepancies")


def reuse_table(passages: list, shares: dict) -> pa.Table:
    rows = defaultdict(list)
    for p in sorted(passages, key=lambda p: (str(p.event), p.article_a, p.article_b, p.start_a, p.start_b)):
        share = shares[(p.article_a, p.article_b)]
        rows["event"].append(p.event or "")
        rows["article_a"].append(p.article_a)
        rows["article_b"].append(p.article_b)
        rows["char_start_a"].append(p.start_a)
        rows["char_end_a"].append(p.end_a)
        rows["char_start_b"].append(p.start_b)
        rows["char_end_b"].append(p.end_b)
        rows["n_words"].append(p.n_words)
        rows["share_a"].append(round(share.share_a, 4))
        rows["share_b"].append(round(share.share_b, 4))
        rows["heavy"].append(max(share.share_a, share.share_b) >= reuse.HEAVY)
        rows["passage"].append(p.text)
    return schema.table(rows, schema.REUSE, "reuse")
