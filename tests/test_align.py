"""Alignment across outlets: clusters, discrepancies, fact conflicts, name spellings, text reuse, loading, CLI.

Real sentences from the seed articles and the planted-discrepancy corpus, with hand-written expectations.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit.align import align
from toolkit.align.blocking import candidate_pairs
from toolkit.align.changes import compare
from toolkit.align.claimset import ClaimSet
from toolkit.align.names import spelling_findings, variant
from toolkit.align.score import pairwise
from toolkit.align.tokens import words_for
from toolkit.pipeline import build
from toolkit.registry import Registry
from toolkit.text import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "datasets" / "kim-putin-vostochny-2023"
PLANTED = ROOT / "tests" / "corpus" / "discrepancies"
PLANTED_2 = ROOT / "tests" / "corpus" / "discrepancies2"
PLANTED_3 = ROOT / "tests" / "corpus" / "discrepancies3"
EVENT = "kim-putin-vostochny-2023"


def claims_of(rows: list[dict]) -> pa.Table:
    """A claims table from hand-written rows (article_id, claim_type, speaker, wording; the rest defaulted)."""
    columns = {k: [] for k in ("claim_id", "article_id", "source", "event", "claim_type", "speaker", "via", "wording",
                               "char_start", "char_end", "sentence_start", "sentence_end", "fact_slot", "fact_text",
                               "fact_value", "fact_qualifier", "fact_about")}
    for n, row in enumerate(rows):
        for k in columns:
            columns[k].append(row.get(k))
        columns["claim_id"][-1] = row.get("claim_id", f"c{n:03d}")
        columns["event"][-1] = row.get("event", EVENT)
        columns["source"][-1] = row.get("source", row["article_id"])
        start = row.get("char_start", 1000 * n)
        columns["char_start"][-1], columns["char_end"][-1] = start, start + len(row["wording"])
        columns["sentence_start"][-1], columns["sentence_end"][-1] = start, start + len(row["wording"])
    return pa.table(columns)


# --- clusters ---------------------------------------------------------------------------------------------------

SATELLITES = [  # one answer of Putin, translated three ways (000, 002, 004)
    ("000", "C’est pourquoi nous sommes venus ici. Le dirigeant de la Corée du Nord montre un grand intérêt dans la technologie des fusées. Ils essaient de développer leur programme spatial"),
    ("002", "C’est pour ça que nous sommes ici. Le dirigeant de la RDPC (République démocratique populaire de Corée) est très intéressé par la fabrication de roquettes, ils essaient aussi de développer leurs activités spatiales"),
    ("004", "C’est pour cela que nous sommes venus ici. Le dirigeant nord-coréen s’intéresse beaucoup à la technologie des fusées, il essaie de se développer dans l’espace"),
]
NO_HURRY = "Nous discuterons de tous les sujets sans nous presser. Nous avons le temps"


def test_three_translations_of_one_answer_form_one_cluster_and_another_answer_stays_apart():
    rows = [{"article_id": a, "claim_type": "direct", "speaker": "Vladimir Poutine", "wording": w} for a, w in SATELLITES]
    rows += [{"article_id": "000", "claim_type": "direct", "speaker": "Vladimir Poutine", "wording": NO_HURRY},
             {"article_id": "001", "claim_type": "direct", "speaker": "Vladimir Poutine", "wording": NO_HURRY}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] == ids[4] != ids[0]


def test_a_fragment_and_an_indirect_report_join_the_quotation_they_come_from():
    rows = [
        {"article_id": "000", "claim_type": "direct", "speaker": "Kim Jong-un",
         "wording": "Nous allons donner la priorité à la relation entre la Corée du Nord et la Russie et en faire la priorité absolue de notre politique étrangère"},
        {"article_id": "002", "claim_type": "indirect", "speaker": "Kim Jong-un",
         "wording": "son pays ferait des liens bilatéraux avec la Russie sa « priorité absolue »"},
        {"article_id": "003", "claim_type": "partial", "speaker": "Kim Jong-un", "wording": "priorité absolue"},
        {"article_id": "003", "claim_type": "direct", "speaker": "Kim Jong-un",
         "wording": "Je saisis cette opportunité pour affirmer que nous serons toujours avec la Russie"},
    ]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0], "another utterance of the same speaker must stay apart"


def test_same_words_by_different_speakers_meet_and_are_flagged():
    rows = [{"article_id": a, "claim_type": "direct", "speaker": s, "source": a.upper(),
             "wording": "Cette usine a un avenir ici, à Sainte-Odile"}
            for a, s in (("a", "Thomas Wieczorek"), ("b", "Aurélie Santerre"), ("c", "Thomas Wieczorek"))]
    result = align(claims_of(rows))
    assert len(set(result.cluster_ids)) == 1
    mismatch = [f for f in result.findings if f.kind == "speaker_mismatch"]
    assert len(mismatch) == 1 and sorted(set(mismatch[0].values)) == ["Aurélie Santerre", "Thomas Wieczorek"]


def test_a_short_common_fragment_does_not_glue_two_utterances_of_one_article():
    # 000 quotes both the agenda and "tous les sujets"; "des questions" must not merge them through 004's wording
    rows = [
        {"article_id": "000", "claim_type": "partial", "speaker": "Vladimir Poutine", "wording": "des questions humanitaires", "char_start": 10},
        {"article_id": "000", "claim_type": "partial", "speaker": "Vladimir Poutine", "wording": "tous les sujets", "char_start": 500},
        {"article_id": "004", "claim_type": "partial", "speaker": "Vladimir Poutine", "wording": "de toutes les questions"},
        {"article_id": "004", "claim_type": "partial", "speaker": "Vladimir Poutine",
         "wording": "il faudra parler des questions concernant Coopération économiqueles questions de nature humanitaire et la situation dans la région", "char_start": 5000},
    ]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] != ids[1]
    assert ids[1] == ids[2] and ids[0] == ids[3]


def _in_order(article: str, start: int, claims: list[tuple[str, str]], speaker: str = "Claire Dumont") -> list[dict]:
    """Claims of one article, each in the sentence right after the previous one."""
    rows = []
    for claim_type, wording in claims:
        rows.append({"article_id": article, "claim_type": claim_type, "speaker": speaker, "wording": wording,
                     "char_start": start})
        start += len(wording) + 2
    return rows


def test_a_claim_translated_in_other_words_is_placed_by_the_order_of_its_speakers_claims():
    # the second answer shares one word ("temps") across the two outlets: too little for the words alone, enough
    # once the answers before it are aligned; a follow-up sharing no word stays apart
    rows = (_in_order("a", 0, [("direct", "Le budget de la piscine municipale sera voté en juin"),
                               ("direct", "Nous prendrons tout le temps nécessaire")])
            + _in_order("b", 0, [("direct", "Le budget de la piscine municipale sera adopté en juin"),
                                 ("direct", "Rien ne presse, le temps ne manque pas")])
            + _in_order("c", 0, [("direct", "Le budget de la piscine municipale sera voté au mois de juin"),
                                 ("direct", "Les travaux commenceront à l'automne")]))
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[2] == ids[4]
    assert ids[1] == ids[3] != ids[0]
    assert ids[5] not in (ids[0], ids[1])


def test_a_quotation_after_its_paraphrase_joins_them_when_another_outlet_reports_both_as_one():
    # outlet a paraphrases, then quotes in full; outlet b paraphrases, then quotes a loose translation of the end
    rows = (_in_order("a", 0, [("indirect", "le budget de la piscine serait voté en juin"),
                               ("direct", "Nous voterons le budget de la piscine en juin, sans précipitation, le temps qu'il faudra")])
            + _in_order("b", 0, [("indirect", "le budget de la piscine serait adopté en juin"),
                                 ("direct", "Doucement. Il reste du temps")]))
    without = align(claims_of(rows[:3])).cluster_ids
    assert without[0] == without[1] == without[2]
    ids = align(claims_of(rows)).cluster_ids
    assert len(set(ids)) == 1


POOL_REPORT = "la maire envisage de fermer la piscine municipale pendant tout l'été"
POOL_QUOTE = "Les vestiaires tombent en ruine et la toiture de la piscine fuit, il faudra fermer"


def _pool(quote: str = POOL_QUOTE, retranslated: str = "Les vestiaires tombent en ruine, le toit de la piscine fuit : nous devrons fermer"):
    """Outlet a reports the mayor's words, then quotes them in the next sentence; b only reports, c only quotes."""
    return (_in_order("a", 0, [("indirect", POOL_REPORT), ("direct", quote)])
            + _in_order("b", 0, [("indirect", "la maire envisagerait de fermer la piscine municipale tout l'été")])
            + _in_order("c", 0, [("direct", retranslated)]))


