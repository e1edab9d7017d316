"""Resolve: who each claim's speaker is, from the entity model of its article and story (see `speakers`)."""

from toolkit.resolve.entities import ArticleEntities, Entity, StoryEntities
from toolkit.resolve.speakers import ArticleClaims, confidence, resolve_story

__all__ = ["ArticleClaims", "ArticleEntities", "Entity", "StoryEntities", "confidence", "resolve_story"]
