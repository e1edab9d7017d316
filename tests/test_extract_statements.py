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


@pytest.mark.parametrize("sentence, text, value", [
    ("La ministre s'est rendue jeudi au centre de Bellecour, dans l'ouest de la ville.", "centre de Bellecour", "Bellecour"),
    ("Les deux élus se sont retrouvés dans l'Est de la Savoie.", "l'Est de la Savoie", "est Savoie"),
    ("Arrivé mardi soir à Grenoble, le convoi est reparti jeudi.", "Grenoble", "Grenoble"),
    ("Parti dimanche soir de Valence à bord d'un car, le groupe est arrivé lundi.", "Valence", "Valence"),
    ("Le salon se tient en Belgique jusqu'à dimanche.", "Belgique", "Belgique"),
])
def test_places_are_read_without_a_registry(sentence, text, value):
    places = [c for c in by_type(sentence, "statement", published=PUBLISHED) if c.fact_slot == "place"]
    assert (places[0].fact_text, places[0].fact_value) == (text, value)


@pytest.mark.parametrize("sentence", [
    "Le texte sera présenté en Conseil des ministres mercredi.",     # a listed non-place
    "Anne Dupont a écrit à Paul Martin mercredi.",                   # a person after « à »
    "Les touristes sont revenus de leur voyage en bon état.",        # no capitalised name
])
def test_no_place_where_nothing_names_one(sentence):
    assert [c.fact_text for c in by_type(sentence, "statement", published=PUBLISHED) if c.fact_slot == "place"] == []


@pytest.mark.parametrize("sentence, text, value", [
    ("Anne Dupont et le maire de Lyon Jean Roux ont visité l'usine mercredi.",
     "Anne Dupont et le maire de Lyon Jean Roux", "Anne Dupont; Jean Roux"),
    ("Anne Dupont rencontre Paul Martin ce mercredi à Lyon.", "Anne Dupont rencontre Paul Martin", "Anne Dupont; Paul Martin"),
    # « la ministre » is Anne Dupont in the test registry; her counterpart is unnamed
    ("La ministre rencontre son homologue allemand ce mercredi à Lyon.", "ministre rencontre son homologue allemand", "Anne Dupont"),
    ("Le maire rencontre son homologue allemand ce mercredi à Lyon.", "Le maire rencontre son homologue allemand", ""),
    ("Les discussions avec Paul Martin ont duré deux heures.", "discussions avec Paul Martin", "Paul Martin"),
    ("Les discussions entre Anne Dupont et Paul Martin ont duré deux heures.", "Anne Dupont et Paul Martin",
     "Anne Dupont; Paul Martin"),
    ("Mercredi, les deux dirigeants ont visité le chantier.", "les deux dirigeants", "les deux dirigeants"),
])
def test_participants_are_who_took_part(sentence, text, value):
    found = [c for c in by_type(sentence, "statement", published=PUBLISHED) if c.fact_slot == "participants"]
    assert (found[0].fact_text, found[0].fact_value or "") == (text, value)


@pytest.mark.parametrize("sentence", [
    "La manifestation de samedi n'a pas rencontré le succès escompté.",      # a thing met, nobody
    "Le projet a reçu un avis favorable de Paul Martin.",                     # receiving is no meeting
])
def test_no_participants_without_people_meeting(sentence):
    assert [c.fact_text for c in by_type(sentence, "statement", published=PUBLISHED) if c.fact_slot == "participants"] == []
