"""Given names and the gender they usually tell, from data/names/first_names.tsv (derived from the nomquamgender
package, MIT licence: see data/names/make_first_names.py). A person the article names opens with one; its gender helps
pronouns (« Sophie » is « elle », « Dominique » tells nothing)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from toolkit.extract.lexicon import Lexicon
from toolkit.text import fold

GIVEN_NAMES = Path(__file__).resolve().parent.parent / "data" / "names" / "first_names.tsv"


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Folded given name -> gender (m, f, x) from data/names/first_names.tsv (derived from nomquamgender, MIT)."""
    rows = (line.split("\t") for line in GIVEN_NAMES.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {name: gender for name, gender in rows}


def given_name(name: str, lexicon: Lexicon) -> str | None:
    """The gender (m, f, x) of the given name opening `name` ("Pierre-Gaël Laveder": Pierre), or None when it opens
    with no given name."""
    first = fold(name.split()[0]).replace("-", " ").split() if name.split() else []
    if not first or first[0] in lexicon.not_given_names:
        return None
    key = first[0].replace("'", "")
    return lexicon.given_name_genders.get(key) or given_names().get(key)


def person_noun(word: str, lexicon: Lexicon) -> bool:
    """Whether a (folded) noun names a person by role or trade: « ministre », « toxicologue »; not « groupe »,
    « quartier » or an institution."""
    if word in lexicon.institution_heads or word in lexicon.groups:
        return False
    return word in lexicon.speaker_heads or word in lexicon.epithets or word.endswith(lexicon.person_suffixes)


def role_head(phrase: str, lexicon: Lexicon) -> str:
    """The head noun of a folded role phrase: its first word, or its first two when they name one function (« porte
    parole », folded from « porte-parole »; « premier ministre »); an adjective before a person noun is no head
    (« l'ambitieux secrétaire d'État », « le haut fonctionnaire »)."""
    words = phrase.split()
    if len(words) > 1 and f"{words[0]} {words[1]}" in lexicon.speaker_heads:
        return f"{words[0]} {words[1]}"
    if len(words) > 1 and (words[0] in lexicon.epithet_adjectives and person_noun(words[1], lexicon)
                           or not person_noun(words[0], lexicon) and words[0] not in lexicon.institution_heads
                           and (words[1] in lexicon.speaker_heads or words[1] in lexicon.epithets)):
        return role_head(" ".join(words[1:]), lexicon)   # an adjective before the head: « le haut fonctionnaire »
    return words[0] if words else ""
