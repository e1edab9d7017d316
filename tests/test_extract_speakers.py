"""Speakers from incises in every order, introductions, pronouns, descriptions; registry canonicalisation."""

from __future__ import annotations

import pytest

from helpers import by_type, claims
from toolkit.registry import Entity


@pytest.mark.parametrize("text, speaker, mention", [
    ("« Nous tiendrons », a déclaré Mme Dupont.", "Anne Dupont", "Mme Dupont"),
    ("« Nous tiendrons », déclare la ministre de l'Industrie devant la presse.", "Anne Dupont", "la ministre de l'Industrie"),
    ("Le préfet a déclaré : « Nous tiendrons. »", "Paul Martin", None),
    ("Selon l'Élysée, « rien n'est décidé ».", "Élysée", None),
    ("« Rien n'est décidé », selon la présidence de la République.", "Élysée", None),
    ("« Nous tiendrons », a dit un habitant du quartier.", "unknown", "un habitant du quartier"),
    ("« C'est vraiment pas mal », se réjouit Erwan, l'un des porte-parole à Rennes.", "Erwan", "Erwan"),
    ("« Rien n'est joué », a affirmé mardi sur franceinfo le préfet de l'Ain.", "Paul Martin", "le préfet de l'Ain"),
])
def test_speaker_of_a_quotation(text, speaker, mention):
    (claim,) = [c for c in claims(text) if c.claim_type in ("direct", "partial")]
    assert claim.speaker == speaker
    if mention:
        assert claim.speaker_mention == mention


def test_pronoun_incise_takes_the_speaker_of_the_same_gender_when_two_alternate():
    text = ("Anne Dupont et Paul Martin ont tenu une conférence de presse. « L'État sera là », a déclaré Anne Dupont. "
            "« Les routes resteront fermées », a ajouté Paul Martin. « Nous débloquerons douze millions », a-t-elle précisé. "
            "« Les pompiers restent mobilisés », a-t-il conclu.")
    speakers = [c.speaker for c in by_type(text, "direct")]
    assert speakers == ["Anne Dupont", "Paul Martin", "Anne Dupont", "Paul Martin"]


def test_a_pronoun_of_the_wrong_gender_after_a_long_turn_stays_with_the_speaker_and_is_marked():
    # A translated dispatch: two men named together, then a woman speaks over two sentences, then "a-t-il soutenu".
    text = ("Il s'agit de la deuxième rencontre entre Paul Martin et Jean Roux. La ministre Anne Dupont a affirmé que "
            "les relations avaient repris. « Nos contacts se développent chaque jour », a déclaré Anne Dupont.\n\n"
            "« Ce sont des problèmes graves », a-t-il soutenu.")
    last = by_type(text, "direct")[-1]
    assert (last.speaker, last.speaker_method, last.speaker_mention) == ("Anne Dupont", "pronoun_conflict", "il")


def test_a_pronoun_hands_the_floor_back_to_the_man_who_spoke_before_her_long_turn():
    # the two men are named in the sentence where Paul Martin last spoke: "il" is him again, not a slip
    text = ("« Nous tiendrons », a déclaré Paul Martin devant Jean Roux. « Nous verrons », a dit Anne Dupont. "
            "« Rien n'est joué », a-t-elle ajouté. « Nous avancerons », a-t-il poursuivi.")
    last = by_type(text, "direct")[-1]
    assert (last.speaker, last.speaker_method) == ("Paul Martin", "pronoun")


def test_a_pronoun_hands_the_floor_back_when_it_can_only_mean_one_person():
    # A portrait of a mother and her son: "elle" after the son's two turns is the mother again, not a slip.
    text = ("Hélène Cassagne tresse l'osier depuis quarante ans. Son fils Bastien, 29 ans, l'a rejointe.\n\n"
            "« J'ai appris avec ma grand-mère », raconte-t-elle.\n\n"
            "Pendant longtemps, Bastien a regardé ailleurs. « Je voulais partir loin », confie-t-il. "
            "« Il fallait bien tenir l'atelier », glisse-t-il.\n\n"
            "« Il ne savait même pas monter un fond », se souvient-elle.")
    last = by_type(text, "direct")[-1]
    assert (last.speaker, last.speaker_method) == ("Hélène Cassagne", "pronoun")


