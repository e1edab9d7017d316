"""The claims table as plain Python columns, the form every alignment step reads."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

COLUMNS = ("claim_id", "article_id", "source", "published", "event", "claim_type", "speaker", "speaker_id", "speaker_confidence",
           "speaker_mention", "speaker_method", "via", "wording",
           "char_start", "char_end", "sentence_start", "sentence_end", "fact_slot", "fact_text", "fact_value",
           "fact_qualifier", "fact_about")
UNKNOWN_SPEAKERS = frozenset({None, "", "unknown"})
SPLIT_QUOTE_GAP = 40        # characters between two parts of one quotation split by an incise
SENTENCE_GAP = 3            # characters between one sentence's end and the next one's start (space, line break)


@dataclass
class ClaimSet:
    """Columns of the claims table (lists, row i is claim i) and the article texts by article_id."""
    columns: dict[str, list]
    texts: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)          # article_id -> outlet
    events: dict[str, str] = field(default_factory=dict)           # article_id -> event

    def __getattr__(self, name: str) -> list:
        try:
            return self.__dict__["columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __len__(self) -> int:
        return len(self.columns["claim_id"])

    @classmethod
    def of(cls, claims, articles=None) -> "ClaimSet":
        """From a claims table (pyarrow Table or pandas DataFrame) and, optionally, the articles table."""
        columns = {name: _column(claims, name) for name in COLUMNS}
        texts, sources, events = {}, {}, {}
        if articles is not None:
            ids = _column(articles, "article_id")
            for key, target in (("text", texts), ("source", sources), ("event", events)):
                values = _column(articles, key)
                target.update(zip(ids, values))
        return cls(columns, texts, sources, events)

    def is_known_speaker(self, i: int) -> bool:
        return self.columns["speaker"][i] not in UNKNOWN_SPEAKERS

    def overlap(self, i: int, j: int) -> bool:
        """Same article and overlapping spans (a partial inside its indirect clause); not a report inside another
        report (« D'après une source, [il a été arrêté …, où il avait appelé à [se rassembler]] »: two statements)."""
        c = self.columns
        return (c["article_id"][i] == c["article_id"][j] and c["char_start"][i] < c["char_end"][j]
                and c["char_start"][j] < c["char_end"][i] and not self._both_reports(i, j))

    def _both_reports(self, i: int, j: int) -> bool:
        return self.columns["claim_type"][i] == "indirect" == self.columns["claim_type"][j]

    def nested_report(self, i: int, j: int) -> bool:
        """One report inside the other in one article: two statements, never one cluster."""
        c = self.columns
        return (self._both_reports(i, j) and c["article_id"][i] == c["article_id"][j]
                and c["char_start"][i] < c["char_end"][j] and c["char_start"][j] < c["char_end"][i])

    def outermost(self, i: int) -> int:
        """The longest claim of the same article whose span holds claim i (i itself when none does)."""
        if "_outer" not in self.__dict__:
            self.__dict__["_outer"] = _outermost(self.columns)
        return self.__dict__["_outer"].get(i, i)

    def one_utterance(self, i: int, j: int) -> bool:
        """Two claims of one article that the article presents as parts of one utterance: overlapping spans, two
        fragments inside one reported clause, or a quotation split by a short incise (« A », a-t-il dit, « B »)."""
        c = self.columns
        if c["article_id"][i] != c["article_id"][j]:
            return False
        if self.overlap(i, j) or self.outermost(i) == self.outermost(j) and not self._both_reports(i, j):
            return True
        quotes = ("direct", "partial")
        if c["claim_type"][i] in quotes and c["claim_type"][j] in quotes and c["speaker"][i] == c["speaker"][j]:
            gap = max(c["char_start"][i], c["char_start"][j]) - min(c["char_end"][i], c["char_end"][j])
            return 0 <= gap <= SPLIT_QUOTE_GAP
        return False


    def adjacent(self, a: int, b: int) -> bool:
        """Two claims of one article in the same sentence or in two sentences that follow each other."""
        c = self.columns
        first, second = (a, b) if c["char_start"][a] <= c["char_start"][b] else (b, a)
        end, start = c["sentence_end"][first], c["sentence_start"][second]
        if end is None or start is None:
            return False
        return start - end <= SENTENCE_GAP

    def speaker_sequences(self, rows: list[int]) -> dict[tuple, list[int]]:
        """(article, speaker) -> that speaker's outermost claims in the article, in text order."""
        c = self.columns
        sequences: dict[tuple, list[int]] = {}
        for i in sorted(rows, key=lambda r: (c["article_id"][r], c["char_start"][r], -c["char_end"][r], c["claim_id"][r])):
            if self.is_known_speaker(i) and self.outermost(i) == i:
                sequences.setdefault((c["article_id"][i], c["speaker"][i]), []).append(i)
        return sequences

    def neighbours(self, i: int) -> tuple[int | None, int | None]:
        """The claims of the same speaker just before and just after claim i in its article (same or next
        sentence), or None: where an article goes on quoting someone."""
        if "_neighbours" not in self.__dict__:
            found = {}
            rows = [r for r in range(len(self)) if self.columns["claim_type"][r] != "statement"]
            for seq in self.speaker_sequences(rows).values():
                for k, r in enumerate(seq):
                    before = seq[k - 1] if k and self.adjacent(seq[k - 1], r) else None
                    after = seq[k + 1] if k + 1 < len(seq) and self.adjacent(r, seq[k + 1]) else None
                    found[r] = (before, after)
            self.__dict__["_neighbours"] = found
        return self.__dict__["_neighbours"].get(i, (None, None))


def _outermost(c: dict) -> dict[int, int]:
    """Row -> the longest row of the same article whose span contains it, for the rows contained in another."""
    out = {}
    by_article: dict = {}
    for i, a in enumerate(c["article_id"]):
        if c["claim_type"][i] != "statement":
            by_article.setdefault(a, []).append(i)
    for rows in by_article.values():
        rows.sort(key=lambda i: (c["char_start"][i], -c["char_end"][i]))
        outer = None
        for i in rows:
            if outer is not None and c["char_end"][i] <= c["char_end"][outer] and i != outer:
                out[i] = outer
            else:
                outer = i
    return out


def _column(table, name: str) -> list:
    if not isinstance(table, pa.Table):
        if name not in table.columns:
            return [None] * len(table)
        table = pa.Table.from_pandas(table[[name]], preserve_index=False)
    if name not in table.column_names:
        return [None] * table.num_rows
    return table.column(name).to_pylist()      # a dictionary column gives its values: no cast needed
