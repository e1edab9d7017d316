"""Issue 13: a build's summary fits on one screen whatever the size of the folder; progress bars only when wanted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from toolkit.align.discrepancies import Finding
from toolkit.cli.main import main
from toolkit.pipeline import AlignmentSummary, BuildResult, build
from toolkit.report.summary import build_summary


def big_result() -> BuildResult:
    """2,000 articles from 400 outlets: 500 with an unclosed quotation, 300 unknown speakers, a finding that every
    outlet carries."""
    ids = [f"a{i:04d}" for i in range(2000)]
    counts = Counter({(a, "direct"): i % 7 for i, a in enumerate(ids) if i % 7})
    problems = {a: [f"quotation opened at offset {i} is not closed before the end of its paragraph"]
                for i, a in enumerate(ids[:500])}
    problems["a1999"] = ["no language data for 'de': the article is kept but no claim is extracted"]
    unknown = Counter({f"Porte-parole numéro {i}": 1 + i % 3 for i in range(300)})
    wide = Finding("via_mismatch", "medium", "via", "e", "k1", [f"c{i}" for i in range(400)], ids[:400],
                   [f"Outlet {i}" for i in range(400)], ["mêmes mots"] * 400, ["AFP"] * 200 + ["Reuters"] * 200,
                   explanation="The same words are credited to different intermediaries: " + ", ".join(ids[:400]))
    alignment = AlignmentSummary(9000, 1200, Counter({("via_mismatch", "medium"): 1}), [wide], 40)
    return BuildResult(Path("in"), Path("out"), len(ids), counts, unknown, 61.5, problems, alignment)


def test_the_summary_of_two_thousand_articles_fits_on_one_screen():
    text = build_summary(big_result())
    lines = text.splitlines()
    assert len(lines) <= 40 and max(map(len, lines)) <= 300, text
    assert "2000 articles" in lines[1]
    assert "500 article(s)" in text and "no language data for 'de'" in text     # problems grouped and counted
    assert "and 292 more" in text                                            # registry candidates: the top 8
    assert "build.json" in lines[-1]



def test_build_json_holds_the_detail_the_summary_leaves_out(seed_copy, tmp_path):
    (seed_copy / "004_413218db27dc4896.txt").write_text("« Rien n'est fermé, a dit Paul.\n", encoding="utf-8")
    result = build(seed_copy, tmp_path / "t", progress=False)
    info = json.loads((tmp_path / "t" / "build.json").read_text(encoding="utf-8"))
    assert info["problems"] == result.problems and "004_413218db27dc4896" in info["problems"]
    assert info["unknown_speakers"] == dict(result.unknown_speakers)
    lines = build_summary(result).splitlines()
    assert sum(line.strip().startswith(tuple(p.stem for p in seed_copy.glob("*.txt"))) for line in lines) >= 5


def test_progress_bars_on_stderr_only_when_wanted(seed_copy, tmp_path, capsys):
    build(seed_copy, tmp_path / "a", progress=True)
    err = capsys.readouterr().err
    assert "extract" in err and "align" in err and "write" in err
    build(seed_copy, tmp_path / "b", progress=False)
    assert capsys.readouterr().err == ""
    assert main(["build", str(seed_copy), "--out", str(tmp_path / "c"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")            # under pytest stderr is no terminal, and --quiet says nothing
