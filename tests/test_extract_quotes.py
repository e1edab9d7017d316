"""Quotation spans in every common French typography, and quotation marks that are not speech."""

from __future__ import annotations

import pytest

from helpers import by_type, claims


@pytest.mark.parametrize("text, wording", [
    ("« Nous ne reculerons pas », a affirmé Anne Dupont.", "Nous ne reculerons pas"),
    ("«\u00a0Nous ne reculerons pas\u00a0», a affirmé Anne Dupont.", "Nous ne reculerons pas"),
    ("«\u202fNous ne reculerons pas\u202f», a affirmé Anne Dupont.", "Nous ne reculerons pas"),
    ("“Nous ne reculerons pas”, a affirmé Anne Dupont.", "Nous ne reculerons pas"),
    ('"Nous ne reculerons pas", a affirmé Anne Dupont.', "Nous ne reculerons pas"),
    ("« Nous ne reculerons pas« , a affirmé Anne Dupont.", "Nous ne reculerons pas"),
])
def test_direct_quotation_in_every_typography(text, wording):
    (claim,) = by_type(text, "direct")
    assert claim.wording == wording and claim.speaker == "Anne Dupont"
    assert text[claim.char_start:claim.char_end] == wording


def test_quotation_over_several_sentences_is_one_claim():
    text = "« Le fonds sera abondé lundi. Aucune famille n'avancera les frais. C'est un engagement », a déclaré M. Martin."
    (claim,) = by_type(text, "direct")
    assert claim.wording.startswith("Le fonds") and claim.wording.endswith("engagement")
    assert claim.speaker == "Paul Martin"


def test_quotation_interrupted_by_an_incise_gives_two_claims_one_speaker():
    text = "« Le fonds sera abondé dès lundi », a-t-elle dit, « et aucune famille n'aura à avancer les frais. »"
    text = "La ministre Anne Dupont a visité Brennac. " + text
    direct = by_type(text, "direct")
    assert [c.wording for c in direct] == ["Le fonds sera abondé dès lundi", "et aucune famille n'aura à avancer les frais."]
    assert {c.speaker for c in direct} == {"Anne Dupont"}


def test_incise_inside_the_marks_splits_the_quotation():
    text = "« Deux personnes ont perdu la vie, a précisé le préfet. Une troisième est portée disparue. »"
    direct = by_type(text, "direct")
    assert [c.wording for c in direct] == ["Deux personnes ont perdu la vie", "Une troisième est portée disparue."]
    assert {c.speaker for c in direct} == {"Paul Martin"}


def test_missing_closing_mark_closes_at_the_end_of_the_paragraph():
    text = "M. Martin a ensuite ajouté : « Nous attendrons la fin de la crue pour évaluer les dégâts.\nLa séance a été levée."
    (claim,) = by_type(text, "direct")
    assert claim.wording == "Nous attendrons la fin de la crue pour évaluer les dégâts."
    assert claim.speaker == "Paul Martin"


def test_reversed_opening_mark_after_an_apostrophe():
    text = "Anne Dupont a assuré qu' »elle n'avait jamais caché l'état des finances », rappelant le déficit."
    (claim,) = by_type(text, "partial")
    assert claim.wording == "elle n'avait jamais caché l'état des finances"
    assert claim.speaker == "Anne Dupont"
    assert not by_type(text, "indirect"), "a clause wholly between marks is only the quotation"


@pytest.mark.parametrize("text", [
    "La procureure a brandi un exemplaire de « Rouler sans frein », l'autobiographie du prévenu.",
    "Il comparaissait pour « abus de biens sociaux » devant le tribunal.",
    "Le collectif « Sauvons la piscine » a été créé au printemps.",
    "Le projet de « concertation » a fait long feu dans la commune.",
])
def test_quote_marks_that_are_not_speech_give_no_claim(text):
    assert [c for c in claims(text) if c.claim_type in ("direct", "partial")] == []


def test_dialogue_answers_are_quotations_and_questions_are_not():
    text = ("Nous avons retrouvé Anne Dupont dans son bureau.\n"
            "— Combien de temps faudra-t-il ?\n"
            "— Au moins cinq ans, si tout va bien.\n")
    (claim,) = by_type(text, "direct")
    assert claim.wording == "Au moins cinq ans, si tout va bien." and claim.speaker == "Anne Dupont"


