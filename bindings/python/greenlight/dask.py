"""Scale-out on Dask: analyze a dask.bag of articles, or a text column of a Dask dataframe.

Each worker process builds one Analyzer on first use and keeps it for every later partition, so
models are loaded once per worker, not once per article. The Analyzer releases the GIL, so a
worker's threads analyze in parallel.

    import dask.bag as db
    from distributed import Client, LocalCluster
    import greenlight.dask

    client = Client(LocalCluster(n_workers=2))          # or Client("tcp://scheduler:8786")
    articles = db.from_sequence(texts, npartitions=8)
    reports = greenlight.dask.analyze_bag(articles, reference_date="2020-06-15").compute()

Results are dicts with the fields of schema greenlight.article/1 (as `ArticleReport.to_dict()`).
"""

import threading

from . import Analyzer

_lock = threading.Lock()
_analyzer = None


def worker_analyzer():
    """The Analyzer of this process, built on first use."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = Analyzer()
    return _analyzer


def _analyze_partition(texts, reference_date=None, threads=1):
    texts = list(texts)
    if not texts:
        return []
    results = worker_analyzer().analyze_many(texts, threads=threads, reference_date=reference_date,
                                             raise_errors=False)
    return [r.to_dict() if not isinstance(r, str) else {"schema": "greenlight.article/1", "error": r}
            for r in results]


def analyze_bag(bag, reference_date=None, threads=1):
    """Maps a bag of article texts to a bag of report dicts (one per text, in order; an input that
    fails yields {"schema", "error"} in its place)."""
    return bag.map_partitions(_analyze_partition, reference_date=reference_date, threads=threads)


def _flatten(report):
    renewal = report.get("renewal") or {}
    sentiment = report.get("sentiment") or {}
    show = report.get("show") or {}
    return {
        "title": report.get("title"),
        "show": show.get("title"),
        "renewal_status": renewal.get("status"),
        "renewal_likelihood": renewal.get("likelihood"),
        "renewal_outlook": renewal.get("outlook"),
        "sentiment_label": sentiment.get("label"),
        "sentiment_score": sentiment.get("score"),
        "seasons": report.get("seasons"),
        "episodes": report.get("episodes"),
        "error": report.get("error"),
        "report": report,
    }


def analyze_series(series, reference_date=None, threads=1):
    """Analyzes a text column of a Dask dataframe; returns a Dask dataframe with one row per input
    (same index) and columns title, show, renewal_status, renewal_likelihood, renewal_outlook,
    sentiment_label, sentiment_score, seasons, episodes, error and report (the whole dict)."""
    import pandas as pd

    columns = ["title", "show", "renewal_status", "renewal_likelihood", "renewal_outlook", "sentiment_label",
               "sentiment_score", "seasons", "episodes", "error", "report"]

    def partition(texts):
        rows = [_flatten(r) for r in _analyze_partition(texts.tolist(), reference_date, threads)]
        return pd.DataFrame(rows, index=texts.index, columns=columns)

    meta = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    meta["renewal_likelihood"] = meta["renewal_likelihood"].astype("float64")
    meta["sentiment_score"] = meta["sentiment_score"].astype("float64")
    return series.map_partitions(partition, meta=meta)