def test_an_organisation_speaking_through_its_spokesperson_gives_the_spokesperson():
    text = ("Le collectif de défense de la maternité dénonce par la voix de sa porte-parole, Élodie Caradec, "
            "une « fermeture déguisée ».")
    (claim,) = by_type(text, "partial")
    assert claim.speaker == "Élodie Caradec"


def test_the_spokesperson_after_par_la_voix_de_keeps_a_title_with_its_full_stop():
    (claim,) = by_type("Le collectif dénonce par la voix de son président, M. Martin, une « fermeture déguisée ».", "partial")
    assert claim.speaker == "Paul Martin"


def test_par_la_voix_des_habitants_is_not_a_spokesperson():
    (claim,) = by_type("Le collectif dénonce par la voix des habitants une « fermeture déguisée ».", "partial")
    assert claim.speaker != "habitants"


def test_an_indefinite_subject_before_a_colon_is_an_anonymous_speaker_not_the_last_one():
    text = ("« Nous tiendrons », a déclaré Paul Martin. Une future maman venue assister à la conférence confie son "
            "désarroi : « Je dois accoucher en décembre et je ne sais même pas où. »")
    last = by_type(text, "direct")[-1]
    assert (last.speaker, last.speaker_mention) == ("unknown", "Une future maman venue assister à la conférence")


def test_a_bare_epithet_refers_back_to_the_person_named_before():
    text = ("Claude Rambour, 42 ans, membre d'un collectif, a pris la parole. "
            "« Il aurait dû aller plus loin », dit le quadragénaire.")
    assert by_type(text, "direct")[-1].speaker == "Claude Rambour"


def test_an_epithet_with_a_complement_may_be_someone_new():
    text = "« Nous tiendrons », a déclaré Paul Martin. Le maire de Lyon a estimé que la crue était terminée."
    (claim,) = by_type(text, "indirect")
    assert claim.speaker != "Paul Martin"


@pytest.mark.parametrize("text", [
    "Le Premier ministre a fait savoir qu'il allait démissionner.",        # not the registered "ministre"
    "La vice-présidente de la région a estimé que la crue était terminée.",
    "Le ministre de la Santé a fait savoir qu'il allait démissionner.",    # a man, another portfolio
])
def test_a_registered_role_inside_another_role_is_not_that_person(text):
    (claim,) = by_type(text, "indirect")
    assert claim.speaker not in ("Anne Dupont", "Paul Martin")


def test_le_premier_ministre_named_in_an_apposition_resolves_to_the_name():
    text = "Andrej Babiš, le Premier ministre, a parlé. Le Premier ministre a fait savoir qu'il allait démissionner."
    assert by_type(text, "indirect")[-1].speaker == "Andrej Babiš"


def test_an_apposition_is_read_inside_a_longer_sentence():
    text = ("Le tabloïd Blesk révèle que le ministre de la Santé Roman Prymula a dîné au restaurant. "
            "« Je n'ai enfreint aucune règle », a déclaré le ministre de la Santé.")
    assert by_type(text, "direct")[-1].speaker == "Roman Prymula"


@pytest.mark.parametrize("incise, cue", [
    ("se félicite-t-elle", "se féliciter"), ("se félicitait Anne Dupont", "se féliciter"), ("s'énerve Anne Dupont", "énerver"),
    ("se désole-t-elle", "désoler"),
])
def test_reflexive_incises_keep_their_speaker(incise, cue):
    (claim,) = by_type(f"Anne Dupont est venue. « Quel succès », {incise}.", "direct")
    assert (claim.speaker, claim.cue) == ("Anne Dupont", cue)


