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
