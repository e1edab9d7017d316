"""The journalist's own facts, normalised against the publication date so outlets can be compared."""

from __future__ import annotations

import pytest

from helpers import by_type

PUBLISHED = "2023-09-13"   # a Wednesday


@pytest.mark.parametrize("sentence, slot, value, qualifier", [
    ("Les deux dirigeants se sont retrouvés mercredi au cosmodrome.", "date", "2023-09-13", "exact"),
    ("Il est arrivé mardi soir en Russie.", "date", "2023-09-12", "exact"),
    ("La rencontre aura lieu jeudi prochain.", "date", "2023-09-14", "exact"),
    ("Le sommet s'est tenu le 12 mars 2024 à Lyon.", "date", "2024-03-12", "exact"),
    ("Les discussions ont pris fin après plus de deux heures.", "duration", "PT2H", "more_than"),
    ("La visite a duré une heure.", "duration", "PT1H", "exact"),
    ("La verrerie emploie 1 200 salariés.", "count", "1200", "exact"),
    ("Le programme a connu deux lancements ratés cette année.", "count", "2", "exact"),
    ("Il s'agit de la deuxième rencontre entre les deux hommes.", "ordinal", "2", "exact"),
])
def test_fact_is_normalised(sentence, slot, value, qualifier):
    facts = [c for c in by_type(sentence, "statement", published=PUBLISHED) if c.fact_slot == slot]
    assert facts, f"no {slot} found"
    assert (facts[0].fact_value, facts[0].fact_qualifier) == (value, qualifier)
    assert facts[0].wording in sentence and facts[0].speaker is None


def test_counted_thing_is_recorded():
    (fact,) = [c for c in by_type("Le programme a connu deux lancements ratés cette année.", "statement") if c.fact_slot == "count"]
    assert fact.fact_about == "lancements ratés"


def test_reported_sentences_are_not_statements():
    assert by_type("Selon Anne Dupont, la visite a duré deux heures.", "statement") == []


def test_one_row_per_fact_with_distinct_ids():
    facts = by_type("Mardi 12 mars, la ministre a passé plus de deux heures avec 300 salariés.", "statement")
    assert {f.fact_slot for f in facts} == {"date", "duration", "count"}
    assert len({f.claim_id for f in facts}) == len(facts)
