"""Every error the toolkit raises on bad input, each naming the file (and line or field) and the fix."""

from __future__ import annotations


class ToolkitError(Exception):
    """Input the toolkit cannot use; the command line exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, path, problem: str, fix: str = "", *, line: int | None = None, field: str | None = None):
        self.path, self.problem, self.fix, self.line, self.field = str(path), problem, fix, line, field
        where = self.path
        if line is not None:
            where += f", line {line}"
        if field:
            where += f", field '{field}'"
        message = f"{where}: {problem}"
        if fix:
            message += f" — {fix}"
        super().__init__(message)

    def __reduce__(self):
        """Errors raised in a worker process travel back to the main process whole (file, line, field)."""
        return _rebuild, (type(self), self.path, self.problem, self.fix, self.line, self.field)


def _rebuild(cls, path, problem, fix, line, field):
    return cls(path, problem, fix, line=line, field=field)


class BadManifest(ToolkitError):
    """The manifest CSV is malformed or points at files that do not exist."""


class BadArticle(ToolkitError):
    """An article file cannot be read as UTF-8 text."""


class NoArticles(ToolkitError):
    """The input folder holds no article files."""


class BadRegistry(ToolkitError):
    """The entity registry (TOML) is malformed."""


class BadLexicon(ToolkitError):
    """A language data file (cue verbs, relays, quote marks) is malformed."""


class NoLanguageData(BadLexicon):
    """No language data folder for an article's language: the article is kept and not extracted."""


class MissingTable(ToolkitError):
    """A Parquet table the command needs is not there."""


class CorruptTable(ToolkitError):
    """A Parquet table exists but cannot be read or has the wrong schema."""


class BadReviewFile(ToolkitError):
    """The review file of a dataset is malformed."""


class UnknownFinding(ToolkitError):
    """A review names a finding that the dataset's discrepancies table does not hold."""


class BadSuite(ToolkitError):
    """An expectation suite JSON file is malformed or unknown."""


class UnsafeOutput(ToolkitError):
    """The output folder holds files that are not this toolkit's tables, so it will not be replaced."""


class BadTable(ToolkitError):
    """A table of articles (JSON Lines, CSV, Parquet) cannot be read or has no text column."""


class BadArchive(ToolkitError):
    """A web archive (WARC) is truncated or malformed."""


class OutputBusy(ToolkitError):
    """Another build is writing into the same place and did not finish in time."""


class CannotWrite(ToolkitError):
    """The output folder cannot be written (a full disk, no permission); the previous tables are untouched."""


class ExtractionFailed(ToolkitError):
    """Extraction raised an error on one article: the build stops and the previous tables stay."""


class WorkerCrashed(ToolkitError):
    """A worker process died (killed, out of memory) while it held some articles or events."""