def test_an_interview_answer_stays_with_the_interviewee_after_a_quotation_inside_the_previous_answer():
    text = ("Anne Dupont a répondu à nos questions.\n"
            "Comment vont les équipes ?\n"
            "Elles sont épuisées. Une infirmière m'a dit un jour : « On ne soigne plus, on trie. » Cette phrase me suit.\n"
            "Quand rouvrirez-vous le service ?\n"
            "Je ne donnerai pas de date, je préfère tenir mes promesses.\n")
    answers = {c.wording: c.speaker for c in by_type(text, "direct")}
    assert answers["On ne soigne plus, on trie."] == "unknown"
    assert answers["Je ne donnerai pas de date, je préfère tenir mes promesses."] == "Anne Dupont"


def test_a_short_lower_case_fragment_is_speech_not_a_name():
    text = "« Il faut rester prudent », a déclaré Paul Martin. Selon lui, les maternités pourraient « dès cet été » agir."
    assert [c.wording for c in by_type(text, "partial")] == ["dès cet été"]


def test_a_self_description_in_quote_marks_is_a_claim():
    (claim,) = by_type("Anne Dupont se définit volontiers comme une « documentariste contrariée ».", "partial")
    assert claim.speaker == "Anne Dupont"


def test_short_fragment_given_by_the_sentence_is_kept_even_when_the_speaker_is_not_known():
    partials = by_type("La Norvège a appelé jeudi à la « retenue » et au « dialogue » entre les deux pays.", "partial")
    assert [p.wording for p in partials] == ["retenue", "dialogue"]
    assert all(p.cue == "appeler" for p in partials)


def test_short_fragment_with_nobody_saying_it_stays_out():
    assert by_type("Le village a gardé son « charme » malgré les travaux.", "partial") == []


def test_fragments_before_the_incise_that_closes_their_clause():
    text = "Le secteur « a perdu » des clients face à une concurrence « féroce », a déclaré Anne Dupont mardi."
    assert [(p.wording, p.speaker) for p in by_type(text, "partial")] == [("a perdu", "Anne Dupont"), ("féroce", "Anne Dupont")]
    (indirect,) = by_type(text, "indirect")
    assert indirect.wording == "Le secteur « a perdu » des clients face à une concurrence « féroce »"


def test_fragment_followed_by_comme_and_an_inverted_cue():
    (partial,) = by_type("Les hôpitaux font face à une « vague inédite », comme le prévenait Anne Dupont en mars.", "partial")
    assert partial.wording == "vague inédite" and partial.speaker == "Anne Dupont"


def test_a_phrase_the_article_keeps_quoting_is_a_label():
    text = ("Les « bonnets rouges » ont bloqué la route. Anne Dupont a reçu les « bonnets rouges » mardi, "
            "et a dit comprendre la colère des « bonnets rouges ». Un « bonnet rouge » a déclaré être « très déçu ».")
    assert [p.wording for p in by_type(text, "partial")] == ["très déçu"]


@pytest.mark.parametrize("opener", ["Globalement,", "En revanche,", "À ses yeux,"])
def test_quotation_after_a_short_adverbial_opener_stands_alone(opener):
    (claim,) = by_type(f"Paul Martin a quitté la salle. {opener} « le dossier n'a pas avancé d'un pouce ».", "direct")
    assert claim.wording == "le dossier n'a pas avancé d'un pouce"


def test_a_fragment_in_apposition_to_a_subject_is_partial():
    assert by_type("Le maire, « très ému », a remercié les pompiers.", "direct") == []


def test_subhead_fragment_quoted_again_in_the_body_is_a_claim():
    text = ("Le port veut une « pause » dans les travaux\n\n"
            "« Nous demandons une pause dans les travaux », a déclaré Paul Martin mardi.\n\n"
            "Le chantier « modèle » du port\n\nLes grues sont arrivées lundi.")
    partials = by_type(text, "partial")
    assert [(p.wording, p.speaker) for p in partials] == [("pause", "Paul Martin")]


def test_a_list_of_charges_after_pour_is_no_speech():
    text = "Le tribunal a condamné jeudi le gérant à deux ans de prison pour « abus de biens sociaux » et « faux »."
    assert by_type(text, "partial") == []
    text = ("Il avait été placé en garde à vue pour « port d'arme prohibé », en l'occurrence un couteau, et "
            "« rébellion ».")
    assert by_type(text, "partial") == []


def test_a_numbered_name_is_no_speech():
    assert by_type("Paul Martin a été interpellé lors de l'« acte VI » des manifestations.", "partial") == []


