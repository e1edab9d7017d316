"""How alike two claims are: weighted overlap of content stems (containment and Dice) and character similarity.

Weights are inverse document frequencies inside one block (an event), so that the names every article of the
event repeats ("Russie", "Corée du Nord") count less than the words that make one utterance recognisable.

Words a claim holds between quotation marks of its own (« Les “gilets jaunes” ne nous croient plus », « Pour lui,
nous sommes la «peste brune» ») are a name the speaker uses or words the speaker quotes from someone else: they
say what the claim is about, not what it says, and are no content word of it (`labels`); the order-aware reading
still reads them. In an indirect claim, whose own marks hold the speaker's words, only marks inside those count.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from toolkit.align.tokens import Words, content, key, tokens

# A fragment is trusted to stand for a longer quotation only when its shared words weigh at least this much
# (about two uncommon words): "tous les sujets" alone is not enough, "situation dans la région" is.
MIN_EVIDENCE = 4.0


@dataclass(slots=True)
class Profile:
    words: list[str]            # folded tokens, in order
    stems: frozenset            # content stems (forms of one word merged)
    senses: frozenset           # content stems with synonyms merged too
    text: str                   # the senses joined in order, for character similarity
    seq: str                    # every word as a stem with synonyms merged (function words kept): order-aware reading
    w_senses: float = 0.0       # total weight of the senses and of the stems, once `weigh` has run
    w_stems: float = 0.0

    @classmethod
    def of(cls, wording: str, w: Words, indirect: bool = False) -> "Profile":
        toks = tokens(wording)
        seq = " ".join(key(t, w, synonyms=True) for t in toks)
        named = labels(wording, w, 2 if indirect else 1)
        kept = [t for t in toks if t not in named] if named else toks
        senses = content(kept, w, synonyms=True)
        return cls(toks, frozenset(content(kept, w)), frozenset(senses), " ".join(senses), seq)


_OPENING = "«“‘‹"
_CLOSING = {"«": "»", "“": "”", "‘": "’'", "‹": "›", '"': '"'}


def labels(wording: str, w: Words, depth: int = 1) -> frozenset:
    """Folded words the wording prints only between quotation marks of its own, at `depth` or deeper (1: inside any
    mark of the wording; 2: inside a mark that is itself inside one), not elsewhere in it. An ASCII apostrophe
    closes a ‘ only before a space or punctuation (« l'État » keeps its elision)."""
    stack: list[tuple[str, int]] = []
    spans = []
    for i, ch in enumerate(wording):
        if stack and ch in _CLOSING[stack[-1][0]] and (ch != "'" or i + 1 == len(wording) or not wording[i + 1].isalnum()):
            opened, start = stack.pop()
            if len(stack) + 1 >= depth:
                spans.append((start, i))
        elif ch in _OPENING or (ch == '"' and not (stack and stack[-1][0] == '"')):
            stack.append((ch, i + 1))
    if not spans:
        return frozenset()
    inside = set()
    outside = []
    cursor = 0
    for start, end in sorted(spans):
        if start >= cursor:
            outside.append(wording[cursor:start])
        inside.update(tokens(wording[start:end]))
        cursor = max(cursor, end)
    outside.append(wording[cursor:])
    return frozenset(inside - set(tokens(" ".join(outside))) - w.stopwords)


BACKGROUND = 50             # claims assumed not to hold a word, besides the block's own: keeps small events' weights sane


def idf(profiles) -> dict[str, float]:
    """Inverse document frequency of each stem among the profiles of one block, smoothed by BACKGROUND claims
    that do not hold it, so that a word in three claims of a four-claim event still counts as fairly rare."""
    df = Counter()
    n = 0
    for p in profiles:
        df.update(p.stems | p.senses)
        n += 1
    return {s: math.log(1.0 + (n + BACKGROUND) / (d + 0.5)) for s, d in df.items()}


def weigh(profiles, weights: dict[str, float], default: float = 2.0) -> None:
    """Store each profile's total weights (so that `similarity` does not sum them for every pair)."""
    for p in profiles:
        p.w_senses = math.fsum(weights.get(s, default) for s in p.senses)  # fsum: exact, so set order (hash seed) cannot change it
        p.w_stems = math.fsum(weights.get(s, default) for s in p.stems)


@dataclass(frozen=True, slots=True)
class Score:
    value: float                # what clustering uses, in [0, 1]
    containment: float          # weight of shared stems / weight of the smaller claim
    dice: float                 # 2 × shared weight / total weight
    chars: float                # character similarity of the sorted stems (rapidfuzz token_sort_ratio / 100)
    fragment: float             # the shorter wording found, in order, inside the longer (rapidfuzz partial_ratio / 100)
    evidence: float             # weight of the shared stems


NOTHING = Score(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def similarity(a: Profile, b: Profile, weights: dict[str, float], default: float = 2.0) -> Score:
    """Score two claims with the best of three readings, each discounted when the shared words weigh little:
    "the shorter is a piece of the longer" (a fragment, in order), "the longer holds every content word of the
    shorter" (direct vs indirect, reordered) and "they are two renderings of one text" (translations)."""
    shared = a.senses & b.senses
    if not shared:
        return NOTHING
    weight = lambda stems: math.fsum(weights.get(s, default) for s in stems)  # exact whatever the set order
    wa, wb, wi = a.w_senses or weight(a.senses), b.w_senses or weight(b.senses), weight(shared)
    dice = 2 * wi / (wa + wb)
    chars = fuzz.token_sort_ratio(a.text, b.text) / 100.0
    # containment counts only words shared as such (a synonym is no proof that a short claim is part of a long
    # one), and at least two of them (one word alone is a fragment: the order-aware reading judges it)
    common = a.stems & b.stems
    literal = weight(common)
    containment = literal / min(a.w_stems or weight(a.stems), b.w_stems or weight(b.stems)) if len(common) >= 2 else 0.0
    short, long_ = (a, b) if len(a.seq) <= len(b.seq) else (b, a)
    fragment = fuzz.partial_ratio(short.seq, long_.seq) / 100.0
    # a fragment in the right order is good evidence even with common words ("tous les sujets"): its function
    # words count for half a content word each
    order_trust = min(1.0, (wi + 0.5 * (len(short.words) - len(short.senses))) / MIN_EVIDENCE)
    value = max(containment * min(1.0, literal / MIN_EVIDENCE),
                (fragment if fragment >= 0.85 else 0.0) * order_trust,
                (dice + chars) / 2 * min(1.0, 0.5 + wi / MIN_EVIDENCE / 2))
    return Score(value, containment, dice, chars, fragment, wi)
