"""Issue 5: the committed tables must be what their inputs build to."""

from __future__ import annotations

from toolkit.pipeline import build
from toolkit.cli.main import main


def test_fresh_build_matches_and_an_edited_article_does_not(seed_copy, capsys):
    build(seed_copy, progress=False)
    assert main(["validate", str(seed_copy), "--check-build"]) == 0
    article = seed_copy / "003_67d2f7bd1d453721.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n« Une phrase ajoutée », a dit M. Kim.\n", encoding="utf-8")
    assert main(["validate", str(seed_copy), "--check-build"]) == 1
    out = capsys.readouterr().out
    assert "differs from a fresh build" in out and "claims:" in out and "articles:" in out


def test_the_bundled_dataset_is_committed_as_built(capsys):
    assert main(["validate", "--check-build"]) == 0, capsys.readouterr().out
