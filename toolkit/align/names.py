"""Find names spelled differently across the articles of an event (Vostotchny / Vostochny, Valdimir / Vladimir,
Kim Jong-Un / Kim Jong Un / Kim-Jong-un).

Two sources of candidates: the registry (every alias of one entity found in the texts; a registry lists the
variants it knows, so that both resolve to one entity and can be reported here), and a fuzzy comparison of the
capitalised words of the event's articles, which catches misspellings no registry lists. A shorter form of a
name ("Poutine" for "Vladimir Poutine", "M. Kim") is not a variant; an inflected word ("Corée" / "Coréens") is
not either, nor are two words both common in the language (« Français » / « François »). Acronyms are too short for a fuzzy comparison: one with two neighbouring letters of a registered acronym
swapped ("RDPC" for "RPDC") is a misprint of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

from toolkit.align.claimset import ClaimSet
from toolkit.align.discrepancies import Finding
from toolkit.align.groups import Groups
from toolkit.align.tokens import ACRONYM, stem, transposed
from toolkit.text import fold

TITLES = ("m", "mme", "mlle", "me", "dr", "pr", "mgr", "mm")
SPELLING = 80           # two words of one entity this alike (rapidfuzz ratio, folded) but not equal: one spelled twice
LOOSE_SPELLING = 85     # the same for capitalised words no registry ties together (stricter: Marie / Maria)
MIN_LETTERS = 5         # shorter words are too easily alike by chance
LOOSE_MIN_LETTERS = 6
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][a-zà-ÿ]+(?:[-\s][A-ZÀ-Ý][\w]*)*")


def _words(surface: str) -> list[str]:
    """Folded words of a name without its title: "M. Kim Jong-Un" -> ["kim", "jong", "un"]."""
    parts = [p for p in re.split(r"[\s\-‐‑.’']+", fold(surface)) if p]
    while parts and parts[0] in TITLES:
        parts = parts[1:]
    return parts


def _bare(surface: str) -> str:
    """The name as printed without a leading title: "M. Kim" -> "Kim"."""
    parts = surface.split()
    while len(parts) > 1 and fold(parts[0]).rstrip(".") in TITLES:
        parts = parts[1:]
    return " ".join(parts)


def variant(a: str, b: str) -> str | None:
    """'typography' when two spellings differ only in case, hyphens or spaces (Kim Jong-Un / Kim-Jong-un,
    Ben Youcef / Benyoucef), 'spelling' when a word is spelled differently (Valdimir / Vladimir), None when
    they are the same name or one is a shorter form of the other ("Poutine", "M. Poutine", "Vladimir Poutine")."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return None
    if "".join(wa) == "".join(wb):
        ba, bb = _plain_capitals(_bare(a)), _plain_capitals(_bare(b))
        # a capital at the start only is the place in the sentence (« Verrerie Duvernay : … »), and an unaccented
        # capital (« Etienne » for « Étienne ») a house style, not a spelling
        return "typography" if ba[:1].lower() + ba[1:] != bb[:1].lower() + bb[1:] else None
    if transposed(_bare(a), _bare(b)):
        return "spelling"
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if all(x in long_ for x in short):
        return None
    for x in short:
        if x in long_:
            continue
        best = max((fuzz.ratio(x, y) for y in long_), default=0)
        if best >= SPELLING and len(x) >= MIN_LETTERS and not _inflection(x, long_):
            return "spelling"
    return None


def _plain_capitals(name: str) -> str:
    """The name with accents dropped from its capitals only."""
    return "".join(unicodedata.normalize("NFD", c)[0] if c.isupper() else c for c in name)


