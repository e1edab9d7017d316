"""Claims toolkit: from a folder of news articles to a traceable Parquet dataset of claims and their inconsistencies.

Heavy modules load on first use, so that `claims --help` stays instant.
"""

__version__ = "0.1.0"

_LAZY = {
    "load_claims": "toolkit.tables",
    "load_articles": "toolkit.tables",
    "load_clusters": "toolkit.tables",
    "load_discrepancies": "toolkit.tables",
    "load_reuse": "toolkit.tables",
    "load_entities": "toolkit.tables",
    "build": "toolkit.pipeline",
    "validate": "toolkit.validate",
    "report": "toolkit.report",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


__all__ = list(_LAZY)
