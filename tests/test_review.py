"""Issue 5: the review file — verdicts recorded atomically, reviewed findings set apart, stale reviews reported."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import BadReviewFile
from toolkit.validate.review import read_reviews, record, review_path, split


def findings(*ids):
    return pd.DataFrame({"discrepancy_id": list(ids), "kind": ["wording_variant"] * len(ids)})


def test_recorded_verdicts_set_findings_apart_and_report_stale_ones(tmp_path):
    record(tmp_path, "d2", "translation_variant", note="même phrase traduite", reviewer="AB")
    record(tmp_path, "d9", "false_alarm")
    open_, reviewed, stale = split(findings("d1", "d2", "d3"), read_reviews(tmp_path))
    assert list(open_.discrepancy_id) == ["d1", "d3"]
    assert list(reviewed.discrepancy_id) == ["d2"]
    assert [r.discrepancy_id for r in stale] == ["d9"]


def test_a_new_verdict_replaces_the_old_one_and_the_file_stays_sorted(tmp_path):
    record(tmp_path, "d2", "confirmed")
    record(tmp_path, "d1", "acceptable")
    record(tmp_path, "d2", "false_alarm")
    lines = (tmp_path / "reviews.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "discrepancy_id,verdict,note,reviewer,date"
    assert [l.split(",")[:2] for l in lines[1:]] == [["d1", "acceptable"], ["d2", "false_alarm"]]


def test_tables_folder_points_to_the_dataset_review_file(tmp_path):
    (tmp_path / "tables").mkdir()
    assert review_path(tmp_path / "tables") == tmp_path / "tables" / "reviews.csv"     # a bare tables folder
    (tmp_path / "article.txt").write_text("Texte.", encoding="utf-8")
    assert review_path(tmp_path / "tables") == tmp_path / "reviews.csv"                # a dataset's tables


@pytest.mark.parametrize("content, line, field", [
    ("discrepancy_id,verdict\nd1,maybe\n", 2, "verdict"),
    ("discrepancy_id,verdict\nd1,confirmed\nd1,false_alarm\n", 3, "discrepancy_id"),
    ("id,verdict\nd1,confirmed\n", 1, None),
])
def test_bad_review_file_names_line_and_field(tmp_path, content, line, field):
    (tmp_path / "reviews.csv").write_text(content, encoding="utf-8")
    with pytest.raises(BadReviewFile) as err:
        read_reviews(tmp_path)
    assert err.value.line == line and err.value.field == field and "reviews.csv" in str(err.value)


def test_unknown_verdict_is_refused_before_writing(tmp_path):
    with pytest.raises(BadReviewFile, match="unknown verdict"):
        record(tmp_path, "d1", "looks fine")
    assert not (tmp_path / "reviews.csv").exists()


# Issue 13: reviews that follow the tables, wherever they are built.

import json
import shutil

import toolkit
from toolkit.cli.main import main
from toolkit.pipeline import build


def test_build_json_records_where_articles_registry_and_reviews_are(seed_copy, tmp_path):
    out = tmp_path / "out" / "tables"
    build(seed_copy, out, progress=False)
    inputs = json.loads((out / "build.json").read_text(encoding="utf-8"))["inputs"]
    assert inputs == {"articles": "../../seeds", "registry": ["../../seeds/registry.toml"],
                      "reviews": "../../seeds/reviews.csv"}
    assert review_path(out) == seed_copy / "reviews.csv"


def test_review_lists_the_findings_of_tables_built_elsewhere_with_their_verdicts(seed_copy, tmp_path, capsys):
    out = tmp_path / "out"
    build(seed_copy, out, progress=False)
    n = len(toolkit.load_discrepancies(out))
    reviewed = len(read_reviews(seed_copy))
    assert main(["review", str(out)]) == 0
    assert f"{n - reviewed} open, {reviewed} reviewed" in capsys.readouterr().out


def test_reviews_inside_the_tables_come_first_and_survive_a_rebuild(seed_copy, tmp_path):
    out = tmp_path / "tables"
    build(seed_copy, out, progress=False)
    finding = toolkit.load_discrepancies(out).discrepancy_id.iloc[0]
    record(out, finding, "acceptable", reviews_file=out / "reviews.csv")
    assert review_path(out) == out / "reviews.csv"
    build(seed_copy, out, progress=False)                       # the swap carries the verdicts over
    assert read_reviews(out)[finding].verdict == "acceptable"


def test_tables_moved_away_from_their_articles_keep_their_reviews_inside(seed_copy, tmp_path):
    build(seed_copy, tmp_path / "tables", progress=False)
    moved = tmp_path / "ci" / "artifacts" / "tables"
    shutil.move(tmp_path / "tables", moved)
    shutil.rmtree(seed_copy)                                     # the recorded article folder is gone
    finding = toolkit.load_discrepancies(moved).discrepancy_id.iloc[0]
    record(moved, finding, "confirmed")
    assert (moved / "reviews.csv").exists() and read_reviews(moved)[finding].verdict == "confirmed"


def test_a_named_reviews_file_is_read_and_written(seed_copy, tmp_path, capsys):
    out = tmp_path / "tables"
    build(seed_copy, out, progress=False)
    finding = toolkit.load_discrepancies(out).discrepancy_id.iloc[0]
    named = tmp_path / "team" / "verdicts.csv"
    assert main(["review", str(out), "--reviews", str(named), "--set", finding, "translation_variant"]) == 0
    assert list(read_reviews(out, named)) == [finding]
    capsys.readouterr()
    assert main(["review", str(out), "--reviews", str(named)]) == 0
    assert "1 reviewed" in capsys.readouterr().out


def test_a_verdict_follows_its_finding_across_rebuilds_and_goes_stale_when_it_changes(seed_copy, tmp_path):
    out = tmp_path / "tables"
    (seed_copy / "reviews.csv").unlink()
    build(seed_copy, out, progress=False)
    findings = toolkit.load_discrepancies(out)
    # 002 prints « RDPC » for the registered acronym RPDC inside Putin's quotation: a name_spelling finding of 002.
    [rdpc] = [r.discrepancy_id for r in findings.itertuples() if "RDPC" in list(r.values)]
    record(out, rdpc, "confirmed")
    build(seed_copy, out, progress=False)
    open_, reviewed, stale = split(toolkit.load_discrepancies(out), read_reviews(out))
    assert list(reviewed.discrepancy_id) == [rdpc] and not stale
    text = (seed_copy / "002_f0eadd47b8ac161f.txt").read_text(encoding="utf-8")
    (seed_copy / "002_f0eadd47b8ac161f.txt").write_text(text.replace("RDPC", "RPDC"), encoding="utf-8")
    build(seed_copy, out, progress=False)
    open_, reviewed, stale = split(toolkit.load_discrepancies(out), read_reviews(out))
    assert [r.discrepancy_id for r in stale] == [rdpc] and reviewed.empty


def test_review_of_an_article_folder_built_elsewhere_says_where_the_tables_are(seed_copy, tmp_path, capsys):
    build(seed_copy, tmp_path / "tables", progress=False)
    assert main(["review", str(seed_copy)]) == 2
    err = capsys.readouterr().err
    assert "article folder without built tables" in err and "--out TABLES" in err


def test_a_read_only_article_folder_gets_its_reviews_in_the_tables(seed_copy, tmp_path):
    (seed_copy / "reviews.csv").unlink()
    out = tmp_path / "tables"
    build(seed_copy, out, progress=False)
    finding = toolkit.load_discrepancies(out).discrepancy_id.iloc[0]
    mode = seed_copy.stat().st_mode
    seed_copy.chmod(0o555)                                       # as a shared folder without write bits
    try:
        record(out, finding, "confirmed")
    finally:
        seed_copy.chmod(mode)
    assert not (seed_copy / "reviews.csv").exists() and list(read_reviews(out)) == [finding]
