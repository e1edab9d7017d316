"""Validation: the real suites on the bundled tables, then on damaged copies, through the CLI and the library."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import toolkit
from conftest import SEEDS
from toolkit.cli.main import main
from toolkit.schema import ARTICLES, CLAIMS
from toolkit.tables import bundled_datasets
from toolkit.validate import gx_backend, validate
from toolkit.validate.prepare import DERIVED
from toolkit.validate.suites import SEVERITIES, SUITES

WORDING = "expect_column_pair_values_to_be_equal(wording, text_at_offsets)"
UNIQUE_ID = "expect_column_values_to_be_unique(claim_id)"
SOURCE_IN_ARTICLES = "expect_column_values_to_be_in_set(source)"
IN_ORDER = "expect_column_values_to_be_in_set(in_table_order)"
SPEAKER_IN_REGISTRY = "expect_column_values_to_be_in_set(speaker_id)"

pytestmark = [pytest.mark.slow,  # Great Expectations runs
              pytest.mark.skipif(not (SEEDS / "tables" / "claims.parquet").exists(),
                                 reason="the bundled tables are not built: run `claims build`")]


@pytest.fixture(scope="session")
def bundled_report():
    """The bundled dataset validated once: this also starts the process's one GX context for every other test."""
    return validate(SEEDS)


@pytest.fixture
def copy(tmp_path):
    """A dataset-shaped copy (registry and tables) that a test may damage."""
    folder = tmp_path / "dataset"
    shutil.copytree(SEEDS / "tables", folder / "tables")
    shutil.copy(SEEDS / "registry.toml", folder / "registry.toml")
    shutil.copy(SEEDS / "reviews.csv", folder / "reviews.csv")
    return folder


def edit_claims(folder, change):
    """Rewrite claims.parquet with `change(table)`, keeping the schema metadata the toolkit stamps on its tables."""
    file = folder / "tables" / "claims.parquet"
    table = pq.read_table(file)
    pq.write_table(change(table).replace_schema_metadata(table.schema.metadata), file)
    return table


def set_value(table: pa.Table, column: str, row: int, value) -> pa.Table:
    index = table.schema.get_field_index(column)
    field = table.schema.field(index)
    values = table.column(column).to_pylist()
    values[row] = value
    if pa.types.is_dictionary(field.type):
        array = pa.array(values, type=field.type.value_type).dictionary_encode()
    else:
        array = pa.array(values, type=field.type)
    return table.set_column(index, field, array)


def failed(report) -> dict:
    return {r.label: r for r in report.failures}


def test_the_bundled_dataset_passes(bundled_report, capsys):
    assert bundled_report.success, bundled_report.text()
    assert main(["validate", str(SEEDS)]) == 0
    assert "PASSED" in capsys.readouterr().out


def test_no_path_validates_every_bundled_dataset():
    report = validate()
    assert report.datasets == [d.name for d in bundled_datasets()]
    assert report.success, report.text()


def test_one_result_per_expectation_with_severity_and_description(bundled_report):
    expected = sum(len(s.read()["expectations"]) for s in SUITES.values())
    assert len(bundled_report.results) == expected
    for result in bundled_report.results:
        assert result.severity in SEVERITIES and result.description and result.success, result.label


def test_toolkit_validate_is_the_function_even_after_the_package_is_imported():
    assert toolkit.validate(SEEDS, suite="integrity_articles").success
    assert toolkit.validate(SEEDS, suite="integrity_articles").success  # now the submodule is bound in `toolkit`


def test_a_shifted_offset_names_its_claim(copy, capsys):
    table = edit_claims(copy, lambda t: set_value(t, "char_start", 3, t.column("char_start")[3].as_py() + 1))
    claim_id = table.column("claim_id")[3].as_py()

    assert main(["validate", str(copy)]) == 1
    assert claim_id in capsys.readouterr().out
    report = validate(copy)
    assert list(failed(report)) == [WORDING]
    [row] = failed(report)[WORDING].rows
    assert (row["row"], row["claim_id"]) == (3, claim_id)
    assert row["values"]["text_at_offsets"] == row["values"]["wording"][1:]  # both sides shown, in full


def test_a_duplicated_row_fails_uniqueness_on_both_rows(copy):
    table = edit_claims(copy, lambda t: pa.concat_tables([t, t.slice(5, 1)]))
    report = validate(copy)
    assert not report.success
    assert list(failed(report)) == [UNIQUE_ID, IN_ORDER]  # the copy of row 5 sits after the last row: out of order too
    rows = failed(report)[UNIQUE_ID].rows
    assert [r["row"] for r in rows] == [5, table.num_rows]
    assert {r["claim_id"] for r in rows} == {table.column("claim_id")[5].as_py()}


def test_a_source_missing_from_articles_names_the_claim(copy):
    table = edit_claims(copy, lambda t: set_value(t, "source", 7, "Le Canard imaginaire"))
    assert main(["validate", str(copy)]) == 1
    failures = failed(validate(copy))
    assert SOURCE_IN_ARTICLES in failures
    [row] = failures[SOURCE_IN_ARTICLES].rows
    assert (row["claim_id"], row["source"]) == (table.column("claim_id")[7].as_py(), "Le Canard imaginaire")
    assert all(r.severity == "critical" for r in failures.values())


