"""greenlight.dask on a two-worker distributed.LocalCluster gives the single-process results."""

import glob
import os

import pytest

import greenlight

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402

import greenlight.dask as gd  # noqa: E402

SOURCE_DIR = os.environ.get("GREENLIGHT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def bundled_articles():
    paths = sorted(glob.glob(os.path.join(SOURCE_DIR, "data", "samples", "*.txt")) +
                   glob.glob(os.path.join(SOURCE_DIR, "data", "eval", "articles", "*.txt")))
    texts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_bag_on_two_workers_equals_single_process(client):
    texts = bundled_articles() * 3
    expected = [greenlight.Analyzer().analyze(t, reference_date="2020-06-15").to_dict() for t in texts]
    bag = db.from_sequence(texts, npartitions=4)
    got = gd.analyze_bag(bag, reference_date="2020-06-15").compute()
    for e, g in zip(expected, got):
        e.pop("source"), g.pop("source")
    assert got == expected
    # One Analyzer per worker process, reused across partitions.
    ids = client.run(lambda: id(gd.worker_analyzer()))
    assert len(ids) == 2


def test_dataframe_column(client):
    pd = pytest.importorskip("pandas")
    import dask.dataframe as dd

    texts = bundled_articles() + ["x" * 10]
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)
    out = gd.analyze_series(frame["text"]).compute()
    assert len(out) == len(texts)
    assert out["title"].iloc[0] == greenlight.Analyzer().analyze(texts[0]).title
