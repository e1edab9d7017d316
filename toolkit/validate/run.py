"""Validate built tables: prepare each dataset, run the chosen suites through the GX backend, gather one report."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import MissingTable, UnsafeOutput
from toolkit.tables import DATASETS, bundled_datasets
from toolkit.validate import gx_backend
from toolkit.validate.prepare import prepare
from toolkit.validate.report import Report, Result
from toolkit.validate.suites import SEVERITIES, select


def validate(path: str | Path | None = None, *, suite: str | Path | None = None, fail_on: str = "critical",
             docs: str | Path | None = None, reviews: str | Path | None = None) -> Report:
    """Run the expectation suites on the tables of `path` (a dataset or tables folder; None: every bundled dataset).

    `suite` picks one suite by name (see `toolkit.validate.suites.SUITES`) or a suite JSON file; `fail_on` is the
    lowest severity that makes the report fail; `docs` is a folder to write GX Data Docs (HTML) into; `reviews` a
    reviews file other than the one the build recorded (see `toolkit.inputs`).
    Raises MissingTable or CorruptTable, naming the file, when a table is absent, unreadable or lacks columns.
    The first call in a process imports Great Expectations (a few seconds).

    >>> validate().success
    True
    """
    if fail_on not in SEVERITIES:
        raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if docs is not None and Path(docs).exists() and not Path(docs).is_dir():
        raise UnsafeOutput(docs, "is a file, not a folder", "give a folder for the Data Docs (--docs)")
    suites = select(suite)
    paths = [Path(path)] if path is not None else bundled_datasets()
    if not paths:
        raise MissingTable(DATASETS, "no bundled dataset", "give the folder of a dataset or of its tables")
    # Read and check every table before running anything: unusable input fails fast, before GX is even imported.
    prepared = [prepare(p, {s.table for s in suites}, reviews) for p in paths]
    gx_backend.forget()
    report = Report([], fail_on)
    for dataset in prepared:
        report.datasets.append(dataset.label)
        report.notes += [n for n in dataset.notes if n not in report.notes]
        for chosen in suites:
            frame = dataset.frames[chosen.table]
            for found in gx_backend.run(chosen, frame, dataset.parameters, run_name=dataset.label):
                report.results.append(Result.from_backend(dataset.label, chosen.name, chosen.table, found, frame))
    if docs is not None:
        report.docs = gx_backend.build_docs(docs, suites)
    return report
