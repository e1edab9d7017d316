"""The main job, `toolkit.build()`: articles in; claims, clusters, discrepancies and reuse out, written atomically.

Named pipeline (not build) so that the function `toolkit.build` is never shadowed by a submodule of that name."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from toolkit import schema
from toolkit.extract import Claim, extract
from toolkit import cache as build_cache
from toolkit.cache import folder as cache_folder
from toolkit.errors import ExtractionFailed, NoLanguageData
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
    n_extracted: int = 0                    # articles extracted by this build (the others came from the cache)
    n_groups: int = 0                       # events aligned...
    n_groups_aligned: int = 0               # ...of which this build aligned (the others came from the cache)
    n_groups_resolved: int = 0              # ...and of which it resolved the speakers
    stage_seconds: dict[str, float] = field(default_factory=dict)   # read, extract, resolve, align, write: wall time

    def by_type(self) -> Counter:
        total = Counter()
        for (_, claim_type), n in self.counts.items():
            total[claim_type] += n
        return total

    @property
    def extra_lines(self) -> list[str]:
        if self.n_extracted == self.n_articles and self.n_groups_aligned == self.n_groups_resolved == self.n_groups:
            return []
        return [f"  incremental: extracted {self.n_extracted} of {self.n_articles} articles, resolved the speakers of "
                f"{self.n_groups_resolved} and aligned {self.n_groups_aligned} of {self.n_groups} events; the rest "
                f"came from the cache"]


ENGINES = ("local", "dask")
MIN_ARTICLES = 64           # fewer articles to extract than this run in this process (see _Workers.parallel)
CHUNK = 32                  # most articles per task sent to a worker
ALIGN_BATCHES_PER_WORKER = 4
BATCH_CLAIMS = 2_000        # most claims per batch of stories sent to a worker (more only for one larger story)
MIN_STORIES = 8             # fewer stories to resolve or align than this run in this process


def build(input_dir: str | Path | None = None, out: str | Path | None = None, *, registry: list[str | Path] = (),
          progress: bool | None = None, columns: dict[str, str] | None = None, skip_bad: bool = False,
          reviews: str | Path | None = None, jobs: int | None = None, engine: str = "local", client=None,
          cache: bool = True) -> BuildResult | list[BuildResult]:
    """Build the tables of one input into `out` (default: a folder's `tables/`, or `NAME-tables/` beside a file).

    The input is a folder of `.txt`/`.html` articles (and `.warc` archives), a web archive, or a table of
    articles whose columns `columns` names (`toolkit.ingest.inputs.read_input`). A file, row or record that cannot
    be read stops the build, unless `skip_bad`: it is then left out and listed in `skipped` and `build.json`.
    build.json records where the input, the registry files and the reviews file (`reviews`, default `reviews.csv`
    beside the articles) are, so that validate, review and report find them from the tables alone.

    `jobs`: worker processes (default: every core; 1 runs everything in this process; a build that finds a cache
    starts them only for enough new work, see _Workers.parallel). `engine="dask"` runs
    the work on a Dask cluster through `client` (a dask.distributed Client). `cache`: reuse the extraction
    and alignment results of earlier builds kept in `<out>.cache/` (see toolkit.cache). Every choice gives the
    same tables. With no input, rebuild every bundled dataset in place and return the list of results."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    if input_dir is None:
        if out is not None:
            raise ValueError("build(out=...) needs an input folder; with none, every bundled dataset is rebuilt in place")
        return [build(folder, registry=registry, progress=progress, jobs=jobs, engine=engine, client=client, cache=cache)
                for folder in bundled_datasets()]
    started = time.perf_counter()
    input_dir = Path(input_dir)
    out_dir = Path(out) if out else default_tables(input_dir, TABLES_DIR)
    cache_dir = cache_folder(out_dir) if cache else None
    stages = _Stopwatch()
    bars = Progress(progress, input_dir.name)
    entities = Registry.for_collection(collection_folder(input_dir), list(registry))
    # A first build starts the workers first: forked before the articles are read, they hold none of them (their
    # memory stays that of the chunk or story they work on, whatever the size of the collection). A build that
    # finds a cache starts them only if there is enough new work for them (most daily builds have not).
    first = cache_dir is None or not (cache_dir / "extract.parquet").exists()
    with _Workers(engine, jobs, client, entities, start=first) as workers:
        with bars.step("read"):
            ingested = read_input(input_dir, columns=columns, skip_bad=skip_bad)
            articles = ingested.articles
        with bars.step("stories"):
            found = find_stories(articles)          # sets the event of every article the manifest gives none
        stages.lap("read")
        keys = article_keys(articles, entities)
        skeys = story_keys(articles, keys, entities, {st.story_id for st in found if st.method == "content"})
        kept = _cached_stories(cache_dir, skeys)
        extracted, n_extracted, new_extraction = extract_stage(articles, entities, workers, cache_dir, bars, keys)
        if cache_dir is not None and new_extraction:
            _keep_in_cache(cache_dir, lambda: build_cache.write_extracted(cache_dir, extracted, set(keys.values())))
        stages.lap("extract")
        with bars.step("resolve"):
            resolved = resolve_stage(articles, extracted, keys, workers, skeys, kept)
            del extracted, kept
            claims = claims_table(articles, resolved.rows)
            tables = {"articles": articles_table(articles), "claims": claims,
                      "entities": schema.table(resolved.entity_columns, schema.ENTITIES, "entities")}
            hashes = {a.article_id: a.sha256 for a in articles}
            _let_texts_go(articles)         # the articles table holds them now: memory for alignment
            if cache_dir is not None and resolved.new:
                _keep_in_cache(cache_dir, lambda: build_cache.write_resolved(cache_dir, resolved.rows, resolved.entities,
                                                                             resolved.reused))
            n_resolved = resolved.n_done
            counts, unknown = claim_counts(claims)
            n_claims = claims.num_rows
            del claims, resolved            # the tables hold them now: memory for alignment
        stages.lap("resolve")
        with bars.step(f"align {n_claims:,} claims"):
            tables, summary, aligned = align_stage(tables, entities, articles, skeys, workers, cache_dir,
                                                   {st.story_id for st in found if st.method == "content"})
        stages.lap("align")
    tables["stories"] = stories_table(found)
    summary.n_stories = len(found)
    summary.n_stories_shared = sum(1 for s in found if len(s.article_ids) > 1)
    problems = {a.article_id: a.problems for a in articles if a.problems}
    info = {
        "schema_version": schema.SCHEMA_VERSION,
        "extractor_version": schema.EXTRACTOR_VERSION,
        "articles": hashes,
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
    if cache_dir is not None and aligned.results is not None:
        _keep_in_cache(cache_dir, lambda: build_cache.write_aligned(cache_dir, aligned.results))
    stages.lap("write")
    return BuildResult(input_dir, out_dir, len(articles), counts, unknown, time.perf_counter() - started,
                       problems, summary, skipped=[str(err) for err in ingested.skipped], n_extracted=n_extracted,
                       n_groups=aligned.n_groups, n_groups_aligned=aligned.n_done, n_groups_resolved=n_resolved,
                       stage_seconds=stages.seconds)


def _let_texts_go(articles: list[Article]) -> None:
    """Empty each article's text once the articles table holds it: alignment reads the texts from the table, and
    the Python copy (two bytes a character for most French text) would stay for the rest of the build."""
    for article in articles:
        article.text = ""


class _Stopwatch:
    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._last, 3)
        self._last = now


# --- extraction: one article at a time ----------------------------------------------------------------------

def extract_article(article: Article, registry: Registry, lexicons: dict) -> tuple[list[Claim], list[str]]:
    """The claims of one article and the problems extraction noted on it (also appended to article.problems).

    An error inside the rules stops the build with ExtractionFailed naming the article's file."""
    before = len(article.problems)
    lexicon = _lexicon(article, lexicons)
    if lexicon is None:
        return [], article.problems[before:]
    try:
        claims = extract(article, registry, lexicon)
    except Exception as err:                # a bug in a rule: name the article so it can be reproduced
        raise ExtractionFailed(article.path, f"extraction failed ({type(err).__name__}: {err})",
                               "the previous tables are untouched; report this article with the error") from err
    return claims, article.problems[before:]


def extract_chunk(articles: list[Article], registry: Registry, keys: list[str], lexicons: dict | None = None) -> pa.Table:
    """extract_article over consecutive articles (one task of a worker; language data loaded once per process):
    their claims and problems as rows (toolkit.cache.EXTRACTED) under their keys, so that no claim object leaves
    the task."""
    from toolkit import cache

    lexicons = {} if lexicons is None else lexicons
    return cache.extracted_rows([(key, *extract_article(a, registry, lexicons)) for a, key in zip(articles, keys)])


def article_keys(articles: list[Article], registry: Registry) -> dict[str, str]:
    """article id -> the key of its extraction result (toolkit.cache.article_key)."""
    from toolkit import cache

    version = cache.registry_hash(registry)
    return {a.article_id: cache.article_key(a, version) for a in articles}


def extract_stage(articles: list[Article], registry: Registry, workers, cache_dir: Path | None, bars: Progress,
                  keys: dict[str, str]) -> tuple[pa.Table, int, bool]:
    """Every article's extraction rows (toolkit.cache.EXTRACTED, in key order), from the cache when its key is
    there, else extracted (by the workers); each article gets the problems extraction noted. Returns the rows, the
    number of articles extracted, and whether the rows differ from what the cache holds."""
    from toolkit import cache

    found = cache.read_extracted(cache_dir, set(keys.values())) if cache_dir is not None else None
    held = cache.problems_of(found) if found is not None else {}     # every entry has its marker row
    todo = [a for a in articles if keys[a.article_id] not in held]
    bar = bars.counter(len(todo), "extract")
    parts = workers.extract(todo, [keys[a.article_id] for a in todo], registry, bar)
    if bar is not None:
        bar.close()
    pieces = ([found] if found is not None else []) + [p for p in parts if p.num_rows]
    rows = cache.sorted_by_key(pa.concat_tables(pieces)) if pieces else cache.EXTRACTED.empty_table()
    problems = cache.problems_of(rows)
    for article in articles:
        article.problems.extend(problems[keys[article.article_id]])
    return rows, len(todo), bool(todo) or len(held) != len(set(keys.values()))


def extract_claims(articles: list[Article], registry: Registry, reading=None):
    """Each article's claims (extract, article by article, in this process), then their speakers resolved against
    the entity model of each story (resolve): (article id -> claims, event -> the story's entities)."""
    lexicons: dict = {}
    by_article = {a.article_id: extract_article(a, registry, lexicons)[0]
                  for a in (reading if reading is not None else articles)}
    return by_article, resolve_collection(articles, by_article, lambda a: _language_data(a.language))


def resolve_batch(batch: list[tuple[str, list[Article], pa.Table]]) -> list[tuple[pa.Table, dict]]:
    """Resolve (event, its articles, their claims as rows) items, one story each (one task of a worker): for each,
    the claims with their speakers resolved and tied to the story's entities (speaker_entity_id), as rows
    (toolkit.cache.CLAIM_ROWS, article by article), and the story's rows of the entities table (as columns)."""
    from toolkit import cache

    out = []
    for _, arts, rows in batch:
        claims: dict[str, list[Claim]] = {a.article_id: [] for a in arts}
        for claim in cache.claims_from_rows(rows):
            claims[claim.article_id].append(claim)
        stories = resolve_collection(arts, claims, lambda a: _language_data(a.language))
        entities = _entities(arts, claims, stories)        # ties the claims to the entities (speaker_entity_id)
        out.append((cache.claim_rows([c for a in arts for c in claims.get(a.article_id, [])]), entities))
    return out


@dataclass
class _Resolved:
    rows: pa.Table                  # every story's resolved claims (toolkit.cache.RESOLVED, in story key order)
    entities: dict                  # story key -> its rows of the entities table (as columns)
    entity_columns: dict            # the columns of the entities table, story by story in event order
    n_done: int                     # stories resolved by this build (the others came from the cache)
    new: bool                       # anything the cache does not hold yet
    reused: object = None           # what was read from the cache (toolkit.cache.Entries)


def _cached_stories(cache_dir: Path | None, skeys: dict[str, str]):
    """Story key -> entity rows for the stories whose resolution the cache holds (their claims in `.rows`)."""
    from toolkit import cache

    return cache.read_resolved(cache_dir, set(skeys.values())) if cache_dir is not None else cache.Entries()


def resolve_stage(articles: list[Article], extracted: pa.Table, keys: dict[str, str], workers, skeys: dict[str, str],
                  kept) -> _Resolved:
    """Resolve the speakers of every story whose key `kept` (the cached resolutions) does not hold (by the
    workers, a story at a time, sent its articles and their rows of `extracted`) and list the entities of each
    story. The claims stay rows: no claim object is made in this process."""
    from toolkit import cache

    members: dict[str, list[Article]] = {}
    for a in articles:
        members.setdefault(a.event, []).append(a)
    slices = cache.key_slices(extracted)
    claim_columns = cache.CLAIM_ROWS.names

    def rows_of(arts: list[Article]) -> pa.Table:       # the claim rows of these articles (not the marker rows)
        picked = [i for a in arts for start, n in [slices[keys[a.article_id]]] for i in range(start + 1, start + n)]
        return extracted.select(claim_columns).take(pa.array(picked, pa.int64()))

    items = [(event, arts, rows_of(arts)) for event, arts in sorted(members.items()) if skeys[event] not in kept]
    fresh: dict[str, tuple[pa.Table, dict]] = {}
    for (event, _, _), result in zip(items, workers.resolve(items)):
        fresh[skeys[event]] = result
    empty = {name: [] for name in cache.ENTITY_COLUMNS}
    entities = {}
    columns: dict[str, list] = {name: [] for name in cache.ENTITY_COLUMNS}
    for event in sorted(members):
        key = skeys[event]
        entities[key] = kept[key] if key in kept else (fresh[key][1] or empty)
        for name in cache.ENTITY_COLUMNS:
            columns[name].extend(entities[key][name])
    pieces = [t for t in [kept.rows.get("resolve_claims.parquet")] if t is not None]
    for key, (rows, _) in sorted(fresh.items()):
        pieces.append(rows.add_column(0, "key", pa.array([key] * rows.num_rows, pa.string())))
    rows = cache.sorted_by_key(pa.concat_tables(pieces)) if pieces else cache.RESOLVED.empty_table()
    new = bool(items) or len(kept) != len(set(skeys.values()))
    return _Resolved(rows, entities, columns, len(items), new, kept)


def story_keys(articles: list[Article], keys: dict[str, str], registry: Registry, found_events=frozenset()) -> dict[str, str]:
    """event -> the key of its story's speaker resolution and alignment (toolkit.cache.group_key): its articles'
    extraction keys and outlets, the resolution and alignment code, the language data and the registry."""
    from toolkit import cache

    language = _collection_language(articles)
    members: dict[str, list[Article]] = {}
    for a in articles:
        members.setdefault(a.event, []).append(a)
    version = cache.registry_hash(registry)
    # a story grouped from the texts is aligned a little differently from a curated event (toolkit.align.align)
    return {event: cache.group_key(arts, keys, version, language + ("|found" if event in found_events else ""))
            for event, arts in members.items()}


def _collection_language(articles: list[Article]) -> str:
    languages = Counter(a.language for a in articles)
    return languages.most_common(1)[0][0] if languages else "fr"


def _language_data(language: str):
    """The language data resolution reads, or None for a language without data (extraction noted it)."""
    try:
        return load_lexicon(language)
    except NoLanguageData:
        return None             # a malformed data file (BadLexicon) stops the build: it would silently find nothing


def _entities(articles: list[Article], by_article: dict[str, list[Claim]], stories) -> dict[str, list]:
    from toolkit.resolve.catalog import catalog

    claims_by_event: dict[str, list[Claim]] = {}
    language = {}
    for article in articles:
        claims_by_event.setdefault(article.event, []).extend(by_article.get(article.article_id, []))
        language.setdefault(article.event, article.language)
    return catalog(stories, claims_by_event, lambda event: load_lexicon(language.get(event, "fr")))


TOP_FINDINGS = 5


# --- alignment: one event at a time -------------------------------------------------------------------------

@dataclass
class _Aligned:
    n_groups: int
    n_done: int
    results: dict | None            # group key -> tables, to keep in the cache (None: nothing new)


def alignment_groups(articles: list[Article]) -> dict[str, str]:
    """article_id -> the group its claims are aligned in: its event."""
    return {a.article_id: a.event for a in articles}


def align_batch(batch: list[tuple[str, pa.Table, pa.Table, bool]], registry: Registry, language: str) -> list[dict]:
    """align_event over (group, claims, articles, grouped from the texts?) items (one task of a worker)."""
    from toolkit.align.events import align_event

    return [align_event(claims, articles, registry, language, {group} if content else frozenset())
            for group, claims, articles, content in batch]


def align_stage(tables: dict[str, pa.Table], entities: Registry, articles: list[Article], skeys: dict[str, str],
                workers, cache_dir: Path | None, found_events=frozenset()):
    """Cluster the claims across outlets, event by event: fill claims.cluster_id and add the clusters,
    discrepancies and reuse tables (written in the same atomic swap as the claims). `skeys`: event -> story key
    (story_keys), under which each event's alignment is cached."""
    from toolkit import cache
    from toolkit.align.events import combine, split

    language = _collection_language(articles)
    group_of = alignment_groups(articles)
    groups = split(tables["claims"], tables["articles"], group_of)
    gkeys = {g: skeys[g] for g in groups}
    found = cache.read_aligned(cache_dir, set(gkeys.values())) if cache_dir is not None else {}
    todo = [(g, claims, arts, g in found_events) for g, (_, claims, arts) in groups.items() if gkeys[g] not in found]
    done = dict(zip((item[0] for item in todo), workers.align(todo, entities, language)))
    parts = []
    kept = {}
    for g, (rows, _, _) in groups.items():
        part = found[gkeys[g]] if gkeys[g] not in done and gkeys[g] in found else done[g]
        kept[gkeys[g]] = part
        parts.append((rows, part))
    result = combine(parts, tables["claims"].num_rows)
    claims = tables["claims"]
    index = claims.schema.get_field_index("cluster_id")
    claims = claims.set_column(index, schema.CLAIMS.field("cluster_id"), result.cluster_ids)
    tables = {**tables, "claims": schema.with_metadata(claims, "claims"), "clusters": result.clusters,
              "discrepancies": result.discrepancies, "reuse": result.reuse}
    shared = sum(1 for n in result.clusters.column("n_articles").to_pylist() if n >= 2)
    heavy = {(a, b) for a, b, h in zip(result.reuse.column("article_a").to_pylist(), result.reuse.column("article_b").to_pylist(),
                                       result.reuse.column("heavy").to_pylist()) if h}
    summary = AlignmentSummary(result.n_clusters, shared, result.counts(), result.findings[:TOP_FINDINGS], len(heavy))
    new = bool(todo) or len(found) != len(set(gkeys.values()))
    return tables, summary, _Aligned(len(groups), len(todo), kept if new else None)


def _keep_in_cache(cache_dir: Path, write: Callable[[], None]) -> None:
    """Keep a stage's results for the next build (`write` does it). A cache that cannot be written costs the next
    build time, never its correctness, so a failure here is only reported."""
    try:
        write()
    except OSError as err:
        _cache_warning(cache_dir, err)


def _cache_warning(cache_dir: Path, err: OSError) -> None:
    print(f"warning: the build cache {cache_dir} could not be written ({err}); the tables are complete",
          file=sys.stderr)


class _Workers:
    """Runs extract_chunk and align_batch in this process, in a local process pool, or on a Dask cluster."""

    def __init__(self, engine: str, jobs: int | None, client, registry: Registry, start: bool = True):
        from toolkit.engine import all_cores

        self.engine, self.client, self.registry = engine, client, registry
        self.auto = jobs is None
        self.start = start
        self.jobs = all_cores() if jobs is None else jobs
        self._pool = None
        self._own_client = False

    def __enter__(self) -> "_Workers":
        if self.engine == "dask" and self.client is None:      # no cluster given: one on this machine
            from toolkit.engine.dask import connect

            self.client, self._own_client = connect(), True
        elif self.engine == "local" and self.jobs > 1 and self.start:
            self._local_pool()
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.__exit__(*exc)
        if self._own_client:
            cluster = self.client.cluster
            self.client.close()
            cluster.close()

    def parallel(self, n: int, least: int) -> bool:
        """Whether n items of work go to the local worker processes: never with one job or fewer than two items;
        below `least` (too little to pay for starting workers and sending them the work) only when `--jobs` was
        given and the workers already run (a first build starts them before reading)."""
        if self.jobs == 1 or n < 2:
            return False
        return n >= least or (not self.auto and self._pool is not None)

    def _local_pool(self):
        if self._pool is None:
            from toolkit.engine.local import Pool

            # pyarrow imports pandas at the first array it builds (0.3-0.4 CPU s); this process builds the tables
            # anyway, so it imports it now and the forked workers inherit it instead of each importing it again
            import pandas  # noqa: F401

            self._pool = Pool(self.jobs, self.registry)
            self._pool.start()
        return self._pool

    def extract(self, articles: list[Article], keys: list[str], registry: Registry, bar) -> list[pa.Table]:
        """extract_chunk over chunks of the articles: their rows (toolkit.cache.EXTRACTED), chunk by chunk. The
        articles' own problems are left as they were (the rows hold what extraction noted)."""
        from toolkit.engine import chunks

        tick = (lambda n: bar.update(n)) if bar is not None else None
        if self.engine == "dask":
            from toolkit.engine.dask import extract as dask_extract

            results = dask_extract(self.client, articles, keys, registry)
            if tick:
                tick(len(articles))
            return results
        if not self.parallel(len(articles), MIN_ARTICLES):
            lexicons: dict = {}
            out = []
            for start in range(0, len(articles), CHUNK):      # a chunk's claim objects at a time, then rows
                chunk = articles[start:start + CHUNK]
                before = [len(a.problems) for a in chunk]
                out.append(extract_chunk(chunk, registry, keys[start:start + CHUNK], lexicons))
                for article, n in zip(chunk, before):
                    del article.problems[n:]
                if tick:
                    tick(len(chunk))
            return out
        parts = chunks(list(zip(articles, keys)), self.jobs * 8, CHUNK)
        return self._local_pool().extract([[a for a, _ in p] for p in parts], [[k for _, k in p] for p in parts], tick)

    def resolve(self, items: list) -> list[tuple[dict, dict]]:
        if self.engine == "dask":
            from toolkit.engine.dask import resolve as dask_resolve

            return dask_resolve(self.client, items)
        if not self.parallel(len(items), MIN_STORIES):
            return resolve_batch(items)
        batches = _batches(items, self.jobs * ALIGN_BATCHES_PER_WORKER, _n_claims)
        return [r for part in self._local_pool().resolve(batches) for r in part]

    def align(self, todo: list, registry: Registry, language: str) -> list[dict]:
        if self.engine == "dask":
            from toolkit.engine.dask import align as dask_align

            return dask_align(self.client, todo, registry, language)
        if not self.parallel(len(todo), MIN_STORIES):
            return align_batch(todo, registry, language)
        batches = _batches(todo, self.jobs * ALIGN_BATCHES_PER_WORKER)
        return [r for part in self._local_pool().align(batches, language) for r in part]


def _rows(item) -> int:
    return item[1].num_rows


def _n_claims(item) -> int:
    return item[2].num_rows + 1


def _batches(todo: list, n: int, size_of=_rows) -> list[list]:
    """Consecutive batches of events of about equal numbers of claims (an event is never split): about `n`, but a
    batch closes at the event that takes it to BATCH_CLAIMS claims, so that what a worker holds at a time is bounded
    by the largest story, not by the collection."""
    total = sum(size_of(item) for item in todo) or 1
    target = max(1, min(BATCH_CLAIMS, total // max(1, n)))
    batches, current, size = [], [], 0
    for item in todo:
        current.append(item)
        size += size_of(item)
        if size >= target:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _lexicon(article: Article, cache: dict):
    """The article's language data; an article in a language without data is kept, noted, and not extracted."""
    if article.language not in cache:
        try:
            cache[article.language] = load_lexicon(article.language)
        except NoLanguageData:
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


def claims_table(articles: list[Article], rows: pa.Table) -> pa.Table:
    """The claims table from claim rows (toolkit.cache.CLAIM_ROWS, any further column ignored), in a deterministic
    order: article, then offsets, then type (then the fact's place and slot); rows that tie keep their order."""
    import pyarrow.compute as pc

    order = pc.sort_indices(pa.table({
        "article_id": rows.column("article_id"), "char_start": rows.column("char_start"),
        "char_end": rows.column("char_end"), "claim_type": rows.column("claim_type"),
        "fact_start": pc.fill_null(rows.column("fact_start"), 0), "fact_slot": pc.fill_null(rows.column("fact_slot"), "")}),
        sort_keys=[(name, "ascending") for name in ("article_id", "char_start", "char_end", "claim_type", "fact_start",
                                                    "fact_slot")])
    rows = rows.take(order)
    by_article = pa.table({"source": pa.array([a.source for a in articles], pa.string()),
                           "published": pa.array([a.published for a in articles], schema.CLAIMS.field("published").type),
                           "event": pa.array([a.event for a in articles], pa.string())})
    where = pc.index_in(rows.column("article_id"), value_set=pa.array([a.article_id for a in articles], pa.string()))
    of_article = by_article.take(where)
    arrays = []
    for f in schema.CLAIMS:
        if f.name in ("source", "published", "event"):
            column = of_article.column(f.name)
        elif f.name == "cluster_id":
            column = pa.nulls(rows.num_rows, pa.string())
        elif f.name == "extractor_version":
            column = pa.array([schema.EXTRACTOR_VERSION] * rows.num_rows, pa.string())
        else:
            column = rows.column(f.name)
        arrays.append(column.cast(f.type))
    return schema.with_metadata(pa.Table.from_arrays(arrays, schema=schema.CLAIMS), "claims")


def claim_counts(claims: pa.Table) -> tuple[Counter, Counter]:
    """(article_id, claim_type) -> n, and speaker -> n for the speakers resolved to a name or description that no
    registry entry holds (what to add to the registry)."""
    import pyarrow.compute as pc

    plain = pa.table({name: claims.column(name).cast(pa.string())
                      for name in ("article_id", "claim_type", "speaker", "speaker_id")})
    grouped = plain.group_by(["article_id", "claim_type"]).aggregate([([], "count_all")])
    counts = Counter({(a, t): n for a, t, n in zip(grouped.column("article_id").to_pylist(),
                                                   grouped.column("claim_type").to_pylist(),
                                                   grouped.column("count_all").to_pylist())})
    speaker, speaker_id = plain.column("speaker"), plain.column("speaker_id")
    named = pc.and_(pc.is_valid(speaker), pc.and_(pc.not_equal(speaker, ""), pc.not_equal(speaker, UNKNOWN)))
    unknown_rows = plain.filter(pc.and_(named, pc.fill_null(pc.equal(speaker_id, ""), True)))
    found = pc.value_counts(unknown_rows.column("speaker")) if unknown_rows.num_rows else None
    unknown = Counter() if found is None else Counter(dict(zip(found.field("values").to_pylist(),
                                                                found.field("counts").to_pylist())))
    return counts, unknown
