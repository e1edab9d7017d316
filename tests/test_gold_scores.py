"""Issue 3 targets, measured on the hand-written gold (seed articles and the test corpus in other styles).

The same figures are printed, with every miss, by `python bench/score_extraction.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from score_extraction import TYPES, predictions  # noqa: E402

from toolkit.evaluate import score  # noqa: E402


@pytest.fixture(scope="module")
def lenient():
    texts, gold, predicted = predictions()
    assert len(gold) > 150
    return score(gold, predicted, texts, 0.5, TYPES)


def test_direct_quotation_f1(lenient):
    assert lenient.prf("direct")[2] >= 0.97


@pytest.mark.parametrize("claim_type, floor", [("partial", 0.9), ("indirect", 0.97)])   # indirect: 0.985 measured (issue 11)
def test_partial_and_indirect_recall(lenient, claim_type, floor):
    assert lenient.prf(claim_type)[1] >= floor


def test_speaker_accuracy_on_matched_claims(lenient):
    assert lenient.speaker_ok / lenient.matched >= 0.95


def test_relay_accuracy_on_matched_claims(lenient):
    assert lenient.via_ok / lenient.matched >= 0.9


def test_nothing_spurious_beyond_a_few(lenient):
    p, _, _ = lenient.prf()
    assert p >= 0.95, [(c.article_id, c.wording[:40]) for c in lenient.spurious]


def test_speaker_accuracy_with_no_registry():
    """The same gold built as a newcomer's plain folders: no registry.toml, general relays only (ratchet)."""
    texts, gold, predicted = predictions(no_registry=True)
    plain = score(gold, predicted, texts, 0.5, TYPES)
    # Issue 11 matched 9 more claims (short fragments and reports whose speaker the resolver does not name yet):
    # correct speakers rose from 462 to 467 while the share of matched claims fell from 0.842 to 0.837. Both are held.
    # The second round of issue 9 (real press phrasing: « indique-t-on à … », possessives, coordinated verbs…): 473.
    # The fourth round (roles people cumulate, bare appositions, relative clauses, documents' participles): 482/558.
    assert plain.speaker_ok / plain.matched >= 0.863
    assert plain.speaker_ok >= 482


def test_seed_statements_recall_with_places_and_participants():
    """Issue 11: the seeds' statements, places and participants included (`python bench/score_statements.py`):
    recall 0.357 -> 0.946 (53/56); each slot held at 0.85."""
    from score_statements import SLOTS, measure
    result = measure()
    found = sum(result[slot][0] for slot in SLOTS)
    total = sum(result[slot][1] for slot in SLOTS)
    assert found / total >= 0.9, result["misses"]
    for slot in ("place", "participants"):
        assert result[slot][0] / result[slot][1] >= 0.85, (slot, result["misses"])
