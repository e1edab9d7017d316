"""Stories: articles about the same news, for a folder whose manifest names no event.

`find_stories(articles)` groups the articles that have no event from the manifest into stories and sets their
`event` to the story's id; an event the manifest gives always wins (those articles form one story per event, as
given). Alignment and findings then work inside each story, never across two.

How (one job per step, in this order):
1. `profile`: each article's terms — light stems of its content words and the names it prints (each capitalised word
   not opening a sentence) — and their counts.
2. `keywords`: an article's most distinctive terms, by count × inverse document frequency over the folder; terms
   that only one article holds are left out (they can link nothing) and so are terms most articles hold.
3. candidates: articles whose keyword sets are alike are found with MinHash signatures in a locality-sensitive
   hashing index (datasketch `MinHashLSH`): each article meets only the few articles in its buckets, never the
   whole folder, so the cost grows with the number of articles, not its square.
4. `affinity`: a candidate pair is scored by the weight of the keywords they share over the weight of the smaller
   set, a set counted at least MASS_SHARE of the weight of the article's distinctive terms (those only it holds
   included: a two-line brief whose one word shared with the folder is « cent » is not all about that word); it
   links when the score reaches `LINK`, and, when both are dated, only when they are at most `MAX_GAP_DAYS` apart
   (an article without a date is grouped by its content alone).
5. `quoted`: two articles that print the same quotation are one story though they share fewer keywords (down to
   QUOTE_FLOOR): a quotation printed again is one statement, and the news it makes. The same QUOTE_RUN words in a
   row inside quotation marks, or the same whole quotation of QUOTE_WORDS words or more, opening with a capital,
   when the same name stands in the sentence of each (« Hollande : «Il faut continuer» »: a short sentence alone
   could be anyone's). One or two quoted words (« gilets jaunes ») name a thing, and words of the writer's sentence
   held at a distance (« une très grande violence ») are no statement; a quotation printed by more texts than a
   keyword may be (a slogan) links nothing; the dates must still be at most `MAX_GAP_DAYS` apart. The pairs come
   from an index of the quotations, never from comparing every pair of articles.
6. grouping: links are taken strongest first; two stories merge only while the dated articles of the result span at
   most `MAX_SPAN_DAYS` (so a long-running topic splits into its episodes instead of chaining into one).

A story's label is its top keywords as printed; its id holds its first date and that label and a hash of its
smallest article id, so the same folder gives the same stories on every machine.
"""

from __future__ import annotations

import hashlib
import math
import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from toolkit.align.tokens import stem, words_for
from toolkit.extract.lexicon import load as load_lexicon
from toolkit.text import fold

KEYWORDS = 30           # distinctive terms kept per article
NAME_WEIGHT = 2.0       # a name counts this much more than a common word of the same rarity
MAX_DF_SHARE = 0.2      # a term in more than this share of the articles (and more than MIN_COMMON) is topic, not story
MIN_COMMON = 4
LINK = 0.3              # affinity at which two articles are one story, when they also share a name …
COPY = 0.6              # … or this affinity without one
MASS_SHARE = 0.5        # an article's keywords weigh at least this share of its distinctive terms' weight (see `affinity`)
LSH_THRESHOLD = 0.1     # Jaccard of keyword sets at which LSH proposes a pair (recall first; `affinity` decides)
NUM_PERM = 128
MAX_GAP_DAYS = 3        # two dated articles further apart than this are never linked directly
MAX_SPAN_DAYS = 7       # a story's dated articles span at most this
LABEL_WORDS = 3
QUOTE_RUN = 8           # words in a row, inside quotation marks in both articles, that make two articles one story
QUOTE_WORDS = 3         # a whole quotation this long or longer links two articles whose sentences name one person
QUOTE_LINK = COPY       # the score of a link by a quotation (taken with the strongest links of content) …
QUOTE_FLOOR = LINK / 2  # … when the two articles' keywords are at least this alike (a statement quoted again in other news)
ZIPF_TOP = 6.0          # Zipf frequency from which a word counts as everyday (rarity 0); rarity is counted down from it

_WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
_QUOTED_WORD = re.compile(r"\w+", re.UNICODE)     # « vue-là » and « vue là » are the same words said
_NOBODY = frozenset()
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w-]{2,}", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:»«\"\n\-–—]\s*)$")


@dataclass
class Story:
    story_id: str
    label: str
    article_ids: list[str]
    first: datetime | None
    last: datetime | None
    n_outlets: int
    method: str                 # manifest (the manifest's event) | content (grouped here)


