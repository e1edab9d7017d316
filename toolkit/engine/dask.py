"""A Dask distributed cluster: chunks of articles and batches of events become tasks on the cluster's workers.

What travels: the registry once (scattered to every worker), then for each task a chunk of articles (their text
and manifest fields), a batch of stories to resolve (their articles, and their claims as Arrow rows) or a batch of events to align
(their claims and articles as Arrow tables); back come claims as Arrow rows, the stories' entities and the events'
alignment tables. Language data is read by each worker process from its own installed toolkit, so
every worker must run the same toolkit version as the client (`pip install claims-toolkit[dask]` on each).
Nothing is written by the workers: the client assembles the results and writes the tables atomically, so a
worker lost mid-build (Dask retries its tasks elsewhere, then gives up with KilledWorker) never leaves a
half-written table.
"""

from __future__ import annotations

from toolkit.engine import chunks
from toolkit.errors import WorkerCrashed

CHUNK = 32                      # articles per task
TASKS_PER_THREAD = 4


def connect(scheduler: str | None = None):
    """A Client for the scheduler at `scheduler` (e.g. "tcp://10.0.0.5:8786"), or a LocalCluster of worker
    processes on this machine when none is given."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("the dask engine needs Dask distributed: pip install -e '.[dask]'") from None
    if scheduler:
        return Client(scheduler)
    return Client(LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None))


def _threads(client) -> int:
    return max(1, sum(client.nthreads().values()))


def extract(client, articles: list, keys: list, registry) -> list:
    """extract_chunk over chunks of `articles` (with their keys) on the cluster; their rows, chunk by chunk."""
    if not articles:
        return []
    parts = chunks(list(zip(articles, keys)), _threads(client) * TASKS_PER_THREAD, CHUNK)
    shared = client.scatter(registry, broadcast=True)
    data = client.scatter([[a for a, _ in p] for p in parts], hash=False)   # sent as data, not inside the task graph
    names = client.scatter([[k for _, k in p] for p in parts], hash=False)
    futures = client.map(_extract, data, names, registry=shared, pure=False)
    return _gather(client, futures, data + names, [f"{p[0][0].article_id} … {p[-1][0].article_id}" for p in parts],
                   "extracting articles")


def _extract(chunk: list, keys: list, registry):
    from toolkit.pipeline import extract_chunk

    return extract_chunk(chunk, registry, keys)


def resolve(client, items: list) -> list:
    """resolve_batch over (event, articles, claims) items on the cluster, one batch of stories per task."""
    from toolkit.pipeline import _batches, _n_claims, resolve_batch

    if not items:
        return []
    batches = _batches(items, _threads(client) * TASKS_PER_THREAD, _n_claims)
    data = client.scatter(batches, hash=False)
    futures = client.map(resolve_batch, data, pure=False)
    results = _gather(client, futures, data, [f"{b[0][0]} … {b[-1][0]}" for b in batches], "resolving speakers")
    return [r for part in results for r in part]


def align(client, todo: list, registry, language: str) -> list:
    """align_event over (group, claims, articles) items on the cluster, one batch of events per task."""
    from toolkit.pipeline import _batches, align_batch

    if not todo:
        return []
    batches = _batches(todo, _threads(client) * TASKS_PER_THREAD)
    shared = client.scatter(registry, broadcast=True)
    data = client.scatter(batches, hash=False)
    futures = client.map(align_batch, data, registry=shared, language=language, pure=False)
    results = _gather(client, futures, data, [f"{b[0][0]} … {b[-1][0]}" for b in batches], "aligning events")
    return [r for part in results for r in part]


def _gather(client, futures: list, data: list, names: list[str], doing: str) -> list:
    from distributed import KilledWorker

    try:
        return client.gather(futures)
    except KilledWorker:
        lost = [n for f, n in zip(futures, names) if f.status == "error"]
        raise WorkerCrashed("dask worker", f"workers kept dying while {doing} ({', '.join(lost[:3]) or 'unknown'})",
                            "the previous tables are untouched; check the workers' memory and logs") from None
    finally:
        client.cancel(futures)
        client.cancel(data)
