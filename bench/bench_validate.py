"""Time `claims validate` on a synthetic dataset of N claims (default 1,000,000) as a whole process, start-up included.

The tables are written with the toolkit's own schemas: 20,000 articles whose text is made of the claims' wordings,
so offsets and wordings are valid and every expectation has real work to do. Prints wall time and peak memory.
Target (issue 5): under 30 s on a two-core machine.

Run: python bench/bench_validate.py [N]
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("nous", "soutenons", "toutes", "les", "décisions", "du", "gouvernement", "la", "coopération", "économique",
         "région", "satellites", "discussions", "priorité", "absolue", "relations", "Russie", "pays", "sommet")


def write_dataset(out: Path, n_claims: int, per_article: int = 50) -> None:

    from toolkit.schema import table as _table
    from toolkit.schema import ARTICLES, CLAIMS, DISCREPANCIES, EXTRACTOR_VERSION
    from toolkit.tables import write_tables

    n_articles = max(1, n_claims // per_article)
    published = datetime(2023, 9, 13, tzinfo=timezone.utc)
    articles = {k: [] for k in ARTICLES.names}
    claims = {k: [] for k in CLAIMS.names}
    types = ("direct", "partial", "indirect", "statement")
    speakers = ("Vladimir Poutine", "Kim Jong-un", "unknown", "Kremlin")
    for a in range(n_articles):
        article_id = f"a{a:06d}"
        parts, pos = [], 0
        for c in range(per_article):
            wording = " ".join(WORDS[(a + c + i) % len(WORDS)] for i in range(6 + c % 5))
            sentence = f"« {wording} », a-t-il dit. "
            start = pos + 2
            claim_type = types[c % 4]
            claims["claim_id"].append(f"c{a:06d}{c:04d}")
            claims["article_id"].append(article_id)
            claims["source"].append(f"outlet-{a % 40}")
            claims["published"].append(published)
            claims["event"].append(f"event-{a // 5}")
            claims["claim_type"].append(claim_type)
            statement = claim_type == "statement"
            claims["speaker"].append(None if statement else speakers[c % 4])
            claims["speaker_id"].append(None if statement else ("Q7747" if c % 4 == 0 else None))
            claims["speaker_mention"].append(None if statement else "il")
            claims["speaker_method"].append("none" if statement else "pronoun")
            claims["via"].append("TASS" if c % 7 == 0 else None)
            claims["via_id"].append("relay:tass" if c % 7 == 0 else None)
            claims["via_mention"].append("TASS" if c % 7 == 0 else None)
            claims["cue"].append(None if statement else "dire")
            claims["wording"].append(wording)
            claims["char_start"].append(start)
            claims["char_end"].append(start + len(wording))
            claims["sentence_start"].append(pos)
            claims["sentence_end"].append(pos + len(sentence) - 1)
            for name in ("fact_slot", "fact_text", "fact_value", "fact_qualifier", "fact_about", "cluster_id"):
                claims[name].append(None)
            claims["extractor_version"].append(EXTRACTOR_VERSION)
            parts.append(sentence)
            pos += len(sentence)
        text = "".join(parts)
        for name, value in (("article_id", article_id), ("source", f"outlet-{a % 40}"), ("url", None), ("published", published),
                            ("language", "fr"), ("title", None), ("event", f"event-{a // 5}"), ("text", text),
                            ("sha256", hashlib.sha256(text.encode()).hexdigest()), ("n_chars", len(text)), ("problems", [])):
            articles[name].append(value)
    # One finding per hundred claims, every one reviewed: the consistency suite has rows to check and passes.
    findings = {k: [] for k in DISCREPANCIES.names}
    kinds = ("wording_variant", "truncation", "speaker_mismatch", "via_mismatch", "fact_conflict", "name_spelling")
    for f in range(max(1, n_claims // 100)):
        a = f % n_articles
        ids = [claims["claim_id"][a * per_article], claims["claim_id"][((a + 1) % n_articles) * per_article]]
        values = {"discrepancy_id": f"d{f:015d}", "event": f"event-{a // 5}", "kind": kinds[f % 6],
                  "severity": ("high", "medium", "low")[f % 3], "change": "words", "cluster_id": f"k{f:015d}",
                  "claim_ids": ids, "article_ids": [f"a{a:06d}", f"a{(a + 1) % n_articles:06d}"],
                  "sources": [f"outlet-{a % 40}", f"outlet-{(a + 1) % 40}"], "wordings": ["nous soutenons", "nous appuyons"],
                  "values": ["soutenons", "appuyons"], "diff": "nous [-soutenons-] {+appuyons+}", "score": 0.8,
                  "explanation": "The same words are rendered differently by 2 articles.",
                  "confidence": 0.8, "evidence": "renderings 0.80 alike"}
        for name in DISCREPANCIES.names:
            findings[name].append(values[name])
    for name, values in claims.items():            # columns added since (speaker_confidence, …): left null
        if not values:
            values.extend([None] * len(claims["claim_id"]))
    tables = {"articles": _table(articles, ARTICLES, "articles"), "claims": _table(claims, CLAIMS, "claims"),
              "discrepancies": _table(findings, DISCREPANCIES, "discrepancies")}
    from toolkit.schema import TABLES

    for name, schema in TABLES.items():         # tables added since (clusters, reuse, entities, stories): empty
        if name not in tables:
            tables[name] = _table({field.name: [] for field in schema}, schema, name)
    write_tables(out, tables, {"synthetic": True})
    with open(out / "reviews.csv", "w", encoding="utf-8") as f:
        f.write("discrepancy_id,verdict,note,reviewer,date\n")
        f.writelines(f"{i},translation_variant,,bench,2026-01-01\n" for i in findings["discrepancy_id"])


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        started = time.perf_counter()
        write_dataset(work / "tables", n)
        print(f"wrote {n:,} claims in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", "import resource, sys; from toolkit.cli.main import main; code = main(sys.argv[1:]);"
                               " me = resource.getrusage(resource.RUSAGE_SELF);"
                               " print('PEAK_KB', me.ru_maxrss, me.ru_utime + me.ru_stime, file=sys.stderr); sys.exit(code)",
                               "validate", str(work / "tables")], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        usage = next((l.split()[1:] for l in done.stderr.splitlines() if l.startswith("PEAK_KB")), ["0", "0"])
        peak, cpu = int(usage[0]), float(usage[1])
        print(done.stdout.strip().splitlines()[0] if done.stdout.strip() else done.stderr[-2000:])
        print(f"claims validate on {n:,} claims: {seconds:.1f} s wall (start-up included), {cpu:.1f} CPU s, peak "
              f"{peak / 1024:.0f} MiB, exit {done.returncode}  (load average {os.getloadavg()[0]:.1f})")
        print("target: under 30 s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
