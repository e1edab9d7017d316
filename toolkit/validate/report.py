"""The outcome of a validation, one entry per expectation, told as text, JSON or JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

from toolkit.validate.gx_backend import ROWS_KEPT
from toolkit.validate.suites import SEVERITIES

MAX_ROWS = ROWS_KEPT  # unexpected rows kept per expectation (GX lists no more); the count says how many there were
TEXT_ROWS = 5  # of which the text summary shows this many
EXCERPT = 60
# What names a row for a reader: the claim and where it was read, or the article.
IDENTITY = {"claims": ("claim_id", "article_id", "source", "wording"), "articles": ("article_id", "source"),
            "discrepancies": ("discrepancy_id", "kind", "severity", "confidence", "sources", "explanation")}


@dataclass
class Result:
    """One expectation run on one dataset's table."""

    dataset: str
    suite: str
    table: str
    expectation: str
    columns: list[str]
    severity: str
    description: str
    success: bool
    unexpected_count: int | None = None
    element_count: int | None = None
    rows: list[dict] = field(default_factory=list)
    observed: object = None
    details: object = None
    notes: str | list[str] | None = None
    error: str | None = None

    @classmethod
    def from_backend(cls, dataset: str, suite: str, table: str, found: dict, frame) -> "Result":
        return cls(dataset, suite, table, found["type"], found["columns"], found["severity"], found["description"],
                   found["success"] and not found["error"], found["unexpected_count"], found["element_count"],
                   describe_rows(frame, table, found["columns"], found["unexpected_rows"][:MAX_ROWS]),
                   _plain(found["observed"]), _plain(found["details"]), found["notes"], found["error"])

    def counts_at(self, fail_on: str) -> bool:
        """True when this result failed at or above the severity threshold."""
        return not self.success and SEVERITIES.index(self.severity) >= SEVERITIES.index(fail_on)

    @property
    def label(self) -> str:
        return f"{self.expectation}({', '.join(self.columns)})" if self.columns else self.expectation

    def lines(self, fail_on: str) -> list[str]:
        status = "FAILED" if self.counts_at(fail_on) else "failed (below the --fail-on threshold)"
        out = [f"{status} [{self.severity}] {self.dataset} · {self.suite} · {self.label}", f"  {self.description}"]
        if self.error:
            out.append(f"  Could not be checked: {self.error}")
        if self.unexpected_count:
            total = f" of {self.element_count}" if self.element_count is not None else ""
            out.append(f"  {self.unexpected_count}{total} rows fail:")
            out += [f"    {row['text']}" for row in self.rows[:TEXT_ROWS]]
            if self.unexpected_count > TEXT_ROWS:
                out.append(f"    … and {self.unexpected_count - TEXT_ROWS} more (see --format json)")
        elif self.observed is not None or self.details:
            out.append(f"  Found: {_short(self.details or self.observed, 300)}")
        if self.notes:
            out.append(f"  Note: {' '.join(self.notes) if isinstance(self.notes, list) else self.notes}")
        return out