def find_stories(articles: list, language: str = "fr") -> list[Story]:
    """Group the articles without a manifest event into stories, set their `event`, and return every story (the
    manifest's events included), sorted by first article id."""
    given: dict[str, list] = defaultdict(list)
    free = []
    for a in articles:
        if getattr(a, "event_given", True):
            given[a.event].append(a)
        else:
            free.append(a)
    stories = [_story(event, members, "manifest", event) for event, members in given.items()]
    if free:
        for members, label in _group(free, language):
            story = _story(None, members, "content", label)
            for a in members:
                a.event = story.story_id
            stories.append(story)
    return sorted(stories, key=lambda s: s.article_ids[0])


# 1. profile ---------------------------------------------------------------------------------------------------

def profile(text: str, stopwords: frozenset, memo: dict | None = None) -> tuple[Counter, dict[str, str]]:
    """Term counts of one text (content stems, and names as 'n:' + folded name) and, per term, a form as printed.

    `memo` (word as printed -> its term, or None for a word that is no term) may be shared by the texts of one
    folder: most words recur, and their term is then read once."""
    memo = {} if memo is None else memo
    shown: dict[str, str] = {}
    terms = []
    for printed in _WORD.findall(text):
        term = memo.get(printed, "")
        if term == "":
            word = fold(printed)
            term = memo[printed] = None if len(word) < 4 or word in stopwords or word.isdigit() else stem(word)
        if term is not None:
            terms.append(term)
            if term not in shown:
                shown[term] = printed.lower()
    counts = Counter(terms)
    folded = fold(text)                 # one character for one: a name's folded form is the slice of its span
    for m in _NAME.finditer(text):
        start, end = m.span()
        if _SENTENCE_START.search(text[max(0, start - 3):start]):
            continue                                    # a capital that opens a sentence is no sign of a name
        name = folded[start:end]
        if name in stopwords:
            continue
        term = "n:" + name
        counts[term] += 1
        shown.setdefault(term, m.group())
    return counts, shown


# 2. keywords --------------------------------------------------------------------------------------------------

def keywords(counts: Counter, shown: dict[str, str], df: Counter, n_docs: int, max_df: int, language: str,
             min_df: int = 2) -> dict[str, float]:
    """The article's KEYWORDS most distinctive terms and their weights: count × rarity in the language × rarity in
    the folder, names weighted up. Rarity in the language (wordfreq's frequency lists) is what tells a story's words
    from everyday ones in a folder too small for its own counts to say it."""
    return _top(scored(counts, shown, df, n_docs, max_df, language), df, min_df)


def scored(counts: Counter, shown: dict[str, str], df: Counter, n_docs: int, max_df: int, language: str) -> list:
    """(-weight, term) of every term of the article in at most max_df texts, heaviest first (see `keywords`)."""
    out = []
    for term, c in counts.items():
        d = df[term]
        if d > max_df:
            continue
        weight = ((1 + math.log(c)) * rarity(fold(shown[term]), language) * math.log(1 + n_docs / d)
                  * (NAME_WEIGHT if term.startswith("n:") else 1.0))
        out.append((-weight, term))
    out.sort()
    return out


def _top(ranked: list, df: Counter, min_df: int) -> dict[str, float]:
    """The KEYWORDS heaviest terms of `scored` held by at least min_df texts."""
    top = {}
    for w, term in ranked:
        if df[term] >= min_df:
            top[term] = -w
            if len(top) == KEYWORDS:
                break
    return top


@lru_cache(maxsize=200_000)
def rarity(word: str, language: str) -> float:
    """How rare a word is in the language: ZIPF_TOP minus its Zipf frequency (0 for the commonest words)."""
    return max(0.0, ZIPF_TOP - zipf(word, language))


_PLAIN = re.compile(r"[a-z]+")


def zipf(word: str, language: str) -> float:
    """wordfreq's `zipf_frequency(word, language)`. A word of plain letters a-z is one token to wordfreq's tokenizer,
    as it is: its frequency is read straight from wordfreq's list, rounded as wordfreq rounds it (the tokenizer
    and its normalisation cost more than the rest of the story grouping); any other word goes through wordfreq."""
    if not _PLAIN.fullmatch(word):
        from wordfreq import zipf_frequency

        return zipf_frequency(word, language)
    from wordfreq import freq_to_zipf, zipf_to_freq

    freq = max(_frequencies(language).get(word, 0.0), zipf_to_freq(0.0))
    # wordfreq keeps three significant digits of a frequency (wordfreq._word_frequency), then rounds the Zipf value
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(freq_to_zipf(freq), 2)


@lru_cache(maxsize=None)
def _frequencies(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language, "best")     # the arguments wordfreq passes: one list in its cache, not two


# 4. affinity --------------------------------------------------------------------------------------------------

