"""Issue 5: the consistency suite fails on unreviewed findings between outlets and passes once they are reviewed."""

from __future__ import annotations

import json

import pytest

import toolkit
from toolkit.pipeline import build
from toolkit.cli.main import main

pytestmark = pytest.mark.slow  # Great Expectations runs


@pytest.fixture
def built(seed_copy):
    """The seed articles built afresh, with no analyst's review yet."""
    (seed_copy / "reviews.csv").unlink(missing_ok=True)
    build(seed_copy, progress=False)
    return seed_copy


def consistency(folder, capsys, *extra):
    code = main(["validate", str(folder), "--suite", "consistency", "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def failing_ids(report):
    return {row["discrepancy_id"] for r in report["results"] if not r["success"] for row in r["rows"]}


def test_unreviewed_findings_fail_and_reviewed_ones_pass(built, capsys):
    findings = toolkit.load_discrepancies(built)
    serious = findings[findings.severity.isin(["high", "medium"])]
    assert len(serious) > 0
    code, report = consistency(built, capsys)
    assert code == 1
    assert set(serious.discrepancy_id) <= failing_ids(report)
    for finding in serious.itertuples():
        assert main(["review", str(built), "--set", finding.discrepancy_id, "confirmed", "--note", "vu"]) == 0
    capsys.readouterr()
    code, report = consistency(built, capsys)
    assert code == 0, failing_ids(report)
    code, report = consistency(built, capsys, "--fail-on", "warning")
    assert code == (1 if (findings.severity == "low").any() else 0)


def test_a_planted_misattribution_is_a_new_finding_named_by_id(built, capsys):
    findings = toolkit.load_discrepancies(built)
    for finding in findings.itertuples():
        main(["review", str(built), "--set", finding.discrepancy_id, "translation_variant"])
    capsys.readouterr()
    assert consistency(built, capsys)[0] == 0
    article = built / "002_f0eadd47b8ac161f.txt"
    text = article.read_text(encoding="utf-8")
    planted = text.replace("a dit le leader nord-coréen", "a dit Vladimir Poutine")
    assert planted != text
    article.write_text(planted, encoding="utf-8")
    build(built, progress=False)
    after = toolkit.load_discrepancies(built)
    new = after[(after.kind == "speaker_mismatch") & ~after.discrepancy_id.isin(set(findings.discrepancy_id))]
    sure = new[new.severity.isin(["medium", "high"])]
    assert len(sure) >= 1 and (sure.confidence >= 0.6).all()
    # the planted incise also hands the next sentence's pronoun to Poutine: an attribution that rests on a pronoun
    # is unsure, so that finding is at most low and says why
    unsure = new[~new.severity.isin(["medium", "high"])]
    assert all("lowered" in e and "pronoun" in e for e in unsure.evidence)
    code, report = consistency(built, capsys)
    assert code == 1
    assert set(sure.discrepancy_id) <= failing_ids(report)
    assert any("Poutine" in (n or "") for n in report.get("notes", []) + [row.get("text", "") for r in report["results"] for row in r["rows"]])


def test_stale_review_is_reported(built, capsys):
    main(["review", str(built), "--set", toolkit.load_discrepancies(built).discrepancy_id.iloc[0], "false_alarm"])
    (built / "reviews.csv").write_text((built / "reviews.csv").read_text() + "dgone00000000000,confirmed,,,2026-01-01\n")
    capsys.readouterr()
    _, report = consistency(built, capsys)
    assert any("stale" in note and "dgone00000000000" in note for note in report["notes"])


def test_unreadable_review_file_is_unusable_input(built, capsys):
    (built / "reviews.csv").write_text("discrepancy_id,verdict\nd1,perhaps\n", encoding="utf-8")
    assert main(["validate", str(built), "--suite", "consistency"]) == 2
    assert "reviews.csv, line 2, field 'verdict'" in capsys.readouterr().err