@pytest.mark.parametrize("text, not_speaker", [
    ("Anne Dupont est venue. « Nous tiendrons », a déclaré l'élu.", "Anne Dupont"),               # l'élu is a man
    ("Paul Martin est venu. « Nous tiendrons », a déclaré le responsable syndical.", "Paul Martin"),  # may be someone new
    ("Le ministre de la Santé Roman Prymula est venu. « Nous tiendrons », a assuré le ministre de l'Intérieur.", "Roman Prymula"),
    ("Le Premier ministre Gabriel Attal est venu. « Nous tiendrons », a déclaré le premier secrétaire du PS.", "Gabriel Attal"),
    ("La ministre de l’Intérieur a affirmé que la frontière était fermée.", "Anne Dupont"),           # typographic apostrophe
])
def test_descriptions_that_name_someone_else(text, not_speaker):
    claim = [c for c in claims(text) if c.claim_type != "statement"][-1]
    assert claim.speaker != not_speaker


def test_an_apposition_inside_another_gives_no_second_role():
    text = "Le patron de la fédération Jean Roux est venu. La fédération a indiqué que la grève continuait."
    (claim,) = by_type(text, "indirect")
    assert claim.speaker != "Jean Roux"


def test_ce_dernier_takes_the_latest_person_named():
    text = "Anne Dupont a reçu Paul Martin lundi. Ce dernier a estimé que la crue était terminée."
    (claim,) = by_type(text, "indirect")
    assert claim.speaker == "Paul Martin" and claim.wording == "la crue était terminée"


def test_description_resolves_through_the_registry_roles():
    text = "Le préfet de l'Ain a annoncé que les digues seraient renforcées."
    (claim,) = by_type(text, "indirect")
    assert (claim.speaker, claim.speaker_id) == ("Paul Martin", "X-martin")


def test_spelling_variant_in_the_registry_resolves_to_the_canonical_name():
    zakharova = Entity("X-zak", "Maria Zakharova", "person", "f", ("Maria Zajarova", "Zakharova"), ())
    (claim,) = by_type("« Nos contacts se développent », a déclaré Maria Zajarova.", "direct", zakharova)
    assert (claim.speaker, claim.speaker_mention) == ("Maria Zakharova", "Maria Zajarova")


def test_unregistered_person_is_kept_by_name_and_their_surname_resolves_later():
    text = ("« C'est avec tristesse que je confirme le décès », a annoncé Stuart Bell, le responsable de la police. "
            "« L'enquête avance », a ajouté M. Bell.")
    first, second = by_type(text, "direct")
    assert first.speaker == second.speaker == "Stuart Bell"
    assert first.speaker_id is None


def test_someone_named_since_the_last_quotation_takes_over_the_pronoun():
    text = ("« Nous sommes prêts », a déclaré M. Martin. Si Paul Martin n'a rien dit du calendrier, Jean Roux s'est "
            "montré plus explicite. « Ce sera en juin », a-t-il indiqué.")
    last = by_type(text, "direct")[-1]
    assert last.speaker == "Jean Roux"


def test_headline_quotation_takes_the_speaker_of_the_same_words_in_the_body():
    text = ("« L'État sera là »\n"
            "La ministre a visité Brennac. « L'État sera là, aux côtés de chaque famille », a déclaré Anne Dupont.")
    headline = by_type(text, "direct")[0]
    assert (headline.wording, headline.speaker) == ("L'État sera là", "Anne Dupont")


@pytest.mark.parametrize("text, speaker", [
    # a relative clause after the person: the fragment is theirs
    ("« On nous a entendus », explique Claire Vautrin, une infirmière de Brest, qui reste pourtant « très inquiète ».",
     "Claire Vautrin"),
    # a pronoun subject with a verb that is not a reporting verb
    ("Jérôme Lassalle a été arrêté mardi. La veille, il avait appelé à « bloquer les dépôts » de la région.",
     "Jérôme Lassalle"),
])
def test_a_fragment_with_no_reporting_verb_belongs_to_its_sentence_subject(text, speaker):
    (claim,) = by_type(text, "partial")
    assert claim.speaker == speaker
    assert claim.speaker_method in ("context", "pronoun")


def test_a_fragment_inside_a_reported_clause_keeps_the_clause_speaker():
    text = "Le maire Paul Girard a affirmé que la commune resterait « solidaire jusqu'au bout » des sinistrés."
    (claim,) = by_type(text, "partial")
    assert claim.speaker == "Paul Girard"


