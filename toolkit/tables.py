"""Read and write the toolkit's Parquet tables: atomic folder swaps on write, column and filter push-down on read."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.errors import CannotWrite, CorruptTable, MissingTable, OutputBusy, UnsafeOutput
from toolkit.schema import METADATA_KEY, SCHEMA_VERSION, TABLE_KEY, TABLES

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO / "datasets"
TABLES_DIR = "tables"
BUILD_INFO = "build.json"
REVIEW_FILE = "reviews.csv"     # an analyst's verdicts may travel inside the tables folder: a rebuild carries them over


def bundled_datasets() -> list[Path]:
    """Every folder under datasets/ that holds articles, sorted by name."""
    if not DATASETS.is_dir():
        return []
    return sorted(p for p in DATASETS.iterdir() if p.is_dir() and any(p.glob("*.txt")))


def tables_dir(path: str | Path) -> Path:
    """Accept a tables folder, or a dataset folder holding one in `tables/`."""
    path = Path(path)
    return path / TABLES_DIR if (path / TABLES_DIR).is_dir() else path


# Row groups of at most this many rows: a filter on a column the rows are sorted by (claims by article) skips the
# groups whose min/max statistics rule it out, and the groups of a large table are decoded in parallel.
ROW_GROUP_ROWS = 131_072
DISTINCT_SAMPLE = 4096  # rows whose distinct values decide whether a text column is written with a dictionary
LOCK_WAIT_SECONDS = 600  # a second build into the same place waits this long for the first, then gives up


def write_tables(out: str | Path, tables: dict[str, pa.Table], info: dict) -> Path:
    """Write every table into a new sibling folder, check it reads back, then swap it in place of `out`.

    A crash or error before the swap leaves the previous folder untouched; a crash during the two renames
    leaves the previous folder as `.NAME.old-*`, which the next write puts back first. Writers into the same
    parent folder take turns (an exclusive lock on that folder, processes and threads alike); temporary folders
    have a name of their own per call, and those a killed build left behind are removed by the next one."""
    out = Path(out).resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(out):
            _recover(out)
            _check_replaceable(out)
            _remove_stale(out)
            _swap_in(out, tables, info)
    except OSError as err:  # a full disk, a read-only folder: the previous tables are untouched
        raise CannotWrite(out, f"the tables cannot be written ({err.strerror or err}); the previous tables are "
                               "untouched", "free some space or give another --out") from err
    return out


def _swap_in(out: Path, tables: dict[str, pa.Table], info: dict) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name}.parquet", compression="zstd", row_group_size=ROW_GROUP_ROWS,
                           use_dictionary=dictionary_encoded(table))
            pq.read_metadata(tmp / f"{name}.parquet")
        (tmp / BUILD_INFO).write_text(json.dumps(info, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        if (out / REVIEW_FILE).is_file():
            shutil.copy2(out / REVIEW_FILE, tmp / REVIEW_FILE)
        os.chmod(tmp, 0o777 & ~_UMASK)  # mkdtemp makes a private folder; the tables are as shareable as any folder
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(old)  # a unique name, free: the previous tables move there
        if out.exists():
            os.rename(out, old)
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def dictionary_encoded(table: pa.Table) -> list[str]:
    """The columns worth a Parquet dictionary: all but the text columns whose values are mostly distinct (ids,
    wordings, article texts). A dictionary there is wasted work at write and read (it overflows and falls back to
    plain pages); a text column written with a dictionary is read as one when filtered (see _read_needed)."""
    import pyarrow.compute as pc

    plain = set()
    for name, column in zip(table.column_names, table.columns):
        sample = column.slice(0, DISTINCT_SAMPLE)       # the first rows tell, without hashing every text
        if _is_text(column.type) and pc.count_distinct(sample).as_py() > len(sample) // 2:
            plain.add(name)
    return [name for name in table.column_names if name not in plain]


def _is_text(type_: pa.DataType) -> bool:
    return pa.types.is_string(type_) or pa.types.is_large_string(type_)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import: os.umask sets as it reads, which threads must not see


@contextmanager
def _exclusive(out: Path):
    """Hold an exclusive lock on the folder that receives `out` (flock on the folder itself: no lock file left
    behind, released by the system if the process dies). Waits for a build already writing there."""
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputBusy(out, f"another build has been writing next to it for over {LOCK_WAIT_SECONDS} s",
                                     "wait for that build to finish, or give another --out") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _recover(out: Path) -> None:
    if out.exists():
        return
    for old in sorted(out.parent.glob(f".{out.name}.old-*")):
        os.rename(old, out)
        return


def _remove_stale(out: Path) -> None:
    """Temporary and previous folders of builds that died: under the lock, no running build owns one."""
    for stale in sorted(out.parent.glob(f".{out.name}.tmp-*")) + sorted(out.parent.glob(f".{out.name}.old-*")):
        shutil.rmtree(stale, ignore_errors=True)


def _check_replaceable(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise UnsafeOutput(out, "is a file, not a folder", "give a folder for the tables")
    foreign = [p.name for p in out.iterdir() if not (p.suffix == ".parquet" or p.name in (BUILD_INFO, REVIEW_FILE))]
    if foreign:
        raise UnsafeOutput(out, f"holds files that are not tables ({', '.join(sorted(foreign)[:3])})",
                           "give an empty folder or one written by `claims build`")


def read_table(path: str | Path, name: str, *, columns=None, filters=None) -> pa.Table:
    """One table from a tables folder (or dataset folder); errors name the file."""
    file = tables_dir(path) / f"{name}.parquet"
    if not file.exists():
        raise MissingTable(file, f"no {name} table here", "run `claims build` first, or give the folder it wrote")
    if not file.is_file():
        raise CorruptTable(file, "is not a file", "remove it and rebuild the tables with `claims build`")
    known = TABLES[name].names
    asked = list(columns or []) + [f[0] for f in _flat(filters)]
    unknown = [c for c in asked if c not in known]
    if unknown:
        raise ValueError(f"{name}: unknown column(s) {', '.join(map(str, unknown))}; the columns are {', '.join(known)}")
    groups = _groups(filters)
    try:
        parquet = pq.ParquetFile(file)
        stored = parquet.schema_arrow
        table = _read_needed(file, parquet, columns, groups)
        if not groups:
            table.validate(full=True)  # e.g. invalid UTF-8 in a string column
    except (pa.ArrowInvalid, OSError) as err:
        raise CorruptTable(file, f"cannot be read as Parquet ({err})", "rebuild it with `claims build`") from None
    except (KeyError, ValueError) as err:
        raise CorruptTable(file, f"bad column or filter ({err})", "check the column names against the README schema") from None
    check_schema(file, stored, name)
    if groups:
        try:
            table = table.filter(_mask(table, groups))
        except (pa.ArrowException, TypeError, ValueError) as err:
            raise ValueError(f"{name}: filter {filters!r} does not fit the columns' types ({err})") from None
        try:
            table = _as_stored(table, stored)   # text columns read as dictionaries: plain text again, rows kept only
            table.validate(full=True)   # the rows kept (e.g. invalid UTF-8 in a string column)
        except pa.ArrowInvalid as err:
            raise CorruptTable(file, f"cannot be read as Parquet ({err})", "rebuild it with `claims build`") from None
    return table.select(list(columns)) if columns is not None and table.column_names != list(columns) else table


def _as_stored(table: pa.Table, stored: pa.Schema) -> pa.Table:
    if all(table.schema.field(i).type.equals(stored.field(c).type) for i, c in enumerate(table.column_names)):
        return table
    return pa.table([c if c.type.equals(stored.field(n).type) else c.cast(stored.field(n).type)
                     for n, c in zip(table.column_names, table.columns)], schema=pa.schema(
        [stored.field(n) for n in table.column_names], metadata=table.schema.metadata))


# --- filters, applied by this module -----------------------------------------------------------------------
# A table of the toolkit is one file, read with ParquetFile (not pq.read_table(filters=), which goes through
# pyarrow.dataset: an extra import and a first scan that cost 0.05-0.4 s in a fresh process): row groups whose
# statistics rule out every row are skipped (claims are sorted by article: one article's claims are one row group of
# a million, 0.17 s -> 0.025 s), the columns asked for and those the filters name are read, and the filters become
# one boolean mask (same meaning as pyarrow's filters: a list of (column, op, value) ANDed, or a list of such lists
# ORed; a row where a comparison is null is left out; a null is "not in" any list).

_COMPARE = {"=": "equal", "==": "equal", "!=": "not_equal", "<": "less", "<=": "less_equal", ">": "greater",
            ">=": "greater_equal"}
_OPS = (*_COMPARE, "in", "not in")


def _groups(filters) -> list[list[tuple]]:
    """The filters as a list of AND-groups (an OR of ANDs)."""
    if not filters:
        return []
    groups = filters if isinstance(filters[0], list) else [filters]
    for group in groups:
        for term in group:
            if not (isinstance(term, (tuple, list)) and len(term) == 3 and term[1] in _OPS):
                raise ValueError(f"a filter is (column, op, value) with op one of {', '.join(_OPS)}, not {term!r}")
    return [[tuple(term) for term in group] for group in groups]


def _read_needed(file: Path, parquet: pq.ParquetFile, columns, groups: list[list[tuple]]) -> pa.Table:
    """The columns asked for and those the filters name, from the row groups that may hold a row that passes."""
    meta = parquet.metadata
    wanted = list(dict.fromkeys(columns)) if columns is not None else parquet.schema_arrow.names
    needed = wanted + [c for c in dict.fromkeys(term[0] for group in groups for term in group) if c not in wanted]
    leaves = {meta.schema.column(i).path: i for i in range(meta.num_columns)}
    row_groups = [i for i in range(meta.num_row_groups) if _may_match(meta.row_group(i), groups, leaves)]
    if groups and row_groups:   # text columns written with a dictionary are read as one: the filter moves indices
        schema = parquet.schema_arrow
        as_dictionary = [c for c in needed if _is_text(schema.field(c).type) and c in leaves
                         and all(meta.row_group(i).column(leaves[c]).has_dictionary_page for i in row_groups)]
        if as_dictionary:
            parquet = pq.ParquetFile(file, read_dictionary=as_dictionary)
    if len(row_groups) == meta.num_row_groups:
        return parquet.read(columns=needed)
    return parquet.read_row_groups(row_groups, columns=needed)


def _mask(table: pa.Table, groups: list[list[tuple]]):
    import pyarrow.compute as pc

    mask = None
    for group in groups:
        both = None
        for name, op, value in group:
            column = table.column(name)
            if pa.types.is_dictionary(column.type):     # test each distinct value once, then spread by index
                test = pa.chunked_array([_test(chunk.dictionary, op, value).take(chunk.indices) for chunk in column.chunks],
                                        pa.bool_())
                if op in ("in", "not in"):
                    test = pc.fill_null(test, op == "not in")
            else:
                test = _test(column, op, value)
            both = test if both is None else pc.and_kleene(both, test)
        mask = both if mask is None else pc.or_kleene(mask, both)
    return mask


def _test(values, op: str, value):
    import pyarrow.compute as pc

    if op in ("in", "not in"):          # as pyarrow's: a null is not in the values (so "not in" keeps it)
        test = pc.is_in(values, value_set=pa.array(list(value), values.type))
        return pc.invert(test) if op == "not in" else test
    return getattr(pc, _COMPARE[op])(values, pa.scalar(value, values.type))


def _may_match(row_group, groups: list[list[tuple]], leaves: dict[str, int]) -> bool:
    """False when the row group's min/max statistics show that no row passes the filters."""
    if not groups:
        return True
    return any(all(_term_may_match(row_group, leaves, term) for term in group) for group in groups)


