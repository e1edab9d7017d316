"""toolkit.load_* with columns and filters: the rows pyarrow's own filtering gives, read without pyarrow.dataset,
skipping the row groups whose statistics rule every row out."""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit import tables
from toolkit.schema import CLAIMS, EXTRACTOR_VERSION, table as schema_table
from toolkit.tables import write_tables

SPEAKERS = ("Ada Martin", "Paul Roux", None, "Nadia Ferhat")


@pytest.fixture(scope="module")
def claims_folder(tmp_path_factory, monkeypatch_module):
    """200 claims of 40 articles (sorted by article, as builds write them), in row groups of 32 rows."""
    monkeypatch_module.setattr(tables, "ROW_GROUP_ROWS", 32)
    columns = {name: [] for name in CLAIMS.names}
    for k in range(200):
        speaker = SPEAKERS[k % 4]
        values = {"claim_id": f"c{k:04d}", "article_id": f"a{k // 5:03d}", "source": f"outlet-{k % 3}",
                  "published": datetime(2024, 1, 1 + k % 28, tzinfo=timezone.utc), "event": f"e{k // 20}",
                  "claim_type": ("direct", "indirect", "partial", "statement")[k % 4], "speaker": speaker,
                  "via": "AFP" if k % 7 == 0 else None, "speaker_mention": ("il", "elle")[k % 2], "wording": f"mot {k}", "char_start": k, "char_end": k + 5,
                  "sentence_start": k, "sentence_end": k + 6,
                  "extractor_version": EXTRACTOR_VERSION}
        for name in CLAIMS.names:
            columns[name].append(values.get(name))
    out = tmp_path_factory.mktemp("load") / "tables"
    write_tables(out, {"claims": schema_table(columns, CLAIMS, "claims")}, {})
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_table_is_written_in_row_groups(claims_folder):
    assert pq.ParquetFile(claims_folder / "claims.parquet").metadata.num_row_groups == 7      # 200 rows / 32


FILTERS = [
    [("claim_type", "=", "direct")],
    [("article_id", "=", "a007")],
    [("article_id", "in", ["a001", "a039"]), ("via", "=", "AFP")],
    [("speaker", "in", ["Ada Martin", "Paul Roux"])],
    [("speaker", "not in", ["Ada Martin"])],
    [("speaker", "!=", "Ada Martin")],
    [("char_start", ">=", 150), ("char_start", "<", 160)],
    [("char_end", "<=", 7)],
    [("published", ">", datetime(2024, 1, 20, tzinfo=timezone.utc))],
    [[("article_id", "=", "a000")], [("article_id", "=", "a020"), ("claim_type", "=", "partial")]],
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_filters_give_the_rows_pyarrow_gives(claims_folder, filters):
    got = toolkit.load_claims(claims_folder, columns=["claim_id", "speaker"], filters=filters)
    expected = pq.read_table(claims_folder / "claims.parquet", columns=["claim_id", "speaker"], filters=filters)
    assert list(got.columns) == ["claim_id", "speaker"]
    assert got["claim_id"].tolist() == expected.column("claim_id").to_pylist()


def test_a_filter_picks_the_rows_the_input_has(claims_folder):
    # a007 holds claims 35..39; of them 36 (k % 4 == 0) is direct
    got = toolkit.load_claims(claims_folder, columns=["claim_id"], filters=[("article_id", "=", "a007"), ("claim_type", "=", "direct")])
    assert got["claim_id"].tolist() == ["c0036"]
    # claims 0, 7, 14... are relayed by AFP; speaker Ada Martin is k % 4 == 0: 0, 28, 56, ..., 196
    afp = toolkit.load_claims(claims_folder, columns=["claim_id"], filters=[("via", "=", "AFP"), ("speaker", "=", "Ada Martin")])
    assert afp["claim_id"].tolist() == [f"c{k:04d}" for k in range(0, 200, 28)]


def test_row_groups_ruled_out_by_their_statistics_are_not_read(claims_folder, monkeypatch):
    read = []
    original = pq.ParquetFile.read_row_groups
    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", lambda self, groups, **kw: read.append(list(groups)) or original(self, groups, **kw))
    got = toolkit.load_claims(claims_folder, columns=["claim_id"], filters=[("article_id", "=", "a007")])
    assert got["claim_id"].tolist() == [f"c{k:04d}" for k in range(35, 40)]
    assert read == [[1]]                # rows 32..63


def test_the_filtered_columns_need_not_be_asked_for_and_every_column_comes_without_any(claims_folder):
    assert list(toolkit.load_claims(claims_folder, columns=["wording"], filters=[("claim_type", "=", "statement")]).columns) == ["wording"]
    assert toolkit.load_claims(claims_folder).shape == (200, len(CLAIMS.names))


def test_text_columns_come_back_as_text_however_they_are_stored(claims_folder):
    """Ids and wordings (every value distinct) are written without a Parquet dictionary; a text column of few values
    keeps one and is read as a dictionary when filtered: either way the rows come back as the schema's text."""
    meta = pq.ParquetFile(claims_folder / "claims.parquet").metadata
    chunk = {meta.row_group(0).column(i).path_in_schema: meta.row_group(0).column(i) for i in range(meta.num_columns)}
    assert not chunk["claim_id"].has_dictionary_page and not chunk["wording"].has_dictionary_page
    assert chunk["speaker_mention"].has_dictionary_page
    read = tables.read_table(claims_folder, "claims", columns=["claim_id", "speaker_mention", "wording"],
                             filters=[("claim_type", "=", "direct")])
    assert [f.type for f in read.schema] == [CLAIMS.field(n).type for n in ("claim_id", "speaker_mention", "wording")]
    # direct claims are k % 4 == 0, so k is even and the mention is « il »
    assert read.column("claim_id").to_pylist() == [f"c{k:04d}" for k in range(0, 200, 4)]
    assert set(read.column("speaker_mention").to_pylist()) == {"il"}
    elle = toolkit.load_claims(claims_folder, columns=["claim_id", "speaker_mention"], filters=[("speaker_mention", "=", "elle")])
    assert elle["claim_id"].tolist() == [f"c{k:04d}" for k in range(1, 200, 2)]
    assert str(elle["speaker_mention"].dtype) == "string[pyarrow]"


def test_a_malformed_filter_is_a_clear_error(claims_folder):
    with pytest.raises(ValueError, match="op one of"):
        toolkit.load_claims(claims_folder, filters=[("claim_type", "~", "direct")])
    with pytest.raises(ValueError, match="unknown column"):
        toolkit.load_claims(claims_folder, filters=[("kind", "=", "direct")])
    with pytest.raises(ValueError, match="does not fit"):
        toolkit.load_claims(claims_folder, filters=[("char_start", "=", "ten")])
