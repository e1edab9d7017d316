"""Reading article folders: manifest present, absent, partial, malformed; exact text."""

from __future__ import annotations

import pytest

from toolkit.errors import BadArticle, BadManifest, NoArticles
from toolkit.ingest import read_collection


def write(folder, name, text, encoding="utf-8"):
    (folder / name).write_bytes(text.encode(encoding) if isinstance(text, str) else text)


def test_manifest_fields_are_read(seed_copy):
    articles = {a.article_id: a for a in read_collection(seed_copy)}
    assert articles["001_bb17fa2649a17e65"].source == "BFMTV"
    assert articles["003_67d2f7bd1d453721"].source == "Le Placentin"
    assert articles["001_bb17fa2649a17e65"].published.isoformat() == "2023-09-13T00:00:00+00:00"
    assert articles["000_228e09c1b8d5bd34"].language == "fr"
    assert articles["000_228e09c1b8d5bd34"].event == "kim-putin-vostochny-2023"


def test_outlets_the_files_do_not_name_get_distinct_placeholders(seed_copy):
    sources = {a.article_id: a.source for a in read_collection(seed_copy)}
    unnamed = [sources[k] for k in ("000_228e09c1b8d5bd34", "002_f0eadd47b8ac161f", "004_413218db27dc4896")]
    assert all(s.startswith("unknown:") for s in unnamed) and len(set(unnamed)) == 3


def test_without_manifest_every_file_loads_with_defaults(seed_copy):
    (seed_copy / "manifest.csv").unlink()
    articles = read_collection(seed_copy)
    assert [a.article_id for a in articles] == sorted(a.article_id for a in articles)
    assert len(articles) == 5
    assert all(a.source == f"unknown:{a.article_id}" and a.url is None and a.published is None for a in articles)
    assert {a.event for a in articles} == {seed_copy.name}


def test_partial_manifest_fills_only_listed_files(tmp_path):
    write(tmp_path, "a.txt", "« Bonjour », a dit Paul.")
    write(tmp_path, "b.txt", "Rien.")
    write(tmp_path, "manifest.csv", "file,source,published\na.txt,Le Monde,2024-01-02T10:00:00+01:00\n")
    a, b = read_collection(tmp_path)
    assert (a.source, a.published.isoformat()) == ("Le Monde", "2024-01-02T09:00:00+00:00")
    assert b.source == "unknown:b" and b.language == "fr"


@pytest.mark.parametrize("manifest, line, field, words", [
    ("source\nLe Monde\n", 1, None, "no 'file' column"),
    ("file,source\nmissing.txt,X\n", 2, "file", "does not exist"),
    ("file,published\na.txt,13/09/2023\n", 2, "published", "not an ISO date"),
    ("file,source\na.txt,X\na.txt,Y\n", 3, "file", "listed twice"),
    ("file,colour\na.txt,red\n", 1, None, "unknown column"),
])
def test_bad_manifest_names_file_line_and_field(tmp_path, manifest, line, field, words):
    write(tmp_path, "a.txt", "Texte.")
    write(tmp_path, "manifest.csv", manifest)
    with pytest.raises(BadManifest) as err:
        read_collection(tmp_path)
    assert err.value.line == line and err.value.field == field
    assert "manifest.csv" in str(err.value) and words in str(err.value)


@pytest.mark.issue(15)
def test_latin1_article_is_decoded_and_the_decision_recorded(tmp_path):
    write(tmp_path, "latin.txt", "Première ligne\nDeuxième ligne é\n", encoding="latin-1")
    (article,) = read_collection(tmp_path)
    assert article.text == "Première ligne\nDeuxième ligne é\n"
    assert article.problems == ["not UTF-8: decoded as cp1252 (detected by charset-normalizer, 100% clean)"]


@pytest.mark.issue(15)
def test_undecodable_article_is_named_with_its_line(tmp_path):
    write(tmp_path, "image.txt", b"Ligne un\n" + bytes(range(256)) * 4)
    with pytest.raises(BadArticle) as err:
        read_collection(tmp_path)
    # line 1 "Ligne un", line 2 bytes 0-9 up to byte 10 (a newline), line 3 holds byte 128, the first bad one
    assert "image.txt" in str(err.value) and err.value.line == 3 and "no text encoding fits" in str(err.value)


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(NoArticles, match="no article files"):
        read_collection(tmp_path)


def test_text_is_nfc_with_unix_newlines_and_nothing_else_changed(tmp_path):
    write(tmp_path, "a.txt", "\ufeffLe pre\u0301sident\r\na dit :  « Oui ».\r")
    (article,) = read_collection(tmp_path)
    assert article.text == "Le président\na dit :  « Oui ».\n"


def test_quoted_title_over_two_lines_and_line_numbers_of_records(tmp_path):
    write(tmp_path, "a.txt", "Texte.")
    write(tmp_path, "b.txt", "Texte.")
    write(tmp_path, "manifest.csv", 'file,title,published\na.txt,"Titre\nsur deux lignes",2024-01-01\nb.txt,,demain\n')
    with pytest.raises(BadManifest) as err:
        read_collection(tmp_path)
    assert err.value.line == 4 and err.value.field == "published"
    write(tmp_path, "manifest.csv", 'file,title\na.txt,"Titre\nsur deux lignes"\n')
    assert read_collection(tmp_path)[0].title == "Titre\nsur deux lignes"


def test_language_codes_are_lower_cased_and_checked(tmp_path):
    write(tmp_path, "a.txt", "Texte.")
    write(tmp_path, "manifest.csv", "file,language\na.txt,FR\n")
    assert read_collection(tmp_path)[0].language == "fr"
    write(tmp_path, "manifest.csv", "file,language\na.txt,français\n")
    with pytest.raises(BadManifest, match="language code"):
        read_collection(tmp_path)
