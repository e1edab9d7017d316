"""The tables' Arrow schemas, column meanings and schema version, declared in one place."""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.0"
EXTRACTOR_VERSION = "0.1.0"
METADATA_KEY = b"claims_toolkit.schema_version"
TABLE_KEY = b"claims_toolkit.table"

_DICT = pa.dictionary(pa.int32(), pa.string())
_TIME = pa.timestamp("ms", tz="UTC")   # Parquet has no second unit: ms is what reads back


def _field(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={b"doc": doc.encode()})


ARTICLES = pa.schema([
    _field("article_id", pa.string(), "File name without extension, the id column of a table, or host and URL hash of an archived page; unique in a collection.", False),
    _field("source", _DICT, "Outlet name from the manifest (or table column, or the page's site name), or 'unknown:<article_id>' when none is given.", False),
    _field("url", pa.string(), "Address of the article, from the manifest, the table, the page or the archive record."),
    _field("published", _TIME, "Publication date or time (UTC; a bare date is midnight UTC)."),
    _field("language", _DICT, "ISO 639-1 language code; 'fr' unless the manifest says otherwise.", False),
    _field("title", pa.string(), "Headline, from the manifest, the table or the page."),
    _field("event", _DICT, "Event label from the manifest or table; else the id of the story found for the article (stories.parquet).", False),
    _field("text", pa.large_string(), "Article text as read: Unicode NFC, newlines normalised to \\n; offsets index it.", False),
    _field("sha256", pa.string(), "SHA-256 of `text` encoded as UTF-8.", False),
    _field("n_chars", pa.int32(), "Length of `text` in characters (Python code points).", False),
    _field("problems", pa.list_(pa.string()), "Problems met while reading or extracting (e.g. an unclosed quotation mark), one sentence each.", False),
])

CLAIMS = pa.schema([
    _field("claim_id", pa.string(), "Stable id: a hash of article_id, claim_type and offsets (and fact slot for statements).", False),
    _field("article_id", _DICT, "Article the claim was read from.", False),
    _field("source", _DICT, "Outlet of that article.", False),
    _field("published", _TIME, "Publication date of that article."),
    _field("event", _DICT, "Event label of that article.", False),
    _field("claim_type", _DICT, "direct | partial | indirect | statement.", False),
    _field("speaker", _DICT, "Canonical speaker name (registry name, the name as printed, or 'unknown'); null for statements."),
    _field("speaker_id", _DICT, "Registry id of the speaker (e.g. a Wikidata QID), or null."),
    _field("speaker_mention", pa.string(), "The words in the article that designate the speaker for this claim."),
    _field("speaker_method", _DICT, "How the speaker was found: incise, intro, subject, selon, name, pronoun, pronoun_conflict (the pronoun's gender contradicts the speaker the context gives; flagged as a speaker_mismatch), carried, context, headline, anonymous, none (extraction); acronym, repeated, role, story_role, institution, document, relative, salience (resolution against the article's and story's entities, toolkit/resolve/speakers.py); description when a description stays unresolved."),
    _field("speaker_confidence", pa.float32(), "How sure the speaker is (0–1), from the method: a name in the claim's own sentence is surest, a description resolved by salience a guess; 0 for unknown; null for statements."),
    _field("speaker_entity_id", pa.string(), "The speaker's entity in entities.parquet (same story), or null."),
    _field("via", _DICT, "Intermediary that relayed the words (agency, channel, paper, communiqué, post), canonical; or null."),
    _field("via_id", _DICT, "Registry id of the relay, or null."),
    _field("via_mention", pa.string(), "The words in the article that name the relay."),
    _field("cue", _DICT, "Lemma of the reporting verb, or 'selon'; null when none."),
    _field("wording", pa.string(), "Exactly text[char_start:char_end] of the article.", False),
    _field("char_start", pa.int32(), "Start offset of the wording in the article text (code points).", False),
    _field("char_end", pa.int32(), "End offset (exclusive) of the wording in the article text.", False),
    _field("sentence_start", pa.int32(), "Start offset of the sentence that carries the claim (its context).", False),
    _field("sentence_end", pa.int32(), "End offset of that sentence.", False),
    _field("fact_slot", _DICT, "Statements: what the fact is: date | duration | count | ordinal | place | participants."),
    _field("fact_text", pa.string(), "Statements: the expression that carries the fact, as printed (e.g. 'plus de deux heures')."),
    _field("fact_value", pa.string(), "Statements: normalised value (ISO date, ISO 8601 duration, integer; a place's name; the participants' names, sorted, joined by '; ')."),
    _field("fact_qualifier", _DICT, "Statements: exact | more_than | less_than | about."),
    _field("fact_about", pa.string(), "Statements: the thing counted or the event dated or timed (e.g. 'discussions', 'lancements ratés')."),
    _field("cluster_id", pa.string(), "Cross-outlet cluster of claims reporting the same utterance or fact; null before alignment."),
    _field("extractor_version", _DICT, "Version of the extraction rules that produced the row.", False),
])