def _term_may_match(row_group, leaves: dict[str, int], term: tuple) -> bool:
    name, op, value = term
    if name not in leaves or value is None:
        return True
    stats = row_group.column(leaves[name]).statistics
    if stats is None or not stats.has_min_max:
        return True
    low, high = stats.min, stats.max
    try:
        if op in ("=", "=="):
            return low <= value <= high
        if op == "in":
            return any(low <= v <= high for v in value)
        if op == "<":
            return low < value
        if op == "<=":
            return low <= value
        if op == ">":
            return high > value
        if op == ">=":
            return high >= value
    except TypeError:            # a value of another type than the column: let the mask decide (or raise)
        return True
    return True


def check_schema(file: Path, stored: pa.Schema, name: str) -> None:
    """CorruptTable unless the file carries this toolkit's schema version and each of its columns the README type."""
    version = (stored.metadata or {}).get(METADATA_KEY)
    if version is None:
        raise CorruptTable(file, "has no claims-toolkit schema version", "it was not written by `claims build`; rebuild it")
    if version.decode("utf-8", "replace") != SCHEMA_VERSION:
        raise CorruptTable(file, f"has schema version {version.decode('utf-8', 'replace')!r}; this toolkit reads {SCHEMA_VERSION!r}",
                           "rebuild the tables with this version of `claims build`")
    stamped = (stored.metadata or {}).get(TABLE_KEY)
    if stamped is not None and stamped.decode("utf-8", "replace") != name:
        raise CorruptTable(file, f"holds the {stamped.decode('utf-8', 'replace')} table, not {name}", f"put the {name} table in {file.name}")
    expected = TABLES[name]
    for column in stored:
        if column.name in expected.names and not column.type.equals(expected.field(column.name).type):
            raise CorruptTable(file, f"column {column.name} is {column.type}; the schema says {expected.field(column.name).type}",
                               "it does not follow the README schema; rebuild it with `claims build`", field=column.name)