def _acronyms(registry) -> dict[str, list[tuple[str, str]]]:
    """Letters of every registered acronym, sorted -> [(entity key, the acronym as registered)]."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in (registry.entities if registry is not None else ()):
        if not e.is_relay:
            for alias in (e.name, *e.aliases):
                if ACRONYM.fullmatch(alias) and (f"id:{e.id}", alias) not in found["".join(sorted(alias))]:
                    found["".join(sorted(alias))].append((f"id:{e.id}", alias))
    return found


COMMON = 3.5            # Zipf frequency (wordfreq) from which a capitalised word is a word or name of its own


def _common(word: str, language: str = "fr") -> bool:
    """Whether a printed word is common in the language (« Français », « François », « Victoire », « Victor »): two
    such words are two words, not one misspelt, however alike their letters. A misspelling is rare (« Srasbiourg »)."""
    from toolkit.stories import ZIPF_TOP, rarity

    return ZIPF_TOP - rarity(word, language) >= COMMON


def _inflection(word: str, others: list[str]) -> bool:
    return any(o.startswith(word) or word.startswith(o) or stem(o) == stem(word) for o in others)


def spelling_findings(cs: ClaimSet, registry=None, cluster_of: dict[int, str] | None = None) -> list[Finding]:
    """name_spelling findings of every event whose article texts `cs` holds."""
    findings = []
    by_event = defaultdict(list)
    for article_id in sorted(cs.texts):
        by_event[cs.events.get(article_id)].append(article_id)
    claims_of, quotations_of = defaultdict(list), defaultdict(list)
    for i, (article_id, mention) in enumerate(zip(cs.article_id, cs.speaker_mention)):
        if mention and cs.claim_type[i] != "statement":
            claims_of[article_id].append(i)
        if cs.claim_type[i] in ("direct", "partial"):
            quotations_of[article_id].append(i)
    for event, article_ids in sorted(by_event.items(), key=lambda kv: str(kv[0])):
        occurrences = _occurrences(cs, article_ids, registry)
        canonical = {}
        if registry is not None:
            canonical = {f"id:{e.id}": e.name for e in registry.entities}
        for group in _variant_groups(occurrences, canonical, _acronyms(registry)):
            findings.append(_finding(cs, event, group, cluster_of or {}, claims_of, quotations_of))
    return findings


def _occurrences(cs: ClaimSet, article_ids: list[str], registry) -> dict[str, dict[str, list[str]]]:
    """entity key -> spelling as printed -> articles. Registry entities are keyed by id; other capitalised
    words by themselves (the fuzzy pass groups them)."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for article_id in article_ids:
        text = cs.texts[article_id]
        taken = []
        if registry is not None:
            for m in registry.find(text):
                if m.by_role or m.entity.is_relay:
                    continue
                surface = text[m.start:m.end]
                found[f"id:{m.entity.id}"][surface].append(article_id)
                taken.append((m.start, m.end))
        for m in _CAPITALISED.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            before = text[:m.start()].rstrip(" «“\"")
            if not before or before[-1] in ".!?:…\n":
                continue                                # sentence-initial: any word is capitalised there
            for word in m.group().split():
                if len(word) >= MIN_LETTERS and word[:1].isupper():
                    found[f"w:{fold(word)}"][word].append(article_id)
        for m in ACRONYM.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found[f"a:{m.group()}"][m.group()].append(article_id)
    return found


