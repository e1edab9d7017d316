"""The intermediary (`via`) named in the claim's own sentence, canonicalised through the relay registry."""

from __future__ import annotations

import pytest

from helpers import by_type, claims


@pytest.mark.parametrize("text, via", [
    ("« Nous tiendrons », a déclaré Anne Dupont, selon l'AFP.", "AFP"),
    ("« Nous tiendrons », a déclaré Anne Dupont, comme l'a rapporté l'agence TASS.", "TASS"),
    ("« Nous tiendrons », a dit Anne Dupont dont les propos étaient rapportés par la télévision russe.", "télévision russe"),
    ("« Nous tiendrons », a dit Anne Dupont, selon des agences de presse russes.", "agences de presse russes"),
    ("« Nous tiendrons », a déclaré Anne Dupont, citée par l'agence de presse russe Interfax.", "Interfax"),
    ("« Nous tiendrons », a-t-elle déclaré à France Info.", "franceinfo"),
    ("Dans un entretien au Parisien, Anne Dupont a estimé que « la culture du risque s'est perdue ».", "Le Parisien"),
    ("« Les sites ont été inspectés », a indiqué l'Élysée dans un communiqué.", "communiqué"),
])
def test_relay_of_the_claim(text, via):
    claim = [c for c in claims("Anne Dupont était en visite. " + text) if c.claim_type in ("direct", "partial")][0]
    assert claim.via == via


def test_relay_is_not_inherited_from_another_sentence():
    text = "« Nous tiendrons », a déclaré Anne Dupont, selon l'AFP. « Rien n'est perdu », a-t-elle ajouté."
    first, second = by_type(text, "direct")
    assert (first.via, second.via) == ("AFP", None)


def test_the_press_as_an_audience_is_not_the_paper_la_presse():
    text = "Anne Dupont a déclaré devant la presse que « rien n'est perdu »."
    assert {c.via for c in claims(text)} == {None}


def test_an_agency_stating_a_fact_is_the_speaker_not_the_relay():
    (claim,) = by_type("Selon l'agence TASS, la discussion a lieu dans une salle du cosmodrome.", "indirect")
    assert (claim.speaker, claim.via) == ("TASS", None)


def test_a_report_closed_by_an_agency_incise_is_the_subjects_words_relayed():
    # the clause has its own reporting verb: the Élysée spoke, the agency relayed it (not a clause the agency reports)
    text = "À Paris, l'Élysée a jugé « regrettable » l'absence d'accord, a rapporté l'agence TASS."
    found = [(c.claim_type, c.speaker, c.via, c.wording) for c in claims(text)]
    assert found == [("partial", "Élysée", "TASS", "regrettable")]


def test_a_public_agency_is_not_a_news_agency():
    text = ("La directrice de l'agence régionale de santé (ARS), Anne Dupont, a confirmé que les accouchements "
            "seraient suspendus.")
    (claim,) = by_type(text, "indirect")
    assert claim.via is None


def test_a_national_television_is_still_a_relay():
    (claim,) = by_type("« Nous tiendrons », a déclaré Anne Dupont à la télévision nationale.", "direct")
    assert claim.via == "télévision nationale"
