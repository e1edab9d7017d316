"""Articles as users hold them (issue 15): saved web pages, web archives and tables of articles build the same claims
as the same articles in a folder of .txt files; their metadata lands in the articles table; bad files are named."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit.cli.main import main
from toolkit.errors import BadArchive, BadArticle, BadTable
from toolkit.ingest.inputs import read_input
from toolkit.pipeline import build

pytestmark = pytest.mark.issue(15)

# Two fictional outlets report one fictional strike. The .txt form of an article is its headline, a blank line and
# its paragraphs separated by blank lines, as scraped articles are saved.
ARTICLES = {
    "courrier-greve": {
        "site": "Le Courrier de l'Ain", "host": "www.courrier-ain.fr",
        "url": "https://www.courrier-ain.fr/social/greve-usine-marlin-1234.html",
        "published": "2024-03-12T08:30:00+01:00", "utc": datetime(2024, 3, 12, 7, 30, tzinfo=timezone.utc),
        "title": "Grève à l'usine Marlin : le préfet appelle au calme",
        "paragraphs": [
            "Les salariés de l'usine Marlin, à Oyonnax, ont cessé le travail mardi matin pour la deuxième fois en une semaine.",
            "« Nous ne reprendrons pas le travail tant que la direction refusera de nous recevoir », a déclaré Sophie "
            "Garnier, déléguée syndicale, devant les grilles de l'usine.",
            "Le préfet de l'Ain, Paul Martin, a appelé au calme. Il a estimé que « le dialogue doit reprendre au plus vite ».",
            "Selon la direction, plus de 120 salariés sur 300 étaient en grève mardi.",
        ],
    },
    "progres-greve": {
        "site": "Le Progrès du Haut-Bugey", "host": "www.progres-bugey.fr",
        "url": "https://www.progres-bugey.fr/economie/2024/03/12/oyonnax-nouvelle-greve-chez-marlin",
        "published": "2024-03-12T11:05:00+01:00", "utc": datetime(2024, 3, 12, 10, 5, tzinfo=timezone.utc),
        "title": "Oyonnax : nouvelle grève chez Marlin",
        "paragraphs": [
            "Nouvel arrêt de travail mardi à l'usine Marlin d'Oyonnax.",
            "« Nous ne reprendrons pas le travail tant que la direction refusera de nous entendre », a affirmé la "
            "déléguée syndicale Sophie Garnier.",
            "La direction a indiqué qu'elle proposerait une rencontre aux syndicats la semaine prochaine.",
            "Environ 150 salariés sur 300 ont suivi le mouvement, d'après les syndicats.",
        ],
    },
}


def txt(article: dict) -> str:
    return article["title"] + "\n\n" + "\n\n".join(article["paragraphs"])


def html_page(article: dict, *, body: bool = True) -> str:
    """A page laid out like a French regional outlet's: navigation, byline, share buttons, related links, footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in article["paragraphs"])
    main_part = f"""<main><article class="article"><h1 class="article__title">{article['title']}</h1>
<div class="article__meta">Par <span class="author">Claire Dumas</span> · Publié le 12 mars 2024</div>
<div class="share"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a></div>
<div class="article__body">
{paragraphs}
</div></article>
<aside class="related"><h2>À lire aussi</h2><ul><li><a href="/a/1">Oyonnax : le marché de Noël déménage</a></li>
<li><a href="/a/2">Bourg-en-Bresse : un nouveau parking en centre-ville</a></li></ul></aside></main>"""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{article['title']} - {article['site']}</title>
<meta property="og:site_name" content="{article['site']}"><meta property="og:title" content="{article['title']}">
<meta property="article:published_time" content="{article['published']}"><link rel="canonical" href="{article['url']}">
</head><body><header class="site-header"><a class="logo" href="/">{article['site']}</a><nav><ul>
<li><a href="/actualite">Actualité</a></li><li><a href="/sport">Sport</a></li><li><a href="/abonnement">S'abonner</a></li>
</ul></nav></header>
{main_part if body else ''}
<footer><p>© {article['site']} 2024. Tous droits réservés.</p><a href="/mentions-legales">Mentions légales</a></footer>
</body></html>"""


def rows() -> list[dict]:
    """The articles as a user's table holds them, with column names of the user's choosing."""
    return [{"ref": key, "corps": txt(a), "lien": a["url"], "journal": a["site"], "quand": a["published"],
             "titre": a["title"]} for key, a in ARTICLES.items()]


USER_COLUMNS = {"text": "corps", "id": "ref", "url": "lien", "source": "journal", "published": "quand", "title": "titre"}
CLAIM_COLUMNS = ["claim_id", "article_id", "claim_type", "speaker", "cue", "wording", "char_start", "char_end"]


def write_txt_folder(folder):
    folder.mkdir()
    for key, article in ARTICLES.items():
        (folder / f"{key}.txt").write_text(txt(article), encoding="utf-8")
    return folder


def write_warc(path, *, extra_records: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))

        def response(url, payload: bytes, status="200 OK", content_type="text/html; charset=utf-8"):
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2024-03-13T06:00:00Z"}))

        for article in ARTICLES.values():
            if extra_records:   # a crawl also holds redirects and images: not articles
                response(article["url"].replace("https://", "http://"), b"", status="301 Moved Permanently")
                response(f"https://{article['host']}/logo.png", b"\x89PNG\r\n", content_type="image/png")
            response(article["url"], html_page(article).encode("utf-8"))


def claims_of(out, columns=CLAIM_COLUMNS) -> list[tuple]:
    return [tuple(r) for r in toolkit.load_claims(out, columns=columns).itertuples(index=False)]


@pytest.fixture(scope="module")
def txt_build(tmp_path_factory):
    folder = write_txt_folder(tmp_path_factory.mktemp("txt") / "greve")
    build(folder, progress=False)
    out = folder / "tables"
    assert len(claims_of(out)) >= 6          # two quotations, reported speech and counts: something to compare
    return out


def test_html_pages_give_the_claims_of_the_txt_folder_and_their_metadata(txt_build, tmp_path):
    folder = tmp_path / "greve"
    folder.mkdir()
    for key, article in ARTICLES.items():
        (folder / f"{key}.html").write_text(html_page(article), encoding="utf-8")
    build(folder, progress=False)
    assert claims_of(folder / "tables") == claims_of(txt_build)
    articles = toolkit.load_articles(folder / "tables").set_index("article_id")
    for key, article in ARTICLES.items():
        row = articles.loc[key]
        assert row.text == txt(article)                 # the byline, share buttons, related links and footer are gone
        assert (row.source, row.url, row.title) == (article["site"], article["url"], article["title"])
        assert row.published == article["utc"]
        assert list(row.problems) == []


def test_the_manifest_overrides_what_a_page_says(tmp_path):
    article = ARTICLES["courrier-greve"]
    (tmp_path / "page.html").write_text(html_page(article), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,source,published\npage.html,Le Courrier (édition de Bourg),2024-03-11\n",
                                           encoding="utf-8")
    (page,) = read_input(tmp_path).articles
    assert (page.source, page.published.isoformat()) == ("Le Courrier (édition de Bourg)", "2024-03-11T00:00:00+00:00")
    assert (page.url, page.title) == (article["url"], article["title"])


def write_table(path, fmt: str, records: list[dict]) -> None:
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    elif fmt == "csv":
        pcsv.write_csv(pa.Table.from_pylist(records), path)
    else:
        pq.write_table(pa.Table.from_pylist(records), path, row_group_size=1)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_table_of_articles_gives_the_claims_of_the_txt_folder_and_its_metadata(txt_build, tmp_path, fmt):
    table = tmp_path / f"articles.{fmt}"
    write_table(table, fmt, rows())
    result = build(table, columns=USER_COLUMNS, progress=False)
    assert result.out_dir == tmp_path / "articles-tables"
    assert claims_of(result.out_dir) == claims_of(txt_build)
    articles = toolkit.load_articles(result.out_dir).set_index("article_id")
    story = _stories(result.out_dir)
    for key, article in ARTICLES.items():
        row = articles.loc[key]
        # no event column: each article's event is the story found for it (stories.parquet)
        assert (row.source, row.url, row.title, row.event) == (article["site"], article["url"], article["title"], story[key])
        assert row.published == article["utc"]


def test_common_column_names_need_no_options_and_ids_default_to_row_numbers(tmp_path):
    table = tmp_path / "export.parquet"
    write_table(table, "parquet", [{"content": txt(a), "outlet": a["site"], "date": "2024-03-12", "language": "FR"}
                                   for a in ARTICLES.values()])
    articles = read_input(table).articles
    assert [a.article_id for a in articles] == ["export-000001", "export-000002"]
    assert [a.source for a in articles] == [a["site"] for a in ARTICLES.values()]
    assert {a.published.isoformat() for a in articles} == {"2024-03-12T00:00:00+00:00"}
    assert {a.language for a in articles} == {"fr"}


def test_a_table_of_saved_pages_is_read_like_html_files(tmp_path):
    table = tmp_path / "pages.jsonl"
    write_table(table, "jsonl", [{"id": key, "html": html_page(a)} for key, a in ARTICLES.items()])
    articles = {a.article_id: a for a in read_input(table).articles}
    assert articles["progres-greve"].text == txt(ARTICLES["progres-greve"])
    assert articles["progres-greve"].source == "Le Progrès du Haut-Bugey"


def test_a_big_table_streams_through_in_batches(tmp_path):
    table = tmp_path / "big.parquet"
    texts = [f"Article numéro {n}." for n in range(2500)]
    pq.write_table(pa.table({"id": [f"a{n}" for n in range(2500)], "text": texts, "unused": ["x" * 100] * 2500}),
                   table, row_group_size=300)
    articles = read_input(table).articles
    assert [a.text for a in articles] == texts


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_web_archive_gives_the_claims_of_the_txt_folder_with_the_records_metadata(txt_build, tmp_path, name):
    archive = tmp_path / name
    write_warc(archive)
    result = build(archive, progress=False)
    articles = toolkit.load_articles(result.out_dir).set_index("url")
    assert sorted(articles.index) == sorted(a["url"] for a in ARTICLES.values())   # redirects and images are no articles
    story = _stories(result.out_dir)
    for article in ARTICLES.values():
        row = articles.loc[article["url"]]
        # an archive names no event: each page's event is the story found for it (stories.parquet)
        assert (row.text, row.source, row.title, row.event) == (txt(article), article["site"], article["title"], story[row.article_id])
        assert row.published == article["utc"]       # the page's own date, not the capture date
        assert row.article_id.startswith(article["host"].removeprefix("www.") + "-")
    by_url = dict(zip(articles["article_id"], articles.index))
    key_by_url = {a["url"]: key for key, a in ARTICLES.items()}
    columns = ["article_id", "claim_type", "speaker", "cue", "wording", "char_start", "char_end"]
    renamed = sorted((key_by_url[by_url[c[0]]], *c[1:]) for c in claims_of(result.out_dir, columns))
    assert renamed == sorted(claims_of(txt_build, columns))


def test_an_archive_page_without_a_date_takes_the_capture_date_and_says_so(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    article = ARTICLES["courrier-greve"]
    page = (html_page(article).replace(f'<meta property="article:published_time" content="{article["published"]}">', "")
            .replace(" · Publié le 12 mars 2024", ""))
    archive = tmp_path / "one.warc"
    with open(archive, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for _ in range(2):   # the same URL captured twice is one article
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(ARTICLES["courrier-greve"]["url"], "response",
                                                          payload=io.BytesIO(page.encode()), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2024-03-13T06:00:00Z"}))
    (article,) = read_input(archive).articles
    assert article.published == datetime(2024, 3, 13, 6, 0, tzinfo=timezone.utc)
    assert article.problems == ["published: the archive's capture date (the page gives no date)",
                                "captured again in record 2; only the first capture is read"]


# Bad input: a clear error naming the file, exit code 2 from the command line, and the previous tables intact.

def previous_tables(tmp_path):
    out = tmp_path / "tables"
    build(write_txt_folder(tmp_path / "before"), out, progress=False)
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def assert_intact(out, before):
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_truncated_archive_is_named_and_the_previous_tables_survive(tmp_path, capsys):
    out, before = previous_tables(tmp_path)
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, extra_records=False)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 200])
    assert main(["build", str(archive), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "crawl.warc.gz" in error and "truncated or corrupt" in error and "Traceback" not in error
    assert_intact(out, before)
    ingested = read_input(archive, skip_bad=True)
    assert [a.url for a in ingested.articles] == [ARTICLES["courrier-greve"]["url"]]    # the complete record is kept
    assert isinstance(ingested.skipped[0], BadArchive)


def test_an_archive_cut_inside_a_record_is_named(tmp_path):
    archive = tmp_path / "crawl.warc"
    write_warc(archive, extra_records=False)
    archive.write_bytes(archive.read_bytes()[:-300])
    with pytest.raises(BadArchive, match="truncated inside record 2"):
        read_input(archive)


def test_a_page_without_body_stops_the_build_or_is_skipped(tmp_path, capsys):
    out, before = previous_tables(tmp_path)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "vide.html").write_text(html_page(ARTICLES["courrier-greve"], body=False), encoding="utf-8")
    (folder / "pleine.html").write_text(html_page(ARTICLES["progres-greve"]), encoding="utf-8")
    assert main(["build", str(folder), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "vide.html" in error and "no article text found" in error
    assert_intact(out, before)
    assert main(["build", str(folder), "--out", str(out), "--skip-bad", "--quiet"]) == 0
    assert "Skipped:" in capsys.readouterr().err
    assert list(toolkit.load_articles(out)["article_id"]) == ["pleine"]
    (folder / "tete.html").write_text("<html><head><title>Titre seul</title></head></html>", encoding="utf-8")
    assert main(["build", str(folder), "--out", str(out), "--skip-bad", "--quiet"]) == 0
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert len(info["skipped"]) == 2 and "tete.html" in info["skipped"][0] and "vide.html" in info["skipped"][1]


def test_a_table_without_the_text_column_is_named_with_the_columns_it_has(tmp_path, capsys):
    out, before = previous_tables(tmp_path)
    table = tmp_path / "articles.csv"
    write_table(table, "csv", rows())
    assert main(["build", str(table), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "articles.csv" in error and "no text column" in error and "corps" in error and "--text-column" in error
    assert_intact(out, before)
    with pytest.raises(BadTable, match="no column 'texte'"):
        read_input(table, columns={"text": "texte"})
    assert main(["build", str(table), "--out", str(out), "--text-column", "corps", "--id-column", "ref", "--quiet"]) == 0
    assert sorted(toolkit.load_articles(out)["article_id"]) == sorted(ARTICLES)


def test_a_bad_row_is_named_by_file_and_line(tmp_path):
    table = tmp_path / "articles.jsonl"
    table.write_text(json.dumps({"id": "a", "text": "Texte."}) + "\n" + json.dumps({"id": "b", "text": " "}) + "\n"
                     + json.dumps({"id": "c", "text": "Texte.", "published": "12/03/2024"}) + "\n", encoding="utf-8")
    with pytest.raises(BadArticle) as err:
        read_input(table)
    assert (err.value.line, err.value.field) == (2, "text") and "articles.jsonl" in str(err.value)
    ingested = read_input(table, skip_bad=True)
    assert [a.article_id for a in ingested.articles] == ["a"]
    assert [(e.line, e.field) for e in ingested.skipped] == [(2, "text"), (3, "published")]


def test_a_cp1252_article_builds_and_its_decoding_is_recorded(txt_build, tmp_path):
    folder = tmp_path / "greve"
    folder.mkdir()
    for key, article in ARTICLES.items():
        (folder / f"{key}.txt").write_bytes(txt(article).encode("cp1252"))
    build(folder, progress=False)
    assert claims_of(folder / "tables") == claims_of(txt_build)
    problems = toolkit.load_articles(folder / "tables").set_index("article_id")["problems"]
    assert {tuple(p) for p in problems} == {("not UTF-8: decoded as cp1252 (detected by charset-normalizer, 100% clean)",)}


def test_the_same_id_twice_is_refused(tmp_path):
    article = ARTICLES["courrier-greve"]
    (tmp_path / "greve.txt").write_text(txt(article), encoding="utf-8")
    (tmp_path / "greve.html").write_text(html_page(article), encoding="utf-8")
    with pytest.raises(BadArticle, match="article id 'greve' is also the id"):
        read_input(tmp_path)


def test_build_help_names_every_format(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in (".txt", ".html", ".warc", ".warc.gz", ".jsonl", ".csv", ".parquet", "--text-column", "--skip-bad"):
        assert words in text


@pytest.mark.slow
def test_tables_built_from_a_file_validate_with_the_registry_beside_it(tmp_path):
    from toolkit.validate import validate

    (tmp_path / "registry.toml").write_text('[[entity]]\nid = "X-garnier"\nname = "Sophie Garnier"\nkind = "person"\n'
                                            'gender = "f"\nroles = ["déléguée syndicale"]\n', encoding="utf-8")
    table = tmp_path / "articles.parquet"
    write_table(table, "parquet", rows())
    result = build(table, columns=USER_COLUMNS, progress=False)
    assert "X-garnier" in set(toolkit.load_claims(result.out_dir)["speaker_id"].dropna())
    report = validate(result.out_dir, suite="integrity_claims")
    assert report.success, report.text()


def test_reviews_can_be_recorded_for_a_folder_of_web_pages(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    for key, article in ARTICLES.items():
        (folder / f"{key}.html").write_text(html_page(article), encoding="utf-8")
    build(folder, progress=False)
    findings = toolkit.load_discrepancies(folder / "tables")
    assert list(findings["kind"]) == ["wording_variant"]           # « nous recevoir » / « nous entendre »
    assert main(["review", str(folder), "--set", findings["discrepancy_id"][0], "confirmed"]) == 0
    assert (folder / "reviews.csv").exists()


def test_a_page_in_the_charset_it_declares_is_read_in_it(tmp_path):
    article = ARTICLES["courrier-greve"]
    page = html_page(article).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    (read,) = read_input(tmp_path).articles
    assert read.text == txt(article)
    assert read.problems == ["not UTF-8: decoded as cp1252, the charset the document declares"]


def test_a_csv_saved_by_a_spreadsheet_with_a_bom_and_crlf_reads(tmp_path):
    table = tmp_path / "export.csv"
    table.write_bytes("\ufefftext,source\r\n\"Première ligne.\r\nDeuxième ligne.\",Le Journal\r\n".encode("utf-8"))
    (article,) = read_input(table).articles
    assert (article.text, article.source, article.article_id) == ("Première ligne.\nDeuxième ligne.", "Le Journal", "export-000001")


def test_a_csv_that_is_not_utf8_is_named(tmp_path):
    table = tmp_path / "export.csv"
    table.write_bytes("text\nPremière ligne.\n".encode("cp1252"))
    with pytest.raises(BadTable, match="export.csv.*UTF-8"):
        read_input(table)


def test_a_folder_holding_only_a_table_says_to_give_the_table(tmp_path):
    from toolkit.errors import NoArticles

    write_table(tmp_path / "articles.parquet", "parquet", rows())
    with pytest.raises(NoArticles, match=r"a table of articles \(articles.parquet\) — give the table itself"):
        read_input(tmp_path)


def test_a_standfirst_set_apart_from_the_body_is_kept_and_related_links_are_not(txt_build, tmp_path):
    """Outlets put the chapô outside the article body and « Lire aussi » links among its paragraphs; the text is
    then the .txt article: headline, chapô, paragraphs."""
    article = dict(ARTICLES["courrier-greve"])
    chapo = "Le préfet a reçu les syndicats mardi soir, qui dénoncent « un mépris total » de la direction."
    page = html_page(article).replace(
        '<div class="article__meta">', f'<p class="article__chapo">{chapo}</p>\n<div class="article__meta">').replace(
        f"<p>{article['paragraphs'][1]}</p>",
        f"<p>{article['paragraphs'][1]}</p>\n<p>Lire aussi : <a href=\"/a/3\">Oyonnax : « Nous irons jusqu'au bout », "
        "préviennent les salariés</a></p>")
    page = page.replace("<main>", '<div class="site-description">Toute l\'actualité de l\'Ain et du Haut-Bugey</div><main>')
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (read,) = read_input(tmp_path).articles
    assert read.text == "\n\n".join([article["title"], chapo, *article["paragraphs"]])


def _stories(tables) -> dict[str, str]:
    """article_id -> story_id, from the stories table."""
    stories = pq.read_table(tables / "stories.parquet", columns=["story_id", "article_ids"]).to_pylist()
    return {a: s["story_id"] for s in stories for a in s["article_ids"]}
