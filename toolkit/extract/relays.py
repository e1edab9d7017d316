"""Find the intermediary that relayed words (`via`): an agency, a channel, a paper, a communiqué, a post.

Registered relays (data/relays.toml and the dataset registry) are found by name anywhere in the attribution part
of the sentence; unregistered ones by a head noun ("la télévision russe", "des agences de presse russes").
Weak heads that are also ordinary words (site, compte, presse, message) count only right after a relay phrase
("selon", "rapporté par", "dans un", "sur son"). The search never looks inside quoted words or other sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.extract.lexicon import Lexicon
from toolkit.text import fold

@dataclass(frozen=True)
class Relay:
    name: str
    id: str | None
    mention: str
    start: int


def find(text: str, folded: str, spans: list[tuple[int, int]], registered, lexicon: Lexicon) -> Relay | None:
    """The first relay named in the given spans of the text (the attribution parts of a sentence)."""
    best: Relay | None = None
    for lo, hi in spans:
        for m in registered:
            if lo <= m.start and m.end <= hi:
                candidate = Relay(m.entity.name, m.entity.id, text[m.start:m.end], m.start)
                best = candidate if best is None or candidate.start < best.start else best
        for head in _heads(folded, lo, hi, lexicon):
            hs, he = head
            if any(hs <= m.start < he + 40 and m.end <= hi for m in registered):
                continue          # "l'agence de presse russe Interfax": the registered name wins
            phrase_end = _extend(text, folded, he, hi, lexicon)
            mention = text[hs:phrase_end]
            earlier = _antecedent(folded[hs:he], hs, registered, lexicon) if phrase_end == he else None
            if earlier:           # "a rapporté l'agence": the agency the article named before
                candidate = Relay(earlier.entity.name, earlier.entity.id, mention, hs)
            else:
                name = text[hs:he] if folded[hs:he] in _patterns(lexicon)[2] else mention
                candidate = Relay(_canonical(name, text, hs, he), None, mention, hs)
            best = candidate if best is None or candidate.start < best.start else best
    return best


def _antecedent(head: str, pos: int, registered, lexicon: Lexicon):
    """The latest registered relay of the kind a bare head names, before `pos`."""
    kind = lexicon.syntax.relay_kinds.get(head)
    before = [m for m in registered if m.start < pos and m.entity.kind == kind]
    return before[-1] if kind and before else None


def is_relay_phrase(text: str, folded: str, start: int, end: int, registered, lexicon: Lexicon) -> bool:
    """Does text[start:end] name an intermediary (so "selon X" gives the relay, not the speaker)?"""
    if any(start <= m.start < end for m in registered):
        return True
    return any(True for _ in _heads(folded, start, end, lexicon))


def is_document_phrase(folded: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A communiqué, a post, a dispatch: it carries someone's words but says nothing by itself."""
    documents = _patterns(lexicon)[2]
    return any(folded[a:b] in documents for a, b in _heads(folded, start, end, lexicon))


@lru_cache(maxsize=None)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    heads = "|".join(sorted((re.escape(fold(h)) for h in lexicon.relay_heads), key=len, reverse=True))
    triggers = "|".join(re.escape(fold(t)) for t in lexicon.relay_triggers)
    return (re.compile(rf"(?<![\w])({heads})(?![\w])"),
            re.compile(rf"(?:{triggers})\s+(?:(?:le|la|les|l'|un|une|des|son|sa|ses|du|au|aux)\s*)?$"),
            frozenset(fold(d) for d in lexicon.relay_documents))


def _heads(folded: str, lo: int, hi: int, lexicon: Lexicon):
    heads, trigger, _ = _patterns(lexicon)
    for m in heads.finditer(folded, lo, hi):
        word = m.group(1)
        start = m.start(1)
        other = lexicon.syntax.not_relay_after.get(word)
        if other and other.match(folded, m.end(1)):
            continue              # "l'agence régionale de santé": a public body, not a news agency
        if word in lexicon.syntax.relay_strong or trigger.search(folded, max(lo, start - 40), start):
            yield start, m.end(1)


def _extend(text: str, folded: str, pos: int, hi: int, lexicon: Lexicon) -> int:
    """Extend a relay head over its complements: adjectives and 'de presse', 'd'État', a capitalised name."""
    end = pos
    for m in re.finditer(r"\s*(?:(?:de|d'|du)\s*)?([\w'-]+)", folded[pos:hi]):
        word = m.group(1)
        original = text[pos + m.start(1): pos + m.end(1)]
        if word in lexicon.phrase_end or word in ("et", "ou", "a", "ont", "qui", "que", "dont", "le", "la", "les", "un", "une"):
            break
        if not (original[0].isupper() or word.endswith(("e", "es", "s", "al", "aux", "ien", "ienne", "ais", "aise")) or word in ("presse", "etat")):
            break
        end = pos + m.end(1)
        if m.end() > 40:
            break
    return end


def _canonical(name: str, text: str, hs: int, he: int) -> str:
    return re.sub(r"^(?:le|la|les|l['’]|un|une|des)\s*", "", name.strip(), flags=re.IGNORECASE)
