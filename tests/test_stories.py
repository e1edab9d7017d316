"""Stories: articles without a manifest event are grouped by shared rare names and words and close dates."""

from __future__ import annotations

import csv
import itertools
import random
import shutil
from datetime import timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from toolkit.ingest import read_collection
from toolkit.pipeline import build
from toolkit.stories import find_stories

ROOT = Path(__file__).resolve().parent.parent
# the project's own multi-event and single-event folders, whose manifests name the events
CORPORA = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if (p / "manifest.csv").exists()) + [
    ROOT / "datasets" / "kim-putin-vostochny-2023"]


def _without_events(articles):
    truth = {a.article_id: a.event for a in articles}
    for a in articles:
        a.event_given = False
    return truth


def _pairs(groups) -> set:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
def test_stories_found_without_the_event_column_are_the_manifest_events(folder):
    articles = read_collection(folder)
    truth = _without_events(articles)
    stories = find_stories(articles)
    events: dict[str, list] = {}
    for article_id, event in truth.items():
        events.setdefault(event, []).append(article_id)
    assert _pairs(s.article_ids for s in stories) == _pairs(events.values())
    assert all(s.method == "content" for s in stories)
    assert {a.event for a in articles} == {s.story_id for s in stories}


def test_a_manifest_event_always_wins():
    articles = read_collection(ROOT / "tests" / "corpus" / "blind4")
    kept = articles[0]
    for a in articles[1:]:
        a.event_given = False
    stories = find_stories(articles)
    given = [s for s in stories if s.method == "manifest"]
    assert [s.story_id for s in given] == [kept.event] and given[0].article_ids == [kept.article_id]
    assert kept.event == given[0].story_id


def test_undated_articles_are_grouped_by_content_alone():
    articles = read_collection(ROOT / "tests" / "corpus" / "discrepancies3")   # four outlets, one strike
    _without_events(articles)
    for a in articles:
        a.published = None
    stories = find_stories(articles)
    assert len(stories) == 1 and stories[0].first is None and stories[0].n_outlets == 4
    assert stories[0].story_id.startswith("undated-")


def test_the_same_news_months_apart_is_two_stories():
    articles = read_collection(ROOT / "tests" / "corpus" / "discrepancies3")
    _without_events(articles)
    articles[0].published += timedelta(days=90)
    stories = find_stories(articles)
    assert sorted(len(s.article_ids) for s in stories) == [1, 3]


def test_stories_do_not_depend_on_the_order_of_the_articles():
    def ids(articles):
        _without_events(articles)
        return [(s.story_id, s.label, s.article_ids) for s in find_stories(articles)]

    articles = read_collection(ROOT / "tests" / "corpus" / "fresh") + read_collection(ROOT / "tests" / "corpus" / "discrepancies")
    first = ids(articles)
    random.Random(3).shuffle(articles)
    assert ids(articles) == first


def test_a_story_is_labelled_by_the_names_its_articles_share():
    articles = read_collection(ROOT / "tests" / "corpus" / "discrepancies3")
    _without_events(articles)
    (story,) = find_stories(articles)
    # read from the articles: every outlet names the port and the CGT leader
    assert "Delvaux" in story.label or "Ravenel" in story.label or "Nordhavn" in story.label, story.label


def test_build_writes_the_stories_and_sets_the_events(tmp_path):
    folder = tmp_path / "two-events"
    folder.mkdir()
    rows = []
    for corpus in ("discrepancies", "discrepancies3"):
        source = ROOT / "tests" / "corpus" / corpus
        with open(source / "manifest.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                name = f"{corpus}-{row['file']}"
                shutil.copy(source / row["file"], folder / name)
                rows.append({"file": name, "source": row["source"], "published": row["published"]})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "source", "published"])
        writer.writeheader()
        writer.writerows(rows)
    result = build(folder, tmp_path / "tables", progress=False)
    stories = pq.read_table(tmp_path / "tables" / "stories.parquet").to_pylist()
    assert sorted(s["n_articles"] for s in stories) == [3, 4]
    assert result.alignment.n_stories == 2
    by_article = {a: s["story_id"] for s in stories for a in s["article_ids"]}
    articles = pq.read_table(tmp_path / "tables" / "articles.parquet", columns=["article_id", "event"]).to_pylist()
    assert all(by_article[a["article_id"]] == a["event"] for a in articles)
    claims = pq.read_table(tmp_path / "tables" / "claims.parquet", columns=["article_id", "event"]).to_pylist()
    assert all(by_article[c["article_id"]] == c["event"] for c in claims)
    # alignment works inside stories: no cluster spans the two
    clusters = pq.read_table(tmp_path / "tables" / "clusters.parquet", columns=["article_ids"]).to_pylist()
    assert all(len({by_article[a] for a in c["article_ids"]}) == 1 for c in clusters)


