"""Articles per second when reading each input format: Parquet, CSV and JSON Lines tables, saved HTML pages, a
WARC archive, and the same texts as a folder of .txt files (reading only: no extraction, no alignment).

The inputs are made from the real scraped articles of /work/shared/realfolder (or any folder of .txt given as the
first argument), cycled to the sizes asked, into bench/out/ingest/ (git-ignored); nothing is copied into the project.
The HTML pages wrap each text in a French regional outlet's layout (navigation, byline, share buttons, related
links, footer), so trafilatura has boilerplate to remove. Wall time and CPU time are both printed (on a shared
machine the CPU figure is the steadier one). Peak memory is the process's, inputs included.

With --compare-build N, the first N articles are also built (extract, resolve, align) from the .txt folder and from
the .html pages, and the two claims tables compared: the same claims, and those that differ only by the spaces and
soft hyphens trafilatura normalises.

Run: python bench/bench_ingest.py [TXT_FOLDER] [--rows 10000] [--pages 1000] [--compare-build 250]
"""

from __future__ import annotations

import argparse
import html
import io
import json
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "ingest"
REALFOLDER = Path("/work/shared/realfolder/articles")


def texts_from(folder: Path) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def page(title: str, paragraphs: list[str], n: int) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)} - L'Écho du soir</title>
<meta property="og:site_name" content="L'Écho du soir"><meta property="article:published_time" content="2019-01-{n % 28 + 1:02d}T08:30:00+01:00">
<link rel="canonical" href="https://www.echo-du-soir.example/actualite/article-{n}.html"></head><body>
<header><a href="/">L'Écho du soir</a><nav><ul><li><a href="/france">France</a></li><li><a href="/monde">Monde</a></li>
<li><a href="/economie">Économie</a></li><li><a href="/abonnement">S'abonner</a></li></ul></nav></header>
<main><article><h1>{html.escape(title)}</h1><div class="meta">Par la rédaction · Publié le {n % 28 + 1} janvier 2019</div>
<div class="share"><a href="#">Partager</a> <a href="#">Tweeter</a></div><div class="body">{body}</div></article>
<aside><h2>À lire aussi</h2><ul><li><a href="/a/{n + 1}">Un autre titre de la rubrique</a></li></ul></aside></main>
<footer><p>© L'Écho du soir 2019. Tous droits réservés.</p><a href="/cgu">CGU</a></footer></body></html>"""


def split(text: str) -> tuple[str, list[str]]:
    blocks = [b.strip() for b in text.split("\n") if b.strip()]
    return (blocks[0], blocks[1:]) if len(blocks) > 1 else ("Sans titre", blocks)


