"""Issue 13: `claims build A --out T && claims review T --set … && claims validate T` — the review loop works on
tables built anywhere, with the registry and the reviews file the build recorded."""

from __future__ import annotations

import json

import pytest

import toolkit
from toolkit.cli.main import main

pytestmark = pytest.mark.slow          # runs Great Expectations


def test_validate_passes_once_every_finding_of_tables_built_elsewhere_is_reviewed(seed_copy, tmp_path, capsys):
    (seed_copy / "reviews.csv").unlink()
    out = tmp_path / "ci" / "tables"
    assert main(["build", str(seed_copy), "--out", str(out), "--quiet"]) == 0
    assert main(["validate", str(out), "--format", "json"]) == 1            # findings nobody has looked at yet
    report = json.loads(capsys.readouterr().out)
    assert not any("general relays" in note for note in report.get("notes", []))   # the build's registry.toml
    assert {r["suite"] for r in report["results"] if not r["success"]} == {"consistency"}  # integrity passes
    for finding in toolkit.load_discrepancies(out).discrepancy_id:
        assert main(["review", str(out), "--set", finding, "confirmed", "--reviewer", "test"]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert (seed_copy / "reviews.csv").exists() and not (out / "reviews.csv").exists()


def test_validate_reads_a_named_reviews_file(seed_copy, tmp_path, capsys):
    (seed_copy / "reviews.csv").unlink()
    out = tmp_path / "tables"
    named = tmp_path / "verdicts.csv"
    assert main(["build", str(seed_copy), "--out", str(out), "--quiet"]) == 0
    for finding in toolkit.load_discrepancies(out).discrepancy_id:
        assert main(["review", str(out), "--reviews", str(named), "--set", finding, "acceptable"]) == 0
    assert main(["validate", str(out)]) == 1                                # the default file has no verdict
    assert main(["validate", str(out), "--reviews", str(named)]) == 0
