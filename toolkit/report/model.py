"""What the HTML report shows, gathered from the tables: stories, their coverage, the clusters with findings and their
renderings, every finding with its review status. Plain data only; `toolkit.report.html` renders it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa

from toolkit.report.diff import marks, marks_against_all
from toolkit.inputs import require_tables
from toolkit.tables import read_table

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
CONTEXT = 160            # characters of the sentence shown on each side of a wording, at most


@dataclass
class Limits:
    """Caps that keep the page a sane size on big tables (what is left out is counted on the page)."""

    findings: int = 1000             # findings listed (most severe first); the rest are counted
    clusters_per_story: int = 60     # clusters with findings shown side by side per story
    coverage_rows: int = 40          # clusters in a story's coverage table (most outlets first)
    stories: int = 200               # stories shown (most findings first)
    witnesses_per_cluster: int = 12  # renderings side by side in one cluster's view
    witnesses_per_finding: int = 8   # renderings side by side in one finding's view


@dataclass
class Witness:
    """One rendering: a claim (or a spelling in an article) with its outlet, speaker, relay and context."""

    outlet: str
    article_id: str
    wording: str
    pieces: list                      # [(text, differs)] of the wording
    value: str = ""
    speaker: str | None = None
    via: str | None = None
    claim_type: str | None = None
    claim_id: str | None = None
    start: int | None = None
    end: int | None = None
    before: str = ""                  # the sentence around the wording
    after: str = ""
    url: str | None = None            # the article's address, with a text fragment pointing at the sentence
    title: str | None = None


@dataclass
class Finding:
    id: str
    story: str
    kind: str
    severity: str
    change: str
    explanation: str
    diff: str
    score: float | None
    confidence: float | None
    cluster_id: str | None
    outlets: list[str]
    status: str                       # open, or the verdict
    note: str = ""
    reviewer: str = ""
    witnesses: list[Witness] = field(default_factory=list)
    witnesses_left: int = 0
    row: dict = field(default_factory=dict, repr=False)      # the discrepancies row


@dataclass
class Cluster:
    id: str
    kind: str
    speaker: str | None
    wording: str
    outlets: list[str]
    severity: str | None
    witnesses: list[Witness] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)   # finding ids
    witnesses_left: int = 0


@dataclass
class Story:
    id: str
    title: str
    outlets: list[str]
    n_articles: int
    n_claims: int
    n_clusters: int
    n_findings: int
    coverage: list[dict] = field(default_factory=list)   # {"cluster": Cluster-ish dict, "cells": [types or None]}
    coverage_left: int = 0
    clusters: list[Cluster] = field(default_factory=list)
    clusters_left: int = 0


@dataclass
class Model:
    title: str
    tables: str
    reviews_file: str
    stories: list[Story]
    findings: list[Finding]
    findings_left: int
    kinds: list[str]
    severities: list[str]
    outlets: list[str]
    statuses: list[str]
    has_confidence: bool
    stale: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def outlet_name(source: str | None, article_id: str | None = None) -> str:
    """The outlet as a reader knows it; an article without one is named by its id."""
    if not source:
        return f"({article_id})" if article_id else "(unknown)"
    return f"({source[len('unknown:'):]})" if source.startswith("unknown:") else source


def gather(path: str | Path, reviews: str | Path | None = None, limits: Limits | None = None) -> Model:
    from toolkit.validate.review import read_reviews, review_path, split  # noqa: F401  (split: same rule as review)

    limits = limits or Limits()
    folder = require_tables(path)
    articles = _rows(read_table(folder, "articles", columns=["article_id", "source", "url", "title", "event", "text"]))
    claims = _rows(read_table(folder, "claims", columns=[
        "claim_id", "article_id", "source", "event", "claim_type", "speaker", "via", "wording", "char_start",
        "char_end", "sentence_start", "sentence_end", "cluster_id"]))
    clusters = _rows(read_table(folder, "clusters"))
    discrepancies = _rows(read_table(folder, "discrepancies"))
    has_confidence = bool(discrepancies) and "confidence" in discrepancies[0]
    verdicts = read_reviews(path, reviews)
    found = {d["discrepancy_id"] for d in discrepancies}
    stale = [r for r in verdicts.values() if r.discrepancy_id not in found]

    by_article = {a["article_id"]: a for a in articles}
    by_claim = {c["claim_id"]: c for c in claims}
    story_of, labels = _stories(folder, articles)

    findings = []
    for d in sorted(discrepancies, key=lambda d: (SEVERITY_ORDER.get(d["severity"], 9), d["kind"] or "", d["event"] or "",
                                                  -(d.get("score") or 0), d["discrepancy_id"])):
        review = verdicts.get(d["discrepancy_id"])
        article_ids = list(d["article_ids"] or [])
        story = story_of.get(article_ids[0], d["event"] or "") if article_ids else d["event"] or ""
        story = labels.get(story, story)
        findings.append(Finding(
            d["discrepancy_id"], story, d["kind"], d["severity"], d["change"] or "", d["explanation"] or "",
            d["diff"] or "", d.get("score"), d.get("confidence"), d["cluster_id"],
            sorted({outlet_name(s, a) for s, a in zip(d["sources"] or [], article_ids)}),
            review.verdict if review else "open", review.note if review else "", review.reviewer if review else ""))
        findings[-1].row = d
    listed, left = _cap(findings, limits.findings), max(0, len(findings) - limits.findings)
    for f in listed:                     # the side-by-side views only for the findings on the page
        f.witnesses = _finding_witnesses(f.row, by_claim, by_article, limits.witnesses_per_finding)
        f.witnesses_left = max(0, len(f.row["wordings"] or []) - limits.witnesses_per_finding)

    findings_by_cluster = defaultdict(list)
    for f in findings:
        if f.cluster_id:
            findings_by_cluster[f.cluster_id].append(f.id)
    stories = _story_views(articles, claims, clusters, findings, findings_by_cluster, story_of, labels, by_claim,
                           by_article, limits)
    label = Path(folder).resolve()
    return Model(
        title=f"Claims report — {', '.join(s.title for s in stories[:3])}{'…' if len(stories) > 3 else ''}",
        tables=str(label), reviews_file=str(review_path(path, reviews)), stories=stories, findings=listed,
        findings_left=left,
        kinds=sorted({f.kind for f in findings}),
        severities=sorted({f.severity for f in findings}, key=lambda s: SEVERITY_ORDER.get(s, 9)),
        outlets=sorted({o for f in findings for o in f.outlets}),
        statuses=["open"] + sorted({f.status for f in findings} - {"open"}),
        has_confidence=has_confidence, stale=stale,
        counts={"articles": len(articles), "claims": len(claims), "clusters": len(clusters), "findings": len(findings),
                "open": sum(f.status == "open" for f in findings),
                "by_severity": Counter(f.severity for f in findings)})


def _cap(findings: list[Finding], most: int) -> list[Finding]:
    """At most `most` findings, most severe first, but every kind and severity represented: each (severity, kind)
    group gets an equal share first, the places left go by order."""
    if len(findings) <= most:
        return findings
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        groups[(f.severity, f.kind)].append(i)
    share = most // len(groups)
    chosen = {i for rows in groups.values() for i in rows[:share]}
    for i in range(len(findings)):
        if len(chosen) >= most:
            break
        chosen.add(i)
    return [findings[i] for i in sorted(chosen)]


def _rows(table: pa.Table) -> list[dict]:
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(columns, names=table.column_names).to_pylist()


def _stories(folder: Path, articles: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """(article_id → story, story → its label): from stories.parquet when the build wrote one (story_id, label,
    article_ids), else the article's event, labelled by itself."""
    story = {a["article_id"]: a["event"] or "" for a in articles}
    labels: dict[str, str] = {}
    file = folder / "stories.parquet"
    if not file.exists():
        return story, labels
    import pyarrow.parquet as pq

    table = pq.read_table(file)
    names = table.column_names
    key = next((n for n in ("story_id", "story", "event") if n in names), None)
    title = next((n for n in ("title", "label", "name", "headline") if n in names), key)
    members = next((n for n in ("article_ids", "articles") if n in names), None)
    if key is None or members is None:
        return story, labels
    for row in table.select([c for c in dict.fromkeys([key, title, members])]).to_pylist():
        labels[str(row[key])] = str(row[title] or row[key])
        for article_id in row[members] or []:
            if article_id in story:
                story[article_id] = str(row[key])
    return story, labels


