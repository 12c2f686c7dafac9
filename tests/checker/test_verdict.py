"""Suggestion reasons as data: each kind of reason written in English (as before) and in French, the
parts carried through the check JSON, the desk, the reports and the command line, and checks stored
before reasons had parts still shown with their English reason. Quote matches' notes as parts: from
checker/compare.py into the match, its JSON and the reason, in both languages; matches and reasons
stored before notes had parts still read as they did."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from sqlalchemy import select
from support import record

from checker.cli import main
from checker.compare import classify_quote
from checker.desk import Desk
from checker.desk.tables import article_claims
from checker.inputs import InputError
from checker.messages import messages
from checker.model import (
    Cite,
    ClaimCheck,
    Match,
    Parts,
    Reason,
    ReasonPart,
    Term,
    match_from_json,
    reason_from_json,
    reason_to_json,
)
from checker.service import check_and_store, import_report, write_report
from checker.verdict import explain, render_reason, suggest
from claims import Claim, DateValue, Money, Name, Quote
from sources.demo import example_article, seed_demo

EN, FR = dict(messages("en")), dict(messages("fr"))
REASON_WORDS = {k for k in EN if k.startswith("reason.")}  # the English templates (checker/messages/en.toml)


def claim(kind: str, text: str, value) -> Claim:
    return Claim(
        id="c1",
        type=kind,
        text=text,
        start=0,
        end=len(text),
        value=value,
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
    )


MONEY = claim("money", "4 milliards de dollars", Money(Decimal(4e9), "USD", Decimal("3.95e9"), Decimal("4.05e9")))
DATE = claim("date", "en mars 2024", DateValue.of("2024-03"))
PERSON = claim("person", "Dario Amodei", Name("Dario Amodei"))
QUOTE = claim("quote", "Nous tiendrons nos engagements", Quote("Nous tiendrons nos engagements", "Dario Amodei"))


def match(
    sid: str,
    *,
    agreement: str = "agrees",
    score: float = 0.8,
    relevance: float = 0.6,
    later: bool = False,
    publisher: str = "Bloomberg",
    published: str | None = "2024-03-27",
    title: str = "",
    value: str | None = None,
    others: tuple[str, ...] = (),
    quote_class: str | None = None,
    note: Reason | str = "",
    speaker_agrees: bool | None = None,
) -> Match:
    """A match; a `note` given as parts comes with its English text, as checker/compare.py gives it,
    one given as text only is a note without parts (stored before notes had them)."""
    note_parts = note if isinstance(note, tuple) else ()
    return Match(
        source_id=sid,
        score=score,
        agreement=agreement,
        evidence=value or "",
        evidence_start=0,
        evidence_end=0,
        later=later,
        title=title or f"Record {sid}",
        publisher=publisher,
        published=dt.date.fromisoformat(published) if published else None,
        url="",
        excerpt="",
        source_value=value,
        quote_class=quote_class,
        relevance=relevance,
        note=render_reason(note_parts) if note_parts else note,
        note_parts=note_parts,
        other_values=others,
        speaker_agrees=speaker_agrees,
    )


def note(key: str, **params) -> Reason:
    """A quote match's note as checker/compare.py writes it (tests/checker/test_compare.py checks each)."""
    return (ReasonPart.of(f"note.{key}", **params),)


S15 = dict(publisher="Rédaction (fiche interne)", published="2024-05-29")
# A record that holds the quote's words with a negation the article does not have.
NEGATED_IN_C1 = match(
    "C1", agreement="conflicts", quote_class="negated", score=0.6, publisher="Test Wire", note=note("negation_record")
)

