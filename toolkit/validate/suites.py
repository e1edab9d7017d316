"""Which expectation suites exist, which table each one checks and where its JSON lives; nothing here runs them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import BadSuite
from toolkit.tables import REPO

EXPECTATIONS_DIR = REPO / "expectations"
SEVERITIES = ("info", "warning", "critical")  # lowest first: fail_on="warning" also fails on critical
TABLE_META_KEY = "claims_toolkit"  # suite meta: {"claims_toolkit": {"table": "claims"}} says which table a suite checks


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    file: Path

    def read(self) -> dict:
        """The suite as GX serialises it; BadSuite unless every expectation has a severity and a description."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BadSuite(self.file, "does not exist", "give the name of a bundled suite or the path of a suite JSON file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise BadSuite(self.file, f"is not valid JSON ({err})", "fix the syntax, or restore it from version control") from None
        if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
            raise BadSuite(self.file, "has no 'expectations' list", "a suite is GX 1.x suite JSON: {\"name\": …, \"expectations\": [...]}")
        for number, expectation in enumerate(data["expectations"], start=1):
            kind = expectation.get("type", "?") if isinstance(expectation, dict) else "?"
            if not isinstance(expectation, dict) or expectation.get("severity") not in SEVERITIES:
                raise BadSuite(self.file, f"expectation #{number} ({kind}) has no severity",
                               f"set \"severity\" to one of {', '.join(SEVERITIES)}", field="severity")
            if not str(expectation.get("description") or "").strip():
                raise BadSuite(self.file, f"expectation #{number} ({kind}) has no description",
                               "say in one sentence, for a reader of the data, what it checks", field="description")
        return data


def _bundled(name: str, table: str) -> Suite:
    return Suite(name, table, EXPECTATIONS_DIR / f"{name}.json")


# Articles first: a claim's offsets are only worth checking once its article's text is known to be intact.
# Consistency last: findings between outlets matter once each table is known to be sound.
SUITES = {s.name: s for s in (_bundled("integrity_articles", "articles"), _bundled("integrity_claims", "claims"),
                              _bundled("consistency", "discrepancies"))}


def select(suite: str | Path | None = None) -> list[Suite]:
    """Every bundled suite, one by name, a family by the start of their names (« integrity » selects
    integrity_articles and integrity_claims), or a user's suite JSON file whose meta names the table it checks."""
    if suite is None:
        return list(SUITES.values())
    if str(suite) in SUITES:
        return [SUITES[str(suite)]]
    family = [s for name, s in SUITES.items() if name.startswith(f"{suite}_")]
    if family:
        return family                       # « integrity »: integrity_articles and integrity_claims
    path = Path(suite)
    if path.suffix == ".json" and path.is_file():
        return [_from_file(path)]
    raise BadSuite(suite, "is not a known suite", f"use one of {', '.join(SUITES)} (or integrity for both integrity suites), or the path of a suite JSON file")


def _from_file(path: Path) -> Suite:
    data = Suite(path.stem, "", path).read()
    table = (data.get("meta") or {}).get(TABLE_META_KEY, {}).get("table")
    if table not in ("articles", "claims", "discrepancies"):
        raise BadSuite(path, "does not say which table it checks",
                       f"add \"meta\": {{\"{TABLE_META_KEY}\": {{\"table\": \"claims\"}}}} (or \"articles\", \"discrepancies\")", field="meta")
    return Suite(str(data.get("name") or path.stem), table, path)
