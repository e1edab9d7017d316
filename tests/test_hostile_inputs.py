"""Hostile or broken inputs: each gives one clear error naming the file (and line or field), never a traceback."""

from __future__ import annotations

import csv
import os

import pytest

import toolkit
from toolkit.cli.main import main
from toolkit.errors import BadArticle, BadManifest, BadRegistry, BadReviewFile, ToolkitError
from toolkit.ingest import read_collection
from toolkit.ingest.inputs import read_input
from toolkit.registry import Registry
from toolkit.validate.review import read_reviews, record


def folder_with(tmp_path, files: dict[str, str | bytes]):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


# Inputs accepted that should not be

def test_two_files_whose_ids_differ_only_in_case_are_refused(tmp_path):
    folder = folder_with(tmp_path, {"a.txt": "Un.", "a.TXT": "Deux."})
    if len(list(folder.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    with pytest.raises(BadArticle, match=r"a\.(txt|TXT).*article id '(a)' is also the id of an article of .*a\.(txt|TXT)"):
        read_input(folder)


def test_a_symbolic_link_is_refused_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    folder = folder_with(tmp_path, {"b.txt": "Texte."})
    os.symlink(secret, folder / "a.txt")
    with pytest.raises(BadArticle, match=r"a\.txt.*symbolic link"):
        read_collection(folder)


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "sub/a.txt", "..", "..\\\\a.txt"])
def test_manifest_rows_naming_a_path_are_refused(tmp_path, name):
    folder = folder_with(tmp_path, {"a.txt": "Texte.", "manifest.csv": f"file,source\n{name},X\n"})
    with pytest.raises(BadManifest) as err:
        read_collection(folder)
    assert (err.value.line, err.value.field) == (2, "file")


# Raw tracebacks instead of errors

def test_a_huge_manifest_field_is_a_manifest_error(tmp_path):
    folder = folder_with(tmp_path, {"a.txt": "Texte.", "manifest.csv": "file,title\na.txt," + "x" * 200_000 + "\n"})
    with pytest.raises(BadManifest, match="manifest.csv, line 2.*not valid CSV"):
        read_collection(folder)


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "0001-01-01"])
def test_publication_times_with_no_utc_equivalent_are_manifest_errors(tmp_path, published):
    folder = folder_with(tmp_path, {"a.txt": "Texte.", "manifest.csv": f"file,published\na.txt,{published}\n"})
    with pytest.raises(BadManifest) as err:
        read_collection(folder)
    assert (err.value.line, err.value.field) == (2, "published")


def test_an_unclosed_quote_in_a_manifest_row_does_not_swallow_the_next_row(tmp_path):
    folder = folder_with(tmp_path, {"a.txt": "Un.", "b.txt": "Deux.",
                                    "manifest.csv": 'file,title\na.txt,"Le titre\nb.txt,Autre titre\n'})
    with pytest.raises(BadManifest, match="line 2.*quotation mark"):
        read_collection(folder)
    folder = folder_with(tmp_path, {"manifest.csv": 'file,title\na.txt,"Le titre\nb.txt,Autre"\n'})
    with pytest.raises(BadManifest, match="line 3, field 'title'.*takes in the next row"):
        read_collection(folder)
    folder = folder_with(tmp_path, {"manifest.csv": 'file,source\na.txt,"Le Monde\nb.txt,Autre"\n'})
    with pytest.raises(BadManifest, match="field 'source'.*over several lines"):
        read_collection(folder)


def test_registry_latin1_folder_and_bom(tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[[entity]]\nid = "X1"\nname = "Hélène Roy"\nkind = "person"\n'.encode("latin-1"))
    with pytest.raises(BadRegistry, match="latin.toml.*not UTF-8"):
        Registry.load(latin)
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(BadRegistry, match="dir.toml.*folder"):
        Registry.load(tmp_path / "dir.toml")
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + '[[entity]]\nid = "X1"\nname = "Hélène Roy"\nkind = "person"\n'.encode())
    assert [e.name for e in Registry.load(bom).entities] == ["Hélène Roy"]


def test_reviews_file_that_is_a_folder_or_broken_csv(tmp_path):
    (tmp_path / "reviews.csv").mkdir()
    with pytest.raises(BadReviewFile, match="reviews.csv"):
        read_reviews(tmp_path)
    (tmp_path / "reviews.csv").rmdir()
    (tmp_path / "reviews.csv").write_text('discrepancy_id,verdict,note\nd1,confirmed,"ouvert\nd2,confirmed,x\n')
    with pytest.raises(BadReviewFile, match="line 2"):
        read_reviews(tmp_path)
    (tmp_path / "reviews.csv").write_text("discrepancy_id,verdict,note\nd1,confirmed,x,extra\n")
    with pytest.raises(BadReviewFile, match="line 2.*more values"):
        read_reviews(tmp_path)


def test_review_notes_are_written_so_that_spreadsheets_cannot_execute_them(tmp_path):
    record(tmp_path, "d1", "confirmed", note="=cmd|' /C calc'!A0", reviewer="@SUM(1+1)")
    record(tmp_path, "d2", "acceptable", note="-2+3", reviewer="+33 6")
    with open(tmp_path / "reviews.csv", newline="", encoding="utf-8") as f:
        cells = [cell for row in list(csv.reader(f))[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert read_reviews(tmp_path)["d1"].note == "'=cmd|' /C calc'!A0"  # the words are kept, made inert


def test_cli_never_shows_a_traceback(tmp_path, capsys, monkeypatch):
    folder = folder_with(tmp_path, {"a.txt": "Texte.", "manifest.csv": "file,published\na.txt,9999-12-31T23:59:59-12:00\n"})
    assert main(["build", str(folder), "--out", str(tmp_path / "t")]) == 2
    err = capsys.readouterr().err
    assert "manifest.csv, line 2, field 'published'" in err and "Traceback" not in err

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr("toolkit.pipeline.build", broken)
    assert main(["build", str(folder), "--out", str(tmp_path / "t")]) == 3
    err = capsys.readouterr().err
    assert "unexpected RuntimeError: something nobody foresaw" in err and "report" in err and "Traceback" not in err


@pytest.mark.slow  # imports Great Expectations
def test_docs_pointing_at_a_file_is_refused_before_validating(tmp_path, seed_build):
    (tmp_path / "docs").write_text("mine")
    with pytest.raises(ToolkitError, match="docs.*is a file"):
        toolkit.validate(seed_build, docs=tmp_path / "docs")
    assert (tmp_path / "docs").read_text() == "mine"


def test_review_with_an_unknown_verdict_fails_before_saying_anything(seed_copy, tmp_path, capsys):
    toolkit.build(seed_copy, progress=False)
    with pytest.raises(SystemExit):
        main(["review", str(seed_copy), "--set", "whatever", "bogus"])
    assert "replaces" not in capsys.readouterr().out


def test_malformed_language_data_stops_the_build_instead_of_finding_nothing(tmp_path, monkeypatch):
    import shutil

    import toolkit
    from toolkit.errors import BadLexicon
    from toolkit.extract import lexicon

    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA, data)
    (data / "fr" / "grammar.toml").write_text('titles = { "M." = "m",\n  "Mme" = "f" }\n', encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA", data)
    lexicon.load.cache_clear()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("« Nous tiendrons », a déclaré Paul Martin.\n", encoding="utf-8")
    try:
        with pytest.raises(BadLexicon, match="grammar.toml"):
            toolkit.build(folder, tmp_path / "out", jobs=1, cache=False)
    finally:
        lexicon.load.cache_clear()
    assert not (tmp_path / "out").exists()
