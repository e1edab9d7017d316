"""Issue 2: every direct quotation of the seed articles is found with its speaker (gold written by reading them)."""

from __future__ import annotations

import pytest

import toolkit
from conftest import gold_rows
from toolkit.text import fold

def _case(row):
    return pytest.param(row, id=f"{row['article_id'][:3]}:{row['wording'][:30]}")


DIRECT = [r for r in gold_rows() if r["claim_type"] == "direct"]


@pytest.fixture(scope="module")
def claims(seed_build):
    return toolkit.load_claims(seed_build, filters=[("claim_type", "=", "direct")])


@pytest.mark.parametrize("gold", [_case(r) for r in DIRECT])
def test_direct_quotation_found_with_speaker(claims, gold):
    mine = claims[(claims.article_id == gold["article_id"]) & (claims.wording == gold["wording"])]
    assert len(mine) == 1, "quotation not extracted with exactly this wording"
    assert fold(mine.iloc[0].speaker) == fold(gold["speaker"])


def test_every_seed_article_has_direct_quotations(claims):
    assert set(claims.article_id) == {r["article_id"] for r in DIRECT}