def test_a_text_printed_twice_under_two_ids_does_not_split_its_story():
    articles = read_collection(ROOT / "tests" / "corpus" / "discrepancies3")     # four outlets, one strike
    copies = read_collection(ROOT / "tests" / "corpus" / "discrepancies3")
    for a in copies:
        a.article_id = "copy_" + a.article_id
    articles += copies
    _without_events(articles)
    (story,) = find_stories(articles)
    assert len(story.article_ids) == 8


@pytest.mark.parametrize("word", ["maison", "gouvernement", "depute", "député", "Paris", "jean-luc", "aujourd'hui",
                                  "covid19", "2023", "xqzwv", "œuvre", "a"])
def test_the_rarity_of_a_word_is_wordfreqs_whichever_way_it_is_read(word):
    # plain a-z words are read straight from wordfreq's list; every other word goes through wordfreq itself
    from wordfreq import zipf_frequency

    from toolkit.stories import zipf

    assert zipf(word, "fr") == zipf_frequency(word, "fr")


def test_a_texts_terms_do_not_depend_on_the_words_read_before_it():
    from toolkit.align.tokens import words_for
    from toolkit.stories import profile

    stopwords = words_for("fr").stopwords
    first = "Le maire de Valbrune, Jean-Luc Ferrand, inaugure la médiathèque rénovée."
    second = "À Valbrune, la médiathèque rénovée ouvre ses portes ; le maire Jean-Luc Ferrand était présent."
    memo: dict = {}
    profile(first, stopwords, memo)
    counts, shown = profile(second, stopwords, memo)
    assert (counts, shown) == profile(second, stopwords)
    assert counts["n:valbrune"] == 1 and shown["n:valbrune"] == "Valbrune"
    assert counts["n:ferrand"] == 1 and shown["n:ferrand"] == "Ferrand"
    assert counts["mediath"] == 1 and shown["mediath"] == "médiathèque"


# A quotation printed by two articles (fictional texts) --------------------------------------------------------

SAID = "Nous ne laisserons personne sur le bord de la route"     # everyday words: a quotation, not a topic


def _article(article_id, day, text):
    from datetime import datetime

    from toolkit.ingest.articles import Article

    return Article(article_id, "Ouest Matin", text, Path(article_id + ".txt"), published=datetime(2024, 3, day),
                   event_given=False)


def _shipyard_and_council(second_quote=None, day=5):
    """A strike at a shipyard where the mayor speaks, and a regional council session, on other matters, where she
    says the same words again; two other articles give each its own vocabulary (another strike, another budget)."""
    second_quote = SAID if second_quote is None else second_quote
    return [
        _article("strike", 4,
                 "Chantier naval de Kervellec : les salariés en grève devant les grilles\n"
                 "Plus de deux cents ouvriers du chantier naval de Kervellec ont cessé le travail lundi matin après "
                 "l'annonce d'un plan social par l'armateur Brenmor. Les grévistes ont bloqué les grilles et allumé des "
                 "braseros sur le quai.\n"
                 f"La maire, Odile Marchetti, s'est rendue sur place. «{SAID}», a-t-elle lancé aux salariés rassemblés "
                 "devant la cale sèche. Le délégué syndical Bastien Lhoumeau réclame une table ronde avec Brenmor.\n"),
        _article("council", day,
                 "Conseil régional : la session budgétaire s'ouvre sur la question des transports\n"
                 "Les conseillers régionaux ont entamé mardi à Rennes l'examen du budget primitif, dominé par le "
                 "financement des lignes de car, la rénovation des lycées et les aides aux agriculteurs touchés par la "
                 "sécheresse. Le président Loïg Chesnais a défendu une hausse des investissements ferroviaires, "
                 "l'opposition a dénoncé une dette en hausse.\n"
                 f"Odile Marchetti, conseillère régionale, a pris la parole sur l'emploi industriel : «{second_quote}», "
                 "a-t-elle dit.\n"
                 "Le vote définitif du budget est attendu jeudi, après l'examen des amendements sur les lycées et les "
                 "lignes de car.\n"),
        _article("other-strike", 4,
                 "Lorient : grève au chantier naval après l'annonce d'un plan social\n"
                 "Les ouvriers du chantier naval de Lorient ont cessé le travail après l'annonce d'un plan social par la "
                 "direction du groupe Navalis. Les salariés en grève ont bloqué les grilles du site et installé des "
                 "braseros sur le quai.\n"
                 "Le délégué syndical Yann Quéré réclame le retrait du plan social et une table ronde avec l'État.\n"),
        _article("other-budget", 5,
                 "Conseil départemental : un budget sous le signe des lycées et des transports\n"
                 "Réunis mardi, les conseillers départementaux ont adopté le budget primitif. Le financement des lignes "
                 "de car, la rénovation des collèges et les aides aux agriculteurs touchés par la sécheresse ont été "
                 "votés ; l'opposition a dénoncé une dette en hausse.\n"),
    ]


