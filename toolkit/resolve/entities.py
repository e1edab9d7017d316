"""The people and institutions one article names: an explicit model that speaker resolution reads.

Built once per article from its text, with no side effects and no registry:
- persons: two or three capitalised words outside quotations ("Dominique Parent-Massin", "Valdis Dombrovskis"), after
  a title or not, with their mentions (offsets), the roles the text gives them by apposition in either order
  ("la toxicologue Dominique Parent-Massin", "Antony Fastier, toxicologue, ancien de l'Anses", "Francisca Joly-Gomez
  (2), professeure de nutrition et gastro-entérologue") and a gender from a title (M., Mme) or the determiner of a role;
- institutions: names defined with their acronym ("l'Office fédéral de l'agriculture (OFAG)"), so that the acronym
  alone resolves to the name.

`StoryEntities` merges the models of the articles of one story: one entity per name, whatever the article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from toolkit.extract.given_names import given_name, person_noun, role_head
from toolkit.extract.lexicon import Lexicon
from toolkit.text import fold

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zà-öø-ÿ]"
_PARTICLE = r"(?:de|du|von|van|der|ben|bin|al|el|da|di|dos|das|le|la)"
PERSON = re.compile(
    rf"(?:(?<=\b[dDlL]['’])|(?<=\bqu['’])|(?<![\w’'-]))(?:(?P<title>M|Mme|Mlle|Me|Dr|Pr)\.?[ \u00a0]+)?"
    rf"(?P<name>{_CAP}{_LOW}+(?:-{_CAP}?{_LOW}+)*(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_CAP}[\w’'-]*{_LOW}[\w’'-]*){{1,3}})(?![\w-])")
_ROLE_AFTER = re.compile(
    rf"[ \u00a0]*(?:\([^()\n]{{0,60}}\)[ \u00a0]*)?(?:,[ \u00a0]*\d+[ \u00a0]ans)?,[ \u00a0]*(?:(?P<det>le|la|l['’]|un|une|son|sa)[ \u00a0]?)?"
    rf"(?P<role>{_LOW}[^,.;:«»()\n]{{2,90}}?)(?=[,.;:()\n]|$)")
_ROLE_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<det>[Ll]e[ \u00a0]|[Ll]a[ \u00a0]|[Ll]['’])(?P<role>{_LOW}[\w’'-]*"
    rf"(?:[ \u00a0](?:{_LOW}[\w’'-]*|(?:de|du|des|d['’])[ \u00a0]?(?:la[ \u00a0]|l['’])?{_CAP}[\w’'-]*)){{0,6}})[ \u00a0,]+$")
_DETERMINER_AT = re.compile(r"(?:^|(?<=[\s(]))(?:[Ll]e[ \u00a0]|[Ll]a[ \u00a0]|[Ll]['’])")
_ACRONYM = re.compile(rf"(?P<long>{_CAP}[\w’'-]*(?:[ \u00a0][\w’'-]+){{0,10}}?)[ \u00a0]*\((?P<acr>{_CAP}[A-ZÀ-Ý0-9&]{{1,9}})\)")
_PLACE_BEFORE = re.compile(r"(?:^|[\s'])([a-z][\w-]*)\s+(?:(?:de|du|des)\s+|d')?(?:la\s+|l')?$")
_PARTICLES = {"de", "du", "des", "la", "le", "von", "van", "der", "da", "di", "dos", "das"}
_CLAUSE = re.compile(r"(?<![\w'’])(?:que|qu['’]|qui|dont|où|il|elle|ils|elles|a|ont|est|sont|était|avait)(?![\w'’])", re.I)


@dataclass
class Entity:
    name: str
    kind: str                                   # person | institution
    gender: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)      # folded role phrases, without their determiner
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)


def name_key(name: str) -> str:
    """One key for the spellings of one name: case, accents, hyphens and spaces aside ("Kim Jong-un" = "Kim Jong Un")."""
    return re.sub(r"[\s'-]+", " ", fold(name)).strip()


@dataclass
class ArticleEntities:
    text: str
    persons: list[Entity] = field(default_factory=list)
    institutions: list[Entity] = field(default_factory=list)

    @classmethod
    def read(cls, text: str, lexicon: Lexicon, quote_spans=()) -> "ArticleEntities":
        self = cls(text)
        by_key: dict[str, Entity] = {}
        inside = _Spans(quote_spans)
        for m in PERSON.finditer(text):
            if inside(m.start()):
                continue
            found = _person_at(text, m, lexicon)
            if found is None:
                continue
            start, end, name, roles = found
            entity = by_key.get(name_key(name))
            if entity is None:
                entity = by_key[name_key(name)] = Entity(name, "person")
                self.persons.append(entity)
            entity.mentions.append((start, end))
            title = m.group("title")
            if title and not entity.gender:
                entity.gender = {"m": "m", "mme": "f", "mlle": "f"}.get(fold(title))
            for det, role in roles:
                if role not in entity.roles:
                    entity.roles.append(role)
                if not entity.gender:
                    entity.gender = _gender_of(det, role)
        for person in self.persons:            # "Mme Binet", "Binet": the surname alone is the same person
            person.aliases.add(person.name.split()[-1])
        self._surname_mentions(inside)
        for person in self.persons:
            if not person.gender and given_name(person.name, lexicon) in ("m", "f"):
                person.gender = given_name(person.name, lexicon)
        self.institutions = _acronyms(text, lexicon)
        return self

    def _surname_mentions(self, inside) -> None:
        """Later mentions by surname alone ("Laveder", "Mme Binet"), outside quotations, when one person bears it."""
        bearers: dict[str, list[Entity]] = {}
        for p in self.persons:
            bearers.setdefault(p.name.split()[-1], []).append(p)
        single = {s: ps[0] for s, ps in bearers.items() if len(ps) == 1 and len(s) > 2}
        if not single:
            return
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(s) for s in sorted(single, key=len, reverse=True)) + r")(?![\w-])")
        for m in pattern.finditer(self.text):
            person = single[m.group()]
            if not inside(m.start()) and not any(a <= m.start() < b for a, b in person.mentions):
                person.mentions.append((m.start(), m.end()))
        for p in self.persons:
            p.mentions.sort()

    def person_mentions(self) -> list[tuple[int, Entity]]:
        """(offset, person) for every full-name or surname mention outside quotations, in text order."""
        found = [(start, p) for p in self.persons for start, _ in p.mentions]
        return sorted(found, key=lambda x: x[0])


def _person_at(text: str, m: re.Match, lexicon: Lexicon):
    """The person a run of capitalised words names: the whole run, or its tail when a place opens it
    ("Montceau-les-Mines Pierre-Gaël Laveder"); with the roles apposed to it. None when it names nobody."""
    start, end = m.start("name"), m.end("name")
    titled = bool(m.group("title"))
    place = _PLACE_BEFORE.search(fold(text[max(0, start - 30):start]))
    if place and place.group(1) in lexicon.place_nouns:
        return None               # "dans le quartier de Thurlow Gardens", "la station Hainault"
    while True:
        name = text[start:end]
        if len(name.split()) < 2:
            return None
        roles = [(det, role) for det, role in _roles_around(text, start, end) if person_noun(role_head(role, lexicon), lexicon)]
        if _is_person_name(name, lexicon, titled or bool(roles)) and not _given_name_later(name, lexicon):
            return start, end, name.replace("\u00a0", " "), roles
        if fold(name.split()[0]) in lexicon.not_given_names:
            return None           # "New York Times", "Notre-Dame de Paris": the run is a place or a brand, whole
        titled = False
        start += len(name.split()[0]) + 1


def _given_name_later(name: str, lexicon: Lexicon) -> bool:
    """A run that opens with no given name and has one further on, with a surname after it: a place or a word
    before the name (« le préfet de La Réunion Amaury de Saint-Quentin », « Prénommée Agnès Martin »)."""
    words = name.split()
    return given_name(name, lexicon) is None and any(
        given_name(" ".join(words[i:]), lexicon) in ("m", "f") for i in range(1, len(words) - 1))


def _is_person_name(name: str, lexicon: Lexicon, introduced: bool) -> bool:
    """Capitalised words name a person when they open with a given name, or when a title or a role introduces them."""
    words = name.split()
    first = fold(words[0])
    if first in lexicon.syntax.function_words or first in lexicon.capitalised_titles or first in lexicon.speaker_heads:
        return False
    if any(fold(w) in lexicon.syntax.time_words for w in words):
        return False              # "Lundi Matin"
    gender = given_name(name, lexicon)
    if any(fold(w) in _PARTICLES for w in words[1:]) and gender not in ("m", "f"):
        return introduced         # "Corée du Nord", "Val de Loire": a place unless a title or role says otherwise
    return introduced or gender is not None


def _roles_around(text: str, start: int, end: int):
    """The roles apposed to the name text[start:end]: after it ("X, le ministre de …,") and before it ("le ministre
    de … X"); a role is a short noun phrase with no clause inside."""
    after = _ROLE_AFTER.match(text, end)
    if after and _is_role(after.group("role")):
        yield fold(after.group("det") or ""), _clean(after.group("role"))
    lo = max(0, start - 90)
    for det in _DETERMINER_AT.finditer(text, lo, start):     # every determiner: « l'interroge alors le journaliste X »
        before = _ROLE_BEFORE.match(text, det.start(), start)
        if before and _is_role(before.group("role")):
            yield fold(before.group("det")).strip(), _clean(before.group("role"))


def _is_role(role: str) -> bool:
    """A short noun phrase, no clause inside, not cut after a preposition (« le dirigeant de la [Corée du Nord] »)."""
    last = fold(role.split()[-1]) if role.split() else ""
    return len(role.split()) <= 12 and not _CLAUSE.search(role) and last not in _DANGLING and not last.endswith("'")


_DANGLING = {"de", "du", "des", "la", "le", "les", "à", "a", "au", "aux", "en", "et", "d", "l", "pour", "par", "sur"}


def _clean(role: str) -> str:
    return re.sub(r"\s+", " ", fold(role)).strip(" ,")


def _gender_of(det: str, role: str) -> str | None:
    if det in ("la", "une", "sa"):
        return "f"
    if det in ("le", "un", "son"):
        return "m"
    head = role.split()[0] if role.split() else ""
    return "f" if head.endswith(("euse", "rice", "ienne", "ière", "esse")) else None


def _acronyms(text: str, lexicon: Lexicon) -> list[Entity]:
    """Institutions defined with their acronym: "l'Office fédéral de l'agriculture (OFAG)", "la Société suisse de
    l'industrie du gaz et des eaux (SSIGE)". The name is the shortest tail of the words before the parenthesis whose
    initials hold the acronym's letters in order."""
    found: dict[str, Entity] = {}
    for m in _ACRONYM.finditer(text):
        acronym = m.group("acr")
        words = re.split(r"[ \u00a0]+|(?<=['’])", m.group("long"))
        words = [w for w in words if w]
        for i in range(len(words)):
            tail = words[i:]
            if not tail[0][:1].isupper() or fold(tail[0][0]) != fold(acronym[0]):
                continue
            content = [w for w in tail if fold(w) not in lexicon.syntax.function_words
                       and fold(w).rstrip("'") not in lexicon.syntax.function_words and not fold(w).endswith("'")]
            if 2 <= len(content) <= len(acronym) + 1 and _initials_hold(content, acronym) \
                    and given_name(_join(tail), lexicon) is None:     # "Christine Pirès-Beaune (PS)": a party
                name = _join(tail)
                entity = found.setdefault(acronym, Entity(name, "institution", aliases={acronym}))
                entity.mentions.append((m.start("long") + len(m.group("long")) - len(name), m.end("long")))
                break
    return list(found.values())


def _initials_hold(words: list[str], acronym: str) -> bool:
    """The words' initials appear in the acronym in order, at least half of its letters (« Office fédéral de
    l'agriculture » for OFAG: O, F, A)."""
    letters = iter(fold(acronym))
    initials = [fold(w[0]) for w in words]
    return len(initials) * 2 >= len(acronym) and all(any(i == x for x in letters) for i in initials)


def _join(words: list[str]) -> str:
    out = ""
    for w in words:
        out += w if not out or out.endswith(("'", "’")) else " " + w
    return out


class _Spans:
    def __init__(self, spans):
        self.spans = sorted(spans)

    def __call__(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.spans)


@lru_cache(maxsize=65536)
def role_words(role: str, lexicon: Lexicon) -> frozenset[str]:
    """The words of a role, with the phrases that name one function read as one word (`role_synonyms`)."""
    text = " " + " ".join(_masculine(w, lexicon) for w in re.sub(r"[\s-]+", " ", fold(role)).split()) + " "
    for phrase, head in lexicon.role_synonyms:
        phrase = " ".join(_masculine(w, lexicon) for w in phrase.replace("-", " ").split())
        text = text.replace(f" {phrase} ", f" {head} ")
    return frozenset(w for w in re.split(r"[\s']+", text) if w and w not in ("de", "du", "des", "d", "la", "le", "l", "les"))


def _masculine(word: str, lexicon: Lexicon) -> str:
    """The masculine form of a role word (« dirigeante », « secrétaire générale », « directrice »): one function,
    whatever the gender of its holder (`[descriptions] feminine_endings`)."""
    for feminine, masculine in lexicon.feminine_endings:
        if word.endswith(feminine) and len(word) > len(feminine) + 1:
            return word[: -len(feminine)] + masculine
    return word


@dataclass
class StoryEntities:
    """The entities of the articles of one story, one per name key; roles and aliases pooled."""

    persons: dict[str, Entity] = field(default_factory=dict)
    institutions: dict[str, Entity] = field(default_factory=dict)
    articles: dict[str, set[str]] = field(default_factory=dict)       # entity key -> article ids
    texts: list[str] = field(default_factory=list)
    _roles: dict | None = None
    cache: dict = field(default_factory=dict)                 # story-wide answers, computed once
    forms: dict = field(default_factory=dict)                 # name key -> {spelling as printed: mentions}

    def merge_spellings(self) -> dict[str, str]:
        """One person printed in two spellings across the story (« Valdimir Poutine » / « Vladimir Poutine »,
        « Sergueï Choïgou » / « Sergei Choigou »): the rarer spelling becomes an alias of the more frequent one.
        Returns spelling key -> canonical name, for the claims' speakers."""
        from rapidfuzz.fuzz import ratio

        for key, person in self.persons.items():      # the spelling printed most often names the person
            forms = self.forms.get(key, {})
            if forms:
                person.name = max(sorted(forms), key=lambda f: forms[f])
        renamed: dict[str, str] = {}
        kept: list[Entity] = []
        for key in sorted(self.persons, key=lambda k: (-len(self.persons[k].mentions), k)):
            person = self.persons[key]
            words = key.split()
            twin = next((k for k in kept if len(k.key.split()) == len(words) and len(words) >= 2
                         and (k.key.split()[-1] == words[-1] or k.key.split()[0] == words[0])
                         and ratio(k.key, key) >= 88), None)
            if twin is None:
                kept.append(person)
                continue
            twin.aliases |= person.aliases | {person.name}
            twin.roles += [r for r in person.roles if r not in twin.roles]
            twin.mentions += person.mentions
            twin.gender = twin.gender or person.gender
            self.articles.setdefault(twin.key, set()).update(self.articles.pop(key, set()))
            renamed[key] = twin.name
        for key in renamed:
            del self.persons[key]
        return renamed

    def role_index(self, lexicon) -> dict[str, set[str]]:
        """Role word (synonyms read as one) -> keys of the persons given a role with it; built once."""
        if self._roles is None:
            self._roles = {}
            for key, person in self.persons.items():
                for role in person.roles:
                    for word in role_words(role, lexicon):
                        self._roles.setdefault(word, set()).add(key)
        return self._roles

    def add(self, article_id: str, model: ArticleEntities) -> None:
        self.texts.append(model.text)
        for pool, entities in ((self.persons, model.persons), (self.institutions, model.institutions)):
            for e in entities:
                known = pool.setdefault(e.key, Entity(e.name, e.kind, e.gender))
                forms = self.forms.setdefault(e.key, {})
                forms[e.name] = forms.get(e.name, 0) + max(1, len(e.mentions))
                known.gender = known.gender or e.gender
                known.aliases |= e.aliases
                known.roles += [r for r in e.roles if r not in known.roles]
                known.mentions += e.mentions
                self.articles.setdefault(e.key, set()).add(article_id)
