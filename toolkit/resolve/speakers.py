"""Resolve the speakers extraction left as a description, an acronym or nobody, against the entity model of the
article and of its story.

Extraction reads each claim's own sentence and its neighbours; what it cannot know is who « le militant syndical »,
« la toxicologue » or « l'OFAG » is when the text links them to a name elsewhere, or in another outlet's article on the
same story. Each strategy below is one named function; they are tried in this order, the first answer wins, and its
name becomes the claim's `speaker_method`:

1. `acronym`       an institution's acronym → the name the article (or story) defines it with, else its name in
                   the language's list of well-known institutions (`[institutions] known` in grammar.toml).
2. `repeated`      words given to nobody, or to a group, in the lede → the named person the same article quotes with
                   the same words.
3. `role`          a description → the one person of the article the text gives that role (« la toxicologue
                   Dominique Parent-Massin » … « la toxicologue »); when several have it, the one named last before
                   it (a description refers back), else the first named after it.
4. `story_role`    a description → the one person of the story another outlet gives that role.
5. `institution`   a bare institution noun (« la Ville », « la Commission ») → its full name printed in the article or
                   the story (« la Ville de Montréal », « la Commission européenne »).
6. `document`      a bare document noun (« ajoute le communiqué ») → its issuer as the article printed it before
                   (« dans un communiqué du ministère de la Culture »).
7. `relative`      a thing someone tells, with the teller as a pronoun (« le récit qu'elle livre ») → the latest
                   person of that gender named before it.
8. `salience`      a singular description of a person (« le politique letton », « le militant syndical ») → the
                   person of that gender named just before it (or, in a lede, just after; far from anyone, the first
                   person the article names), unless the text gives that person another role.
Finally `full_name` completes a surname that one person of the story bears (« Fabius » → « Laurent Fabius »),
keeping the method.

Nothing here changes a speaker given by a name, an incise or a pronoun: those are extraction's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.extract.claim import Claim
from toolkit.ingest.language import link_lines
from toolkit.extract.lexicon import Lexicon
from toolkit.extract.mentions import COMPLEMENT, UNKNOWN
from toolkit.extract.given_names import role_head
from toolkit.resolve.entities import ArticleEntities, Entity, StoryEntities, name_key, person_noun, role_words
from toolkit.text import fold, words

NAMED_METHODS = frozenset({"incise", "intro", "subject", "selon", "name", "pronoun", "carried", "context", "headline"})
DESCRIPTION = "description"
STRATEGIES = ("acronym", "repeated", "role", "story_role", "institution", "document", "relative", "salience")

# How sure each way of finding a speaker is (claims.speaker_confidence): a name in the claim's own sentence is
# surest; a description resolved by salience, a guess.
CONFIDENCE = {
    "incise": 0.95, "intro": 0.95, "selon": 0.9, "name": 0.9, "subject": 0.85, "interview": 0.85,
    "acronym": 0.85, "role": 0.8, "headline": 0.75, "pronoun": 0.75, "repeated": 0.75, "story_role": 0.7,
    "institution": 0.7, "document": 0.7, "carried": 0.65, "context": 0.6, "salience": 0.55, DESCRIPTION: 0.5,
    "pronoun_conflict": 0.3, "anonymous": 0.0, "none": 0.0,
}
_SALIENCE_REACH = 1500          # characters back to the person a description may designate
_LEDE_REACH = 400               # characters forward, when nobody is named before


def confidence(claim: Claim) -> float | None:
    if claim.claim_type == "statement":
        return None
    if not claim.speaker or claim.speaker == UNKNOWN:
        return 0.0
    return CONFIDENCE.get(claim.speaker_method or "none", 0.5)


@dataclass
class ArticleClaims:
    article_id: str
    text: str
    claims: list[Claim]
    entities: ArticleEntities


def resolve_story(story: list[ArticleClaims], lexicon: Lexicon) -> StoryEntities:
    """Resolve the speakers of one story's claims in place; return the story's entities."""
    pooled = StoryEntities()
    for item in story:
        pooled.add(item.article_id, item.entities)
    renamed = pooled.merge_spellings()
    by_word = _names_by_word(pooled)
    for item in story:
        resolved: dict[str, Entity] = {}
        for claim in item.claims:
            if claim.claim_type == "statement" or not claim.speaker:
                continue
            found = _first_answer(claim, item, pooled, lexicon, resolved)
            if found:
                method, entity = found
                if claim.speaker_method == DESCRIPTION:
                    resolved[fold(claim.speaker)] = entity
                claim.speaker, claim.speaker_method = entity.name, method
        for claim in item.claims:              # a headline given the description before the body resolved it
            if claim.speaker_method == "headline" and claim.speaker and fold(claim.speaker) in resolved:
                claim.speaker = resolved[fold(claim.speaker)].name
        _complete_surnames(item, by_word)
        for claim in item.claims:              # one spelling per person in the story
            key = name_key(claim.speaker) if claim.speaker and not claim.speaker_id else None   # a registry name stays
            if key in renamed:
                claim.speaker = renamed[key]
            elif key in pooled.persons:
                claim.speaker = pooled.persons[key].name
        for claim in item.claims:
            claim.speaker_confidence = confidence(claim)
    return pooled


def _first_answer(claim, item, pooled, lexicon, resolved):
    for name in STRATEGIES:
        entity = globals()[name](claim, item, pooled, lexicon)
        if entity is not None:
            return name, entity
    if claim.speaker_method in ("pronoun", "carried", "context") and fold(claim.speaker) in resolved:
        return claim.speaker_method, resolved[fold(claim.speaker)]     # a pronoun after a resolved description
    return None


# -- the strategies, in order --------------------------------------------------------------------------------------

def acronym(claim, item, pooled, lexicon) -> Entity | None:
    """« l'OFAG » → the name the article or the story defines it with; a subject printed with its definition
    (« La Société suisse de l'industrie du gaz et des eaux (SSIGE) a indiqué ») → that name, not its first word;
    an acronym nobody defines → its name in the language's list of well-known institutions (« l'OMS »)."""
    key = re.sub(r"^(?:[Ll][ea] |[Ll]['’])", "", claim.speaker.strip(" ()"))      # « Le CICR »
    mention = claim.speaker_mention or ""
    for entity in item.entities.institutions + list(pooled.institutions.values()):
        if key in entity.aliases:
            return entity
        if any(f"({alias})" in mention for alias in entity.aliases) and \
                fold(entity.name).startswith(fold(re.sub(r"^(?:[Ll][ea] |[Ll]['’])", "", claim.speaker))):
            return entity         # the subject phrase printed it whole; extraction kept its first word
    if claim.speaker_method in NAMED_METHODS | {DESCRIPTION} and not claim.speaker_id:
        known = lexicon.known_institutions.get(fold(key))
        if known:
            return Entity(known, "institution", aliases={key})
    return None


def repeated(claim, item, pooled, lexicon) -> Entity | None:
    if claim.claim_type not in ("direct", "partial") or not _unnamed(claim, lexicon):
        return None
    mine = words(claim.wording)
    if len(mine) < 2:
        return None
    speakers = {c.speaker for c in item.claims if c is not claim and c.claim_type in ("direct", "partial", "indirect")
                and c.speaker_method in NAMED_METHODS and c.speaker != UNKNOWN and _holds(words(c.wording), mine)}
    return Entity(speakers.pop(), "person") if len(speakers) == 1 else None


def _holds(theirs: list[str], mine: list[str]) -> bool:
    """Their words hold mine: word for word for a short fragment; for three words or more, three quarters of mine
    in theirs (« Ve acte qui peut être la fin … » in « le Ve acte (allusion …) ça peut être la fin … »)."""
    if len(mine) < 3:
        return f" {' '.join(mine)} " in f" {' '.join(theirs)} "
    pool = set(theirs)
    return sum(w in pool for w in mine) >= 0.75 * len(mine) and len(theirs) >= len(mine)


def role(claim, item, pooled, lexicon) -> Entity | None:
    if claim.speaker_method != DESCRIPTION:
        return None
    gender = _gender_of_mention(claim)
    described = _role_described(claim, lexicon)
    candidates = [p for p in item.entities.persons if _has_role(p, described, lexicon) and _agrees(p, gender)]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    at = _mention_offset(claim, item.text)
    before = [p for p in candidates if any(s < at for s, _ in p.mentions)]
    if before:                # a description refers back: the holder named last before it
        return max(before, key=lambda p: max(s for s, _ in p.mentions if s < at))
    return min(candidates, key=lambda p: min(s - at for s, _ in p.mentions))


def story_role(claim, item, pooled, lexicon) -> Entity | None:
    if claim.speaker_method != DESCRIPTION:
        return None
    gender = _gender_of_mention(claim)
    described = _role_described(claim, lexicon)
    wanted = role_words(described, lexicon)
    holders = set.intersection(*(pooled.role_index(lexicon).get(w, set()) for w in wanted)) if wanted else set()
    candidates = [pooled.persons[k] for k in sorted(holders)
                  if _has_role(pooled.persons[k], described, lexicon) and _agrees(pooled.persons[k], gender)]
    return candidates[0] if len(candidates) == 1 else None


def institution(claim, item, pooled, lexicon) -> Entity | None:
    if len(claim.speaker.split()) != 1 or claim.speaker == UNKNOWN:
        return None
    head = fold(claim.speaker)
    if head not in lexicon.institution_heads:
        return None
    found = _expanded(claim.speaker, [item.text])
    if found is None:
        key = ("institution", head)
        if key not in pooled.cache:          # the story's texts are read once per noun, not once per claim
            pooled.cache[key] = _expanded(claim.speaker, pooled.texts)
        found = pooled.cache[key]
    if found is None:
        return None
    return Entity(found[0].upper() + found[1:] if claim.speaker[:1].isupper() else found, "institution")


def _expanded(noun: str, texts: list[str]) -> str | None:
    """The full name a bare institution noun has in the first of `texts` that prints one, its most frequent form."""
    pattern = re.compile(rf"(?<![\w-])(?i:{re.escape(noun)})[ \u00a0]+(?:(?:de|du|des|d['’])[ \u00a0]?(?:la[ \u00a0]|l['’])?"
                         rf"[A-ZÀ-Ý][\w’'-]*(?:[ \u00a0][A-ZÀ-Ý][\w’'-]*)*|[a-zà-ÿ]+(?:ais|aise|ain|aine|ien|ienne|éen|éenne|ois|oise|and|ande|al|ale))\b")
    for text in texts:
        names = [m.group() for m in pattern.finditer(text)]
        if names:
            return max(set(names), key=lambda n: (names.count(n), -names.index(n)))
    return None


def document(claim, item, pooled, lexicon) -> Entity | None:
    """« ajoute le communiqué » → whoever issued it, as the article printed it before (« confirmée dans un
    communiqué du ministère de la Culture »): the latest such noun with its issuer before the description."""
    if claim.speaker_method != DESCRIPTION:
        return None
    described = fold(_described(claim)).split()
    if len(described) != 1 or described[0] not in lexicon.issued_by:
        return None
    at = _mention_offset(claim, item.text)
    folded = fold(item.text[:at])
    found = None
    for m in re.finditer(rf"(?<![\w-]){re.escape(described[0])}s?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')", folded):
        found = m.end()
    if found is None:
        return None
    kept = []
    for word in re.split(r"[ \u00a0]+", item.text[found:found + 80]):
        bare = word.rstrip(".,;:»)\n")
        low = fold(bare)
        if not kept and not (bare[:1].isupper() or low in lexicon.institution_heads):
            return None           # « un communiqué de presse »: no issuer
        if kept and not bare[:1].isupper() and low not in ("de", "du", "des", "la", "le", "l'", "d'", "et"):
            break
        kept.append(bare)
        if bare != word or len(kept) == 6:
            break
    while kept and fold(kept[-1]) in ("de", "du", "des", "la", "le", "l'", "d'", "et"):
        kept.pop()
    if not kept:
        return None
    name = " ".join(kept)
    person = next((p for p in item.entities.persons if p.key == name_key(name)), None)
    return person or Entity(name, "institution")


def relative(claim, item, pooled, lexicon) -> Entity | None:
    """« le récit qu'elle livre », « selon la version qu'il donne »: what someone tells is theirs; the pronoun of
    the relative clause designates the latest person of its gender named or speaking before."""
    if claim.speaker_method != DESCRIPTION:
        return None
    m = re.search(r"\bqu['’](il|elle)\b", claim.speaker_mention or "")
    if not m or person_noun(role_head(fold(_described(claim)), lexicon), lexicon):
        return None
    gender = "f" if m.group(1) == "elle" else "m"
    at = _mention_offset(claim, item.text)
    before = [(s, p) for s, p in item.entities.person_mentions() if s < at and p.gender == gender]
    return before[-1][1] if before else None


def salience(claim, item, pooled, lexicon) -> Entity | None:
    if claim.speaker_method != DESCRIPTION or not _person_description(claim, lexicon):
        return None
    if re.search(r"\bautres?\b", fold(claim.speaker_mention or "")):
        return None               # « l'auteur d'une autre cagnotte », « l'autre avocat »: someone else
    if role_head(fold(claim.speaker), lexicon) in lexicon.reporters:
        return None               # « le correspondant »: a newsroom's staff, not the person just named
    gender = _gender_of_mention(claim)
    at = _mention_offset(claim, item.text)
    head = fold(claim.speaker)
    links = link_lines(item.text, lexicon.language)
    fits = lambda p: _agrees(p, gender) and not _other_role(pooled.persons.get(p.key, p), head, lexicon) \
        and not _another_of_the_function(pooled.persons.get(p.key, p), head, lexicon) \
        and not _reporter(pooled.persons.get(p.key, p), lexicon)     # roles the story gives; not the journalist
    mentions = [(s, p) for s, p in item.entities.person_mentions() if not any(a <= s < b for a, b in links)]
    before = [(s, p) for s, p in mentions if at - _SALIENCE_REACH <= s < at]
    heads = [(s, p) for s, p in before if not COMPLEMENT.search(item.text, max(0, s - 14), s)]
    for s, p in heads[::-1] + before[::-1]:       # the nearest head before any complement (« … de Macron »)
        if fits(p):
            return p
    after = [(s, p) for s, p in mentions if at < s <= at + _LEDE_REACH]
    for s, p in after:
        if fits(p):
            return p
    lede = [p for s, p in mentions if s < at]
    return next((p for p in lede if fits(p)), None)     # far from anyone: the article's first-named protagonist


# -- questions the strategies ask -----------------------------------------------------------------------------------

def _described(claim: Claim) -> str:
    """The description as printed, without its determiner (« la toxicologue » → « toxicologue »): extraction may
    already have put a name in `speaker` from the first holder of the role, whatever the gender."""
    mention = re.sub(r"^(?:le|la|les|l['’]|ce|cette)\s*", "", (claim.speaker_mention or "").strip(), flags=re.I)
    return mention or claim.speaker


def _role_described(claim: Claim, lexicon: Lexicon) -> str:
    """The role a description names, folded: from its head on (« l'ambitieux secrétaire d'État » → « secretaire
    d'etat »), without the age said of the person (« … de 34 ans »)."""
    words = lexicon.age_phrase.sub(" ", fold(_described(claim))).split()
    head = role_head(" ".join(words), lexicon).split()
    while words and head and words[0] != head[0]:
        words = words[1:]
    return " ".join(words)


def _unnamed(claim: Claim, lexicon: Lexicon) -> bool:
    """Nobody, or a group (« les "gilets jaunes" »), holds these words."""
    if claim.speaker == UNKNOWN and claim.speaker_method in ("none", "headline"):
        return True
    mention = fold(claim.speaker_mention or "")
    return claim.speaker_method == DESCRIPTION and (mention.startswith(("les ", "des ")))


def _gender_of_mention(claim: Claim) -> str | None:
    first = fold(claim.speaker_mention or "").split()[:1]
    return {"la": "f", "le": "m", "cette": "f", "ce": "m"}.get(first[0]) if first else None


def _agrees(person: Entity, gender: str | None) -> bool:
    return gender is None or person.gender in (None, gender)


def _has_role(person: Entity, description: str, lexicon: Lexicon) -> bool:
    """Every content word of the description is a word of one of the person's roles, its head among them; words
    that name the same function (« leader », « dirigeant »; « chef d'État », « président ») are one."""
    wanted = role_words(description, lexicon)
    return bool(wanted) and any(wanted <= role_words(role, lexicon) for role in person.roles)


def _reporter(person: Entity, lexicon: Lexicon) -> bool:
    """The text makes the person one of the newsroom's staff (« le journaliste Éric Dussart »)."""
    return any(role_head(r, lexicon) in lexicon.reporters for r in person.roles if r.split())


def _other_role(person: Entity, head: str, lexicon: Lexicon) -> bool:
    """The text gives the person another role of the same group (« l'avocat » is not « le procureur »; « le maire »
    may well be « le président du MoDem »)."""
    heads = {_function(r, lexicon) for r in person.roles if r.split()}
    head = _function(head, lexicon)
    group = lexicon.exclusive_roles.get(head)
    return group is not None and head not in heads and any(lexicon.exclusive_roles.get(h) == group for h in heads)


def _another_of_the_function(person: Entity, description: str, lexicon: Lexicon) -> bool:
    """The text gives the person the described function of another place or body (« le président du Kazakhstan » is
    not the person called « le président russe »)."""
    function = _function(description, lexicon)
    said = role_words(description, lexicon) - {function}
    for role in person.roles:
        if role.split() and _function(role, lexicon) == function:
            theirs = role_words(role, lexicon) - {function}
            plain = set(re.split(r"[\s']+", fold(description) + " " + fold(role)))
            if said and theirs and not said & theirs and not plain & lexicon.institution_heads:
                return True       # (« le président du groupe français » may be « le président de MGEN »)
    return False


def _function(role: str, lexicon: Lexicon) -> str:
    """The function a folded role phrase names: the first of its `role_synonyms` group when it opens with one of them
    (« chef du gouvernement travailliste » → « premier ministre »), else its head noun."""
    spaced = " " + re.sub(r"[\s-]+", " ", role) + " "
    for phrase, first in lexicon.role_synonyms:
        if spaced.startswith(" " + phrase.replace("-", " ") + " "):
            return first.replace("-", " ")
    head = role_head(role, lexicon)
    return dict(lexicon.role_synonyms).get(head, head).replace("-", " ")


def _person_description(claim: Claim, lexicon: Lexicon) -> bool:
    mention = fold(claim.speaker_mention or "").split()
    if not mention or mention[0] not in ("le", "la") and not mention[0].startswith("l'"):
        return False
    return person_noun(role_head(fold(claim.speaker), lexicon), lexicon)


def _mention_offset(claim: Claim, text: str) -> int:
    mention = claim.speaker_mention or ""
    if mention:
        at = text.find(mention, claim.sentence_start, claim.sentence_end + len(mention))
        if at >= 0:
            return at
    return claim.char_start


_TITLE = re.compile(r"^(?:M|MM|Mme|Mlle|Me|Dr|Pr|Mgr)\.?[ \u00a0]+(?=[A-ZÀ-Ý])")


def _names_by_word(pooled: StoryEntities) -> dict[str, dict[str, str]]:
    """Full names of the story by their last and first word ("" when two people share the word)."""
    by_word: dict[str, dict[str, str]] = {"last": {}, "first": {}}
    for p in pooled.persons.values():
        for end, word in (("last", p.name.split()[-1]), ("first", p.name.split()[0])):
            known = by_word[end].get(name_key(word))
            by_word[end][name_key(word)] = p.name if known in (None, p.name) else ""
    return by_word


def _complete_surnames(item: ArticleClaims, by_word: dict[str, dict[str, str]]) -> None:
    """A speaker printed by surname (« Fabius », « M. Kim ») takes the full name of the one person of the story who
    bears it, as last or first word (« Kim » → « Kim Jong Un »); a title is no part of a name."""
    for claim in item.claims:
        if not claim.speaker or claim.speaker == UNKNOWN or claim.claim_type == "statement":
            continue
        name = _TITLE.sub("", claim.speaker)
        if " " not in name.strip():
            key = name_key(name)
            name = by_word["last"].get(key) or (by_word["first"].get(key) if key not in by_word["last"] else "") or name
        claim.speaker = name


def resolve_collection(articles, claims_by_article: dict[str, list[Claim]], lexicon_of) -> dict[str, StoryEntities]:
    """Resolve every story of a collection (articles grouped by `event`); return the entities of each story.
    `lexicon_of(article)` gives the article's language data, or None when it has none (then nothing is resolved)."""
    stories: dict[str, list[ArticleClaims]] = {}
    lexicons: dict[str, Lexicon] = {}
    for article in sorted(articles, key=lambda a: a.article_id):
        lexicon = lexicon_of(article)
        if lexicon is None:
            continue
        claims = claims_by_article.get(article.article_id, [])
        quoted = [(c.char_start - 1, c.char_end + 1) for c in claims if c.claim_type in ("direct", "partial")]
        model = ArticleEntities.read(article.text, lexicon, quoted)
        stories.setdefault(article.event, []).append(ArticleClaims(article.article_id, article.text, claims, model))
        lexicons.setdefault(article.event, lexicon)
    return {event: resolve_story(story, lexicons[event]) for event, story in sorted(stories.items())}
