"""The entities table: every person, institution and unresolved description of each story, with stable ids, and the
link from each claim to its speaker's entity (claims.speaker_entity_id)."""

from __future__ import annotations

import hashlib

from toolkit.extract.claim import Claim
from toolkit.extract.given_names import given_name
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.mentions import UNKNOWN
from toolkit.resolve.entities import Entity, StoryEntities, name_key
from toolkit.resolve.speakers import DESCRIPTION


def entity_id(event: str, name: str) -> str:
    return "e" + hashlib.sha1(f"{event}|{name_key(name)}".encode()).hexdigest()[:15]


def catalog(stories: dict[str, StoryEntities], claims_by_event: dict[str, list[Claim]], lexicon_of) -> dict[str, list]:
    """Columns of entities.parquet; sets `speaker_entity_id` on every claim whose speaker is an entity.
    Rows are sorted by event, then name key: the same input gives the same rows and ids."""
    rows = []
    for event in sorted(set(stories) | set(claims_by_event)):
        story = stories.get(event, StoryEntities())
        found: dict[str, Entity] = {**story.persons, **story.institutions}
        articles = {key: set(ids) for key, ids in story.articles.items()}
        registry_ids: dict[str, str] = {}
        claimed: dict[str, int] = {}
        for claim in claims_by_event.get(event, []):
            if claim.claim_type == "statement" or not claim.speaker or claim.speaker == UNKNOWN:
                continue
            key = name_key(claim.speaker)
            if key not in found:
                kind = DESCRIPTION if claim.speaker_method == DESCRIPTION else "person" if given_name(claim.speaker, lexicon_of(event)) else "institution"
                found[key] = Entity(claim.speaker, kind)
            claimed[key] = claimed.get(key, 0) + 1
            articles.setdefault(key, set()).add(claim.article_id)
            if claim.speaker_id:
                registry_ids.setdefault(key, claim.speaker_id)
            claim.speaker_entity_id = entity_id(event, claim.speaker)
        for key in sorted(found):
            e = found[key]
            rows.append({"entity_id": entity_id(event, e.name), "event": event, "name": e.name, "kind": e.kind,
                         "gender": e.gender if e.gender in ("m", "f") else None,
                         "aliases": sorted(a for a in e.aliases if name_key(a) != key), "roles": list(e.roles),
                         "registry_id": registry_ids.get(key), "n_mentions": len(e.mentions),
                         "n_claims": claimed.get(key, 0), "articles": sorted(articles.get(key, ()))})
    return {name: [r[name] for r in rows] for name in ("entity_id", "event", "name", "kind", "gender", "aliases", "roles",
                                                         "registry_id", "n_mentions", "n_claims", "articles")}


def write_registry(frame, path, *, replace: bool = False) -> int:
    """Write the persons and institutions of an entities frame as a registry TOML file (toolkit.registry's format);
    ids are the entity ids until someone pins a Wikidata QID. Refuses to replace a file unless asked."""
    import json
    import os
    from pathlib import Path

    from toolkit.errors import ToolkitError

    path = Path(path)
    if path.exists() and not replace:
        raise ToolkitError(path, "exists already", "pass --force to replace it, or name another file")
    q = lambda s: json.dumps(str(s), ensure_ascii=False)      # a JSON string is a TOML basic string
    seen, blocks = set(), []
    for row in frame.sort_values(["name", "event"]).itertuples():
        if row.kind not in ("person", "institution") or row.name in seen:
            continue
        seen.add(row.name)
        pinned = row.registry_id if isinstance(row.registry_id, str) else row.entity_id
        lines = ["[[entity]]", f"id = {q(pinned)}", f"name = {q(row.name)}", f"kind = {q(row.kind)}"]
        if isinstance(row.gender, str):
            lines.append(f"gender = {q(row.gender)}")
        if len(row.aliases):
            lines.append(f"aliases = [{', '.join(q(a) for a in row.aliases)}]")
        if len(row.roles):
            lines.append(f"roles = [{', '.join(q(r) for r in row.roles)}]")
        blocks.append("\n".join(lines))
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text("# Entities found by `claims build`, to review: pin ids, merge spellings, drop mistakes.\n\n"
                   + "\n\n".join(blocks) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return len(blocks)
