"""Check that a dataset's committed tables equal a fresh build of its inputs (by content, not by bytes)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from toolkit.errors import ToolkitError
from toolkit.tables import TABLES_DIR, read_table


@dataclass(frozen=True)
class Difference:
    table: str
    problem: str


def compare(dataset: str | Path, registry: list[str | Path] = ()) -> list[Difference]:
    """Rebuild `dataset` into a temporary folder and list every table whose rows differ from the committed one."""
    from toolkit.pipeline import build

    dataset = Path(dataset)
    committed = dataset / TABLES_DIR
    with tempfile.TemporaryDirectory(prefix="claims-rebuild-") as tmp:
        build(dataset, Path(tmp) / "tables", registry=registry, progress=False)
        fresh_dir = Path(tmp) / "tables"
        differences = []
        for fresh_file in sorted(fresh_dir.glob("*.parquet")):
            old_file = committed / fresh_file.name
            if not old_file.exists():
                differences.append(Difference(fresh_file.stem, f"{old_file} is missing; run `claims build {dataset}`"))
                continue
            fresh = pq.read_table(fresh_file)
            try:
                old = read_table(committed, fresh_file.stem)
            except ToolkitError as err:  # unreadable, a folder, another schema version or types
                differences.append(Difference(fresh_file.stem, f"{err.problem}; run `claims build {dataset}`"))
                continue
            if fresh.schema.remove_metadata() != old.schema.remove_metadata():
                differences.append(Difference(fresh_file.stem, "columns or types differ from a fresh build"))
            elif not fresh.equals(old):
                changed = _changed_rows(fresh, old)
                differences.append(Difference(fresh_file.stem, f"{changed} differ from a fresh build; run `claims build {dataset}` and commit"))
        return differences


def _changed_rows(fresh, old) -> str:
    if fresh.num_rows != old.num_rows:
        return f"{old.num_rows} committed rows vs {fresh.num_rows} rebuilt"
    first = fresh.column_names[0]
    a, b = fresh.column(first).to_pylist(), old.column(first).to_pylist()
    diff = sum(1 for x, y in zip(a, b) if x != y)
    return f"{diff} row(s) by {first}" if diff else "some values"
