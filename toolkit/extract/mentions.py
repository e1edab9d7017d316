"""Who a phrase designates: registry entities, names printed in the article, descriptions and pronouns.

The article is read once into a list of person mentions (registry aliases and roles, plus names the article itself
introduces with an apposition such as "Stuart Bell, le responsable de la police"), so that later surnames,
descriptions and pronouns resolve to them. Pronouns take the most recent speaker of the same gender, else the most
recent person mention of that gender; "ce dernier" takes the most recent mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property

from toolkit.extract.lexicon import Lexicon
from toolkit.extract.speakers import FINITE_VERB
from toolkit.extract.given_names import given_name, person_noun, role_head
from toolkit.ingest.language import link_lines
from toolkit.text import Spans, fold
from toolkit.registry import Registry

UNKNOWN = "unknown"
PRONOUN_CONFLICT = "pronoun_conflict"    # speaker_method: a pronoun of the wrong gender kept with the floor holder
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME = re.compile(rf"(?<![\w-]){_CAP}(?:[ \u00a0](?:(?:de|du|des|von|van|der|ben|bin|al|el|da|di|le|la)[ \u00a0](?:la[ \u00a0]|l['’])?|d['’])?{_CAP})*")
# A role opens in lower case, or with a capitalised title word that `_appositions` checks ("Premier ministre").
_APPOSED_AFTER = re.compile(rf"(?P<name>{_CAP}(?:[ \u00a0]{_CAP})+),[ \u00a0](?:(?P<det>le|la|l['’]|son|sa|un|une)[ \u00a0]?)?(?P<role>(?:[a-zà-ÿ]|{_CAP}\s[a-zà-ÿ])[^,.;:«»()\n]{{2,70}}?)(?=[,.;:()]|\s+(?:a|avait|ont|est)\s)")
_APPOSED_BEFORE = re.compile(rf"\b(?P<det>[Ll]e|[Ll]a|[Ll]['’])[ \u00a0]?(?P<role>(?:[a-zà-ÿ]|{_CAP}\s[a-zà-ÿ])[\w’'\- ]{{2,60}}?),?[ \u00a0](?P<name>{_CAP}(?:[ \u00a0]{_CAP})+)")


@dataclass(frozen=True)
class Speaker:
    name: str
    id: str | None
    mention: str
    method: str
    gender: str | None = None
    kind: str = "person"


@dataclass
class Mention:
    start: int
    end: int
    name: str
    id: str | None
    gender: str | None
    kind: str


@dataclass
class Floor:
    """The speaker of the latest claims: since which offset, and over how many sentences."""
    name: str
    since: int
    last_sentence: int
    sentences: int


ANTECEDENT_REACH = 400   # mentions before a pronoun that may be its antecedent (an article rarely names 100 people)
_FLOOR_REACH = 300       # characters between the floor holder's last sentence and the pronoun


@dataclass
class ArticleMentions:
    """Person and institution mentions of one article, in text order, with article-local names and roles."""

    text: str
    lexicon: Lexicon
    registry: Registry
    mentions: list[Mention] = field(default_factory=list)
    local_roles: dict[str, tuple[str, str | None]] = field(default_factory=dict)   # folded role -> (name, gender)
    local_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)   # folded surname/full -> (name, gender)
    relays: list = field(default_factory=list)
    places: list = field(default_factory=list)
    quoted: Spans = field(default_factory=Spans)   # quotation spans: names inside are not antecedents
    last_sentence_end: int = 0                                     # end of the sentence of the last attributed claim
    floor: "Floor | None" = None                                   # who has been speaking in the latest claims
    spoken: list[tuple[int, str | None]] = field(default_factory=list)  # (sentence end, speaker gender) per claim
    speakers: list[Speaker] = field(default_factory=list)         # the speaker of each claim attributed so far

    @classmethod
    def read(cls, text: str, lexicon: Lexicon, registry: Registry, quoted=()) -> "ArticleMentions":
        links = link_lines(text, lexicon.language)
        text = _RUBRIC.sub(lambda m: " " * len(m.group()), text)    # « LE SCAN POLITIQUE - »: a kicker, nobody
        self = cls(text, lexicon, registry, quoted=Spans(quoted))   # offset questions in log time
        folded = fold(text)
        for m in registry.find(text, folded):
            if m.entity.is_relay:
                self.relays.append(m)
            elif m.entity.kind == "place":
                self.places.append(m)
            elif m.entity.kind in ("person", "institution"):
                if m.by_role and not _role_fits(text, folded, m, lexicon):
                    continue
                self.mentions.append(Mention(m.start, m.end, m.entity.name, m.entity.id, m.entity.gender, m.entity.kind))
        self._read_appositions()
        self._read_names()
        self._read_surnames()
        if links:                 # « » LIRE AUSSI - François Hollande aux « gilets jaunes » »: nobody the article speaks of
            self.mentions = [m for m in self.mentions if not any(a <= m.start < b for a, b in links)]
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        return self

    def _read_surnames(self) -> None:
        """Later mentions by surname alone (« Poutine et Kim »), outside quotations, of the one person the article
        named in full with it: recency and who holds the floor count them."""
        full = {}
        for m in self.mentions:
            if m.kind == "person" and " " in m.name:
                full.setdefault(m.name.split()[-1], set()).add((m.name, m.id, m.gender))
        single = {s: next(iter(v)) for s, v in full.items() if len(v) == 1 and len(s) > 2}
        if not single:
            return
        spans = sorted((m.start, m.end) for m in self.mentions)
        starts = [a for a, _ in spans]
        quoted = sorted(self.quoted)
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(s) for s in sorted(single, key=len, reverse=True)) + r")(?![\w-])")
        for m in pattern.finditer(self.text):
            i = bisect_left(starts, m.start() + 1) - 1          # the mention starting at or before it
            j = bisect_left(quoted, (m.start(), m.start())) - 1
            if i >= 0 and spans[i][1] > m.start() or j >= 0 and quoted[j][1] > m.start():
                continue          # part of a full-name mention, or inside a quotation
            name, id_, gender = single[m.group()]
            self.mentions.append(Mention(m.start(), m.end(), name, id_, gender, "person"))

    def _read_names(self) -> None:
        """Two or three capitalised words not after a preposition ("Jean Roux", not "à Saint-Firmin"): a person the
        article names, so a pronoun after it can refer to them."""
        taken = Spans((m.start, m.end) for m in self.mentions)
        for m in PERSON_NAME.finditer(self.text):
            if taken.inside(m.start()) or self.quoted.inside(m.start()):
                continue
            if m.group().split()[0] in self._networks:
                continue          # "Facebook La France en colère": a page on a network, not a person
            if fold(m.group().split()[0]) in self.lexicon.syntax.function_words or _PREPOSITION.search(self.text, max(0, m.start() - 6), m.start()):
                continue
            title = _TITLE.match(m.group())
            if title:             # "Mme Binet": the person the article named before, with the gender the title gives
                known = self.local_names.get(fold(m.group()[title.end():]))
                gender = self.lexicon.titles.get(fold(title.group(1)) + ".", self.lexicon.titles.get(fold(title.group(1))))
                if known:
                    self.mentions.append(Mention(m.start(), m.end(), known[0], None, known[1] or gender, "person"))
                continue
            known = self.local_names.get(fold(m.group()))
            if known is None:
                self.remember(m.group(), None, m.start(), m.end())
            else:                 # named again: a later mention, so that "ce dernier" and pronouns see the latest
                self.mentions.append(Mention(m.start(), m.end(), known[0], None, known[1], "person"))
        for m in _INITIALS_NAME.finditer(self.text):
            # "JD Vance", "J.K. Rowling": initials and a surname, unless the initials are an institution's ("PS")
            initials = m.group().split()[0]
            if not taken.inside(m.start()) and not self.quoted.inside(m.start()) \
                    and fold(initials) not in self.lexicon.known_institutions and fold(m.group()) not in self.local_names:
                self.remember(m.group().replace("\u00a0", " "), None, m.start(), m.end())
        for m in _VOX_POP.finditer(self.text):
            # "Gaétan, 34 ans", "Zineb, une étudiante": a person the article names by a given name alone
            name = m.group("name")
            if given_name(name, self.lexicon) and not self.quoted.inside(m.start()) \
                    and fold(name) not in self.local_names and not taken.inside(m.start()):
                det = fold(m.group("det") or "")
                self.remember(name, {"une": "f", "un": "m"}.get(det), m.start("name"), m.end("name"))

    def _read_appositions(self) -> None:
        taken = Spans((m.start, m.end) for m in self.mentions)
        for m in self._appositions():
            name, start = m.group("name"), m.start("name")
            glued = self.text[start - 1:start] in "'’" and start > 0      # "à l'AFP Fabrice": AFP is not his name
            after_preposition = _PREPOSITION.search(self.text, max(0, start - 6), start) and len(name.split()) > 2
            complement = ""
            if m.re is _APPOSED_BEFORE and not glued and not after_preposition \
                    and _PREPOSITION.search(self.text, max(0, start - 6), start):
                continue      # "l'acteur en référence au débat proposé par Emmanuel Macron": a complement, no role
            if glued or after_preposition:                                # "le patron des Centristes Hervé Morin"
                first = name.split()[0]
                complement = " " + first if after_preposition else ""      # "le ministre de la [Santé] Roman Prymula"
                name, start = name[len(first):].lstrip(), start + len(name) - len(name[len(first):].lstrip())
                while after_preposition and len(name.split()) > 1 and given_name(name, self.lexicon) is None \
                        and given_name(" ".join(name.split()[1:]), self.lexicon) in ("m", "f"):
                    first = name.split()[0]                                 # "le préfet de La [Réunion] Amaury …"
                    complement += " " + first
                    name, start = name[len(first):].lstrip(), start + len(name) - len(name[len(first):].lstrip())
            if len(name.split()) < 2 or taken.inside(start) or self._title_only(name) \
                    or fold(name.split()[0]) in self.lexicon.syntax.function_words \
                    or self.quoted.strictly_inside(start):
                continue      # "Le PDG, arrivé en 2019, …" is no name; names inside quotations are nobody's mention
            if m.re is _APPOSED_AFTER and _PREPOSITION.search(self.text, max(0, start - 6), start) \
                    and not person_noun(fold(m.group("role")).split()[0], self.lexicon):
                continue      # "les travaux de Gilles Séralini, aujourd'hui rejetés": a complement, no apposition
            role = m.group("role").strip() + complement
            det = fold(m.group("det") or "")
            gender = "f" if det in ("la", "sa") else "m" if det in ("le", "son") else None
            gender = gender or self._gender_of_role(role)
            if given_name(name, self.lexicon) in ("m", "f"):
                gender = given_name(name, self.lexicon)    # "dans le bâtiment B2, Marie-Pierre Dausse": her name says
            self.remember(name, gender, start, m.end("name"))
            self.local_roles.setdefault(fold(role), (name, gender))

    def _appositions(self):
        """Matches of "Name, role," and "le role Name", a role being a short noun phrase: no clause inside it
        ("le tabloïd Blesk révèle ce vendredi que le ministre…" is no role). Every determiner is tried, so that a
        long false start does not hide the apposition inside it ("…que le ministre de la Santé Roman Prymula")."""
        def role_ok(role: str) -> bool:
            return _short_role(role) and (role[:1].islower() or fold(role.split()[0]) in self.lexicon.capitalised_titles) \
                and not self.lexicon.cue_pattern.match(role, 0, len(role))   # "», le questionne le journaliste X": a verb

        yield from (m for m in _APPOSED_AFTER.finditer(self.text) if role_ok(m.group("role")))
        named = set()
        for det in _DETERMINER.finditer(self.text):
            m = _APPOSED_BEFORE.match(self.text, det.start())
            if m and role_ok(m.group("role")) and m.start("name") not in named:
                named.add(m.start("name"))    # not again from a determiner inside: "le patron de [la] fédération Jean Roux"
                yield m

    def _title_only(self, name: str) -> bool:
        return fold(name.split()[0]).rstrip(".") in {t.rstrip(".") for t in self.lexicon.titles} and len(name.split()) == 1

    def _gender_of_noun(self, noun: str) -> str | None:
        """After « l' »: feminine when the noun is the masculine one of the list plus an ending ("élue", "intéressée")."""
        for ending in ("e", "ne", "ve"):
            if noun.endswith(ending) and (noun[:-len(ending)] in self.lexicon.epithets or noun[:-2] + "f" in self.lexicon.epithets):
                return "f"
        return "m"

    @staticmethod
    def _gender_of_role(role: str) -> str | None:
        head = fold(role.split()[0]) if role.split() else ""
        return "f" if head.endswith(("e", "ice", "euse")) and not head.endswith(("re", "iste", "aire", "ge")) else None

    def remember(self, name: str, gender: str | None, start: int, end: int) -> None:
        """Add a name the article introduces, so its surname and pronouns resolve to it later."""
        key = fold(name)
        known = self.local_names.get(key)
        gender = gender or (known[1] if known else None)
        if gender is None and given_name(name, self.lexicon) in ("m", "f"):
            gender = given_name(name, self.lexicon)          # "Dominique" tells nothing, "Sophie" does
        self.local_names[key] = (name, gender)
        parts = name.split()
        if len(parts) > 1:
            surname = self.local_names.get(fold(parts[-1]))
            if surname is None or surname[0] == name:
                self.local_names[fold(parts[-1])] = (name, gender)
        if gender:                               # one name read twice (two appositions): the gender one of them gives
            for m in self.mentions:
                if m.name == name and m.gender is None:
                    m.gender = gender
        if any(m.start == start and m.name == name for m in self.mentions):
            return
        self.mentions.append(Mention(start, end, name, None, gender, "person"))
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def before(self, pos: int) -> list[Mention]:
        return self.mentions[: bisect_left(self._starts, pos)]

    def between(self, start: int, pos: int) -> list[Mention]:
        """The mentions that start at or after `start` and before `pos`."""
        return self.mentions[bisect_left(self._starts, start): bisect_left(self._starts, pos)]

    def _within(self, start: int, end: int) -> list[Mention]:
        """`between`, in mention order, and right even while the mentions are still being read (not yet sorted):
        a bisect instead of a scan of every mention of the article for every phrase."""
        if len(getattr(self, "_starts", ())) == len(self.mentions):
            return self.between(start, end)
        return [m for m in self.mentions if start <= m.start < end]

    # -- resolving a phrase ---------------------------------------------------------------------------------------

    def resolve(self, start: int, end: int, method: str, last: Speaker | None = None) -> Speaker | None:
        """The speaker a noun phrase text[start:end] designates, or None when it designates nobody."""
        start, end = _trim(self.text, start, end)
        if end <= start:
            return None
        relative = _RELATIVE_IN_PHRASE.search(self.text, start, end) if _DESCRIPTION_OPENING.match(self.text, start, end) else None
        if relative:              # « ce chauffeur routier pour lequel le leader de LFI Jean-Luc Mélenchon [a dit …] »:
            end = relative.start()  # the phrase's head is before its relative clause
        phrase = self.text[start:end]
        low = fold(phrase)
        words = low.split()
        if low in self.lexicon.syntax.determiners or low in ("le", "la", "les", "l'"):
            return None           # a determiner alone ("le" cut from "le « juge »") designates nobody
        if _SAME_SOURCE.search(low):      # « selon cette source », « de même source »: whoever spoke last
            found = next((s for s in reversed(self.speakers) if s.name != UNKNOWN), None)
            if found:
                return replace(found, mention=phrase, method="carried")
        issuer = self._issuer(phrase)
        if issuer:
            person = self.local_names.get(fold(issuer))
            if person:            # « la réponse de François Berléand »: a person's words
                return Speaker(person[0], None, phrase, method, person[1], "person")
            return Speaker(issuer, None, phrase, method, None, "institution")
        if words and words[0] in ("un", "une", "des", "plusieurs") and not re.search(r"[A-ZÀ-Ý]", phrase[1:]):
            gender = {"un": "m", "une": "f"}.get(words[0])       # "un ministre": not the minister the registry knows
            return Speaker(UNKNOWN, None, phrase, "anonymous", gender)
        if len(words) >= 2 and words[0] in ("son", "sa", "ses", "leur", "leurs") and not person_noun(words[1].strip(",;:"), self.lexicon) \
                and words[1] not in self.lexicon.anonymous_heads and words[1] not in self.lexicon.groups \
                and not any(m.kind == "person" for m in self._within(start, end)):
            owner = self.antecedent(start, None, last)       # « selon son site Internet »: its owner's words
            if owner and owner.name != UNKNOWN:
                return replace(owner, mention=phrase, method="pronoun")
        apposed = _APPOSED_TAIL.search(phrase)
        if apposed:               # "le président du groupe LaREM au Sénat, François Patriat": the name apposed last
            found = self._name_in(apposed.group(1), start + apposed.start(1))
            if found and " " in found.name:
                return Speaker(found.name, found.id, phrase, method, found.gender)
        inside = [m for m in self._within(start, end) if m.kind in ("person", "institution")]
        if re.match(r"(?:[Ll]e|[Ll]a|[Ll]es|[Ll]['’])\s*[a-zà-ÿA-ZÀ-Ý]", phrase):
            # « la fille de Jean Roux », « La Bretonne …, postée sur Facebook »: a person after a preposition is the
            # description's complement (« la direction du CHU » still speaks for the CHU)
            inside = [m for m in inside if m.kind != "person"
                      or not COMPLEMENT.search(self.text, max(start, m.start - 14), m.start)]
        if inside:
            m = inside[0]
            return Speaker(m.name, m.id, phrase, method, m.gender, m.kind)
        body = _strip_determiner(low).split()
        person = low != _strip_determiner(low) and body and person_noun(body[0], self.lexicon)
        relay = [m for m in self.relays if start <= m.start < end
                 and not _PLACED.search(self.text, max(start, m.start - 8), m.start)    # « postée sur Facebook »
                 and not (person and COMPLEMENT.search(self.text, max(start, m.start - 14), m.start))]   # « le journaliste de RTL »
        if relay:
            return Speaker(relay[0].entity.name, relay[0].entity.id, phrase, method, None, relay[0].entity.kind)
        head = _strip_determiner(low)
        kind = self.lexicon.syntax.relay_kinds.get(head)
        earlier = [m for m in self.relays if m.start < start and m.entity.kind == kind] if kind else []
        if earlier:               # "selon le quotidien": the paper the article named before
            return Speaker(earlier[-1].entity.name, earlier[-1].entity.id, phrase, method, None, kind)
        pronoun = self._pronoun(low)
        if pronoun:
            return self.pronoun(pronoun, start, phrase, last)
        words = low.split()
        head = _strip_determiner(low).split()[:1]        # « l'entourage du président »
        opening = PERSON_NAME.match(phrase)
        named_first = opening and given_name(opening.group(), self.lexicon) in ("m", "f")
        if words and not named_first and (any(low.startswith(a + " ") for a in self.lexicon.anonymous) or words[-1] in self.lexicon.anonymous_heads
                      or (len(words) > 1 and words[1] in self.lexicon.anonymous_heads)
                      or head and head[0] in self.lexicon.anonymous_heads
                      and (words[0] in ("le", "la", "les", "son", "sa", "leur") or low.startswith("l'"))):
            gender = {"un": "m", "le": "m", "une": "f", "la": "f"}.get(words[0])    # "une source" is not "il"
            return Speaker(UNKNOWN, None, phrase, "anonymous", gender)
        quoted_name = self._quoted_name(phrase)
        if quoted_name:
            return Speaker(quoted_name, None, phrase, method, None, "institution")
        institution = self._institution_name(phrase)
        if institution:           # « le Syndicat des commissaires de la police nationale »: the body's whole name
            return Speaker(institution[0], None, phrase, method, institution[1], "institution")
        name = self._name_in(phrase, start)
        if name and name.name.isupper() and len(words) > 1 and words[0] in ("le", "la") \
                and person_noun(words[1], self.lexicon):
            name = None           # « Le militant CFDT », « la députée LFI »: a person described by their body
        if name:
            return Speaker(name.name, name.id, phrase, method, name.gender)
        described = self._description(low)
        if described:
            return Speaker(described[0], None, phrase, "description", described[1])
        epithet = self._epithet(low, start, last)
        if epithet:
            return replace(epithet, mention=phrase, method="description")
        demonstrative = self._demonstrative(words, start, last)
        if demonstrative:
            return replace(demonstrative, mention=phrase, method="pronoun")
        if words and words[0] in ("le", "la", "l'", "les", "du") or low.startswith("l'"):
            if words[0] == "du":  # « auprès du parquet »: the body « le parquet »
                words = ["le"] + words[1:]
                phrase = phrase[3:].lstrip()
            body = _strip_determiner(re.split(r"\s+(?:qui|que|qu['’]|dont|lequel|laquelle)\b", phrase)[0])
            body = re.sub(r"\s+(?:lui|elle|eux|elles)-mêmes?$", "", body)          # "le Premier ministre lui-même"
            if body and (body[0].islower() or fold(body.split()[0]) in self.lexicon.capitalised_titles):
                kept = body.split()
                while kept and fold(kept[-1]) in self.lexicon.syntax.time_words:
                    kept.pop()                            # "les autorités locales ce [vendredi]"
                body = " ".join(kept)
                if body and words[0] == "les" and fold(body).split()[0] in self.lexicon.groups:
                    return Speaker(UNKNOWN, None, phrase, "anonymous")      # "les syndicats": unnamed people
                if body:          # "le chef d'État russe" is someone a later "il" can refer back to; "la police" is not
                    person = person_noun(fold(body).split()[0], self.lexicon) and words[0] in ("le", "la")
                    gender = {"le": "m", "la": "f"}.get(words[0]) if person else "f" if words[0] == "la" else None
                    return Speaker(body, None, phrase, "description", gender, "person" if person else "institution")
        return None

    def subject(self, start: int, end: int, method: str, last: Speaker | None = None) -> Speaker | None:
        """The subject of a verb at `end` in text[start:end]: in the comma-separated piece nearest the verb that
        names someone, the leftmost name, registered mention or pronoun."""
        voice = self.lexicon.syntax.through_voice.match(fold(self.text[end:end + 60]))
        if voice:                 # "le collectif dénonce par la voix de sa porte-parole, Élodie Caradec, une « … »"
            found = self._spokesperson(end + voice.end())
            if found:
                return found
        named = self._quoted_name_before(start, end)
        if named:
            return Speaker(named[2], None, self.text[named[0]:named[1]], method, None, "institution")
        cuts = [start] + [i + 1 for i in range(start, end) if self.text[i] == ","] + [end]
        pieces = list(zip(cuts, cuts[1:]))
        verb = re.match(r"[\w’']+", self.text[end:end + 40])
        nonfinite = pieces and (verb and fold(verb.group()).endswith("ant") or self.lexicon.syntax.nonfinite.search(fold(self.text[pieces[-1][0]:end])))
        if verb and fold(verb.group()).endswith("ant") and not self.text[start:end].rstrip().endswith(","):
            document = self._document_before(start, end, method, last)
            if document:          # « au lendemain d'un discours du président Vladimir Poutine jugeant que »
                return document
        if nonfinite and len(pieces) == 1 and not self.lexicon.syntax.nonfinite.search(fold(self.text[start:end])) \
                and FINITE_VERB.search(self.text, start, end):
            # "Le ministre a brandi un panneau expliquant que …": the subject of the clause the participle hangs on
            return self.leading_subject(start, end, method, last)
        if nonfinite:
            pieces = pieces[:-1]          # "…, précisant que", "après avoir déclaré que": the main clause's subject
            selon = re.match(r"\s*(?:[Ss]elon|[Dd]['’]après)\s+([^,]+),", self.text[start:end])
            if selon:                     # "Selon TASS, la discussion a lieu…, précisant que…": TASS goes on
                return self.resolve(start + selon.start(1), start + selon.end(1), method, last)
        for index in range(len(pieces) - 1, -1, -1):
            lo, hi = pieces[index]
            if self.lexicon.syntax.not_subject.search(fold(self.text[lo:hi])) or self._placed_piece(lo, hi):
                continue
            if 0 < index < len(pieces) - 1 and _STRESSED_ASIDE.fullmatch(fold(self.text[lo:hi]).strip(" ,")) \
                    and not _DESCRIPTION_OPENING.match(self.text, pieces[index - 1][0], pieces[index - 1][1]):
                continue          # « L'Union suisse des paysans (USP) a, elle, demandé »: an aside stressing the
                                  # subject named before it (after a description, « Le portier, lui, », the pronoun
                                  # still finds who it is)
            if index and (self._bare_role(lo, hi) or _PARTITIVE.match(self.text, lo, hi)):
                named = PERSON_NAME.fullmatch(self.text[pieces[index - 1][0]:pieces[index - 1][1] - 1].strip())
                if named:         # "Roland Héguy, président de la Confédération …, craint", « Léa Roux, une de leurs
                                  # représentantes, a regretté »: the person, not the body or the group
                    at = pieces[index - 1][0] + self.text[pieces[index - 1][0]:pieces[index - 1][1]].index(named.group())
                    return self.resolve(at, at + len(named.group()), method, last)
            relative = list(_RELATIVE_OBJECT.finditer(self.text[lo:hi]))
            if relative and hi == end:
                after = lo + relative[-1].end()
                verbs = len(FINITE_VERB.findall(self.text, after, end))
                if verbs >= 2 or verbs and fold(relative[-1].group()).startswith("qu") \
                        or re.match(r"(?:il|elle)s?\b", self.text[after:end]):
                    hi = lo + relative[-1].start()    # « ce chauffeur pour lequel X a dit sa « fascination » avait
                                                      # appelé »: a verb of its own closed the relative clause, its
                                                      # antecedent is the subject; « X a indiqué que le chef de l'État
                                                      # a demandé à « … » »: X reports it; « Kim a laissé un message
                                                      # dans lequel il a souligné »: « il » is the main clause's subject
                else:
                    lo = after    # "une lame que la police qualifie d'épée", « ce chauffeur pour lequel Jean-Luc
                                  # Mélenchon a dit … »: the subject follows "que"
            at = self._first_candidate(lo, hi)
            if at is None:
                continue
            low = fold(self.text[at:hi])
            pronoun = next((p for p in sorted(self.lexicon.pronouns, key=len, reverse=True)
                            if re.match(rf"{re.escape(p)}(?![\w'-])", low)), None)
            if pronoun:
                return self.pronoun(pronoun, at, self.text[at:at + len(pronoun)], last)
            return self.resolve(at, _strip_verb_group(self.text, at, hi, self.lexicon), method, last)
        return None

    def _institution_name(self, phrase: str) -> tuple[str, str | None] | None:
        """A body's name: a capitalised institution noun and its lower-case complement (« la Fédération française de
        boxe », « l'Office fédéral de l'agriculture », « la Confédération paysanne »), with the gender of its
        determiner; its time words and a closing relative left out."""
        m = _INSTITUTION_NAME.match(phrase)
        if not m or fold(m.group("head")) not in self.lexicon.institution_heads:
            return None
        kept = m.group("name").split()
        while len(kept) > 1 and (fold(kept[-1]) in self.lexicon.syntax.time_words or fold(kept[-1]) in self.lexicon.phrase_end):
            kept.pop()
        if len(kept) < 2 or not any(w[:1].islower() for w in kept[1:]):
            return None
        det = fold(m.group("det") or "").strip()
        return " ".join(kept), {"la": "f", "le": "m"}.get(det)

    def _person_description(self, phrase: str) -> re.Match | None:
        """A phrase opening with a determiner and a noun that names a person by their role or trade (« Ce chauffeur
        routier … », « L'ancienne tête de liste … »): where its words start."""
        opening = _DESCRIPTION_OPENING.match(phrase)
        if not opening:
            return None
        words = fold(phrase[opening.end() - 1:]).split()[:3]
        while len(words) > 1 and self.lexicon.role_modifier.search(words[0]):
            words = words[1:]     # « l'ancienne tête de liste »; « la première émanait … » names nobody
        head = role_head(" ".join(words), self.lexicon).split()[:1]
        return opening if head and not self.lexicon.role_modifier.search(head[0]) and person_noun(head[0], self.lexicon) else None

    def _document_before(self, start: int, end: int, method: str, last: Speaker | None) -> Speaker | None:
        """A participle right after a document and its author (« un discours du président Vladimir Poutine
        jugeant que », « un communiqué de la préfecture précisant que »): the author speaks through it."""
        found = None
        for m in _DOCUMENT.finditer(self.text, max(start, end - 160), end):
            if fold(m.group("noun")) in self.lexicon.issued_by:
                found = m
        if found is None or "," in self.text[found.end():end]:
            return None
        author = self.resolve(found.end(), end, method, last)
        return author if author and author.name != UNKNOWN and author.method != "description" else None

    def _bare_role(self, lo: int, hi: int) -> bool:
        """A piece that is a role with no determiner (« président de la Confédération … », « PDG de Vinci »): an
        apposition to the name before it."""
        first = re.match(r"\s*([\w’'-]+)", self.text[lo:hi])
        return bool(first) and first.group(1)[:1].islower() and person_noun(fold(first.group(1)), self.lexicon)

    def leading_subject(self, start: int, end: int, method: str, last: Speaker | None = None) -> Speaker | None:
        """The subject of the first verb of text[start:end] (« Le président s'est montré heureux … et a annoncé »):
        its leftmost name, pronoun or description, up to the verb."""
        first_verb = _FIRST_VERB.search(self.text, start, end)
        at = self._first_candidate(start, first_verb.start() if first_verb else end)
        if at is None:
            return None
        low = fold(self.text[at:end])
        pronoun = next((p for p in sorted(self.lexicon.pronouns, key=len, reverse=True)
                        if re.match(rf"{re.escape(p)}(?![\w'-])", low)), None)
        if pronoun:
            return self.pronoun(pronoun, at, self.text[at:at + len(pronoun)], last)
        stop = _strip_verb_group(self.text, at, end, self.lexicon)
        verb = _FIRST_VERB.search(self.text, at, stop)
        return self.resolve(at, verb.start() if verb else stop, method, last)

    def _issuer(self, phrase: str) -> str | None:
        """« Un récent rapport de la Commission européenne », « les données publiées par l'Association des
        constructeurs européens d'automobiles (ACEA) »: a document (`issued_by`) speaks for the institution named
        after it."""
        m = _ISSUED.match(phrase)
        if not m or not any(w in self.lexicon.issued_by for w in fold(m.group("head")).split()):
            return None
        kept = []
        for word in m.group("name").split():
            low = fold(word)
            if kept and (re.search(r"(?:é|ée|és|ées)$", low) or low in self.lexicon.syntax.time_words or word[0] in "(«\"“"):
                break             # « … européenne publié mardi », « … (ACEA) »
            kept.append(word)
        while kept and fold(kept[-1]) in ("de", "du", "des", "d'", "la", "le", "les", "et"):
            kept.pop()
        name = " ".join(kept)
        return name if len(name) > 2 else None

    def _demonstrative(self, words: list[str], pos: int, last: Speaker | None) -> Speaker | None:
        """« ce collectif », « cette association » refer back like a pronoun: to the latest body that spoke; « ce
        militant », « cette retraitée » to the latest person of their gender."""
        if len(words) < 2 or words[0] not in ("ce", "cet", "cette"):
            return None
        if person_noun(words[1], self.lexicon):      # « ce militant », « ce chauffeur routier originaire de Melun »
            gender = "f" if words[0] == "cette" else "m"
            found = self.antecedent(pos, gender, last)
            end = min((i for i in (self.text.find(". ", pos), self.text.find("\n", pos)) if i >= 0), default=len(self.text))
            if found and found.name in self.text[pos:end] and found.name not in self.text[max(0, pos - 300):pos]:
                # « ce chauffeur pour lequel Jean-Luc Mélenchon a dit … »: someone named after it is no antecedent
                found = self.antecedent(pos, gender, None, recency_only=True)
            return found if found and found.name != UNKNOWN else None
        if words[1] in self.lexicon.institution_heads or words[1] in self.lexicon.non_speech_before:
            return next((s for s in reversed(self.speakers) if s.kind == "institution" and s.name != UNKNOWN), None)
        return None

    def _quoted_name(self, phrase: str) -> str | None:
        """« Le groupe de "gilets jaunes" dénommé "La France en colère" », « le collectif « Nous toutes » »: the
        capitalised name in quote marks after a word that makes a quotation a name (`[non_speech] before`)."""
        for m in _QUOTED.finditer(phrase):
            inner = m.group(1).strip()
            if not inner[:1].isupper() or len(inner.split()) > 8:
                continue
            before = fold(phrase[:m.start()]).split()
            labels = self.lexicon.non_speech_before
            network = before and before[-1] in {fold(n) for n in self._networks}       # « Facebook "…" »
            if before and (before[-1] in labels or network or len(before) > 1 and before[-2] in labels):
                return inner
        return None

    def _quoted_name_before(self, start: int, end: int):
        """« «Les voix des Femmes» appelle les parties… »: a capitalised quotation that opens the clause and is
        followed by nothing but the verb names the subject (an association, a collective), not a quotation.
        (start, end, name) or None."""
        for a, b in self.quoted:
            if a >= start and b <= end and not self.text[b:end].strip() and not self.text[start:a].strip(" ,;:\n"):
                inner = self.text[a:b].strip(" \u00a0\u202f«»\"“”")
                if inner[:1].isupper() and 1 <= len(inner.split()) <= 8:
                    return a, b, inner
        return None

    def _spokesperson(self, pos: int) -> Speaker | None:
        """The person named right after "par la voix de" (with an apposition: "sa porte-parole, Élodie Caradec,")."""
        end = _SPOKESPERSON_END.search(self.text, pos)
        stop = end.start() if end else len(self.text)
        pieces = self.text[pos:stop].split(",")
        span_end = pos + len(",".join(pieces[:2]))
        return self.resolve(pos, span_end, "subject")

    def _first_candidate(self, lo: int, hi: int) -> int | None:
        found = [m.start for m in self._within(lo, hi) if m.kind in ("person", "institution")]
        found += [m.start for m in self.relays if lo <= m.start < hi
                  and not _PUBLISHED_ON.search(self.text, max(lo, m.start - 40), m.start)]   # « sur son compte Twitter »
        found = [f for f in found if not COMPLEMENT.search(self.text, max(lo, f - 14), f)]   # « postée sur Facebook »
        piece = self.text[lo:hi]
        low = fold(piece)
        for pronoun in self.lexicon.pronouns:
            m = re.search(rf"(?<![\w])({re.escape(pronoun)})(?![\w'-])", low)      # "qu'il" too
            if m:
                found.append(lo + m.start())
        for m in _NAME.finditer(piece):
            if " " not in m.group() and piece[m.end():m.end() + 1] == "," and not piece[:m.start()].strip():
                continue          # "Partout, des gilets jaunes…": a sentence adverb, not a name
            described = _DESCRIBED_BY.search(piece, 0, m.start())
            if m.group().isupper() and described and person_noun(fold(described.group(1)), self.lexicon):
                found.append(lo + described.start())      # « Le militant CFDT »: the person, described by their body
                break
            words = [fold(x) for x in m.group().split()]
            if words[0] in ("le", "la") and len(words) > 1 and words[1] in self.lexicon.capitalised_titles:
                found.append(lo + m.start())       # "Le Premier ministre" opening the sentence
                break
            if words[0] in self.lexicon.capitalised_titles:
                det = re.search(r"(?:\b[Ll]e|\b[Ll]a|\b[Ll]['’])\s*$", piece[:m.start()])
                if det:           # "le Premier ministre": the description, from its determiner
                    found.append(lo + det.start())
                continue
            described = self._person_description(piece)
            if described and _COMPLEMENT_BETWEEN.search(piece, described.end(), m.start()) \
                    and given_name(m.group(), self.lexicon) not in ("m", "f"):
                found.append(lo + described.start(1))      # « Ce chauffeur routier originaire de Melun (Seine-et-
                break                                      # Marne) »: a place or a body complements the description
            if fold(m.group().split()[0]) not in self.lexicon.syntax.function_words and not _PREPOSITION.search(piece, 0, m.start()) \
                    and not _PUBLISHED_ON.search(piece, max(0, m.start() - 40), m.start()):
                found.append(lo + m.start())
                break
            if words[0] in ("le", "la") and len(words) >= 2 and not piece[:m.start()].strip(" ,"):
                found.append(lo + m.start())       # "La Chine a appelé…", "Le Kremlin estime…" opening the clause
                break
        if not found:
            for m in re.finditer(r"(?<![\w'])(?:(les|la|le|une|un|des|plusieurs|ce|cet|cette)\s+|(l)')([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", low):
                head = m.group(3)
                if m.group(4) and f"{head} {m.group(4)}" in self.lexicon.speaker_heads:
                    head = f"{head} {m.group(4)}"     # "le porte-parole" (folded « porte parole »), "le premier ministre"
                elif m.group(4) and (m.group(1) or m.group(2)) in ("le", "la", "l") \
                        and head not in self.lexicon.speaker_heads and head not in self.lexicon.institution_heads \
                        and (m.group(4) in self.lexicon.epithets or m.group(4) in self.lexicon.speaker_heads):
                    head = m.group(4)                 # "le principal intéressé", "l'éphémère ministre": an adjective first
                # "Une future maman venue à la conférence confie : «": an indefinite subject opening the piece is
                # an anonymous speaker whatever its noun, unless the noun is one of time ("Un an plus tard, …")
                opening = (m.group(1) in ("un", "une", "des", "plusieurs") and not low[:m.start()].strip()
                           and head not in self.lexicon.syntax.time_nouns)
                demonstrative = m.group(1) in ("ce", "cet", "cette") and person_noun(head, self.lexicon)   # « ce chauffeur »
                if head in self.lexicon.speaker_heads or head in self.lexicon.anonymous_heads or self._registered_role(head) \
                        or demonstrative \
                        or head in self.lexicon.epithets and (m.group(1) or m.group(2)) in ("le", "la", "l") \
                        or head in self.lexicon.institution_heads or opening:
                    found.append(lo + m.start())
                    break
        if not found:
            bare = _BARE_SUBJECT.fullmatch(self.text, lo, _strip_verb_group(self.text, lo, hi, self.lexicon))
            if bare and fold(bare.group("head")) not in self.lexicon.syntax.time_nouns \
                    and not person_noun(fold(bare.group("head")), self.lexicon):
                found.append(bare.start("np"))     # « la grande distribution avait averti que »: a noun phrase right
                                                   # before the verb is its subject, whatever its noun (a person's
                                                   # noun no list knows, « le graffeur », is left to the antecedent)
        found = [f for f in found if not self.quoted.inside(f)]
        return min(found) if found else None

    @cached_property
    def _own_staff(self) -> frozenset[str]:
        """People the article presents as the newsroom's own (« Notre journaliste Stéphane Kovacs a recueilli les
        témoignages »): they gather the words, they never say them."""
        staff = set()
        for m in _OWN_STAFF.finditer(self.text):
            if fold(m.group(1)) in self.lexicon.reporters:
                named = PERSON_NAME.match(self.text, m.end())
                if named:
                    staff.add(named.group().replace("\u00a0", " "))
        return frozenset(staff)

    @cached_property
    def _networks(self) -> frozenset[str]:
        """Names of social networks (relays of kind network): « Facebook » before a page's name is no part of it."""
        return frozenset(a for e in self.registry.entities if e.kind == "network" for a in (e.name, *e.aliases))

    def _registered_role(self, head: str) -> bool:
        return head in self._role_heads

    @cached_property
    def _role_heads(self) -> frozenset[str]:
        return frozenset(fold(r).split()[0] for e in self.registry.entities for r in e.roles if r.split())

    def _pronoun(self, low: str) -> str | None:
        for pronoun in sorted(self.lexicon.pronouns, key=len, reverse=True):
            if low == pronoun or (low.endswith(" " + pronoun) or low.endswith("'" + pronoun)) and len(low.split()) <= 3:
                return pronoun
        return None

    def pronoun(self, pronoun: str, pos: int, phrase: str, last: Speaker | None) -> Speaker:
        gender = self.lexicon.pronouns[pronoun]
        if gender not in ("m", "f"):
            return Speaker(UNKNOWN, None, phrase, "pronoun")
        recency_only = " " in pronoun or "-" in pronoun      # ce dernier, celle-ci: the latest person named
        if not recency_only and self._holds_floor_against(gender, pos, last):
            return Speaker(last.name, last.id, phrase, PRONOUN_CONFLICT, last.gender)
        found = self.antecedent(pos, gender, last, recency_only)
        if found is None:
            return Speaker(UNKNOWN, None, phrase, "pronoun")
        return Speaker(found.name, found.id, phrase, "pronoun", found.gender)

    def _opens_sentence(self, pos: int) -> bool:
        """Nothing but spaces between the sentence's start and `pos` (a subject pronoun opening it)."""
        start = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos)) + 1
        return not self.text[start:pos].strip()

    def _holds_floor_against(self, gender: str, pos: int, last: Speaker | None) -> bool:
        """Whether a pronoun of the wrong gender is a slip for the person who holds the floor rather than a change of
        speaker: that person made the last claims, in two sentences or more, right before it; nobody of the
        pronoun's gender has been named since they began; and the pronoun could designate two people or more of its
        gender named after the sentence where one of them last spoke ("…entre Poutine et Kim. …, a déclaré Zajarova.
        « … », a-t-il soutenu"), not merely in it ("« … », a déclaré Paul Martin devant Jean Roux" hands the floor
        back to Paul Martin). A writer who hands the floor back with a bare pronoun does so when it is unambiguous
        ("« A », glisse-t-il. « B », se souvient-elle" in a portrait of a mother and her son)."""
        floor = self.floor
        if not (last and floor and last.name != UNKNOWN and last.kind == "person" and last.gender
                and last.gender != gender and floor.name == last.name and floor.sentences >= 2):
            return False
        if pos - self.last_sentence_end > _FLOOR_REACH:
            return False
        spoke = next((end for end, g in reversed(self.spoken) if g == gender), 0)
        named = {m.name for m in self.between(spoke, pos) if m.kind == "person" and m.gender in (gender, None)
                 and not self.quoted.strictly_inside(m.start)}
        since_floor = any(m.kind == "person" and m.gender in (gender, None) and m.name != last.name
                          and not self.quoted.strictly_inside(m.start)
                          for m in self.between(floor.since, pos))
        return len(named) >= 2 and not since_floor

    def took_floor(self, speaker: Speaker, sentence_start: int, sentence_end: int) -> None:
        """Record who spoke in the claim just attributed (its sentence), for `_holds_floor_against`."""
        self.spoken.append((sentence_end, speaker.gender))
        self.speakers.append(speaker)
        floor = self.floor
        if floor and floor.name == speaker.name:
            if sentence_start != floor.last_sentence:
                floor.sentences += 1
                floor.last_sentence = sentence_start
        else:
            self.floor = Floor(speaker.name, sentence_start, sentence_start, 1)

    def antecedent(self, pos: int, gender: str | None, last: Speaker | None, recency_only: bool = False) -> Speaker | None:
        """Who a pronoun (or an unattributed quotation) at `pos` refers to.

        Someone named since the last claim's sentence takes over ("Si Poutine…, il s'est montré…"): the first
        person named in the latest such sentence, its likely subject. Otherwise the last speaker, if the gender
        fits; otherwise the latest person named. Names inside quotations are never antecedents."""
        # Only the latest ANTECEDENT_REACH mentions are candidates: a pronoun refers to someone named nearby, and
        # scanning every earlier name for every pronoun made long articles cost the square of their length.
        compatible = [m for m in self.before(pos)[-ANTECEDENT_REACH:] if m.kind == "person"
                      and (gender is None or m.gender in (gender, None)) and not self.quoted.strictly_inside(m.start)
                      and m.name not in self._own_staff]
        if not recency_only:
            newer = [m for m in compatible if m.start >= self.last_sentence_end]
            if newer:
                cut = max(self.text.rfind(". ", 0, newer[-1].start), self.text.rfind("\n", 0, newer[-1].start)) + 1
                lead = self.lexicon.syntax.subordinate.match(fold(self.text[cut:newer[-1].start + 1]))
                if lead:          # "Si Poutine…, Kim s'est montré…": the main clause after the comma holds the subject
                    comma = self.text.find(",", cut + lead.end(), newer[-1].start + 1)
                    cut = comma if comma >= 0 else cut
                main = [m for m in newer if m.start >= cut] or newer[-1:]
                heads = [m for m in main if not self._complement(m.start, cut)]
                if not any(not self._complement(m.start, 0) for m in newer) and self._fits(last, gender):
                    return last           # "… exprimées par le ministre de l'Intérieur, Christophe Castaner. Il …":
                                          # a person named only as a complement does not take the floor
                main = heads or main      # "Le colistier de Donald Trump, JD Vance, a tenu…": not the complement
                if self._pronoun_subject(cut, main[0].start, gender) and self._fits(last, gender):
                    return last           # "il en a profité pour viser Le Pen et Mélenchon": still the one speaking
                exact = [m for m in main if gender and m.gender == gender]   # a known "elle" beats a name of unknown gender
                first = (exact or main)[0]
                return Speaker(first.name, first.id, None, "context", first.gender)
            if last and last.name != UNKNOWN and last.kind == "person" and (gender is None or last.gender in (gender, None)):
                return last
            if last and last.name != UNKNOWN and last.kind == "institution" and gender and last.gender in (gender, None) \
                    and pos - self.last_sentence_end < _INSTITUTION_REACH and self._opens_sentence(pos):
                return last           # "…, rapporte le ministère de la Défense. Il précise que…": nobody named since
            if last and last.name == UNKNOWN and last.mention and pos - self.last_sentence_end < 300 \
                    and (gender is None or last.gender in (gender, None)):
                return last           # "Un témoin a décrit… « … », a-t-il raconté": still the anonymous witness
        if not recency_only and gender:
            # nobody named since, and the last speaker does not fit: the latest earlier speaker who does takes the
            # floor back ("« … », a dit Paul Martin devant Jean Roux. « … », a dit Anne Dupont. « … », a-t-il poursuivi")
            back = next((s for s in reversed(self.speakers) if s.kind == "person" and s.name != UNKNOWN
                         and s.gender == gender and s.method not in ("description", "anonymous")), None)
            if back is not None:
                return replace(back, mention=None, method="context")
        if compatible:
            exact = [m for m in compatible if gender and m.gender == gender]
            m = exact[-1] if exact and compatible[-1].gender is None else compatible[-1]
            return Speaker(m.name, m.id, None, "context", m.gender)
        return None

    def _complement(self, pos: int, floor: int) -> bool:
        """Whether the name at `pos` is governed by a preposition (« de Macron », « par Emmanuel Macron »), also
        through the role apposed before it (« exprimées par le ministre de l'Intérieur, Christophe Castaner »)."""
        if _PREPOSITION.search(self.text, max(floor, pos - 12), pos):
            said = _SAID_BY.search(self.text, max(floor, pos - 30), pos)
            return not (said and fold(said.group(1)) in self.lexicon.issued_by)    # « la réponse de Berléand »
        role = self.lexicon.syntax.governed_role.search(self.text, max(floor, pos - 90), pos)
        return bool(role) and person_noun(role_head(fold(role.group("role")), self.lexicon), self.lexicon)

    def _placed_piece(self, lo: int, hi: int) -> bool:
        """A clause piece that opens (after a connector: « Puis ») with a preposition of place or time holds no
        subject (« Puis à La Revue des Deux Mondes, en 2015 : « … » »). « a », the auxiliary, is no « à »."""
        words = self.text[lo:hi].split()
        while words and fold(words[0]).strip(",") in self.lexicon.connectors:
            words = words[1:]
        return bool(words) and words[0].lower() != "a" and fold(words[0]) in self.lexicon.syntax.prepositions

    def _pronoun_subject(self, start: int, end: int, gender: str | None) -> bool:
        """A subject pronoun of `gender` in text[start:end], before the names a sentence gives after its verb."""
        if gender is None:
            return False
        return any(self.lexicon.pronouns.get(w) == gender for w in re.findall(r"(?<![\w-])[\w]+(?![\w'’-])", fold(self.text[start:end]))
                   if w in self.lexicon.syntax.subject_pronouns)

    @staticmethod
    def _fits(speaker: Speaker | None, gender: str | None) -> bool:
        return bool(speaker and speaker.name != UNKNOWN and speaker.kind == "person"
                    and (gender is None or speaker.gender in (gender, None)))

    def _name_in(self, phrase: str, offset: int) -> Speaker | None:
        title = _TITLE.match(phrase)
        if title:                 # "M. Bell": the title gives the gender, the rest is the name
            gender = self.lexicon.titles.get(fold(title.group(1)) + ".", self.lexicon.titles.get(fold(title.group(1))))
            found = self._name_in(phrase[title.end():], offset + title.end())
            if found:
                return Speaker(found.name, found.id, phrase, found.method, found.gender or (gender if gender in ("m", "f") else None))
            return None
        words = phrase.split()
        gender = None
        for i, w in enumerate(words):
            title = self.lexicon.titles.get(fold(w))
            if title:
                gender = title if title in ("m", "f") else None
        described = self._person_description(phrase)
        for m in _NAME.finditer(phrase):
            name = m.group()
            first = [fold(x) for x in name.split()[:2]]
            if described and _COMPLEMENT_BETWEEN.search(phrase, described.end(), m.start()) \
                    and given_name(name, self.lexicon) not in ("m", "f"):
                continue          # « ce chauffeur routier originaire de Melun (Seine-et-Marne) »: a place, no name
            if first[0] in self.lexicon.capitalised_titles or first[0] in ("le", "la") and first[1:] and first[1] in self.lexicon.capitalised_titles:
                continue          # "(Le) Premier ministre": a role
            if _PREPOSITION.search(phrase, 0, m.start()) and not _ELIDED_ACRONYM.match(phrase):
                if len(name.split()) < 3:
                    continue      # "ministre de la Défense": a complement, not a name
                name = " ".join(name.split()[-2:])     # "maire de Londres Sadiq Khan"
                if not name[:1].isupper():
                    continue      # "le président de Debout la France": a body's name, no person
            if len(name.split()) == 2 and fold(name.split()[0]) in ("le", "la") and m.start() == 0 \
                    and person_noun(fold(name.split()[1]), self.lexicon):
                continue          # « La Bretonne de 51 ans », « le Lyonnais »: a person described, not named
            tokens = [t for t in name.split() if fold(t) not in self.lexicon.titles]
            if tokens and tokens[0] in self._networks and len(tokens) > 1:
                tokens = tokens[1:]               # "Facebook La France en colère": the page, not the platform
            if not tokens or len(tokens) == 1 and _ROMAN.match(tokens[0]):
                continue                          # "l'acte V": a number, nobody
            name = " ".join(tokens)
            known = self.local_names.get(fold(name))
            if known:
                return Speaker(known[0], None, phrase, "name", gender or known[1])
            if len(tokens) == 1 and m.start() == 0 and not gender and fold(name) in ("le", "la", "les", "l'"):
                continue
            if len(tokens) >= 2 or gender or m.start() > 0 or len(words) == 1:
                self.remember(name, gender, offset + m.start(), offset + m.end())
                return Speaker(name, None, phrase, "name", gender)
        return None

    def _epithet(self, low: str, pos: int, last: Speaker | None) -> Speaker | None:
        """"le quadragénaire", "la syndicaliste": a bare epithet refers back to the latest person of its gender, as a
        pronoun would (see `determiners.epithets` in grammar.toml)."""
        words = low.split()
        if not words or words[0] not in ("le", "la", "l'") and not low.startswith("l'"):
            return None
        body = _strip_determiner(re.split(r"\s+(?:qui|que|qu'|dont)\b", low)[0]).split()
        if len(body) == 2 and body[0] in self.lexicon.epithet_adjectives:
            body = body[1:]       # « le principal intéressé », « la jeune retraitée », « le même syndicaliste »
        if len(body) != 1 or body[0] not in self.lexicon.epithets:
            return None
        gender = {"le": "m", "la": "f"}.get(words[0]) or self._gender_of_noun(body[0])
        found = self.antecedent(pos, gender, last)
        if found and self._reporter(found.name) and body[0] not in self.lexicon.reporters:
            # « », lui répond le comédien » after the journalist's question: the other party, not the journalist
            found = next((s for s in reversed(self.speakers) if s.kind == "person" and s.name not in (UNKNOWN, found.name)
                          and s.gender in (gender, None) and not self._reporter(s.name)), None) \
                or next((Speaker(m.name, m.id, None, "context", m.gender) for m in reversed(self.before(pos))
                         if m.kind == "person" and m.gender in (gender, None) and not self._reporter(m.name)
                         and not self.quoted.strictly_inside(m.start)), None)
        return found if found and found.name != UNKNOWN else None

    def _reporter(self, name: str) -> bool:
        """The text gives this person a newsroom role (« le journaliste Éric Dussart »)."""
        return any(value[0] == name and role.split()[:1] and role.split()[0] in self.lexicon.reporters
                   for role, value in self.local_roles.items())

    def _description(self, low: str) -> tuple[str, str | None] | None:
        """A role the article gave someone ("Stuart Bell, le responsable de la police" … "le responsable"): the whole
        role, or its head noun unless either has a complement the other lacks or differs ("le ministre de
        l'Intérieur" is not "le ministre de la Santé"; "le premier secrétaire" is not "le Premier ministre")."""
        body = re.sub(r"\s+(?:lui|elle|eux|elles)[ -]memes?$", "", _strip_determiner(low))     # "le Premier ministre lui-même"
        if body in self.local_roles:
            return self.local_roles[body]
        words = body.split()
        if not words or words[0] in self.lexicon.capitalised_titles:
            return None
        head, complement = _head_and_complement(body)
        said = _qualifiers(body)
        for role, value in self.local_roles.items():
            role_head, role_complement = _head_and_complement(role)
            if role_head == head and (not complement or not role_complement or complement[0] == role_complement[0]) \
                    and (not said or not _qualifiers(role) or said & _qualifiers(role)
                         or (said | _qualifiers(role)) & self.lexicon.institution_heads):
                return value      # (« le président du Kazakhstan » is not « le président russe »; « le président
                                  # du groupe français » may be « le président de MGEN »)
        return None