def test_a_report_and_the_quotation_in_the_next_sentence_join_their_clusters():
    ids = align(claims_of(_pool())).cluster_ids
    assert len(set(ids)) == 1, "a's report and quotation share « piscine » and « fermer »: one utterance"
    # one shared word is not enough
    ids = align(claims_of(_pool("Les vestiaires tombent en ruine et la toiture fuit, il faudra agir",
                                "Les vestiaires tombent en ruine, le toit fuit : nous devrons agir"))).cluster_ids
    assert ids[0] == ids[2] != ids[1] == ids[3]
    # an outlet that gives the two far apart, in words they do not share, presents them as two things: the
    # cluster check keeps the clusters apart
    far = [{"article_id": "d", "claim_type": "indirect", "speaker": "Claire Dumont", "char_start": 0,
            "wording": "la maire envisagerait de fermer la piscine municipale durant l'été"},
           {"article_id": "d", "claim_type": "direct", "speaker": "Claire Dumont", "char_start": 900,
            "wording": "Les vestiaires tombent en ruine et le toit fuit"}]
    ids = align(claims_of(_pool() + far)).cluster_ids
    assert ids[0] == ids[2] == ids[4] != ids[1] == ids[3] == ids[5]


def test_cluster_ids_do_not_depend_on_row_order():
    rows = [{"article_id": a, "claim_type": "direct", "speaker": "Vladimir Poutine", "wording": w, "claim_id": f"id{a}"}
            for a, w in SATELLITES] + [{"article_id": "001", "claim_type": "direct", "speaker": "Vladimir Poutine",
                                        "wording": NO_HURRY, "claim_id": "id001"}]
    first = dict(zip([r["claim_id"] for r in rows], align(claims_of(rows)).cluster_ids))
    shuffled = rows[::-1]
    second = dict(zip([r["claim_id"] for r in shuffled], align(claims_of(shuffled)).cluster_ids))
    assert first == second


def _candidates(n: int) -> int:
    """Candidate pairs in one big block of n claims: n / 6 utterances of 12 words, each quoted about six times."""
    rng = random.Random(3)
    vocabulary = [f"mot{k}" for k in range(3 * n)]
    utterances = [{rng.choice(vocabulary) for _ in range(12)} for _ in range(n // 6)]
    features = [rng.choice(utterances) for _ in range(n)]
    return sum(1 for _ in candidate_pairs(list(range(n)), features))


def test_blocking_grows_linearly_not_with_all_pairs():
    small, large = _candidates(2000), _candidates(8000)
    assert large < 8000 * 7999 // 2 // 50
    assert large / small < 6, "four times the claims should give about four times the pairs, not sixteen"


# --- word-level changes -------------------------------------------------------------------------------------------

W = words_for("fr")


@pytest.mark.parametrize("a, b, kind", [
    ("Nous ne fermerons pas la ligne 2.", "Nous fermerons la ligne 2", "negation"),
    ("Nous avons reçu 300 demandes", "Nous avons reçu 250 demandes", "number"),
    ("Nous avons toujours soutenu et nous soutenons toutes les décisions de Poutine et du gouvernement russe",
     "Nous avons toujours soutenu et nous soutenons toutes les décisions du gouvernement russe et du parlement", "entity"),
    (SATELLITES[0][1], SATELLITES[2][1], "subject"),
    (NO_HURRY, "Lentement. Il est temps", "opposite"),                      # 000 vs 004: no hurry vs urgency
    ("Les ventes vont augmenter cette année", "Les ventes vont baisser cette année", "opposite"),
    ("Si nous ne trouvons pas de solution, nous partirons", "Si vous ne trouvez pas de solution, vous partirez", "subject"),
])
def test_meaning_changes_are_found(a, b, kind):
    assert kind in {c.kind for c in compare(a, b, W).changes}


@pytest.mark.parametrize("a, b", [
    ("L'État accompagnera la modernisation des fours à hauteur de 12 millions d'euros.",
     "L'État va soutenir à hauteur de 12 millions d'euros la modernisation des fours"),
    (SATELLITES[0][1], SATELLITES[1][1]),           # "Corée du Nord" / "RDPC (… de Corée)": glossed acronym
    ("Je suis très content de vous voir", "Je suis très content de vous voir. Je vous remercie d’être venu en Russie"),
    (NO_HURRY, "Lentement. Rien ne presse"),                                 # both say: no hurry
    ("Les consultations resteront assurées à Lormérac", "Les consultations resteront assurées ici"),   # deixis
    ("La décision de l'ARS nous a été imposée", "La décision de l'ASR nous a été imposée"),           # a misprint
    ("Nous n'avons pas le temps d'attendre", "Il est temps d'agir"),           # both say: urgency
    # the speaker's « nous » reported in the third person by the outlet that quotes it: who acts is the same
    ("Si nous ne trouvons pas les bonnes solutions, nous n'appliquerons pas",
     "s'il ne trouvait pas de bonnes solutions sur le pouvoir d'achat"),
])
def test_translation_variants_and_cuts_are_not_meaning_changes(a, b):
    assert compare(a, b, W).changes == []


def test_a_negation_flip_of_a_listed_word_is_a_negation_not_an_opposite():
    kinds = [c.kind for c in compare("Nous ne fermerons pas la ligne 2.", "Nous fermerons la ligne 2", W).changes]
    assert kinds == ["negation"]


def test_a_misspelt_name_that_may_be_another_place_stays_a_rewording():
    assert compare("La Gambie a signé l'accord", "La Zambie a signé l'accord", W).material


def test_a_cut_that_drops_a_condition_is_reported_even_if_the_article_quotes_on():
    cut = "Nous fermerons le site de Lyon en juin"
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Anne Dupont",
             "wording": cut + ". Mais nous garantirons tous les emplois du site de Lyon"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Anne Dupont", "wording": cut, "char_start": 0},
            {"article_id": "b", "claim_type": "direct", "speaker": "Anne Dupont",
             "wording": "Les emplois du site de Lyon ne sont pas notre priorité", "char_start": len(cut) + 2}]
    findings = align(claims_of(rows)).findings
    assert ("truncation", "medium") in {(f.kind, f.severity) for f in findings}


def test_a_cut_quotation_is_a_truncation_with_the_dropped_words():
    result = compare("L'État ne laissera pas tomber la verrerie",
                     "L'État ne laissera pas tomber la verrerie. Mais l'entreprise devra tenir ses engagements sur l'emploi", W)
    assert result.truncation and result.dropped == "Mais l'entreprise devra tenir ses engagements sur l'emploi"


def test_a_number_changed_inside_one_quotation_is_high():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Nadia Benali", "wording": "Nous avons reçu 300 demandes depuis lundi"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Nadia Benali", "wording": "Nous avons reçu 250 demandes depuis lundi"}]
    findings = align(claims_of(rows)).findings
    assert [(f.kind, f.severity, f.change) for f in findings] == [("wording_variant", "high", "number")]


