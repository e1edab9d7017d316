"""Shared fixtures: the bundled seed dataset and a fresh build of it in a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "datasets" / "kim-putin-vostochny-2023"
GOLD = ROOT / "tests" / "gold" / "seeds" / "claims.jsonl"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of the seed articles (text, manifest, registry) without built tables."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seed dataset built once into a temporary tables folder."""
    from toolkit.pipeline import build

    out = tmp_path_factory.mktemp("build") / "tables"
    build(SEEDS, out, progress=False)
    return out


def gold_rows(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
