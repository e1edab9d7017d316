"""Issue 14: the Dask engine on a LocalCluster of two worker processes gives the local engine's tables."""

from __future__ import annotations

import pytest

from builds import CORPORA, SEEDS, assert_same_tables, collection
from toolkit.pipeline import build

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_engine_gives_the_same_rows_as_the_local_engine(client, tmp_path):
    folder = collection(tmp_path / "articles", CORPORA + [SEEDS])
    local = build(folder, tmp_path / "local", jobs=1, cache=False, progress=False)
    on_dask = build(folder, tmp_path / "dask", engine="dask", client=client, cache=False, progress=False)
    assert on_dask.n_articles == local.n_articles and on_dask.problems == local.problems
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_dask_engine_builds_incrementally_too(client, tmp_path):
    folder = collection(tmp_path / "articles", CORPORA[:3])
    out = tmp_path / "tables"
    build(folder, out, engine="dask", client=client, progress=False)
    target = sorted(folder.glob("*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n« Nous reviendrons », a ajouté Paul Martin.\n",
                      encoding="utf-8")
    again = build(folder, out, engine="dask", client=client, progress=False)
    assert again.n_extracted == 1
    assert_same_tables(build(folder, tmp_path / "full", jobs=1, cache=False, progress=False).out_dir, out)
