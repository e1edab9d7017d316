"""The entity registry: people, institutions and relays with their ids, aliases, roles and gender, read from TOML."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from toolkit.errors import BadRegistry
from toolkit.text import fold

KINDS = {"person", "institution", "agency", "channel", "newspaper", "network", "place", "document"}
RELAY_KINDS = {"agency", "channel", "newspaper", "network", "document"}
REGISTRY_NAME = "registry.toml"
GENERAL_RELAYS = Path(__file__).parent / "data" / "relays.toml"


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def is_relay(self) -> bool:
        return self.kind in RELAY_KINDS


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entity: Entity
    by_role: bool


@dataclass
class Registry:
    entities: list[Entity] = field(default_factory=list)

    @classmethod
    def load(cls, *paths: str | Path) -> "Registry":
        """Merge registry files in order; a later file's entity with the same id replaces the earlier one."""
        by_id: dict[str, Entity] = {}
        for path in paths:
            for entity in _read(Path(path)):
                by_id[entity.id] = entity
        return cls(list(by_id.values()))

    @classmethod
    def for_collection(cls, folder: str | Path, extra: list[str | Path] = ()) -> "Registry":
        """General relays, then the collection's own registry.toml if any, then files given by the user."""
        paths = [GENERAL_RELAYS]
        own = Path(folder) / REGISTRY_NAME
        if own.exists():
            paths.append(own)
        return cls.load(*paths, *extra)

    def by_id(self, entity_id: str) -> Entity | None:
        return self._ids.get(entity_id)

    @cached_property
    def _ids(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def _patterns(self) -> tuple[re.Pattern, dict[str, list[tuple[Entity, bool, str]]]]:
        forms: dict[str, list[tuple[Entity, bool, str]]] = {}
        for entity in self.entities:
            for alias in sorted({entity.name, *entity.aliases}):  # sorted: the same order under every hash seed
                forms.setdefault(fold(alias), []).append((entity, False, alias))
            for role in entity.roles:
                forms.setdefault(fold(role), []).append((entity, True, role))
        forms = {f: found for f, found in forms.items() if any(ch.isalnum() for ch in f)}  # "-" is no name
        ordered = sorted(forms, key=len, reverse=True)
        alternatives = "|".join(re.escape(f) for f in ordered) or r"(?!)"   # no form: a pattern that matches nothing
        pattern = re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])")
        return pattern, forms

    def find(self, text: str, folded: str | None = None) -> list[Match]:
        """Every alias or role of a registered entity in the text, longest first, no overlaps.

        Short all-capital aliases (AP, ATS) match only in capitals, so that ordinary words do not."""
        if not self.entities:
            return []
        folded = fold(text) if folded is None else folded
        pattern, forms = self._patterns
        matches = []
        for m in pattern.finditer(folded):
            candidates = forms[m.group()]
            found = text[m.start():m.end()]
            exact = [c for c in candidates if _case_fits(c[0], c[2], found)]
            if exact:
                entity, by_role, _ = sorted(exact, key=lambda c: c[1])[0]
                matches.append(Match(m.start(), m.end(), entity, by_role))
        return matches

    def names(self) -> set[str]:
        return {e.name for e in self.entities}


def _case_fits(entity: Entity, alias: str, found: str) -> bool:
    """Short all-capital aliases (AP, ATS) match only in capitals; a relay's capitalised words ("La Presse",
    "Le Temps") must be capitalised in the text too, so that "devant la presse" is not the newspaper."""
    if alias.isupper() and len(alias) <= 4:
        return found == alias
    if entity.is_relay:
        return all(not a[:1].isupper() or f[:1].isupper() for a, f in zip(alias.split(), found.split()))
    return True


def _read(path: Path) -> list[Entity]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM is accepted, as in the manifest
    except FileNotFoundError:
        raise BadRegistry(path, "does not exist", "give the path of a registry TOML file") from None
    except IsADirectoryError:
        raise BadRegistry(path, "is a folder, not a file", "give the path of a registry TOML file") from None
    except UnicodeDecodeError as err:
        raise BadRegistry(path, f"is not UTF-8 ({err.reason} at byte {err.start})", "save the registry as UTF-8") from None
    except OSError as err:
        raise BadRegistry(path, f"cannot be read ({err.strerror or err})", "check that the file is readable") from None
    except tomllib.TOMLDecodeError as err:
        raise BadRegistry(path, f"is not valid TOML ({err})", "fix the syntax; see README 'Entity registry'") from None
    items = data.get("entity", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BadRegistry(path, "'entity' must be a list of [[entity]] tables", "see README 'Entity registry'", field="entity")
    entities = []
    for index, item in enumerate(items, start=1):
        where = f"entity #{index}"
        for key in ("id", "name", "kind"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise BadRegistry(path, f"{where} has no '{key}'", "every [[entity]] needs id, name and kind", field=key)
        if item["kind"] not in KINDS:
            raise BadRegistry(path, f"{where} ({item['name']}) has kind '{item['kind']}'", f"use one of {', '.join(sorted(KINDS))}", field="kind")
        if item.get("gender") not in (None, "m", "f"):
            raise BadRegistry(path, f"{where} ({item['name']}) has gender '{item['gender']}'", "use 'm' or 'f' or leave it out", field="gender")
        for key in ("aliases", "roles"):
            values = item.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise BadRegistry(path, f"{where} ({item['name']}): '{key}' must be a list of non-empty strings",
                                  "remove empty entries", field=key)
        for key, value in [("name", item["name"])] + [(k, v) for k in ("aliases", "roles") for v in item.get(k, [])]:
            if not any(ch.isalnum() for ch in value):   # "-" would match the hyphen of « a-t-il »
                raise BadRegistry(path, f"{where} ({item['name']}): {key} {value!r} has no letter or digit",
                                  "give the name as it is printed in articles", field=key)
        entities.append(Entity(item["id"], item["name"], item["kind"], item.get("gender"),
                               tuple(item.get("aliases", [])), tuple(item.get("roles", []))))
    return entities
