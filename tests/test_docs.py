"""The README documents every column and command, and CI runs exactly its test command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli.main import COMMANDS
from toolkit.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_is_documented_with_its_type(table):
    for field in TABLES[table]:
        assert f"| `{field.name}` | `{field.type}` |" in README, f"{table}.{field.name} missing from README"


def test_ci_runs_the_readme_test_command():
    fences = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    test_command = next(f for f in fences if "pytest" in f)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(command):
    done = subprocess.run([sys.executable, "-m", "toolkit", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "usage: claims" in done.stdout
    assert f"claims {command}" in README


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from toolkit.cli.main import parser; parser().format_help(); "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'great_expectations') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"
