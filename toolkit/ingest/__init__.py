"""Ingest: read a folder of articles and its manifest into `Article` records."""

from toolkit.ingest.articles import Article, read_collection

__all__ = ["Article", "read_collection"]