def make_inputs(source: list[tuple[str, str]], rows: int, pages: int) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    records = [{"id": f"a{i:06d}", "text": source[i % len(source)][1], "source": f"outlet-{i % 7}",
                "published": "2019-01-15", "title": split(source[i % len(source)][1])[0]} for i in range(rows)]
    table = pa.Table.from_pylist(records)
    pq.write_table(table, OUT / "articles.parquet", row_group_size=1000)
    pcsv.write_csv(table, OUT / "articles.csv")
    (OUT / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for folder in ("txt", "html"):
        (OUT / folder).mkdir()
    with open(OUT / "pages.warc.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(pages):
            text = source[i % len(source)][1]
            (OUT / "txt" / f"p{i:05d}.txt").write_text(text, encoding="utf-8")
            markup = page(*split(text), i)
            (OUT / "html" / f"p{i:05d}.html").write_text(markup, encoding="utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://www.echo-du-soir.example/actualite/article-{i}.html",
                                                          "response", payload=io.BytesIO(markup.encode("utf-8")),
                                                          http_headers=http))
    return {"parquet": OUT / "articles.parquet", "csv": OUT / "articles.csv", "jsonl": OUT / "articles.jsonl",
            "txt folder": OUT / "txt", "html folder": OUT / "html", "warc.gz": OUT / "pages.warc.gz"}


def _blocks(text: str) -> list[str]:
    return [" ".join(b.split()) for b in text.split("\n") if b.strip()]


def _number(article) -> int:
    return int(article.url.rsplit("-", 1)[1].removesuffix(".html"))


def compare_builds(txt: Path, pages: Path, n: int) -> None:
    import re

    import toolkit
    from toolkit.pipeline import build

    columns = ["article_id", "claim_type", "speaker", "wording", "char_start", "char_end"]
    claims = {}
    for name, folder in (("txt", txt), ("html", pages)):
        subset = OUT / f"build-{name}"
        shutil.rmtree(subset, ignore_errors=True)
        subset.mkdir()
        for path in sorted(folder.iterdir())[:n]:
            shutil.copy(path, subset / path.name)
        started = time.perf_counter()
        build(subset, progress=False)
        table = toolkit.load_claims(subset / "tables", columns=columns)
        print(f"build of {n} {name} articles: {len(table):,} claims in {time.perf_counter() - started:.1f} s")
        claims[name] = [tuple(row) for row in table.itertuples(index=False)]

    def spaces_aside(row):
        """Article, type, speaker and wording (offsets left out: a dropped soft hyphen shifts them)."""
        return (*row[:3], re.sub(r"[\s\u00a0\u2009\u200a\u202f]+", " ", row[3].replace("\u00ad", "")))

    same = sum(1 for a, b in zip(claims["txt"], claims["html"]) if a == b)
    alike = sum(1 for a, b in zip(claims["txt"], claims["html"]) if spaces_aside(a) == spaces_aside(b))
    print(f"claims identical row for row: {same:,} of {len(claims['txt']):,}; identical with spaces and soft hyphens "
          f"set aside (and the offsets they shift): {alike:,} (html build: {len(claims['html']):,} claims)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(REALFOLDER))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--compare-build", type=int, default=0, metavar="N")
    args = parser.parse_args()
    source = texts_from(Path(args.folder))
    if not source:
        sys.exit(f"{args.folder}: no .txt articles to make the inputs from")
    inputs = make_inputs(source, args.rows, args.pages)
    from toolkit.ingest.inputs import read_input

    print(f"inputs made from {len(source)} articles of {args.folder} into {OUT}")
    pages = []
    print(f"{'input':12} {'articles':>8} {'MiB':>7} {'seconds':>8} {'articles/s':>10} {'cpu s':>8} {'per cpu s':>10}")
    for name, path in inputs.items():
        size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
        started, cpu = time.perf_counter(), time.process_time()
        articles = read_input(path).articles
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        n = len(articles)
        print(f"{name:12} {n:8,} {size / 2**20:7.1f} {seconds:8.2f} {n / seconds:10,.0f} {cpu:8.2f} {n / cpu:10,.0f}")
        if name in ("html folder", "warc.gz"):
            pages.append((name, articles))
    # How much of each page's text trafilatura gives back: the article as the .txt had it, blocks and words.
    from toolkit.ingest.language import ingest_data
    from toolkit.ingest.webpages import _related_link

    openers = ingest_data("fr").related_link_openers
    for name, articles in pages:
        exact = without_links = 0
        for i, article in enumerate(articles if name == "html folder" else sorted(articles, key=_number)):
            original = _blocks(source[i % len(source)][1])
            exact += _blocks(article.text) == original
            without_links += _blocks(article.text) == [b for b in original if not _related_link(b, openers)]
        print(f"{name}: {exact} of {len(articles)} texts exactly the .txt (paragraph by paragraph, spaces aside); "
              f"{without_links} the .txt without its « Lire aussi » lines")
    if args.compare_build:
        compare_builds(inputs["txt folder"], inputs["html folder"], args.compare_build)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the whole run: {peak:.0f} MiB (Python {sys.version.split()[0]}, one process)")


if __name__ == "__main__":
    main()
