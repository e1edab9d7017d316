"""Every Great Expectations call of the toolkit: one ephemeral context, suites loaded from JSON, runs, Data Docs."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from functools import cache
from pathlib import Path

from toolkit.errors import BadSuite
from toolkit.validate.suites import Suite

DATASOURCE = "claims_toolkit"
DOCS_SITE = "claims_toolkit_docs"
DEFAULT_SITE = "local_site"  # the ephemeral context's own site, rooted in a temporary folder: never built here


class _Session:
    """The process's GX context with one dataframe asset per table and one validation definition per suite."""

    def __init__(self):
        gx = _gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        if DEFAULT_SITE in self.context.list_data_docs_sites():
            self.context.delete_data_docs_site(DEFAULT_SITE)
        self.source = self.context.data_sources.add_pandas(DATASOURCE)
        self.batches = {}
        self.definitions = {}  # suite name -> (suite JSON text, ValidationDefinition)

    def batch_definition(self, table: str):
        if table not in self.batches:
            self.batches[table] = self.source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        return self.batches[table]

    def definition(self, suite: Suite):
        text = suite.file.read_text(encoding="utf-8")
        known = self.definitions.get(suite.name)
        if known and known[0] == text:
            return known[1]
        if known:  # same name, other JSON (a user's suite named like a bundled one): replace it
            self.context.validation_definitions.delete(suite.name)
            self.context.suites.delete(suite.name)
        gx_suite = self.context.suites.add(load_suite(suite))
        definition = self.context.validation_definitions.add(
            self.gx.ValidationDefinition(name=suite.name, data=self.batch_definition(suite.table), suite=gx_suite))
        self.definitions[suite.name] = (text, definition)
        return definition


def _gx():
    """The great_expectations module; importing it costs seconds, so only the validate code path gets here."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no network here; GX would try to send usage events
    import great_expectations

    return great_expectations


@cache
def _session() -> _Session:
    return _Session()


def load_suite(suite: Suite):
    """The GX ExpectationSuite of a suite JSON file, built the way GX's own expectations store reads one."""
    _gx()  # registers every expectation type before configs are resolved
    from great_expectations.core.expectation_suite import ExpectationSuite, ExpectationSuiteSchema
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    data = suite.read()
    # ExpectationSuite() logs and drops an invalid expectation instead of raising; build each one first to say which.
    for number, config in enumerate(data["expectations"], start=1):
        try:
            ExpectationConfiguration(**config).to_domain_obj()
        except Exception as err:  # GX raises several unrelated types for a bad config
            raise BadSuite(suite.file, f"expectation #{number} ({config.get('type')}) is not valid: {err}",
                           "check its type and kwargs against the GX 1.x expectation gallery") from None
    try:
        return ExpectationSuite(**ExpectationSuiteSchema().load(data))
    except Exception as err:
        raise BadSuite(suite.file, f"is not a GX suite ({err})", "compare it with expectations/integrity_claims.json") from None


def dumps(gx_suite) -> str:
    """A suite as JSON text, as GX's filesystem expectations store writes it (plus a final newline)."""
    _gx()
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    return ExpectationSuiteSchema().dumps(gx_suite, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


ROWS_KEPT = 20      # unexpected rows listed per expectation (the report shows these; the count says how many)


def run(suite: Suite, frame, parameters: dict, run_name: str) -> list[dict]:
    """Validate one frame against one suite; one plain result dict per expectation, in the suite's order.

    Results are kept in the context's in-memory store until `forget()`, so that `build_docs` can render them."""
    from great_expectations.core.run_identifier import RunIdentifier

    definition = _session().definition(suite)
    outcome = definition.run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=parameters,
        # SUMMARY: counts and the first ROWS_KEPT unexpected rows; COMPLETE listed every unexpected row, and GX's
        # serialising of a million of them took most of a validation of a million claims.
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": ROWS_KEPT},
        run_id=RunIdentifier(run_name=safe_name(run_name), run_time=dt.datetime.now(dt.timezone.utc)),
    )
    # GX returns results grouped by its own plan, not in suite order; the ids it gave on add put them back.
    order = {e.id: i for i, e in enumerate(definition.suite.expectations)}
    results = sorted(outcome.results, key=lambda r: order.get(r.expectation_config.id, len(order)))
    return [_plain(r) for r in results]


