"""Speakers resolved against the entity model of the article and its story, with no registry. Every text here is
fictional and written for the test; the expected speaker is what a reader of the text would say."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.extract.lexicon import load
from toolkit.ingest.articles import Article
from toolkit.pipeline import extract_claims
from toolkit.registry import GENERAL_RELAYS, Registry
from toolkit.resolve.entities import ArticleEntities


def story(*texts: str, event: str = "e"):
    articles = [Article(f"a{i}", f"outlet{i}", text, Path(f"a{i}.txt"), event=event) for i, text in enumerate(texts)]
    by_article, stories = extract_claims(articles, Registry.load(GENERAL_RELAYS))
    return by_article, stories


def speaker_of(by_article, words: str) -> tuple[str, str]:
    found = [c for claims in by_article.values() for c in claims if words in c.wording and c.claim_type != "statement"]
    assert found, f"no claim holds {words!r}"
    return found[0].speaker, found[0].speaker_method


def test_a_role_given_by_apposition_resolves_the_bare_description():
    by_article, _ = story("La toxicologue Hélène Garnier a rendu son rapport mardi. Le texte est sévère. "
                          "« Le produit doit être retiré », estime la toxicologue.")
    assert speaker_of(by_article, "Le produit doit être retiré")[0] == "Hélène Garnier"


def test_gender_of_the_description_picks_among_two_holders_of_the_role():
    by_article, _ = story("Le toxicologue Marc Leroy défend le produit. La toxicologue Hélène Garnier le conteste.\n\n"
                          "« Rien ne prouve le danger », affirme le toxicologue. « Tout le prouve », répond la toxicologue.")
    assert speaker_of(by_article, "Rien ne prouve le danger")[0] == "Marc Leroy"
    assert speaker_of(by_article, "Tout le prouve")[0] == "Hélène Garnier"


def test_another_outlet_of_the_story_names_the_description():
    by_article, _ = story("Le maire de Valbrune Jean-Luc Ferrand a fermé les écoles lundi.",
                          "« Nous ne prendrons aucun risque », a déclaré lundi le maire de Valbrune.")
    assert speaker_of(by_article, "Nous ne prendrons aucun risque") == ("Jean-Luc Ferrand", "story_role")


def test_a_person_description_refers_back_to_the_person_just_quoted():
    by_article, _ = story("« La filière est à genoux », lance Sébastien Morvan. Le militant agricole ajoute que "
                          "les prix « ne couvrent plus les coûts ».")
    speaker, method = speaker_of(by_article, "ne couvrent plus les coûts")
    assert speaker == "Sébastien Morvan"


def test_an_acronym_resolves_to_the_name_it_is_defined_with():
    by_article, _ = story("L'Office cantonal des eaux potables (OCEP) a publié ses mesures. « La nappe a baissé de "
                          "deux mètres en un an », a précisé l'OCEP.")
    assert speaker_of(by_article, "La nappe a baissé")[0] == "Office cantonal des eaux potables"


def test_an_acronym_after_selon():
    by_article, _ = story("L'Office cantonal des eaux potables (OCEP) a publié ses mesures. Selon l'OCEP, "
                          "la nappe a baissé de deux mètres en un an.")
    assert speaker_of(by_article, "la nappe a baissé")[0] == "Office cantonal des eaux potables"


def test_a_lede_fragment_of_a_group_takes_the_person_quoted_later_with_the_same_words():
    by_article, _ = story("Les commerçants dénoncent « une honte ».\n\n"
                          "« C'est une honte pour le quartier », s'emporte Nadia Benali, fleuriste depuis vingt ans.")
    assert speaker_of(by_article, "une honte")[0] == "Nadia Benali"


def test_a_surname_takes_the_full_name_the_story_gives():
    by_article, _ = story("Le Premier ministre Henri Castelnau a réuni son gouvernement.",
                          "« Nous tiendrons », a assuré M. Castelnau.")
    assert speaker_of(by_article, "Nous tiendrons")[0] == "Henri Castelnau"


def test_a_place_run_before_a_name_and_a_group_name_are_no_persons():
    model = ArticleEntities.read("« Assez », fustige à Saint-Paul-les-Bains Marie-Hélène Dubreuil. "
                                 "Elle est membre du groupe Rennes Lapins Verts.", load("fr"))
    assert [p.name for p in model.persons] == ["Marie-Hélène Dubreuil"]
    assert model.persons[0].gender == "f"


def test_a_vox_pop_given_name_is_someone_a_pronoun_refers_to():
    by_article, _ = story("Paul Durand, le directeur, s'est exprimé. Plus loin, on croise Amélie, 24 ans, étudiante. "
                          "« Je suis inquiète », confie-t-elle.")
    assert speaker_of(by_article, "Je suis inquiète")[0] == "Amélie"


def test_entities_table_and_confidence(tmp_path):
    import toolkit

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("La toxicologue Hélène Garnier a rendu son rapport. « Le produit doit être retiré », "
                                  "estime la toxicologue.\n", encoding="utf-8")
    toolkit.build(folder, tmp_path / "out")
    entities = toolkit.load_entities(tmp_path / "out")
    row = entities[entities["name"] == "Hélène Garnier"].iloc[0]
    assert row["kind"] == "person" and row["gender"] == "f" and "toxicologue" in list(row["roles"]) and row["n_claims"] == 1
    claims = toolkit.load_claims(tmp_path / "out", filters=[("claim_type", "=", "direct")])
    assert claims["speaker_entity_id"].iloc[0] == row["entity_id"]
    assert 0 < claims["speaker_confidence"].iloc[0] < 1


def test_aside_between_the_verb_and_the_name_is_skipped():
    by_article, _ = story("« Le sommeil répare le corps », résume quant à elle Laure Vidal, somnologue à Lyon.")
    assert speaker_of(by_article, "Le sommeil répare")[0] == "Laure Vidal"


def test_a_trade_description_may_be_the_person_given_another_trade():
    by_article, _ = story("L'hydrogéologue Hélène Morand, directrice de recherche, dresse un bilan sévère.\n\n"
                          "« Les nappes baissent », constate la chercheuse.")
    assert speaker_of(by_article, "Les nappes baissent")[0] == "Hélène Morand"


def test_a_function_description_is_not_the_person_given_another_function():
    by_article, _ = story("Paul Vernet doit rencontrer jeudi le président français Marc Aubry.\n\n"
                          "« Nous avons beaucoup à faire », écrit le chef du gouvernement.")
    assert speaker_of(by_article, "Nous avons beaucoup à faire")[0] == "Paul Vernet"


def test_a_comma_clause_after_a_name_is_no_role_and_gives_no_gender():
    by_article, _ = story("Son directeur général, Stéphane Morel, ne cache pas son inquiétude. « Le trimestre a été "
                          "difficile », a-t-il expliqué.")
    assert speaker_of(by_article, "Le trimestre a été difficile")[0] == "Stéphane Morel"


def test_a_name_after_de_with_a_participle_is_no_apposition_and_no_antecedent():
    by_article, _ = story("« Ces chiffres ne tiennent pas », assène Marc Tellier, qui a expertisé les travaux de "
                          "Gilles Moreau, aujourd'hui largement contestés. Il poursuit : « Rien n'a été reproduit. »")
    assert speaker_of(by_article, "Rien n'a été reproduit")[0] == "Marc Tellier"


def test_two_spellings_of_one_name_across_outlets_are_one_speaker():
    by_article, stories = story("« Nous sommes prêts », a déclaré Sergueï Ivanovitch. Sergueï Ivanovitch a ensuite quitté "
                                "la salle. Sergueï Ivanovitch doit revenir lundi.",
                                "« Nous sommes prêts », a déclaré Sergei Ivanovitch.")
    assert {c.speaker for claims in by_article.values() for c in claims if c.claim_type == "direct"} == {"Sergueï Ivanovitch"}
    [person] = [p for p in stories["e"].persons.values()]
    assert "Sergei Ivanovitch" in person.aliases


def test_what_someone_tells_is_theirs():
    by_article, _ = story("Sophie Garnier a été reçue à l'Élysée mardi. Selon le récit qu'elle livre, le président a "
                          "« écouté sans répondre ».")
    assert speaker_of(by_article, "écouté sans répondre")[0] == "Sophie Garnier"


def test_a_quoted_name_opening_the_clause_is_the_subject_not_a_quotation():
    by_article, _ = story("Le rapport est paru lundi. «Les Voix du Littoral» appelle les élus à prendre en compte ces "
                          "résultats.")
    claims = [c for c in by_article["a0"] if c.claim_type != "statement"]
    assert [(c.claim_type, c.speaker) for c in claims] == [("indirect", "Les Voix du Littoral")]


def test_an_acronym_nobody_defines_takes_its_well_known_name():
    by_article, _ = story("Selon l'OMS, l'épidémie recule dans la région depuis trois semaines.")
    assert speaker_of(by_article, "l'épidémie recule")[0] == "Organisation mondiale de la santé"


def test_an_acronym_the_article_defines_wins_over_the_well_known_name():
    by_article, _ = story("L'Office montagnard de la santé (OMS) gère les refuges. Selon l'OMS, les refuges "
                          "resteront ouverts tout l'hiver.")
    assert speaker_of(by_article, "les refuges resteront ouverts")[0] == "Office montagnard de la santé"


def test_a_subject_printed_with_its_definition_is_the_whole_name():
    by_article, _ = story("La Fédération romande des apiculteurs amateurs (FRAA) a indiqué que les ruches avaient "
                          "souffert du gel.")
    assert speaker_of(by_article, "les ruches avaient souffert")[0] == "Fédération romande des apiculteurs amateurs"


def test_a_feminine_description_matches_the_role_given_in_other_words():
    # « la dirigeante de la FSN » is the function the text gave as « secrétaire générale de la FSN »
    by_article, _ = story("Le ministre a reçu Claire Aubert, la secrétaire générale de la FSN, et Lucie Morel, "
                          "présidente de l'UNPA. La dirigeante de la FSN affirme avoir transmis plusieurs messages.")
    assert speaker_of(by_article, "transmis plusieurs messages")[0] == "Claire Aubert"


def test_a_hyphenated_role_before_the_name_is_a_role_and_keeps_a_function_description_off_its_holder():
    # « Le porte-parole du gouvernement, Léo Marchal » gives Léo Marchal a function; « le ministre de l'Intérieur »
    # is someone else, named just after
    by_article, _ = story("Le porte-parole du gouvernement, Léo Marchal, a été évacué samedi de ses bureaux. "
                          "Il y a eu 40000 manifestants, a annoncé sur LCI le ministre de l'Intérieur, tout en "
                          "minimisant ce chiffre.\n\n« C'est peu », a ajouté Hervé Castel.")
    model = ArticleEntities.read("Le porte-parole du gouvernement, Léo Marchal, a été évacué.", load("fr"))
    assert model.persons[0].roles == ["porte parole du gouvernement"]
    assert speaker_of(by_article, "40000 manifestants")[0] == "Hervé Castel"


def test_a_brand_or_place_run_is_no_person_and_a_reporter_or_another_one_is_not_resolved_by_salience():
    by_article, _ = story("Jean Roux a visité le chantier mardi. « Tout va bien », a confié le correspondant du New "
                          "York Times. « Rien ne va », a répondu l'auteur d'un autre blog.")
    model = ArticleEntities.read("Le correspondant du New York Times était là.", load("fr"))
    assert [p.name for p in model.persons] == []
    assert speaker_of(by_article, "Tout va bien")[0] != "Jean Roux"
    assert speaker_of(by_article, "Rien ne va")[0] != "Jean Roux"


def test_an_institution_name_with_de_la_is_read_whole():
    by_article, _ = story("Le Syndicat des Cadres de la Sécurité Intérieure a quant à lui proposé sur Twitter « le "
                          "versement de la cagnotte aux gendarmes blessés ».")
    assert speaker_of(by_article, "versement de la cagnotte")[0].endswith("Syndicat des Cadres de la Sécurité Intérieure")


def test_salience_prefers_the_head_of_a_headline_to_its_complement():
    by_article, _ = story("Tessier demande d'accepter « la main tendue » de Lemoine\n\nLe maire de Valbrune estime que "
                          "la présidente « a pris conscience de la situation ».\n\nAlain Tessier a été convaincu.")
    assert speaker_of(by_article, "la présidente")[0] == "Alain Tessier"


def test_an_adjective_before_the_role_and_an_age_leave_the_role_to_match():
    by_article, _ = story("C'est le cas de Marc Dupin, le secrétaire d'État au Commerce. Il est venu à Lyon mardi. "
                          "« Je voulais voir le terrain », ajoute l'ambitieux secrétaire d'État de 34 ans.")
    assert speaker_of(by_article, "Je voulais voir le terrain")[0] == "Marc Dupin"


def test_a_high_official_is_the_person_just_named():
    by_article, _ = story("L'annonce a été faite par Paul Berger, président du Centre des archives. Le lieu a souffert. "
                          "« Nous rouvrirons lundi », a tweeté le haut fonctionnaire.")
    assert speaker_of(by_article, "Nous rouvrirons lundi")[0] == "Paul Berger"


def test_a_clitic_before_the_verb_is_no_part_of_the_subject():
    by_article, _ = story("Léa Martin est venue avec une amie. Posée à la cafétéria, la jeune femme s'inquiète "
                          "toutefois : « La grève ne suffit pas ».")
    claim = [c for cs in by_article.values() for c in cs if "La grève" in c.wording][0]
    assert claim.speaker_mention == "la jeune femme"


def test_a_person_named_as_a_complement_does_not_take_the_floor():
    by_article, _ = story("Le ministre du Budget, Paul Roux, a dénoncé « une dérive ». Des positions proches de celles "
                          "exprimées par le ministre de l'Intérieur, Marc Bernard.\n\n"
                          "Il a ensuite estimé que la taxe était « nécessaire ».")
    assert speaker_of(by_article, "la taxe était")[0] == "Paul Roux"


def test_names_after_the_verb_of_a_pronoun_subject_do_not_take_the_floor():
    by_article, _ = story("Paul Roux, le ministre du Budget, a dénoncé « une dérive ». Il en a profité pour viser "
                          "« les oppositions », mettant dans le même panier Marc Bernard et Luc Petit. "
                          "« La majorité doit être humble », a-t-il admis.")
    assert speaker_of(by_article, "La majorité doit être humble")[0] == "Paul Roux"


def test_a_description_refers_back_to_the_holder_named_before_it():
    by_article, _ = story("Le ministre du Budget, Paul Roux, était à Lyon. Le ministre a défendu les « honnêtes gens ». "
                          "Le ministre de l'Intérieur, Marc Bernard, n'a rien dit.")
    assert speaker_of(by_article, "honnêtes gens")[0] == "Paul Roux"


def test_a_name_after_a_preposition_is_no_apposition_to_the_role_before_it():
    by_article, _ = story("Invité samedi, le comédien Paul Roux s'en est pris au mouvement. « Attendons au moins », "
                          "précise l'acteur en référence au débat proposé par Marc Bernard.")
    assert speaker_of(by_article, "Attendons au moins")[0] == "Paul Roux"


def test_an_elided_epithet_and_an_adjective_before_the_head_are_subjects():
    by_article, _ = story("François Dumont était l'invité de la radio. De même, l'édile a également considéré que "
                          "recevoir les manifestants était « la moindre des choses ». Plus tard, l'éphémère ministre "
                          "de la Justice a estimé que « rien n'était joué ».")
    assert speaker_of(by_article, "la moindre des choses")[0] == "François Dumont"
    assert speaker_of(by_article, "rien n'était joué")[0] == "François Dumont"


def test_an_interview_the_journalist_asks_and_the_guest_answers():
    by_article, _ = story("Paul Roux était invité samedi. « Vous avez peur ? », le questionne le journaliste Marc Petit. "
                          "« Non », lui répond le comédien. « Vraiment ? », l'interroge alors le journaliste.")
    assert speaker_of(by_article, "Vous avez peur")[0] == "Marc Petit"
    assert speaker_of(by_article, "Non")[0] == "Paul Roux"
    assert speaker_of(by_article, "Vraiment")[0] == "Marc Petit"


def test_the_answer_of_a_person_gives_them_the_floor():
    by_article, _ = story("Paul Roux était invité. « Êtes-vous seul ? », demande le journaliste Marc Petit. La réponse de Roux fuse : "
                          "« Tout le monde est lâche », assène-t-il.")
    assert speaker_of(by_article, "Tout le monde est lâche")[0] == "Paul Roux"


def test_a_kicker_with_a_slash_and_a_party_name_are_nobody():
    by_article, _ = story("Castaner va porter plainte contre Dupont-Aignan\n\n"
                          "LE SCAN POLITIQUE/VIDÉO - Le président de Debout la France estimait mardi que les actes de "
                          "vandalisme étaient le fait des « petits casseurs de monsieur Castaner ».\n\n"
                          "Nicolas Dupont-Aignan avait pointé du doigt la responsabilité du ministre.")
    assert speaker_of(by_article, "les actes de vandalisme")[0] == "Nicolas Dupont-Aignan"


def test_the_subject_of_a_long_clause_closed_by_a_colon_speaks():
    by_article, _ = story("Paul Roux était en colère. Lors d'une conférence de presse organisée dans son quartier "
                          "général, le député de l'Essonne a refusé de revenir sur ses propos et a vilipendé le "
                          "ministre : « Il veut faire taire l'opposition. »")
    assert speaker_of(by_article, "Il veut faire taire")[0] == "Paul Roux"


def test_a_colon_intro_with_que_inside_a_word_and_one_with_pour():
    by_article, _ = story("Les lecteurs réagissent au sondage. Litith se pose des questions: « Les sondages sont-ils "
                          "réels ? » Même constat pour Fred Martin: « Personne ne les soutient. »")
    assert speaker_of(by_article, "Les sondages sont-ils")[0] == "Litith"
    assert speaker_of(by_article, "Personne ne les soutient")[0] == "Fred Martin"


def test_an_incise_with_a_modal_before_the_infinitive_cue():
    by_article, _ = story("Paul Roux a parlé lundi. « Il ne faut pas sous-estimer l'impact », a notamment voulu "
                          "prévenir Marc Petit. « Rien ne change », a tenu à rappeler Paul Roux.")
    assert speaker_of(by_article, "Il ne faut pas sous-estimer")[0] == "Marc Petit"
    assert speaker_of(by_article, "Rien ne change")[0] == "Paul Roux"


def test_a_headline_keeps_the_speaker_it_names_over_a_body_copy():
    by_article, _ = story("Marc Petit évoque des « scènes de guerre »\n\n"
                          "Les propos ont été rapportés par Paul Roux lundi. « Des scènes de guerre », a-t-il dit.")
    headline = [c for cs in by_article.values() for c in cs if c.char_start < 40 and c.claim_type == "partial"][0]
    assert headline.speaker == "Marc Petit"


def test_a_capitalised_demonym_after_the_article_describes_a_person():
    by_article, _ = story("Jacline Dumas a lancé une pétition. La Bretonne de 51 ans, à l'origine d'une vidéo virale, "
                          "dénonce « la traque aux automobilistes ».")
    assert speaker_of(by_article, "la traque aux automobilistes")[0] == "Jacline Dumas"


def test_a_bare_document_speaks_for_its_issuer_printed_before():
    by_article, _ = story("L'annonce a été confirmée dans un communiqué du ministère de la Culture. Les œuvres "
                          "« seront restaurées », ajoute le communiqué.")
    speaker, method = speaker_of(by_article, "seront restaurées")
    assert (speaker, method) == ("ministère de la Culture", "document")


def test_a_gerund_with_a_quoted_label_belongs_to_the_main_clause_subject():
    by_article, _ = story("Marc Petit a critiqué la sortie. En qualifiant de « peste brune » certains manifestants, le "
                          "ministre des Comptes publics Paul Roux s'est attiré les foudres de l'opposition.")
    assert speaker_of(by_article, "peste brune")[0] == "Paul Roux"


def test_a_journalist_of_a_station_is_a_person_and_no_antecedent_for_the_guest():
    by_article, _ = story("Paul Roux, comédien, était invité samedi. « Vous avez peur ? », l'interroge alors le "
                          "journaliste Marc Petit.\n\n» LIRE AUSSI - Les soutiens de Jean Macron s'affichent\n\n"
                          "« Et les conséquences ? », le questionne le journaliste de RTL. « J'en ai rien à faire, lui "
                          "répond sèchement le comédien. Il y a des gens comme moi. »")
    assert speaker_of(by_article, "Et les conséquences")[0] == "Marc Petit"
    assert speaker_of(by_article, "J'en ai rien à faire")[0] == "Paul Roux"
    assert speaker_of(by_article, "Il y a des gens comme moi")[0] == "Paul Roux"


def test_an_incise_name_apposed_after_the_role_complement():
    by_article, _ = story("« Ils sont irresponsables », a estimé le président du groupe LaREM au Sénat, François "
                          "Patriat. La séance a repris.")
    assert speaker_of(by_article, "Ils sont irresponsables")[0] == "François Patriat"


def test_a_link_to_another_article_names_nobody_and_takes_no_floor():
    by_article, _ = story("Paul Roux était l'invité de la radio. « Je ne suis pas magicien », a-t-il reconnu.\n\n"
                          "» LIRE AUSSI - Marc Petit aux manifestants : « Il faut continuer »\n\n"
                          "« Ne comptez pas sur moi pour la polémique », a-t-il balayé.")
    assert speaker_of(by_article, "Il faut continuer")[0] == "Marc Petit"
    assert speaker_of(by_article, "Ne comptez pas sur moi")[0] == "Paul Roux"


def test_a_four_word_name_with_particles_is_kept_whole():
    by_article, _ = story("Selon cette porte-parole, Ilse Van De Keere, la situation est calme. Ilse Van De Keere a "
                          "ajouté que « tout va bien ».")
    assert speaker_of(by_article, "tout va bien")[0] == "Ilse Van De Keere"


def test_a_pull_quote_belongs_to_the_person_named_right_after_it():
    by_article, _ = story("Les péages augmentent.\n\n« Il faut prouver que nous ne sommes pas fermés. » Xavier Huillard, "
                          "PDG de Vinci, a entendu les exigences de la ministre.",
                          "Les ventes baissent, dit Marc Petit.\n\n« Les répercussions seront plus fortes »\n\n"
                          "Florent Leroux, président de la Fédération du jouet")
    assert speaker_of(by_article, "Il faut prouver")[0] == "Xavier Huillard"
    assert speaker_of(by_article, "Les répercussions")[0] == "Florent Leroux"


def test_the_tenant_of_the_elysee_is_the_president():
    by_article, _ = story("Le président Emmanuel Macron a réuni ses ministres mardi. La réforme est prête. Le locataire "
                          "de l'Élysée a dit vouloir « changer en profondeur les règles ».")
    assert speaker_of(by_article, "changer en profondeur")[0] == "Emmanuel Macron"


def test_a_clause_opening_with_a_place_holds_no_subject_for_the_quotation_after_its_colon():
    by_article, _ = story("Michel Roux a publié un roman. Puis à La Revue des Deux Mondes, en 2015 : « Je constate. »")
    assert speaker_of(by_article, "Je constate")[0] == "Michel Roux"


def test_an_aside_between_commas_after_the_verb_of_an_incise_does_not_hide_its_subject():
    # « a accusé, de son côté, le leader de la CFDT, Laurent Berger »: the subject follows the aside
    by_article, _ = story("Le Premier ministre Édouard Philippe a reçu les syndicats lundi à Paris. « Nous sommes "
                          "inquiets », a accusé, de son côté, le leader de la CFDT, Laurent Berger.",
                          "Le ministre Paul Roche était à Lyon. « Rien n'est joué », a affirmé, lundi, Sophie Marin.")
    assert speaker_of(by_article, "Nous sommes inquiets")[0] == "Laurent Berger"
    assert speaker_of(by_article, "Rien n'est joué")[0] == "Sophie Marin"


def test_functions_people_cumulate_do_not_keep_a_description_off_its_holder():
    # « le maire de Pau » may well be « le président du MoDem » named just before; the Prime Minister named after is
    # not who the description refers back to
    by_article, _ = story("Le président du MoDem, François Bayrou, était l'invité d'une radio. « Il faut écouter », a "
                          "dit le maire de Pau. Il a reçu lundi un appel d'Édouard Philippe. De même, l'édile a "
                          "considéré que recevoir les manifestants était « la moindre des choses ».")
    assert speaker_of(by_article, "Il faut écouter")[0] == "François Bayrou"
    assert speaker_of(by_article, "recevoir les manifestants")[0] == "François Bayrou"


def test_the_head_of_government_is_not_the_president_named_before():
    # « le chef du gouvernement » names the function of a Prime Minister, which the president named before does not hold
    by_article, _ = story("Le président Emmanuel Macron a reçu Keir Starmer à Paris. « Nous sommes unis », a dit le "
                          "chef du gouvernement travailliste.")
    assert speaker_of(by_article, "Nous sommes unis")[0] == "Keir Starmer"


def test_a_role_apposed_without_determiner_leaves_the_speaker_to_the_name_before_it():
    # « Roland Héguy, président de la Confédération …, craint que »: Héguy speaks, not the body he presides
    by_article, _ = story("Roland Héguy, président de la Confédération des Acteurs du Tourisme, craint que les fêtes "
                          "ne soient gâchées.")
    assert speaker_of(by_article, "les fêtes ne soient gâchées")[0] == "Roland Héguy"


def test_a_place_in_a_description_is_not_its_speaker():
    # « Ce chauffeur routier originaire de Melun (Seine-et-Marne) » describes the man named before; the department
    # in brackets is no one
    by_article, _ = story("Éric Drouet a été arrêté mercredi. Ce chauffeur routier originaire de Melun (Seine-et-Marne) "
                          "avait appelé à mener une « action » sur les Champs-Élysées.")
    assert speaker_of(by_article, "action")[0] == "Éric Drouet"
    # while a person named after the role's complement is the speaker
    by_article, _ = story("Le maire de Londres Sadiq Khan a dit que la ville était prête.")
    assert speaker_of(by_article, "la ville était prête")[0] == "Sadiq Khan"


def test_a_participle_hanging_on_a_clause_reports_for_its_subject():
    # « Le ministre a brandi un panneau expliquant que »: the minister explains; « Interrogé sur des informations
    # faisant état de … » has no clause of its own and names nobody
    by_article, _ = story("Le ministre Jean Dupont était à Lille. Le ministre a brandi un panneau expliquant que le "
                          "magazine avait menti.")
    assert speaker_of(by_article, "le magazine avait menti")[0] == "Jean Dupont"


def test_a_network_one_posts_on_is_not_the_subject():
    by_article, _ = story("Gérald Darmanin était à Paris. Le ministre a tenu à réagir sur son compte Twitter pour "
                          "dénoncer une « fake news ».")
    assert speaker_of(by_article, "fake news")[0] == "Gérald Darmanin"


def test_a_noun_phrase_right_before_the_verb_is_its_subject_whatever_its_noun():
    by_article, _ = story("Jeudi dernier déjà, la grande distribution avait averti qu'un nouveau blocage aurait des "
                          "conséquences « dramatiques ».")
    assert speaker_of(by_article, "un nouveau blocage")[0] == "grande distribution"


def test_who_speaks_in_a_relative_clause():
    # the subject of a relative clause speaks for its own verb (« pour lequel X a dit sa « fascination » »)
    by_article, _ = story("Éric Drouet a été arrêté. Un peu plus tôt, ce chauffeur routier pour lequel le leader de "
                          "La France insoumise Jean-Luc Mélenchon a dit sa « fascination » avait appelé à manifester.")
    assert speaker_of(by_article, "fascination")[0] == "Jean-Luc Mélenchon"
    # and the chauffeur, the man named before, is who called for it
    by_article, _ = story("Éric Drouet a été arrêté. Un peu plus tôt, ce chauffeur routier pour lequel le leader de "
                          "La France insoumise Jean-Luc Mélenchon a dit sa « fascination » avait appelé à mener une "
                          "« action ».")
    assert speaker_of(by_article, "action")[0] == "Éric Drouet"
    # a report inside a report stays with the one who reports it
    by_article, _ = story("Benjamin Griveaux a indiqué que le chef de l'État a demandé à « la totalité des membres du "
                          "gouvernement » d'être « plus à l'écoute ».")
    assert speaker_of(by_article, "la totalité des membres")[0] == "Benjamin Griveaux"
    # « il » in the relative clause is the main clause's subject, not the last speaker
    by_article, _ = story("« Nous sommes fiers », a souligné Paul Martin. Pour sa part, Jean Roux a laissé un message "
                          "dans le livre d'or dans lequel il a souligné que « la ville ne sera jamais oubliée ».")
    assert speaker_of(by_article, "la ville ne sera jamais oubliée")[0] == "Jean Roux"


def test_a_function_of_another_country_or_body_is_someone_else():
    # « le président du Kazakhstan » is not the person called « le président russe », who is the only one named
    by_article, _ = story("Le président russe Vladimir Poutine a parlé lundi. Le président du Kazakhstan a appelé à "
                          "« prendre des mesures urgentes ».")
    assert speaker_of(by_article, "prendre des mesures urgentes")[0] != "Vladimir Poutine"
    # while « le président du groupe français » may well be « le président de MGEN »
    by_article, _ = story("Cette méfiance explique le mouvement, selon le président du groupe français, Roland "
                          "Berthilier. « Il y a eu beaucoup de promesses », juge le président de MGEN.")
    assert speaker_of(by_article, "beaucoup de promesses")[0] == "Roland Berthilier"
    by_article, _ = story("Le ministre russe de la Défense Andreï Belooussov était là. « Nous avançons », a dit le "
                          "ministre de la Défense.")
    assert speaker_of(by_article, "Nous avançons")[0] == "Andreï Belooussov"


def test_a_fragment_after_a_closed_incise_is_the_incise_subjects():
    by_article, _ = story("L'enquête en est à ses débuts, a précisé Stuart Bell, rendant hommage au « courage "
                          "incroyable » des policiers.")
    assert speaker_of(by_article, "courage incroyable")[0] == "Stuart Bell"


def test_a_participle_right_after_a_document_reports_for_its_author():
    # « au lendemain d'un discours du président Vladimir Poutine jugeant que »: Putin judges, not the sentence's subject
    by_article, _ = story("La Russie a revendiqué des gains, au lendemain d'un discours du président Vladimir Poutine "
                          "jugeant que le conflit avait tout d'une guerre « mondiale ».")
    assert speaker_of(by_article, "le conflit avait")[0] == "Vladimir Poutine"
    assert speaker_of(by_article, "mondiale")[0] == "Vladimir Poutine"


def test_the_man_or_the_young_woman_refers_back_like_a_pronoun():
    by_article, _ = story("« Il faut penser ensemble les moyens », glisse Zineb, étudiante en lettres. Posée à la "
                          "cafétéria, la jeune femme s'inquiète toutefois des conséquences : « La banalisation ne "
                          "suffit pas. »")
    assert speaker_of(by_article, "La banalisation ne suffit pas")[0] == "Zineb"


def test_a_stressed_pronoun_between_commas_is_an_aside_not_the_subject():
    # « L'Union … (USP) a, elle, demandé »: « elle » stresses the Union, it is not the body named before
    by_article, _ = story("La Société suisse des eaux (SSIE) a parlé. Elle a coupé des captages. L'Union suisse des "
                          "paysans (USP) a, elle, demandé aux exploitations de renoncer aux pesticides.")
    assert speaker_of(by_article, "renoncer aux pesticides")[0] == "Union suisse des paysans"
    # while « Elle » opening a sentence is its subject
    by_article, _ = story("Sophie Binet était là. « C'est une rupture ». Elle dit avoir « mis en garde » le chef de l'État.")
    assert speaker_of(by_article, "mis en garde")[0] == "Sophie Binet"


def test_a_place_run_into_a_name_after_a_role_is_no_part_of_it():
    # « le préfet de La Réunion Amaury de Saint-Quentin »: the prefect is Amaury de Saint-Quentin, not « Réunion Amaury »
    by_article, _ = story("Le préfet de La Réunion Amaury de Saint-Quentin a dit que le couvre-feu commencerait mardi.")
    assert speaker_of(by_article, "le couvre-feu commencerait")[0] == "Amaury de Saint-Quentin"


def test_the_newsrooms_own_journalist_never_takes_the_words_of_those_they_meet():
    by_article, _ = story("TÉMOIGNAGES - Notre journaliste Stéphane Kovacs a recueilli les témoignages de plusieurs "
                          "manifestants samedi à Paris.\n\n« Il manque la justice sociale. »")
    assert speaker_of(by_article, "Il manque la justice sociale")[0] != "Stéphane Kovacs"


def test_a_reflexive_opening_a_sentence_is_not_a_name():
    by_article, _ = story("La ministre de la Santé Odile Perrin a visité l'hôpital mercredi. "
                          "Se disant consciente de la « fatigue des soignants », elle a promis des renforts.")
    assert speaker_of(by_article, "fatigue des soignants")[0] == "Odile Perrin"


def test_one_of_a_group_apposed_to_a_name_is_that_person():
    by_article, _ = story("Les délégués sont sortis sous les huées. Devant les grilles, Léa Marchand, une de leurs "
                          "représentantes, a regretté « ce malentendu ». « Il faut se parler », a-t-elle ajouté.")
    assert speaker_of(by_article, "ce malentendu")[0] == "Léa Marchand"
    assert speaker_of(by_article, "Il faut se parler")[0] == "Léa Marchand"


def test_the_body_the_newsroom_heard_it_from_is_the_source():
    by_article, _ = story("Le maire de Villebourg sera entendu lundi par les enquêteurs, a-t-on appris vendredi "
                          "auprès du parquet de Rennes.")
    found = [c for c in by_article["a0"] if c.claim_type == "indirect"]
    assert [c.wording for c in found] == ["Le maire de Villebourg sera entendu lundi par les enquêteurs"]
    assert "parquet de Rennes" in found[0].speaker


def test_a_fragment_with_its_own_verb_inside_a_reported_clause_is_that_verbs_subject():
    by_article, _ = story("Le militant Hugo Ferrand, qui a appelé à « envahir » la préfecture, est visé par une "
                          "enquête, a indiqué jeudi le parquet de Nantes.")
    fragment = [c for c in by_article["a0"] if c.claim_type == "partial"]
    assert [(c.wording, c.speaker) for c in fragment] == [("envahir", "Hugo Ferrand")]
    clause = [c for c in by_article["a0"] if c.claim_type == "indirect"]
    assert "parquet de Nantes" in clause[0].speaker       # the report stays the parquet's


@pytest.mark.parametrize("text, speaker", [
    ("« Nous porterons plainte », a écrit le Syndicat des gardiens de la paix (SGP) dans un tweet.",
     "Syndicat des gardiens de la paix"),
    ("L'Office fédéral de la santé a estimé que le produit était dangereux.", "Office fédéral de la santé"),
    ("Selon la Confédération paysanne, les prix du lait baissent.", "Confédération paysanne"),
])
def test_a_body_is_named_whole(text, speaker):
    by_article, _ = story(text)
    (claim,) = [c for c in by_article["a0"] if c.claim_type != "statement"]
    assert claim.speaker == speaker


def test_a_participle_opening_two_reports_gives_both_to_the_main_subject():
    by_article, _ = story("Estimant que la foule était menaçante et que le policier a « agi avec mesure », le procureur "
                          "de Nantes, Paul Marin, n'a pas ouvert d'enquête.")
    reports = [c for c in by_article["a0"] if c.claim_type == "indirect"]
    assert [(c.wording, c.speaker) for c in reports] == [
        ("la foule était menaçante", "Paul Marin"), ("le policier a « agi avec mesure »", "Paul Marin")]


def test_data_published_by_a_body_are_that_bodys():
    by_article, _ = story("Les ventes ont reculé de 3 % en mai, selon les données publiées par la Fédération "
                          "des commerces de détail (FCD).")
    (claim,) = [c for c in by_article["a0"] if c.claim_type == "indirect"]
    assert claim.speaker == "Fédération des commerces de détail"
