"""Cluster the quotations and reported speech of each event: one cluster per original utterance.

A claim meets the claims of its own speaker (or of an unknown one) in its event and links to those alike enough
(`similarity`): translations of one answer, a fragment and the quotation it comes from, an indirect clause and
the direct quotation it reports. Claims of two different known speakers link only when their words are nearly
the same (`VERBATIM`), which is what a speaker mismatch looks like; different utterances of one speaker stay
apart because a cluster never holds two dissimilar claims from one article (see `clusters.link`). A claim the
words leave alone may then be placed by the order of its speaker's claims (`_sequence_edges`), and an article
that paraphrases a speaker then quotes them links the two (`_report_edges`).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from toolkit.align.blocking import candidate_pairs, groups, speaker_blocks
from toolkit.align.claimset import UNKNOWN_SPEAKERS, ClaimSet
from toolkit.align.clusters import link
from toolkit.align.similarity import MIN_EVIDENCE, Profile, idf, similarity, weigh
from toolkit.align.tokens import words_for
from toolkit.text import fold

LINK = 0.5                  # pairs scoring at least this are linked
SHORT_UNKNOWN = 3           # … but a claim of this many content words or fewer whose speaker is unknown (or facing an
UNKNOWN_EVIDENCE = 2 * MIN_EVIDENCE   # unknown one) links only when the words shared weigh this much: « les
                            # manifestants ne nous croient plus » is in every quotation saying « manifestants », « croient »
SAME_ARTICLE = 0.3          # two claims of one article scoring below this are two utterances
VERBATIM = 0.9              # claims of two known speakers link only this alike …
VERBATIM_MIN_WORDS = 5      # … and this long
SEQUENCE = 0.45            # score of a link read from the order of a speaker's words (below LINK: taken after the rest)
SOLE = 0.35                 # two articles' only quotations of one speaker this alike are one utterance (`_sole_edges`) …
SOLE_SHARED = 2             # … when they share this many content stems
REPORT = 0.2                # score of a link between a report and the quotation next to it (taken after every other)
REPEATED = 0.5             # two quotations of one article sharing less than this (Dice) are not one text printed twice
SHINGLE = 4                 # words per shingle when looking for verbatim passages across speakers


def _verbatim_in(a: str, b: str) -> bool:
    """One wording printed whole, word for word, inside the other (« colère des agriculteurs » in « la colère des
    agriculteurs »)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and f" {short} " in f" {long_} "


def profiles(cs: ClaimSet, rows: list[int], language: str = "fr") -> dict[int, Profile]:
    w = words_for(language)
    return {i: Profile.of(cs.wording[i], w, cs.claim_type[i] == "indirect") for i in rows}


def align(cs: ClaimSet, rows: list[int], language: str = "fr") -> tuple[dict[int, int], dict[tuple[int, int], float], dict[int, Profile]]:
    """Cluster label (a row index) of every row in `rows` (non-statement claims), the scores of the links made,
    and the profiles computed (the discrepancy step reuses them)."""
    labels: dict[int, int] = {}
    scores: dict[tuple[int, int], float] = {}
    every_profile: dict[int, Profile] = {}
    for _, event_rows in sorted(groups([cs.event[i] for i in rows]).items(), key=lambda kv: str(kv[0])):
        event_rows = [rows[k] for k in event_rows]
        found, links, prof = _align_event(cs, event_rows, language)
        labels.update(found)
        scores.update(links)
        every_profile.update(prof)
    return labels, scores, every_profile


