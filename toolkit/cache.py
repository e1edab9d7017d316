"""What an incremental build may reuse: per-article extraction results and per-event alignment results, each
kept under a key that changes whenever anything that produced it changes.

An article's key hashes its id, text, publication date and language with the versions of what reads it: the
extractor (its version string and the source files of toolkit/extract, toolkit/text.py and toolkit/registry.py),
the language data (every file of toolkit/data/<language>/) and the registry (the entities loaded, so a comment
in a TOML file changes nothing). An event's key hashes the keys, outlets and events of its articles with the
alignment code (toolkit/align), the language data and the registry. A change to any of these gives new keys,
so exactly the results it could change are recomputed; nothing is ever invalidated by hand.

The cache lives beside the tables, in `<tables>.cache/` (e.g. `datasets/x/tables.cache/`): `extract.parquet`
(one row per claim with its article's key, plus one row per article for the problems extraction noted) and
`align_*.parquet` (the alignment tables of each event, with the event's key). Each file is written under a
unique temporary name and renamed into place, and holds only entries the last build used, so it never grows
without bound; a missing, old or unreadable cache file is ignored (the build then does the work again).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from toolkit import schema
from toolkit.extract import Claim

PACKAGE = Path(__file__).resolve().parent
EXTRACT_CODE = ("extract", "text.py", "registry.py")
ALIGN_CODE = ("resolve", "align", "text.py")      # events are resolved, then aligned
SUFFIX = ".cache"
FORMAT = "1"                # the cache files' own layout; bump when it changes


def folder(out: str | Path) -> Path:
    """The cache folder of a tables folder: `<tables>.cache` beside it."""
    out = Path(out).resolve()
    return out.parent / f"{out.name}{SUFFIX}"


@lru_cache(maxsize=None)
def code_hash(parts: tuple[str, ...]) -> str:
    """Hash of the contents of the package's source files under `parts` (files or folders), by relative path."""
    h = hashlib.sha256()
    for part in parts:
        path = PACKAGE / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            h.update(str(file.relative_to(PACKAGE)).encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def language_hash(language: str) -> str:
    """Hash of every language data file of `language` (the whole folder: word lists and alignment data)."""
    h = hashlib.sha256()
    base = PACKAGE / "data" / language
    if base.is_dir():
        for file in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(str(file.relative_to(base)).encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


def registry_hash(registry) -> str:
    """Hash of the entities a registry holds (ids, names, kinds, genders, aliases, roles), in order."""
    return hashlib.sha256(repr(registry.entities).encode()).hexdigest()


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:32]


def article_key(article, registry_version: str) -> str:
    """Key of one article's extraction result."""
    published = article.published.isoformat() if article.published else ""
    return _digest(FORMAT, schema.EXTRACTOR_VERSION, code_hash(EXTRACT_CODE), language_hash(article.language),
                   registry_version, article.article_id, article.language, published, article.sha256)


def group_key(articles, keys: dict[str, str], registry_version: str, language: str) -> str:
    """Key of one event's alignment: its articles (by extraction key, outlet and event), the alignment code,
    the language data and the registry."""
    members = sorted((a.article_id, keys[a.article_id], a.source, a.event, a.sha256) for a in articles)
    return _digest(FORMAT, schema.SCHEMA_VERSION, code_hash(ALIGN_CODE), language_hash(language), registry_version,
                   language, *("|".join(m) for m in members))


# --- extraction results -------------------------------------------------------------------------------------

_CLAIM_FIELDS = [f.name for f in fields(Claim)]


def read_extracted(cache_dir: Path, wanted: set[str]) -> dict[str, tuple[list[Claim], list[str]]]:
    """key -> (claims, problems extraction noted) for the wanted keys the cache holds."""
    file = cache_dir / "extract.parquet"
    if not wanted or not file.exists():
        return {}
    try:
        if (pq.read_schema(file).metadata or {}).get(b"format") != FORMAT.encode():
            return {}
        table = pq.read_table(file, filters=[("key", "in", sorted(wanted))])
    except (pa.ArrowInvalid, OSError, KeyError, ValueError):
        return {}
    columns = table.to_pydict()
    names = [n for n in _CLAIM_FIELDS if n in columns]
    found: dict[str, tuple[list[Claim], list[str]]] = {}
    for k, key in enumerate(columns["key"]):
        claims, problems = found.setdefault(key, ([], []))
        if columns["problems"][k] is not None:          # the article's marker row
            problems.extend(columns["problems"][k])
            continue
        values = {n: columns[n][k] for n in names}
        values.update({n: tuple(v) for n, v in values.items() if isinstance(v, list)})
        claims.append(Claim(**values))
    return found


def write_extracted(cache_dir: Path, results: dict[str, tuple[list[Claim], list[str]]]) -> None:
    """Replace the extraction cache with `results` (key -> (claims, problems)), keys in sorted order: for each
    article a marker row with its problems, then one row per claim (problems null)."""
    columns: dict[str, list] = {name: [] for name in ("key", "problems", *_CLAIM_FIELDS)}
    for key in sorted(results):
        claims, problems = results[key]
        columns["key"].extend([key] * (1 + len(claims)))
        columns["problems"].append(list(problems))
        columns["problems"].extend([None] * len(claims))
        for name in _CLAIM_FIELDS:
            values = columns[name]
            values.append(None)
            values.extend(_plain(getattr(c, name)) for c in claims)
    _write(cache_dir, "extract.parquet", pa.table(columns))


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


# --- alignment results --------------------------------------------------------------------------------------

ALIGN_TABLES = ("cluster_ids", "clusters", "discrepancies", "reuse")


def read_aligned(cache_dir: Path, wanted: set[str]) -> dict[str, dict[str, pa.Table]]:
    """key -> {"cluster_ids", "clusters", "discrepancies", "reuse"} tables (with their `key` column dropped)."""
    if not wanted:
        return {}
    parts: dict[str, pa.Table] = {}
    for name in ALIGN_TABLES:
        file = cache_dir / f"align_{name}.parquet"
        try:
            if (pq.read_schema(file).metadata or {}).get(b"format") != FORMAT.encode():
                return {}
            parts[name] = pq.read_table(file, filters=[("key", "in", sorted(wanted))])
        except (pa.ArrowInvalid, OSError, KeyError, ValueError):
            return {}
    present = set(parts["cluster_ids"].column("key").to_pylist()) if parts["cluster_ids"].num_rows else set()
    markers = parts["cluster_ids"]
    found: dict[str, dict[str, pa.Table]] = {}
    import pyarrow.compute as pc

    for key in sorted(present & wanted):
        found[key] = {name: _drop_key(t.filter(pc.equal(t.column("key"), key))) for name, t in parts.items()}
    del markers
    return found


def write_aligned(cache_dir: Path, results: dict[str, dict[str, pa.Table]]) -> None:
    """Replace the alignment cache with `results` (key -> tables as `read_aligned` gives them)."""
    for name in ALIGN_TABLES:
        pieces = []
        for key in sorted(results):
            t = results[key][name]
            pieces.append(t.append_column("key", pa.array([key] * t.num_rows, pa.string())))
        if pieces:
            table = pa.concat_tables([p.replace_schema_metadata(None) for p in pieces], promote_options="default")
        else:
            table = pa.table({"key": pa.array([], pa.string())})
        _write(cache_dir, f"align_{name}.parquet", table)


def _drop_key(table: pa.Table) -> pa.Table:
    return table.drop_columns(["key"])


def _write(cache_dir: Path, name: str, table: pa.Table) -> None:
    """Write under a unique temporary name, then rename: a reader never sees half a file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    meta = dict(table.schema.metadata or {})
    meta[b"format"] = FORMAT.encode()
    table = table.replace_schema_metadata(meta)
    tmp = cache_dir / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, cache_dir / name)
    finally:
        tmp.unlink(missing_ok=True)
