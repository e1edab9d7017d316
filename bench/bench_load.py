"""Time `toolkit.load_claims` with columns and filters on a synthetic dataset of N claims (default 1,000,000).

The dataset is bench_validate.py's (valid offsets and wordings, the toolkit's schemas, written by
toolkit.tables.write_tables). Each read runs in a fresh process after `import toolkit` (which imports nothing
heavy): the time counted includes importing pyarrow and pandas, printed apart for reference. No page of the table
is already decoded in memory; the file itself is in the OS cache after the first run. Wall time and the process's
CPU time are printed: on a shared machine the wall time counts the others' work too.
Target (issue 14): under 1 s.

Run: python bench/bench_load.py [N]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import write_dataset  # noqa: E402

READS = {
    "3 columns, claim_type = direct": ("['claim_id', 'speaker', 'wording']", "[('claim_type', '=', 'direct')]"),
    "2 columns, one article": ("['claim_id', 'wording']", "[('article_id', '=', 'a012345')]"),
    "4 columns, speaker in 2 names and via = TASS": (
        "['claim_id', 'article_id', 'speaker', 'via']",
        "[('speaker', 'in', ['Vladimir Poutine', 'Kim Jong-un']), ('via', '=', 'TASS')]"),
    "every column, no filter": ("None", "None"),
}

IMPORTS = "import time; t = time.perf_counter(); import pyarrow.parquet, pandas; print(time.perf_counter() - t)"

CHILD = """
import sys, time, toolkit
started, cpu = time.perf_counter(), time.process_time()
import pyarrow.parquet, pandas
imported = time.perf_counter()
df = toolkit.load_claims(sys.argv[1], columns={columns}, filters={filters})
print(f"{{time.perf_counter() - started:.3f}} {{time.process_time() - cpu:.3f}} {{len(df)}} {{df.shape[1]}} "
      f"{{imported - started:.3f}} {{time.perf_counter() - imported:.3f}}")
"""


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        started = time.perf_counter()
        write_dataset(work / "tables", n)
        size = (work / "tables" / "claims.parquet").stat().st_size
        print(f"wrote {n:,} claims in {time.perf_counter() - started:.1f} s (claims.parquet {size / 2**20:.0f} MiB)")
        imports = [float(subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True).stdout)
                   for _ in range(3)]
        print(f"  (in a fresh process, importing pyarrow.parquet and pandas alone takes {min(imports):.3f} s, best of 3)")
        for label, (columns, filters) in READS.items():
            code = CHILD.format(columns=columns, filters=filters)
            best = best_cpu = best_imports = best_read = None
            for _ in range(3):
                done = subprocess.run([sys.executable, "-c", code, str(work / "tables")], capture_output=True, text=True)
                if done.returncode:
                    raise SystemExit(done.stderr[-2000:])
                seconds, cpu, rows, cols, imports_part, read_part = done.stdout.split()
                best = min(best or float(seconds), float(seconds))
                best_cpu = min(best_cpu or float(cpu), float(cpu))
                best_imports = min(best_imports or float(imports_part), float(imports_part))
                best_read = min(best_read or float(read_part), float(read_part))
            print(f"  load_claims, {label}: {best:.3f} s wall, {best_cpu:.3f} s CPU (best of 3) -> {int(rows):,} rows × "
                  f"{cols} columns; of which importing pandas+pyarrow {best_imports:.3f} s, reading {best_read:.3f} s "
                  f"(load average {os.getloadavg()[0]:.1f})")
        print("target: under 1 s with columns and filters")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