def affinity(a: dict[str, float], b: dict[str, float], mass_a: float = 0.0, mass_b: float = 0.0) -> float:
    """Weight of the shared keywords (the smaller of the two weights) over the weight of the smaller set, a set
    weighing at least MASS_SHARE of `mass` (the weight of the article's distinctive terms, the ones only it holds
    included) when given."""
    if not a or not b:
        return 0.0
    shared = sum(min(a[t], b[t]) for t in a.keys() & b.keys())
    return shared / min(max(sum(a.values()), MASS_SHARE * mass_a), max(sum(b.values()), MASS_SHARE * mass_b))


def _days_apart(x: datetime | None, y: datetime | None) -> float | None:
    if x is None or y is None:
        return None
    return abs((x - y).total_seconds()) / 86400.0


# 5. quoted ---------------------------------------------------------------------------------------------------

def quoted(text: str, stopwords: frozenset, lexicon) -> dict[tuple, frozenset]:
    """The article's quotation keys and, for each, the names printed in the sentence that holds it (outside any
    quotation): ('run', w1 … wQUOTE_RUN) for every QUOTE_RUN words in a row of a longer quotation (no names: such
    a run is one statement whoever is named), ('whole', words) for a whole quotation of QUOTE_WORDS to QUOTE_RUN - 1
    words that opens with a capital (a sentence said: « Il faut continuer », not words of the writer's sentence
    held at a distance: « une très grande violence »). Words are folded; a quotation with no content word
    (« Et alors, nous sommes là ») gives no key."""
    from toolkit.extract.quotes import quotations

    quotes = quotations(text, lexicon)
    if not quotes:
        return {}
    folded = fold(text)
    spans = [(q.open, q.close + 1) for q in quotes]
    found: dict[tuple, frozenset] = {}
    for q in quotes:
        words = _QUOTED_WORD.findall(folded, q.start, q.end)
        if len(words) < QUOTE_WORDS or not any(len(w) >= 4 and w not in stopwords for w in words):
            continue
        if len(words) >= QUOTE_RUN:
            found.update(dict.fromkeys([("run", *words[i:i + QUOTE_RUN]) for i in range(len(words) - QUOTE_RUN + 1)],
                                       _NOBODY))
        elif text[q.start].isupper():
            lo, hi = _sentence_of(text, q.open, spans)
            key = ("whole", *words)
            found[key] = found.get(key, _NOBODY) | _names(text, lo, hi, spans, stopwords, folded)
    return found