def _variant_groups(occurrences, canonical: dict[str, str] | None = None,
                    acronyms: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """Groups of spellings of one name: {'key', 'spellings': {surface: [articles]}, 'kinds': set, 'canonical'}.

    A registry entity printed only in a spelling of its canonical name ("Maria Zajarova" for "Maria
    Zakharova") is a group too: the registry is the reference."""
    canonical = canonical or {}
    keys = sorted(occurrences)
    groups = Groups(keys)
    find = groups.find
    registered_first = lambda a, b: max(a, b, key=lambda r: (r.startswith("id:"), r))   # a registry entity names the group

    kinds: dict[str, set] = defaultdict(set)
    # inside one registry entity: every pair of printed forms
    for k in keys:
        for a, b in combinations(sorted(occurrences[k]), 2):
            kind = variant(a, b)
            if kind:
                kinds[k].add((a, b, kind))
    # across keys: a capitalised word close to a word of another name (an unregistered misspelling); only the
    # capitalised words of a registry alias take part ("santé" in "agence régionale de santé" is no name)
    printed: dict[str, str] = {}
    for k in keys:
        for s in occurrences[k]:
            for w in re.split(r"[\s\-‐‑]+", s):
                if w[:1].isupper():
                    printed.setdefault(fold(w), w)
    words = {k: {fold(w) for s in occurrences[k] for w in re.split(r"[\s\-‐‑]+", s) if w[:1].isupper()} for k in keys}
    index = defaultdict(list)
    for k in keys:
        for w in words[k]:
            if len(w) >= LOOSE_MIN_LETTERS:
                index[(w[0], len(w) // 3)].append((w, k))
    for bucket_key, items in index.items():
        neighbours = items + index.get((bucket_key[0], bucket_key[1] + 1), [])
        for (wa, ka), (wb, kb) in combinations(sorted(set(neighbours)), 2):
            if ka == kb or wa == wb or ka.startswith("id:") and kb.startswith("id:"):
                continue
            if (fuzz.ratio(wa, wb) >= LOOSE_SPELLING and not _inflection(wa, [wb])
                    and not (_common(printed[wa]) and _common(printed[wb]))):
                groups.join(ka, kb, prefer=registered_first)
                kinds[find(ka)].add((wa, wb, "spelling"))
    misspelt: dict[str, str] = {}
    registered_forms = {alias for found in (acronyms or {}).values() for _, alias in found}
    for k in keys:            # an acronym printed with two letters of a registered acronym swapped
        if not k.startswith("a:") or k[2:] in registered_forms:
            continue
        entity, registered = next(((e, alias) for e, alias in (acronyms or {}).get("".join(sorted(k[2:])), ())
                                   if transposed(k[2:], alias)), (None, None))
        if registered:
            if entity in occurrences:
                groups.join(k, entity, prefer=registered_first)
            misspelt[k] = registered
            kinds[find(k)].add((k[2:], registered, "spelling"))
    for k in keys:
        name = canonical.get(k)
        if name and name not in occurrences[k] and any(variant(s, name) == "spelling" for s in occurrences[k]):
            misspelt[k] = name
            kinds[k].add((name, name, "spelling"))
    merged: dict[str, dict] = {}
    for k in keys:
        root = find(k)
        g = merged.setdefault(root, {"key": root, "spellings": defaultdict(list), "kinds": set(), "canonical": None})
        g["canonical"] = g["canonical"] or misspelt.get(k)
        for surface, articles in occurrences[k].items():
            g["spellings"][surface].extend(articles)
    for root, found in kinds.items():
        merged[find(root)]["kinds"] |= {kind for _, _, kind in found}
    out = []
    for g in merged.values():
        if not g["kinds"]:
            continue
        reference = [g["canonical"]] if g["canonical"] else []
        spellings = {s: a for s, a in g["spellings"].items()
                     if any(variant(s, o) for o in list(g["spellings"]) + reference if o != s) or not g["key"].startswith("id:")}
        if len(spellings) >= 2 or spellings and g["canonical"]:
            g["spellings"] = spellings
            out.append(g)
    return sorted(out, key=lambda g: g["key"])


def _finding(cs: ClaimSet, event, group: dict, cluster_of: dict[int, str], claims_of: dict, quotations_of: dict) -> Finding:
    kind = "spelling" if "spelling" in group["kinds"] else "typography"
    f = Finding("name_spelling", "low", kind, event, None)
    sources = cs.sources
    for surface, articles in sorted(group["spellings"].items(), key=lambda kv: (-len(kv[1]), kv[0])):
        for article_id in sorted(set(articles)):
            f.article_ids.append(article_id)
            f.sources.append(sources.get(article_id) or f"unknown:{article_id}")
            f.wordings.append(surface)
            f.values.append(surface)
    counted = {s: sorted(set(a)) for s, a in group["spellings"].items()}
    ordered = sorted(counted.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    f.diff = " | ".join(f"{s} ({', '.join(a)})" for s, a in ordered)
    compared = [s for s, _ in ordered] + ([group["canonical"]] if group.get("canonical") else [])
    f.score = round(min(fuzz.ratio(fold(a), fold(b)) for a, b in combinations(compared, 2)) / 100.0, 3)
    how = "spelled" if kind == "spelling" else "written (case, hyphens or spaces)"
    swapped = [s for s, _ in ordered if group.get("canonical") and transposed(s, group["canonical"])]
    if swapped:
        f.explanation = (f"'{swapped[0]}' in {', '.join(counted[swapped[0]])} has the letters of the registered acronym "
                         f"'{group['canonical']}' in another order: a misprint of it.")
    else:
        f.explanation = (f"One name is {how} differently across the articles: "
                         + "; ".join(f"'{s}' in {', '.join(a)}" for s, a in ordered)
                         + (f" (the registry spells it '{group['canonical']}')" if group.get("canonical") else "") + ".")
    if group.get("canonical"):
        f.diff += f" | registry: {group['canonical']}"
    _attach_claims(cs, f, counted, cluster_of, claims_of)
    if not f.claim_ids:
        odd = [s for s, _ in ordered if s != group.get("canonical")] if group.get("canonical") else [s for s, _ in ordered[1:]]
        _attach_quotations(cs, f, {s: counted[s] for s in odd}, cluster_of, quotations_of)
    return f


def _attach_quotations(cs: ClaimSet, f: Finding, odd: dict[str, list[str]], cluster_of: dict[int, str],
                       quotations_of: dict) -> None:
    """When an odd spelling is printed inside quotations, point the finding at those claims (and at their cluster
    when they share one): the misprint is then in someone's quoted words ("le dirigeant de la RDPC")."""
    articles = sorted({a for found in odd.values() for a in found})
    rows = sorted(i for a in articles for i in quotations_of.get(a, ()) if any(s in cs.wording[i] and a in odd[s] for s in odd))
    if not rows:
        return
    f.claim_ids = [cs.claim_id[i] for i in rows]
    clusters = {cluster_of.get(i) for i in rows}
    if len(clusters) == 1 and None not in clusters:
        f.cluster_id = clusters.pop()


def _attach_claims(cs: ClaimSet, f: Finding, spellings: dict[str, list[str]], cluster_of: dict[int, str],
                   claims_of: dict) -> None:
    """When the spellings name the speaker of claims that share a cluster, point the finding at that cluster."""
    rows = sorted({i for s, articles in spellings.items() for a in articles for i in claims_of.get(a, ())
                   if s in cs.speaker_mention[i]})
    clusters = {cluster_of.get(i) for i in rows}
    spelled = {s for s, a in spellings.items() for i in rows if s in cs.speaker_mention[i] and cs.article_id[i] in a}
    if rows and len(clusters) == 1 and None not in clusters and len(spelled) >= 2:
        f.cluster_id = clusters.pop()
        f.claim_ids = [cs.claim_id[i] for i in rows]
