"""Building the tables: offsets, determinism, atomic writes, loading with columns and filters."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit.pipeline import build
from toolkit.errors import CannotWrite, CorruptTable, MissingTable
from toolkit.schema import CLAIMS, METADATA_KEY, SCHEMA_VERSION


def test_every_wording_is_the_article_text_at_its_offsets(seed_build):
    claims = toolkit.load_claims(seed_build)
    texts = toolkit.load_articles(seed_build).set_index("article_id")["text"]
    assert len(claims) > 50
    for row in claims.itertuples():
        assert texts[row.article_id][row.char_start:row.char_end] == row.wording, row.claim_id


def test_schema_types_and_version_are_stored(seed_build):
    schema = pq.read_schema(seed_build / "claims.parquet")
    assert schema.names == CLAIMS.names
    assert str(schema.field("char_start").type) == "int32"
    assert str(schema.field("speaker").type).startswith("dictionary")
    assert schema.metadata[METADATA_KEY].decode() == SCHEMA_VERSION


def test_two_builds_give_the_same_ids_and_order(seed_copy, tmp_path):
    build(seed_copy, tmp_path / "one", progress=False)
    build(seed_copy, tmp_path / "two", progress=False)
    one = pq.read_table(tmp_path / "one" / "claims.parquet")
    two = pq.read_table(tmp_path / "two" / "claims.parquet")
    assert one.equals(two)
    ids = one.column("claim_id").to_pylist()
    assert len(ids) == len(set(ids))


def test_a_build_that_fails_midway_leaves_the_old_tables_intact(seed_copy, tmp_path, monkeypatch):
    out = tmp_path / "tables"
    build(seed_copy, out, progress=False)
    before = pq.read_table(out / "claims.parquet")
    written = []

    def crash_on_second(table, where, **kwargs):
        if ".tables.tmp-" in str(where):        # a table, not a file of the build cache
            written.append(where)
        if len(written) == 2:
            raise OSError("disk full")
        return original(table, where, **kwargs)

    import toolkit.tables

    original = toolkit.tables.pq.write_table
    monkeypatch.setattr(toolkit.tables.pq, "write_table", crash_on_second)
    (seed_copy / "000_228e09c1b8d5bd34.txt").write_text("« Tout autre texte », a dit Paul.", encoding="utf-8")
    with pytest.raises(CannotWrite, match="disk full"):
        build(seed_copy, out, progress=False)
    assert pq.read_table(out / "claims.parquet").equals(before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "tables", "tables.cache"]   # no temporary folder left


def test_bad_input_never_replaces_the_previous_tables(seed_copy, tmp_path):
    out = tmp_path / "tables"
    build(seed_copy, out, progress=False)
    before = pq.read_table(out / "claims.parquet")
    (seed_copy / "manifest.csv").write_text("file,published\n000_228e09c1b8d5bd34.txt,hier\n", encoding="utf-8")
    with pytest.raises(Exception, match="published"):
        build(seed_copy, out, progress=False)
    assert pq.read_table(out / "claims.parquet").equals(before)


def test_load_claims_reads_only_requested_columns_and_pushes_filters(seed_build):
    df = toolkit.load_claims(seed_build, columns=["claim_id", "speaker", "claim_type"],
                             filters=[("claim_type", "=", "direct")])
    assert list(df.columns) == ["claim_id", "speaker", "claim_type"]
    assert set(df["claim_type"]) == {"direct"} and len(df) > 20
    assert all(str(t).endswith("[pyarrow]") for t in df.dtypes)


def test_load_claims_without_path_reads_the_bundled_dataset():
    df = toolkit.load_claims(columns=["source"])
    assert "BFMTV" in set(df["source"])


def test_missing_and_corrupt_tables_are_named(tmp_path):
    with pytest.raises(MissingTable, match="claims.parquet"):
        toolkit.load_claims(tmp_path)
    (tmp_path / "claims.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(CorruptTable, match="claims.parquet"):
        toolkit.load_claims(tmp_path)


def test_output_folder_with_foreign_files_is_refused(seed_copy, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(Exception, match="not tables"):
        build(seed_copy, out, progress=False)
    assert (out / "notes.txt").read_text() == "keep me"


def test_an_article_in_a_language_without_data_is_kept_and_noted(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "fr.txt").write_text("« Nous tiendrons », a déclaré Anne Dupont.", encoding="utf-8")
    (folder / "en.txt").write_text('"We will hold", said Anne Dupont.', encoding="utf-8")
    (folder / "manifest.csv").write_text("file,language\nen.txt,en\nfr.txt,fr\n", encoding="utf-8")
    build(folder, tmp_path / "t", progress=False)
    articles = toolkit.load_articles(tmp_path / "t").set_index("article_id")
    assert "no language data for 'en'" in articles.loc["en", "problems"][0]
    assert set(toolkit.load_claims(tmp_path / "t").article_id) == {"fr"}


def test_unknown_column_is_named_in_the_error(seed_build):
    with pytest.raises(ValueError, match="unknown column.*speakr"):
        toolkit.load_claims(seed_build, columns=["speakr"])
    with pytest.raises(ValueError, match="unknown column.*kind"):
        toolkit.load_claims(seed_build, filters=[("kind", "=", "direct")])


def test_out_without_input_is_refused():
    with pytest.raises(ValueError, match="needs an input folder"):
        build(None, "/tmp/never-written")
