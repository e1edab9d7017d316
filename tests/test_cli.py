"""The `claims` command through its library calls: exit codes, messages that name the file, results read back."""

from __future__ import annotations

import subprocess
import sys

import toolkit
from toolkit.cli.main import main


def test_build_then_load_what_it_wrote(seed_copy, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["build", str(seed_copy), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "5 articles" in printed and "direct" in printed
    claims = toolkit.load_claims(out, columns=["article_id", "claim_type"])
    assert set(claims.article_id) == {p.stem for p in seed_copy.glob("*.txt")}


def test_bad_manifest_exits_2_and_names_file_line_and_field(seed_copy, tmp_path, capsys):
    (seed_copy / "manifest.csv").write_text("file,published\n000_228e09c1b8d5bd34.txt,mercredi\n", encoding="utf-8")
    assert main(["build", str(seed_copy), "--out", str(tmp_path / "t")]) == 2
    err = capsys.readouterr().err
    assert "manifest.csv, line 2, field 'published'" in err
    assert not (tmp_path / "t").exists()


def test_bad_registry_exits_2_and_names_the_file(seed_copy, tmp_path, capsys):
    bad = tmp_path / "extra.toml"
    bad.write_text("[[entity]]\nid = 'x'\nname = 'X'\nkind = 'planet'\n", encoding="utf-8")
    assert main(["build", str(seed_copy), "--out", str(tmp_path / "t"), "--registry", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "extra.toml" in err and "kind" in err


def test_registry_given_on_the_command_line_canonicalises_a_new_speaker(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text("« Nous irons jusqu'au bout », a déclaré Jeanne Roux.", encoding="utf-8")
    extra = tmp_path / "people.toml"
    extra.write_text('[[entity]]\nid = "X-roux"\nname = "Jeanne Roux-Martin"\nkind = "person"\ngender = "f"\n'
                     'aliases = ["Jeanne Roux"]\n', encoding="utf-8")
    assert main(["build", str(folder), "--out", str(tmp_path / "t"), "--registry", str(extra), "--quiet"]) == 0
    claims = toolkit.load_claims(tmp_path / "t")
    assert list(claims.speaker) == ["Jeanne Roux-Martin"] and list(claims.speaker_id) == ["X-roux"]


def test_python_dash_m_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "build" in done.stdout and "validate" in done.stdout


def test_empty_alias_in_a_registry_is_refused(seed_copy, tmp_path, capsys):
    bad = tmp_path / "extra.toml"
    bad.write_text('[[entity]]\nid = "x"\nname = "X"\nkind = "person"\naliases = [""]\n', encoding="utf-8")
    assert main(["build", str(seed_copy), "--out", str(tmp_path / "t"), "--registry", str(bad)]) == 2
    assert "aliases" in capsys.readouterr().err


def test_a_verdict_set_on_tables_built_elsewhere_lands_beside_the_articles(seed_copy, tmp_path, capsys):
    out = tmp_path / "elsewhere" / "tables"
    assert main(["build", str(seed_copy), "--out", str(out), "--quiet"]) == 0
    finding = toolkit.load_discrepancies(out).discrepancy_id.iloc[0]
    assert main(["review", str(out), "--set", finding, "false_alarm"]) == 0
    assert str(seed_copy / "reviews.csv") in capsys.readouterr().out
    assert f"{finding},false_alarm" in (seed_copy / "reviews.csv").read_text(encoding="utf-8")
    assert not (out / "reviews.csv").exists()


def test_build_with_jobs_reuses_the_cache_and_says_so(seed_copy, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["build", str(seed_copy), "--out", str(out), "--jobs", "2"]) == 0
    first = toolkit.load_claims(out)
    article = sorted(seed_copy.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n« Nous verrons », a dit Paul Martin.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(seed_copy), "--out", str(out), "--jobs", "2"]) == 0
    assert ("incremental: extracted 1 of 5 articles, resolved the speakers of 1 and aligned 1 of 1 events"
            in capsys.readouterr().out)
    assert main(["build", str(seed_copy), "--out", str(tmp_path / "plain"), "--jobs", "1", "--no-cache"]) == 0
    assert not (tmp_path / "plain.cache").exists()
    again, plain = toolkit.load_claims(out), toolkit.load_claims(tmp_path / "plain")
    assert again.equals(plain) and len(again) == len(first) + 1


def test_bad_jobs_and_a_scheduler_without_dask_are_refused(seed_copy, tmp_path, capsys):
    for args in (["--jobs", "0"], ["--jobs", "two"], ["--scheduler", "tcp://127.0.0.1:8786"]):
        try:
            main(["build", str(seed_copy), "--out", str(tmp_path / "t"), *args])
        except SystemExit as exit:
            assert exit.code == 2
        else:
            raise AssertionError(f"{args} accepted")
    err = capsys.readouterr().err
    assert "--jobs" in err and "--scheduler needs --engine dask" in err
    assert not (tmp_path / "t").exists()