# --- names --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, expected", [
    ("Vostotchny", "Vostochny", "spelling"),
    ("Valdimir Poutine", "Vladimir Poutine", "spelling"),
    ("Kim Jong-Un", "Kim Jong Un", "typography"),
    ("Karim Ben Youcef", "Karim Benyoucef", "typography"),
    ("Poutine", "Vladimir Poutine", None),         # a shorter form
    ("M. Kim", "Kim", None),                       # a title
    ("Corée", "Coréens", None),                    # an inflected word
    ("RDPC", "RPDC", "spelling"),                  # an acronym's letters in another order
    ("RDC", "RDA", None),                          # two acronyms, not one misprinted
    ("NATO", "OTAN", None),                        # another language's acronym, not a misprint
    ("Etienne Chouard", "Étienne Chouard", None),  # an unaccented capital is a house style
])
def test_name_variants(a, b, expected):
    assert variant(a, b) == expected


# --- the planted-discrepancy corpus -------------------------------------------------------------------------------

# fact_text and fact_about as printed, by (article, gold 'about' label): the rest comes from statements.jsonl
PLANTED_FACTS = {
    ("outlet_a", "date-visite"): ("mardi 12 mars", None),
    ("outlet_a", "effectif-verrerie"): ("300 salariés", "salariés"),
    ("outlet_a", "rang-visite"): ("deuxième visite", "visite"),
    ("outlet_a", "visite-precedente"): ("2019", None),
    ("outlet_a", "duree-visite"): ("plus de deux heures", None),
    ("outlet_b", "montant-aide"): ("12 millions d'euros", "euros"),
    ("outlet_b", "date-visite"): ("mardi 12 mars", None),
    ("outlet_b", "effectif-verrerie"): ("300 employés", "employés"),
    ("outlet_c", "date-visite"): ("mercredi 13 mars", None),
    ("outlet_c", "rang-visite"): ("premier déplacement", "déplacement"),
    ("outlet_c", "visite-precedente"): ("2019", None),
    ("outlet_c", "duree-visite"): ("une heure", None),
    ("outlet_c", "effectif-verrerie"): ("250 salariés", "salariés"),
}