def test_speaker_is_required_for_quotes_only(copy):
    """The row_condition in the suite limits the check to direct, partial and indirect claims."""
    quotes = []                   # the first two quotation rows (statements sort among them by offset)

    def change(table):
        quotes.extend([i for i, t in enumerate(table.column("claim_type").to_pylist()) if t != "statement"][:2])
        table = set_value(set_value(table, "speaker", quotes[0], None), "speaker", quotes[1], None)
        return set_value(table, "claim_type", quotes[1], "statement")

    table = edit_claims(copy, change)
    failures = failed(validate(copy))
    assert list(failures) == ["expect_column_values_to_not_be_null(speaker)"]
    assert [r["claim_id"] for r in failures["expect_column_values_to_not_be_null(speaker)"].rows] == \
        [table.column("claim_id")[quotes[0]].as_py()]


def test_an_implausible_date_is_only_a_warning(copy):
    edit_claims(copy, lambda t: set_value(t, "published", 0, pa.scalar(0, pa.timestamp("s", tz="UTC")).as_py()))
    report = validate(copy)
    assert report.success
    [warning] = [r for r in report.results if not r.success]
    assert (warning.label, warning.severity) == ("expect_column_values_to_be_between(published)", "warning")
    assert warning.rows[0]["row"] == 0
    assert validate(copy, fail_on="warning").success is False
    assert main(["validate", str(copy), "--fail-on", "warning"]) == 1


def test_a_bare_tables_folder_uses_the_general_relays_and_says_so(tmp_path, capsys):
    bare = tmp_path / "somewhere"
    shutil.copytree(SEEDS / "tables", bare)
    shutil.copy(SEEDS / "reviews.csv", bare / "reviews.csv")
    report = validate(bare)
    assert report.success and any("general relays" in note for note in report.notes)
    assert SPEAKER_IN_REGISTRY in {r.label for r in report.results if not r.success}
    assert main(["validate", str(bare), "--fail-on", "warning"]) == 1
    assert "general relays" in capsys.readouterr().out


def _delete(folder):
    (folder / "tables" / "claims.parquet").unlink()


def _truncate(folder):
    file = folder / "tables" / "claims.parquet"
    file.write_bytes(file.read_bytes()[:500])


def _drop_wording(folder):
    edit_claims(folder, lambda t: t.drop_columns(["wording"]))


def _swap_tables(folder):
    shutil.copy(folder / "tables" / "articles.parquet", folder / "tables" / "claims.parquet")


@pytest.mark.parametrize("damage, words", [
    (_delete, "no claims table"),
    (_truncate, "cannot be read as Parquet"),
    (_drop_wording, "lacks the column wording"),
    (_swap_tables, "holds the articles table"),
])
def test_unusable_claims_table_exits_2_naming_the_file(copy, capsys, damage, words):
    damage(copy)
    assert main(["validate", str(copy)]) == 2
    err = capsys.readouterr().err
    assert str(copy / "tables" / "claims.parquet") in err and words in err


def test_json_and_junit_reports_carry_the_failure(copy, capsys):
    table = edit_claims(copy, lambda t: set_value(t, "char_start", 3, t.column("char_start")[3].as_py() + 1))
    claim_id = table.column("claim_id")[3].as_py()

    assert main(["validate", str(copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["success"] is False
    [bad] = [r for r in data["results"] if not r["success"]]
    assert bad["columns"] == ["wording", "text_at_offsets"] and bad["rows"][0]["claim_id"] == claim_id

    assert main(["validate", str(copy), "--format", "junit"]) == 1
    root = ET.fromstring(capsys.readouterr().out)
    assert root.get("failures") == "1"
    [case] = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert case.get("name") == WORDING and claim_id in case.find("failure").text


def test_one_suite_by_name_and_an_unknown_suite(capsys):
    report = validate(SEEDS, suite="integrity_articles")
    assert {r.suite for r in report.results} == {"integrity_articles"}
    assert main(["validate", str(SEEDS), "--suite", "nonesuch"]) == 2
    assert "integrity_claims" in capsys.readouterr().err


def test_a_users_suite_file_runs_and_a_suite_without_severity_is_refused(tmp_path, capsys):
    mine = json.loads(SUITES["integrity_claims"].file.read_text(encoding="utf-8"))
    mine["name"] = "mine"
    mine["expectations"] = [e for e in mine["expectations"] if e["type"] == "expect_column_values_to_be_unique"]
    file = tmp_path / "mine.json"
    file.write_text(json.dumps(mine), encoding="utf-8")
    report = validate(SEEDS, suite=file)
    assert [r.label for r in report.results] == [UNIQUE_ID] and report.success

    del mine["expectations"][0]["severity"]
    file.write_text(json.dumps(mine), encoding="utf-8")
    assert main(["validate", str(SEEDS), "--suite", str(file)]) == 2
    assert "has no severity" in capsys.readouterr().err


def test_data_docs_are_written_into_out_only(tmp_path):
    out = tmp_path / "docs"
    report = validate(SEEDS, docs=out)
    assert report.docs == out / "index.html" and report.docs.exists()
    assert sorted(p.name for p in (out / "expectations").iterdir()) == [
        "consistency.html", "integrity_articles.html", "integrity_claims.html"]
    assert len(list((out / "validations").rglob("*.html"))) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["docs"]


@pytest.mark.parametrize("name", list(SUITES))
def test_suite_files_are_what_gx_writes(name):
    suite = SUITES[name]
    assert gx_backend.dumps(gx_backend.load_suite(suite)) == suite.file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, schema", [("integrity_articles", ARTICLES), ("integrity_claims", CLAIMS)])
def test_column_lists_are_the_schema_then_the_derived_columns(name, schema):
    [columns] = [e["kwargs"]["column_list"] for e in SUITES[name].read()["expectations"]
                 if e["type"] == "expect_table_columns_to_match_ordered_list"]
    assert columns == schema.names + list(DERIVED[SUITES[name].table])