_VOX_POP = re.compile(r"(?<![\w’'-])(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?)\*?,[ \u00a0]+"
                      r"(?:\d{1,3}[ \u00a0]ans|(?P<det>un|une)[ \u00a0][a-zà-öø-ÿ]+)")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_INSTITUTION_NAME = re.compile(r"(?P<det>[Ll]e[ \u00a0]+|[Ll]a[ \u00a0]+|[Ll]['’])?(?P<name>(?P<head>[A-ZÀ-Ý][\w’'-]+)"
                               r"(?:[ \u00a0]+(?:[dl]['’])?[\w’'-]+)*)\s*$")
_ELIDED_ACRONYM = re.compile(r"[Ll]['’][A-ZÀ-Ý]{2,}\b")        # "l'OMS", "l'OFAG": the article, not a preposition
_SPOKESPERSON_END = re.compile(r"[;«\n]|(?<![A-Z])(?<!Mme)\.")    # not the full stop of "M."
PERSON_NAME = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?(?:[ \u00a0][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ’']+(?:-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ’']+)*){1,3}(?![\w-])")
_DESCRIBED_BY = re.compile(r"\b(?:[Ll]e|[Ll]a)\s+([\w-]+)\s+$")
_BARE_SUBJECT = re.compile(r"\s*(?P<np>(?:[Ll]e|[Ll]a)\s+(?:[a-zà-ÿ][\w’'-]*\s+)?(?P<head>[a-zà-ÿ][\w’'-]*)"
                           r"(?:\s+[a-zà-ÿ][\w’'-]*)?)\s*")