# (claim, matches, suggestion, English reason, French reason): every kind of reason the rules write.
CASES = {
    "nothing": (
        MONEY,
        [],
        "no_source",
        "no record in the library speaks of this",
        "aucune fiche de la bibliothèque n’en parle",
    ),
    "off subject": (
        MONEY,
        [match("S03", agreement="unknown", relevance=0.05)],
        "no_source",
        "records hold it (S03) but not about this subject",
        "des fiches le mentionnent (S03), mais à propos d’un autre sujet",
    ),
    "agrees, another value below": (
        MONEY,
        [
            match("S06", value="$4 billion"),
            match("S03", agreement="conflicts", score=0.5, relevance=0.5, value="$8 billion"),
        ],
        "supported",
        "amount agrees with S06 (Bloomberg, 2024-03-27); S03 gives $8 billion",
        "le montant concorde avec S06 (Bloomberg, 27/03/2024) ; S03 indique $8 billion",
    ),
    "agrees, another value ranks above": (
        MONEY,
        [
            match("S03", agreement="conflicts", score=0.9, relevance=0.5, value="$8 billion"),
            match("S06", score=0.6, value="$4 billion"),
        ],
        "needs_review",
        "amount agrees with S06 (Bloomberg, 2024-03-27); S03 gives $8 billion (the article: 4 milliards de dollars)"
        " and ranks above it",
        "le montant concorde avec S06 (Bloomberg, 27/03/2024) ; S03 indique $8 billion"
        " (l’article écrit « 4 milliards de dollars ») et se classe devant la fiche concordante",
    ),
    "agrees, a later record": (
        MONEY,
        [
            match("S16", publisher="Rédaction (fiche interne)", published="2024-03-28", value="$4 billion"),
            match("S07", later=True, published="2024-11-22", value="$4 billion", others=("$8 billion",)),
        ],
        "supported",
        "amount agrees with S16 (Rédaction (fiche interne), 2024-03-28);"
        " S07 is later (Bloomberg, 2024-11-22) and gives $4 billion and $8 billion",
        "le montant concorde avec S16 (Rédaction (fiche interne), 28/03/2024) ;"
        " S07 est postérieur à l’article (Bloomberg, 22/11/2024) et indique $4 billion et $8 billion",
    ),
    "name agrees, cited by title": (
        PERSON,
        [match("S09", publisher="", published=None, title="Rapport annuel 2023", value="Dario Amodei")],
        "supported",
        "name agrees with S09 (Rapport annuel 2023)",
        "le nom concorde avec S09 (Rapport annuel 2023)",
    ),
    "date agrees": (
        DATE,
        [match("S02", publisher="The Hindu", published="2024-05-23", value="March 12, 2024")],
        "supported",
        "date agrees with S02 (The Hindu, 2024-05-23)",
        "la date concorde avec S02 (The Hindu, 23/05/2024)",
    ),
    "contradicted": (
        DATE,
        [
            match(
                "S02",
                agreement="conflicts",
                publisher="The Hindu",
                published="2024-05-23",
                relevance=0.5,
                value="April 2, 2024",
            )
        ],
        "contradicted",
        "S02 (The Hindu, 2024-05-23) gives April 2, 2024, the article en mars 2024",
        "S02 (The Hindu, 23/05/2024) indique April 2, 2024, là où l’article écrit « en mars 2024 »",
    ),
    "only later records, which agree": (
        MONEY,
        [match("S07", later=True, published="2024-11-22", value="$4 billion")],
        "supported",
        "amount agrees with S07 (Bloomberg, 2024-11-22), published after the article",
        "le montant concorde avec S07 (Bloomberg, 22/11/2024), postérieur à l’article",
    ),
    "quote verbatim in a later record": (
        QUOTE,
        [match("S05", quote_class="verbatim", later=True, publisher="Silicon Republic", published="2024-05-30")],
        "supported",
        "quote is verbatim in S05 (Silicon Republic, 2024-05-30), which is later than the article",
        "citation littérale dans S05 (Silicon Republic, 30/05/2024), qui est postérieur à l’article",
    ),
    "quote nearly verbatim in a later record only": (
        QUOTE,
        [match("S05", quote_class="close", later=True, publisher="Silicon Republic", published="2024-05-30")],
        "needs_review",
        "quote is nearly verbatim in S05 (Silicon Republic, 2024-05-30), which is later than the article",
        "citation quasi littérale dans S05 (Silicon Republic, 30/05/2024), qui est postérieur à l’article",
    ),
    "only later records": (
        MONEY,
        [match("S07", agreement="conflicts", later=True, published="2024-11-22")],
        "needs_review",
        "only records published after the article give a value, and a later record cannot contradict it;"
        " S07 is later (Bloomberg, 2024-11-22) and gives another value",
        "seules des fiches postérieures à l’article donnent une valeur, et une fiche postérieure ne peut pas le"
        " contredire ; S07 est postérieur à l’article (Bloomberg, 22/11/2024) et indique une autre valeur",
    ),
    "no value given": (
        DATE,
        [match("S08", agreement="unknown", relevance=0.5), match("S01", agreement="unknown", relevance=0.3)],
        "no_source",
        "S08, S01 speak of the subject without giving this date",
        "le sujet est abordé dans S08, S01 sans que cette date y figure",
    ),
    "no amount given": (
        MONEY,
        [match("S03", agreement="unknown", relevance=0.5)],
        "no_source",
        "S03 speak of the subject without giving this amount",
        "le sujet est abordé dans S03 sans que ce montant y figure",
    ),
    "no name given": (
        PERSON,
        [match("S04", agreement="unknown", relevance=0.5)],
        "no_source",
        "S04 speak of the subject without giving this name",
        "le sujet est abordé dans S04 sans que ce nom y figure",
    ),
    "quote nearly verbatim": (
        QUOTE,
        [match("S15", quote_class="close", **S15)],
        "supported",
        "quote is nearly verbatim in S15 (Rédaction (fiche interne), 2024-05-29)",
        "citation quasi littérale dans S15 (Rédaction (fiche interne), 29/05/2024)",
    ),
    "quote verbatim, same speaker, someone else elsewhere": (
        QUOTE,
        [
            match("S15", quote_class="verbatim", speaker_agrees=True, **S15),
            match(
                "S2",
                agreement="conflicts",
                quote_class="misattributed",
                score=0.6,
                note=note("speaker", speaker="Tom Reyes"),
            ),
        ],
        "supported",
        "quote is verbatim in S15 (Rédaction (fiche interne), 2024-05-29), same speaker;"
        " S2 gives the same words to someone else",
        "citation littérale dans S15 (Rédaction (fiche interne), 29/05/2024), attribuée à la même personne ;"
        " S2 attribue les mêmes propos à quelqu’un d’autre",
    ),
    "quote close, negated elsewhere": (
        QUOTE,
        [
            match("S15", quote_class="close", **S15),
            NEGATED_IN_C1,
        ],
        "needs_review",
        "quote is close in S15 (Rédaction (fiche interne), 2024-05-29) but negated in C1"
        " (only the record has a negation)",
        "citation quasi littérale dans S15 (Rédaction (fiche interne), 29/05/2024) mais contredite dans C1"
        " (seule la fiche contient une négation)",
    ),
    "quote verbatim, negated elsewhere": (
        QUOTE,
        [
            match("S15", quote_class="verbatim", **S15),
            NEGATED_IN_C1,
        ],
        "supported",
        "quote is verbatim in S15 (Rédaction (fiche interne), 2024-05-29)",
        "citation littérale dans S15 (Rédaction (fiche interne), 29/05/2024)",
    ),
    "quote verbatim, given to someone else elsewhere": (
        QUOTE,
        [
            match("S15", quote_class="verbatim", **S15),
            match(
                "D1",
                agreement="conflicts",
                quote_class="misattributed",
                score=0.6,
                note=note("speaker", speaker="Marco Villa"),
            ),
        ],
        "needs_review",
        "quote is verbatim in S15 (Rédaction (fiche interne), 2024-05-29) but misattributed in D1"
        " (the record gives these words to Marco Villa)",
        "citation littérale dans S15 (Rédaction (fiche interne), 29/05/2024) mais attribuée à quelqu’un d’autre"
        " dans D1 (la fiche attribue ces propos à Marco Villa)",
    ),
    "quote translated in a later record": (
        QUOTE,
        [match("S05", quote_class="translation", later=True, publisher="Silicon Republic", published="2024-05-28")],
        "needs_review",
        "quote is a likely translation of a quote in S05 (Silicon Republic, 2024-05-28), which is later than the article",
        "citation probablement traduite dans S05 (Silicon Republic, 28/05/2024), qui est postérieur à l’article",
    ),
    "quote negated": (
        QUOTE,
        [
            match(
                "C1",
                agreement="conflicts",
                quote_class="negated",
                publisher="Test Wire",
                published="2024-04-10",
                note=note("negation_article"),
            )
        ],
        "contradicted",
        "C1 (Test Wire, 2024-04-10) says the opposite (only the article has a negation)",
        "C1 (Test Wire, 10/04/2024) dit le contraire (seul l’article contient une négation)",
    ),
    "quote given to someone else, later": (
        QUOTE,
        [
            match(
                "D1",
                agreement="conflicts",
                quote_class="misattributed",
                later=True,
                publisher="Test Wire",
                published="2024-06-11",
                note=note("speaker", speaker="Marco Villa"),
            )
        ],
        "needs_review",
        "D1 (Test Wire, 2024-06-11) gives these words to someone else (the record gives these words to Marco Villa),"
        " but it is later than the article",
        "D1 (Test Wire, 11/06/2024) attribue ces propos à quelqu’un d’autre (la fiche attribue ces propos à"
        " Marco Villa), mais il est postérieur à l’article",
    ),
    "quote partial, a figure differs": (
        QUOTE,
        [
            match(
                "Q2",
                agreement="unknown",
                quote_class="partial",
                publisher="Test Wire",
                published="2024-03-01",
                note=note("figures", article="3000", record=Term("none")),
            )
        ],
        "needs_review",
        "quote is partial in Q2 (Test Wire, 2024-03-01) (a figure differs: 3000 in the article, none in the record):"
        " the wording departs from the source",
        "citation partielle dans Q2 (Test Wire, 01/03/2024) (un chiffre diffère : 3000 dans l’article, aucun dans"
        " la fiche) : la formulation s’écarte de la source",
    ),
    "amount given only rounder": (
        MONEY,
        [match("R7", note=note("rounder", figure="S$3 billion"), publisher="Test Wire", published="2024-03-01")],
        "needs_review",
        "amount agrees with R7 (Test Wire, 2024-03-01) (the record gives a rounder figure, S$3 billion)",
        "le montant concorde avec R7 (Test Wire, 01/03/2024) (la fiche donne un chiffre plus rond, S$3 billion)",
    ),
    "a close figure in a record about the subject": (
        MONEY,
        [
            match(
                "R8",
                agreement="unknown",
                note=note("close_figure", figure="S$3.02 billion"),
                publisher="Test Wire",
                published="2024-03-01",
            )
        ],
        "needs_review",
        "R8 (Test Wire, 2024-03-01) does not give the article's figure (the record gives a close figure, S$3.02 billion)",
        "R8 (Test Wire, 01/03/2024) ne donne pas le chiffre de l’article (la fiche donne un chiffre proche, S$3.02"
        " billion)",
    ),
    "quote verbatim at its core, the article's insertions aside": (
        QUOTE,
        [
            match(
                "Q4",
                quote_class="verbatim",
                publisher="Test Wire",
                published="2024-03-01",
                note=note("inserted"),
            )
        ],
        "supported",
        "quote is verbatim in Q4 (Test Wire, 2024-03-01) (the article adds words of its own in parentheses or"
        " leaves some out)",
        "citation littérale dans Q4 (Test Wire, 01/03/2024) (l’article ajoute des mots à lui entre parenthèses"
        " ou en omet)",
    ),
    "quote partial, words of the article in brackets": (
        QUOTE,
        [
            match(
                "Q3",
                agreement="unknown",
                quote_class="partial",
                publisher="Test Wire",
                published="2024-03-01",
                note=note("bracketed"),
            )
        ],
        "needs_review",
        "quote is partial in Q3 (Test Wire, 2024-03-01) (the article puts words of its own in brackets):"
        " the wording departs from the source",
        "citation partielle dans Q3 (Test Wire, 01/03/2024) (l’article met des mots à lui entre crochets) :"
        " la formulation s’écarte de la source",
    ),
    # A note without parts (a match stored before notes had them) is quoted as it is, in both languages.
    "quote paraphrased, a note in English only": (
        QUOTE,
        [match("S15", agreement="unknown", quote_class="paraphrase", note="look-alike words", **S15)],
        "needs_review",
        "quote is paraphrase in S15 (Rédaction (fiche interne), 2024-05-29) (look-alike words):"
        " the wording departs from the source",
        "citation paraphrasée dans S15 (Rédaction (fiche interne), 29/05/2024) (look-alike words) :"
        " la formulation s’écarte de la source",
    ),
    "quote not found": (
        QUOTE,
        [match("S15", agreement="unknown", quote_class="not_found", **S15)],
        "no_source",
        "the quote was not found in the library",
        "la citation est introuvable dans la bibliothèque",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_kind_of_reason_in_english_and_in_french(name):
    c, matches, expected, english, french = CASES[name]
    suggestion, _, reason = suggest(c, matches)
    assert suggestion == expected
    assert reason == english
    _, _, parts = explain(c, matches)
    assert render_reason(parts) == render_reason(parts, EN) == english
    assert render_reason(parts, FR) == french


def test_the_cases_use_every_template_and_word():
    """So that each French template above is checked by a case, and none is left unused."""
    used = {"reason.and", "reason.date_format"}  # written inside Values and Cite parameters
    used |= {k for k in REASON_WORDS if k.startswith("reason.desk.")}  # earlier verdicts: tests/checker/test_memory.py
    # "quote is translation in S05 but negated in C1": the rules rank negated and misattributed
    # records above a translation, so this never comes out of them; the words are there all the same.
    translated = (
        ReasonPart.of("quote_in", how=Term("class.translation"), id="S05", cite=Cite("Silicon Republic")),
        ReasonPart.of("quote_but", how=Term("class.negated"), id="C1"),
    )
    assert render_reason(translated) == "quote is translation in S05 (Silicon Republic) but negated in C1"
    assert render_reason(translated, FR) == "citation traduite dans S05 (Silicon Republic) mais contredite dans C1"
    used.add("reason.class.translation")

    def note_keys(parts: Reason) -> None:  # a note's parts sit inside the reason's "aside"
        for part in parts:
            used.add("reason." + part.key)
            used.update("reason." + v.key for _, v in part.params if isinstance(v, Term))
            for _, v in part.params:
                if isinstance(v, Parts):
                    note_keys(v.parts)

    for c, matches, *_ in CASES.values():
        note_keys(explain(c, matches)[2])
    assert used == set(REASON_WORDS)


def test_a_missing_template_falls_back_to_english_and_an_unknown_part_is_refused():
    parts = (ReasonPart.of("quote_not_found"),)
    assert render_reason(parts, {"reason.nothing": "rien"}) == "the quote was not found in the library"
    with pytest.raises(KeyError):
        render_reason((ReasonPart.of("a_newer_kind"),), FR)


# What checker/compare.py notes on a quote's match (its English note), and the reason quoting it in
# English and in French.
COMPARED_NOTES = {
    "figures": (
        "We will plant 3000 trees on the quay",
        'Marta Ilves said: "We will plant 300 trees on the quay."',
        {},
        "a figure differs: 3000 in the article, 300 in the record",
        "quote is partial in Q1 (Test Wire, 2024-03-01) (a figure differs: 3000 in the article, 300 in the record):"
        " the wording departs from the source",
        "citation partielle dans Q1 (Test Wire, 01/03/2024) (un chiffre diffère : 3000 dans l’article, 300 dans la"
        " fiche) : la formulation s’écarte de la source",
    ),
    "negation in the record": (
        "We will close the Lyon plant",
        'She said: "We will not close the Lyon plant."',
        {},
        "only the record has a negation",
        "Q1 (Test Wire, 2024-03-01) says the opposite (only the record has a negation)",
        "Q1 (Test Wire, 01/03/2024) dit le contraire (seule la fiche contient une négation)",
    ),
    "negation in the article": (
        "We will not close the Lyon plant",
        'She said: "We will close the Lyon plant."',
        {},
        "only the article has a negation",
        "Q1 (Test Wire, 2024-03-01) says the opposite (only the article has a negation)",
        "Q1 (Test Wire, 01/03/2024) dit le contraire (seul l’article contient une négation)",
    ),
    "speaker": (
        "We will close the Lyon plant",
        'Marco Villa said: "We will close the Lyon plant."',
        {"speaker": "Lena Brandt", "record_quotes": [("Marco Villa", "We will close the Lyon plant", 19, 47)]},
        "the record gives these words to Marco Villa",
        "Q1 (Test Wire, 2024-03-01) gives these words to someone else (the record gives these words to Marco Villa)",
        "Q1 (Test Wire, 01/03/2024) attribue ces propos à quelqu’un d’autre (la fiche attribue ces propos à"
        " Marco Villa)",
    ),
}


@pytest.mark.parametrize("name", COMPARED_NOTES)
def test_compare_notes_come_into_the_reason_in_either_language(name):
    """compare.py's note goes into the match as parts and into the reason as such (no English text
    read back): the French reason has the French note, the English one the match's English note."""
    quote, excerpt, kwargs, english, reason_en, reason_fr = COMPARED_NOTES[name]
    al = classify_quote(quote, excerpt, **kwargs)
    assert al.note == english
    m = match(
        "Q1",
        agreement="unknown",
        quote_class=al.quote_class,
        note=al.note_parts,
        publisher="Test Wire",
        published="2024-03-01",
    )
    _, _, parts = explain(QUOTE, [m])
    assert render_reason(parts) == suggest(QUOTE, [m])[2] == reason_en
    assert render_reason(parts, FR) == reason_fr
    # through the match's JSON: the English note as before, and its parts beside it
    data = json.loads(json.dumps(m.to_json()))
    assert data["note"] == english and data["note_parts"] == reason_to_json(al.note_parts)
    assert match_from_json(data) == m


def test_a_match_stored_before_notes_had_parts_is_quoted_in_english():
    stored = match("C1", agreement="conflicts", quote_class="negated", note=note("negation_record")).to_json()
    del stored["note_parts"]
    m = match_from_json(stored)
    assert m.note == "only the record has a negation" and m.note_parts == ()
    _, _, parts = explain(QUOTE, [m])
    assert render_reason(parts, FR) == "C1 (Bloomberg, 27/03/2024) dit le contraire (only the record has a negation)"
    # parts a newer workbench wrote and this one cannot read: the same, not a claim that will not open
    stored["note_parts"] = [{"key": "note.figures", "params": {"article": {"a_newer_kind": 1}}}]
    assert match_from_json(stored).note_parts == ()


@pytest.mark.parametrize(
    "flat, english, french",
    [
        (
            {"key": "note.negation_record"},
            " (only the record has a negation)",
            " (seule la fiche contient une négation)",
        ),
        (
            {"key": "note.figures", "params": {"article": "3000", "record": {"term": "none"}}},
            " (a figure differs: 3000 in the article, none in the record)",
            " (un chiffre diffère : 3000 dans l’article, aucun dans la fiche)",
        ),
        ({"key": "note.other", "params": {"note": "look-alike words"}}, " (look-alike words)", " (look-alike words)"),
    ],
)
def test_a_reason_stored_before_notes_had_parts_reads_as_it_did(flat, english, french):
    """Such a reason held the note flat ("note.<kind>", its template in parentheses): it is read as
    today's aside around the note, so the stored reason keeps its words and its parentheses."""
    stored = [
        {
            "key": "says_opposite",
            "params": {"id": "C1", "cite": {"cite": {"publisher": "Test Wire", "published": "2024-04-10"}}},
        },
        flat,
    ]
    parts = reason_from_json(stored)
    assert parts[1].key == "aside"
    assert render_reason(parts) == "C1 (Test Wire, 2024-04-10) says the opposite" + english
    assert render_reason(parts, FR) == "C1 (Test Wire, 10/04/2024) dit le contraire" + french
    assert reason_from_json(reason_to_json(parts)) == parts  # and written back in today's shape


@pytest.mark.parametrize("name", CASES)
def test_parts_go_through_json_and_into_the_check(name):
    c, matches, *_ = CASES[name]
    suggestion, confidence, parts = explain(c, matches)
    check = ClaimCheck(c, tuple(matches), suggestion, confidence, render_reason(parts), parts)
    assert check.reason == suggest(c, matches)[2] and type(check.reason) is str
    data = json.loads(json.dumps(check.to_json()))
    assert data["reason"] == check.reason and data["suggestion"] == check.suggestion
    assert reason_from_json(data["reason_parts"]) == check.reason_parts
    assert render_reason(reason_from_json(data["reason_parts"])) == data["reason"]


@pytest.mark.parametrize(
    "bad",
    [
        {"key": 3},
        [{"key": "agrees", "params": {"cite": {"cite": {"published": 5}}}}],
        [{"key": "agrees", "params": {"values": {"and": [1]}}}],
        [{"params": {}}],
    ],
)
def test_malformed_parts_are_refused(bad):
    with pytest.raises(ValueError):
        reason_from_json(bad)


# ---- on the desk, in the reports and on the command line ---------------------------------------------


@pytest.fixture
def demo(fresh_library):
    seed_demo(fresh_library)
    desk = Desk(fresh_library.engine)
    ex = example_article()
    article_id, _ = check_and_store(
        ex.text, fresh_library, desk, title=ex.title, language=ex.language, published=ex.published, reviewer="Ana"
    )
    return desk, article_id


CONTRADICTED_EN = "D05 (Wire service (demo), 2022-06-08) gives €15 million, the article 18 millions d’euros"
CONTRADICTED_FR = (
    "D05 (Wire service (demo), 08/06/2022) indique €15 million, là où l’article écrit « 18 millions d’euros »"
)


def by_text(article, text):
    return next(c for c in article.claims if c.claim.text == text)


def forget_parts(desk: Desk, replace_with=None) -> None:
    """Make the stored checks look as they did before reasons were kept as parts (or hold `replace_with`)."""
    with desk.engine.begin() as conn:
        for row in conn.execute(select(article_claims.c.pk, article_claims.c.check)).all():
            check = {k: v for k, v in row.check.items() if k != "reason_parts"}
            if replace_with is not None:
                check["reason_parts"] = replace_with
            conn.execute(article_claims.update().where(article_claims.c.pk == row.pk).values(check=check))


def test_the_desk_stores_the_parts_and_writes_the_reason_in_either_language(demo):
    desk, article_id = demo
    c = by_text(desk.load(article_id), "18 millions d’euros")
    assert c.reason == CONTRADICTED_EN and c.reason_parts
    assert c.reason_in() == c.reason_in(EN) == CONTRADICTED_EN
    assert c.reason_in(FR) == CONTRADICTED_FR
    assert c.check_json()["reason_parts"] == reason_to_json(c.reason_parts)
    # a review rewrites the row: the parts stay
    desk.review(article_id, c.claim.id, reviewer="Ana", status="disputed")
    assert by_text(desk.load(article_id), "18 millions d’euros").reason_in(FR) == CONTRADICTED_FR


@pytest.mark.parametrize(
    "stored",
    [None, [{"key": 3}], [{"key": "a_newer_kind"}]],
    ids=["stored before parts", "unreadable parts", "parts of a newer version"],
)
def test_a_check_without_usable_parts_shows_its_english_reason(demo, stored):
    desk, article_id = demo
    forget_parts(desk, stored)
    c = by_text(desk.load(article_id), "18 millions d’euros")
    assert c.reason_in(FR) == c.reason == CONTRADICTED_EN
    md = write_report(desk, article_id, "md", labels=FR).decode()
    assert f"({CONTRADICTED_EN})" in md.replace("\\", "")


def test_reports_write_the_reason_in_their_language(demo):
    desk, article_id = demo
    md_fr = write_report(desk, article_id, "md", labels=FR).decode().replace("\\", "")
    md_en = write_report(desk, article_id, "md", labels=EN).decode().replace("\\", "")
    assert f"({CONTRADICTED_FR})" in md_fr and f"({CONTRADICTED_EN})" in md_en
    assert "agrees with" not in md_fr and "concorde avec" in md_fr
    html_fr = write_report(desk, article_id, "html", labels=FR).decode()
    assert "là où l’article écrit « 18 millions d’euros »" in html_fr
    rows = list(csv.DictReader(io.StringIO(write_report(desk, article_id, "csv", labels=FR).decode("utf-8-sig"))))
    row = next(r for r in rows if r["text"] == "18 millions d’euros")
    assert row["reason"] == CONTRADICTED_FR and row["suggestion"] == "contradicted"  # codes stay codes


def test_the_json_report_keeps_english_and_parts_and_old_reports_still_import(demo):
    desk, article_id = demo
    state = json.loads(write_report(desk, article_id, "json", labels=FR))
    check = next(c["check"] for c in state["claims"] if c["claim"]["text"] == "18 millions d’euros")
    assert check["reason"] == CONTRADICTED_EN and check["reason_parts"]
    copy = desk.load(import_report(state, desk, reviewer="Zoe"))
    assert by_text(copy, "18 millions d’euros").reason_in(FR) == CONTRADICTED_FR
    for c in state["claims"]:  # a report written before reasons had parts
        c["check"].pop("reason_parts")
    old = desk.load(import_report(state, desk, reviewer="Zoe"))
    assert by_text(old, "18 millions d’euros").reason_in(FR) == CONTRADICTED_EN
    state["claims"][0]["check"]["reason_parts"] = "not parts"
    with pytest.raises(InputError, match=r"claim 1 \(c1\), check: reason_parts must be a list, not text"):
        import_report(state, desk, reviewer="Zoe")


def test_check_json_keeps_the_english_reason_and_adds_its_parts(capsys, tmp_path):
    lib = tmp_path / "lib.csv"
    lib.write_text(
        "id,title,publisher,url,published,language,excerpt\n"
        "K1,Budget,Mairie,,2024-05-03,fr,\"Claire Martin a annoncé le 3 mai 2024 un budget de 4 milliards"
        " d'euros.\"\n",
        encoding="utf-8",
    )
    article = tmp_path / "article.txt"
    article.write_text("Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros.", encoding="utf-8")
    assert main(["check", str(article), "--sources", str(lib), "--published", "2024-05-29", "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    money = next(c for c in claims if c["type"] == "money")
    assert money["suggestion"] == "supported" and money["reason"] == "amount agrees with K1 (Mairie, 2024-05-03)"
    assert money["reason_parts"] == [
        {
            "key": "agrees",
            "params": {
                "noun": {"term": "noun.money"},
                "id": "K1",
                "cite": {"cite": {"publisher": "Mairie", "published": "2024-05-03", "title": "Budget"}},
            },
        }
    ]
    assert (
        render_reason(reason_from_json(money["reason_parts"]), FR) == "le montant concorde avec K1 (Mairie, 03/05/2024)"
    )
    assert main(["check", str(article), "--sources", str(lib), "--published", "2024-05-29"]) == 0
    assert "amount agrees with K1 (Mairie, 2024-05-03)" in capsys.readouterr().out  # the table stays English


def test_check_json_keeps_a_quotes_english_note_and_adds_its_parts(capsys, tmp_path):
    lib = tmp_path / "lib.csv"
    lib.write_text(
        "id,title,publisher,url,published,language,excerpt\n"
        "K2,Usine,Mairie,,2024-05-03,fr,\"Claire Martin a déclaré le 3 mai : « Nous ne fermerons pas"
        " l’usine de Lyon. »\"\n",
        encoding="utf-8",
    )
    article = tmp_path / "article.txt"
    article.write_text("Claire Martin a déclaré le 3 mai 2024 : « Nous fermerons l’usine de Lyon. »", encoding="utf-8")
    assert main(["check", str(article), "--sources", str(lib), "--published", "2024-05-29", "--format", "json"]) == 0
    quote = next(c for c in json.loads(capsys.readouterr().out)["claims"] if c["type"] == "quote")
    m = quote["matches"][0]
    assert (m["quote_class"], m["note"]) == ("negated", "only the record has a negation")
    assert m["note_parts"] == [{"key": "note.negation_record"}]
    assert quote["reason"] == "K2 (Mairie, 2024-05-03) says the opposite (only the record has a negation)"
    parts = reason_from_json(quote["reason_parts"])
    assert render_reason(parts, FR) == "K2 (Mairie, 03/05/2024) dit le contraire (seule la fiche contient une négation)"


def test_the_desk_writes_a_quotes_note_in_the_interface_language(fresh_library):
    fresh_library.add(
        [
            record(
                "K2",
                "Claire Martin a déclaré le 3 mai : « Nous ne fermerons pas l’usine de Lyon. »",
                published="2024-05-03",
                language="fr",
                publisher="Mairie",
            )
        ]
    )
    desk = Desk(fresh_library.engine)
    article_id, _ = check_and_store(
        "Claire Martin a déclaré le 3 mai 2024 : « Nous fermerons l’usine de Lyon. »",
        fresh_library,
        desk,
        language="fr",
        published=dt.date(2024, 5, 29),
        reviewer="Ana",
    )
    quote = next(c for c in desk.load(article_id).claims if c.claim.type == "quote")
    assert quote.matches[0].note_parts == (ReasonPart.of("note.negation_record"),)
    assert quote.reason_in(EN) == "K2 (Mairie, 2024-05-03) says the opposite (only the record has a negation)"
    assert quote.reason_in(FR) == "K2 (Mairie, 03/05/2024) dit le contraire (seule la fiche contient une négation)"


def test_the_desk_shows_the_reason_in_the_interface_language(db_url):
    from support import button, new_session

    at = new_session()
    button(at, "Try an example").click().run()
    claim_id = by_text(Desk.open(db_url).load(1), "18 millions d’euros").claim.id
    at.selectbox(key="pick-1").select(claim_id).run()
    shown = lambda: " ".join(m.value for m in at.markdown).replace("\\", "")  # noqa: E731
    assert CONTRADICTED_EN in shown()
    at.sidebar.selectbox(key="lang_input").select("fr").run()
    assert not at.exception and CONTRADICTED_FR in shown()