def _sentence_of(text: str, at: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence (toolkit.text.sentences, quotations masked) of the paragraph line that holds offset `at`."""
    from toolkit.text import sentences

    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    for start, end in sentences(text, lo, hi, [(a, b) for a, b in quotes if a < hi and b > lo]):
        if start <= at < end:
            return start, end
    return lo, hi


def _names(text: str, lo: int, hi: int, quotes: list[tuple[int, int]], stopwords: frozenset, folded: str) -> set[str]:
    """Folded names (as `profile` reads them: capitalised, not opening a sentence, holding a lower-case letter, so
    not « LIRE AUSSI ») printed between lo and hi outside the quotation spans given."""
    out = set()
    for m in _NAME.finditer(text, lo, hi):
        start, end = m.span()
        if (any(a <= start < b for a, b in quotes) or m.group().isupper()
                or _SENTENCE_START.search(text[max(0, start - 3):start])):
            continue
        name = folded[start:end]
        if name not in stopwords:
            out.add(name)
    return out


def quotation_links(quotes: list[dict[tuple, frozenset]], text_of: list[str], max_df: int) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of articles that print the same quotation (see `quoted`), through an index of the
    keys: a key printed by more than `max_df` distinct texts is a slogan and links nothing."""
    holders: dict[tuple, list[int]] = defaultdict(list)
    for i, keys in enumerate(quotes):
        for key in keys:
            holders[key].append(i)
    pairs = set()
    for key, members in holders.items():
        if len(members) < 2 or len({text_of[i] for i in members}) > max_df:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if key[0] == "run" or quotes[i][key] & quotes[j][key]:
                    pairs.add((i, j))
    return pairs


def _group(articles: list, language: str) -> list[tuple[list, str]]:
    from datasketch import MinHash, MinHashLSH

    stopwords = words_for(language).stopwords
    articles = sorted(articles, key=lambda a: a.article_id)
    memo: dict = {}
    profiles = [profile(a.text, stopwords, memo) for a in articles]
    # document frequencies over distinct texts: a text printed twice (a wire copy under two ids) must not make
    # every one of its words look shared, and so rare enough to be a keyword
    df: Counter = Counter()
    seen = set()
    for a, (counts, _) in zip(articles, profiles):
        if a.sha256 not in seen:
            seen.add(a.sha256)
            df.update(counts.keys())
    n, n_texts = len(articles), len(seen)
    max_df = max(MIN_COMMON, int(MAX_DF_SHARE * n_texts))
    ranked = [scored(counts, shown, df, n_texts, max_df, language) for counts, shown in profiles]
    keys = [_top(r, df, 2) for r in ranked]
    mass = [math.fsum(-w for w, _ in r[:KEYWORDS]) for r in ranked]     # the KEYWORDS heaviest terms, df 1 included

    # 3. candidates: MinHash LSH over the keyword sets
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = []
    for k, kw in enumerate(keys):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([t.encode("utf-8") for t in sorted(kw)])
        signatures.append(m)
        if kw:
            lsh.insert(k, m)
    edges = {}
    for k, kw in enumerate(keys):
        if not kw:
            continue
        for other in lsh.query(signatures[k]):
            if other <= k:
                continue
            gap = _days_apart(articles[k].published, articles[other].published)
            if gap is not None and gap > MAX_GAP_DAYS:
                continue
            score = affinity(kw, keys[other], mass[k], mass[other])
            if score >= LINK and (score >= COPY or any(t.startswith("n:") for t in kw.keys() & keys[other].keys())):
                edges[(k, other)] = score

    # 5. quotations printed by two articles
    lexicon = load_lexicon(language)
    quotes = [quoted(a.text, stopwords, lexicon) for a in articles]
    for i, j in quotation_links(quotes, [a.sha256 for a in articles], max_df):
        gap = _days_apart(articles[i].published, articles[j].published)
        score = affinity(keys[i], keys[j], mass[i], mass[j])
        if (gap is None or gap <= MAX_GAP_DAYS) and score >= QUOTE_FLOOR:
            edges[(i, j)] = max(edges.get((i, j), 0.0), QUOTE_LINK, score)
    edges = [(score, i, j) for (i, j), score in edges.items()]

    # 6. grouping: strongest links first, a story's dated articles within MAX_SPAN_DAYS
    parent = list(range(n))
    span = [(a.published, a.published) for a in articles]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        a, b = find(i), find(j)
        if a == b:
            continue
        dates = [d for d in (*span[a], *span[b]) if d is not None]
        if dates and _days_apart(min(dates), max(dates)) > MAX_SPAN_DAYS:
            continue
        a, b = min(a, b), max(a, b)
        parent[b] = a
        span[a] = (min(dates), max(dates)) if dates else (None, None)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    out = []
    for root in sorted(members):
        rows = members[root]
        # a story of one article is labelled by its own rarest words too (terms no other article holds)
        label_keys = keys if len(rows) > 1 else {
            rows[0]: _top(ranked[rows[0]], df, 1)}
        out.append(([articles[i] for i in rows], _label(rows, label_keys, profiles)))
    return out


def _label(rows: list[int], keys, profiles: list) -> str:
    """The story's top keywords (names first when they weigh as much), as printed."""
    total: Counter = Counter()
    for i in rows:
        for term, w in keys[i].items():
            total[term] += w
    if len(rows) > 1:
        shared = Counter({t: w for t, w in total.items() if sum(t in keys[i] for i in rows) >= 2})
        total = shared or total
    words, seen = [], set()
    for term, _ in sorted(total.items(), key=lambda tw: (-tw[1], tw[0])):
        shown = next(p[1][term] for p in (profiles[i] for i in rows) if term in p[1])
        folded = fold(shown)
        if any(folded in s or s in folded for s in seen):
            continue
        seen.add(folded)
        words.append(shown)
        if len(words) == LABEL_WORDS:
            break
    return ", ".join(words)


def _story(event: str | None, members: list, method: str, label: str) -> Story:
    members = sorted(members, key=lambda a: a.article_id)
    dates = sorted(a.published for a in members if a.published is not None)
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    if event is None:
        slug = "-".join(_WORD.findall(fold(label).replace("'", " ")))[:40].strip("-") or "story"
        digest = hashlib.sha1(members[0].article_id.encode()).hexdigest()[:6]
        event = f"{first.date().isoformat() if first else 'undated'}-{slug}-{digest}"
    return Story(event, label, [a.article_id for a in members], first, last,
                 len({a.source for a in members}), method)


def stories_table(stories: list[Story]):
    """The stories as the stories.parquet table (rows as given: sorted by first article id)."""
    from toolkit import schema

    columns = {
        "story_id": [s.story_id for s in stories],
        "label": [s.label for s in stories],
        "method": [s.method for s in stories],
        "article_ids": [s.article_ids for s in stories],
        "first_published": [s.first for s in stories],
        "last_published": [s.last for s in stories],
        "n_articles": [len(s.article_ids) for s in stories],
        "n_outlets": [s.n_outlets for s in stories],
    }
    return schema.table(columns, schema.STORIES, "stories")
