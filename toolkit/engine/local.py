"""Worker processes on this machine: a process pool whose workers each receive the registry once, at start.

A worker that dies (killed, out of memory) breaks the pool: the build stops with WorkerCrashed naming the articles
or events it may have held, before anything is written, so the previous tables stay."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from toolkit.errors import WorkerCrashed

# Linux forks workers from the calling process: they start in milliseconds (not the 1.5-2.5 s of a fork server or
# spawn re-importing pandas and pyarrow) and a script need not guard its main code. Elsewhere fork is unsafe or
# missing, and spawn needs `if __name__ == "__main__":` around a script's call to build().
CONTEXT = "fork" if sys.platform == "linux" else "spawn"
_REGISTRY = None            # the build's registry, set once in each worker


def _start(registry) -> None:
    global _REGISTRY
    _REGISTRY = registry


def _extract(chunk, keys):
    from toolkit.pipeline import extract_chunk

    return extract_chunk(chunk, _REGISTRY, keys)


def _resolve(batch):
    from toolkit.pipeline import resolve_batch

    return resolve_batch(batch)


def _align(batch, language):
    from toolkit.pipeline import align_batch

    return align_batch(batch, _REGISTRY, language)


def preload(language: str = "fr") -> None:
    """Import here, once, what every worker would otherwise import and load on its own (a second each on a busy
    machine): the extraction and alignment code, pandas (pyarrow imports it the first time it builds an array from
    Python values) and wordfreq's word list (alignment reads it to tell a common word from a misspelt name). Forked
    workers inherit them; the articles are not read yet, so the workers still hold none of them."""
    import pyarrow as pa

    import toolkit.align.events  # noqa: F401
    import toolkit.resolve.catalog  # noqa: F401
    import toolkit.resolve.speakers  # noqa: F401
    from toolkit.stories import rarity

    pa.array([0])
    rarity("nom", language)


class Pool:
    """`jobs` worker processes sharing one registry; `extract` and `align` keep their inputs' order."""

    def __init__(self, jobs: int, registry):
        context = multiprocessing.get_context(CONTEXT)
        if CONTEXT == "forkserver":
            context.set_forkserver_preload(["toolkit.pipeline"])
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(registry,))

    def __enter__(self) -> "Pool":
        return self

    def start(self) -> None:
        """Start the worker processes now (forked from this process as it is now), not at the first task."""
        if CONTEXT == "fork":
            preload()
        try:
            self._executor.submit(int).result()
        except BrokenProcessPool:
            raise WorkerCrashed("worker process (starting)", "a worker process died as it started, before any work",
                                "the previous tables are untouched; rerun, or with --jobs 1") from None

    def __exit__(self, *exc) -> None:
        self._executor.shutdown(wait=exc[0] is None, cancel_futures=True)

    def extract(self, chunks: list, keys: list, done: Callable[[int], None] | None = None) -> list:
        """extract_chunk over every chunk of articles (with their keys); `done(n_articles)` after each."""
        return self._map(_extract, list(zip(chunks, keys)), lambda k: _names(chunks[k], "article_id"),
                         "extracting articles", done and (lambda k: done(len(chunks[k]))))

    def resolve(self, batches: list) -> list:
        """resolve_batch over every batch of stories."""
        return self._map(_resolve, [(b,) for b in batches], lambda k: _names(batches[k], "group"),
                         "resolving speakers", None)

    def align(self, batches: list, language: str) -> list:
        """align_batch over every batch of events."""
        return self._map(_align, [(b, language) for b in batches], lambda k: _names(batches[k], "group"),
                         "aligning events", None)

    def _map(self, fn, args: list, names: Callable[[int], str], doing: str, done) -> list:
        futures = [self._executor.submit(fn, *a) for a in args]
        index = {f: k for k, f in enumerate(futures)}
        results = [None] * len(futures)
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in sorted(finished, key=index.get):
                    k = index[future]
                    try:
                        results[k] = future.result()
                    except BrokenProcessPool:
                        lost = sorted(index[f] for f in futures if f not in finished or f.exception() is not None)
                        raise WorkerCrashed(f"worker process ({doing})",
                                            f"a worker process died (killed, or out of memory) while it held one of: "
                                            f"{names(lost[0])}" + (f" (or one of {len(lost) - 1} other batch(es) not "
                                                                   f"finished)" if len(lost) > 1 else ""),
                                            "the previous tables are untouched; rerun, or with --jobs 1 to find the "
                                            "article, or with fewer jobs if memory ran out") from None
                    if done:
                        done(k)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        return results


def _names(items: list, attribute: str) -> str:
    """'a, b, c' or 'a … z (n)' for a chunk of articles or a batch of events."""
    values = [str(getattr(i, attribute) if hasattr(i, attribute) else i[0]) for i in items]
    if not values:
        return "(nothing)"
    return ", ".join(values) if len(values) <= 4 else f"{values[0]} … {values[-1]} ({len(values)})"
