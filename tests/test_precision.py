"""Findings a reviewer can trust: numbers read as French prints them, spoken negation, names against descriptions,
unsure speakers, fact conflicts about one thing at one time, confidence and the suites it drives."""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow as pa
import pytest

from toolkit.align import align
from toolkit.align.changes import compare
from toolkit.align.tokens import negated_verbs, quantities, tokens, words_for
from toolkit.validate.suites import select

W = words_for("fr")


@pytest.mark.parametrize("text, values", [
    ("25 000 manifestants", ["25000"]), ("25.000 manifestants", ["25000"]), ("25\u202f000 manifestants", ["25000"]),
    ("1,5 million d'euros", ["1500000"]), ("une quinzaine de blessés", ["15"]), ("douze morts", ["12"]),
    ("vingt-deux ans", ["22"]), ("un homme", []), ("deux morts et 241 blessés", ["2", "241"]),
])
def test_numbers_are_read_as_french_prints_them(text, values):
    assert quantities(text) == values


def test_thousands_printed_two_ways_are_one_number():
    assert not compare("Ils étaient 25 000 dans la rue", "Ils étaient 25.000 dans la rue", W).changes
    changed = compare("Ils étaient 25 000 dans la rue", "Ils étaient 35 000 dans la rue", W).changes
    assert [c.kind for c in changed] == ["number"] and changed[0].detail == "25000 vs 35000"


def test_spoken_negation_without_ne_is_a_negation():
    assert "est" in negated_verbs(tokens("non c'est pas vrai"), W)
    assert not compare("non c'est pas vrai", "Non, ce n'est pas vrai", W).changes
    assert [c.kind for c in compare("c'est vrai, on le savait", "c'est pas vrai, on le savait", W).changes] == ["negation"]


def claims(rows: list[dict]) -> pa.Table:
    names = ("claim_id", "article_id", "source", "published", "event", "claim_type", "speaker", "speaker_method", "via",
             "wording", "char_start", "char_end", "sentence_start", "sentence_end", "fact_slot", "fact_text", "fact_value",
             "fact_qualifier", "fact_about")
    columns = {k: [] for k in names}
    for n, row in enumerate(rows):
        start = row.get("char_start", 1000 * n)
        values = {"claim_id": f"c{n:03d}", "event": "e", "source": row["article_id"].upper(), "char_start": start,
                  "char_end": start + len(row["wording"]), "sentence_start": start,
                  "sentence_end": start + len(row["wording"]), **row}
        for k in names:
            columns[k].append(values.get(k))
    return pa.table(columns)


QUOTE = "Nous ne céderons rien sur les retraites, ni aujourd'hui ni demain"


def test_a_description_never_conflicts_with_a_name():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Élisabeth Borne", "speaker_method": "incise", "wording": QUOTE},
            {"article_id": "b", "claim_type": "direct", "speaker": "Première ministre", "speaker_method": "description",
             "wording": QUOTE}]
    result = align(claims(rows))
    assert len(set(result.cluster_ids)) == 1
    assert not [f for f in result.findings if f.kind == "speaker_mismatch"]


def test_two_names_sure_of_themselves_conflict_and_the_suite_would_fail_on_it():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Élisabeth Borne", "speaker_method": "incise", "wording": QUOTE},
            {"article_id": "b", "claim_type": "direct", "speaker": "Olivier Véran", "speaker_method": "incise", "wording": QUOTE}]
    (f,) = [f for f in align(claims(rows)).findings if f.kind == "speaker_mismatch"]
    assert f.severity == "medium" and f.confidence >= 0.6 and "incise" in f.evidence


def test_a_speaker_found_by_a_pronoun_makes_the_mismatch_low_and_says_why():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Élisabeth Borne", "speaker_method": "incise", "wording": QUOTE},
            {"article_id": "b", "claim_type": "direct", "speaker": "Olivier Véran", "speaker_method": "pronoun", "wording": QUOTE}]
    (f,) = [f for f in align(claims(rows)).findings if f.kind == "speaker_mismatch"]
    assert f.severity == "low" and f.confidence < 0.8 and "lowered" in f.evidence


