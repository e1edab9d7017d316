"""`toolkit.report(...)` / `claims report`: one self-contained HTML page (styles and script inline, no network at
view time) that a journalist reads: per story the outlets × claims coverage, the clusters with findings side by
side with their word-level differences, and every finding, sortable and filterable, with its review verdict.

Rendered with Jinja2 with autoescaping on: every article text, wording, name and note is HTML-escaped."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.report.model import Limits, gather

TEMPLATES = Path(__file__).parent / "templates"


def render(model) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: "" if x is None else f"{x:.2f}"
    return env.get_template("report.html.j2").render(m=model)


def report(path: str | Path | None = None, out: str | Path | None = None, *, reviews: str | Path | None = None,
           limits: Limits | None = None) -> Path:
    """Write the HTML report of the tables at `path` (a tables folder, or an article folder holding `tables/`;
    None: the first bundled dataset) into `out` (default: `report.html` inside the tables folder's parent).

    The review verdicts come from the tables' reviews file (see `toolkit.inputs`) or `reviews`. The page is
    written atomically and returned. Raises MissingTable or CorruptTable, naming the file, for unusable tables."""
    from toolkit.tables import bundled_datasets, tables_dir

    if path is None:
        datasets = bundled_datasets()
        if not datasets:
            from toolkit.errors import MissingTable
            from toolkit.tables import DATASETS

            raise MissingTable(DATASETS, "no bundled dataset", "give the folder of a dataset or of its tables")
        path = datasets[0]
    out = Path(out) if out else tables_dir(path).resolve().parent / "report.html"
    page = render(gather(path, reviews, limits))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out
