"""Validation never says "pass" on broken tables: every table, its presence, schema, schema version and row order."""

from __future__ import annotations

import json
import os
import random
import shutil

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import SEEDS
from toolkit.cli.main import main
from toolkit.schema import METADATA_KEY
from toolkit.validate import validate

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (SEEDS / "tables" / "claims.parquet").exists(), reason="run `claims build` first")]


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "dataset"
    shutil.copytree(SEEDS / "tables", folder / "tables")
    shutil.copy(SEEDS / "registry.toml", folder / "registry.toml")
    shutil.copy(SEEDS / "reviews.csv", folder / "reviews.csv")
    return folder


def rewrite(folder, name, change=lambda t: t, metadata=None):
    file = folder / "tables" / f"{name}.parquet"
    table = pq.read_table(file)
    changed = change(table)
    pq.write_table(changed.replace_schema_metadata(metadata if metadata is not None else table.schema.metadata), file)
    return table


def exits(folder, capsys, *extra):
    code = main(["validate", str(folder), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_deleted_table_is_unusable_input(copy, capsys):
    (copy / "tables" / "clusters.parquet").unlink()
    code, _, err = exits(copy, capsys)
    assert code == 2 and "clusters.parquet" in err


def test_random_bytes_and_an_empty_file_are_unusable_input(copy, capsys):
    (copy / "tables" / "clusters.parquet").write_bytes(random.Random(1).randbytes(3000))
    code, _, err = exits(copy, capsys)
    assert code == 2 and "clusters.parquet" in err
    shutil.copy(SEEDS / "tables" / "clusters.parquet", copy / "tables" / "clusters.parquet")
    (copy / "tables" / "reuse.parquet").write_bytes(b"")
    code, _, err = exits(copy, capsys)
    assert code == 2 and "reuse.parquet" in err


def test_a_table_that_is_a_folder_is_unusable_input(copy, capsys):
    (copy / "tables" / "claims.parquet").unlink()
    (copy / "tables" / "claims.parquet").mkdir()
    code, _, err = exits(copy, capsys)
    assert code == 2 and "claims.parquet: is not a file" in err


@pytest.mark.parametrize("version", [b"2.0", b"0.1-old"])
def test_another_schema_version_is_unusable_input(copy, capsys, version):
    meta = dict(pq.read_schema(copy / "tables" / "articles.parquet").metadata)
    meta[METADATA_KEY] = version
    rewrite(copy, "articles", metadata=meta)
    code, _, err = exits(copy, capsys)
    assert code == 2 and "articles.parquet" in err and version.decode() in err


def test_a_retyped_column_is_unusable_input(copy, capsys):
    def retype(table):
        index = table.schema.get_field_index("problems")
        as_text = pa.array([json.dumps(v) for v in table.column("problems").to_pylist()], pa.string())
        return table.set_column(index, pa.field("problems", pa.string()), as_text)

    rewrite(copy, "articles", retype)
    code, _, err = exits(copy, capsys)
    assert code == 2 and "field 'problems'" in err and "list<item: string>" in err


def test_invalid_utf8_in_wording_is_unusable_input_in_every_format(copy, capsys):
    def spoil(table):
        index = table.schema.get_field_index("wording")
        bad = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(b"\0\0\0\0\2\0\0\0"), pa.py_buffer(b"\xff\xfe")])
        values = pa.concat_arrays([bad, pa.array(table.column("wording").to_pylist()[1:], pa.string())])
        return table.set_column(index, table.schema.field(index), values)

    rewrite(copy, "claims", spoil)
    for fmt in ("text", "json", "junit"):
        code, _, err = exits(copy, capsys, "--format", fmt)
        assert code == 2 and "claims.parquet" in err and "UTF8" in err


def test_shuffled_claim_rows_fail_the_order_expectation(copy):
    def shuffle(table):
        order = list(range(table.num_rows))
        random.Random(3).shuffle(order)
        return table.take(order)

    rewrite(copy, "claims", shuffle)
    report = validate(copy)
    assert not report.success
    assert "expect_column_values_to_be_in_set(in_table_order)" in {r.label for r in report.failures if r.severity == "critical"}


