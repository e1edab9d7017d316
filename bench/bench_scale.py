"""How extraction cost grows with article size, and a build with the number of files.

Prints, for one synthetic single-paragraph article of 10 KB, 100 KB and 1 MB, the extraction time and the time per
KB (linear cost keeps it flat); then, for N one-line files (default 5,000; each one quotation of made-up words by one
of four people, in one event), the wall and CPU time and peak memory of a whole `claims build` in a child process. The text is generated here from a fictional vocabulary (quotations in « » and
" ", incises, pronouns, `selon`, reported clauses), so it reads like a long wire story without copying any article.

Run: python bench/bench_scale.py [N_FILES] [--sizes 10,100,1000]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Anne Dupont", "Paul Martin", "Claire Morel", "Hugo Lefèvre", "le préfet", "la ministre", "un habitant"]
VERBS = ["a déclaré", "a affirmé", "a estimé", "a ajouté", "a précisé", "a dit"]
INCISES = ["a-t-il ajouté", "a-t-elle dit", "poursuit-elle", "a-t-il précisé", "selon l'AFP"]
CLAUSES = ["la route serait rouverte lundi", "les travaux dureront plus de deux heures", "trois cents personnes étaient présentes",
           "rien ne changerait avant l'hiver", "le budget augmenterait de 12 %", "la décision était prise depuis mardi"]
QUOTES = ["Nous tiendrons nos engagements", "Ce n'est pas le moment de renoncer", "Il faut agir vite et bien",
          "Nous ne laisserons personne de côté", "La situation reste très préoccupante", "Personne ne s'y attendait"]


def sentence(rng: random.Random) -> str:
    name, verb, clause, quote = rng.choice(NAMES), rng.choice(VERBS), rng.choice(CLAUSES), rng.choice(QUOTES)
    return rng.choice([
        f"« {quote} », {verb} {name}.",
        f"{name[0].upper() + name[1:]} {verb} que {clause}.",
        f"Selon {name}, {clause}.",
        f"« {quote}, {rng.choice(INCISES)}. {rng.choice(QUOTES)}. »",
        f"Il {verb} : « {quote} ».",
        f"Elle a rappelé que {clause}, et « {quote.lower()} ».",
        f"\"{quote}\", {verb} {name}.",
        f"Le conseil s'est réuni mercredi pendant plus de deux heures dans la salle des fêtes.",
    ])


def synthetic_article(n_chars: int, seed: int = 0) -> str:
    """One paragraph of about n_chars characters."""
    rng, parts, size = random.Random(seed), [], 0
    while size < n_chars:
        parts.append(sentence(rng))
        size += len(parts[-1]) + 1
    return " ".join(parts)


def time_extraction(n_chars: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of extracting one synthetic article of n_chars, and the number of claims."""
    from datetime import datetime, timezone

    from toolkit.extract import extract
    from toolkit.extract.lexicon import load
    from toolkit.ingest.articles import Article
    from toolkit.registry import GENERAL_RELAYS, Registry

    article = Article("big", "bench", synthetic_article(n_chars), Path("big.txt"),
                      published=datetime(2024, 3, 13, tzinfo=timezone.utc))
    registry, lexicon = Registry.load(GENERAL_RELAYS), load("fr")
    started, cpu = time.perf_counter(), time.process_time()
    claims = extract(article, registry, lexicon)
    return time.perf_counter() - started, time.process_time() - cpu, len(claims)


def build_many(n_files: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        folder = Path(tmp) / "many"
        folder.mkdir()
        rng = random.Random(1)
        vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzéè") for _ in range(rng.randint(3, 9))) for _ in range(3000)]
        for i in range(n_files):  # one quotation each, of made-up words: every article is one speaker's sole quotation
            words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 12)))
            who = rng.choice(NAMES[:4])
            (folder / f"a{i:05d}.txt").write_text(f"« {words.capitalize()} », a déclaré {who} mardi.\n", encoding="utf-8")
        code = ("import resource, sys, time; from toolkit.pipeline import build; t = time.perf_counter(); "
                f"build({str(folder)!r}, {str(Path(tmp) / 'out')!r}, progress=False); "
                "usage = resource.getrusage(resource.RUSAGE_SELF); "
                "print(time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        seconds, cpu, peak_kb = done.stdout.split()
        print(f"{n_files} one-line files: build {float(seconds):.1f} s wall (process {wall:.1f} s, {float(cpu):.1f} s CPU "
              f"with start-up), peak memory {int(peak_kb) / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="?", type=int, default=5000)
    parser.add_argument("--sizes", default="10,100,1000", help="article sizes in KB (default 10,100,1000)")
    args = parser.parse_args()
    for kb in (int(s) for s in args.sizes.split(",")):
        seconds, cpu, n = time_extraction(kb * 1000)
        print(f"{kb:>5} KB single-paragraph article: {seconds:7.2f} s wall, {cpu:7.2f} s CPU, {n} claims, "
              f"{cpu / kb * 1000:.1f} ms CPU per KB")
    if args.files:
        build_many(args.files)


if __name__ == "__main__":
    main()