def _flat(filters) -> list:
    """pyarrow filters are a list of tuples, or a list of such lists (OR of ANDs)."""
    if not filters:
        return []
    return [f for group in filters for f in (group if isinstance(group, list) else [group])]


def load(name: str, path=None, *, columns=None, filters=None):
    """A table as a pandas DataFrame with Arrow-backed dtypes; with no path, every bundled dataset together."""
    import pandas as pd

    paths = [path] if path is not None else [d for d in bundled_datasets() if (d / TABLES_DIR).is_dir()]
    if not paths:
        raise MissingTable(DATASETS, "no built dataset", "run `claims build`")
    parts = [_decode(read_table(p, name, columns=columns, filters=filters)) for p in paths]
    table = pa.concat_tables(parts, promote_options="default") if len(parts) > 1 else parts[0]
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _decode(table: pa.Table) -> pa.Table:
    """Dictionary columns become plain strings: friendlier in pandas, same values."""
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(columns, names=table.column_names)


def load_claims(path=None, *, columns=None, filters=None):
    """Claims as a DataFrame. `filters` uses pyarrow's syntax, e.g. [("claim_type", "=", "direct")].

    >>> load_claims(columns=["speaker", "wording"], filters=[("claim_type", "=", "direct")]).shape[1]
    2
    """
    return load("claims", path, columns=columns, filters=filters)


