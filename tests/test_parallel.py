"""Issue 14: worker processes, incremental builds and failures give the same tables as one plain build."""

from __future__ import annotations

import csv
import os
import pickle
import shutil
import signal
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit import cache
from toolkit.errors import ExtractionFailed, WorkerCrashed
from toolkit.pipeline import build

from builds import CORPORA, SEEDS, assert_same_tables, collection


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """About 40 articles of 20-odd events, written by hand for the other tests (see tests/corpus/README.md)."""
    return collection(tmp_path_factory.mktemp("mixed") / "articles", CORPORA + [SEEDS])


@pytest.fixture(scope="module")
def plain(mixed, tmp_path_factory) -> Path:
    """The reference: everything in this process, no cache."""
    out = tmp_path_factory.mktemp("plain") / "tables"
    build(mixed, out, jobs=1, cache=False, progress=False)
    return out


def test_worker_processes_give_the_same_tables_row_for_row(mixed, plain, tmp_path):
    result = build(mixed, tmp_path / "tables", jobs=2, cache=False, progress=False)
    assert result.n_articles > 30 and result.n_groups > 15
    assert_same_tables(plain, tmp_path / "tables")


def test_a_second_build_reuses_everything_and_gives_the_same_tables(mixed, plain, tmp_path):
    out = tmp_path / "tables"
    first = build(mixed, out, jobs=1, progress=False)
    assert first.n_extracted == first.n_articles and (tmp_path / "tables.cache" / "extract.parquet").exists()
    second = build(mixed, out, jobs=1, progress=False)
    assert (second.n_extracted, second.n_groups_resolved, second.n_groups_aligned) == (0, 0, 0)
    assert second.by_type() == first.by_type() and second.problems == first.problems
    assert_same_tables(plain, out)


def test_adding_articles_extracts_only_them_and_aligns_only_their_events(tmp_path):
    folder = collection(tmp_path / "articles", CORPORA + [SEEDS])
    held_back = sorted(folder.glob(f"{CORPORA[0].name}__*.txt"))
    events = {row["event"] for row in csv.DictReader(open(folder / "manifest.csv", encoding="utf-8"))
              if row["file"].startswith(CORPORA[0].name + "__")}
    aside = tmp_path / "aside"
    aside.mkdir()
    for p in held_back:
        p.rename(aside / p.name)
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8")
    (folder / "manifest.csv").write_text("".join(line for line in manifest.splitlines(keepends=True)
                                                 if not line.startswith(CORPORA[0].name + "__")), encoding="utf-8")
    out = tmp_path / "tables"
    before = build(folder, out, jobs=1, progress=False)
    for p in aside.iterdir():
        p.rename(folder / p.name)
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    after = build(folder, out, jobs=1, progress=False)
    assert after.n_extracted == len(held_back)
    assert after.n_groups_aligned == len(events) and after.n_groups == before.n_groups + len(events)
    assert after.n_groups_resolved == len(events)          # the other stories' speakers come from the cache
    full = build(folder, tmp_path / "full", jobs=1, cache=False, progress=False)
    assert_same_tables(full.out_dir, out)


def test_an_edited_article_is_extracted_again_and_only_its_event_realigned(mixed, tmp_path):
    folder = collection(tmp_path / "articles", CORPORA + [SEEDS])
    out = tmp_path / "tables"
    build(folder, out, jobs=1, progress=False)
    target = folder / "discrepancies__outlet_a.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n« Nous reviendrons », a ajouté Paul Martin.\n",
                      encoding="utf-8")
    after = build(folder, out, jobs=1, progress=False)
    assert (after.n_extracted, after.n_groups_resolved, after.n_groups_aligned) == (1, 1, 1)
    claims = toolkit.load_claims(out, filters=[("article_id", "=", "discrepancies__outlet_a")])
    assert "Nous reviendrons" in set(claims["wording"])
    assert_same_tables(build(folder, tmp_path / "full", jobs=1, cache=False, progress=False).out_dir, out)