def _context(article: dict | None, claim: dict) -> tuple[str, str, str | None]:
    """The sentence around the wording (clipped), and the article's address pointing at it."""
    if not article or article.get("text") is None:
        return "", "", None
    text = article["text"]
    s, e = claim["sentence_start"], claim["sentence_end"]
    a, b = claim["char_start"], claim["char_end"]
    if s is None or e is None or not (0 <= s <= a <= b <= e <= len(text)):
        s, e = a, b
    before, after = text[max(s, a - CONTEXT):a], text[b:min(e, b + CONTEXT)]
    if a - CONTEXT > s:
        before = "…" + before
    if b + CONTEXT < e:
        after += "…"
    url = article.get("url")
    if url and url.startswith(("http://", "https://")):
        words = text[a:b].split()
        if words:
            fragment = quote(" ".join(words[:6]), safe="")
            url = f"{url.split('#')[0]}#:~:text={fragment}"
    else:
        url = None
    return before, after, url


def _witness(claim: dict, by_article: dict, pieces=None, value: str = "") -> Witness:
    article = by_article.get(claim["article_id"])
    before, after, url = _context(article, claim)
    return Witness(outlet_name(claim["source"], claim["article_id"]), claim["article_id"], claim["wording"] or "",
                   pieces if pieces is not None else [(claim["wording"] or "", False)], value, claim["speaker"],
                   claim["via"], claim["claim_type"], claim["claim_id"], claim["char_start"], claim["char_end"],
                   before, after, url, article.get("title") if article else None)