@pytest.mark.parametrize("text, wording, speaker", [
    # the second verb's subject is the first verb's, not the last name of the first clause
    ("Le maire Paul Girard a indiqué que les travaux dureraient jusqu'à la visite de Jean Roux, mais estimé que "
     "le budget serait tenu.", "le budget serait tenu", "Paul Girard"),
    ("Claire Vautrin est arrivée à Brest mardi et a annoncé que la clinique rouvrirait.", "la clinique rouvrirait",
     "Claire Vautrin"),
])
def test_a_coordinated_reporting_verb_shares_the_subject_of_the_first(text, wording, speaker):
    (claim,) = [c for c in by_type(text, "indirect") if c.wording.startswith(wording)]
    assert claim.speaker == speaker


def test_initials_and_a_surname_name_a_person_and_the_head_of_the_sentence_is_the_antecedent():
    # "de Paul Girard" is a complement; the person the sentence is about is the apposed name, in initials
    text = ("Le colistier de Paul Girard, JB Lenoir, a tenu à se présenter mardi avec une série d'anecdotes. "
            "« Ma grand-mère était dure comme la pierre », a-t-il raconté.")
    (claim,) = by_type(text, "direct")
    assert claim.speaker == "JB Lenoir"



def test_a_pronoun_right_after_an_institution_speaks_with_nobody_named_since_is_the_institution():
    text = ("« Trente drones ont été interceptés », rapporte le ministère de la Défense dans un communiqué. "
            "Il précise que dix drones navals ont aussi été détruits.")
    (claim,) = by_type(text, "indirect")
    assert claim.speaker == "ministère de la Défense"
    assert claim.speaker_method == "pronoun"


def test_a_body_that_goes_by_a_quoted_name_speaks_under_that_name_and_ce_collectif_refers_back_to_it():
    text = ("Le groupe de « motards en colère » dénommé « Les Roues libres » a appelé à « rouvrir le dialogue avec "
            "la préfecture ». « Nous ne céderons rien », écrit ce collectif.")
    fragment = [c for c in by_type(text, "partial") if c.wording.startswith("rouvrir")]
    assert [c.speaker for c in fragment] == ["Les Roues libres"]
    assert not [c for c in claims(text) if c.wording == "Les Roues libres"]      # a name, not a quotation
    (direct,) = by_type(text, "direct")
    assert (direct.speaker, direct.speaker_mention) == ("Les Roues libres", "ce collectif")


def test_ce_opening_a_time_phrase_is_no_speaker_but_ce_before_a_noun_is():
    (claim,) = by_type("« Rien n'est joué », a déclaré ce matin le préfet.", "direct")
    assert claim.speaker == "Paul Martin"


def test_a_name_past_a_second_apposition_after_the_description_is_the_speaker():
    text = ("Le maître-nageur Hugo Perrin a été relâché. « Un abus de pouvoir », avait tweeté le chef de file du parti "
            "écologiste, Les Verts unis, Alice Bremond, juste après l'arrestation.")
    (claim,) = by_type(text, "direct")
    assert claim.speaker == "Alice Bremond"


@pytest.mark.parametrize("text, speaker", [
    ("Un récent rapport de la Commission européenne recommande de réduire les quotas de pêche.", "Commission européenne"),
    ("Une étude du Centre national de la recherche scientifique affirme que les abeilles déclinent.",
     "Centre national de la recherche scientifique"),
])
def test_a_document_speaks_for_the_institution_that_issued_it(text, speaker):
    (claim,) = by_type(text, "indirect")
    assert claim.speaker == speaker


def test_selon_cette_source_is_whoever_spoke_last():
    text = ("La préfecture du Rhône a annoncé que le pont serait fermé. L'ouvrage restera fermé trois jours, "
            "selon cette source.")
    claims_ = by_type(text, "indirect")
    assert [c.speaker for c in claims_ if c.wording.startswith("L'ouvrage")] == ["préfecture du Rhône"]


