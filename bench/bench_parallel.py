"""Build speed on real articles: --jobs 1 vs --jobs N, an incremental build after adding 1 % new articles vs a full
build, the Dask engine (LocalCluster) vs the local one, and a large run with the peak memory of each worker.

The articles are real: a folder of scraped articles (default /work/shared/realfolder/articles; any folder of
*.txt with a manifest.csv works), read only and copied to a temporary folder. A collection larger than the folder
is made by repeating its articles under new ids (`r00001-f00017`): extraction reads the same text, ids and
claim ids differ. Articles are grouped into events of EVENT_SIZE consecutive articles of one outlet (the folder
has no event column; grouping into stories is another stage's job), so alignment runs per event as on a labelled
collection. The load average of the machine is printed with each figure: on a shared machine, other work takes
cores too.

Run:
  python bench/bench_parallel.py jobs [N] [--jobs 1,2]       # articles/s of a full build (no cache) per --jobs
  python bench/bench_parallel.py incremental [N] [--cli]     # full build, then no change, then +1 % new articles (cache);
                                                             # --cli: each a fresh `claims build` process, as a user sees it
  python bench/bench_parallel.py dask [N]                    # engine=dask on a 2-worker LocalCluster vs --jobs 2
  python bench/bench_parallel.py large [N] [--jobs 2]        # one full build of N articles: time, peak memory per process
  python bench/bench_parallel.py memory [N,N,...] [--jobs 2] # `large` at each size, each in a fresh process
  python bench/bench_parallel.py profile [N] [--jobs 2]      # cProfile of the main process of a full build (top 30)
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REAL = Path("/work/shared/realfolder/articles")
EVENT_SIZE = 8


def make_collection(src: Path, folder: Path, n: int, start: int = 0, tag: str = "r") -> int:
    """Write articles start..start+n-1 of the repeated real folder into `folder` (appending to its manifest)."""
    with open(src / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["file"])
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    new = not manifest.exists()
    with open(manifest, "a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if new:
            writer.writerow(["file", "source", "url", "published", "event"])
        for i in range(start, start + n):
            row = rows[i % len(rows)]
            rep = i // len(rows)
            name = f"{tag}{rep:05d}-{row['file']}"
            shutil.copy(src / row["file"], folder / name)
            writer.writerow([name, row["source"], row.get("url", ""), row.get("published", ""),
                             f"{tag}{rep}-{row['source']}-{(i % len(rows)) // EVENT_SIZE}"])
    return n


def load() -> str:
    return "load average %.1f %.1f %.1f on %d cores" % (*os.getloadavg(), os.cpu_count())


class PeakMemory:
    """Samples the peak resident memory (VmHWM) of this process and every process under it (Linux /proc)."""

    def __init__(self):
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            for pid in [os.getpid(), *_descendants(os.getpid())]:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        if kb > self.peaks.get(pid, ("", 0))[1]:
                            self.peaks[pid] = (cmd, kb)
            self._stop.wait(0.5)

    def report(self) -> str:
        main = self.peaks.get(os.getpid(), ("", 0))[1]
        others = sorted((kb for pid, (_, kb) in self.peaks.items() if pid != os.getpid()), reverse=True)
        workers = [kb for kb in others if kb > 60_000]          # the fork server and resource tracker stay small
        text = f"peak memory: main process {main / 1024:.0f} MiB"
        if workers:
            text += (f"; {len(workers)} worker process(es), largest {workers[0] / 1024:.0f} MiB (each: "
                     f"{', '.join(f'{kb / 1024:.0f}' for kb in workers)} MiB)")
        return text


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def timed_build(folder: Path, out: Path, **kwargs):
    import toolkit

    started = time.perf_counter()
    result = toolkit.build(folder, out, progress=False, **kwargs)
    return time.perf_counter() - started, result


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes (the local workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def bench_jobs(src: Path, n: int, jobs: list[int], tmp: Path) -> None:
    folder = tmp / "articles"
    make_collection(src, folder, n)
    print(f"{n} real articles, events of {EVENT_SIZE}; full builds, no cache (after a warm-up build of 16)")
    make_collection(src, tmp / "warm", 16)
    timed_build(tmp / "warm", tmp / "warm-out", jobs=1, cache=False)      # imports, language data, regexes
    base = base_cpu = None
    for j in jobs:
        before = load()
        main0, kids0 = cpu_seconds()
        seconds, result = timed_build(folder, tmp / f"out-{j}", jobs=j, cache=False)
        main1, kids1 = cpu_seconds()
        main, kids = main1 - main0, kids1 - kids0
        # On a machine shared with other work, wall time measures the others too. The CPU seconds do not: the
        # main process's, plus the workers' shared among the j of them, is the wall time on j idle cores.
        idle = main + kids / j
        base, base_cpu = base or seconds, base_cpu or idle
        print(f"  --jobs {j}: {seconds:7.1f} s wall  {n / seconds:6.1f} articles/s  ×{base / seconds:.2f}  | CPU: main "
              f"{main:.1f} s + workers {kids:.1f} s -> {idle:.1f} s on {j} idle core(s), {n / idle:.1f} articles/s, "
              f"×{base_cpu / idle:.2f}  ({sum(result.by_type().values())} claims; stages {result.stage_seconds}; "
              f"{before} before, {load()} after)", flush=True)


def cli_build(folder: Path, out: Path, jobs: int | None, cache: bool = True):
    """`claims build` in a fresh process, as a user runs it: start-up and imports counted. (wall s, result)

    The process keeps Python's bytecode caches as an installed toolkit does (PYTHONDONTWRITEBYTECODE, which some
    sandboxes set, would have every build compile the toolkit's sources again)."""
    import subprocess
    from types import SimpleNamespace

    command = [sys.executable, "-m", "toolkit", "build", str(folder), "--out", str(out), "--quiet"]
    command += (["--jobs", str(jobs)] if jobs else []) + ([] if cache else ["--no-cache"])
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    import json

    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return seconds, SimpleNamespace(n_extracted="?", n_groups_resolved="?", n_groups_aligned="?", n_groups="?",
                                    stage_seconds=f"{info['rows']['claims']} claims")