def test_findings_that_point_at_missing_claims_fail(copy):
    rewrite(copy, "claims", lambda t: t.slice(0, 0))
    report = validate(copy)
    assert not report.success
    labels = {r.label for r in report.failures if r.severity == "critical"}
    assert "expect_column_values_to_be_in_set(claims_listed)" in labels


def test_claims_whose_article_is_not_listed_fail(copy):
    claims = pq.read_table(copy / "tables" / "claims.parquet", columns=["article_id"]).column("article_id").to_pylist()
    gone = claims[0]
    rewrite(copy, "articles", lambda t: t.filter(pc.not_equal(t.column("article_id"), gone)))
    report = validate(copy)
    found = {r.label: r for r in report.failures if r.severity == "critical"}
    listed = found["expect_column_values_to_be_in_set(article_listed)"]
    assert listed.unexpected_count == claims.count(gone)
    assert {row["article_id"] for row in listed.rows} == {gone}
    assert all(row["values"] == {"article_listed": False} for row in listed.rows)


def test_claims_whose_cluster_is_not_listed_fail(copy):
    rewrite(copy, "clusters", lambda t: t.slice(1))
    report = validate(copy)
    assert "expect_column_values_to_be_in_set(cluster_listed)" in {r.label for r in report.failures if r.severity == "critical"}


def test_a_wording_past_its_sentence_is_critical(copy):
    def stretch(table):
        index = table.schema.get_field_index("sentence_end")
        ends = table.column("sentence_end").to_pylist()
        ends[0] = table.column("char_end")[0].as_py() - 1
        return table.set_column(index, table.schema.field(index), pa.array(ends, pa.int32()))

    rewrite(copy, "claims", stretch)
    report = validate(copy)
    assert not report.success


def test_check_build_with_a_corrupt_table_reports_it(tmp_path, capsys):
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "a.txt").write_text("« Nous tiendrons », a déclaré Anne Dupont.", encoding="utf-8")
    assert main(["build", str(folder), "--quiet"]) == 0
    (folder / "tables" / "clusters.parquet").write_bytes(os.urandom(100))
    assert main(["validate", str(folder), "--check-build"]) == 1
    out, err = capsys.readouterr()
    assert "clusters" in out and "Traceback" not in out + err


def test_data_docs_never_show_article_values_unescaped(copy, tmp_path):
    script, image = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"

    def hostile(table):
        for column, rows, value in (("article_id", (0, 1), script), ("source", (2,), image)):
            index = table.schema.get_field_index(column)
            values = table.column(column).to_pylist()
            for row in rows:
                values[row] = value
            array = pa.array(values, pa.string())
            if pa.types.is_dictionary(table.schema.field(index).type):
                array = array.dictionary_encode()
            table = table.set_column(index, table.schema.field(index), array)
        return table

    rewrite(copy, "articles", hostile)
    report = validate(copy, docs=tmp_path / "docs")
    assert "expect_column_values_to_be_unique(article_id)" in {r.label for r in report.failures}
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "docs").rglob("*.html"))
    assert script not in pages and image not in pages and "<script>alert" not in pages and "<img src=x" not in pages
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages  # still shown, as text
    assert script in report.to_json()  # the JSON report keeps the values as they are (JSON escapes them itself)


def test_data_docs_for_a_bare_tables_folder_given_by_absolute_path(tmp_path, capsys):
    bare = tmp_path / "some where" / "tables"
    shutil.copytree(SEEDS / "tables", bare)
    shutil.copy(SEEDS / "reviews.csv", bare / "reviews.csv")
    code = main(["validate", str(bare.resolve()), "--docs", str(tmp_path / "docs")])
    out, err = capsys.readouterr()
    assert code == 0 and "must not contain" not in out + err
    assert len(list((tmp_path / "docs" / "validations").rglob("*.html"))) == 3  # one page per suite, none dropped
