"""Where a build's inputs are: the article folder, the registry files and the reviews file, recorded in `build.json`
so that `claims validate`, `claims review` and `claims report` find them again from the tables alone.

Paths are stored relative to the tables folder (the same on every machine, for tables built in place or with
`--out`), with forward slashes. Which reviews file a tables folder uses, in this order:

1. the file given with `--reviews FILE`;
2. `reviews.csv` inside the tables folder (reviews that travel with the tables; a rebuild keeps it);
3. the reviews file the build recorded in `build.json` (by default `reviews.csv` beside the articles);
4. `reviews.csv` beside a `tables/` folder that sits in an article folder (tables built in place before
   `build.json` recorded its inputs);
5. otherwise `reviews.csv` inside the tables folder (where `claims review --set` then writes).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.tables import BUILD_INFO, REVIEW_FILE, TABLES_DIR, tables_dir

REGISTRY_FILE = "registry.toml"


@dataclass(frozen=True)
class Inputs:
    """What a tables folder was built from; a path is None when it is unknown."""

    tables: Path
    articles: Path | None = None                        # the article folder (or archive, or table) built
    registry: tuple[Path, ...] = ()                     # registry files after the general relays, in order
    reviews: Path | None = None                         # the reviews file the build was meant to be reviewed in
    recorded: bool = False                              # whether build.json recorded them
    missing: list[str] = field(default_factory=list)    # recorded files that are no longer there


def record(source: str | Path, out_dir: str | Path, registry: list[str | Path] = (),
           reviews: str | Path | None = None, folder: str | Path | None = None) -> dict:
    """The `inputs` entry of build.json: paths relative to the tables folder `out_dir`. `source` is what was built
    (a folder, a web archive or a table of articles); `folder` the folder whose registry.toml the build read and
    beside whose articles the reviews go (default: `source`)."""
    source, out_dir = Path(source).resolve(), Path(out_dir).resolve()
    folder = Path(folder).resolve() if folder is not None else source
    own = folder / REGISTRY_FILE
    files = ([own] if own.exists() else []) + [Path(p).resolve() for p in registry]
    return {
        "articles": _relative(source, out_dir),
        "registry": [_relative(p, out_dir) for p in files],
        "reviews": _relative(Path(reviews).resolve() if reviews else folder / REVIEW_FILE, out_dir),
    }


def of(path: str | Path) -> Inputs:
    """The inputs of the tables at `path` (a tables folder, or an article folder holding `tables/`)."""
    path = Path(path)
    tables = tables_dir(path)
    info = _build_info(tables)
    recorded = info.get("inputs") if isinstance(info, dict) else None
    if isinstance(recorded, dict):
        base = tables.resolve()              # the paths were recorded from the resolved tables folder
        articles = _resolve(recorded.get("articles"), base)
        registry = tuple(p for p in (_resolve(r, base) for r in recorded.get("registry") or []) if p is not None)
        missing = [str(p) for p in registry if not p.exists()]
        return Inputs(tables, articles if articles and articles.exists() else None,
                      tuple(p for p in registry if p.exists()), _resolve(recorded.get("reviews"), base), True, missing)
    dataset = path if tables != path else _dataset_around(tables)
    if dataset is None:
        return Inputs(tables)
    own = dataset / REGISTRY_FILE
    return Inputs(tables, dataset, (own,) if own.exists() else (), dataset / REVIEW_FILE)


def reviews_file(path: str | Path, given: str | Path | None = None) -> Path:
    """The reviews file of the tables at `path`, in the order the module docstring gives."""
    if given is not None:
        return Path(given)
    inputs = of(path)
    inside = inputs.tables / REVIEW_FILE
    if inside.exists():
        return inside
    if inputs.reviews is not None:
        return inputs.reviews
    return inside


def _dataset_around(tables: Path) -> Path | None:
    """The article folder around a `tables/` folder built in place, or None for a bare tables folder."""
    parent = tables.parent
    if tables.name == TABLES_DIR and ((parent / REGISTRY_FILE).exists() or (parent / REVIEW_FILE).exists()
                                      or any(parent.glob("*.txt"))):
        return parent
    return None


def _build_info(tables: Path) -> dict:
    try:
        return json.loads((tables / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _relative(path: Path, start: Path) -> str:
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:                       # another drive (Windows): keep the absolute path
        return path.as_posix()


def _resolve(value, tables: Path) -> Path | None:
    if not isinstance(value, str) or not value:
        return None
    return Path(os.path.normpath(tables / value))


def require_tables(path: str | Path, name: str = "discrepancies") -> Path:
    """The tables folder of `path`, or MissingTable naming the file, with the fix for an article folder whose tables
    were built elsewhere (`claims build ARTICLES --out TABLES`)."""
    from toolkit.errors import MissingTable

    tables = tables_dir(path)
    file = tables / f"{name}.parquet"
    if not file.exists():
        if any(Path(path).glob("*.txt")):
            raise MissingTable(file, f"no {name} table: {path} is an article folder without built tables",
                               f"give the tables folder its build wrote (`claims build {path} --out TABLES`), "
                               f"or build in place with `claims build {path}`")
        raise MissingTable(file, f"no {name} table here", "run `claims build` first, or give the folder it wrote")
    return tables