_STRESSED_ASIDE = re.compile(r"(?:quant\s+a\s+)?(?:lui|elle|eux|elles)(?:[\s-]+(?:aussi|meme|memes|non\s+plus))?")   # folded
_OWN_STAFF = re.compile(r"(?<![\w])(?:[Nn]otre|[Nn]os)\s+([\w-]+)(?:\s+spéciale?s?)?,?\s+")
_DOCUMENT = re.compile(r"(?<![\w])(?:(?:un|une|le|la|son|sa|ses|leur|ce|cette)\s+|l['’]\s*)(?P<noun>[\w’'-]+)(?:\s+[a-zà-ÿ]+)?"
                       r"\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*", re.IGNORECASE)
# « (pour) lequel », « dont »: a relative pronoun that opens a clause with a subject of its own
_RELATIVE_PRONOUN = (r"(?:(?:pour|avec|sur|dans|par|contre|chez|à|selon)\s+)?"
                     r"(?:lequel|laquelle|lesquels|lesquelles|auquel|auxquels|auxquelles|duquel|dont)")
_RELATIVE_OBJECT = re.compile(rf"(?:\b(?:que\b|qu['’])|(?<![\w'’-]){_RELATIVE_PRONOUN}(?![\w'’-]))\s*", re.IGNORECASE)
_RELATIVE_IN_PHRASE = re.compile(rf"[ \u00a0,]+(?:{_RELATIVE_PRONOUN}|qui)(?![\w'’-])", re.IGNORECASE)
_PUBLISHED_ON = re.compile(r"(?<![\w'’])(?:sur|dans|via)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_PLACED = re.compile(r"\b(?:sur|dans|via|en)\s*$", re.IGNORECASE)      # where something was published, not who
COMPLEMENT = re.compile(r"(?:\b(?:de|du|des|à|au|aux|en|dans|sur|vers|pour|par|chez|avec)(?:\s+la|\s+l['’])?|\bd['’])\s*$",
                         re.IGNORECASE)     # a name after one of these is a complement, not the phrase's head
_RUBRIC = re.compile(r"(?m)^(?:[»>][ \u00a0]*)?(?:[A-ZÀ-Ý0-9'’/]+[ \u00a0]+){1,5}[-–—][ \u00a0]+(?=[A-ZÀ-Ý«\"“])")
_SAME_SOURCE = re.compile(r"(?:^|\s)(?:(?:la|cette)\s+)?(?:meme\s+source|cette\s+source)$")    # folded
_ISSUED = re.compile(r"(?P<head>(?:[\w’'-]+\s+){1,5}?)(?:de|du|des|par)\s+(?:la\s+|le\s+|les\s+|l['’])?"
                     r"(?P<name>[A-ZÀ-ÖØ-Þ][^,;:«»]*)$")
_QUOTED = re.compile(r"[«\"“]\s*([^«»\"“”]{1,80}?)\s*[»\"”]")
_INSTITUTION_REACH = 200       # characters after the institution's claim within which « il » / « elle » may be it
_INITIALS_NAME = re.compile(r"(?<![\w’'.-])(?:[A-Z]\.[ \u00a0]?[A-Z]\.|[A-Z]{2})[ \u00a0][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+"
                            r"(?![\w-])(?![ \u00a0][A-ZÀ-ÖØ-Þ])")
_APPOSED_TAIL = re.compile(r",[ \u00a0]+((?:[A-ZÀ-ÖØ-Þ][\w’'-]+[ \u00a0]){1,3}[A-ZÀ-ÖØ-Þ][\w’'-]+)$")
_SAID_BY = re.compile(r"([\w’'-]+)\s+(?:de|d['’])\s*$")
_DESCRIPTION_OPENING = re.compile(r"\s*((?:[Ll]e|[Ll]a|[Ll]es|[Cc]e|[Cc]et|[Cc]ette|[Cc]es)\s+|[Ll]['’]\s*)[a-zà-ÿ]")
_COMPLEMENT_BETWEEN = re.compile(r"\(|(?<![\w'’])(?:de|du|des|d['’]|en|à|au|aux|dans|sur|pour|chez)(?![\w'’])", re.IGNORECASE)
_PREPOSITION = re.compile(r"(?:\b(?:de|du|des|à|au|aux|en|dans|sur|vers|pour|par|chez)(?:\s+la)?|\b(?:de|à)\s+l['’]|[dl]['’])\s*$", re.IGNORECASE)
_TITLE = re.compile(r"(M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|Monsieur|Madame|Maître)\.?[ \u00a0]+(?=[A-ZÀ-ÖØ-Þ])")
_DETERMINER = re.compile(r"\b(?:[Ll]e|[Ll]a|[Ll]['’])")
_CLAUSE_WORD = re.compile(r"(?<![\w'’])(?:que|qu['’]|qui|dont|où|lequel|laquelle|lesquels|lesquelles|auquel|duquel|"
                          r"il|elle|ils|elles)(?![\w'’])", re.IGNORECASE)


# « une de leurs représentantes », « l'un des organisateurs »: one of a group, apposed to the name before it
_PARTITIVE = re.compile(r"\s*(?:[Ll]['’]\s*)?(?:un|une)\s+(?:de|d['’]|des)\s*[a-zà-ÿ]")


def _short_role(role: str) -> bool:
    """A role is a noun phrase of a few words, with no clause inside it."""
    return len(role.split()) <= 10 and not _CLAUSE_WORD.search(role) and not FINITE_VERB.search(role) \
        and not re.match(r"(?:ne|n['’])\s*\w", role)          # "X, ne cache pas son inquiétude": a verb


def _head_and_complement(role: str) -> tuple[str, list[str]]:
    """A folded role as its head noun and the words after its first "de", determiners dropped: ("ministre", ["defense"])
    for "ministre russe de la defense"."""
    parts = re.split(r"\s(?:de|du|des|d')\s?", role, maxsplit=1)
    complement = [w for w in parts[1].split() if w not in ("la", "le", "les", "l'")] if len(parts) > 1 else []
    complement = [w[2:] if w.startswith("l'") else w for w in complement]
    head = parts[0].split()
    return (head[0] if head else ""), complement


def _qualifiers(role: str) -> frozenset[str]:
    """The words that say which one a folded role is, after its head: its adjectives and complements (« russe »,
    « kazakhstan », « defense » for « ministre russe de la defense »)."""
    return frozenset(w[2:] if w.startswith(("l'", "d'")) else w for w in role.split()[1:]
                     if w not in ("de", "du", "des", "d'", "la", "le", "les", "l'"))


def _role_fits(text: str, folded: str, m, lexicon: Lexicon) -> bool:
    """Whether a registered role printed in the text designates that entity: not "le Premier ministre" for the
    registered "ministre", not "le ministre" for a woman, not "la ministre de la Santé" for the registered
    "ministre" of another portfolio (a capitalised complement the registry's role does not have)."""
    if lexicon.role_modifier.search(folded, max(0, m.start - 20), m.start):
        return False
    det = re.search(r"(?:\b(le|du|au)|\b(la))\s+$", folded[max(0, m.start - 6):m.start])
    said = ("m" if det.group(1) else "f") if det else None
    if said and m.entity.gender in ("m", "f") and said != m.entity.gender:
        return False
    return not re.match(r"\s+(?:de\s+la|de\s+l['’]|du|des|de)\s*[A-ZÀ-Ý]", text[m.end:m.end + 12])


def _strip_verb_group(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """End of the subject phrase: before its auxiliary ("Le porte-parole du Kremlin [a indiqué]") or before a first
    reporting verb ("Les syndicats [dénoncent une « … » et estiment que]")."""
    m = lexicon.syntax.verb_group.search(text, start, end)
    end = m.start() if m else end
    cue = lexicon.cue_pattern.search(text, start, end)
    end = cue.start() if cue and text[start:cue.start()].strip() else end
    clitics = lexicon.syntax.trailing_clitics.search(text, start, end)
    return clitics.start() if clitics and text[start:clitics.start()].strip() else end


_FIRST_VERB = re.compile(r"(?<![\w'’-])(?:s['’]|se\s|ne\s|n['’])|" + FINITE_VERB.pattern)


def _strip_determiner(phrase: str) -> str:
    return re.sub(r"^(?:les|le|la|l['’]|son|sa|ses|leurs|leur)(?:\s+|(?<=['’]))", "", phrase.strip(), flags=re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end
