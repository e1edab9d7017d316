"""The main job, `toolkit.build()`: articles in; claims, clusters, discrepancies and reuse out, written atomically.

Named pipeline (not build) so that the function `toolkit.build` is never shadowed by a submodule of that name."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from toolkit import schema
from toolkit.extract import Claim, extract
from toolkit.errors import BadLexicon
from toolkit.extract.lexicon import load as load_lexicon
from toolkit.extract.mentions import UNKNOWN
from toolkit.ingest import Article
from toolkit.ingest.inputs import collection_folder, default_tables, read_input
from toolkit.inputs import record as record_inputs
from toolkit.registry import Registry
from toolkit.report.progress import Progress
from toolkit.resolve.speakers import resolve_collection
from toolkit.stories import find_stories, stories_table
from toolkit.tables import TABLES_DIR, bundled_datasets, write_tables


@dataclass
class AlignmentSummary:
    n_clusters: int                         # every cluster, singletons included
    n_shared: int                           # clusters carried by at least two articles
    findings: Counter                       # (kind, severity) -> n
    top: list = field(default_factory=list)  # the most severe findings (toolkit.align.Finding), best first
    n_reuse_pairs: int = 0                  # article pairs that copy each other heavily
    n_stories: int = 0                      # stories (events), singletons included
    n_stories_shared: int = 0               # stories of two articles or more


@dataclass
class BuildResult:
    input_dir: Path
    out_dir: Path
    n_articles: int
    counts: Counter                         # (article_id, claim_type) -> n
    unknown_speakers: Counter               # speaker name not in the registry -> n (registry candidates)
    seconds: float
    problems: dict[str, list[str]] = field(default_factory=dict)
    alignment: AlignmentSummary | None = None
    skipped: list[str] = field(default_factory=list)   # files, rows or records left out (skip_bad=True), why

    def by_type(self) -> Counter:
        total = Counter()
        for (_, claim_type), n in self.counts.items():
            total[claim_type] += n
        return total


def build(input_dir: str | Path | None = None, out: str | Path | None = None, *, registry: list[str | Path] = (),
          progress: bool | None = None, columns: dict[str, str] | None = None,
          skip_bad: bool = False, reviews: str | Path | None = None) -> BuildResult | list[BuildResult]:
    """Build the tables of one input into `out` (default: a folder's `tables/`, or `NAME-tables/` beside a file).

    The input is a folder of `.txt`/`.html` articles (and `.warc` archives), a web archive, or a table of
    articles whose columns `columns` names (`toolkit.ingest.inputs.read_input`). A file, row or record that cannot
    be read stops the build, unless `skip_bad`: it is then left out and listed in `skipped` and `build.json`.
    build.json records where the input, the registry files and the reviews file (`reviews`, default `reviews.csv`
    beside the articles) are, so that validate, review and report find them from the tables alone.
    With no input, rebuild every bundled dataset in place and return the list of results."""
    if input_dir is None:
        if out is not None:
            raise ValueError("build(out=...) needs an input folder; with none, every bundled dataset is rebuilt in place")
        return [build(folder, registry=registry, progress=progress) for folder in bundled_datasets()]
    started = time.perf_counter()
    input_dir = Path(input_dir)
    out_dir = Path(out) if out else default_tables(input_dir, TABLES_DIR)
    bars = Progress(progress, input_dir.name)
    with bars.step("read"):
        ingested = read_input(input_dir, columns=columns, skip_bad=skip_bad)
        articles = ingested.articles
        entities = Registry.for_collection(collection_folder(input_dir), list(registry))
    with bars.step("stories"):
        found = find_stories(articles)          # sets the event of every article the manifest gives none
    by_article, stories = extract_claims(articles, entities, bars.each(articles, "extract"), bars.step)
    claims = [c for article in articles for c in by_article.get(article.article_id, [])]
    entity_columns = _entities(articles, by_article, stories)
    tables = {"articles": articles_table(articles), "claims": claims_table(articles, claims),
              "entities": schema.table(entity_columns, schema.ENTITIES, "entities")}
    with bars.step(f"align {len(claims):,} claims"):
        tables, summary = _align(tables, entities, articles, {st.story_id for st in found if st.method == "content"})
    tables["stories"] = stories_table(found)
    summary.n_stories = len(found)
    summary.n_stories_shared = sum(1 for s in found if len(s.article_ids) > 1)
    counts = Counter((c.article_id, c.claim_type) for c in claims)
    # Speakers resolved to a name or description that no registry entry holds: what to add to the registry.
    unknown = Counter(c.speaker for c in claims if c.speaker and c.speaker != UNKNOWN and not c.speaker_id)
    problems = {a.article_id: a.problems for a in articles if a.problems}
    info = {
        "schema_version": schema.SCHEMA_VERSION,
        "extractor_version": schema.EXTRACTOR_VERSION,
        "articles": {a.article_id: a.sha256 for a in articles},
        "rows": {name: t.num_rows for name, t in tables.items()},
        "inputs": record_inputs(input_dir, out_dir, list(registry), reviews, collection_folder(input_dir)),
        # The detail the printed summary leaves out: every article's problems, every registry candidate.
        "problems": problems,
        "unknown_speakers": dict(sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    if ingested.skipped:
        info["skipped"] = [str(err) for err in ingested.skipped]
    with bars.step("write"):
        write_tables(out_dir, tables, info)
    return BuildResult(input_dir, out_dir, len(articles), counts, unknown, time.perf_counter() - started,
                       problems, summary, skipped=[str(err) for err in ingested.skipped])


def extract_claims(articles: list[Article], registry: Registry, reading=None, step=None):
    """Each article's claims (extract, article by article), then their speakers resolved against the entity model
    of each story (resolve): (article id -> claims, event -> the story's entities). `reading` iterates the
    articles (a progress bar); `step(name)` is a context manager around the resolve step (Progress.step)."""
    lexicons = {}
    by_article: dict[str, list[Claim]] = {}
    for article in reading if reading is not None else articles:
        lexicon = _lexicon(article, lexicons)
        if lexicon is not None:
            by_article[article.article_id] = extract(article, registry, lexicon)
    with (step or _no_step)("resolve"):
        stories = resolve_collection(articles, by_article, lambda a: lexicons.get(a.language))
    return by_article, stories


def _no_step(name: str):
    return contextlib.nullcontext()


def _entities(articles: list[Article], by_article: dict[str, list[Claim]], stories) -> dict[str, list]:
    from toolkit.resolve.catalog import catalog

    claims_by_event: dict[str, list[Claim]] = {}
    language = {}
    for article in articles:
        claims_by_event.setdefault(article.event, []).extend(by_article.get(article.article_id, []))
        language.setdefault(article.event, article.language)
    return catalog(stories, claims_by_event, lambda event: load_lexicon(language.get(event, "fr")))


TOP_FINDINGS = 5


def _align(tables: dict[str, pa.Table], entities: Registry, articles: list[Article], found_events=frozenset()):
    """Cluster the claims across outlets: fill claims.cluster_id and add the clusters, discrepancies and reuse
    tables (written in the same atomic swap as the claims)."""
    from toolkit.align import align

    languages = Counter(a.language for a in articles)
    result = align(tables["claims"], tables["articles"], entities, languages.most_common(1)[0][0] if languages else "fr",
                   found_events)
    claims = tables["claims"]
    index = claims.schema.get_field_index("cluster_id")
    claims = claims.set_column(index, schema.CLAIMS.field("cluster_id"), pa.array(result.cluster_ids, pa.string()))
    tables = {**tables, "claims": schema.with_metadata(claims, "claims"), "clusters": result.clusters,
              "discrepancies": result.discrepancies, "reuse": result.reuse}
    shared = sum(1 for n in result.clusters.column("n_articles").to_pylist() if n >= 2)
    heavy = {(a, b) for a, b, h in zip(result.reuse.column("article_a").to_pylist(), result.reuse.column("article_b").to_pylist(),
                                       result.reuse.column("heavy").to_pylist()) if h}
    return tables, AlignmentSummary(result.n_clusters, shared, result.counts(), result.findings[:TOP_FINDINGS], len(heavy))


def _lexicon(article: Article, cache: dict):
    """The article's language data; an article in a language without data is kept, noted, and not extracted."""
    if article.language not in cache:
        try:
            cache[article.language] = load_lexicon(article.language)
        except BadLexicon:
            cache[article.language] = None
    if cache[article.language] is None:
        article.problems.append(f"no language data for '{article.language}': the article is kept but no claim is "
                                f"extracted (add toolkit/data/{article.language}/ to support it)")
    return cache[article.language]


def articles_table(articles: list[Article]) -> pa.Table:
    columns = {
        "article_id": [a.article_id for a in articles],
        "source": [a.source for a in articles],
        "url": [a.url for a in articles],
        "published": [a.published for a in articles],
        "language": [a.language for a in articles],
        "title": [a.title for a in articles],
        "event": [a.event for a in articles],
        "text": [a.text for a in articles],
        "sha256": [a.sha256 for a in articles],
        "n_chars": [len(a.text) for a in articles],
        "problems": [list(a.problems) for a in articles],
    }
    return schema.table(columns, schema.ARTICLES, "articles")


_CLAIM_FIELDS = [f.name for f in schema.CLAIMS if f.name not in ("claim_id", "source", "published", "event", "cluster_id", "extractor_version")]


def claims_table(articles: list[Article], claims: list[Claim], cluster_ids: list[str | None] | None = None) -> pa.Table:
    """Rows in a deterministic order: article, then offsets, then type."""
    by_id = {a.article_id: a for a in articles}
    claims = sorted(claims, key=lambda c: (c.article_id, c.char_start, c.char_end, c.claim_type, c.fact_start or 0, c.fact_slot or ""))
    columns = {"claim_id": [c.claim_id for c in claims]}
    for name in _CLAIM_FIELDS:
        columns[name] = [getattr(c, name) for c in claims]
    columns["source"] = [by_id[c.article_id].source for c in claims]
    columns["published"] = [by_id[c.article_id].published for c in claims]
    columns["event"] = [by_id[c.article_id].event for c in claims]
    columns["cluster_id"] = cluster_ids or [None] * len(claims)
    columns["extractor_version"] = [schema.EXTRACTOR_VERSION] * len(claims)
    return schema.table(columns, schema.CLAIMS, "claims")
