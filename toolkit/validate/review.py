"""The analyst's review file of a set of tables: a verdict per discrepancy finding, so reviewed findings stop failing CI.

`reviews.csv` has one row per finding: discrepancy_id, verdict, note, reviewer, date. By default it sits beside the
articles the tables were built from (recorded in the tables' build.json), or inside the tables folder, or wherever
`--reviews FILE` names; `toolkit.inputs` gives the order. Finding ids are hashes of the finding's content, so a
verdict follows its finding across rebuilds; a review whose finding no longer exists is stale and is reported.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from toolkit.errors import BadReviewFile
from toolkit.inputs import reviews_file
from toolkit.tables import REVIEW_FILE, tables_dir
COLUMNS = ("discrepancy_id", "verdict", "note", "reviewer", "date")
VERDICTS = {  # also spelled out in toolkit/cli/review.py for a light `claims --help`
    "confirmed": "a real inconsistency between outlets, acknowledged",
    "translation_variant": "the same words translated differently; nothing to correct",
    "false_alarm": "the toolkit paired or compared the wrong things",
    "acceptable": "a real difference that does not matter for this dataset",
}


@dataclass(frozen=True)
class Review:
    discrepancy_id: str
    verdict: str
    note: str
    reviewer: str
    date: str


def review_path(dataset: str | Path, reviews: str | Path | None = None) -> Path:
    """The reviews file of the tables at `dataset` (a tables folder or an article folder holding `tables/`):
    `reviews` when given, else the one `toolkit.inputs.reviews_file` finds."""
    return reviews_file(dataset, reviews)


def writable_review_path(dataset: str | Path, reviews: str | Path | None = None) -> Path:
    """Where `claims review --set` writes: the file `review_path` finds, unless it does not exist yet and its folder
    cannot be written or has no write bit (articles on a read-only share); then `reviews.csv` inside the tables
    folder, which `review_path` finds first from then on."""
    path = review_path(dataset, reviews)
    if reviews is not None or path.exists() or _writable(path.parent):
        return path
    return tables_dir(dataset) / REVIEW_FILE


def _writable(folder: Path) -> bool:
    """A folder this process may write and that is not marked read-only (no write bit: root could write it anyway)."""
    try:
        return folder.is_dir() and os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def read_reviews(dataset: str | Path, reviews: str | Path | None = None) -> dict[str, Review]:
    """Reviews by finding id; no file means no reviews. Errors name the file, line and field."""
    path = review_path(dataset, reviews)
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadReviewFile(path, f"is not UTF-8 ({err.reason} at byte {err.start})", "save it as UTF-8 CSV") from None
    except OSError as err:  # a folder named reviews.csv, no permission
        raise BadReviewFile(path, f"cannot be read ({err.strerror or err})", f"{REVIEW_FILE} must be a CSV file") from None
    # strict: an unclosed quotation mark at the end is an error, not a value that runs to the end of the file.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as err:
        raise BadReviewFile(path, f"is not valid CSV ({err})", "close every quotation mark", line=reader.line_num + 1) from None
    header = reader.fieldnames or []
    missing = [c for c in ("discrepancy_id", "verdict") if c not in header]
    if missing:
        raise BadReviewFile(path, f"no column {', '.join(missing)}", f"the header must be {','.join(COLUMNS)}", line=1)
    reviews: dict[str, Review] = {}
    for line, row in rows:
        if None in row:
            raise BadReviewFile(path, "more values than columns", f"quote values that contain commas; the columns are {','.join(COLUMNS)}", line=line)
        spanning = [name for name, value in row.items() if value and ("\n" in value or "\r" in value)]
        if spanning:
            raise BadReviewFile(path, "a value runs over several lines (an unclosed quotation mark?)", "close the quotation mark",
                                line=line, field=spanning[0])
        finding, verdict = (row.get("discrepancy_id") or "").strip(), (row.get("verdict") or "").strip()
        if not finding:
            raise BadReviewFile(path, "empty discrepancy_id", "copy the id from `claims review`", line=line, field="discrepancy_id")
        if verdict not in VERDICTS:
            raise BadReviewFile(path, f"unknown verdict '{verdict}'", f"use one of {', '.join(VERDICTS)}", line=line, field="verdict")
        if finding in reviews:
            raise BadReviewFile(path, f"'{finding}' is reviewed twice", "keep one row per finding", line=line, field="discrepancy_id")
        reviews[finding] = Review(finding, verdict, (row.get("note") or "").strip(), (row.get("reviewer") or "").strip(),
                                  (row.get("date") or "").strip())
    return reviews


def record(dataset: str | Path, discrepancy_id: str, verdict: str, note: str = "", reviewer: str = "",
           on: date | None = None, *, reviews_file: str | Path | None = None) -> Review:
    """Add or replace the verdict on one finding in the file `writable_review_path` gives; the file is rewritten
    atomically, sorted by id."""
    path = writable_review_path(dataset, reviews_file)
    if verdict not in VERDICTS:
        raise BadReviewFile(path, f"unknown verdict '{verdict}'", f"use one of {', '.join(VERDICTS)}", field="verdict")
    reviews = read_reviews(dataset, path)
    note, reviewer = " ".join(note.split()), " ".join(reviewer.split())  # one line each: a line break reads as a broken row
    review = Review(discrepancy_id, verdict, note, reviewer, (on or date.today()).isoformat())
    reviews[discrepancy_id] = review
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for r in sorted(reviews.values(), key=lambda r: r.discrepancy_id):
            writer.writerow([r.discrepancy_id, r.verdict, inert(r.note), inert(r.reviewer), r.date])
    os.replace(tmp, path)
    return review


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


def inert(value: str) -> str:
    """A value a spreadsheet shows as text: one that would start a formula (=, +, -, @) gets a leading apostrophe,
    as OWASP advises against CSV injection; reading the file back keeps the apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def split(findings, reviews: dict[str, Review]):
    """(open findings, reviewed findings, stale reviews) for a discrepancies DataFrame."""
    ids = set(findings["discrepancy_id"])
    reviewed = findings["discrepancy_id"].isin(list(reviews))
    stale = [r for r in reviews.values() if r.discrepancy_id not in ids]
    return findings[~reviewed], findings[reviewed], stale