def planted_statements() -> tuple[pa.Table, pa.Table, dict[str, str]]:
    """Statement rows built from tests/corpus/discrepancies/statements.jsonl, the articles, and claim_id -> label."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in PLANTED.glob("*.txt")}
    rows, labels = [], {}
    for n, line in enumerate((PLANTED / "statements.jsonl").read_text(encoding="utf-8").splitlines()):
        g = json.loads(line)
        fact_text, about = PLANTED_FACTS[(g["article_id"], g["about"])]
        claim_id = f"s{n:02d}"
        labels[claim_id] = g["about"]
        rows.append({"claim_id": claim_id, "article_id": g["article_id"], "claim_type": "statement", "wording": g["wording"],
                     "char_start": texts[g["article_id"]].find(g["wording"]), "fact_slot": g["slot"],
                     "fact_value": str(g["value"]), "fact_qualifier": g["qualifier"] or "exact", "fact_text": fact_text,
                     "fact_about": about, "event": "visite"})
    articles = pa.table({"article_id": sorted(texts), "source": sorted(texts), "event": ["visite"] * len(texts),
                         "text": [texts[a] for a in sorted(texts)]})
    return claims_of(rows), articles, labels


def test_planted_statements_conflict_where_the_values_differ_and_nowhere_else():
    claims, articles, labels = planted_statements()
    result = align(claims, articles, Registry.for_collection(PLANTED))
    conflicts = [f for f in result.findings if f.kind == "fact_conflict"]
    assert sorted({labels[c] for f in conflicts for c in f.claim_ids}) == ["date-visite", "duree-visite", "effectif-verrerie"]
    assert all(len({labels[c] for c in f.claim_ids}) == 1 for f in conflicts)
    assert all(f.severity == "high" for f in conflicts)
    # "deuxième visite" (with a visit in 2019) and "premier déplacement … depuis 2019" agree
    ordinal = [cid for cid, label in labels.items() if label == "rang-visite"]
    ids = dict(zip(claims.column("claim_id").to_pylist(), result.cluster_ids))
    assert ids[ordinal[0]] == ids[ordinal[1]]
    assert not any(set(ordinal) & set(f.claim_ids) for f in result.findings)


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planted") / "tables"
    build(PLANTED, out, progress=False)
    return out


def _labels(tables: Path, gold: Path) -> dict[str, str]:
    from toolkit.align.score import match

    claims = toolkit.load_claims(tables)
    texts = toolkit.load_articles(tables).set_index("article_id")["text"].to_dict()
    columns = {k: claims[k].tolist() for k in ("claim_id", "article_id", "claim_type", "char_start", "char_end")}
    return {columns["claim_id"][i]: label for i, label in match(columns, gold, texts).items()}


def test_every_planted_kind_is_found_on_the_built_corpus(planted_build):
    findings = toolkit.load_discrepancies(planted_build)
    labels = _labels(planted_build, PLANTED / "claims.jsonl")
    found = {(kind, labels.get(c)) for kind, ids in zip(findings["kind"], findings["claim_ids"]) for c in ids}
    for kind, utterance in [("wording_variant", "aide-fours"), ("truncation", "etat-verrerie"), ("via_mismatch", "etat-verrerie"),
                            ("speaker_mismatch", "avenir-usine"), ("wording_variant", "ligne-2")]:
        assert (kind, utterance) in found, (kind, utterance)
    assert "fact_conflict" in set(findings["kind"])
    spelled = findings[findings["kind"] == "name_spelling"]
    assert any({"Karim Benyoucef", "Karim Ben Youcef"} <= set(v) for v in spelled["values"])


@pytest.fixture(scope="module")
def planted_2_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planted2") / "tables"
    build(PLANTED_2, out, progress=False)
    return out


def test_second_planted_event_every_slip_is_found_with_its_severity(planted_2_build):
    # written by another annotator: an antonym, a pronoun slip, a swapped acronym, a merged quotation (README there)
    findings = toolkit.load_discrepancies(planted_2_build)
    labels = _labels(planted_2_build, PLANTED_2 / "claims.jsonl")
    found = {(kind, severity, labels.get(c)) for kind, severity, ids in
             zip(findings["kind"], findings["severity"], findings["claim_ids"]) for c in ids}
    for item in [("wording_variant", "high", "suspension-provisoire"), ("speaker_mismatch", "medium", "poste-sages-femmes"),
                 ("name_spelling", "low", "sans-concertation"), ("wording_variant", "low", "aucune-patiente")]:
        assert item in found, item


def test_second_planted_event_look_alikes_are_not_conflicts(planted_2_build):
    findings = toolkit.load_discrepancies(planted_2_build)
    labels = _labels(planted_2_build, PLANTED_2 / "claims.jsonl")
    flagged = {labels.get(c) for ids in findings["claim_ids"] for c in ids}
    assert not {"urgence-maire", "postes-vacants"} & flagged
    # « Nous avons le temps » / « Rien ne presse »: other words, same meaning — a low variant, never a reversal
    assert not any(labels.get(c) == "avant-ete" for sev, ids in zip(findings["severity"], findings["claim_ids"])
                   if sev != "low" for c in ids)
    # the swapped acronym is a name spelling, not also a rewording of the mayor's quotation
    assert not any(labels.get(c) == "sans-concertation" for kind, ids in zip(findings["kind"], findings["claim_ids"])
                   if kind == "wording_variant" for c in ids)


def test_third_planted_event_written_blind_every_item_is_found_and_nothing_else(tmp_path):
    # another annotator chose these slips without knowing the rules (tests/corpus/discrepancies3/README.md)
    out = tmp_path / "tables"
    build(PLANTED_3, out, progress=False)
    findings = toolkit.load_discrepancies(out)
    labels = _labels(out, PLANTED_3 / "claims.jsonl")
    found = {(k, labels.get(c)) for k, ids in zip(findings["kind"], findings["claim_ids"]) for c in ids}
    for item in [("wording_variant", "postes-supprimes"), ("truncation", "aucun-licenciement"),
                 ("speaker_mismatch", "robots-laboratoire"), ("via_mismatch", "pas-contre-dockers"),
                 ("wording_variant", "investissement-avenir")]:
        assert item in found, item
    assert sum(findings["kind"] == "fact_conflict") == 2 and sum(findings["kind"] == "name_spelling") == 1
    assert len(findings) == 8


def test_the_only_quotations_of_one_speaker_in_two_articles_meet_when_nearly_alike():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Henrik Aagaard",
             "wording": "Cet investissement garantit l'avenir à long terme du terminal"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Henrik Aagaard",
             "wording": "Cet investissement assure la pérennité du terminal"}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[1]


def test_the_negation_flip_is_high_and_names_both_wordings(planted_build):
    findings = toolkit.load_discrepancies(planted_build, filters=[("change", "=", "negation")])
    assert len(findings) == 1
    row = findings.iloc[0]
    assert row["severity"] == "high" and row["kind"] == "wording_variant"
    assert {"Nous fermerons la ligne 2", "Nous ne fermerons pas la ligne 2"} <= {v.rstrip(".") for v in row["values"]}
    assert "[-ne-]" in row["diff"] and "[-pas-]" in row["diff"]


def test_the_consistent_visit_history_is_not_flagged(planted_build):
    findings = toolkit.load_discrepancies(planted_build)
    claims = toolkit.load_claims(planted_build, filters=[("fact_slot", "=", "ordinal")])
    assert set(claims["fact_value"]) == {"1", "2"}
    assert not any(set(claims["claim_id"]) & set(ids) for ids in findings["claim_ids"])


# --- the seed articles --------------------------------------------------------------------------------------------

def test_seed_clusters_match_the_gold_utterances(seed_build):
    claims = toolkit.load_claims(seed_build)
    texts = toolkit.load_articles(seed_build).set_index("article_id")["text"].to_dict()
    columns = {k: claims[k].tolist() for k in ("claim_id", "article_id", "claim_type", "char_start", "char_end")}
    score = pairwise(columns, claims["cluster_id"].tolist(), ROOT / "tests" / "gold" / "seeds" / "claims.jsonl", texts)
    assert score.f1 >= 0.9, (score.precision, score.recall)
    assert score.precision >= 0.95


def test_seed_name_spellings_are_found(seed_build):
    findings = toolkit.load_discrepancies(seed_build, filters=[("kind", "=", "name_spelling")])
    spellings = [set(v) for v in findings["values"]]
    assert any({"Vostotchny", "Vostochny"} <= s for s in spellings)
    assert any({"Valdimir Poutine", "Vladimir Poutine"} <= s for s in spellings)
    assert any("Maria Zajarova" in s for s in spellings)


def test_seed_pronoun_of_the_wrong_gender_is_a_speaker_finding(seed_build):
    # 004 writes "a-t-il soutenu" right after two sentences of Maria Zajarova (read by hand: tests/gold/seeds)
    findings = toolkit.load_discrepancies(seed_build, filters=[("kind", "=", "speaker_mismatch")])
    pronoun = findings[findings.change == "pronoun"]
    assert len(pronoun) == 1
    row = pronoun.iloc[0]
    assert row.severity == "medium" and list(row.article_ids) == ["004_413218db27dc4896"] * len(row.article_ids)
    assert row.wordings[0] == "Ce sont des problèmes graves et à long terme"
    assert "Maria Zakharova" in row.explanation and "« il »" in row.explanation


def test_seed_acronym_misprint_inside_a_quotation_is_found(seed_build):
    # 002 quotes Putin on "le dirigeant de la RDPC"; the registry knows North Korea as RPDC (read by hand)
    findings = toolkit.load_discrepancies(seed_build, filters=[("kind", "=", "name_spelling")])
    (row,) = [r for r in findings.itertuples() if "RDPC" in r.values]
    assert "RPDC" in row.explanation and row.severity == "low"
    claims = toolkit.load_claims(seed_build).set_index("claim_id")
    assert all("RDPC" in claims.loc[c, "wording"] for c in row.claim_ids) and len(row.claim_ids) >= 1


def test_an_acronym_no_registry_knows_is_not_compared():
    text = "Le dirigeant de la RDPC est venu. La RPDC a confirmé."
    cs = ClaimSet.of(claims_of([{"article_id": "a", "claim_type": "statement", "wording": "x"}]))
    cs.texts, cs.events = {"a": text}, {"a": EVENT}
    assert spelling_findings(cs, None) == []


def test_seed_sentence_quoted_apart_is_compared_with_its_rendering_inside_a_longer_quotation(seed_build):
    # 000 quotes Kim's "forces hégémonistes" sentence, then his support sentence; 004 puts its own rendering of
    # the first ("la Russie s'est levée pour défendre sa souveraineté") in the same marks as the second
    findings = toolkit.load_discrepancies(seed_build, filters=[("kind", "=", "wording_variant")])
    (row,) = [r for r in findings.itertuples() if any("hégémonistes" in x for x in r.wordings)]
    assert row.severity == "low" and sorted(set(row.article_ids)) == ["000_228e09c1b8d5bd34", "004_413218db27dc4896"]
    assert row.values[1] == "Maintenant, la Russie s’est levée pour défendre sa souveraineté et sa sécurité."


def test_a_sentence_inside_a_longer_quotation_is_placed_by_order_not_by_words_alone():
    # outlet b quotes two sentences apart, outlet a both in one quotation (the first in other words, too few
    # shared words to link on their own); b's quotation about the schools, next, is compared with nothing
    first = "Maintenant, le pays s'est levé pour défendre ses finances et sa souveraineté."
    a = first + " Nous voulons rassurer. Nous tiendrons nos engagements budgétaires jusqu'au bout"
    b = ["Le pays est en ce moment confronté à de telles pressions pour protéger ses finances",
         "Nous tiendrons nos engagements budgétaires jusqu'au bout",
         "Les écoles rouvriront lundi matin dans tout le département"]
    starts = [0, len(b[0]) + 2, len(b[0]) + len(b[1]) + 4]        # three sentences in a row
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Anne Dupont", "wording": a}]
    rows += [{"article_id": "b", "claim_type": "direct", "speaker": "Anne Dupont", "wording": w, "char_start": s}
             for w, s in zip(b, starts)]
    result = align(claims_of(rows))
    assert result.cluster_ids[1] != result.cluster_ids[0] == result.cluster_ids[2]
    (finding,) = [f for f in result.findings if f.change == "words"]
    assert finding.values == [b[0], first] and finding.severity == "low"


def test_seed_dates_that_agree_are_not_flagged(seed_build):
    # arrival on Tuesday 12 and the meeting on Wednesday 13 are two facts, not a conflict
    assert len(toolkit.load_discrepancies(seed_build, filters=[("kind", "=", "fact_conflict")])) == 0


def test_wire_copies_count_as_one_source(seed_build):
    reuse = toolkit.load_reuse(seed_build)
    texts = toolkit.load_articles(seed_build).set_index("article_id")["text"]
    for row in reuse.itertuples():
        a = re.findall(r"\w+", fold(texts[row.article_a][row.char_start_a:row.char_end_a]))
        b = re.findall(r"\w+", fold(texts[row.article_b][row.char_start_b:row.char_end_b]))
        assert a[:3] == b[:3] and a[-3:] == b[-3:] and row.n_words >= 12
    heavy = reuse[reuse["heavy"]]
    assert {(r.article_a, r.article_b) for r in heavy.itertuples()} == {("000_228e09c1b8d5bd34", "001_bb17fa2649a17e65")}
    clusters = toolkit.load_clusters(seed_build)
    kremlin = clusters[clusters["wording"].str.startswith("Les dirigeants ont inspecté")].iloc[0]
    assert kremlin["n_articles"] == 2 and kremlin["n_independent"] == 1


def test_every_claim_has_a_cluster_and_clusters_list_their_claims(seed_build):
    claims = toolkit.load_claims(seed_build, columns=["claim_id", "cluster_id"])
    clusters = toolkit.load_clusters(seed_build, columns=["cluster_id", "claim_ids", "n_claims"])
    assert claims["cluster_id"].notna().all()
    members = {c: cid for cid, ids in zip(clusters["cluster_id"], clusters["claim_ids"]) for c in ids}
    assert members == dict(zip(claims["claim_id"], claims["cluster_id"]))
    assert (clusters["n_claims"] == clusters["claim_ids"].map(len)).all()


def test_loaders_read_columns_and_push_filters_down(seed_build):
    high = toolkit.load_discrepancies(seed_build, columns=["kind", "severity"], filters=[("severity", "=", "high")])
    assert list(high.columns) == ["kind", "severity"] and set(high["severity"]) == {"high"}
    shared = toolkit.load_clusters(seed_build, filters=[("n_articles", ">=", 2)])
    assert len(shared) > 5 and (shared["n_articles"] >= 2).all()


def test_two_builds_give_the_same_findings_in_the_same_order(seed_copy, tmp_path):
    build(seed_copy, tmp_path / "one", progress=False)
    build(seed_copy, tmp_path / "two", progress=False)
    for name in ("clusters", "discrepancies", "reuse"):
        assert pq.read_table(tmp_path / "one" / f"{name}.parquet").equals(pq.read_table(tmp_path / "two" / f"{name}.parquet"))


def test_build_prints_clusters_findings_and_top_wordings(tmp_path, capsys):
    from toolkit.cli.main import main

    assert main(["build", str(PLANTED), "--out", str(tmp_path / "tables")]) == 0
    out = capsys.readouterr().out
    assert "clusters" in out and "findings:" in out
    assert "« Nous fermerons la ligne 2 »" in out and "« Nous ne fermerons pas la ligne 2. »" in out


# --- links that need evidence of one statement (issue 10) ----------------------------------------------------------

EVACUATION_REPORT = ("La maire, Claire Dumont, a été évacuée samedi de la mairie après l'intrusion violente "
                  "d'agriculteurs avec un engin agricole dans la cour")
EVACUATION_QUOTE = ("Il y avait des agriculteurs, des gens cagoulés, qui ont pris un engin agricole dans la rue et qui ont "
                 "enfoncé la grille de la cour. Après l'intrusion, on a évacué le personnel")


@pytest.mark.issue(10)
def test_a_fragment_that_fits_a_report_and_a_quotation_does_not_glue_what_every_outlet_prints_apart():
    # three outlets each report the evacuation, then (far below) quote the mayor; a's lead also quotes « un engin
    # agricole », which fits both: the report and the quotation stay two statements
    rows = [{"article_id": "a", "claim_type": "partial", "speaker": "Claire Dumont", "wording": "un engin agricole",
             "char_start": 10, "claim_id": "c000"}]
    for n, article in enumerate(("a", "b", "c")):
        rows += [{"article_id": article, "claim_type": "indirect", "speaker": "Claire Dumont", "wording": EVACUATION_REPORT,
                  "char_start": 100, "claim_id": f"c1{n}"},
                 {"article_id": article, "claim_type": "direct", "speaker": "Claire Dumont", "wording": EVACUATION_QUOTE,
                  "char_start": 900, "claim_id": f"c2{n}"}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[1] == ids[3] == ids[5], "the three reports are one statement"
    assert ids[2] == ids[4] == ids[6], "the three quotations are one statement"
    assert ids[1] != ids[2]


@pytest.mark.issue(10)
def test_a_slogan_and_the_text_that_ends_with_it_stay_two_quotations_when_two_outlets_print_both():
    slogan = "Agriculteurs, ne lâchez rien !"
    text = ("Une nouvelle saison commence pour nos campagnes. Celle des paysans, celle des coopératives, celle des "
            "marchés. C'est un long combat. Mais vous, agriculteurs, ne lâchez rien !")
    rows = [{"article_id": a, "claim_type": "direct", "speaker": "Marc Vasseur", "wording": w, "char_start": start}
            for a in ("a", "b") for w, start in ((slogan, 100), (text, 3000))]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[2] != ids[1] == ids[3]
    # one outlet printing only the text and another only the slogan: a cut of one quotation, one cluster
    ids = align(claims_of([rows[0] | {"article_id": "c"}, rows[3]])).cluster_ids
    assert ids[0] == ids[1]


@pytest.mark.issue(10)
def test_a_speaker_spelt_with_and_without_its_accent_is_one_speaker_for_alignment():
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Étienne", "wording": "Dommage, encore perdu !"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Etienne", "wording": "Dommage, encore perdu !"}]
    result = align(claims_of(rows))
    assert result.cluster_ids[0] == result.cluster_ids[1]
    assert not [f for f in result.findings if f.kind == "speaker_mismatch"]


@pytest.mark.issue(10)
def test_a_name_in_quotation_marks_alone_never_links_two_claims():
    # « bonnets rouges » is what the story is about; an anonymous complaint and a farmer's words that both name the
    # group (and share « écoutent ») are two statements
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": None,
             "wording": "Les “bonnets rouges” ne nous écoutent plus"},
            {"article_id": "b", "claim_type": "indirect", "speaker": "Yves Le Gall", "char_start": 100,
             "wording": "ces menaces viendraient «de quelques “bonnets rouges”» qui «écoutent surtout leur colère»"},
            {"article_id": "b", "claim_type": "partial", "speaker": "Yves Le Gall", "char_start": 131,
             "wording": "de quelques “bonnets rouges”"},
            {"article_id": "b", "claim_type": "partial", "speaker": "Yves Le Gall", "char_start": 164,
             "wording": "écoutent surtout leur colère"}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] not in ids[1:]
    # the same complaint printed by another outlet without the inner marks is one statement: the words in order say so
    ids = align(claims_of([rows[0], {"article_id": "c", "claim_type": "direct", "speaker": None,
                                     "wording": "Les bonnets rouges ne nous écoutent plus"}])).cluster_ids
    assert ids[0] == ids[1]


@pytest.mark.issue(10)
def test_words_quoted_inside_a_quotation_do_not_make_it_a_rendering_of_the_statement_they_come_from():
    # a week later, c quotes Vernier again: he puts his own « lèpre verte » between marks, a new statement about the
    # old words, not one more rendering of them
    rows = [{"article_id": "a", "claim_type": "partial", "speaker": "Paul Vernier", "wording": "c'est la lèpre verte qui a défilé"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Paul Vernier",
             "wording": "Ce ne sont pas les agriculteurs qui ont défilé, c'est la lèpre verte"},
            {"article_id": "c", "claim_type": "direct", "speaker": "Paul Vernier",
             "wording": "Je ne retire rien : la «lèpre verte» menace nos campagnes"}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[1] != ids[2]


@pytest.mark.parametrize("wording, indirect, expected", [
    ("Les “bonnets rouges” ne nous écoutent plus", False, {"bonnets", "rouges"}),
    ("Ce ne sont pas les ‘bonnets rouges' qui ont défilé", False, {"bonnets", "rouges"}),    # ‘ closed by '
    ("Les bonnets rouges, ces «bonnets rouges» de la colère", False, set()),     # also said outside the marks
    ("l'État et l'école", False, set()),                                          # elisions are no marks
    ("ces menaces viendraient «de quelques “bonnets rouges”»", True, {"bonnets", "rouges"}),
    ("ces menaces viendraient «de quelques paysans»", True, set()),               # an indirect claim's own marks
])
def test_words_held_between_a_claims_own_marks_are_its_labels(wording, indirect, expected):
    from toolkit.align.similarity import labels

    assert labels(wording, words_for("fr"), 2 if indirect else 1) == expected


# --- attribution changes, cuts and rewordings on hand-written articles (issue 10) ---------------------------------

ATTRIBUTION = ROOT / "tests" / "corpus" / "attribution"


def _findings_of(folder: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "tables"
    build(folder, out, progress=False)
    return pq.read_table(out / "discrepancies.parquet").to_pylist()


@pytest.fixture(scope="module")
def attribution_findings(tmp_path_factory) -> list[dict]:
    return _findings_of(ATTRIBUTION, tmp_path_factory.mktemp("attribution"))


@pytest.mark.issue(10)
def test_a_shout_reported_by_the_prosecutor_in_one_outlet_and_by_an_anonymous_witness_in_another(attribution_findings):
    found = [f for f in attribution_findings if f["kind"] == "speaker_mismatch"]
    assert len(found) == 1
    f = found[0]
    assert f["change"] == "anonymous" and f["severity"] == "medium"
    assert sorted(f["article_ids"]) == ["outlet_a", "outlet_b", "outlet_c"]
    by_article = dict(zip(f["article_ids"], f["values"]))
    assert by_article["outlet_a"] == by_article["outlet_c"] == "Hervé Lambert"
    assert by_article["outlet_b"].startswith("un témoin")
    assert all("Personne ne m'arrêtera ce soir" in w for w in f["wordings"])


def _copy_with(tmp_path: Path, article: str, old: str, new: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in ATTRIBUTION.iterdir():
        text = p.read_text(encoding="utf-8")
        if p.name == article:
            assert old in text
            text = text.replace(old, new)
        (folder / p.name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.issue(10)
@pytest.mark.parametrize("source", ["le procureur de la République, Hervé Lambert, devant la presse",   # named too
                                    "plus tard"])                                   # no source found: no speaker
def test_no_attribution_change_when_every_outlet_names_the_source_or_one_names_none(tmp_path, source):
    folder = _copy_with(tmp_path, "outlet_b.txt", "a raconté un témoin attablé à la terrasse", f"a raconté {source}")
    assert not [f for f in _findings_of(folder, tmp_path) if f["kind"] == "speaker_mismatch"]


def _with_methods(rows: list[dict]) -> pa.Table:
    table = claims_of(rows)
    table = table.append_column("speaker_method", pa.array([r.get("speaker_method") for r in rows], pa.string()))
    return table.append_column("speaker_mention", pa.array([r.get("speaker_mention") for r in rows], pa.string()))


ABUSE = "Une police politique cible et harcèle désormais les animateurs du mouvement des agriculteurs"


@pytest.mark.issue(10)
def test_a_description_the_resolver_only_guessed_a_name_for_does_not_conflict_with_a_name():
    # b prints « le chef de file du parti » and the nearest salient person was taken for it: b named nobody
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Jean Morvan", "wording": ABUSE,
             "speaker_method": "incise", "speaker_mention": "Jean Morvan"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Paul Ledru", "wording": ABUSE,
             "speaker_method": "salience", "speaker_mention": "le chef de file du parti"}]
    result = align(_with_methods(rows))
    assert result.cluster_ids[0] == result.cluster_ids[1]
    assert not [f for f in result.findings if f.kind == "speaker_mismatch"]
    rows[1] |= {"speaker_method": "incise", "speaker_mention": "Paul Ledru"}        # b names him: a real mismatch
    assert [f.kind for f in align(_with_methods(rows)).findings] == ["speaker_mismatch"]


@pytest.mark.issue(10)
def test_a_headline_fragment_against_a_long_sentence_is_no_evidence_of_another_speaker():
    # a headlines three words and gives the sentence to a guessed speaker; b names another: the guess is no
    # attribution and the headline's words are too few to say the same words got two speakers
    rows = [{"article_id": "a", "claim_type": "partial", "speaker": "Jean Morvan", "wording": "police politique",
             "speaker_method": "headline", "char_start": 0},
            {"article_id": "a", "claim_type": "direct", "speaker": "Jean Morvan", "wording": ABUSE,
             "speaker_method": "salience", "speaker_mention": "le chef de file du parti", "char_start": 500},
            {"article_id": "b", "claim_type": "direct", "speaker": "Paul Ledru", "wording": ABUSE,
             "speaker_method": "incise", "speaker_mention": "Paul Ledru"}]
    result = align(_with_methods(rows))
    assert len(set(result.cluster_ids)) == 1
    assert not [f for f in result.findings if f.kind == "speaker_mismatch"]


def _rank(article: str, wording: str, text: str, value: int, about: str, source: str | None = None) -> dict:
    return {"article_id": article, "source": source or article.upper(), "claim_type": "statement",
            "wording": wording, "fact_slot": "ordinal", "fact_text": text, "fact_value": str(value), "fact_about": about,
            "fact_qualifier": "exact"}


@pytest.mark.issue(10)
def test_ranks_of_periods_in_a_series_are_two_periods_not_a_conflict():
    rows = [_rank("a", "Lors du deuxième week-end de mobilisation, un automobiliste est mort à un barrage près de Vienne",
                  "deuxième week-end", 2, "week-end"),
            _rank("b", "Lors du premier week-end de mobilisation, un automobiliste est mort à un barrage près de Vienne",
                  "premier week-end", 1, "week-end")]
    assert not [f for f in align(claims_of(rows)).findings if f.kind == "fact_conflict"]
    visits = [_rank("a", "La ministre effectue sa deuxième visite à la verrerie de Lormérac", "deuxième visite", 2, "visite"),
              _rank("b", "La ministre effectue sa troisième visite à la verrerie de Lormérac", "troisième visite", 3, "visite")]
    assert [f.kind for f in align(claims_of(visits)).findings] == ["fact_conflict"]


@pytest.mark.issue(10)
def test_two_articles_of_one_outlet_disagreeing_is_at_most_low():
    visits = [_rank("a", "La ministre effectue sa deuxième visite à la verrerie de Lormérac", "deuxième visite", 2, "visite",
                    source="La Gazette"),
              _rank("b", "La ministre effectue sa troisième visite à la verrerie de Lormérac", "troisième visite", 3, "visite",
                    source="La Gazette")]
    (found,) = align(claims_of(visits)).findings
    assert found.kind == "fact_conflict" and found.severity == "low"
    assert "La Gazette" in found.evidence


@pytest.mark.issue(10)
def test_a_cut_that_drops_a_clause_is_a_truncation_naming_the_clause(attribution_findings):
    # low, as the seed gold rates a cut that keeps what it quotes intact (tests/gold/seeds/README.md)
    (cut,) = [f for f in attribution_findings if f["kind"] == "truncation"]
    assert cut["severity"] == "low"
    assert "et nous installerons des caméras dès cet été" in cut["diff"]
    assert dict(zip(cut["article_ids"], cut["values"]))["outlet_b"] == "Nous renforcerons les patrouilles sur la place du marché"


@pytest.mark.issue(10)
def test_a_quotation_materially_changed_by_one_outlet_is_a_wording_variant(attribution_findings):
    (changed,) = [f for f in attribution_findings if f["kind"] == "wording_variant"]
    by_article = dict(zip(changed["article_ids"], changed["values"]))
    assert by_article["outlet_c"].startswith("Nous doublerons les patrouilles")
    assert by_article["outlet_a"].startswith("Nous renforcerons les patrouilles")


@pytest.mark.issue(10)
def test_two_common_words_alike_in_letters_are_not_one_name_misspelt():
    texts = {"a": "Selon le sondage, les Français soutiennent la mesure. Le ministre François Morel la défend.",
             "b": "Le cortège est parti de la place de la Victoire. Son organisateur, Victor Lenain, se dit satisfait.",
             "c": "La délégation est arrivée à Srasbiourg lundi. Elle quittera Strasbourg mardi."}
    for article, text in texts.items():
        cs = ClaimSet.of(claims_of([{"article_id": article, "claim_type": "statement", "wording": "x"}]))
        cs.texts, cs.events = {article: text}, {article: EVENT}
        found = [sorted(f.values) for f in spelling_findings(cs, None)]
        assert found == ([["Srasbiourg", "Strasbourg"]] if article == "c" else []), article


@pytest.mark.issue(10)
def test_a_claim_of_unknown_speaker_is_no_bridge_between_two_peoples_words():
    rows = [{"article_id": "a", "claim_type": "partial", "speaker": "Marc Vasseur", "wording": "la colère des agriculteurs"},
            {"article_id": "b", "claim_type": "partial", "speaker": "unknown", "wording": "colère des agriculteurs"},
            {"article_id": "c", "claim_type": "direct", "speaker": "Claire Dumont",
             "wording": "Je comprends la colère des agriculteurs mais rien ne justifie ces violences"}]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] != ids[2]
    assert ids[1] in (ids[0], ids[2])


@pytest.mark.issue(10)
@pytest.mark.parametrize("sentence, dropped", [
    ("Sophie Carrel a réagi : « {q} ».", True),
    ("Sophie Carrel a réagi dans un tweet : « {q} ».", False),           # the relay is named, not attached
    ("Sophie Carrel a réagi sur Twitter : « {q} ».", False),
])
def test_a_relay_is_dropped_only_when_the_other_article_names_none_near_the_words(sentence, dropped):
    quote = "Nous ne laisserons pas les casseurs détruire notre ville"
    texts = {"a": f"Sophie Carrel a déclaré à l'AFP : « {quote} ».", "b": sentence.format(q=quote)}
    rows = []
    for article, text in texts.items():
        start = text.index(quote)
        rows.append({"article_id": article, "claim_type": "direct", "speaker": "Sophie Carrel", "wording": quote,
                     "via": "AFP" if article == "a" else None, "char_start": start})
    claims = claims_of(rows)
    n = claims.num_rows
    claims = claims.set_column(claims.schema.get_field_index("sentence_start"), "sentence_start", pa.array([0] * n))
    claims = claims.set_column(claims.schema.get_field_index("sentence_end"), "sentence_end",
                               pa.array([len(texts[a]) for a in ("a", "b")]))
    articles = pa.table({"article_id": ["a", "b"], "text": [texts["a"], texts["b"]], "source": ["A", "B"],
                         "event": [EVENT, EVENT]})
    found = [f for f in align(claims, articles).findings if f.kind == "via_mismatch"]
    assert bool(found) == dropped


@pytest.mark.issue(10)
def test_a_preposition_folded_like_a_verb_is_no_negation_flip():
    w = words_for("fr")
    # « à » folds to « a »: « né à Amiens » does not un-negate « il n'y a personne »
    assert not compare("Je suis pas un héritier, je suis né à Amiens, comme mes parents",
                       "Je ne suis pas un héritier. Je suis né à Amiens. Il n'y a personne dans ma famille", w).changes
    assert [c.kind for c in compare("Il n'a pas signé le texte", "Il a signé le texte", w).changes] == ["negation"]


@pytest.mark.issue(10)
def test_a_story_whose_articles_hold_no_claim_splits_into_an_empty_part():
    from toolkit.align.events import split

    claims = claims_of([{"article_id": "a", "claim_type": "direct", "speaker": "Sophie Carrel", "wording": "Nous verrons"}])
    articles = pa.table({"article_id": ["a", "b"], "text": ["« Nous verrons », dit-elle.", "Il pleut."]})
    parts = split(claims, articles, {"a": "story-1", "b": "story-2"})
    assert parts["story-1"][0] == [0] and parts["story-1"][1].num_rows == 1
    rows, part_claims, part_articles = parts["story-2"]
    assert rows == [] and part_claims.num_rows == 0 and part_articles.column("article_id").to_pylist() == ["b"]


@pytest.mark.issue(10)
@pytest.mark.parametrize("a, b", [
    # the negative rendering also says it plainly in another clause: not the negative of the other
    ("Le cap que nous avons fixé, il est bon et nous allons le tenir",
     "Ce n'est pas quand le vent souffle qu'il faut changer de cap. Nous tiendrons le cap, il est bon"),
    # one rendering holds one more number: a piece of the other, not a number changed
    ("les additions à 200 euros",
     "Il faut comprendre ce que c'est de vivre avec 950 euros par mois quand les additions tournent autour de 200 euros"),
])
def test_a_second_clause_or_an_extra_number_is_no_meaning_change(a, b):
    assert not compare(a, b, words_for("fr")).changes


@pytest.mark.issue(10)
def test_a_name_against_a_whole_clause_is_another_wording_not_a_name_swapped():
    w = words_for("fr")
    assert not compare("La France, ce n'est pas l'anarchie",
                       "La liberté de manifester est garantie mais ce n'est pas l'anarchie", w).changes
    assert [c.kind for c in compare("Nous soutenons la Russie sans réserve",
                                    "Nous soutenons la Chine sans réserve", w).changes] == ["entity"]


def test_a_table_without_rows_has_the_schema_and_stamp_of_one_with_rows():
    from toolkit import schema

    empty = schema.table({}, schema.DISCREPANCIES, "discrepancies")
    assert empty.num_rows == 0
    assert empty.schema.equals(schema.DISCREPANCIES)
    assert empty.schema.metadata[schema.TABLE_KEY] == b"discrepancies"


@pytest.mark.issue(10)
@pytest.mark.parametrize("method", ["carried", "context"])
def test_a_name_the_extraction_only_guessed_does_not_conflict_with_a_printed_name(method):
    # b prints the words in a new paragraph with no speaker at them; the extraction carried over the last person
    # b named: that is its guess, not b giving the words to someone else
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Jean Morvan", "wording": ABUSE,
             "speaker_method": "incise", "speaker_mention": "Jean Morvan"},
            {"article_id": "b", "claim_type": "direct", "speaker": "Paul Ledru", "wording": ABUSE,
             "speaker_method": method, "speaker_mention": None}]
    result = align(_with_methods(rows))
    assert result.cluster_ids[0] == result.cluster_ids[1]
    assert not [f for f in result.findings if f.kind == "speaker_mismatch"]
    # « a-t-il dit » at the words: b does give them to a man, unsurely (a pronoun): a low finding
    rows[1] |= {"speaker_method": "pronoun", "speaker_mention": "il"}
    (finding,) = [f for f in align(_with_methods(rows)).findings if f.kind == "speaker_mismatch"]
    assert finding.severity == "low"


@pytest.mark.issue(10)
@pytest.mark.parametrize("speaker", ["Figaro Live", "Nouvel An"])
def test_two_capitalised_words_that_open_with_no_given_name_are_no_name_to_conflict_with(speaker):
    rows = [{"article_id": "a", "claim_type": "direct", "speaker": "Cyprien Royer", "wording": ABUSE,
             "speaker_method": "incise", "speaker_mention": "Cyprien Royer"},
            {"article_id": "b", "claim_type": "direct", "speaker": speaker, "wording": ABUSE,
             "speaker_method": "subject", "speaker_mention": speaker}]
    assert not [f for f in align(_with_methods(rows)).findings if f.kind == "speaker_mismatch"]
    rows[1] |= {"speaker": "Hervé Lambert", "speaker_mention": "Hervé Lambert"}       # a person's name: a finding
    assert [f.kind for f in align(_with_methods(rows)).findings] == ["speaker_mismatch"]


def _date(article: str, wording: str, text: str, value: str) -> dict:
    return {"article_id": article, "source": article.upper(), "claim_type": "statement", "wording": wording,
            "fact_slot": "date", "fact_text": text, "fact_value": value, "fact_about": None, "fact_qualifier": "exact"}


@pytest.mark.issue(10)
def test_the_same_weekday_read_against_two_publication_dates_is_no_conflict():
    # both outlets print « lundi »; one published on a Saturday reads the Monday after, one published on a Tuesday
    # the Monday before: the outlets say the same thing
    rows = [_date("a", "Le maire de Valbrune sera entendu lundi par les enquêteurs à Lormérac", "lundi", "2024-03-11"),
            _date("b", "Le maire de Valbrune a été entendu lundi par les enquêteurs à Lormérac", "lundi", "2024-03-04")]
    assert not [f for f in align(claims_of(rows)).findings if f.kind == "fact_conflict"]
    rows[1] |= {"wording": "Le maire de Valbrune a été entendu mardi par les enquêteurs à Lormérac", "fact_text": "mardi"}
    assert [f.kind for f in align(claims_of(rows)).findings] == ["fact_conflict"]


@pytest.mark.issue(10)
def test_a_verb_negated_in_one_clause_and_asserted_in_another_is_no_negation_flip():
    w = words_for("fr")
    one = "Nous ne voulons pas de querelle avec qui que ce soit, nous ne sommes pas intéressés par la polémique"
    other = "Nous ne voulons nous brouiller avec personne, la polémique ne nous intéresse pas: nous sommes des élus concrets"
    assert "negation" not in [c.kind for c in compare(one, other, w).changes]
    # the same proposition negated in one rendering only is still a flip
    assert [c.kind for c in compare("Nous ne sommes pas intéressés par la polémique",
                                    "Nous sommes intéressés par la polémique", w).changes] == ["negation"]


@pytest.mark.issue(10)
def test_two_outlets_that_each_print_a_fragment_and_its_full_quotation_do_not_disagree():
    fragment, full = "de l'esbroufe, du saupoudrage", "C'est de l'esbroufe, des effets d'annonce, du saupoudrage"
    rows = [{"article_id": a, "claim_type": t, "speaker": "Marc Vasseur", "wording": text, "char_start": start}
            for a in ("a", "b") for t, text, start in (("partial", fragment, 100), ("direct", full, 900))]
    result = align(claims_of(rows))
    assert len(set(result.cluster_ids)) == 1
    assert not [f for f in result.findings if f.kind == "wording_variant"]
    rows[3] |= {"wording": "C'est de la poudre aux yeux, des effets d'annonce, du saupoudrage"}   # b prints another full version
    assert [f.kind for f in align(claims_of(rows)).findings if f.kind == "wording_variant"] == ["wording_variant"]


def test_an_unknown_speakers_few_words_need_more_than_a_topic_and_a_verb_to_join_a_named_quotation():
    rows = [
        {"article_id": "a", "claim_type": "direct", "speaker": "unknown", "wording": "Les manifestants ne nous croient plus"},
        {"article_id": "b", "claim_type": "partial", "speaker": "Jason Herbert",
         "wording": "croient que nous sommes là pour la gloire des manifestants"},
        {"article_id": "a", "claim_type": "direct", "speaker": "unknown", "wording": "Menteur"},
        {"article_id": "b", "claim_type": "direct", "speaker": "unknown", "wording": "Menteur"},
        {"article_id": "a", "claim_type": "direct", "speaker": "unknown", "wording": "La porte de Matignon restera toujours ouverte"},
        {"article_id": "b", "claim_type": "direct", "speaker": "Édouard Philippe",
         "wording": "La porte de Matignon restera toujours ouverte aux manifestants"},
    ]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] != ids[1], "a topic word and one verb are no evidence of one statement"
    assert ids[2] == ids[3], "the same word printed by two outlets is one shout, whoever shouted it"
    assert ids[4] == ids[5], "the same words with nobody named on one side are still one statement"


def test_a_report_inside_a_sources_clause_joins_its_counterpart_not_the_clause():
    # Two outlets: « D'après une source, [il a été arrêté …, où il avait appelé [d'autres sympathisants à se
    # rassembler]] ». The source's clauses meet, the calls meet; a clause never joins the other outlet's call.
    outer_a = ("Paul Roux a été arrêté alors qu'il se dirigeait vers la place de la mairie, où il avait appelé "
               "d'autres sympathisants à se rassembler")
    outer_b = ("le leader du collectif a été arrêté alors qu'il se dirigeait vers la place de la mairie, où il avait "
               "appelé d'autres sympathisants à se rassembler")
    call = "d'autres sympathisants à se rassembler"
    rows = [
        {"article_id": "a", "claim_type": "indirect", "speaker": "unknown", "wording": outer_a, "char_start": 100},
        {"article_id": "a", "claim_type": "indirect", "speaker": "Paul Roux", "wording": call,
         "char_start": 100 + len(outer_a) - len(call)},
        {"article_id": "b", "claim_type": "indirect", "speaker": "unknown", "wording": outer_b, "char_start": 100},
        {"article_id": "b", "claim_type": "indirect", "speaker": "Paul Roux", "wording": call,
         "char_start": 100 + len(outer_b) - len(call)},
    ]
    ids = align(claims_of(rows)).cluster_ids
    assert ids[0] == ids[2], "the two sources' clauses render one statement"
    assert ids[1] == ids[3], "the two calls render one statement"
    assert ids[0] != ids[1], "a report and the report inside it are two statements"