def bench_incremental(src: Path, n: int, tmp: Path, jobs: int | None, cli: bool = False) -> None:
    folder = tmp / "articles"
    make_collection(src, folder, n)
    out = tmp / "tables"
    print(f"{n} real articles, events of {EVENT_SIZE}, jobs={jobs or 'all cores'}"
          + (", each build a fresh `claims build` process (start-up and imports counted)" if cli else
             ", builds in this process"))
    def cpu_build(target, **kwargs):
        main0, kids0 = cpu_seconds()
        if cli:
            seconds, result = cli_build(folder, target, jobs, **kwargs)
        else:
            seconds, result = timed_build(folder, target, jobs=jobs, **kwargs)
        main1, kids1 = cpu_seconds()
        return seconds, (main1 - main0) + (kids1 - kids0), result

    full, full_cpu, r = cpu_build(out)
    print(f"  full build (empty cache):        {full:7.1f} s wall, {full_cpu:6.1f} CPU s  extracted {r.n_extracted}, "
          f"aligned {r.n_groups_aligned} events  {r.stage_seconds}  ({load()})", flush=True)
    same, cpu, r = cpu_build(out)
    print(f"  nothing changed:                 {same:7.1f} s wall, {cpu:6.1f} CPU s  extracted {r.n_extracted}, "
          f"resolved {getattr(r, 'n_groups_resolved', '?')}, aligned {r.n_groups_aligned} events = {100 * same / full:.1f} % of full wall, {100 * cpu / full_cpu:.1f} % "
          f"of its CPU  {r.stage_seconds}", flush=True)
    added = max(1, n // 100)
    make_collection(src, folder, added, start=n, tag="new")
    inc, cpu, r = cpu_build(out)
    print(f"  +{added} new articles (1 %):       {inc:7.1f} s wall, {cpu:6.1f} CPU s  extracted {r.n_extracted}, resolved "
          f"{getattr(r, 'n_groups_resolved', '?')}, aligned "
          f"{r.n_groups_aligned} of {r.n_groups} events = {100 * inc / full:.1f} % of full wall, {100 * cpu / full_cpu:.1f} % "
          f"of its CPU  {r.stage_seconds}", flush=True)
    scratch, r2 = (cli_build if cli else lambda f, o, jobs, cache: timed_build(f, o, jobs=jobs, cache=cache))(
        folder, tmp / "scratch", jobs, cache=False)
    import pyarrow.parquet as pq

    same_tables = all(pq.read_table(out / f"{t}.parquet").equals(pq.read_table(tmp / "scratch" / f"{t}.parquet"))
                      for t in ("articles", "claims", "clusters", "discrepancies", "reuse"))
    print(f"  full build of the new folder:    {scratch:7.1f} s  (incremental = {100 * inc / scratch:.1f} % of it; "
          f"identical tables: {same_tables})  ({load()})", flush=True)


def bench_dask(src: Path, n: int, tmp: Path) -> None:
    from distributed import Client, LocalCluster

    folder = tmp / "articles"
    make_collection(src, folder, n)
    print(f"{n} real articles, events of {EVENT_SIZE}; full builds, no cache")
    local, _ = timed_build(folder, tmp / "local", jobs=2, cache=False)
    print(f"  local, --jobs 2:                       {local:7.1f} s  {n / local:6.1f} articles/s  ({load()})", flush=True)
    started = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    up = time.perf_counter() - started
    on_dask, _ = timed_build(folder, tmp / "dask", engine="dask", client=client, cache=False)
    client.close()
    cluster.close()
    print(f"  dask, LocalCluster of 2 worker processes: {on_dask:7.1f} s  {n / on_dask:6.1f} articles/s "
          f"(+{up:.1f} s to start the cluster)  ({load()})", flush=True)


def bench_large(src: Path, n: int, tmp: Path, jobs: int | None) -> None:
    folder = tmp / "articles"
    started = time.perf_counter()
    make_collection(src, folder, n)
    print(f"{n} real articles (repeated under new ids; made in {time.perf_counter() - started:.0f} s), "
          f"events of {EVENT_SIZE}, jobs={jobs or 'all cores'}, no cache")
    with PeakMemory() as memory:
        seconds, result = timed_build(folder, tmp / "tables", jobs=jobs, cache=False)
    print(f"  {seconds:7.1f} s  {n / seconds:6.1f} articles/s  {sum(result.by_type().values())} claims, "
          f"{result.alignment.n_clusters} clusters  ({load()})")
    print(f"  {memory.report()}", flush=True)


def bench_memory(src: Path, sizes: list[int], jobs: str | None) -> None:
    """Does the peak memory grow with the collection? One `large` run per size, each in its own process."""
    import subprocess

    for n in sizes:
        command = [sys.executable, __file__, "large", str(n), "--source", str(src)] + (["--jobs", jobs] if jobs else [])
        done = subprocess.run(command, capture_output=True, text=True)
        print("\n".join(done.stdout.strip().splitlines()[1:]) or done.stderr[-2000:], flush=True)


def bench_profile(src: Path, n: int, tmp: Path, jobs: int | None) -> None:
    """Where the main process spends its CPU in a full build (what stays serial with workers)."""
    import cProfile
    import pstats

    folder = tmp / "articles"
    make_collection(src, folder, n)
    make_collection(src, tmp / "warm", 16)
    timed_build(tmp / "warm", tmp / "warm-out", jobs=1, cache=False)      # imports, language data, regexes
    profiler = cProfile.Profile(time.process_time)
    main0, kids0 = cpu_seconds()
    profiler.enable()
    seconds, result = timed_build(folder, tmp / "tables", jobs=jobs, cache=False)
    profiler.disable()
    main1, kids1 = cpu_seconds()
    print(f"{n} articles, jobs={jobs or 'all cores'}: {seconds:.1f} s wall; CPU: main {main1 - main0:.1f} s, workers "
          f"{kids1 - kids0:.1f} s; stages {result.stage_seconds}  ({load()})")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("jobs", "incremental", "dask", "large", "memory", "profile"))
    parser.add_argument("n", nargs="?")
    parser.add_argument("--jobs", default=None)
    parser.add_argument("--source", type=Path, default=REAL)
    parser.add_argument("--cli", action="store_true", help="incremental: each build a fresh `claims build` process")
    args = parser.parse_args()
    if not (args.source / "manifest.csv").exists():
        sys.exit(f"{args.source}: no manifest.csv; give --source FOLDER of real articles")
    if args.what == "memory":
        return bench_memory(args.source, [int(n) for n in (args.n or "250,500,1000,2000").split(",")], args.jobs)
    args.n = int(args.n) if args.n else None
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        if args.what == "jobs":
            bench_jobs(args.source, args.n or 1168, [int(j) for j in (args.jobs or "1,2").split(",")], tmp)
        elif args.what == "incremental":
            bench_incremental(args.source, args.n or 2000, tmp, int(args.jobs) if args.jobs else None, args.cli)
        elif args.what == "dask":
            bench_dask(args.source, args.n or 1168, tmp)
        elif args.what == "profile":
            bench_profile(args.source, args.n or 1168, tmp, int(args.jobs) if args.jobs else None)
        else:
            bench_large(args.source, args.n or 10_000, tmp, int(args.jobs) if args.jobs else None)


if __name__ == "__main__":
    main()