def test_a_chevron_opening_a_sentence_inside_an_open_one_starts_a_new_quotation():
    text = ("Pour Paul Martin, le maire, « la ville n'est pas à vendre. « Nous garderons le port », a-t-il ajouté. "
            "Anne Dupont a dénoncé un « coup de force ».")
    assert [(c.claim_type, c.wording.rstrip("."), c.speaker) for c in claims(text) if c.claim_type != "statement"] == [
        ("direct", "la ville n'est pas à vendre", "Paul Martin"), ("direct", "Nous garderons le port", "Paul Martin"),
        ("partial", "coup de force", "Anne Dupont")]


@pytest.mark.parametrize("text, wording", [
    ("Paul Martin a condamné avec une « fermeté absolue » les violences de la nuit.", "fermeté absolue"),
    ("Taxant la direction d'« amateurisme », Paul Martin a quitté la réunion.", "amateurisme"),
    ("Paul Martin, se réjouissant de cette « victoire collective », a remercié les bénévoles.", "victoire collective"),
])
def test_fragments_after_more_reporting_verbs(text, wording):
    assert [p.wording for p in by_type(text, "partial")] == [wording]


def test_an_article_asking_itself_questions_is_no_interview():
    text = ("La digue tiendra-t-elle ?\n\nLa crue a atteint un niveau record mardi dans la vallée.\n\n"
            "Comment expliquer une telle montée des eaux ?\n\nLes pluies ont duré dix jours sans interruption.")
    assert by_type(text, "direct") == []


def test_questions_to_someone_make_an_interview():
    text = ("Pourquoi avez-vous quitté le club ?\n\nLe projet ne me convenait plus.\n\n"
            "Et maintenant, que ferez-vous ?\n\nJe vais prendre le temps de réfléchir.")
    assert [c.wording for c in by_type(text, "direct")] == ["Le projet ne me convenait plus.", "Je vais prendre le temps de réfléchir."]


def test_quoted_expressions_named_as_such_are_no_speech():
    text = "« Avoir le trac », « des papillons dans le ventre »… Ces expressions disent toutes la peur de la scène."
    assert [c for c in claims(text) if c.claim_type in ("direct", "partial")] == []


def test_quotations_listed_before_a_colon_are_reactions():
    text = ("« Honte », « mépris » ou « trahison » : la fermeture de l'usine a indigné les élus.\n\n"
            "« C'est une trahison », a déclaré Paul Martin.")
    partials = by_type(text, "partial")
    assert [p.wording for p in partials] == ["Honte", "mépris", "trahison"]
    assert partials[2].speaker == "Paul Martin"          # the body quotes the same word from him


def test_narrative_infinitive_reports_for_who_held_the_floor():
    text = ("« Je suis parti tôt », a raconté Paul Martin. Et d'ajouter qu'après la crue, « tout était à refaire ».")
    (indirect,) = by_type(text, "indirect")
    assert indirect.wording == "après la crue, « tout était à refaire »" and indirect.speaker == "Paul Martin"
    assert [(p.wording, p.speaker) for p in by_type(text, "partial")] == [("tout était à refaire", "Paul Martin")]


def test_a_quotation_over_two_paragraphs_takes_the_speaker_of_its_closing_incise():
    text = ("Le conseil s'est réuni mardi.\n\n« Nous avons tout essayé pour sauver cette usine. Les salariés méritent mieux.\n\n"
            "« Je demande à l'État de prendre ses responsabilités », a conclu Paul Martin.\n")
    found = by_type(text, "direct")
    assert [c.speaker for c in found] == ["Paul Martin", "Paul Martin"]


def test_fragments_after_an_opening_participle_belong_to_the_main_subject():
    # the participle phrase ends at the first comma after it, before the fragments: its subject is the main clause's
    text = "Saluant les secours, M. Martin a offert son aide pour « loger les familles » ou encore « ouvrir des salles » dès ce soir."
    partials = by_type(text, "partial")
    assert [(c.wording, c.speaker) for c in partials] == [("loger les familles", "Paul Martin"), ("ouvrir des salles", "Paul Martin")]


def test_a_straight_quotation_that_lost_its_closing_mark_ends_before_its_incise():
    # the second straight mark opens a new quotation (straight marks never nest in themselves): the first one ends
    # before the incise that names its speaker, and what follows is read again
    text = ('Mais "la taxe est une erreur. Elle frappe les plus modestes, fustige à Lyon Paul Martin. Globalement, '
            '"le gouvernement n\'a pas pris la mesure de la colère". Il prévient que ça risque "de durer".')
    directs = by_type(text, "direct")
    assert [(c.wording, c.speaker) for c in directs] == [
        ("la taxe est une erreur. Elle frappe les plus modestes", "Paul Martin"),
        ("le gouvernement n'a pas pris la mesure de la colère", "Paul Martin")]
    assert [c.wording for c in by_type(text, "partial")] == ["de durer"]