def load_articles(path=None, *, columns=None, filters=None):
    """Articles (with their full text) as a DataFrame."""
    return load("articles", path, columns=columns, filters=filters)


def load_clusters(path=None, *, columns=None, filters=None):
    """Cross-outlet clusters (one row per utterance or fact, singletons included) as a DataFrame.

    For example, the utterances that at least two independent sources carry:
    `load_clusters(filters=[("kind", "=", "utterance"), ("n_independent", ">=", 2)])`."""
    return load("clusters", path, columns=columns, filters=filters)


def load_discrepancies(path=None, *, columns=None, filters=None):
    """Discrepancy findings (one row per finding, most severe first) as a DataFrame.

    For example, the findings that change the meaning: `load_discrepancies(filters=[("severity", "=", "high")])`."""
    return load("discrepancies", path, columns=columns, filters=filters)


def load_entities(path=None, *, columns=None, filters=None):
    """The people, institutions and unresolved descriptions of each story (one row per entity and story) as a
    DataFrame; claims.speaker_entity_id points here. For example, who speaks most:
    `load_entities(filters=[("kind", "=", "person")]).sort_values("n_claims", ascending=False)`."""
    return load("entities", path, columns=columns, filters=filters)


def load_reuse(path=None, *, columns=None, filters=None):
    """Passages shared word for word between two articles of an event (wire copy) as a DataFrame."""
    return load("reuse", path, columns=columns, filters=filters)