def _align_event(cs: ClaimSet, rows: list[int], language: str = "fr"):
    prof = profiles(cs, rows, language)
    weights = idf(prof.values())
    weigh(prof.values(), weights)
    features = {i: prof[i].senses for i in rows}
    edges: dict[tuple[int, int], float] = {}
    cache: dict[tuple[int, int], float] = {}
    strength: dict[tuple[int, int], float] = {}       # linked pair -> how much of both claims is shared (Dice)
    evidence: dict[tuple[int, int], float] = {}       # scored pair -> the weight of the words they share

    def score(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            found = similarity(prof[i], prof[j], weights)
            cache[key] = found.value
            strength[key] = found.dice
            evidence[key] = found.evidence
        return cache[key]

    inner: dict[int, list[int]] = {}           # report -> the reports nested inside it in its article
    for r in rows:
        outer = cs.outermost(r)
        if outer != r and cs.claim_type[r] == "indirect" == cs.claim_type[outer]:
            inner.setdefault(outer, []).append(r)

    def nested_fits_better(i: int, j: int) -> bool:
        # « D'après une source, [il a été arrêté …, où il avait appelé à [se rassembler]] » and another outlet's
        # « [se rassembler] »: the call inside the source's clause is the other one's counterpart, not the clause
        if (i in inner) == (j in inner):
            return False          # two clauses that each hold a report, or neither: compared as they are
        outer, other = (i, j) if i in inner else (j, i)
        return any(score(k, other) >= score(outer, other) for k in inner[outer])

    for block in speaker_blocks(cs.event, cs.speaker, rows, UNKNOWN_SPEAKERS):
        for i, j in candidate_pairs(block, features):
            if cs.overlap(i, j):
                edges[(i, j)] = 1.0
                continue
            value = score(i, j)
            if value >= LINK and nested_fits_better(i, j):
                continue
            if value >= LINK and (cs.is_known_speaker(i) and cs.is_known_speaker(j)
                                  or evidence[(i, j) if i < j else (j, i)] >= UNKNOWN_EVIDENCE
                                  or min(len(prof[i].senses), len(prof[j].senses)) > SHORT_UNKNOWN
                                  or _verbatim_in(prof[i].seq, prof[j].seq)):    # the same words, in order
                edges[(i, j)] = value
    for i, j in _verbatim_pairs(cs, rows, prof):
        edges.setdefault((i, j), fuzz.ratio(prof[i].seq, prof[j].seq) / 100.0)

    continues: dict[int, int] = {}          # claim -> the claim before it in its article, which it continues
    reported: dict[int, frozenset] = {}     # claim -> the claims of its article it is one utterance with (`_report_edges`)

    def alike(x: int, y: int) -> bool:
        if cs.one_utterance(x, y) or score(x, y) >= SAME_ARTICLE:
            return True
        # a claim placed by the order of the speaker's words continues the claim before it (`_sequence_edges`): it
        # may sit with whatever that one sits with
        return any(c in continues and (other == continues[c] or alike(other, continues[c]))
                   for c, other in ((x, y), (y, x)))

    def compatible(x: int, y: int) -> bool:
        # a report and the quotation next to it are one utterance: either may sit with whatever the other sits with
        group = reported.get(x)
        if group is not None and y in group:
            return True
        return any(alike(a, b) for a in reported.get(x, (x,)) for b in reported.get(y, (y,)))

    local = sorted(rows, key=lambda r: cs.claim_id[r])          # claim order, not row order: ids do not depend on it
    position = {r: k for k, r in enumerate(local)}
    articles = [cs.article_id[r] for r in local]
    voices = [fold(cs.speaker[r]) if cs.is_known_speaker(r) else None for r in local]

    def apart(x: int, y: int) -> bool:
        # a report and a quotation of one article that are not one utterance to it: two statements (an outlet
        # that paraphrases one thing and quotes another)
        types = {cs.claim_type[x], cs.claim_type[y]}
        if cs.nested_report(x, y):
            return True
        if cs.one_utterance(x, y) or (x in reported and y in reported[x]):
            return False
        if "indirect" in types and len(types) == 2:
            return True
        # two quotations of one article, one holding the other's words among many more: a title or slogan and the
        # text that ends with it (« Gilets jaunes, ne faiblissez pas ! » and « Une nouvelle Europe … ne faiblissez
        # pas ! »), not the same words printed twice (a headline repeating its body quotation)
        return types == {"direct"} and score(x, y) >= LINK and strength[(x, y) if x < y else (y, x)] < REPEATED

    def cluster(pairs: dict) -> dict[int, int]:
        found = link(len(local), [(v, position[i], position[j], strength.get((i, j), 1.0)) for (i, j), v in pairs.items()],
                     articles, lambda a, b: compatible(local[a], local[b]), lambda a, b: apart(local[a], local[b]), voices)
        return {r: local[found[position[r]]] for r in local}

    labels = cluster(edges)
    extra, continues_ = _sequence_edges(cs, rows, labels, prof, score)
    for key, value in _sole_edges(cs, rows, labels, prof, score).items():
        extra.setdefault(key, value)
    reports = [p for p in _report_edges(cs, rows, labels, prof, words_for(language).report_quote_shared)
               if p not in edges and p not in extra]
    if extra or reports:
        continues.update(continues_)
        edges.update(extra)
        while True:
            # a report and its quotation count as one claim in the cluster check only if their own link is taken:
            # drop the links refused and cluster again (the set only shrinks; usually no second round)
            reported.clear()
            reported.update(_groups(reports))
            labels = cluster({**edges, **dict.fromkeys(reports, REPORT)})
            kept = [(a, b) for a, b in reports if labels[a] == labels[b]]
            if len(kept) == len(reports):
                break
            reports = kept
        edges.update(dict.fromkeys(reports, REPORT))
    return labels, edges, prof


def _groups(pairs: list[tuple[int, int]]) -> dict[int, frozenset]:
    """Claim -> the claims linked to it through `pairs`, itself included."""
    groups: dict[int, set] = {}
    for a, b in pairs:
        group = groups.get(a, {a}) | groups.get(b, {b})
        for c in group:
            groups[c] = group
    return {c: frozenset(g) for c, g in groups.items()}


def _report_edges(cs: ClaimSet, rows: list[int], labels: dict[int, int], prof: dict[int, Profile], min_shared: int):
    """Links between an indirect report and a quotation (direct or partial) of the same known speaker in the same
    or the next sentence of one article, in different clusters, sharing at least `min_shared` content stems.

    An article that paraphrases what someone said and then quotes it (« Le président a évoqué la possibilité que la
    Russie aide la Corée du Nord … ». « C'est pourquoi nous sommes venus ici … ») gives one utterance in two forms
    that may share few words: the translation of the quotation in another outlet then meets the report only
    through this article. Only when one of the two clusters already holds another article's claims (the link is
    for meeting across outlets). Returns the pairs, sorted. The clusters still merge only if no article ends up
    with two unrelated claims in one cluster (the caller treats a linked pair as one claim in that check). Cost:
    per claim, the claims of its speaker up to the next sentence."""
    sequences = cs.speaker_sequences(rows)
    articles_of = _articles_of(cs, rows, labels)
    pairs = set()
    quotes = ("direct", "partial")
    for seq in sequences.values():
        for k, a in enumerate(seq):
            for m in range(k + 1, len(seq)):
                b = seq[m]
                if not cs.adjacent(a, b):
                    break               # claims are in text order: the next ones are further still
                types = {cs.claim_type[a], cs.claim_type[b]}
                if ("indirect" not in types or not types & set(quotes) or labels[a] == labels[b]
                        or len(articles_of[labels[a]] | articles_of[labels[b]]) < 2 or cs.overlap(a, b)
                        or len(prof[a].stems & prof[b].stems) < min_shared):
                    continue
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def _articles_of(cs: ClaimSet, rows: list[int], labels: dict[int, int]) -> dict[int, set]:
    """cluster label -> the articles its claims come from."""
    articles_of: dict[int, set] = {}
    for i in rows:
        articles_of.setdefault(labels[i], set()).add(cs.article_id[i])
    return articles_of


def _sequence_edges(cs: ClaimSet, rows: list[int], labels: dict[int, int], prof: dict[int, Profile], score):
    """Links read from the order of a speaker's words, for claims the words alone left without a partner.

    Outlets report what one person said in the order it was said. A claim x alone in its article's cluster, whose
    previous claim by the same speaker (same or previous sentence) is aligned with the previous claim of a claim y
    of another article, and which shares a content word, a number or a name with y, is the same utterance
    translated differently (« … de toutes les questions ». « Lentement. Il est temps » against « … tous les sujets
    … ». « Nous discuterons … Nous avons le temps »). Not when the claim after x is already aligned with y: then x
    is something the other article left out.

    Returns the edges, scored below LINK so that they come after every link the words make, and for each x the
    claim before it when the other article holds y and the claim before y in one cluster (a paraphrase and the
    quotation that follows it, or a quotation continued in the next sentence): x then continues that claim, and
    the cluster check lets x sit with whatever it sits with. Cost: per cluster, its followers squared."""
    sequences = cs.speaker_sequences(rows)
    articles_of = _articles_of(cs, rows, labels)
    # neighbour's cluster -> (claim, its previous claim, its next claim) for the claims whose previous claim is in it
    by_neighbour: dict[int, list[tuple[int, int, int | None]]] = {}
    for seq in sequences.values():
        for k in range(1, len(seq)):
            if cs.adjacent(seq[k - 1], seq[k]):
                after = seq[k + 1] if k + 1 < len(seq) else None
                by_neighbour.setdefault(labels[seq[k - 1]], []).append((seq[k], seq[k - 1], after))
    edges: dict[tuple[int, int], float] = {}
    continues: dict[int, int] = {}
    for anchor, members in sorted(by_neighbour.items()):
        if len(articles_of[anchor]) < 2:
            continue                            # the previous claims are not aligned across articles
        for x, px, nx in members:
            if articles_of[labels[x]] != {cs.article_id[x]}:
                continue                        # x already has a partner in another article
            for y, py, _ in members:
                if (cs.article_id[y] == cs.article_id[x] or cs.speaker[y] != cs.speaker[x]
                        or labels[y] == labels[x] or not prof[x].stems & prof[y].stems):
                    continue
                if nx is not None and labels[nx] == labels[y]:
                    continue                    # the claim after x is already y's partner: x is a gap, not y
                key = (x, y) if x < y else (y, x)
                edges[key] = min(SEQUENCE, max(score(x, y), SEQUENCE / 2))
                if labels[y] == labels[py]:
                    continues[x] = px
    return edges, continues


def _sole_edges(cs: ClaimSet, rows: list[int], labels: dict[int, int], prof: dict[int, Profile], score) -> dict[tuple[int, int], float]:
    """Links between the only quotation of a speaker in one article and the only quotation of that speaker in
    another, when the words alone fell just short (`SOLE` instead of `LINK`) and neither has a partner elsewhere:
    two outlets translating one communiqué differently (« Cet investissement garantit l'avenir à long terme du
    terminal » / « Cet investissement assure la pérennité du terminal »), sharing two content words at least. Cost:
    per speaker, their sole quotations
    squared (one per article)."""
    articles_of = _articles_of(cs, rows, labels)
    sole: dict[tuple, list[int]] = {}
    for (article, speaker), seq in cs.speaker_sequences(rows).items():
        quotes = [i for i in seq if cs.claim_type[i] == "direct"]
        if len(quotes) == 1 and articles_of[labels[quotes[0]]] == {article}:
            sole.setdefault((cs.event[quotes[0]], speaker), []).append(quotes[0])
    edges = {}
    for claims in sole.values():
        for x, y in _sharing(claims, prof, SOLE_SHARED):
            if score(x, y) >= SOLE:
                edges[(x, y) if x < y else (y, x)] = min(SEQUENCE, score(x, y))
    return edges


def _sharing(claims: list[int], prof: dict[int, Profile], at_least: int) -> list[tuple[int, int]]:
    """The pairs (x, y), x before y in `claims`, whose profiles share `at_least` content stems, in that order.

    Found through the claims of each stem rather than by scoring every pair: with thousands of one-line articles
    the pairs (and the cache of their scores) grew with the square of the number of articles."""
    place = {x: k for k, x in enumerate(claims)}
    holders: dict[str, list[int]] = {}
    for x in claims:
        for stem in prof[x].stems:
            holders.setdefault(stem, []).append(x)
    shared: dict[tuple[int, int], int] = {}
    for members in holders.values():
        for k, x in enumerate(members):
            for y in members[k + 1:]:
                shared[(x, y)] = shared.get((x, y), 0) + 1
    return sorted((pair for pair, n in shared.items() if n >= at_least), key=lambda p: (place[p[0]], place[p[1]]))


def _verbatim_pairs(cs: ClaimSet, rows: list[int], prof: dict[int, Profile]):
    """Pairs of claims with two different known speakers whose words are nearly the same."""
    known = [i for i in rows if cs.is_known_speaker(i) and len(prof[i].words) >= VERBATIM_MIN_WORDS]
    if len({cs.speaker[i] for i in known}) < 2:
        return
    shingles = {}
    for i in known:
        seq = prof[i].seq.split()
        shingles[i] = {" ".join(seq[k:k + SHINGLE]) for k in range(max(1, len(seq) - SHINGLE + 1))}
    for i, j in candidate_pairs(known, shingles, all_pairs_max=0):
        if cs.speaker[i] == cs.speaker[j] or cs.article_id[i] == cs.article_id[j]:
            continue
        if fuzz.ratio(prof[i].seq, prof[j].seq) / 100.0 >= VERBATIM:
            yield (i, j) if i < j else (j, i)
