"""Ingest: read articles (a folder of .txt and .html files, web archives, tables) into `Article` records."""

from toolkit.ingest.articles import Article, read_collection
from toolkit.ingest.inputs import Ingested, read_input

__all__ = ["Article", "Ingested", "read_collection", "read_input"]