_STRINGS = pa.list_(pa.string())

CLUSTERS = pa.schema([
    _field("cluster_id", pa.string(), "Stable id: a hash of the event and the cluster's smallest claim_id; claims.cluster_id points here.", False),
    _field("event", _DICT, "Event label shared by every claim of the cluster.", False),
    _field("kind", _DICT, "utterance (quotations and reported speech of one original statement) or fact (journalists' statements about one thing).", False),
    _field("speaker", _DICT, "Utterances: the speaker most claims give (known speakers first); null for facts."),
    _field("fact_slot", _DICT, "Facts: date, duration, count, ordinal or place; null for utterances."),
    _field("fact_values", _STRINGS, "Facts: the distinct normalised values the statements give (more than one when they disagree or differ in precision).", False),
    _field("wording", pa.string(), "A representative wording: the longest direct quotation (else the longest claim); for facts, the value as printed.", False),
    _field("n_claims", pa.int32(), "Number of claims in the cluster.", False),
    _field("n_articles", pa.int32(), "Number of articles that carry it.", False),
    _field("n_sources", pa.int32(), "Number of distinct outlets that carry it.", False),
    _field("n_independent", pa.int32(), "Number of independent sources: articles that copy each other heavily (see reuse.parquet) count once.", False),
    _field("claim_ids", _STRINGS, "The cluster's claims, in table order.", False),
    _field("article_ids", _STRINGS, "The articles that carry it, sorted.", False),
    _field("sources", _STRINGS, "The outlets that carry it, sorted.", False),
    _field("n_findings", pa.int32(), "Number of discrepancy findings about this cluster.", False),
    _field("severity", _DICT, "Highest severity among those findings (high, medium or low), or null when none."),
])

DISCREPANCIES = pa.schema([
    _field("discrepancy_id", pa.string(), "Stable id: a hash of kind, change, cluster and the claims (or spellings) involved.", False),
    _field("event", _DICT, "Event the finding belongs to.", False),
    _field("kind", _DICT, "wording_variant, truncation, speaker_mismatch, via_mismatch, fact_conflict or name_spelling.", False),
    _field("severity", _DICT, "high: the meaning or a fact differs; medium: attribution or provenance differs, or a truncation drops a condition; low: cosmetic.", False),
    _field("change", _DICT, "What differs: negation, number, entity, subject or opposite (meaning changes); words, dropped, speaker, pronoun (within one article), via, value, spelling or typography.", False),
    _field("cluster_id", pa.string(), "Cluster the finding is about (null for a name spelled differently outside any one cluster)."),
    _field("claim_ids", _STRINGS, "Claims involved, one per witness (empty for name spellings found in the text).", False),
    _field("article_ids", _STRINGS, "Article of each witness.", False),
    _field("sources", _STRINGS, "Outlet of each witness.", False),
    _field("wordings", _STRINGS, "Wording of each witness: the claim as printed, or the spelling of the name.", False),
    _field("values", _STRINGS, "What differs for each witness: the variant quoted, the speaker, the relay, the fact value or the spelling.", False),
    _field("diff", pa.string(), "Readable difference: word diff ([-removed-] {+added+}) for wordings, 'A (outlets) ≠ B (outlets)' otherwise.", False),
    _field("score", pa.float64(), "How sure the toolkit is (0–1): how alike the claims are (utterances), how surely the statements are about one thing (facts), how alike the spellings are (names).", False),
    _field("explanation", pa.string(), "One sentence for a journalist: what differs, where.", False),
    _field("confidence", pa.float64(), "How sure the finding is (0–1): its score, times the confidence of the least sure speaker for a speaker or relay mismatch; the consistency suite fails only on high and medium findings at 0.6 or more.", False),
    _field("evidence", pa.string(), "What the confidence rests on: how alike the renderings are, how surely the speakers were found, why a severity was lowered.", False),
])

