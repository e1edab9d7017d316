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
FORMAT = "3"                # the cache files' own layout; bump when it changes


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


# --- claim rows: what extraction and resolution hand on, as Arrow ---------------------------------------------
# Claims travel between the workers and the main process, and sit in the cache, as rows of these columns (claim_id
# and every field of toolkit.extract.Claim, typed here so that tables of any origin concatenate); a Claim object
# lives only inside the task that extracts or resolves it.

_CLAIM_FIELDS = [f.name for f in fields(Claim)]
_INTS = {"char_start", "char_end", "sentence_start", "sentence_end", "fact_start"}
CLAIM_ROWS = pa.schema([pa.field("claim_id", pa.string())] + [
    pa.field(name, pa.int64() if name in _INTS else pa.float64() if name == "speaker_confidence"
             else pa.list_(pa.int64()) if name == "incise" else pa.string()) for name in _CLAIM_FIELDS])
EXTRACTED = pa.schema([pa.field("key", pa.string()), pa.field("problems", pa.list_(pa.string()))] + list(CLAIM_ROWS))
RESOLVED = pa.schema([pa.field("key", pa.string())] + list(CLAIM_ROWS))


def claim_rows(claims: list[Claim]) -> pa.Table:
    """The claims as rows of CLAIM_ROWS, in their order."""
    columns = {"claim_id": [c.claim_id for c in claims]}
    for name in _CLAIM_FIELDS:
        columns[name] = [_plain(getattr(c, name)) for c in claims]
    return pa.table(columns, schema=CLAIM_ROWS)


def claims_from_rows(rows: pa.Table) -> list[Claim]:
    """The Claim objects of rows of CLAIM_ROWS (an extraction entry's marker rows, with no article, left out)."""
    names = [n for n in _CLAIM_FIELDS if n in rows.column_names]
    lists = [k for k, n in enumerate(names) if pa.types.is_list(rows.schema.field(n).type)]
    positional = names == _CLAIM_FIELDS
    claims = []
    for values in zip(*(rows.column(n).to_pylist() for n in names)):
        if values[0] is None:                   # a marker row (article_id is the first field)
            continue
        if lists:
            values = list(values)
            for k in lists:
                if values[k] is not None:
                    values[k] = tuple(values[k])
        claims.append(Claim(*values) if positional else Claim(**dict(zip(names, values))))
    return claims


def key_slices(table: pa.Table) -> dict[str, tuple[int, int]]:
    """key -> (first row, number of rows) of a table whose rows are in key order."""
    if table is None or table.num_rows == 0:
        return {}
    import pyarrow.compute as pc

    counts = pc.value_counts(table.column("key"))       # in order of first appearance: the key order
    slices, start = {}, 0
    for key, n in zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist()):
        slices[key] = (start, n)
        start += n
    return slices


def sorted_by_key(table: pa.Table) -> pa.Table:
    """The rows in key order, each key's rows in theirs (a stable sort)."""
    import pyarrow.compute as pc

    return table.take(pc.sort_indices(table, sort_keys=[("key", "ascending")]))


# --- extraction results -------------------------------------------------------------------------------------

class Entries(dict):
    """key -> result, as read from the cache; `rows` keeps the rows they were read from (file name -> table), so
    that writing them back into the next cache costs no conversion."""

    def __init__(self, found=(), rows: dict[str, pa.Table] | None = None):
        super().__init__(found)
        self.rows = rows or {}



def extracted_rows(entries: list[tuple[str, list[Claim], list[str]]]) -> pa.Table:
    """(key, claims, problems) of articles as rows of EXTRACTED: for each article a marker row with its problems
    (the claim columns null), then one row per claim (problems null)."""
    columns: dict[str, list] = {name: [] for name in EXTRACTED.names}
    for key, claims, problems in entries:
        columns["key"].extend([key] * (1 + len(claims)))
        columns["problems"].append(list(problems))
        columns["problems"].extend([None] * len(claims))
        columns["claim_id"].append(None)
        columns["claim_id"].extend(c.claim_id for c in claims)
        for name in _CLAIM_FIELDS:
            values = columns[name]
            values.append(None)
            values.extend(_plain(getattr(c, name)) for c in claims)
    return pa.table(columns, schema=EXTRACTED)


