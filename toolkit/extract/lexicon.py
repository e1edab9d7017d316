"""Load a language's word lists (cue verbs, pronouns, relays, quote marks) from the TOML data files into regexes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.errors import BadLexicon
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
    clause_end: tuple[str, ...]
    not_que: frozenset[str]
    cue_pattern: re.Pattern            # any cue form or phrase, as a whole word

    def lemma(self, form: str) -> str | None:
        form = form.lower()
        return self.phrase_forms.get(form) or self.cue_forms.get(form)

    def __hash__(self) -> int:
        return hash(self.language)


def _cue_regex(forms: list[str]) -> re.Pattern:
    forms = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])", re.IGNORECASE)


def _load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BadLexicon(path, f"cannot be read as TOML ({err})", "restore the file from the toolkit's repository") from None


@lru_cache(maxsize=None)
def load(language: str = "fr") -> Lexicon:
    folder = DATA / language
    if not folder.is_dir():
        raise BadLexicon(folder, f"no language data for '{language}'", f"add {folder} with the same files as data/fr")
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
    indirect = frozenset(l.removeprefix("s'").removeprefix("se ") if " " not in l else l for l in cues.get("indirect", []))
    return Lexicon(
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
        non_speech_before=frozenset(grammar["non_speech"]["before"]),
        connectors=tuple(sorted(grammar["connectors"]["words"], key=len, reverse=True)),
        opening="".join(marks["opening"]),
        closing="".join(marks["closing"]),
        both="".join(marks["both"]),
        inner_spaces="".join(marks["inner_spaces"]),
        clause_end=tuple(sorted(grammar["clause_end"]["after_comma"], key=len, reverse=True)),
        not_que=frozenset(grammar["clause_end"]["not_que"]),
        cue_pattern=_cue_regex(list(phrase_forms) + list(cue_forms)),
    )
