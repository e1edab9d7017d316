"""Findings inside one utterance cluster: wording variants, truncations, speaker and relay mismatches.

Only quotations (direct and partial) are compared word for word: an indirect clause is the journalist's
paraphrase and differs by construction. Quotations that read the same once folded (case, accents, apostrophes,
punctuation) are one variant. Severity follows one rule: `high` when the meaning or a fact differs (a negation,
a number, a name or the grammatical subject changes inside the same words, or words of opposite meaning replace
each other), `medium` when the attribution or
provenance differs (speaker, relay) or a truncation drops a condition, a negation or a number, `low` otherwise.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from toolkit.align.changes import Comparison, compare, display_words
from toolkit.align.claimset import ClaimSet
from toolkit.align.confidence import names_a_person, speaker_confidence
from toolkit.align.tokens import Words, content, numbers, tokens
from toolkit.text import fold

SEVERITIES = ("high", "medium", "low")
KINDS = ("wording_variant", "truncation", "speaker_mismatch", "via_mismatch", "fact_conflict", "name_spelling")
RELATED = 0.3           # two quotations sharing less than this share of the shorter's words are different parts
SAME_NAME = 85          # speakers or relays this alike (rapidfuzz ratio, folded, no spaces) are one spelled twice
BESIDE_SHARE = 0.5      # share of the words cut that the quotation next to a cut one must hold


@dataclass
class Finding:
    kind: str
    severity: str
    change: str                             # negation | number | entity | subject | words | dropped | speaker | anonymous | via | value | spelling
    event: str
    cluster_id: str | None
    claim_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    wordings: list[str] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)
    diff: str = ""
    score: float = 1.0
    explanation: str = ""
    confidence: float = 1.0                 # how sure the finding is (toolkit.align.confidence), set once all are found
    evidence: str = ""                      # what that confidence rests on

    @property
    def discrepancy_id(self) -> str:
        """Stable: a hash of the kind, the change, the cluster and the witnesses (claims, or articles and values)."""
        witnesses = sorted(self.claim_ids) or sorted(f"{a}\x1f{v}" for a, v in zip(self.article_ids, self.values))
        text = "\x1e".join([self.kind, self.change, self.event or "", self.cluster_id or "", *witnesses])
        return "d" + hashlib.sha1(text.encode()).hexdigest()[:15]

    def witness(self, cs: ClaimSet, i: int, value: str | None = None) -> None:
        self.claim_ids.append(cs.claim_id[i])
        self.article_ids.append(cs.article_id[i])
        self.sources.append(source_of(cs, i))
        self.wordings.append(cs.wording[i])
        self.values.append(value)


def source_of(cs: ClaimSet, i: int) -> str:
    return cs.source[i] or f"unknown:{cs.article_id[i]}"


def outlets(cs: ClaimSet, rows) -> str:
    """"Le Monde, Libération" — the outlets of these claims (the article id when the outlet is unknown), in
    first-seen order."""
    seen = []
    for i in rows:
        s = cs.source[i]
        if not s or s.startswith("unknown:"):
            s = cs.article_id[i]
        if s not in seen:
            seen.append(s)
    return ", ".join(seen)


@dataclass(eq=False)
class _Variant:
    key: str                # folded words
    text: str               # as printed by the first claim
    rows: list[int]


def utterance_findings(cs: ClaimSet, members: list[int], cluster: str, w: Words) -> list[Finding]:
    """Every finding of one utterance cluster (rows of `cs`)."""
    if len({cs.article_id[i] for i in members}) < 2 and len(members) < 2:
        return []
    event = cs.event[members[0]]
    findings = _quotation_findings(cs, members, cluster, event, w)
    findings.extend(_speaker_findings(cs, members, cluster, event))
    findings.extend(_anonymous_source_findings(cs, members, cluster, event))
    findings.extend(_via_findings(cs, members, cluster, event))
    return findings


def _variants(cs: ClaimSet, members: list[int]) -> list[_Variant]:
    out: dict[str, _Variant] = {}
    for i in members:
        if cs.claim_type[i] not in ("direct", "partial"):
            continue
        k = " ".join(fold(x) for x in display_words(cs.wording[i]))
        out.setdefault(k, _Variant(k, cs.wording[i], [])).rows.append(i)
    return list(out.values())


def _quotation_findings(cs: ClaimSet, members, cluster, event, w) -> list[Finding]:
    variants = _variants(cs, members)
    if len(variants) < 2:
        return []
    high: dict[tuple, dict] = {}
    truncations: dict[int, dict] = {}
    low: list[tuple[_Variant, _Variant, Comparison]] = []
    for x, y in combinations(range(len(variants)), 2):
        vx, vy = variants[x], variants[y]
        articles = {cs.article_id[i] for i in vx.rows + vy.rows}
        if len(articles) == 1 and not any(cs.claim_type[i] == "direct" for i in vx.rows + vy.rows):
            continue                        # two fragments of one article: parts, not renderings
        cmp = compare(vx.text, vy.text, w)
        short, long_ = (vx, vy) if cmp.short_first else (vy, vx)
        if cmp.changes and len(articles) == 1:
            continue                        # one article does not contradict itself: two parts of what was said
        if cmp.changes:
            for change in cmp.changes:
                entry = high.setdefault((change.kind, change.detail), {"variants": [], "cmp": cmp, "pair": (short, long_),
                                                                       "change": change})
                for v in (short, long_):
                    if v not in entry["variants"]:
                        entry["variants"].append(v)
            continue
        both_direct = any(cs.claim_type[i] == "direct" for i in short.rows) and any(cs.claim_type[i] == "direct" for i in long_.rows)
        if cmp.truncation and both_direct:
            entry = truncations.setdefault(id(short), {"short": short, "longer": [], "cmp": cmp})
            entry["longer"].append((long_, cmp))
        elif cmp.material and cmp.coverage >= RELATED:
            low.append((short, long_, cmp))
    findings = []
    for (kind, detail), entry in high.items():
        f = Finding("wording_variant", "high", kind, event, cluster)
        for v in entry["variants"]:
            for i in v.rows:
                f.witness(cs, i, v.text)
        short, long_ = entry["pair"]
        f.diff = entry["cmp"].diff
        f.score = round(fuzz.token_set_ratio(short.key, long_.key) / 100.0, 3)
        f.explanation = _explain_change(cs, entry["change"], short, long_)
        findings.append(f)
    for entry in truncations.values():
        short = entry["short"]
        # an article that also quotes the longer version in full only abridges itself (a headline): not a finding,
        # unless the short version splices the words (leaves some out of its middle)
        full = {cs.article_id[i] for long_, cmp in entry["longer"] if not cmp.spliced for i in long_.rows}
        # nor when the article quotes the words left out in the next (or previous) quotation of the same speaker:
        # another outlet merely joins two quotations into one (see toolkit.align.merged)
        rows = [i for i in short.rows if cs.article_id[i] not in full
                and not any(_quoted_beside(cs, i, cmp, w) for _, cmp in entry["longer"])]
        if not rows:
            continue
        short = _Variant(short.key, short.text, rows)
        worst = max(entry["longer"], key=lambda lc: _reservation(lc[1], w))
        own = {cs.article_id[i] for i in short.rows} >= {cs.article_id[i] for long_, _ in entry["longer"] for i in long_.rows}
        # an article that abridges its own quotation disagrees with no other outlet: at most low
        severity = "medium" if _reservation(worst[1], w) and not own else "low"
        f = Finding("truncation", severity, "dropped", event, cluster)
        for i in short.rows:
            f.witness(cs, i, short.text)
        for long_, _ in entry["longer"]:
            for i in long_.rows:
                f.witness(cs, i, long_.text)
        long_, cmp = worst
        f.diff = cmp.diff + f"  ⟂ dropped: {cmp.dropped}"
        f.score = round(cmp.coverage, 3)
        lost = (" — a condition, negation or number the shorter version loses." if severity == "medium" else ".")
        if {cs.article_id[i] for i in short.rows} <= {cs.article_id[i] for i in long_.rows}:
            f.explanation = (f"{outlets(cs, short.rows)} also prints a spliced version of a quotation it gives in full "
                             f"(« {clip(short.text)} »), leaving out « {clip(cmp.dropped)} » and words inside{lost}")
        else:
            f.explanation = (f"{outlets(cs, short.rows)} quotes only part of what {outlets(cs, long_.rows)} quotes, "
                             f"leaving out « {clip(cmp.dropped)} »{lost}")
        findings.append(f)
    # Two variants printed by the same articles (a fragment and its full quotation in one article, or in each of two
    # outlets) are not a disagreement between outlets: every one of them prints both.
    low = [(a, b, cmp) for a, b, cmp in low if {cs.article_id[i] for i in a.rows} != {cs.article_id[i] for i in b.rows}]
    if low:
        f = Finding("wording_variant", "low", "words", event, cluster)
        seen = []
        for short, long_, _ in low:
            for v in (short, long_):
                if v not in seen:
                    seen.append(v)
        for v in seen:
            for i in v.rows:
                f.witness(cs, i, v.text)
        f.diff = "\n".join(cmp.diff for _, _, cmp in low[:6])
        f.score = round(min(fuzz.token_set_ratio(s.key, l.key) for s, l, _ in low) / 100.0, 3)
        first = low[0]
        f.explanation = (f"The same words are rendered differently by {len({cs.article_id[i] for v in seen for i in v.rows})} "
                         f"articles (translation or paraphrase), e.g. {outlets(cs, first[0].rows)}: « {clip(first[0].text)} » "
                         f"vs {outlets(cs, first[1].rows)}: « {clip(first[1].text)} ».")
        findings.append(f)
    return findings


def _quoted_beside(cs: ClaimSet, i: int, cmp: Comparison, w: Words) -> bool:
    """Whether the speaker's quotation just before or after claim i in its article holds most of the words the cut
    version leaves out (the article quotes them apart: another outlet merely joined the two). Never when the words
    left out carry a condition, a negation or a number: that loss is reported whatever the article does next."""
    beside = [j for j in cs.neighbours(i) if j is not None and cs.claim_type[j] in ("direct", "partial")]
    if not beside:
        return False
    wanted = set(content(tokens(cmp.dropped), w))
    if not wanted or _reservation(cmp, w):
        return False
    return any(len(wanted & set(content(tokens(cs.wording[j]), w))) >= BESIDE_SHARE * len(wanted) for j in beside)


def _reservation(cmp: Comparison, w: Words) -> bool:
    """Whether the dropped words carry a condition, a reservation, a negation or a number."""
    dropped = fold(cmp.dropped)
    toks = tokens(cmp.dropped)
    return (any(re.search(rf"(?<!\w){re.escape(r)}(?!\w)", dropped) for r in w.reservations)
            or any(t in w.negations for t in toks if t not in ("n", "personne")) or bool(numbers(toks, w)))


def _explain_change(cs: ClaimSet, change, short, long_) -> str:
    """One sentence: what changed, with the words concerned on each side."""
    a, b = outlets(cs, short.rows), outlets(cs, long_.rows)
    if change.kind == "negation":
        return (f"The same quotation is negative in one outlet and positive in the other: {a} « {change.short or clip(short.text)} » "
                f"vs {b} « {change.long or clip(long_.text)} ».")
    if change.kind == "number":
        return f"A number changes inside the same quotation: {change.short} in {a} vs {change.long} in {b}."
    if change.kind == "entity":
        only_a = f"« {change.short} » only in {a}" if change.short else ""
        only_b = f"« {change.long} » only in {b}" if change.long else ""
        return (f"A name appears in one rendering of the quotation and not the other: {'; '.join(x for x in (only_a, only_b) if x)} "
                f"({a}: « {clip(short.text, 60)} » vs {b}: « {clip(long_.text, 60)} »).")
    if change.kind == "opposite":
        return (f"The renderings say opposite things: {a} « {change.short} » vs {b} « {change.long} » "
                f"(« {clip(short.text, 60)} » vs « {clip(long_.text, 60)} »).")
    return (f"Who acts changes inside the same quotation: {a} « {change.short} » vs {b} « {change.long} » "
            f"(« {clip(short.text, 60)} » vs « {clip(long_.text, 60)} »).")


def clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def same_name(a: str, b: str) -> bool:
    """One name spelled twice (Ben Youcef / Benyoucef), or one containing the other (agences / agences de presse russes)."""
    fa, fb = fold(a).strip(), fold(b).strip()
    if fa == fb or fa in fb or fb in fa:
        return True
    return fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) >= SAME_NAME


def _distinct(values: list[tuple[int, str]]) -> list[tuple[str, list[int]]]:
    """Group (row, name) by name, names that are one spelled twice together; first-seen order."""
    groups: list[tuple[str, list[int]]] = []
    for i, name in values:
        for g in groups:
            if same_name(g[0], name):
                g[1].append(i)
                break
        else:
            groups.append((name, [i]))
    return groups


def _disagreement(cs: ClaimSet, groups, values, kind: str, change: str, event, cluster) -> Finding | None:
    """One finding when claims of one cluster, from two articles or more, carry different values (speaker, relay)."""
    if len(groups) < 2 or len({cs.article_id[i] for _, rows in groups for i in rows}) < 2:
        return None
    f = Finding(kind, "medium", change, event, cluster)
    for name, rows in groups:
        for i in rows:
            f.witness(cs, i, values[i])
    f.diff = " | ".join(f"{name} ({outlets(cs, rows)})" for name, rows in groups)
    return f


def _alike(cs: ClaimSet, groups) -> float:
    """How alike the claims that disagree are: for each two groups, their most alike claims (the evidence that the
    same words get two attributions: a fragment against a long sentence is little evidence), the weakest of those."""
    return round(min(max(fuzz.ratio(fold(cs.wording[a]), fold(cs.wording[b])) for a in ra for b in rb)
                     for (_, ra), (_, rb) in combinations(groups, 2)) / 100.0, 3)


SPEAKER_EVIDENCE = 0.35    # two attributions of words this little alike (a headline's three words against a long
                           # sentence) are no evidence that the same words got two speakers


PRINTED_SPEAKER = 0.7      # a name held only by claims whose speaker is found less surely than this (carried over
                           # from an earlier paragraph, taken from the context) is the extraction's guess, not what
                           # an outlet printed: it is not compared


def _speaker_findings(cs: ClaimSet, members, cluster, event) -> list[Finding]:
    # only people's names can contradict each other: an unknown speaker, a description (« le chef de l'État ») or
    # a group never conflicts with a name; and only names that some outlet prints at the words (a guess against a
    # printed name is the extraction disagreeing with itself, not two outlets)
    groups = [(name, rows) for name, rows in _distinct([(i, cs.speaker[i]) for i in members if names_a_person(cs, i)])
              if max(speaker_confidence(cs, i) for i in rows) >= PRINTED_SPEAKER]
    f = _disagreement(cs, groups, cs.speaker, "speaker_mismatch", "speaker", event, cluster)
    if f is None:
        return []
    quote = next((cs.wording[i] for _, rows in groups for i in rows if cs.claim_type[i] == "direct"), f.wordings[0])
    f.score = _alike(cs, groups)
    if f.score < SPEAKER_EVIDENCE:
        return []
    parts = [f"{name} by {outlets(cs, rows)}" for name, rows in groups]
    f.explanation = f"« {clip(quote)} » is attributed to " + ", but to ".join(parts) + "."
    return [f]


ANONYMOUS_ALIKE = 0.8       # a named speaker and an anonymous source are compared only for nearly the same words …
ANONYMOUS_WORDS = (3, 4)    # … of a direct quotation this long at least (a shout), or of a partial one this long …
ANONYMOUS_MENTION_WORDS = 8  # … and for a source named in this many words at most (« un témoin attablé à la terrasse »)


def _anonymous_source_findings(cs: ClaimSet, members, cluster, event) -> list[Finding]:
    """One outlet gives the words to a named or institutional speaker (« le procureur Hervé Lambert ») and another
    to an explicit anonymous source (« un témoin », « selon une source »): who vouches for them changed. A speaker
    the extraction did not find is no source and never counts (a missing speaker is not a different one); an article
    that also gives the words to the named speaker changes nothing. Only quotations nearly the same
    (`ANONYMOUS_ALIKE`), so that a paraphrase or another statement is not taken for the one reported."""
    # a quotation of its own (a scare-quoted « gilets jaunes » is nobody's words), and a source named by a short
    # noun phrase (a whole sentence taken for the speaker is an extraction slip, not a source)
    quotation = lambda i: (cs.claim_type[i] == "direct" and len(display_words(cs.wording[i])) >= ANONYMOUS_WORDS[0]
                           or cs.claim_type[i] == "partial" and len(display_words(cs.wording[i])) >= ANONYMOUS_WORDS[1])
    named = [i for i in members if quotation(i) and cs.is_known_speaker(i) and cs.speaker_method[i] != "anonymous"]
    named_articles = {cs.article_id[i] for i in members if cs.is_known_speaker(i) and cs.speaker_method[i] != "anonymous"}
    anonymous = [i for i in members if quotation(i) and cs.speaker_method[i] == "anonymous" and cs.speaker_mention[i]
                 and len(cs.speaker_mention[i].split()) <= ANONYMOUS_MENTION_WORDS and cs.article_id[i] not in named_articles]
    if not named or not anonymous:
        return []
    found = _paired_finding(cs, Finding("speaker_mismatch", "medium", "anonymous", event, cluster), named, anonymous,
                            ANONYMOUS_ALIKE, lambda i: cs.speaker[i], lambda i: cs.speaker_mention[i])
    if found is None:
        return []
    f, keep_named, keep_anonymous = found
    names = _distinct([(i, cs.speaker[i]) for i in keep_named])
    sources = _distinct([(i, cs.speaker_mention[i]) for i in keep_anonymous])
    f.diff = " | ".join(f"{name} ({outlets(cs, rows)})" for name, rows in names + sources)
    f.explanation = (f"« {clip(cs.wording[keep_named[0]])} » comes from "
                     + ", ".join(f"{name} in {outlets(cs, rows)}" for name, rows in names)
                     + " but from an anonymous source in "
                     + ", ".join(f"{outlets(cs, rows)} (« {name} »)" for name, rows in sources) + ".")
    return [f]


DROPPED_RELAY_ALIKE = 0.8   # a relay named by one outlet and left out by another: only for the same words …
DROPPED_RELAY_WORDS = 6     # … of a quotation this long at least (two words prove nothing)


def _via_findings(cs: ClaimSet, members, cluster, event) -> list[Finding]:
    groups = _distinct([(i, cs.via[i]) for i in members if cs.via[i]])
    f = _disagreement(cs, groups, cs.via, "via_mismatch", "via", event, cluster)
    if f is None:
        return _dropped_relay(cs, members, groups, cluster, event)
    f.score = _alike(cs, groups)
    f.explanation = ("The same words are credited to different intermediaries: "
                     + "; ".join(f"{name} in {outlets(cs, rows)}" for name, rows in groups) + ".")
    return [f]


def _relay_nearby(cs: ClaimSet, i: int) -> bool:
    """Whether claim i's sentence, outside the quoted words, names an intermediary the extraction did not attach to
    it (« a fait un lien, dans un tweet, entre … : "…" »): a relay head noun of the language data (tweet, communiqué,
    agence, …) or a general relay's name (AFP, Twitter, …). Then the article does not print the words bare."""
    text = cs.texts.get(cs.article_id[i])
    start, end = cs.sentence_start[i], cs.sentence_end[i]
    if not text or start is None or end is None:
        return False
    around = text[start:cs.char_start[i]] + " " + text[cs.char_end[i]:end]
    heads, names = _relay_words()
    return (bool(set(re.findall(r"\w+", fold(around))) & heads)
            or any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", around) for n in names))


@lru_cache(maxsize=1)
def _relay_words() -> tuple[frozenset, tuple]:
    """Folded relay head nouns (toolkit/data/fr/grammar.toml [relays]) and general relays' names and aliases of three
    letters or more, as printed (toolkit/data/relays.toml)."""
    from toolkit.extract.lexicon import load
    from toolkit.registry import GENERAL_RELAYS, Registry

    heads = frozenset(fold(h) for h in load("fr").relay_heads)
    # names as printed, matched with their capitals (« Monde » names Le Monde, « tout le monde » nothing)
    names = tuple(sorted({n for e in Registry.load(GENERAL_RELAYS).entities for n in (e.name, *e.aliases) if len(n) >= 3}))
    return heads, names


def _dropped_relay(cs: ClaimSet, members, groups, cluster, event) -> list[Finding]:
    """One outlet credits an intermediary (« rencontrée par l'AFP ») and another prints the same words with none
    in its whole article's rendering of them: who the words passed through is lost. Only quotations nearly the
    same (`DROPPED_RELAY_ALIKE`), so that a paraphrase or another statement is not taken for the relayed one."""
    if len(groups) != 1:
        return []
    long_enough = lambda i: cs.claim_type[i] in ("direct", "partial") and len(display_words(cs.wording[i])) >= DROPPED_RELAY_WORDS
    relayed = [i for i in groups[0][1] if long_enough(i)]
    with_relay = {cs.article_id[i] for i in groups[0][1]}
    bare = [i for i in members if long_enough(i) and cs.article_id[i] not in with_relay and not _relay_nearby(cs, i)]
    if not relayed or not bare:
        return []
    found = _paired_finding(cs, Finding("via_mismatch", "medium", "via", event, cluster), relayed, bare,
                            DROPPED_RELAY_ALIKE, lambda i: cs.via[i], lambda i: None)
    if found is None:
        return []
    f, keep_a, keep_b = found
    name = groups[0][0]
    f.diff = f"{name} ({outlets(cs, keep_a)}) | no relay ({outlets(cs, keep_b)})"
    f.explanation = (f"{outlets(cs, keep_a)} says the words « {clip(cs.wording[keep_a[0]])} » came through {name}; "
                     f"{outlets(cs, keep_b)} prints them with no intermediary.")
    return [f]



def _paired_finding(cs, f: Finding, left: list[int], right: list[int], threshold: float, left_value, right_value):
    """The finding `f` witnessed by the claims of `left` and `right` whose wordings are nearly the same (each with the
    value its side gives it), scored by the weakest of the right side's best matches; None when no pair is alike."""
    pairs = _alike_pairs(cs, left, right, threshold)
    if not pairs:
        return None
    keep_left, keep_right = sorted({a for _, a, _ in pairs}), sorted({b for _, _, b in pairs})
    for i in keep_left:
        f.witness(cs, i, left_value(i))
    for i in keep_right:
        f.witness(cs, i, right_value(i))
    f.score = round(min(max(p for p, _, b in pairs if b == j) for j in keep_right), 3)
    return f, keep_left, keep_right


def _alike_pairs(cs, left: list[int], right: list[int], threshold: float) -> list[tuple[float, int, int]]:
    """(similarity, left row, right row) for the pairs whose wordings are nearly the same (fuzz.ratio ≥ threshold)."""
    pairs = [(fuzz.ratio(fold(cs.wording[a]), fold(cs.wording[b])) / 100.0, a, b) for a in left for b in right]
    return [p for p in pairs if p[0] >= threshold]