def test_a_short_straight_quotation_inside_another_stays_nested():
    text = '"Des manifestations, j\'en ai vu des dizaines. Les "gilets jaunes" ont réussi leur coup", raconte Paul Martin.'
    (direct,) = by_type(text, "direct")
    assert direct.wording.endswith("ont réussi leur coup") and direct.speaker == "Paul Martin"


def test_a_long_fragment_nobody_is_given_is_still_somebodys_words():
    # five words or more in lower case are no label: a partial claim, given like any fragment with no verb of its
    # own (the sentence's subject, else the context)
    text = ("« Nous irons jusqu'au bout », a déclaré Paul Martin. Le préfet veut « rassembler tous les habitants de la "
            "vallée autour du projet ».")
    (partial,) = by_type(text, "partial")
    assert partial.wording == "rassembler tous les habitants de la vallée autour du projet" and partial.speaker == "Paul Martin"
    (partial,) = by_type("Anne Dupont compte utiliser cette technologie « non seulement dans les téléphones, mais aussi "
                         "dans les téléviseurs ».", "partial")
    assert partial.speaker == "Anne Dupont"


@pytest.mark.parametrize("text", [
    "Le quartier est devenu une « zone de non-droit ».",                 # short: held at a distance
    "Cette étude montre que la population veut voir « diminuer la pauvreté et la précarité en France ».",   # a poll item
])
def test_fragments_nobody_said(text):
    assert by_type(text, "partial") == []


def test_short_fragments_listed_with_a_long_one_share_its_decision():
    text = ("Il s’agit notamment de « l’indépendance nationale, de l’intégrité du territoire » et de « la prévention du "
            "terrorisme », mais également des « intérêts majeurs ».")
    assert [c.wording for c in by_type(text, "partial")] == [
        "l’indépendance nationale, de l’intégrité du territoire", "la prévention du terrorisme", "intérêts majeurs"]


@pytest.mark.parametrize("text, wording, speaker", [
    ("Paul Martin est venu à Lyon pour dénoncer un « scandale ».", "scandale", "Paul Martin"),
    ("Des centaines de personnes se sont rassemblées pour réclamer sa « libération ».", "libération", "unknown"),
])
def test_a_reporting_verb_in_the_infinitive_gives_a_short_fragment(text, wording, speaker):
    (partial,) = by_type(text, "partial")
    assert (partial.wording, partial.speaker) == (wording, speaker)


def test_a_plain_verb_in_the_infinitive_gives_nothing():
    assert by_type("Les habitants sont venus pour visiter la « maison du peuple ».", "partial") == []


@pytest.mark.parametrize("text", [
    # a name of two or three words quoted once that the article also prints without marks is a label
    "Les gilets jaunes ont manifesté samedi. Paul Martin a reçu des « gilets jaunes » venus de Lyon, a-t-il indiqué.",
    # in the title, only a group named in the plural is
    "Le maire soutient les gilets jaunes\n\nPaul Martin a assuré son soutien aux « gilets jaunes » de la ville.\n\nLa suite.",
])
def test_a_name_also_printed_without_marks_is_no_quotation(text):
    assert by_type(text, "partial") == []


def test_a_title_restating_quoted_words_leaves_them_quoted():
    text = ("Vague de grèves annoncée vendredi\n\nUne « vague de grèves » devrait toucher le pays, préviennent les "
            "syndicats.\n\nLa suite.")
    assert [c.wording for c in by_type(text, "partial")] == ["vague de grèves"]


def test_a_web_pages_markup_left_in_the_text_is_no_quotation():
    text = ('Le vote a eu lieu mardi.\n\n" frameborder="0" scrolling="no" style="border:0;"> Ainsi, les élus ont '
            'voté le texte.')
    assert [c for c in claims(text) if c.claim_type in ("direct", "partial")] == []


def test_what_someone_sees_in_events_is_their_reading():
    # « X y a vu un « abus de pouvoir » »: X's words, not scare quotes
    found = by_type("Éric Drouet a été arrêté. Jean-Luc Mélenchon y a vu un « abus de pouvoir ».", "partial")
    assert [(c.wording, c.speaker) for c in found] == [("abus de pouvoir", "Jean-Luc Mélenchon")]
