"""Builds into one output folder at the same time, from threads and from processes, and builds that were killed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit.tables import TABLES

ARTICLES = {
    "un.txt": "« Nous tiendrons bon », a déclaré Anne Dupont mardi.\n",
    "deux.txt": "« Nous tiendrons », a dit Anne Dupont devant la presse.\n",
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def complete(out: Path) -> bool:
    return sorted(p.name for p in out.iterdir()) == sorted([f"{t}.parquet" for t in TABLES] + ["build.json"])


def test_threads_building_into_one_folder_all_succeed_and_leave_one_complete_folder(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "out"
    errors = []

    def one():
        try:
            toolkit.build(folder, out, progress=False)
        except BaseException as err:  # noqa: BLE001 - every failure is the finding
            errors.append(err)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert complete(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".cache") == ["in", "out"]  # no temporary or old folder left behind
    assert pq.read_table(out / "claims.parquet").num_rows >= 2


@pytest.mark.slow  # four builds in subprocesses
def test_processes_building_into_one_folder_all_succeed(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "out"
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}
    runs = [subprocess.Popen([sys.executable, "-m", "toolkit", "build", str(folder), "--out", str(out), "--quiet"],
                             stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    outcomes = [(p.wait(), p.stderr.read()) for p in runs]
    assert outcomes == [(0, "")] * 4
    assert complete(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".cache") == ["in", "out"]


def test_folders_a_killed_build_left_behind_are_removed_by_the_next_build(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "out"
    toolkit.build(folder, out, progress=False)
    # What kill -9 leaves: a half-written temporary folder (pid-named by older versions) and a moved-away previous one.
    for stale in (".out.tmp-4242", ".out.tmp-abc123", ".out.old-77"):
        (tmp_path / stale).mkdir()
        (tmp_path / stale / "claims.parquet").write_bytes(b"half")
    toolkit.build(folder, out, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".cache") == ["in", "out"]
    assert complete(out)


def test_a_build_killed_between_the_two_renames_gets_its_previous_tables_back(tmp_path):
    folder, out = corpus(tmp_path), tmp_path / "out"
    toolkit.build(folder, out, progress=False)
    before = pq.read_table(out / "claims.parquet")
    out.rename(tmp_path / ".out.old-99")  # the first rename happened, the second did not
    (folder / "deux.txt").unlink()
    toolkit.build(folder, out, progress=False)
    assert pq.read_table(out / "claims.parquet").num_rows < before.num_rows  # the new build replaced the recovered one
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".cache") == ["in", "out"]
