"""The frames validation prepares: derived columns computed by the checker (no Great Expectations here)."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.validate.prepare import _in_order, _in_order_row_by_row

FRAMES = {
    "sorted": {"a": ["x", "x", "y", "y"], "s": [0, 5, 1, 1]},
    "a row before its previous one": {"a": ["x", "y", "x", "y"], "s": [0, 1, 2, 3]},
    "offsets going back": {"a": ["x", "x", "x"], "s": [5, 3, 9]},
    "a null article": {"a": ["x", None, "y"], "s": [0, 1, 2]},
    "a null offset": {"a": ["x", "x", "x"], "s": [0, None, 2]},
    "one row": {"a": ["x"], "s": [3]},
    "no row": {"a": [], "s": []},
}


@pytest.mark.parametrize("name", FRAMES)
def test_rows_in_order_whole_columns_or_row_by_row_agree(name):
    frame = pd.DataFrame(FRAMES[name])
    for categorical in (False, True):
        if categorical:
            frame["a"] = frame["a"].astype("category")
        keys = list(zip(frame["a"].tolist(), frame["s"].tolist()))
        assert _in_order(frame, ["a", "s"]) == _in_order_row_by_row(keys)


def test_rows_in_order_read_from_the_input():
    assert _in_order(pd.DataFrame(FRAMES["sorted"]), ["a", "s"]) == [True] * 4
    # ("x", 2) comes after ("y", 1): out of order; ("y", 3) is after the last row in order, ("y", 1)
    assert _in_order(pd.DataFrame(FRAMES["a row before its previous one"]), ["a", "s"]) == [True, True, False, True]
    assert _in_order(pd.DataFrame(FRAMES["a null article"]), ["a", "s"]) == [True, False, True]


def test_text_at_offsets_is_none_where_the_offsets_cannot_index_the_text():
    from toolkit.validate.prepare import _texts_at_offsets

    texts = {"a": "Il a dit « non ».", "b": None}
    ids = ["a", "a", "a", "b", "c"]
    starts, ends = pd.Series([11, -1, 5, 0, 0]), pd.Series([14, 3, 40, 2, 2])
    expected = ["non", None, None, None, None]
    assert _texts_at_offsets(texts, ids, starts, ends) == expected
    # offsets with a null (a float column) go through the slower reading, same answers
    assert _texts_at_offsets(texts, ids + ["a"], pd.Series([11, -1, 5, 0, 0, None]), pd.Series([14, 3, 40, 2, 2, 3])) == expected + [None]
