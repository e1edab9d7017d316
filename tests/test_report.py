"""Issue 13: the HTML report a journalist reads — one self-contained page, text escaped, checked in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import toolkit
from toolkit.cli.main import main
from toolkit.pipeline import build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# A quotation and a speaker name that would run script if the page pasted them in as HTML.
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '"><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def seed_report(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    toolkit.report(seed_build, out)
    return out


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    """Two outlets quote one man; one drops a negation. The quotation carries a script tag and the registry's name
    for him an attribute break-out."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(
        "Usine de Lyon : la direction confirme la fermeture\n\n"
        f"« Nous fermerons l'usine de Lyon {SCRIPT} à la fin du mois de mars », a déclaré Jean Dupont mardi.\n",
        encoding="utf-8")
    (folder / "b.txt").write_text(
        "Lyon : l'usine restera ouverte, selon son directeur\n\n"
        f"« Nous ne fermerons pas l'usine de Lyon {SCRIPT} à la fin du mois de mars », a déclaré Jean Dupont mardi.\n",
        encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,source,url,published,title,event\n"
        'a.txt,Le Quotidien <b>gras</b>,https://example.org/a?x="><script>alert(1)</script>,2024-03-12,Usine,usine-lyon\n'
        "b.txt,L'Hebdo,https://example.org/b,2024-03-12,Usine,usine-lyon\n", encoding="utf-8")
    name = f"Jean {IMG} Dupont".replace('"', '\\"')
    (folder / "registry.toml").write_text(
        f'[[entity]]\nid = "X-dupont"\nname = "{name}"\nkind = "person"\ngender = "m"\n'
        'aliases = ["Jean Dupont", "Dupont"]\n', encoding="utf-8")
    build(folder, folder / "tables", progress=False)
    out = folder / "report.html"
    toolkit.report(folder, out)
    return out


def test_the_report_is_one_page_that_needs_no_network(seed_report, seed_build):
    html = seed_report.read_text(encoding="utf-8")
    assert not re.search(r"<link\b|<script[^>]+src=|<img[^>]+src=\"?https?:|@import|url\(", html)
    for finding in toolkit.load_discrepancies(seed_build).discrepancy_id:
        assert f'id="f-{finding}"' in html


def test_article_text_and_names_are_escaped(hostile_report):
    html = hostile_report.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script>window.__pwned" not in html and "<img" not in html
    assert "Le Quotidien &lt;b&gt;gras&lt;/b&gt;" in html


