"""Reported speech and partial quotations: the clause, its boundaries, its speaker."""

from __future__ import annotations

import pytest

from helpers import by_type, claims


@pytest.mark.parametrize("text, wording", [
    ("Anne Dupont a déclaré mercredi que l'usine ne fermerait pas.", "l'usine ne fermerait pas"),
    ("Anne Dupont a estimé que la reprise était possible, lors d'une visite à Lyon.", "la reprise était possible"),
    ("Anne Dupont a évoqué la possibilité que l'État entre au capital.", "l'État entre au capital"),
    ("Anne Dupont a laissé entendre que le plan serait revu.", "le plan serait revu"),
    ("Selon Anne Dupont, les commandes ont doublé depuis janvier.", "les commandes ont doublé depuis janvier"),
    ("Les commandes ont doublé depuis janvier, selon Anne Dupont.", "Les commandes ont doublé depuis janvier"),
    ("Les discussions ont débuté mercredi à Lyon, a indiqué Anne Dupont.", "Les discussions ont débuté mercredi à Lyon"),
    ("Anne Dupont a confirmé lundi 7 octobre, lors d'une conférence de presse à la mairie, que l'usine fermerait.",
     "l'usine fermerait"),
])
def test_reported_clause_and_speaker(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Anne Dupont"


def test_clause_with_quoted_words_gives_the_clause_and_the_fragment():
    text = "Anne Dupont a affirmé que son pays serait « toujours aux côtés » des salariés."
    (indirect,) = by_type(text, "indirect")
    (partial,) = by_type(text, "partial")
    assert indirect.wording == "son pays serait « toujours aux côtés » des salariés"
    assert partial.wording == "toujours aux côtés" and partial.speaker == indirect.speaker == "Anne Dupont"


def test_partial_in_a_participle_clause_belongs_to_the_main_subject():
    text = ("« Je suis heureux d'être ici », a déclaré M. Martin, précisant que la visite porterait sur la "
            "« sécurité des digues ».")
    (partial,) = by_type(text, "partial")
    assert partial.speaker == "Paul Martin"


def test_partial_after_se_dire():
    (partial,) = by_type("Paul Martin s'est dit « très inquiet » de la montée des eaux.", "partial")
    assert partial.wording == "très inquiet" and partial.speaker == "Paul Martin"


def test_apposition_is_not_reported_speech():
    text = "Le préfet, Paul Martin, a confirmé la fermeture de la route."
    assert by_type(text, "indirect") == []


def test_no_claim_in_a_plain_narrative_sentence():
    assert [c for c in claims("Les deux dirigeants ont visité le site avant le déjeuner.") if c.claim_type != "statement"] == []


def test_pour_someone_is_an_opinion_put_in_their_mouth():
    (claim,) = by_type("Pour l'avocat de la défense, Me Vasseur, le dossier repose sur des approximations comptables.", "indirect")
    assert claim.wording == "le dossier repose sur des approximations comptables" and claim.speaker == "Me Vasseur"
    assert claim.cue is None


def test_a_comparison_with_que_is_not_reported_speech():
    # the "que" ends a comparison: what she acknowledged is the infinitive report, not a clause "l'an dernier"
    (claim,) = by_type("Anne Dupont a reconnu, lors du conseil municipal, être plus inquiète que l'an dernier.", "indirect")
    assert claim.wording == "être plus inquiète que l'an dernier"
    (claim,) = by_type("Anne Dupont a aussi déclaré que l'usine fermerait.", "indirect")
    assert claim.wording == "l'usine fermerait"


@pytest.mark.parametrize("text", [
    "Pour la première fois, le tribunal a siégé un dimanche.",
    "Pour 2024, le budget prévoit une hausse des dépenses.",
    "Pour rappel, la réforme a été votée en mars dernier.",
])
def test_pour_something_is_not_speech(text):
    assert by_type(text, "indirect") == []


def test_a_quotation_after_pour_someone_and_an_apposition_is_theirs():
    text = 'Pour Luc, pizzaïolo à Marseille, "c\'est une mascarade. Il annonce des primes, mais avec quel argent".'
    (claim,) = [c for c in claims(text) if c.claim_type in ("direct", "partial")]
    assert (claim.claim_type, claim.speaker) == ("direct", "Luc")


def test_a_forecast_is_reported_but_what_a_plan_provides_is_not():
    (claim,) = by_type("Météo-France prévoit que les pluies faibliront dans l'après-midi.", "indirect")
    assert claim.wording == "les pluies faibliront dans l'après-midi"
    assert by_type("Le plan « Cap 2028 » prévoit que 60 % des ventes viendront de l'électrique.", "indirect") == []


def test_unnamed_groups_and_our_information_are_anonymous():
    (claim,) = by_type("Les syndicats dénoncent une « stratégie du sauve-qui-peut » et estiment que les salariés paient.", "indirect")
    assert (claim.speaker, claim.speaker_mention) == ("unknown", "Les syndicats")
    (claim,) = by_type("Le groupe envisagerait de céder son activité, selon nos informations.", "indirect")
    assert claim.speaker == "unknown"


def test_a_quotation_with_its_incise_closed_by_selon_is_no_reported_clause():
    text = "« Vous n'avez jamais été oubliés », leur a-t-il lancé, selon des images diffusées par la télévision publique."
    assert by_type("Anne Dupont est venue. " + text, "indirect") == []


@pytest.mark.parametrize("text, wording", [
    ("L'opération n'aurait pas duré plus de quatre minutes, selon les gendarmes de la compagnie, chargés de l'enquête.",
     "L'opération n'aurait pas duré plus de quatre minutes"),
    ("Selon nos confrères du Parisien, qui citent une source proche de l'enquête, l'un d'eux aurait été confondu.",
     "l'un d'eux aurait été confondu"),
    ("Pour le politologue Hugo Lamarque, la faible participation relativise la portée du scrutin.",
     "la faible participation relativise la portée du scrutin"),
])
def test_selon_and_pour_with_an_apposition_or_a_relative_on_the_source(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording


def test_congratulating_someone_is_not_a_reporting_verb():
    text = ("De son côté, le président du parti, Étienne Favreau, a félicité Anne Dupont. "
            "« Le barrage a fonctionné », a-t-il écrit sur son compte X.")
    assert by_type(text, "indirect") == []
    (claim,) = by_type(text, "direct")
    assert claim.speaker == "Étienne Favreau"


@pytest.mark.parametrize("text", [
    "Pour la période de Noël, la SNCF a prévu des trains supplémentaires sur toutes les lignes.",
    "Pour le match contre Lyon, l'entraîneur aligne son équipe type au complet.",
])
def test_pour_with_a_capitalised_word_that_is_no_person_is_not_speech(text):
    assert by_type(text, "indirect") == []


def test_selon_a_paper_about_what_a_bill_provides():
    (claim,) = by_type("Selon Le Monde, le projet de loi prévoit que les retraites seront gelées.", "indirect")
    assert claim.speaker == "Le Monde"
    (claim,) = by_type("Le ministre, qui a présenté le projet mardi, prévoit que la croissance ralentira.", "indirect")
    assert claim.wording == "la croissance ralentira"


@pytest.mark.parametrize("text, wording, cue", [
    ("Anne Dupont a affirmé jeudi avoir reçu les syndicats à deux reprises.", "avoir reçu les syndicats à deux reprises", "affirmer"),
    ("Paul Martin dit ne pas connaître le montant exact des travaux.", "ne pas connaître le montant exact des travaux", "dire"),
    ("Anne Dupont a dit espérer une reprise rapide du chantier.", "espérer une reprise rapide du chantier", "dire"),
    ("Paul Martin a demandé d'évacuer les berges avant la nuit.", "d'évacuer les berges avant la nuit", "demander"),
    ("Anne Dupont a appelé les riverains à rester chez eux jusqu'à dimanche.", "les riverains à rester chez eux jusqu'à dimanche", "appeler"),
    ("Paul Martin accuse la direction d'avoir caché les comptes aux salariés.", "la direction d'avoir caché les comptes aux salariés", "accuser"),
    ("Anne Dupont a nié toute négociation secrète avec le repreneur.", "toute négociation secrète avec le repreneur", "nier"),
    ("Paul Martin a fait état d'une baisse sensible des effectifs de gendarmerie.", "d'une baisse sensible des effectifs de gendarmerie", "faire état"),
    ("Anne Dupont avait appelé à se rassembler devant la mairie samedi.", "se rassembler devant la mairie samedi", "appeler"),
    ("Paul Martin a invité à participer à la concertation dans chaque commune.", "participer à la concertation dans chaque commune", "inviter"),
    # an infinitive opening like a clitic (« me », « la », « ne ») is one word
    ("Anne Dupont a dit mener une enquête approfondie.", "mener une enquête approfondie", "dire"),
    ("Paul Martin a dit laisser la porte ouverte aux syndicats.", "laisser la porte ouverte aux syndicats", "dire"),
])
def test_reports_with_an_infinitive_or_a_noun_instead_of_que(text, wording, cue):
    (claim,) = by_type(text, "indirect")
    assert (claim.wording, claim.cue) == (wording, cue)
    assert claim.speaker in ("Anne Dupont", "Paul Martin")


@pytest.mark.parametrize("text", [
    "Le gouvernement, accusé de rester sourd aux revendications, n'a pas réagi.",      # a participle, no report
    "Environ 300 habitants ont demandé à être relogés avant l'hiver.",                  # asking for oneself
    "« J'ai vu la vague arriver », a confié l'ailier au micro de la radio locale.",     # the verb of an incise
    "Paul Martin a annoncé le départ de l'entraîneur.",                                 # a thing, not what was said
    "Anne Dupont a dit hier soir sa satisfaction.",
    "Paul Martin était appelé à témoigner au procès de son ancien associé.",            # a passive: summoned
    "Anne Dupont a appelé à « rentrer » dans la mairie avant minuit.",                   # the quoted words alone
])
def test_no_report_without_a_complement_that_reports(text):
    assert by_type(text, "indirect") == []


def test_the_report_ends_before_a_second_predicate_of_the_same_subject():
    (claim,) = by_type("Le prévenu a reconnu avoir menti aux enquêteurs, mais a contesté tout détournement.", "indirect")
    assert claim.wording == "avoir menti aux enquêteurs"


@pytest.mark.parametrize("text, wording", [
    ("La crue s'est produite vers 4 heures du matin, a précisé Paul Martin.", "La crue s'est produite vers 4 heures du matin"),
    ("La réunion, à la demande des maires, se déroulera en préfecture, a ajouté Paul Martin.",
     "La réunion, à la demande des maires, se déroulera en préfecture"),
])
def test_clause_before_an_incise_with_a_reflexive_or_future_verb(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Paul Martin"


def test_an_aside_after_the_auxiliary_is_no_incise():
    text = "Le syndicat des pêcheurs a, lui, demandé aux élus de suspendre les quotas."
    assert [c.wording for c in by_type(text, "indirect")] == ["aux élus de suspendre les quotas"]


def test_a_report_wholly_quoted_but_its_verb_is_the_fragment_alone():
    text = "Le prévenu a reconnu avoir « gonflé les factures »."
    assert by_type(text, "indirect") == []
    assert [c.wording for c in by_type(text, "partial")] == ["gonflé les factures"]


@pytest.mark.parametrize("text, wording", [
    ("Mais la digue a déjà cédé deux fois, comme le rappelle Paul Martin.", "la digue a déjà cédé deux fois"),
    ("Comme l'a souligné Paul Martin, la digue a cédé à deux reprises depuis 2010.", "la digue a cédé à deux reprises depuis 2010"),
    ("Pourtant, comme l'explique Paul Martin, interrogé mardi, les travaux ne commenceront pas avant l'été.",
     "les travaux ne commenceront pas avant l'été"),
])
def test_comme_with_a_reporting_verb_vouches_for_the_clause(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Paul Martin"


@pytest.mark.parametrize("text", [
    "Le maire est arrivé comme prévu à la mairie, comme chaque année.",
    "« La digue a tenu », a déclaré Paul Martin, comme le rapporte l'AFP.",
])
def test_comme_without_a_source_of_its_own_is_no_report(text):
    assert by_type(text, "indirect") == []


def test_an_impersonal_passive_names_no_speaker():
    assert by_type("Il a été observé que la moitié des bornes étaient hors service.", "indirect") == []


def test_revealed_is_a_report():
    (claim,) = by_type("Le quotidien régional révèle ce vendredi que Paul Martin a dîné sans masque.", "indirect")
    assert claim.wording == "Paul Martin a dîné sans masque"


@pytest.mark.parametrize("text, wording", [
    ("Paul Martin a quitté la salle. À ses yeux, la digue ne tiendra pas un hiver de plus.", "la digue ne tiendra pas un hiver de plus"),
    ("Aux yeux de Paul Martin, la réforme est un échec complet.", "la réforme est un échec complet"),
    ("La digue ne tiendra pas un hiver de plus, selon le préfet Paul Martin : « il faut la reconstruire ».",
     "La digue ne tiendra pas un hiver de plus"),
])
def test_more_ways_to_give_a_clause_a_source(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Paul Martin"


def test_a_clause_ends_before_et_and_a_reporting_participle():
    text = "Paul Martin a indiqué que la route restait coupée et demandant aux habitants de rester chez eux."
    assert [c.wording for c in by_type(text, "indirect")] == ["la route restait coupée", "aux habitants de rester chez eux"]


def test_quotation_with_time_words_before_its_incise_is_direct():
    (claim,) = by_type("« On a tout perdu » mardi soir, a raconté Paul Martin.", "direct")
    assert claim.wording == "On a tout perdu" and claim.speaker == "Paul Martin"
    assert by_type("« On a tout perdu » mardi soir, a raconté Paul Martin.", "indirect") == []


@pytest.mark.parametrize("text", [
    "La commission pourra saisir le juge si elle estime que la loi n'est pas respectée.",      # a hypothesis
    "Que le maire ait menti ne relève que de la supposition.",                                  # ne … que
    "Ce qu'on dit peut s'avérer aussi dangereux que le virus lui-même.",                        # a relative
    "« Il a tout perdu », a ajouté un élu sur l'influence qu'a pu obtenir Paul Martin.",        # an incise's verb
    "Le péage était entièrement bloqué en fin de matinée, a constaté un photographe de l'AFP.",  # the newsroom's eyes
    "Le chômage a progressé de 7 % l'an dernier, selon les chiffres officiels.",               # figures
    "Selon un sondage publié jeudi, une majorité de Français souhaite une pause.",
    "Les produits de dégradation, appelés métabolites, polluent les nappes.",                  # a participle
])
def test_sentences_that_report_nobody(text):
    assert by_type(text, "indirect") == []


def test_selon_after_a_quotation_and_its_incise_is_its_source_not_a_clause():
    text = "« Nous tiendrons », a affirmé le ministre de la Défense, selon une vidéo diffusée par l'armée."
    assert by_type(text, "indirect") == []
    assert [c.wording for c in by_type(text, "direct")] == ["Nous tiendrons"]


def test_each_item_of_a_list_after_a_reporting_verb_and_a_colon_is_reported():
    text = ("Le collectif appelle Paul Martin à agir vite à travers certaines actions :\n\n"
            "1- interdire les pesticides autour des captages.\n\n2- financer la rénovation des stations.\n\n"
            "Les élus se réuniront mardi.")
    found = by_type(text, "indirect")
    assert [c.wording for c in found] == ["Paul Martin à agir vite à travers certaines actions",
                                          "interdire les pesticides autour des captages", "financer la rénovation des stations"]
    assert all(c.cue == "appeler" and c.sentence_start == 0 and c.sentence_end >= c.char_end for c in found)


def test_a_list_after_a_colon_without_reporting_verb_is_not_reported():
    text = "Le programme de la journée :\n\n1- visite du chantier.\n\n2- déjeuner à la mairie.\n"
    assert by_type(text, "indirect") == []


def test_a_quoted_name_before_its_verb_is_no_incise():
    (claim,) = by_type("Le collectif « Eau Claire » appelle les élus à protéger les captages.", "indirect")
    assert claim.wording == "les élus à protéger les captages"


@pytest.mark.parametrize("text, wording", [
    ("Paul Martin a affirmé que la digue avait cédé et salué le travail des pompiers.", "la digue avait cédé"),
    ("Paul Martin a estimé que les tensions s'apaisent : « Elles restent une menace ».", "les tensions s'apaisent"),
    ("Paul Martin a indiqué que la rencontre avait eu lieu en mairie, comme il l'avait promis.", "la rencontre avait eu lieu en mairie"),
    ("Paul Martin a indiqué que les réservations ont doublé, atteignant un record dimanche.",
     "les réservations ont doublé, atteignant un record dimanche"),
    ("Paul Martin a indiqué que les réservations ont doublé, précisant que l'hôtel affiche complet.", "les réservations ont doublé"),
])
def test_where_a_reported_clause_ends(text, wording):
    assert by_type(text, "indirect")[0].wording == wording


@pytest.mark.parametrize("text, wording", [
    ("Pour Paul Martin, ingénieur hydraulique, qui suit le chantier depuis 2019, la digue ne tiendra pas.", "la digue ne tiendra pas"),
    ("Selon Paul Martin, la digue, construite en 1950, a cédé mardi.", "la digue, construite en 1950, a cédé mardi"),
])
def test_descriptions_of_the_source_are_not_in_the_clause(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Paul Martin"


def test_the_wire_formula_a_t_on_appris_reports_an_unnamed_source():
    (claim,) = by_type("Les ministres se retrouveront mardi à Lyon, a-t-on appris vendredi de source préfectorale.", "indirect")
    assert claim.wording == "Les ministres se retrouveront mardi à Lyon" and claim.speaker == "unknown"
    assert by_type("Il a appris le métier auprès de son père.", "indirect") == []


@pytest.mark.parametrize("text, wording", [
    ("Pour ses opposants, le fait que la digue ait cédé a clos le débat.", "le fait que la digue ait cédé a clos le débat"),
    ("Pour les détracteurs du projet, cette unanimité est suspecte.", "cette unanimité est suspecte"),
    ("Pour le toxicologue, les agences lisent toute la littérature produite sur le sujet.",
     "les agences lisent toute la littérature produite sur le sujet"),
])
def test_pour_a_group_or_an_expert(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording


@pytest.mark.parametrize("text", ["Pour sa part, le maire est resté silencieux.",
                                  "Pour son anniversaire, la ville a organisé une fête."])
def test_pour_something_is_no_source(text):
    assert by_type(text, "indirect") == []


def test_a_report_inside_an_opening_subordinate_clause_ends_where_the_main_clause_starts():
    text = "Si Paul Martin a d'abord affirmé qu'il était prêt à partir, il a rejeté cette idée mardi."
    assert [c.wording for c in by_type(text, "indirect")] == ["il était prêt à partir"]
    text = "Paul Martin a affirmé que s'il le fallait, il partirait."
    assert [c.wording for c in by_type(text, "indirect")] == ["s'il le fallait, il partirait"]


@pytest.mark.parametrize("text, clause, fragment", [
    # the quoted words are the predicate of the subject's noun phrase (a decimal comma does not end that phrase)
    ("La part des contrats précaires (12,5 %) « repart à la hausse sans retrouver son niveau » cette année, note aussi "
     "Anne Dupont.", "La part des contrats précaires (12,5 %) « repart à la hausse sans retrouver son niveau » cette année",
     "repart à la hausse sans retrouver son niveau"),
    # a present tense shown by a subject pronoun or a reflexive
    ("Il s’agit d’« une mesure de prudence », indique Anne Dupont dans un communiqué.",
     "Il s’agit d’« une mesure de prudence »", "une mesure de prudence"),
    ("C'est le seul moyen « d'éviter la faillite », a ajouté Anne Dupont.", "C'est le seul moyen « d'éviter la faillite »",
     "d'éviter la faillite"),
    # a final "selon" vouches for the whole sentence, even when a quotation closes it, and past a noun apposition
    ("Les ventes se sont « nettement redressées » en mars, avec une hausse de 4 %, « un record depuis 2010 », selon "
     "Anne Dupont, la ministre de l'Industrie.",
     "Les ventes se sont « nettement redressées » en mars, avec une hausse de 4 %, « un record depuis 2010 »",
     "nettement redressées"),
])
def test_a_clause_with_quoted_words_before_its_incise_is_reported_too(text, clause, fragment):
    (indirect,) = by_type(text, "indirect")
    assert indirect.wording == clause and indirect.speaker == "Anne Dupont"
    assert fragment in [c.wording for c in by_type(text, "partial")]


@pytest.mark.parametrize("text", [
    "Un « scandale absolu » pour la démocratie, a dénoncé Anne Dupont.",    # a noun phrase, no clause
    "Une « provocation », a dénoncé Anne Dupont.",
    "Le ministre, « très ému », a salué les secours.",
])
def test_a_quoted_noun_phrase_before_an_incise_is_no_reported_clause(text):
    assert by_type(text, "indirect") == []


def test_a_source_inserted_before_an_object_leaves_the_sentence_whole():
    # "les manifestants" is the verb's object, not an apposition of the source: the selon-clause is the whole sentence
    (claim,) = by_type("La venue de deux figures du mouvement devrait attirer, selon Anne Dupont, les manifestants.", "indirect")
    assert claim.wording.endswith("les manifestants") and claim.speaker == "Anne Dupont"


@pytest.mark.parametrize("text, wording", [
    # a denunciation's object is what was said; a short phrase saying where it was said stands between
    ("Anne Dupont a dénoncé sur Twitter une répression opérée par l'exécutif.", "une répression opérée par l'exécutif"),
    ("Anne Dupont a affirmé à la presse avoir reçu des menaces.", "avoir reçu des menaces"),
    # a second verb coordinated after the complement ends it
    ("Anne Dupont a dénoncé le blocage d'une plateforme logistique du groupe, à Béziers et a mis en garde contre les "
     "« conséquences » des actions.", "le blocage d'une plateforme logistique du groupe, à Béziers"),
])
def test_noun_and_infinitive_reports_past_the_medium(text, wording):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and claim.speaker == "Anne Dupont"


def test_a_denounced_noun_phrase_headed_by_quoted_words_is_the_fragment_alone():
    text = "Anne Dupont a dénoncé l'« hypocrisie » de plusieurs collègues."
    assert by_type(text, "indirect") == [] and [c.wording for c in by_type(text, "partial")] == ["hypocrisie"]


def test_a_report_coordinated_to_another_has_the_same_speaker():
    text = "Anne Dupont a affirmé que l'usine fermerait et a ajouté lundi que les salariés seraient reclassés."
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [
        ("l'usine fermerait", "Anne Dupont"), ("les salariés seraient reclassés", "Anne Dupont")]


@pytest.mark.parametrize("text, wording, speaker", [
    # "Pour" + a stressed pronoun: the person just named holds that opinion
    ("Anne Dupont a visité l'usine. Pour elle, le site doit rester ouvert après la fusion.",
     "le site doit rester ouvert après la fusion", "Anne Dupont"),
    # after a connector, and the authors of a study as the source
    ("Cependant, pour les auteurs, le ministre n'est pas le seul fautif.", "le ministre n'est pas le seul fautif", None),
])
def test_pour_after_a_connector_or_with_a_pronoun(text, wording, speaker):
    (claim,) = by_type(text, "indirect")
    assert claim.wording == wording and (speaker is None or claim.speaker == speaker)


@pytest.mark.parametrize("text", [
    "La police a estimé à un millier le nombre de manifestants.",       # a quantity after "à", no medium
    "Quatre manifestations ont été déclarées auprès de la préfecture de police.",   # a passive; a noun in -re
])
def test_no_report_read_past_a_false_medium(text):
    assert by_type(text, "indirect") == []


@pytest.mark.parametrize("text, wordings", [
    ("La station « est fermée en raison d'une enquête », a publié Anne Dupont sur X.",
     ["La station « est fermée en raison d'une enquête »"]),
    ("Anne Dupont a fait part à plusieurs reprises de sa volonté d’exercer sa mission de contrôle.",
     ["de sa volonté d’exercer sa mission de contrôle"]),
    ("Anne Dupont a promis l'an dernier d'interdire certains types de couteaux.", ["d'interdire certains types de couteaux"]),
    # an apposition on the last noun, and a second participle after « mais », end the clause
    ("Anne Dupont a indiqué que l'usine ne s'approvisionne pas auprès du groupe, lui-même sous sanctions.",
     ["l'usine ne s'approvisionne pas auprès du groupe"]),
    ("Anne Dupont a dit que les deux parties mèneront des négociations, mais estimé que certains sujets resteraient secrets.",
     ["les deux parties mèneront des négociations", "certains sujets resteraient secrets"]),
    # a relative clause after « au cours desquels » stays in
    ("Anne Dupont a affirmé que la rencontre a débuté par des pourparlers, au cours desquels divers sujets ont été abordés.",
     ["la rencontre a débuté par des pourparlers, au cours desquels divers sujets ont été abordés"]),
])
def test_more_report_forms_and_boundaries(text, wordings):
    assert [c.wording for c in by_type(text, "indirect")] == wordings
    assert all(c.speaker == "Anne Dupont" for c in by_type(text, "indirect"))


def test_a_noun_in_re_after_an_article_is_no_infinitive():
    (claim,) = by_type("Deux policiers ont été blessés à Quimper, a ajouté la préfecture.", "indirect")
    assert claim.wording == "Deux policiers ont été blessés à Quimper"


@pytest.mark.parametrize("text, wording", [
    ("Les manifestants étaient deux cents devant la mairie selon Anne Dupont.", "Les manifestants étaient deux cents devant la mairie"),
    ("Les manifestants étaient deux cents devant la mairie selon elle.", "Les manifestants étaient deux cents devant la mairie"),
    ("Les cours seront donnés selon un calendrier que nous allons définir.", None),     # a manner, no source
    ("Les impôts varient selon les cas.", None),
    ("Une rumeur « ridicule » selon Anne Dupont.", None),                              # no clause
])
def test_a_final_selon_without_comma_needs_a_named_source(text, wording):
    assert [c.wording for c in by_type(text, "indirect")] == ([wording] if wording else [])


def test_a_source_inside_a_relative_clause_does_not_end_the_report():
    text = ("Anne Dupont a affirmé que le ministre ne portait pas de masque en sortant du restaurant qui, selon les "
            "mesures en vigueur, devrait être fermé.")
    (claim,) = by_type(text, "indirect")
    assert claim.wording.endswith("devrait être fermé")


@pytest.mark.parametrize("text, wording", [
    ("Le maire Paul Girard déconseille aux habitants d'organiser de nouvelles manifestations samedi.",
     "aux habitants d'organiser de nouvelles manifestations samedi"),
    ("Le maire Paul Girard a dissuadé les habitants de sortir ce soir.", "les habitants de sortir ce soir"),
])
def test_advising_against_reports_what_the_speaker_advised(text, wording):
    found = [c for c in claims(text) if c.claim_type == "indirect"]
    assert [(c.wording, c.speaker) for c in found] == [(wording, "Paul Girard")]


@pytest.mark.parametrize("text, wording, speaker", [
    ("Les grévistes étaient 2.000 mardi, selon la préfecture de l'Ain, dont les chiffres sont contestés.",
     "Les grévistes étaient 2.000 mardi", "préfecture de l'Ain"),
    ("Le cortège a réuni 3.000 personnes, selon Anne Dupont, qui a rejoint les grévistes.",
     "Le cortège a réuni 3.000 personnes", "Anne Dupont"),
])
def test_a_relative_clause_on_a_final_source_is_no_part_of_the_report(text, wording, speaker):
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [(wording, speaker)]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_reflexive_cue_reads_with_either_apostrophe(apostrophe):
    text = f"Anne Dupont s{apostrophe}est félicitée que les syndicats acceptent de négocier."
    assert [(c.wording, c.speaker, c.cue) for c in by_type(text, "indirect")] == \
        [("les syndicats acceptent de négocier", "Anne Dupont", "se féliciter")]


@pytest.mark.parametrize("text, wording", [
    # expecting is reported: à + noun phrase or infinitive (« à » kept, as « de » is), or « à ce que » + clause
    ("Paul Martin s'attend à une baisse de 40 % des ventes en décembre.",
     "à une baisse de 40 % des ventes en décembre"),
    ("Paul Martin s’attend à voir les usines de la région paralysées vendredi.",
     "à voir les usines de la région paralysées vendredi"),
    ("Paul Martin s'attend à ce que les usines de la région soient paralysées vendredi.",
     "les usines de la région soient paralysées vendredi"),
    # a fear with a noun phrase for object
    ("Paul Martin craint la perte de tonnes de marchandises si les camions restent bloqués.",
     "la perte de tonnes de marchandises si les camions restent bloqués"),
    # a phrase between commas inside the object of a request
    ("Paul Martin a demandé aux habitants de la vallée, récemment frappée par une tempête, d'annuler les fêtes.",
     "aux habitants de la vallée, récemment frappée par une tempête, d'annuler les fêtes"),
    ("Paul Martin a appelé les commerçants, qui ont souffert des blocages, à rouvrir dès lundi.",
     "les commerçants, qui ont souffert des blocages, à rouvrir dès lundi"),
])
def test_expectations_fears_and_requests_are_reported(text, wording):
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [(wording, "Paul Martin")]


@pytest.mark.parametrize("text", [
    "Les habitants attendent des milliers de visiteurs.",                  # waiting, not expecting
    "Très craint des éleveurs, le loup a été abattu samedi.",              # a participle as adjective
    "Le maire a remercié les habitants, qui ont été nombreux à venir, de leur patience.",
])
def test_waiting_and_adjectives_are_no_reports(text):
    assert by_type(text, "indirect") == []


@pytest.mark.parametrize("text, wording", [
    # what someone says they are (« se dire » + an attribute)
    ("Paul Martin s'est dit prêt à recevoir une délégation dès lundi.", "prêt à recevoir une délégation dès lundi"),
    ("Paul Martin se dit favorable à une hausse des salaires, a-t-il indiqué.", "favorable à une hausse des salaires"),
    # what someone thinks or believes, as polls report it
    ("Paul Martin pense que les commerces rouvriront avant Noël.", "les commerces rouvriront avant Noël"),
    ("Paul Martin croit que la situation va s'apaiser.", "la situation va s'apaiser"),
])
def test_attributes_and_beliefs_are_reported(text, wording):
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [(wording, "Paul Martin")]


def test_a_poll_share_that_thinks_something_is_reported():
    (claim,) = by_type("Seulement 34 % des sondés pensent que le débat permettra une sortie de crise.", "indirect")
    assert claim.wording == "le débat permettra une sortie de crise"


@pytest.mark.parametrize("text", [
    "Ceux qui croient que l'Europe se fait par des crises se trompent.",          # whoever would think so
    "On pourrait penser que la crise est finie.",
    "Le ministre pense à une nouvelle taxe.",
    "Ces textes ressemblent plus à une réaction (un corps croyant se protéger) qu'à un choix politique.",
])
def test_generic_thinking_is_no_report(text):
    assert by_type(text, "indirect") == []


def test_a_quoted_attribute_is_the_fragment_alone():
    text = "Paul Martin s'est dit « profondément choqué » par cette attaque."
    assert by_type(text, "indirect") == []
    assert [c.wording for c in by_type(text, "partial")] == ["profondément choqué"]


@pytest.mark.parametrize("text, wording, speaker", [
    ("La route a été rouverte dans la soirée, a indiqué en fin de journée le concessionnaire dans un communiqué.",
     "La route a été rouverte dans la soirée", "concessionnaire"),
    ("Deux policiers ont été blessés à Lille, a déclaré en matinée Paul Martin.", "Deux policiers ont été blessés à Lille",
     "Paul Martin"),
    ("« Nous ne céderons pas », a déclaré en fin d’après-midi le préfet Paul Martin.", "Nous ne céderons pas", "Paul Martin"),
])
def test_a_time_phrase_between_the_verb_and_its_subject_is_skipped(text, wording, speaker):
    assert [(c.wording, c.speaker) for c in claims(text) if c.claim_type in ("direct", "indirect")] == [(wording, speaker)]


def test_a_noun_phrase_after_an_elided_article_is_reported():
    (claim,) = by_type("Paul Martin a dénoncé l'immobilisme de l'opposition face aux violences.", "indirect")
    assert (claim.wording, claim.speaker) == ("l'immobilisme de l'opposition face aux violences", "Paul Martin")


@pytest.mark.parametrize("text, wording", [
    # que-clauses of requests and of what was reported
    ("Paul Martin a exigé du gouvernement qu'il présente un programme de relance.", "il présente un programme de relance"),
    ("Paul Martin demande que les salaires soient augmentés.", "les salaires soient augmentés"),
    ("Paul Martin a rapporté à la presse qu'un policier avait été blessé.", "un policier avait été blessé"),
    # déplorer + noun phrase
    ("Paul Martin déplore le blocage des routes par les manifestants.", "le blocage des routes par les manifestants"),
    # a clause in the present tense before its incise
    ("Les dégradations se chiffrent à plusieurs millions d'euros, a affirmé dimanche Paul Martin.",
     "Les dégradations se chiffrent à plusieurs millions d'euros"),
    ("Les manifestants réclament une hausse des salaires, indique Paul Martin.", "Les manifestants réclament une hausse des salaires"),
    # an incise splitting the clause: the whole span
    ("Dans la soirée, a indiqué Paul Martin, plusieurs voitures ont été incendiées.",
     "Dans la soirée, a indiqué Paul Martin, plusieurs voitures ont été incendiées"),
    # a time phrase between the incise's verb and its subject
    ("Le conducteur a été identifié, confirme samedi vers midi Paul Martin.", "Le conducteur a été identifié"),
])
def test_requests_present_tenses_and_split_clauses(text, wording):
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [(wording, "Paul Martin")]


@pytest.mark.parametrize("text", [
    "La mesure rapportera 300 millions d'euros à l'État.",              # money, not speech
    "Il a demandé si la réunion aurait lieu.",                          # a question, no que-clause
    "C’est alors que l’entraîneur, Jean Roux, a lancé ses remplaçants, dont le pilier Luc Faure.",  # no incise
    "Les habitants du quartier, notamment les plus âgés, a indiqué la préfecture.",                  # no verb
])
def test_no_report_in_money_questions_or_main_verbs(text):
    assert by_type(text, "indirect") == []


@pytest.mark.parametrize("text, wording", [
    # a negated verb makes a clause of its own before an incise
    ("Pour l'instant, le groupe ne souhaite pas faire lever le blocage, indique lundi Paul Martin.",
     "Pour l'instant, le groupe ne souhaite pas faire lever le blocage"),
    # « comme le confirme X » needs no comma
    ("La manifestation est autorisée comme le confirme Paul Martin.", "La manifestation est autorisée"),
    # remembering is reported; « aussi » right after the verb is « also », no comparison
    ("Paul Martin se souvient aussi que des manifestants avaient expulsé un militant.",
     "des manifestants avaient expulsé un militant"),
    ("Paul Martin a dit aussi que la grève continuerait.", "la grève continuerait"),
])
def test_negations_comme_without_comma_and_memories(text, wording):
    assert [(c.wording, c.speaker) for c in by_type(text, "indirect")] == [(wording, "Paul Martin")]


def test_comme_as_a_comparison_is_no_source():
    assert by_type("La réforme est attendue comme le messie par les agriculteurs.", "indirect") == []
    assert by_type("Il a travaillé comme le font tous les saisonniers.", "indirect") == []


def test_a_que_after_the_noun_of_a_cue_is_a_relative():
    assert by_type("Un militant s'est souvenu du surnom que donnait le maire à son adjoint.", "indirect") == []
    (claim,) = by_type("Paul Martin s'est inquiété du fait que les usines ferment.", "indirect")
    assert claim.wording == "les usines ferment"


def test_a_report_inside_a_relative_clause_ends_with_it():
    text = "L'homme, qui demandait que les manifestants soient reçus, s'est rendu vers 22H40, a indiqué Paul Martin."
    found = {c.wording: c.speaker for c in by_type(text, "indirect")}
    assert sorted(found) == ["L'homme, qui demandait que les manifestants soient reçus, s'est rendu vers 22H40",
                             "les manifestants soient reçus"]
    assert found["L'homme, qui demandait que les manifestants soient reçus, s'est rendu vers 22H40"] == "Paul Martin"


def test_a_source_vouches_for_a_clause_that_holds_a_report_in_a_relative_clause():
    # « Selon une source, [il a été arrêté près des Champs, où il avait appelé à se rassembler] »: the source's
    # clause, and inside it Drouet's call, are two claims
    text = ("D'après une source policière, Éric Drouet a été arrêté alors qu'il se dirigeait vers les Champs-Élysées, "
            "où il avait appelé d'autres sympathisants à se rassembler.")
    wordings = {c.wording for c in by_type(text, "indirect")}
    assert wordings == {"Éric Drouet a été arrêté alors qu'il se dirigeait vers les Champs-Élysées, où il avait appelé "
                        "d'autres sympathisants à se rassembler", "d'autres sympathisants à se rassembler"}


def test_a_link_line_run_into_the_text_ends_the_sentence_before_it():
    # a saved page without line breaks: « … à se rassembler. » LIRE AUSSI - … »: the call ends at its full stop
    text = ("Éric Drouet avait appelé d'autres sympathisants à se rassembler. » LIRE AUSSI - Le « gilet jaune » est "
            "sorti de garde à vue Un peu plus tôt, il avait parlé.")
    (claim,) = by_type(text, "indirect")
    assert claim.wording == "d'autres sympathisants à se rassembler"


@pytest.mark.parametrize("text, wording, speaker", [
    ("Le maire, Anne Dupont, a redit qu'elle renoncera au projet.", "elle renoncera au projet", "Anne Dupont"),
    ("La procureure, Anne Dupont, a annoncé vendredi avoir ouvert une enquête.", "avoir ouvert une enquête", "Anne Dupont"),
    # a participle opening the sentence: the main clause's subject speaks, and the report ends before it
    ("Se disant consciente de la colère des riverains, Anne Dupont a promis des travaux.",
     "consciente de la colère des riverains", "Anne Dupont"),
    ("Estimant qu'il y avait urgence, la maire Anne Dupont a fermé le pont.", "il y avait urgence", "Anne Dupont"),
])
def test_more_report_forms(text, wording, speaker):
    (claim,) = by_type(text, "indirect")
    assert (claim.wording, claim.speaker) == (wording, speaker)


def test_a_participle_report_stops_before_the_main_verb_and_keeps_a_subject_apposition():
    (claim,) = by_type("Les riverains, se disant inquiets pour leurs maisons, ont manifesté.", "indirect")
    assert claim.wording == "inquiets pour leurs maisons"
    (claim,) = by_type("La réunion a duré une heure, Anne Dupont précisant que le préfet, Paul Martin, y assistait.",
                       "indirect")
    assert claim.wording == "le préfet, Paul Martin, y assistait"


def test_a_call_to_a_quoted_group_is_a_report_with_the_fragment():
    text = "La maire Anne Dupont a invité « les riverains raisonnables » à ne pas manifester samedi."
    (indirect,) = by_type(text, "indirect")
    (partial,) = by_type(text, "partial")
    assert indirect.wording == "« les riverains raisonnables » à ne pas manifester samedi"
    assert partial.wording == "les riverains raisonnables" and indirect.speaker == partial.speaker == "Anne Dupont"
