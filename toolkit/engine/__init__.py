"""Where the work runs: this process, a pool of worker processes on this machine, or a Dask cluster.

Each engine maps two functions of `toolkit.pipeline` over their inputs and returns the results in input order:
`extract_chunk` over chunks of articles and `align_groups` over batches of events. The engines decide nothing
about the results, so every engine gives the same tables."""

from __future__ import annotations

import os


def all_cores() -> int:
    """The cores this process may run on (the CPU affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                       # macOS, Windows
        return os.cpu_count() or 1


def chunks(items: list, n_chunks: int, most: int) -> list[list]:
    """`items` cut into consecutive chunks: about `n_chunks` of them, none longer than `most`."""
    if not items:
        return []
    size = max(1, min(most, -(-len(items) // max(1, n_chunks))))
    return [items[k:k + size] for k in range(0, len(items), size)]
