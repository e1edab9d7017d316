"""Progress of a build on a terminal (tqdm bars on stderr): one bar per step, quiet under CI, in a pipe or when asked.

The pipeline calls `progress.step(name)` around a step it cannot count (reading, alignment, stories, writing: the bar
shows the elapsed time and ticks while the step runs) and `progress.each(items, name)` for a step it counts
(extraction, article by article). With `enabled=False` both are free."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager


def wanted(enabled: bool | None = None) -> bool:
    """Bars on a terminal unless CI is set; `enabled` (True/False) decides instead when given."""
    if enabled is not None:
        return enabled
    return sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, enabled: bool | None = None, prefix: str = ""):
        self.enabled = wanted(enabled)
        self.prefix = prefix

    def each(self, items, name: str, unit: str = "article"):
        if not self.enabled:
            return items
        from tqdm import tqdm

        return tqdm(items, desc=self._label(name), unit=unit, leave=False, dynamic_ncols=True)

    def counter(self, total: int, name: str, unit: str = "article"):
        """A bar that others advance with `.update(n)` (extraction done by worker processes), or None."""
        if not self.enabled or not total:
            return None
        from tqdm import tqdm

        return tqdm(total=total, desc=self._label(name), unit=unit, leave=False, dynamic_ncols=True)

    @contextmanager
    def step(self, name: str):
        """A step without a count: a bar that shows the elapsed time, refreshed twice a second while it runs."""
        if not self.enabled:
            yield
            return
        from tqdm import tqdm

        bar = tqdm(total=1, desc=self._label(name), leave=False, dynamic_ncols=True,
                   bar_format="{desc}: {elapsed}")
        done = threading.Event()

        def tick():
            while not done.wait(0.5):
                bar.refresh()

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            done.set()
            ticker.join()
            bar.close()

    def _label(self, name: str) -> str:
        return f"{self.prefix} {name}".strip()
