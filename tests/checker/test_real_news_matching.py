"""Matching rules drawn from published news (issue 10), each tested on records and articles written
here: which agreeing record an editor cites first, and which verdict the records allow."""

from __future__ import annotations

import datetime as dt

from checker.match import check_article
from support import record

PUB = dt.date(2024, 5, 29)


def check(library, text, language="en", published=PUB):
    return {c.claim.text: c for c in check_article(text, library, language=language, published=published).checks}


# ---- the record that gives the article's own value ranks first ----------------------------------


def test_the_record_giving_the_exact_amount_ranks_before_a_rounder_one(fresh_library):
    fresh_library.add(
        [
            record(
                "R1", "Tarvos Hotels agreed to sell its Dublin portfolio to Meridel Capital for about $1.3 billion."
            ),
            record("R2", "Meridel Capital is buying the Dublin portfolio of Tarvos Hotels for $1.4 billion."),
        ]
    )
    c = check(fresh_library, "Meridel Capital will pay $1.4 billion for the Dublin hotels of Tarvos Hotels.")[
        "$1.4 billion"
    ]
    assert [m.source_id for m in c.matches][:1] == ["R2"], [(m.source_id, m.score) for m in c.matches]
    assert c.suggestion == "supported"


def test_the_record_giving_the_day_ranks_before_one_giving_its_month(fresh_library):
    fresh_library.add(
        [
            record("D1", "Tarvos Hotels first met Meridel Capital in March 2024 about its Dublin hotels."),
            record("D2", "Tarvos Hotels first met Meridel Capital on 5 March 2024 about its Dublin hotels."),
        ]
    )
    c = check(fresh_library, "Tarvos Hotels first met Meridel Capital on March 5 about its Dublin hotels.")["March 5"]
    assert [m.source_id for m in c.matches][:1] == ["D2"], [(m.source_id, m.score) for m in c.matches]