def test_a_changed_word_list_or_extractor_reads_every_article_again(mixed, tmp_path, monkeypatch):
    out = tmp_path / "tables"
    build(mixed, out, jobs=1, progress=False)
    package = tmp_path / "package"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    cache.language_hash.cache_clear()
    cache.code_hash.cache_clear()
    try:
        assert build(mixed, out, jobs=1, progress=False).n_extracted == 0       # same files, same keys
        cues = package / "data" / "fr" / "cues.toml"
        cues.write_text(cues.read_text(encoding="utf-8") + "\n# a new comment is a new version of the list\n",
                        encoding="utf-8")
        cache.language_hash.cache_clear()
        again = build(mixed, out, jobs=1, progress=False)
        assert again.n_extracted == again.n_articles and again.n_groups_aligned == again.n_groups
        rule = package / "extract" / "quotes.py"
        rule.write_text(rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        cache.code_hash.cache_clear()
        assert build(mixed, out, jobs=1, progress=False).n_extracted == again.n_articles
        align_rule = package / "align" / "facts.py"
        align_rule.write_text(align_rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        cache.code_hash.cache_clear()
        realigned = build(mixed, out, jobs=1, progress=False)
        assert (realigned.n_extracted, realigned.n_groups_aligned) == (0, realigned.n_groups)
    finally:
        cache.language_hash.cache_clear()
        cache.code_hash.cache_clear()


def test_cache_files_of_two_builds_are_used_only_for_the_stories_both_hold(tmp_path):
    """A build stopped between writing two cache files leaves files of two generations: a story is taken from the
    cache only if every file of its kind holds it, else it is resolved or aligned again."""
    folder = collection(tmp_path / "articles", CORPORA + [SEEDS])
    out = tmp_path / "tables"
    build(folder, out, jobs=1, progress=False)
    target = folder / "discrepancies__outlet_a.txt"
    older = {name: (tmp_path / "tables.cache" / name).read_bytes()
             for name in ("resolve_entities.parquet", "align_clusters.parquet")}
    target.write_text(target.read_text(encoding="utf-8") + "\n« Nous reviendrons », a ajouté Paul Martin.\n",
                      encoding="utf-8")
    build(folder, out, jobs=1, progress=False)
    for name, data in older.items():            # as if the build had stopped before writing these two
        (tmp_path / "tables.cache" / name).write_bytes(data)
    again = build(folder, out, jobs=1, progress=False)
    assert (again.n_extracted, again.n_groups_resolved, again.n_groups_aligned) == (0, 1, 1)
    assert_same_tables(build(folder, tmp_path / "full", jobs=1, cache=False, progress=False).out_dir, out)


def test_batches_of_stories_sent_to_workers_stay_small_whatever_the_collection():
    from toolkit.pipeline import BATCH_CLAIMS, _batches, _n_claims

    import pyarrow as pa

    rows = pa.table({"article_id": ["a"] * 9})                  # a story's claims travel as rows
    items = [(f"e{k:05d}", [], rows) for k in range(5000)]        # 10 claims each (9, +1 per story)
    batches = _batches(items, 8, _n_claims)
    assert [item for batch in batches for item in batch] == items            # every story once, in order
    assert len(batches) == 50_000 // BATCH_CLAIMS and all(sum(map(_n_claims, b)) == BATCH_CLAIMS for b in batches)
    few = _batches(items[:80], 8, _n_claims)                                  # 800 claims: 8 batches of 100
    assert [len(b) for b in few] == [10] * 8


def test_a_changed_registry_reads_every_article_again(mixed, tmp_path):
    out = tmp_path / "tables"
    first = build(mixed, out, jobs=1, progress=False)
    extra = tmp_path / "extra.toml"
    extra.write_text('[[entity]]\nid = "X-new"\nname = "Nadia Ferhat"\nkind = "person"\ngender = "f"\n',
                     encoding="utf-8")
    again = build(mixed, out, registry=[extra], jobs=1, progress=False)
    assert again.n_extracted == first.n_articles


def test_an_unreadable_cache_is_ignored(mixed, plain, tmp_path):
    out = tmp_path / "tables"
    build(mixed, out, jobs=1, progress=False)
    for file in (tmp_path / "tables.cache").glob("*.parquet"):
        file.write_bytes(b"PAR1 not parquet any more")
    result = build(mixed, out, jobs=1, progress=False)
    assert result.n_extracted == result.n_articles
    assert_same_tables(plain, out)


def test_an_article_that_fails_is_named_and_the_previous_tables_stay(mixed, tmp_path, monkeypatch):
    folder = collection(tmp_path / "articles", CORPORA[:2])
    out = tmp_path / "tables"
    build(folder, out, jobs=1, progress=False)
    before = pq.read_table(out / "claims.parquet")
    victim = sorted(folder.glob("*.txt"))[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    import toolkit.pipeline

    real = toolkit.pipeline.extract

    def broken_on_victim(article, registry, lexicon):
        if article.article_id == victim.stem:
            raise IndexError("string index out of range")
        return real(article, registry, lexicon)

    monkeypatch.setattr(toolkit.pipeline, "extract", broken_on_victim)
    with pytest.raises(ExtractionFailed, match=victim.name) as caught:
        build(folder, out, jobs=1, progress=False)
    assert "IndexError" in str(caught.value)
    assert pq.read_table(out / "claims.parquet").equals(before)


def test_errors_raised_in_a_worker_come_back_whole():
    err = ExtractionFailed(Path("a/b.txt"), "extraction failed (KeyError: 'x')", "report it", line=3)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is ExtractionFailed and str(back) == str(err) and back.line == 3


def _descendants(pid: int) -> list[int]:
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (1/100 s)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def _program(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return b""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes through /proc")
def test_a_worker_that_dies_is_reported_and_the_previous_tables_stay(tmp_path, monkeypatch):
    # the few articles and stories changed below go to the workers however few (a build with a cache starts them
    # otherwise only for 64 articles or 8 stories or more)
    monkeypatch.setattr(toolkit.pipeline, "MIN_ARTICLES", 0)
    monkeypatch.setattr(toolkit.pipeline, "MIN_STORIES", 0)
    folder = collection(tmp_path / "articles", CORPORA + [SEEDS], copies=6)
    out = tmp_path / "tables"
    build(folder, out, jobs=1, progress=False)
    before = pq.read_table(out / "claims.parquet")
    for p in folder.glob("styles*__*.txt"):
        p.write_text(p.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    outcome = {}

    def run():
        try:
            build(folder, out, jobs=2, progress=False)
        except Exception as err:            # what the build raises is checked below
            outcome["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    workers = []
    deadline = time.monotonic() + 60
    while not workers and time.monotonic() < deadline and thread.is_alive():
        # the pool's workers run this process's program (forked, or spawned with the same interpreter); they start
        # before the articles are read: the one killed is one at work (a tenth of a second of CPU used)
        workers = [p for p in _descendants(os.getpid()) if _program(p) == _program(os.getpid()) and _cpu_ticks(p) >= 10]
        time.sleep(0.05)
    assert workers, "no worker process started"
    os.kill(workers[0], signal.SIGKILL)
    thread.join(120)
    assert isinstance(outcome.get("error"), WorkerCrashed)
    assert "__" in str(outcome["error"])            # names the articles it may have held
    assert pq.read_table(out / "claims.parquet").equals(before)
    assert not list(tmp_path.glob(".tables.tmp-*"))


def test_a_build_with_a_cache_and_few_new_articles_starts_no_worker_process(tmp_path, monkeypatch):
    """Issue 14: a daily build that adds a few articles costs less than starting and warming the workers would
    save: it runs in this process, even with --jobs 2, and gives the tables of a build from scratch."""
    from toolkit.engine import local

    folder = collection(tmp_path / "articles", CORPORA + [SEEDS])
    added = folder / "zz_added.txt"
    added.write_text("« Nous reviendrons », a déclaré Paul Martin à l'AFP.\n", encoding="utf-8")
    out = tmp_path / "tables"
    build(folder, out, jobs=1, progress=False)
    added.write_text(added.read_text(encoding="utf-8") + "« Et vite », a-t-il ajouté.\n", encoding="utf-8")
    started = []
    real_init = local.Pool.__init__
    monkeypatch.setattr(local.Pool, "__init__", lambda self, *a: (started.append(a), real_init(self, *a))[1])
    result = build(folder, out, jobs=2, progress=False)
    assert result.n_extracted == 1 and started == []
    assert_same_tables(build(folder, tmp_path / "full", jobs=1, cache=False, progress=False).out_dir, out)


def test_the_claims_table_orders_rows_from_any_worker_by_article_offsets_type_and_fact():
    """Issue 14: workers send claims back as Arrow rows in any order; the claims table sorts them as the README says
    (article, then offsets, then type, then the fact's place and slot), a fact without a place as place 0."""
    from toolkit.extract import Claim
    from toolkit.ingest import Article
    from toolkit.pipeline import claims_table

    articles = [Article("b", "Le Monde", "x" * 200, Path("b.txt"), event="e1"),
                Article("a", "Libération", "x" * 200, Path("a.txt"), event="e2")]
    claims = [Claim("b", "direct", 10, 20, "x" * 10, 0, 30),
              Claim("a", "statement", 5, 9, "x" * 4, 0, 30, fact_slot="date", fact_start=7),
              Claim("a", "statement", 5, 9, "x" * 4, 0, 30, fact_slot="count"),        # no place: first
              Claim("a", "indirect", 5, 9, "x" * 4, 0, 30),
              Claim("a", "direct", 5, 12, "x" * 7, 0, 30),
              Claim("a", "statement", 5, 9, "x" * 4, 0, 30, fact_slot="count", fact_start=7)]
    table = claims_table(articles, cache.claim_rows(claims))
    assert [(r["article_id"], r["claim_type"], r["char_end"], r["fact_slot"]) for r in table.to_pylist()] == [
        ("a", "indirect", 9, None), ("a", "statement", 9, "count"), ("a", "statement", 9, "count"),
        ("a", "statement", 9, "date"), ("a", "direct", 12, None), ("b", "direct", 20, None)]
    assert table.column("source").to_pylist() == ["Libération"] * 5 + ["Le Monde"]
    assert table.column("event").to_pylist() == ["e2"] * 5 + ["e1"]
    assert table.column("claim_id").to_pylist() == [claims[k].claim_id for k in (3, 2, 5, 1, 4, 0)]
