"""Turn a dataset's tables into the frames the suites check: read them, refuse unusable ones, add the derived columns."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import CorruptTable
from toolkit.inputs import Inputs
from toolkit.inputs import of as find_inputs
from toolkit.registry import GENERAL_RELAYS, REGISTRY_NAME, Registry
from toolkit.schema import TABLE_KEY, TABLES
from toolkit.tables import read_table, tables_dir

# Columns the suites check that are not in the files; each suite's column list ends with them.
DERIVED = {
    "articles": ("sha256_of_text", "length_of_text", "in_table_order"),
    "claims": ("article_n_chars", "article_source", "text_at_offsets", "in_table_order", "cluster_listed", "article_listed"),
    "discrepancies": ("reviewed", "verdict", "claims_listed"),
}
# Values the suites receive as {"$PARAMETER": name}: they depend on the dataset, so they cannot sit in the JSON.
PARAMETERS = ("article_ids", "article_sources", "registry_ids", "latest_plausible_date")
FUTURE_DAYS = 2  # a dated manifest may run slightly ahead of UTC (time zones, embargoed copy)


@dataclass
class Prepared:
    """One dataset ready for the suites: a frame per table (index = row number in the file) and the parameters."""

    label: str
    folder: Path
    frames: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def prepare(path: str | Path, tables: set[str], reviews: str | Path | None = None) -> Prepared:
    """Read `tables` (claims bring articles along: their checks join on them) and derive what the suites need.

    The registry and the reviews file are those the build recorded in build.json (`toolkit.inputs`), or for older
    tables the ones beside a `tables/` folder; `reviews` names another reviews file."""
    folder = tables_dir(path)
    inputs = find_inputs(path)
    dataset = inputs.articles
    prepared = Prepared(dataset.name if dataset else str(folder), folder)
    # Every table is read whatever the suites: a dataset with a missing, unreadable or mistyped table is unusable.
    raw = {name: _read(folder, name) for name in TABLES}
    articles = prepared.frames["articles"] = _articles(raw["articles"])
    if "claims" in tables:
        prepared.frames["claims"] = _claims(raw["claims"], articles, raw["clusters"])
    if "discrepancies" in tables:
        prepared.frames["discrepancies"] = _discrepancies(raw["discrepancies"], path, reviews, prepared.notes,
                                                          set(raw["claims"]["claim_id"].dropna().tolist()))
    prepared.parameters = {
        "article_ids": sorted(set(articles["article_id"].dropna().tolist())),
        "article_sources": sorted(set(articles["source"].dropna().tolist())),
        "registry_ids": sorted(e.id for e in _registry(inputs, prepared.notes).entities),
        "latest_plausible_date": (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=FUTURE_DAYS)).isoformat(),
    }
    return prepared


def _registry(inputs: Inputs, notes: list[str]) -> Registry:
    if inputs.missing:
        notes.append(f"The registry file(s) these tables were built with are gone ({', '.join(inputs.missing)}), so "
                     f"speaker and relay ids are checked against the general relays ({GENERAL_RELAYS.name}) and the "
                     "rest of the recorded registry only.")
    if not inputs.recorded and inputs.articles is None:
        notes.append("No dataset folder around these tables, so speaker and relay ids are checked against the general "
                     f"relays only ({GENERAL_RELAYS.name}); validate the dataset folder to use its {REGISTRY_NAME}.")
    return Registry.load(GENERAL_RELAYS, *inputs.registry)


def _read(folder: Path, name: str):
    """The table as a pandas frame with plain dtypes; CorruptTable when it is another table or lacks columns."""
    table = read_table(folder, name)
    file = folder / f"{name}.parquet"
    stamped = (table.schema.metadata or {}).get(TABLE_KEY)
    if stamped is not None and stamped.decode() != name:
        raise CorruptTable(file, f"holds the {stamped.decode()} table, not {name}", f"put the {name} table in {file.name}")
    missing = [c for c in TABLES[name].names if c not in table.column_names]
    if missing:
        raise CorruptTable(file, f"lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                           "it does not follow the README schema; rebuild it with `claims build`")
    # pandas' default dtypes are what GX's pandas checks are written for; dictionary columns (the schema's columns of
    # few values) become categoricals: GX filters the whole frame for each row condition, and a categorical's rows
    # are moved as integer codes (a million claims: 0.45 s -> 0.23 s a filter) where plain strings are copied.
    return table.to_pandas()


def _articles(frame):
    texts = frame["text"].tolist()
    frame["sha256_of_text"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() if isinstance(t, str) else None for t in texts]
    frame["length_of_text"] = [len(t) if isinstance(t, str) else None for t in texts]
    frame["in_table_order"] = _in_order(frame, ["article_id"])
    return frame


def _in_order(frame, names: list[str]) -> list[bool]:
    """Whether each row's sort key (the columns `names`) is at or after the previous row's (the README promises
    sorted rows). A key with a null or a value of another type is out of order."""
    if _all_in_order(frame, names):       # the usual case, told by comparing whole columns with their next rows
        return [True] * len(frame)
    return _in_order_row_by_row(list(zip(*(frame[name].tolist() for name in names))))


def _all_in_order(frame, names: list[str]) -> bool:
    """True when no key has a null and every row's key is at or after the previous row's (tuple order)."""
    later = same = None
    for name in names:
        column = frame[name]
        if column.isna().any():
            return False
        values = column.to_numpy(dtype=object)
        try:
            greater, equal = values[1:] > values[:-1], values[1:] == values[:-1]
        except TypeError:
            return False
        if later is None:
            later, same = greater, equal
        else:
            later, same = later | (same & greater), same & equal
    return later is None or bool((later | same).all())


def _in_order_row_by_row(keys: list[tuple]) -> list[bool]:
    flags, previous = [], None
    for key in keys:
        try:
            fine = all(v is not None and v == v for v in key) and (previous is None or key >= previous)
        except TypeError:
            fine = False
        flags.append(bool(fine))
        previous = key if fine else previous
    return flags


def _claims(frame, articles, clusters):
    # First row wins for a repeated article_id: the articles suite reports the repeat itself.
    first = articles.drop_duplicates("article_id")
    texts = dict(zip(first["article_id"], first["text"]))
    lengths = dict(zip(first["article_id"], first["n_chars"]))
    sources = dict(zip(first["article_id"], first["source"]))
    ids = frame["article_id"].tolist()
    frame["article_n_chars"] = [lengths.get(i) for i in ids]
    frame["article_source"] = [sources.get(i) for i in ids]
    frame["text_at_offsets"] = _texts_at_offsets(texts, ids, frame["char_start"], frame["char_end"])
    frame["in_table_order"] = _in_order(frame, ["article_id", "char_start", "char_end"])
    known = set(clusters["cluster_id"].dropna().tolist())
    frame["cluster_listed"] = [c in known for c in frame["cluster_id"].tolist()]
    # a set looked up here, not a value set of every article id: GX copies an expectation's arguments many times
    frame["article_listed"] = [None if i is None or i != i else i in texts for i in ids]
    return frame


def _discrepancies(frame, path: Path, given: str | Path | None, notes: list[str], claim_ids: set[str]):
    """Mark each finding reviewed or not from the tables' reviews file; stale reviews become notes."""
    from toolkit.align.confidence import CONFIDENT
    from toolkit.validate.review import read_reviews, review_path

    reviews = read_reviews(path, given)
    ids = frame["discrepancy_id"].tolist()
    frame["reviewed"] = [i in reviews for i in ids]
    # only findings the toolkit is sure of fail the suite unreviewed (toolkit.align.confidence.CONFIDENT)
    frame["confident"] = [bool(c >= CONFIDENT) for c in frame["confidence"].tolist()]
    frame["verdict"] = [reviews[i].verdict if i in reviews else None for i in ids]
    frame["claims_listed"] = [all(c in claim_ids for c in (listed if listed is not None else [])) for listed in frame["claim_ids"].tolist()]
    stale = sorted(set(reviews) - set(ids))
    if stale:
        notes.append(f"{len(stale)} review(s) in {review_path(path, given)} name findings that no longer exist "
                     f"(stale): {', '.join(stale[:5])}{'…' if len(stale) > 5 else ''}. Remove them or re-review.")
    return frame


def _texts_at_offsets(texts: dict, ids: list, starts, ends) -> list:
    """Each claim's article text at its offsets (see _slice)."""
    if starts.dtype.kind == "i" and ends.dtype.kind == "i":     # whole numbers, no null: _slice's test, inlined
        return [text[start:end] if type(text) is str and 0 <= start <= end <= len(text) else None
                for text, start, end in zip(map(texts.get, ids), starts.tolist(), ends.tolist())]
    return [_slice(texts.get(i), start, end) for i, start, end in zip(ids, starts.tolist(), ends.tolist())]


def _slice(text, start, end) -> str | None:
    """text[start:end], or None when the offsets cannot index the text (other checks report those rows).

    Python would happily slice with a negative or too-large offset and return some other text; that would
    turn one offset fault into a second, misleading wording mismatch."""
    if not isinstance(text, str) or not (_whole(start) and _whole(end)):
        return None
    start, end = int(start), int(end)
    if not 0 <= start <= end <= len(text):
        return None
    return text[start:end]


def _whole(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
