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