def test_one_article_does_not_contradict_itself():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Élisabeth Borne", "speaker_method": "incise",
             "wording": "Nous irons jusqu'au bout de cette réforme des retraites"},
            {"article_id": "a", "claim_type": "partial", "speaker": "Élisabeth Borne", "speaker_method": "incise",
             "wording": "Nous n'irons pas jusqu'au bout", "char_start": 40}]
    assert not [f for f in align(claims(rows)).findings if f.severity == "high"]


def statement(article, fact_text, value, about, wording, published="2024-05-14"):
    return {"article_id": article, "claim_type": "statement", "wording": wording, "fact_slot": "count",
            "fact_text": fact_text, "fact_value": value, "fact_qualifier": "exact", "fact_about": about,
            "published": datetime.fromisoformat(published).replace(tzinfo=timezone.utc)}


def test_counts_of_different_people_are_no_conflict():
    rows = [statement("a", "32 personnes", "32", "personnes", "Dans la soirée, 32 personnes ont été interpellées à Lyon"),
            statement("b", "20 personnes", "20", "personnes", "Selon le collectif, 20 personnes ont été blessées à l'œil")]
    assert not [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]


def test_one_count_given_two_ways_the_same_day_is_a_conflict():
    rows = [statement("a", "23 navires", "23", "navires", "Mercredi matin, 23 navires attendaient en rade"),
            statement("b", "32 navires", "32", "navires", "Mercredi matin, 32 navires attendaient en rade")]
    (f,) = [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]
    assert f.severity == "high" and f.confidence >= 0.6


def test_a_toll_that_rises_days_later_is_an_update_not_a_conflict():
    rows = [statement("a", "12 blessés", "12", "blessés", "L'explosion a fait 12 blessés dans le quartier", "2024-05-14"),
            statement("b", "19 blessés", "19", "blessés", "L'explosion a fait 19 blessés dans le quartier", "2024-05-16")]
    (f,) = [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]
    assert f.severity == "low" and f.change == "update"


def test_integrity_selects_both_integrity_suites():
    assert [s.name for s in select("integrity")] == ["integrity_articles", "integrity_claims"]
    assert [s.name for s in select("consistency")] == ["consistency"]


def test_an_update_note_with_an_undated_witness_still_reads():
    rows = [statement("a", "12 blessés", "12", "blessés", "L'explosion a fait 12 blessés dans le quartier", "2024-05-14"),
            statement("b", "19 blessés", "19", "blessés", "L'explosion a fait 19 blessés dans le quartier", "2024-05-16"),
            {**statement("c", "plus de 10 blessés", "10", "blessés", "L'explosion a fait plus de 10 blessés dans le quartier"),
             "fact_qualifier": "more_than", "published": None}]
    notes = [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]
    assert [(f.severity, f.change) for f in notes] == [("low", "update")] and "undated" in notes[0].diff


def test_in_a_story_grouped_from_the_texts_a_count_needs_its_circumstances():
    rows = [statement("a", "15 interpellations", "15", "interpellations", "À Bruxelles, la police a procédé à 15 interpellations"),
            statement("b", "244 interpellations", "244", "interpellations", "En France, le ministère compte 244 interpellations samedi")]
    curated = [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]
    found = [f for f in align(claims(rows), found_events={"e"}).findings if f.kind == "fact_conflict"]
    assert len(curated) == 1 and not found


def test_in_a_story_grouped_from_the_texts_a_count_of_an_undated_article_is_only_a_note():
    # the undated article joined the story on its words alone: its count may be of another day
    rows = [statement("a", "23 navires", "23", "navires", "Mercredi matin, 23 navires attendaient en rade", "2024-05-15"),
            {**statement("b", "32 navires", "32", "navires", "Mercredi matin, 32 navires attendaient en rade"),
             "published": None}]
    (found,) = [f for f in align(claims(rows), found_events={"e"}).findings if f.kind == "fact_conflict"]
    assert found.severity == "low" and "no date" in found.explanation
    # a manifest's event says both are of one event: a conflict; so do two dated articles of a found story
    (curated,) = [f for f in align(claims(rows)).findings if f.kind == "fact_conflict"]
    assert curated.severity == "high"
    dated = [rows[0], {**rows[1], "published": rows[0]["published"]}]
    (both,) = [f for f in align(claims(dated), found_events={"e"}).findings if f.kind == "fact_conflict"]
    assert both.severity == "high"
