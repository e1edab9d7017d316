"""Time the alignment stage (clusters, discrepancies, names, reuse) on synthetic claims at growing sizes and print
how the time grows: a ratio near 10 for ten times more claims means linear growth.

The synthetic data imitate the bundled dataset: many events, each covered by several outlets; each event has a
few speakers, each speaker several utterances; outlets quote them in full, cut, as fragments, retranslated
(a fifth of the words swapped) or as indirect paraphrases, sometimes with no speaker; journalists' statements
give dates, durations and counts (now and then a conflicting one); some articles are wire copies of another.

Run: python bench/bench_align.py [SIZES...]         (default: 1000 10000 100000 1000000)
"""

from __future__ import annotations

import gc
import random
import resource
import sys
import time
from datetime import date, timedelta

import pyarrow as pa

from toolkit.align import align

ARTICLES_PER_EVENT = (3, 8)
SPEAKERS_PER_EVENT = (2, 5)
UTTERANCES_PER_SPEAKER = (2, 5)
FUNCTION = ("le la les de des du un une et à en que qui pour dans sur avec nous il elle ils ce cette nos "
            "notre est sont a ont sera pas ne plus").split()
FIRST = "Jean Marie Paul Sophie Karim Nadia Thomas Claire Igor Olga Luc Anne Pierre Léa Omar Inès".split()
LAST = "Martin Bernard Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux David Bertrand Morel Girard".split()
VIAS = ["AFP", "Reuters", "TASS", "Interfax", "la télévision russe", None, None, None]
NOUNS = ["salariés", "visiteurs", "manifestants", "blessés", "élus"]


def _vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    syllables = "ba be bi bo bu ca ce ci co da de di do fa fe fi ga go la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo".split()
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    return [rng.choice(FUNCTION) if rng.random() < 0.35 else rng.choice(vocab) for _ in range(n)]


