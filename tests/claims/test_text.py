"""claims/text.py, the one home of text normalisation: what each function keeps and what it folds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from claims.text import (
    ACCENTED,
    UNACCENTED,
    content_words,
    fold,
    fold_accents,
    fold_apostrophes,
    fold_key,
    fold_lower,
    person_key,
)


def test_fold_keeps_the_length_and_makes_everything_plain():
    text = "L’Élysée\u00a0a dit «\u202fnon\u202f» — 2024–2025"
    out = fold(text)
    assert len(out) == len(text)
    assert out == "L'Elysee a dit « non » - 2024-2025"


@given(st.text())
def test_fold_and_fold_lower_keep_every_offset(text):
    assert len(fold(text)) == len(text)
    assert len(fold_lower(text)) == len(text)


def test_fold_key_is_the_look_up_form_of_words_and_names():
    assert fold_key("  Jean-Pierre   LÉGER ") == "jean-pierre leger"
    assert fold_key("Straße") == fold_key("STRASSE") == "strasse"  # case-folded, not only lower-cased


def test_fold_accents_changes_letters_only():
    assert fold_accents("Orléans’ «café»") == "Orleans’ «cafe»"
    assert len(ACCENTED) == len(UNACCENTED) and all(fold(a) == u for a, u in zip(ACCENTED, UNACCENTED))


def test_fold_apostrophes_keeps_accents_and_case():
    assert fold_apostrophes("Côte d’Ivoire ʼ‘") == "Côte d'Ivoire ''"


@given(st.text())
def test_content_words_are_the_folded_runs_of_four_letters_or_more(text):
    runs = [w for w in re.findall(r"[^\W\d_]+", fold(text).lower()) if len(w) >= 4]
    assert content_words(text) == runs


def test_content_words_of_a_sentence():
    assert content_words("L’équipe a dit non, 2024 fois") == ["equipe", "fois"]


def test_person_key_is_shared_by_the_forms_of_a_name():
    assert person_key("Jan Leike") == person_key("J. Leike") == "j leike"
    assert person_key("Adam D’Angelo") == person_key("A. D'Angelo") == person_key("Adam DAngelo") == "a dangelo"
    assert person_key("Jean-Pierre Léger") == person_key("J.-P. Leger") == "j leger"
    assert person_key("Leike") is None