def problems_of(rows: pa.Table) -> dict[str, list[str]]:
    """key -> the problems extraction noted, from the marker rows of EXTRACTED rows."""
    import pyarrow.compute as pc

    markers = rows.filter(pc.is_valid(rows.column("problems"))).select(["key", "problems"])
    return dict(zip(markers.column("key").to_pylist(), markers.column("problems").to_pylist()))


def read_extracted(cache_dir: Path, wanted: set[str]) -> pa.Table | None:
    """The rows (EXTRACTED, in key order) of the wanted keys the cache holds, or None."""
    return _read(cache_dir / "extract.parquet", wanted)


def write_extracted(cache_dir: Path, rows: pa.Table, keys) -> None:
    """Replace the extraction cache with `rows` (EXTRACTED, in key order), the entries of `keys`."""
    _write(cache_dir, "extract.parquet", rows, keys)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


# --- speaker resolution results -----------------------------------------------------------------------------

ENTITY_COLUMNS = ("entity_id", "event", "name", "kind", "gender", "aliases", "roles", "registry_id", "n_mentions",
                  "n_claims", "articles")
_ENTITY_TYPES = {"aliases": pa.list_(pa.string()), "roles": pa.list_(pa.string()), "articles": pa.list_(pa.string()),
                 "n_mentions": pa.int64(), "n_claims": pa.int64()}


def read_resolved(cache_dir: Path, wanted: set[str]) -> Entries:
    """story key -> its rows of the entities table (as columns) for the wanted keys that both resolution files
    hold; `rows["resolve_claims.parquet"]` holds those stories' resolved claims (RESOLVED, in key order)."""
    keys = _keys_in(cache_dir, ("resolve_claims.parquet", "resolve_entities.parquet"), wanted)
    claims_table = _read(cache_dir / "resolve_claims.parquet", keys)
    entities_table = _read(cache_dir / "resolve_entities.parquet", keys)
    if claims_table is None or entities_table is None:
        return Entries()
    columns = entities_table.to_pydict()
    entities: dict[str, dict[str, list]] = {key: {name: [] for name in ENTITY_COLUMNS} for key in keys}
    for k, key in enumerate(columns["key"]):
        for name in ENTITY_COLUMNS:
            entities[key][name].append(columns[name][k])
    return Entries(entities, {"resolve_claims.parquet": claims_table, "resolve_entities.parquet": entities_table})


def write_resolved(cache_dir: Path, claims: pa.Table, entities: dict[str, dict[str, list]],
                   reused: Entries = Entries()) -> None:
    """Replace the resolution cache with the stories of `entities` (story key -> its entity columns): `claims`
    (RESOLVED, in key order) holds their resolved claims; the entity rows `reused` (what read_resolved gave) holds
    are copied as the rows they were read from."""
    new = {key: value for key, value in entities.items() if key not in reused}
    columns: dict[str, list] = {name: [] for name in ("key", *ENTITY_COLUMNS)}
    for key in sorted(new):
        rows = new[key]
        columns["key"].extend([key] * len(rows["entity_id"]))
        for name in ENTITY_COLUMNS:
            columns[name].extend(rows[name])
    table = pa.table({name: pa.array(values, _ENTITY_TYPES.get(name, pa.string())) for name, values in columns.items()})
    _write(cache_dir, "resolve_claims.parquet", claims, entities)
    _write(cache_dir, "resolve_entities.parquet",
           _merged(reused.rows.get("resolve_entities.parquet"), set(entities), table), entities)


# --- alignment results --------------------------------------------------------------------------------------

ALIGN_TABLES = ("cluster_ids", "clusters", "discrepancies", "reuse")