def test_a_professional_epithet_refers_back_to_the_person_named():
    text = ("Francine Aubry, nutritionniste à Lyon, a étudié le microbiote. Enfin, la professionnelle rappelle "
            "qu'une alimentation trop sucrée appauvrit le microbiote.")
    (claim,) = by_type(text, "indirect")
    assert claim.speaker == "Francine Aubry"


@pytest.mark.parametrize("text, wording, speaker", [
    # « on » with the body it stands for
    ("« Une vague de grèves est en vue », indique-t-on à la FNTU.", "Une vague de grèves", "FNTU"),
    # a possessive with a thing: its owner's words
    ("Jean Aubry a ouvert un blog. Selon son site Internet, le peintre veut rester indépendant.", "le peintre veut",
     "Jean Aubry"),
    # a possessive with a person: not the owner
    ("Jean Aubry a été condamné. « Nous ferons appel », a déclaré son avocat, Me Lise Carrel.", "Nous ferons appel",
     "Lise Carrel"),
    # a kicker in capitals is nobody
    ("LE SCAN POLITIQUE - Le maire de Valbrune Marc Tessier estime que la ville « a pris conscience de la crise ».",
     "la ville", "Marc Tessier"),
    # an elided pronoun is a pronoun
    ("Marc Blin a été arrêté. S'il estime que la justice « a été trop dure », il ne fera pas appel.", "a été trop dure",
     "Marc Blin"),
    # a name after a preposition in a description is its complement
    ("La Bretonne de 51 ans, à l'origine d'une vidéo postée sur Twitter, Jacqueline Moreau, a jugé que la "
     "taxe était « injuste ».", "la taxe était", "Jacqueline Moreau"),
])
def test_speaker_phrases_of_real_press(text, wording, speaker):
    (claim,) = [c for c in claims(text) if c.wording.startswith(wording)]
    assert claim.speaker == speaker


@pytest.mark.parametrize("text, wording, speaker", [
    ("Paul Roux, syndicaliste CGT, a parlé. Le même syndicaliste a ajouté que la grève continuerait.",
     "la grève continuerait", "Paul Roux"),
    ("Laurent Vasseur a été réélu. L'entourage du président du parti assure que rien ne change.", "rien ne change",
     "unknown"),
])
def test_le_meme_refers_back_and_an_entourage_is_anonymous(text, wording, speaker):
    (claim,) = [c for c in claims(text) if c.wording.startswith(wording)]
    assert claim.speaker == speaker


def test_a_place_and_its_department_between_the_incise_verb_and_its_subject():
    (claim,) = [c for c in claims("« La taxe est une erreur », fustige à Montceau-les-Mines (Saône-et-Loire) Paul Martin.")
                if c.claim_type == "direct"]
    assert claim.speaker == "Paul Martin"


def test_a_person_described_by_their_body_is_no_body_and_an_impersonal_il_is_nobody():
    text = ("« C'est pire que tout », fustige Pierre Laval. Le militant CFDT prévient que ça risque de péter. "
            "Il s'agit notamment de « l'indépendance nationale et de l'intégrité du territoire ».")
    (clause,) = [c for c in by_type(text, "indirect") if c.wording.startswith("ça risque")]
    assert (clause.speaker, clause.speaker_mention) == ("militant CFDT", "Le militant CFDT")
    (fragment,) = [c for c in by_type(text, "partial") if c.wording.startswith("l'indépendance")]
    assert fragment.speaker == "unknown"


def test_analyse_is_a_reporting_verb_in_an_incise():
    (claim,) = by_type("« Le mouvement s'essouffle », analyse Roland Berthier, président de la mutualité.", "direct")
    assert claim.speaker == "Roland Berthier"


def test_a_headline_gives_the_words_to_the_person_after_pour_and_a_colon():
    from test_resolve import speaker_of, story
    by_article, _ = story("Manifestations : pour Roux, «c'est la fin du monde qui arrive»\n\n"
                          "Invité dimanche, Paul Roux a parlé des manifestations.")
    assert speaker_of(by_article, "c'est la fin du monde")[0] == "Paul Roux"