@dataclass
class Report:
    """Every expectation's result; `success` is False when one failed at or above `fail_on`."""

    results: list[Result]
    fail_on: str = "critical"
    datasets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    docs: Path | None = None

    @property
    def success(self) -> bool:
        return not self.failures

    @property
    def failures(self) -> list[Result]:
        """Results that failed at or above the threshold."""
        return [r for r in self.results if r.counts_at(self.fail_on)]

    def text(self) -> str:
        failed = [r for r in self.results if not r.success]
        out = []
        for result in failed:
            out += result.lines(self.fail_on) + [""]
        out += [f"Note: {note}" for note in self.notes]
        for dataset in self.datasets:
            mine = [r for r in self.results if r.dataset == dataset]
            passed = sum(r.success for r in mine)
            out.append(f"{dataset}: {len(mine)} expectations, {passed} passed, {len(mine) - passed} failed")
        by_severity = {s: sum(1 for r in failed if r.severity == s) for s in reversed(SEVERITIES)}
        tally = ", ".join(f"{n} {s}" for s, n in by_severity.items() if n) or "none"
        verdict = "PASSED" if self.success else "FAILED"
        out.append(f"{verdict}: failed expectations by severity: {tally} (threshold: {self.fail_on})")
        if self.docs:
            out.append(f"Data Docs: {self.docs}")
        return "\n".join(out)

    def to_json(self) -> str:
        return json.dumps({
            "success": self.success,
            "fail_on": self.fail_on,
            "datasets": self.datasets,
            "notes": self.notes,
            "docs": str(self.docs) if self.docs else None,
            "results": [asdict(r) for r in self.results],
        }, ensure_ascii=False, indent=2)

    def to_junit(self) -> str:
        """JUnit XML: a test suite per dataset and suite, a test case per expectation, failures at the threshold."""
        root = ET.Element("testsuites", name="claims validate", tests=str(len(self.results)),
                          failures=str(len(self.failures)))
        groups: dict[tuple[str, str], list[Result]] = {}
        for result in self.results:
            groups.setdefault((result.dataset, result.suite), []).append(result)
        for (dataset, suite), results in groups.items():
            node = ET.SubElement(root, "testsuite", name=f"{dataset}/{suite}", tests=str(len(results)),
                                 failures=str(sum(r.counts_at(self.fail_on) for r in results)), errors="0", skipped="0")
            for result in results:
                case = ET.SubElement(node, "testcase", classname=f"{dataset}.{suite}", name=result.label)
                props = ET.SubElement(case, "properties")
                ET.SubElement(props, "property", name="severity", value=result.severity)
                ET.SubElement(props, "property", name="description", value=result.description)
                if result.counts_at(self.fail_on):
                    failure = ET.SubElement(case, "failure", type=result.severity, message=result.description)
                    failure.text = "\n".join(result.lines(self.fail_on))
                elif not result.success:
                    ET.SubElement(case, "system-out").text = "\n".join(result.lines(self.fail_on))
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True)

    def to_frame(self):
        """One row per expectation, as a pandas DataFrame (the unexpected rows stay in `rows`)."""
        import pandas as pd

        return pd.DataFrame([asdict(r) for r in self.results])


def describe_rows(frame, table: str, columns: list[str], indexes: list) -> list[dict]:
    """The unexpected rows in words: what names the row for a reader, then the values that were checked."""
    rows = []
    for index in indexes:
        if index not in frame.index:
            continue
        record = frame.loc[index]
        row = {"row": _plain(index)}
        for name in IDENTITY.get(table, ()):
            if name in frame.columns:
                value = _plain(record[name])
                row[name] = _short(value, EXCERPT) if name == "wording" and value is not None else value
        # The wording is named above by an excerpt; when it is what was checked, show it in full beside its pair.
        row["values"] = {c: _plain(record[c]) for c in columns if c in frame.columns and (c not in row or c == "wording")}
        row["text"] = _sentence(table, row)
        rows.append(row)
    return rows


def _sentence(table: str, row: dict) -> str:
    if table == "claims":
        head = (f"row {row['row']} · claim {row.get('claim_id')} · article {row.get('article_id')} ({row.get('source')})"
                f" · «{row.get('wording')}»")
    elif table == "discrepancies":
        sources = list(dict.fromkeys(row.get("sources") or []))
        sure = row.get("confidence")
        sure = f" · confidence {sure:.2f}" if isinstance(sure, (int, float)) else ""
        return (f"finding {row.get('discrepancy_id')} · {row.get('severity')} {row.get('kind')}{sure} · "
                f"{', '.join(sources)}: {row.get('explanation')}")
    else:
        head = f"row {row['row']} · article {row.get('article_id')} ({row.get('source')})"
    checked = ", ".join(f"{k} = {_short(v, 80)!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in row["values"].items())
    return f"{head}: {checked}" if checked else head


def _short(value, limit: int) -> str:
    """At most `limit` characters, keeping both ends: a shifted offset shows at the start or the end of a wording."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def _plain(value):
    """A JSON-ready value: numpy and pandas scalars become Python ones, missing values None."""
    import pandas as pd

    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not hasattr(value, "isoformat"):  # numpy scalars and arrays
        return _plain(value.tolist())
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