def safe_name(label: str) -> str:
    """A run name GX can store and render: its store keys refuse '/', and Data Docs show the name unescaped,
    so only letters, digits, '.', '_' and '-' are kept (a folder path becomes 'path_to_tables')."""
    return re.sub(r"[^\w.-]+", "_", label, flags=re.ASCII).strip("_") or "tables"


def _plain(result) -> dict:
    """The parts of a GX expectation result the toolkit reports, free of GX types."""
    data = json.loads(json.dumps(result.to_json_dict(), default=str))
    config, found = data["expectation_config"], data.get("result") or {}
    kwargs = config.get("kwargs", {})
    if "column" in kwargs:
        columns = [kwargs["column"]]
    elif "column_A" in kwargs:
        columns = [kwargs["column_A"], kwargs["column_B"]]
    else:
        columns = []
    return {
        "type": config["type"],
        "columns": columns,
        "severity": config.get("severity") or "critical",
        "description": config.get("description") or "",
        "notes": config.get("notes"),
        "success": bool(data["success"]),
        "element_count": found.get("element_count"),
        "unexpected_count": found.get("unexpected_count"),
        # With no unexpected_index_column_names, pandas results list the frame's index: the row number in the file.
        "unexpected_rows": found.get("partial_unexpected_index_list") or found.get("unexpected_index_list") or [],
        "observed": found.get("observed_value"),
        "details": found.get("details"),
        "error": _error(data.get("exception_info") or {}),
    }


def _error(info: dict) -> str | None:
    """The message of an exception GX caught while evaluating an expectation (one flat dict, or one per metric)."""
    infos = [info] if "raised_exception" in info else [i for i in info.values() if isinstance(i, dict)]
    messages = [i.get("exception_message") or "unknown error" for i in infos if i.get("raised_exception")]
    return "; ".join(dict.fromkeys(messages)) or None


def forget() -> None:
    """Drop the stored validation results, so that the next Data Docs show only the runs that follow."""
    store = _session().context.validation_results_store
    for key in store.list_keys():
        store.remove_key(key)


def escaped(value):
    """Every string inside `value` (dicts, lists, tuples) with &, <, >, " and ' written as HTML entities."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(escaped(v) for v in value)
    return value


def _escape_stored_results(context) -> None:
    """Data Docs print failing values and the values a suite was given (article ids, outlets, wordings) as they
    are, some unescaped: an article named `<script>…</script>` would run in the reader's browser. So every value
    that comes from the data is escaped in the stored results before rendering; the report and its JSON and JUnit
    forms were made from the results before this, with the values as they are."""
    store = context.validation_results_store
    for key in store.list_keys():
        suite_result = store.get(key)
        for result in suite_result.results:
            result.result = escaped(result.result or {})
            result.exception_info = escaped(result.exception_info or {})
            if result.expectation_config is not None:
                result.expectation_config.kwargs = escaped(result.expectation_config.kwargs)
        suite_result.meta = escaped(suite_result.meta or {})
        store.set(key, suite_result)


def build_docs(out: str | Path, suites: list[Suite]) -> Path:
    """Write Data Docs (these suites and the stored results) as static HTML into `out`, and nowhere else.

    Returns the index page. Pages already in `out` whose suite or result is not part of this run are removed."""
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    context = _session().context
    names = {s.name for s in suites}
    # Without identifiers GX renders every suite the context ever held, a user's suite from an earlier call included.
    resources = [k for k in context.expectations_store.list_keys() if k.name in names]
    resources += context.validation_results_store.list_keys()
    _escape_stored_results(context)
    # A site is a filesystem store even in an ephemeral context: add one rooted at `out` for this build only.
    context.add_data_docs_site(DOCS_SITE, {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    try:
        context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=resources)
    finally:
        context.delete_data_docs_site(DOCS_SITE)
    return out / "index.html"