REUSE = pa.schema([
    _field("event", _DICT, "Event of the two articles.", False),
    _field("article_a", _DICT, "First article of the pair (the smaller id).", False),
    _field("article_b", _DICT, "Second article of the pair.", False),
    _field("char_start_a", pa.int32(), "Start of the shared passage in article_a's text.", False),
    _field("char_end_a", pa.int32(), "End (exclusive) of the passage in article_a's text.", False),
    _field("char_start_b", pa.int32(), "Start of the passage in article_b's text.", False),
    _field("char_end_b", pa.int32(), "End (exclusive) of the passage in article_b's text.", False),
    _field("n_words", pa.int32(), "Length of the passage in words.", False),
    _field("share_a", pa.float64(), "Share of article_a's words inside all passages it shares with article_b.", False),
    _field("share_b", pa.float64(), "Share of article_b's words inside all passages it shares with article_a.", False),
    _field("heavy", pa.bool_(), "Whether the pair shares enough (a quarter of the shorter article) to count as one source.", False),
    _field("passage", pa.large_string(), "The passage as printed in article_a.", False),
])

ENTITIES = pa.schema([
    _field("entity_id", pa.string(), "Stable id: a hash of the event and the entity's name key (case, accents, hyphens aside).", False),
    _field("event", _DICT, "Story (event) whose articles mention the entity; one entity per story.", False),
    _field("name", pa.string(), "Name as the articles print it in full (or the registry's canonical name).", False),
    _field("kind", _DICT, "person, institution, or description (a role no text ties to a name).", False),
    _field("gender", _DICT, "m or f when a title, a role's determiner or the given name tells; else null."),
    _field("aliases", _STRINGS, "Other spellings and short forms met (surname, acronym).", False),
    _field("roles", _STRINGS, "Roles the articles give the entity by apposition (« la toxicologue »), folded.", False),
    _field("registry_id", _DICT, "Id from a registry file (e.g. a Wikidata QID) when one matches, else null."),
    _field("n_mentions", pa.int32(), "Mentions of the entity outside quotations in the story's articles.", False),
    _field("n_claims", pa.int32(), "Claims whose speaker is this entity.", False),
    _field("articles", _STRINGS, "Articles that mention it or give it a claim, sorted.", False),
])

STORIES = pa.schema([
    _field("story_id", pa.string(), "The story: the manifest's event label, or (found from the texts) its first date, top keywords and a hash; articles.event and claims.event hold it.", False),
    _field("label", pa.string(), "What the story is about: the manifest's event label, or the top names and keywords its articles share.", False),
    _field("method", _DICT, "manifest (the event column gave it) or content (grouped by shared names and words and close dates).", False),
    _field("article_ids", _STRINGS, "The story's articles, sorted.", False),
    _field("first_published", _TIME, "Earliest publication date among its articles (null when none is dated)."),
    _field("last_published", _TIME, "Latest publication date among its articles."),
    _field("n_articles", pa.int32(), "Number of articles.", False),
    _field("n_outlets", pa.int32(), "Number of distinct outlets.", False),
])

TABLES = {"articles": ARTICLES, "claims": CLAIMS, "clusters": CLUSTERS, "discrepancies": DISCREPANCIES, "reuse": REUSE,
          "entities": ENTITIES, "stories": STORIES}

CLAIM_TYPES = ("direct", "partial", "indirect", "statement")


def describe(schema: pa.Schema) -> list[tuple[str, str, str]]:
    """(column, Arrow type, meaning) for every column: the README's schema tables are written from this."""
    return [(f.name, str(f.type), f.metadata[b"doc"].decode()) for f in schema]


def table(columns: dict[str, list], target: pa.Schema, name: str) -> pa.Table:
    """Columns of Python values as a table of `target` (dictionary columns encoded), stamped with its name."""
    if all(len(columns.get(f.name, ())) == 0 for f in target):
        # no rows: typing empty arrays column by column costs more than a small table's rows (a millisecond for the
        # discrepancies, once per story that has none)
        return with_metadata(target.empty_table(), name)
    arrays = []
    for f in target:
        plain = f.type.value_type if pa.types.is_dictionary(f.type) else f.type
        array = pa.array(columns.get(f.name, []), type=plain)
        arrays.append(array.cast(f.type) if plain != f.type else array)
    return with_metadata(pa.Table.from_arrays(arrays, schema=target), name)


def with_metadata(table: pa.Table, name: str) -> pa.Table:
    """Stamp the table name and schema version into the Parquet key-value metadata."""
    meta = dict(table.schema.metadata or {})
    meta.update({METADATA_KEY: SCHEMA_VERSION.encode(), TABLE_KEY: name.encode()})
    return table.replace_schema_metadata(meta)
