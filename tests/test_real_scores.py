"""Ratchets on real press text built with no registry, scored by the project's judge (../shared/realdev/score.py).

The shared development sets sit beside the repository in CI (`../shared`); without them these tests are skipped.
Floors are the figures measured when they were last raised: a change that lowers one fails here. No rule, word list or
test exists for one of these articles; they only measure."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import toolkit

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FLOORS = {   # set, lenient F1, speaker accuracy on matched claims, correct speakers over all gold rows (no registry)
    # Issue 11 found far more claims (lenient F1 0.836 -> 0.937 and 0.680 -> 0.863); many of the new ones have a speaker
    # the resolver does not name yet, so the share of matched claims with the right speaker fell (0.892 -> 0.843,
    # 0.753 -> 0.634) while the gold rows given the right speaker rose (0.693 -> 0.786, 0.452 -> 0.535). All three held.
    # Then « La Chine a appelé… », « la présidence a indiqué… » and « «X» appelle » as subjects: 0.863 and 0.718.
    # Then the second round of issue 9 (fragments given to their sentence's subject, coordinated verbs, well-known
    # institutions, quoted names of bodies, documents speak for their issuer…): 0.947 / 0.882 and 0.809 / 0.684.
    # Then the second round of issue 11 (clauses with quoted words before their incise, dénoncer/faire part + noun,
    # long fragments nobody is given, infinitive cues, broken straight quotes…): lenient F1 0.937 -> 0.963 and
    # 0.866 -> 0.925, gold rows with the right speaker 0.882 -> 0.907 and 0.684 -> 0.716; the new claims' speakers are
    # often descriptions the resolver does not name without a registry (« la compagnie de transport londonienne »,
    # « le militant CFDT »), so the share on matched claims fell 0.947 -> 0.924 and 0.809 -> 0.766.
    # Then « Le militant CFDT » read as a person described by their body, not the body: 0.934 and 0.916 on realdev.
    # Third round of issue 11 (labels printed without marks, expectations, beliefs, requests, present-tense clauses
    # before an incise): lenient F1 0.963 -> 0.967 and 0.925 -> 0.928 (precision 0.960 -> 0.966, 0.953 -> 0.958).
    # Fourth round of issue 9 (asides in incises, roles people cumulate, bare appositions, places in descriptions,
    # relative clauses, a participle after a document or a closed incise): realdev 0.934 -> 0.943 and 0.916 -> 0.925.
    "realdev": (0.965, 0.94, 0.92),
    "realdev2": (0.925, 0.76, 0.71),
}

# pairwise alignment F1 across articles (claims in one cluster iff one gold utterance); realdev2 has no event covered
# twice. Issue 10: links need evidence of one statement (0.920 -> 0.989)
# Issue 11's second round matched more gold rows in realdev (quotations a broken straight mark hid, among others):
# correctly linked pairs rose 88 -> 94 with no false link, but the pairs the new rows bring are not all linked yet
# (« Le militant CFDT » read as the union, not the person just quoted): pairwise F1 0.989 -> 0.954.
# Then « Le militant CFDT » as the person: 0.961.
ALIGNMENT_FLOORS = {"realdev": 0.96}

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (SHARED / "realdev" / "score.py").exists(),
                                                    reason="../shared/realdev is not beside the repository")]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("realdev_score", SHARED / "realdev" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_articles_with_no_registry_stay_above_their_floors(name, scorer, tmp_path):
    toolkit.build(SHARED / name / "articles", tmp_path / "tables")
    result = scorer.score(tmp_path / "tables" / "claims.parquet", SHARED / name / "quotes.csv")
    lenient, speaker, over_gold = FLOORS[name]
    assert result["lenient"]["f1"] >= lenient, result
    assert result["speaker_accuracy_on_matched"] >= speaker, result
    assert result["speaker_correct_over_gold"] >= over_gold, result
    if name in ALIGNMENT_FLOORS:
        assert result["alignment_pairwise"]["f1"] >= ALIGNMENT_FLOORS[name], result["alignment_pairwise"]