def synthetic(n_claims: int, seed: int = 7) -> tuple[pa.Table, pa.Table]:
    """A claims table of about n_claims rows and its articles table."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    claims = {k: [] for k in ("claim_id", "article_id", "source", "event", "claim_type", "speaker", "speaker_mention",
                              "speaker_method", "via", "wording", "char_start", "char_end", "sentence_start",
                              "sentence_end", "fact_slot", "fact_text", "fact_value", "fact_qualifier", "fact_about")}
    articles = {"article_id": [], "source": [], "event": [], "text": []}
    article_no = 0
    event_no = 0
    while len(claims["claim_id"]) < n_claims:
        event = f"event-{event_no:06d}"
        event_no += 1
        speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(*SPEAKERS_PER_EVENT))]
        utterances = [(s, _sentence(rng, vocab, rng.randint(8, 30))) for s in speakers
                      for _ in range(rng.randint(*UTTERANCES_PER_SPEAKER))]
        day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
        facts = [("date", day.isoformat(), "exact", None), ("count", str(rng.randint(20, 900)), "exact", rng.choice(NOUNS)),
                 ("duration", f"PT{rng.randint(1, 5)}H", rng.choice(["exact", "more_than"]), None)]
        wire = None
        for k in range(rng.randint(*ARTICLES_PER_EVENT)):
            if len(claims["claim_id"]) >= n_claims:
                break
            article_id = f"a{article_no:07d}"
            article_no += 1
            source = f"Outlet {rng.randint(1, 400)}"
            if wire is not None and rng.random() < 0.3:
                sentences = [[dict(s[0])] for s in wire]      # wire copy: same sentences, a few words changed
                for s in sentences:
                    if s[0] and rng.random() < 0.2:
                        s[0]["words"] = [w if rng.random() > 0.05 else rng.choice(vocab) for w in s[0]["words"]]
            else:
                sentences = _article(rng, vocab, utterances, facts)
                wire = wire or sentences
            _emit(rng, article_id, source, event, sentences, claims, articles)
    claims_table = pa.table({k: pa.array(v) for k, v in claims.items()})
    return claims_table, pa.table(articles)


def _article(rng, vocab, utterances, facts) -> list[list[dict]]:
    """Sentences of one article, each a list of claim specs (possibly empty: plain text)."""
    sentences = []
    for speaker, words in rng.sample(utterances, k=min(len(utterances), rng.randint(6, 12))):
        how = rng.random()
        if how < 0.35:
            spec = {"type": "direct", "words": list(words)}
        elif how < 0.55:
            spec = {"type": "direct", "words": [w if rng.random() > 0.2 else rng.choice(vocab) for w in words]}
        elif how < 0.7:
            cut = rng.randint(4, max(5, len(words) // 2))
            spec = {"type": "direct", "words": list(words[:cut])}
        elif how < 0.85:
            start = rng.randint(0, max(0, len(words) - 4))
            spec = {"type": "partial", "words": list(words[start:start + rng.randint(3, 5)])}
        else:
            kept = [w for w in words if rng.random() > 0.3]
            rng.shuffle(kept)
            spec = {"type": "indirect", "words": kept or list(words[:3])}
        spec["speaker"] = speaker if rng.random() > 0.05 else "unknown"
        spec["via"] = rng.choice(VIAS)
        sentences.append([spec])
        if rng.random() < 0.4:
            sentences.append([{}])
    for slot, value, qualifier, about in facts:
        if rng.random() < 0.7:
            if rng.random() < 0.1:             # now and then an outlet gets a fact wrong
                value = str(int(value) + 50) if slot == "count" else value
            sentences.append([{"type": "statement", "slot": slot, "value": value, "qualifier": qualifier, "about": about,
                               "words": _sentence(rng, vocab, 6) + ["visite"]}])
    rng.shuffle(sentences)
    return sentences


def _emit(rng, article_id, source, event, sentences, claims, articles) -> None:
    parts, offset = [], 0
    filler = "Le texte continue ici avec des détails sans citation ."
    for sentence in sentences:
        spec = sentence[0]
        if not spec:
            parts.append(filler + " ")
            offset += len(filler) + 1
            continue
        wording = " ".join(spec["words"])
        if spec["type"] == "statement":
            prefix, suffix = "", " ."
        elif spec["type"] == "indirect":
            prefix, suffix = f"{spec['speaker']} a déclaré que ", " ."
        else:
            prefix, suffix = "« ", f" », a dit {spec['speaker']} ."
        start = offset + len(prefix)
        text = prefix + wording + suffix
        claims["claim_id"].append(f"c{article_id}{len(claims['claim_id']):09d}")
        claims["article_id"].append(article_id)
        claims["source"].append(source)
        claims["event"].append(event)
        claims["claim_type"].append(spec["type"])
        is_statement = spec["type"] == "statement"
        claims["speaker"].append(None if is_statement else spec["speaker"])
        claims["speaker_mention"].append(None if is_statement else spec["speaker"])
        claims["speaker_method"].append(None if is_statement else "incise")
        claims["via"].append(None if is_statement else spec["via"])
        claims["wording"].append(wording)
        claims["char_start"].append(start)
        claims["char_end"].append(start + len(wording))
        claims["sentence_start"].append(offset)
        claims["sentence_end"].append(offset + len(text))
        claims["fact_slot"].append(spec.get("slot"))
        claims["fact_text"].append(spec.get("value"))
        claims["fact_value"].append(spec.get("value"))
        claims["fact_qualifier"].append(spec.get("qualifier"))
        claims["fact_about"].append(spec.get("about"))
        parts.append(text + " ")
        offset += len(text) + 1
    articles["article_id"].append(article_id)
    articles["source"].append(source)
    articles["event"].append(event)
    articles["text"].append("".join(parts))


def _peak_mib() -> float:
    """Peak resident memory of this process so far (sizes run smallest first, so it is the latest size's peak)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(sizes: list[int]) -> None:
    print(f"{'claims':>9} {'articles':>9} {'events':>7} {'seconds':>9} {'claims/s':>9} {'clusters':>9} {'findings':>9} {'growth':>7} {'peak MiB':>9}")
    previous = None
    for n in sizes:
        claims, articles = synthetic(n)
        gc.collect()
        started = time.perf_counter()
        result = align(claims, articles)
        seconds = time.perf_counter() - started
        events = len(set(articles.column("event").to_pylist()))
        growth = f"{seconds / previous[1] / (claims.num_rows / previous[0]):.2f}" if previous else "—"
        print(f"{claims.num_rows:>9} {articles.num_rows:>9} {events:>7} {seconds:>9.2f} {claims.num_rows / seconds:>9.0f} "
              f"{result.n_clusters:>9} {len(result.findings):>9} {growth:>7} {_peak_mib():>9.0f}", flush=True)
        if previous:
            print(f"{'':>9} time ×{seconds / previous[1]:.1f} for ×{claims.num_rows / previous[0]:.1f} claims", flush=True)
        previous = (claims.num_rows, seconds)
        del claims, articles, result


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000, 1_000_000])
