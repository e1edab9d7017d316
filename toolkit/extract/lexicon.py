"""Load a language's word lists (cue verbs, pronouns, relays, quote marks) from the TOML data files into regexes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.errors import BadLexicon, NoLanguageData
from toolkit.text import fold

DATA = Path(__file__).resolve().parent.parent / "data"


def conjugate(lemma: str) -> set[str]:
    """Forms of a regular -er verb a reporter uses: participles, present, imperfect, simple past, future.

    Spelling changes (annonçait, jugeait, rappelle, répète) are added; a few impossible forms do no harm."""
    stem = lemma.removeprefix("s'").removeprefix("se ")[:-2]
    endings = ["é", "ée", "és", "ées", "e", "es", "ent", "ait", "aient", "a", "èrent", "era", "eront", "ant", "erait"]
    forms = {stem + e for e in endings}
    if stem.endswith("c"):
        forms |= {stem[:-1] + "ç" + e for e in ("ait", "aient", "a", "ant")}
    if stem.endswith("g"):
        forms |= {stem + "e" + e for e in ("ait", "aient", "a", "ant")}
    if re.search(r"[eé][^aeiouyéè]+$", stem):
        grave = re.sub(r"[eé]([^aeiouyéè]+)$", r"è\1", stem)
        forms |= {grave + e for e in ("e", "es", "ent", "era", "eront")}
        if stem.endswith(("el", "et")):
            forms |= {stem + stem[-1] + e for e in ("e", "es", "ent", "era", "eront")}
    return forms


@dataclass(frozen=True)
class Syntax:
    """Function words of `syntax.toml`, folded, and the patterns built from them."""

    auxiliaries: frozenset[str]
    incise_adverb: re.Pattern          # a word between an auxiliary and its participle
    time_words: frozenset[str]
    time_nouns: frozenset[str]
    comparatives: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    subordinate: re.Pattern            # a sentence opening with a subordinate clause
    nonfinite: re.Pattern              # a clause piece with no subject of its own
    not_subject: re.Pattern            # a clause piece that cannot hold the subject
    verb_group: re.Pattern             # an auxiliary and what follows, in the original text
    relay_strong: frozenset[str]
    relay_kinds: dict
    not_relay_after: dict              # relay head -> what makes it something else ("agence régionale de santé")
    through_voice: re.Pattern          # "[verb] par la voix de": the person an organisation speaks through
    aside_phrases: tuple[tuple[str, ...], ...]   # "quant à elle": skipped between a verb and its subject
    not_infinitives: frozenset[str] = frozenset()   # words ending like an infinitive that are none ("hier", "notre")
    governed_role: re.Pattern = re.compile(r"$^")   # "par le ministre de l'Intérieur, " before a name
    complement_then_name: re.Pattern = re.compile(r"$^")   # " au Sénat, François Patriat" after a role
    clause_source: re.Pattern = re.compile(r"$^")   # "pour Fred" ending a clause before a colon
    verb_opener: re.Pattern = re.compile(r"$^")     # "s'", "ne" opening a verb group
    object_clitic: re.Pattern = re.compile(r"$^")   # "le", "lui", "l'" before an incise's verb ("», le questionne X")
    subject_pronouns: frozenset[str] = frozenset()   # "il", "elle": a sentence's subject that names nobody new
    trailing_clitics: re.Pattern = re.compile(r"$^")   # clitics between a subject and its verb ("la jeune femme [s']inquiète")
    degree_adverbs: frozenset[str] = frozenset()    # "très", "peu": before a participle-adjective


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _syntax(data: dict) -> Syntax:
    f = lambda key: frozenset(fold(w) for w in data[key])
    auxiliaries = [a.replace("'", "['’]") for a in map(re.escape, sorted(data["auxiliaries"], key=len, reverse=True))]
    elided = lambda words: "|".join(w.replace("'", "['’]") for w in map(re.escape, sorted(words, key=len, reverse=True)))
    governing = elided(data.get("governing_prepositions", []))
    sources = elided(data.get("source_prepositions", []))
    openers = elided(data.get("verb_openers", []))
    objects = "|".join(c.replace("'", "['’]") for c in map(re.escape, sorted(data.get("object_clitics", []), key=len, reverse=True)))
    clitics = "|".join(c.replace("'", "['’]") for c in map(re.escape, sorted(data.get("subject_clitics", []), key=len, reverse=True)))
    return Syntax(
        auxiliaries=f("auxiliaries"),
        incise_adverb=re.compile(rf"^(?:\w+ment|{_alternation(fold(w) for w in data['incise_adverbs'])})$"),
        time_words=f("time_words"),
        time_nouns=f("time_nouns"),
        comparatives=f("comparatives"),
        prepositions=f("prepositions"),
        determiners=f("determiners"),
        function_words=f("function_words"),
        subordinate=re.compile(rf"\s*(?:{_alternation(fold(w) for w in data['subordinators'])})"),
        nonfinite=re.compile(rf"^\s*(?:{_alternation(fold(w) for w in data['nonfinite_leads'])})\b"),
        not_subject=re.compile(rf"^\s*(?:{_alternation(fold(w) for w in data['not_subject_leads'])}|[a-z]+ant)\b"),
        governed_role=re.compile(rf"(?<![\w'’])(?:{governing})\s+(?:le\s+|la\s+|l['’]\s*)(?P<role>[a-zà-ÿ][^,.;:«»()\n]{{1,70}}),\s*$",
                                 re.IGNORECASE),
        complement_then_name=re.compile(rf"[ \u00a0]+(?:{governing})[ \u00a0]?[^,.;:«»()\n]{{1,40}},[ \u00a0]+"
                                        rf"((?:[A-ZÀ-ÖØ-Þ][\w’'-]+[ \u00a0]){{1,3}}[A-ZÀ-ÖØ-Þ][\w’'-]+)(?=[.,;])"),
        clause_source=re.compile(rf"(?:^|\s)(?:{sources})\s+(?P<np>[^,;:«»]{{2,60}})$", re.IGNORECASE),
        verb_opener=re.compile(rf"(?<=\s)(?:{openers})(?:\s|(?<=['’]))", re.IGNORECASE),
        object_clitic=re.compile(rf"(?:{objects})(?:\s+|(?<=['’]))", re.IGNORECASE),
        subject_pronouns=frozenset(fold(w) for w in data.get("subject_pronouns", [])),
        trailing_clitics=re.compile(rf"(?:\s+(?:{clitics}))+\s*$", re.IGNORECASE),
        verb_group=re.compile(rf"\s+(?:n['’]|ne\s+)?(?:{'|'.join(auxiliaries)})\b.*$", re.IGNORECASE | re.DOTALL),
        relay_strong=frozenset(fold(w) for w in data["relay_heads"]["strong"]),
        relay_kinds={fold(k): v for k, v in data["relay_heads"]["kinds"].items()},
        not_relay_after={fold(head): re.compile(rf"\s+(?:{_alternation(fold(w) for w in words)})\b")
                         for head, words in data["relay_heads"].get("not_followed_by", {}).items() if words},
        aside_phrases=tuple(sorted((tuple(fold(w) for w in p.split()) for p in data.get("aside_phrases", [])), key=len, reverse=True)),
        through_voice=re.compile(rf"[\w'’-]+\s+(?:{_alternation(fold(w) for w in data['through_voice'])})(?<=')\s*"
                                 rf"|[\w'’-]+\s+(?:{_alternation(fold(w) for w in data['through_voice'])})\b\s*"),
        not_infinitives=frozenset(fold(w) for w in data.get("not_infinitives", [])),
        degree_adverbs=frozenset(fold(w) for w in data.get("degree_adverbs", [])),
    )


@dataclass(frozen=True)
class Lexicon:
    language: str
    cue_forms: dict[str, str]          # form -> lemma (single words)
    phrase_forms: dict[str, str]       # multi-word form -> lemma
    indirect: frozenset[str]
    pronouns: dict[str, str]           # word lists are accent- and case-folded (toolkit.text.fold)
    titles: dict[str, str]
    anonymous: tuple[str, ...]
    anonymous_heads: frozenset[str]
    phrase_end: frozenset[str]
    relay_heads: frozenset[str]
    relay_documents: frozenset[str]
    relay_triggers: tuple[str, ...]
    non_speech_before: frozenset[str]
    connectors: tuple[str, ...]
    opening: str
    closing: str
    both: str
    inner_spaces: str
    speaker_heads: frozenset[str]
    text_cues: frozenset[str]            # cues that also say what a text provides ("le plan prévoit que")
    text_subjects: frozenset[str]        # the nouns of such texts
    epithets: frozenset[str]
    epithet_adjectives: frozenset[str]    # "le principal intéressé": still the epithet
    groups: frozenset[str]                # plural nouns of unnamed people ("les syndicats")
    institution_heads: frozenset[str]     # nouns that name an institution, never a person ("la Ville")
    issued_by: frozenset[str]             # documents that speak for the institution named after them ("un rapport de X")
    feminine_endings: tuple[tuple[str, str], ...]   # (feminine ending, masculine ending) of role nouns, longest first
    known_institutions: dict[str, str]    # name key of a short name ("oms", "quai d'orsay") -> the full name
    person_suffixes: tuple[str, ...]      # endings of nouns that name a person ("toxicologue", "militant")
    exclusive_roles: dict[str, int]       # role -> its group: one person holds one role of a group ("procureur", "avocat")
    age_phrase: re.Pattern                # "de 34 ans", "âgé de 51 ans": said of a person, no part of their role
    not_given_names: frozenset[str]       # given names that open place names more often ("France", "Saint")
    place_nouns: frozenset[str]           # "le quartier de [Thurlow Gardens]": a place, not a person
    given_name_genders: dict[str, str]    # the language's usage where the international list hesitates
    role_synonyms: tuple[tuple[str, str], ...]   # (folded word or phrase, the first of its group), longest first
    role_modifier: re.Pattern           # a word just before a role that makes it another role ("Premier ministre")
    capitalised_titles: frozenset[str]  # capitalised words of a role that are no names ("Premier")
    legal: tuple[str, ...]
    clause_end: tuple[str, ...]
    not_que: frozenset[str]
    continuing: frozenset[str]           # participles that carry a clause on after a comma ("atteignant")
    reporters: frozenset[str]            # the newsroom's staff ("photographe", "correspondant"): no speakers
    data_sources: frozenset[str]         # "selon" sources that are figures ("chiffres", "sondage"): no speech
    poll_words: frozenset[str]           # a sentence about a poll quotes its items, nobody's words ("sondés", "étude")
    complements: dict[str, frozenset[str]]   # form of complement (infinitive, de_infinitive, object_infinitive, noun) -> cue lemmas
    cue_pattern: CueIndex              # any cue form or phrase, as a whole word
    cue_lemmas: frozenset[str]          # the single-word regular cue verbs (lemmas), for their infinitives
    syntax: Syntax

    def lemma(self, form: str) -> str | None:
        form = form.lower()
        return self.phrase_forms.get(form.replace("’", "'")) or self.cue_forms.get(form)

    def __hash__(self) -> int:
        return hash(self.language)


class CueMatch:
    """A reporting verb found in a text; the same accessors as a regex match."""

    __slots__ = ("_start", "_end", "_form")

    def __init__(self, start: int, end: int, form: str):
        self._start, self._end, self._form = start, end, form

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._form


_WORD = re.compile(r"[\w’'-]+")
_ELIDED = re.compile(r"(?:s|l|n|m|t|qu)['’]")


class CueIndex:
    """Find reporting verbs by looking each word up in a dict, not with one regex of 1,500 alternatives:
    the regex engine tries every alternative at every position, the dict lookup costs one hash per word."""

    def __init__(self, single: set[str], phrases: list[str]):
        self.single = single
        self.by_first: dict[str, list[str]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            self.by_first.setdefault(phrase.split()[0].split("-")[0], []).append(phrase)

    def _at(self, text: str, start: int, end: int, word: str) -> CueMatch | None:
        low = word.lower()
        if "'" in word or "’" in word:
            elided = _ELIDED.match(low)
            if elided and low[elided.end():] in self.single:     # "s'exclame", "l'a" is not a cue
                return CueMatch(start + elided.end(), start + len(word), word[elided.end():])
        for phrase in self.by_first.get(low.split("-")[0].replace("’", "'"), ()):    # « s’est dit » is « s'est dit »
            if text[start:start + len(phrase)].lower().replace("’", "'") == phrase and start + len(phrase) <= end and \
                    (start + len(phrase) == len(text) or not text[start + len(phrase)].isalnum()):
                return CueMatch(start, start + len(phrase), text[start:start + len(phrase)])
        if low in self.single:
            return CueMatch(start, start + len(word), word)
        head = low.split("-")[0]
        if head != low and head in self.single:          # "répond-elle", "dit-il"
            return CueMatch(start, start + len(head), word[:len(head)])
        return None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        for m in _WORD.finditer(text, start, end):
            if m.start() > 0 and text[m.start() - 1] in "'’":
                continue
            found = self._at(text, m.start(), end, m.group())
            if found:
                yield found

    def search(self, text: str, start: int = 0, end: int | None = None) -> CueMatch | None:
        return next(self.finditer(text, start, end), None)

    def match(self, text: str, pos: int, end: int | None = None) -> CueMatch | None:
        end = len(text) if end is None else end
        m = _WORD.match(text, pos, end)
        return self._at(text, pos, end, m.group()) if m else None


def _load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BadLexicon(path, f"cannot be read as TOML ({err})", "restore the file from the toolkit's repository") from None


@lru_cache(maxsize=None)
def load(language: str = "fr") -> Lexicon:
    folder = DATA / language
    if not folder.is_dir():
        raise NoLanguageData(folder, f"no language data for '{language}'", f"add {folder} with the same files as data/fr")
    cues = _load_toml(folder / "cues.toml")
    grammar = _load_toml(folder / "grammar.toml")
    marks = _load_toml(folder / "quote_marks.toml")
    cue_forms: dict[str, str] = {}
    for lemma in cues.get("regular", []):
        base = lemma.removeprefix("s'").removeprefix("se ")
        for form in conjugate(lemma):
            cue_forms.setdefault(form, base)
    for lemma, forms in cues.get("irregular", {}).items():
        for form in forms:
            cue_forms[form] = lemma.removeprefix("s'")
    phrase_forms = {form: lemma for lemma, forms in cues.get("phrases", {}).items() for form in forms}
    indirect = frozenset(l.removeprefix("s'").removeprefix("se ") if " " not in l and l not in phrase_forms.values() else l
                         for l in cues.get("indirect", []))
    complements = {kind: frozenset(l.removeprefix("s'").removeprefix("se ") if l not in phrase_forms.values() else l
                                   for l in lemmas)
                   for kind, lemmas in cues.get("complements", {}).items()}
    known = set(cue_forms.values()) | set(phrase_forms.values())
    for kind, lemmas in complements.items():
        if lemmas - known:
            raise BadLexicon(folder / "cues.toml", f"[complements] {kind} lists {sorted(lemmas - known)}, which are not cues",
                             "add them to the cue lists first")
    return Lexicon(
        text_cues=frozenset(cues.get("text_cues", [])),
        text_subjects=frozenset(fold(w) for w in cues.get("text_subjects", [])),
        language=language,
        cue_forms=cue_forms,
        phrase_forms=phrase_forms,
        indirect=indirect,
        pronouns={fold(k): v for k, v in grammar["pronouns"].items()},
        titles={fold(k): v for k, v in grammar["titles"].items()},
        anonymous=tuple(fold(w) for w in grammar["determiners"]["anonymous"]),
        anonymous_heads=frozenset(fold(w) for w in grammar["determiners"]["anonymous_heads"]),
        phrase_end=frozenset(fold(w) for w in grammar["phrase_end"]["words"]),
        relay_heads=frozenset(grammar["relays"]["heads"]),
        relay_documents=frozenset(grammar["relays"]["documents"]),
        relay_triggers=tuple(sorted(grammar["relays"]["triggers"], key=len, reverse=True)),
        non_speech_before=frozenset(fold(w) for w in grammar["non_speech"]["before"]),
        connectors=tuple(sorted(grammar["connectors"]["words"], key=len, reverse=True)),
        opening="".join(marks["opening"]),
        closing="".join(marks["closing"]),
        both="".join(marks["both"]),
        inner_spaces="".join(marks["inner_spaces"]),
        speaker_heads=frozenset(fold(w) for w in grammar["speaker_heads"]["words"]),
        epithets=frozenset(fold(w) for w in grammar["determiners"]["epithets"]),
        epithet_adjectives=frozenset(fold(w) for w in grammar["determiners"].get("epithet_adjectives", [])),
        groups=frozenset(fold(w) for w in grammar["determiners"]["groups"]),
        institution_heads=frozenset(fold(w) for w in grammar["descriptions"]["institutions"]),
        issued_by=frozenset(fold(w) for w in grammar["descriptions"].get("issued_by", [])),
        feminine_endings=tuple(sorted(((fold(f), fold(m)) for f, m in grammar["descriptions"].get("feminine_endings", [])),
                                      key=lambda pair: -len(pair[0]))),
        known_institutions={fold(k): v for k, v in grammar.get("institutions", {}).get("known", {}).items()},
        person_suffixes=tuple(fold(w) for w in grammar["descriptions"]["person_suffixes"]),
        exclusive_roles={fold(w).replace("-", " "): i for i, group in enumerate(grammar["descriptions"]["exclusive_roles"]) for w in group},
        age_phrase=re.compile(fold(grammar["descriptions"]["age_phrase"])),
        not_given_names=frozenset(fold(w) for w in grammar["names"]["not_given_names"]),
        place_nouns=frozenset(fold(w) for w in grammar["names"]["place_nouns"]),
        given_name_genders={fold(k): v for k, v in grammar["names"]["given_name_genders"].items()},
        role_synonyms=tuple(sorted(((fold(w), fold(g[0])) for g in grammar["role_synonyms"]["groups"] for w in g),
                                   key=lambda pair: -len(pair[0]))),
        capitalised_titles=frozenset(fold(w) for w in grammar["determiners"]["capitalised_titles"]),
        role_modifier=re.compile(rf"(?<![\w])(?:{_alternation(fold(w) for w in grammar['determiners']['role_modifiers']) or '(?!)'})[\s-]*$"),
        legal=tuple(fold(w) for w in grammar["legal"]["words"]),
        clause_end=tuple(sorted(grammar["clause_end"]["after_comma"], key=len, reverse=True)),
        not_que=frozenset(grammar["clause_end"]["not_que"]),
        complements=complements,
        continuing=frozenset(fold(w) for w in grammar["clause_end"].get("continuing", [])),
        reporters=frozenset(fold(w) for w in grammar.get("reporters", {}).get("words", [])),
        data_sources=frozenset(fold(w) for w in grammar.get("selon", {}).get("data", [])),
        poll_words=frozenset(fold(w) for w in grammar.get("selon", {}).get("poll", [])),
        cue_pattern=CueIndex(set(cue_forms), list(phrase_forms)),
        cue_lemmas=frozenset(lemma for lemma in cues.get("regular", []) if " " not in lemma and "'" not in lemma),
        syntax=_syntax(_load_toml(folder / "syntax.toml")),
    )