def _same_story(articles, a, b) -> bool:
    stories = find_stories(articles)
    return any(a in s.article_ids and b in s.article_ids for s in stories)


def test_a_quotation_printed_by_two_articles_makes_them_one_story():
    # the same words said again: one statement, one story, though the two articles share little else
    assert _same_story(_shipyard_and_council(), "strike", "council")
    # the same articles with other words in the second quotation: only a name in common, two stories
    assert not _same_story(_shipyard_and_council("Il faudra parler de tout cela à la rentrée"), "strike", "council")
    # the same words ten days later: too far apart to be one story
    assert not _same_story(_shipyard_and_council(day=14), "strike", "council")


def test_stories_linked_by_a_quotation_do_not_depend_on_the_order_of_the_articles():
    def ids(articles):
        return [(s.story_id, s.label, s.article_ids) for s in find_stories(articles)]

    articles = _shipyard_and_council()
    first = ids(articles)
    for seed in (1, 2, 3):
        shuffled = _shipyard_and_council()
        random.Random(seed).shuffle(shuffled)
        assert ids(shuffled) == first


def test_a_short_quotation_links_two_articles_only_under_one_name():
    from toolkit.align.tokens import words_for
    from toolkit.extract.lexicon import load
    from toolkit.stories import quotation_links, quoted

    stopwords, lexicon = words_for("fr").stopwords, load("fr")
    texts = ["Paul Vernier aux agriculteurs : «Il faut tenir bon»\nLe sénateur a rencontré des éleveurs.",
             "Le sénateur a quitté le salon.\n» LIRE AUSSI - Paul Vernier aux agriculteurs : «Il faut tenir bon»",
             "Marie Dalbec, devant les syndicats : «Il faut tenir bon»"]
    quotes = [quoted(t, stopwords, lexicon) for t in texts]
    assert ("whole", "il", "faut", "tenir", "bon") in quotes[0]
    assert quotes[0][("whole", "il", "faut", "tenir", "bon")] >= {"vernier"}     # not « LIRE », not a quoted word
    assert quotation_links(quotes, texts, max_df=5) == {(0, 1)}


@pytest.mark.parametrize("text", [
    "Les «gilets verts» ont défilé à Rennes, selon Paul Vernier.",              # two quoted words: a name for a group
    "Paul Vernier a dénoncé «une très grande violence» à Rennes.",               # the writer's sentence, words held apart
    "Paul Vernier : «Et alors, nous sommes là»",                                 # no content word
])
def test_a_name_or_an_expression_in_quotation_marks_is_no_quotation_to_link_by(text):
    from toolkit.align.tokens import words_for
    from toolkit.extract.lexicon import load
    from toolkit.stories import quoted

    assert quoted(text, words_for("fr").stopwords, load("fr")) == {}


def test_a_short_article_sharing_one_everyday_word_is_not_part_of_a_story():
    # a two-line brief whose only word shared with the folder is « cent » would have all its (shared) keywords in
    # common with any article printing « cent »
    articles = _shipyard_and_council() + [
        _article("cycling", 5, "Cyclisme : Yannick Probert remporte le Grand Prix de Plounéour\n"
                 "Le coureur de l'équipe Arvor a devancé au sprint ses deux compagnons d'échappée à Plounéour, après "
                 "cent soixante kilomètres disputés sous un vent violent.\n")]
    stories = find_stories(articles)
    assert [s.article_ids for s in stories if "cycling" in s.article_ids] == [["cycling"]]
