"""Extraction on random French-like text with random quotation marks and incises: never an exception, and every
claim is a non-empty slice of the text inside its sentence. Derandomized with a fixed budget, so CI is stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import claims
from toolkit.errors import BadRegistry
from toolkit.registry import Entity, Registry

import pytest

WORDS = ["le", "la", "les", "un", "une", "ministre", "maire", "a", "dit", "que", "nous", "tiendrons", "pas", "ne",
         "Anne", "Dupont", "Paul", "Martin", "il", "elle", "selon", "mardi", "deux", "heures", "300", "Lyon",
         "préfet", "estime", "projet", "l'État", "qu'il", "été", "ça", "-", ",", ".", ";", ":", "?", "!", "…", "\n",
         "\n\n", "\u00a0", "\u202f", "\x1f", "M.", "Mme"]
MARKS = ["«", "»", "« ", " »", "«\u00a0", "\u00a0»", '"', "“", "”", "'", "’", "—", "– "]
INCISES = [", a-t-il dit", ", a-t-elle ajouté", ", a déclaré Anne Dupont", ", selon le préfet", " selon l'AFP",
           ", poursuit-elle", ", a estimé M. Martin,", "Selon Paul Martin, ", "Pour la ministre, ", " a déclaré que "]
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(INCISES))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map(lambda parts: " ".join(parts)), st.booleans())
def test_claims_on_random_french_like_text(text, glue):
    if glue:  # marks glued to words, as typed in a hurry
        text = text.replace(" « ", " «").replace(" » ", "» ")
    for c in claims(text):
        assert c.wording == text[c.char_start:c.char_end]
        assert c.wording.strip()
        assert 0 <= c.sentence_start <= c.char_start < c.char_end <= c.sentence_end <= len(text)


@pytest.mark.parametrize("text", ["« , a-t-il ajouté.  le", "« le le le \x1f", "« , »", "« »  « », a dit Paul."])
def test_hostile_snippets_give_only_well_formed_claims(text):
    for c in claims(text):
        assert c.wording.strip(" ,.") and c.wording == text[c.char_start:c.char_end]
        assert c.sentence_start <= c.char_start < c.char_end <= c.sentence_end


def test_a_registry_name_without_letters_is_refused(tmp_path):
    path = tmp_path / "registry.toml"
    path.write_text('[[entity]]\nid = "X9"\nname = "-"\nkind = "person"\n', encoding="utf-8")
    with pytest.raises(BadRegistry, match="has no letter"):
        Registry.load(path)
    dash = Registry([Entity("X9", "-", "person")])  # built in code: matches nothing rather than a hyphen
    assert dash.find("« Oui », a-t-il dit.") == []