def test_report_command_writes_the_file_it_names(seed_build, tmp_path, capsys):
    out = tmp_path / "r" / "seed.html"
    assert main(["report", str(seed_build), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out and out.stat().st_size > 0


def test_big_tables_are_capped_and_the_rest_counted(seed_build, tmp_path):
    from toolkit.report.model import Limits

    out = toolkit.report(seed_build, tmp_path / "r.html",
                         limits=Limits(findings=3, clusters_per_story=1, coverage_rows=2, witnesses_per_cluster=1))
    html = out.read_text(encoding="utf-8")
    n = len(toolkit.load_discrepancies(seed_build))
    assert html.count('<tbody class="finding"') == 3
    assert f"{n - 3} more findings are not listed" in html
    assert html.count('<div class="cluster"') == 1 and "more renderings in this cluster" in html
    # Every kind and severity keeps a place: 6 findings shown from tables whose most severe 6 are all high.
    out = toolkit.report(seed_build, tmp_path / "r6.html", limits=Limits(findings=6))
    severities = set(re.findall(r'data-severity="(\w+)"', out.read_text(encoding="utf-8")))
    assert severities == set(toolkit.load_discrepancies(seed_build).severity)


def test_stories_table_groups_articles_when_present(seed_build, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = tmp_path / "tables"
    shutil.copytree(seed_build, tables)
    ids = sorted(toolkit.load_articles(tables).article_id)
    pq.write_table(pa.table({"story_id": ["2023-09-13-kim"], "label": ["Kim chez Poutine"], "article_ids": [ids]}),
                   tables / "stories.parquet")
    html = toolkit.report(tables, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<h2>Kim chez Poutine</h2>" in html and 'data-sort-story="Kim chez Poutine"' in html


# ---- in a real browser -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def visible_findings(page) -> list[str]:
    return page.eval_on_selector_all("tbody.finding:not(.hidden)", "els => els.map(e => e.id.slice(2))")


@pytest.mark.slow
def test_the_seed_findings_are_listed(page, seed_report, seed_build):
    page.goto(seed_report.as_uri())
    findings = toolkit.load_discrepancies(seed_build)
    assert sorted(visible_findings(page)) == sorted(findings.discrepancy_id)
    # The relay mismatch the seed articles carry: Putin's agenda credited to Russian television and to TASS.
    row = page.locator("tbody.finding[data-kind='via_mismatch'] tr.row")
    assert "TASS" in row.inner_text() and "medium" in row.inner_text()


@pytest.mark.slow
def test_a_click_on_a_finding_shows_both_renderings(page, seed_report):
    page.goto(seed_report.as_uri())
    # 000 and BFMTV quote Putin « Nous avons le temps », 004 « Il est temps »: the opposite-words finding.
    finding = page.locator("tbody.finding[data-kind='wording_variant'][data-severity='high']",
                           has_text="Il est temps").first
    detail = finding.locator("tr.detail")
    assert not detail.is_visible()
    finding.locator("tr.row").click()
    assert detail.is_visible()
    sides = detail.locator(".side")
    texts = [sides.nth(i).inner_text() for i in range(sides.count())]
    assert any("Nous avons le temps" in t for t in texts) and any("Il est temps" in t for t in texts)
    assert detail.locator("mark.diff").count() > 0
    finding.locator("tr.row").click()
    assert not detail.is_visible()


@pytest.mark.slow
def test_filtering_by_severity_and_review_status(page, seed_report, seed_build):
    page.goto(seed_report.as_uri())
    findings = toolkit.load_discrepancies(seed_build)
    for severity in ("high", "medium", "low"):
        page.select_option("#filter-severity", severity)
        assert sorted(visible_findings(page)) == sorted(findings[findings.severity == severity].discrepancy_id)
        assert page.inner_text("#shown") == str((findings.severity == severity).sum())
    page.select_option("#filter-severity", "")
    page.select_option("#filter-status", "open")
    assert visible_findings(page) == []          # every seed finding has a verdict in the dataset's reviews.csv


@pytest.mark.slow
def test_sorting_by_kind_orders_the_rows(page, seed_report):
    page.goto(seed_report.as_uri())
    page.click("th[data-sort='kind']")
    kinds = page.eval_on_selector_all("tbody.finding", "els => els.map(e => e.dataset.kind)")
    assert kinds == sorted(kinds)


@pytest.mark.slow
def test_script_and_markup_in_articles_show_as_text(page, hostile_report):
    page.goto(hostile_report.as_uri())
    finding = page.locator("tbody.finding").first
    finding.locator("tr.row").click()
    detail = finding.locator("tr.detail").inner_text()
    assert SCRIPT in detail                                         # the quotation, as printed
    assert 'Jean "><img src=x onerror="window.__pwned=2"> Dupont' in detail   # the speaker, as registered
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert "Le Quotidien <b>gras</b>" in page.inner_text("body")


def test_word_differences_are_marked_word_by_word():
    from toolkit.report.diff import marks, marks_against_all

    assert [t for t, differs in marks("Nous ne fermerons pas l'usine", "Nous fermerons l'usine") if differs] == ["ne", "pas"]
    assert [t for t, differs in marks("Il est temps", "Nous avons le temps") if differs] == ["Il est"]
    # Against several renderings, a word is marked when at least half of them lack it.
    pieces = marks_against_all("Ils essaient de partir", ["Ils essaient de partir", "Il essaie de partir"])
    assert [t for t, differs in pieces if differs] == ["Ils essaient"]
    long_a, long_b = " ".join(["mot"] * 200) + " hausse", " ".join(["mot"] * 200) + " baisse"
    assert [t for t, differs in marks(long_a, long_b) if differs] == ["hausse"]   # long renderings: by their words