def read_aligned(cache_dir: Path, wanted: set[str]) -> dict[str, dict[str, pa.Table]]:
    """key -> {"cluster_ids", "clusters", "discrepancies", "reuse"} tables (with their `key` column dropped)
    for the wanted keys that every alignment file holds."""
    keys = _keys_in(cache_dir, tuple(f"align_{name}.parquet" for name in ALIGN_TABLES), wanted)
    parts: dict[str, dict[str, pa.Table]] = {}
    for name in ALIGN_TABLES:
        table = _read(cache_dir / f"align_{name}.parquet", keys)
        if table is None:
            return {}
        parts[name] = _by_key(table, keys)
    return {key: {name: parts[name][key] for name in ALIGN_TABLES} for key in sorted(keys)}


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
        _write(cache_dir, f"align_{name}.parquet", table, results)


def _by_key(table: pa.Table, keys: set[str]) -> dict[str, pa.Table]:
    """key -> its rows (the key column dropped), every key of `keys` present, empty when it has no row; one pass
    over the rows (they are stored in key order, so each key's rows are one slice)."""
    column = table.column("key").to_pylist()
    body = table.drop_columns(["key"])
    rows: dict[str, list[int]] = {}
    for i, key in enumerate(column):
        rows.setdefault(key, []).append(i)
    empty = body.slice(0, 0)
    return {key: (body.slice(rows[key][0], len(rows[key])) if rows[key][-1] - rows[key][0] + 1 == len(rows[key])
                  else body.take(rows[key])) if key in rows else empty for key in keys}


# --- files ---------------------------------------------------------------------------------------------------

def _keys_in(cache_dir: Path, names: tuple[str, ...], wanted: set[str]) -> set[str]:
    """The wanted keys that every one of the files holds (the files of one kind are written one after the other:
    a build stopped between two of them leaves files of two generations, and only their common keys are sure)."""
    keys = set(wanted)
    for name in names:
        if not keys:
            break
        try:
            meta = pq.read_schema(cache_dir / name).metadata or {}
        except (pa.ArrowInvalid, OSError):
            return set()
        if meta.get(b"format") != FORMAT.encode():
            return set()
        keys &= set(meta.get(b"keys", b"").decode().split())
    return keys


def _read(file: Path, wanted: set[str]) -> pa.Table | None:
    """The rows of the wanted keys of one cache file (None: unreadable, or of another format)."""
    if not wanted:
        return None
    import pyarrow.compute as pc

    try:
        parquet = pq.ParquetFile(file)      # the whole file, filtered here (as toolkit.tables reads)
        if (parquet.schema_arrow.metadata or {}).get(b"format") != FORMAT.encode():
            return None
        table = parquet.read()
        return table.filter(pc.is_in(table.column("key"), pa.array(sorted(wanted), pa.string())))
    except (pa.ArrowInvalid, OSError, KeyError, ValueError):
        return None


def _merged(old: pa.Table | None, keep: set[str], new: pa.Table | None) -> pa.Table:
    """The rows of `old` whose key is in `keep` and the rows of `new`, in key order (each key's rows in theirs)."""
    import pyarrow.compute as pc

    parts = []
    if old is not None and old.num_rows:
        if not set(old.column("key").unique().to_pylist()) <= keep:
            old = old.filter(pc.is_in(old.column("key"), pa.array(sorted(keep), pa.string())))
        parts.append(old.replace_schema_metadata(None))
    if new is not None:
        parts.append(new.cast(parts[0].schema) if parts else new)
    if not parts:
        return pa.table({"key": pa.array([], pa.string())})
    table = pa.concat_tables(parts) if len(parts) > 1 else parts[0]
    return table.take(pc.sort_indices(table, sort_keys=[("key", "ascending")]))     # a stable sort


def _write(cache_dir: Path, name: str, table: pa.Table, keys) -> None:
    """Write under a unique temporary name, then rename: a reader never sees half a file. The file's metadata
    lists the keys it holds."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    meta = dict(table.schema.metadata or {})
    meta[b"format"] = FORMAT.encode()
    meta[b"keys"] = " ".join(sorted(keys)).encode()
    table = table.replace_schema_metadata(meta)
    tmp = cache_dir / f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, cache_dir / name)
    finally:
        tmp.unlink(missing_ok=True)
