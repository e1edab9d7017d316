"""Collections of test articles for build tests: several hand-written corpora in one folder, and table equality."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from toolkit.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if (p / "manifest.csv").exists())
SEEDS = ROOT / "datasets" / "kim-putin-vostochny-2023"


def collection(folder: Path, sources: list[Path], copies: int = 1) -> Path:
    """The articles of several test corpora (each its own events) in one folder, file names prefixed by corpus
    (and copy number), one manifest and the corpora's registries in one registry.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, registries = [], []
    for k in range(copies):
        for src in sources:
            with open(src / "manifest.csv", encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    name = f"{src.name}{f'-{k}' if k else ''}__{row['file']}"
                    shutil.copy(src / row["file"], folder / name)
                    rows.append({**row, "file": name, "event": f"{row['event']}{f'-{k}' if k else ''}"})
    for src in sources:
        if (src / "registry.toml").exists():
            registries.append((src / "registry.toml").read_text(encoding="utf-8"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["file", "source", "url", "published", "language", "title", "event"])
    writer.writeheader()
    writer.writerows(rows)
    (folder / "manifest.csv").write_text(out.getvalue(), encoding="utf-8")
    (folder / "registry.toml").write_text("\n".join(registries), encoding="utf-8")
    return folder


def assert_same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        one, two = pq.read_table(a / f"{name}.parquet"), pq.read_table(b / f"{name}.parquet")
        assert one.num_rows == two.num_rows, name
        assert one.equals(two), f"{name} differs"
    info = lambda p: {k: v for k, v in json.loads((p / "build.json").read_text()).items()}
    assert info(a) == info(b)
