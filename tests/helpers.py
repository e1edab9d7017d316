"""Run the extractor on a French text written in the test, with a small registry declared beside it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from toolkit.extract import extract
from toolkit.extract.lexicon import load
from toolkit.ingest.articles import Article
from toolkit.registry import GENERAL_RELAYS, Entity, Registry

PEOPLE = [
    Entity("X-dupont", "Anne Dupont", "person", "f", ("Dupont", "Mme Dupont"), ("ministre de l'Industrie", "ministre")),
    Entity("X-martin", "Paul Martin", "person", "m", ("Martin", "M. Martin"), ("préfet", "préfet de l'Ain")),
    Entity("X-elysee", "Élysée", "institution", None, ("Élysée", "Elysée"), ("présidence de la République",)),
]


def registry(*extra: Entity) -> Registry:
    return Registry(Registry.load(GENERAL_RELAYS).entities + PEOPLE + list(extra))


def claims(text: str, *extra: Entity, published: str = "2024-03-13"):
    article = Article("t", "test", text, Path("t.txt"), published=datetime.fromisoformat(published).replace(tzinfo=timezone.utc))
    return extract(article, registry(*extra), load("fr"))


def by_type(text: str, claim_type: str, *extra: Entity, **kwargs):
    return [c for c in claims(text, *extra, **kwargs) if c.claim_type == claim_type]