def _finding_witnesses(d: dict, by_claim: dict, by_article: dict, most: int) -> list[Witness]:
    """The finding's first `most` witnesses, each wording marked where it differs from the others shown."""
    wordings = [w or "" for w in d["wordings"] or []][:most]
    values = [v or "" for v in d["values"] or []]
    claim_ids = list(d["claim_ids"] or [])
    article_ids = list(d["article_ids"] or [])
    sources = list(d["sources"] or [])
    out = []
    for i, wording in enumerate(wordings):
        others = [w for j, w in enumerate(wordings) if j != i]
        pieces = marks_against_all(wording, others) if d["kind"] in ("wording_variant", "truncation") else [(wording, False)]
        value = values[i] if i < len(values) else ""
        claim = by_claim.get(claim_ids[i]) if i < len(claim_ids) else None
        if claim is not None:
            out.append(_witness(claim, by_article, pieces, value))
        else:
            article_id = article_ids[i] if i < len(article_ids) else ""
            article = by_article.get(article_id)
            out.append(Witness(outlet_name(sources[i] if i < len(sources) else None, article_id), article_id, wording,
                               pieces, value, title=article.get("title") if article else None))
    return out


def _story_views(articles, claims, clusters, findings, findings_by_cluster, story_of, labels, by_claim, by_article,
                 limits: Limits) -> list[Story]:
    outlets_of_story = defaultdict(set)
    articles_of_story = Counter()
    for a in articles:
        outlets_of_story[story_of[a["article_id"]]].add(outlet_name(a["source"], a["article_id"]))
        articles_of_story[story_of[a["article_id"]]] += 1
    claims_of_story = Counter(story_of.get(c["article_id"], "") for c in claims)
    findings_of_story = Counter(story_of.get((f.row["article_ids"] or [""])[0], "") for f in findings)
    clusters_of_story = defaultdict(list)
    for cl in clusters:
        ids = cl["article_ids"] or []
        clusters_of_story[story_of.get(ids[0], cl["event"] or "") if ids else cl["event"] or ""].append(cl)

    stories = []
    order = sorted(articles_of_story, key=lambda s: (-findings_of_story[s], -articles_of_story[s], s))
    for name in order[:limits.stories]:
        outlets = sorted(outlets_of_story[name])
        story = Story(name, labels.get(name, name), outlets, articles_of_story[name], claims_of_story[name], len(clusters_of_story[name]),
                      findings_of_story[name])
        shared = [cl for cl in clusters_of_story[name] if (cl["n_sources"] or 0) >= 2 or findings_by_cluster.get(cl["cluster_id"])]
        shared.sort(key=lambda cl: (-(cl["n_sources"] or 0), -len(findings_by_cluster.get(cl["cluster_id"], [])),
                                    cl["cluster_id"]))
        for cl in shared[:limits.coverage_rows]:
            cells = []
            types = defaultdict(list)
            for claim_id in cl["claim_ids"] or []:
                claim = by_claim.get(claim_id)
                if claim:
                    types[outlet_name(claim["source"], claim["article_id"])].append(claim["claim_type"])
            for outlet in outlets:
                cells.append(", ".join(sorted(set(types[outlet]))) if outlet in types else None)
            story.coverage.append({"id": cl["cluster_id"], "kind": cl["kind"], "speaker": cl["speaker"],
                                   "wording": _clip(cl["wording"] or "", 90), "cells": cells,
                                   "severity": cl["severity"], "n_findings": len(findings_by_cluster.get(cl["cluster_id"], []))})
        story.coverage_left = max(0, len(shared) - limits.coverage_rows)
        with_findings = [cl for cl in clusters_of_story[name] if findings_by_cluster.get(cl["cluster_id"])]
        with_findings.sort(key=lambda cl: (SEVERITY_ORDER.get(cl["severity"], 9), -(cl["n_sources"] or 0), cl["cluster_id"]))
        for cl in with_findings[:limits.clusters_per_story]:
            members = [by_claim[c] for c in cl["claim_ids"] or [] if c in by_claim]
            members.sort(key=lambda c: (outlet_name(c["source"], c["article_id"]), c["char_start"] or 0))
            reference = cl["wording"] or ""
            view = Cluster(cl["cluster_id"], cl["kind"], cl["speaker"], reference,
                           sorted({outlet_name(c["source"], c["article_id"]) for c in members}), cl["severity"],
                           findings=findings_by_cluster[cl["cluster_id"]])
            for c in members[:limits.witnesses_per_cluster]:
                pieces = marks(c["wording"] or "", reference) if cl["kind"] == "utterance" else None
                view.witnesses.append(_witness(c, by_article, pieces))
            view.witnesses_left = max(0, len(members) - limits.witnesses_per_cluster)
            story.clusters.append(view)
        story.clusters_left = max(0, len(with_findings) - limits.clusters_per_story)
        stories.append(story)
    return stories


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
