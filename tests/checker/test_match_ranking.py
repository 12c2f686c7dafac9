"""Which record comes first among a claim's matches (checker/match.py: `rank_key`), and which records a
sentence naming nobody is checked against (checker/candidates.py: `STORY_NAMES`). Our own records."""

from __future__ import annotations

import datetime as dt

from support import record
from test_verdict import DATE, MONEY, QUOTE, match

from checker.candidates import STORY_NAMES
from checker.match import check_article, rank_key


def ranked(claim, matches) -> list[str]:
    return [m.source_id for m in sorted(matches, key=lambda m: rank_key(claim, m))]


def test_a_record_about_the_subject_ranks_before_one_that_only_holds_the_value():
    about = match("ABOUT", score=0.45, relevance=0.5, value="March 2024")
    lookalike = match("ELSEWHERE", score=0.6, relevance=0.05, value="March 2024")  # worded alike, another event
    assert ranked(DATE, [lookalike, about]) == ["ABOUT", "ELSEWHERE"]
    assert ranked(MONEY, [lookalike, about]) == ["ABOUT", "ELSEWHERE"]


def test_a_record_giving_the_value_still_ranks_before_one_that_only_speaks_of_the_subject():
    silent = match("SILENT", agreement="unknown", score=0.7, relevance=0.9)
    lookalike = match("ELSEWHERE", score=0.3, relevance=0.05, value="March 2024")
    assert ranked(DATE, [silent, lookalike]) == ["ELSEWHERE", "SILENT"]


def test_among_records_off_the_subject_the_nearest_to_it_ranks_first():
    near = match("NEAR", score=0.3, relevance=0.15, value="2015")  # names some of the article's story
    far = match("FAR", score=0.4, relevance=0.0, value="2015")  # another story's year, worded alike
    assert ranked(DATE, [far, near]) == ["NEAR", "FAR"]


def test_a_quote_keeps_its_order_by_score():
    verbatim = match("OFF", score=0.6, relevance=0.05, quote_class="verbatim")
    on = match("ON", score=0.5, relevance=0.6, quote_class="verbatim")
    assert ranked(QUOTE, [on, verbatim]) == ["OFF", "ON"]  # the verdict's own rule puts its record first


def test_a_date_of_a_sentence_naming_nobody_finds_the_record_of_a_less_rare_story_name(fresh_library):
    names = ["Aldous Brennick", "Bettina Corval", "Cyril Dunmore", "Delphine Esterhay", "Edmund Farrow"]
    assert STORY_NAMES >= len(names)
    # the story's own record names the last two only, and gives the date; it is stored first (the
    # newest records of the date come first among those no story name ranks)
    fresh_library.add([record("STORY", "Delphine Esterhay and Edmund Farrow opened the Kessrin dam on 4 March 2024.")])
    fresh_library.add([record(f"N{i}", f"{n} spoke at the harbour.") for i, n in enumerate(names[:3])])
    fresh_library.add(
        [record(f"F{i:02}", f"The Orrin{i} ferry line opened on 4 March 2024 after repairs.") for i in range(60)]
    )
    text = (
        "Aldous Brennick, Bettina Corval, Cyril Dunmore, Delphine Esterhay and Edmund Farrow attended.\n\n"
        "The dam was opened on 4 March 2024."
    )
    checks = check_article(text, fresh_library, language="en", published=dt.date(2024, 3, 10)).checks
    c = next(c for c in checks if c.claim.text.endswith("4 March 2024"))
    assert [m.source_id for m in c.matches][:1] == ["STORY"], [(m.source_id, m.score) for m in c.matches]


def test_the_record_retelling_the_claims_sentence_ranks_first_among_agreeing_ones(fresh_library, monkeypatch):
    import checker.wording

    fresh_library.add(
        [
            record(
                "SCATTERED",
                "Harlow Foods settled. The pricing lawsuit, the court heard, ran for years. "
                "Harlow Foods will pay its suppliers; the total is $40 million.",
            ),
            record(
                "RETOLD",
                "Harlow Foods will pay $40 million to settle the pricing lawsuit, the court heard on Monday.",
                published="2023-08-01",
            ),
        ]
    )
    text = "Harlow Foods will pay $40 million to settle the pricing lawsuit, the court heard."

    def first() -> str:
        checks = check_article(text, fresh_library, language="en", published=dt.date(2024, 3, 10)).checks
        c = next(c for c in checks if c.claim.text == "$40 million")
        return c.matches[0].source_id

    assert first() == "RETOLD"
    monkeypatch.setattr(checker.wording, "SENTENCE_WEIGHT", 0.0)
    assert first() == "SCATTERED"  # without the rule, the newer record holding the words anywhere wins


def test_an_acronym_resolved_to_its_full_name_is_also_looked_for_as_written():
    # A record may give "KMC" alone while the article resolves it to the full name.
    from checker.context import contexts_of
    from claims import extract

    text = "The Kathmandu Metropolitan City fined the school. KMC officials said the fine of $500 stands."
    extraction = extract(text, language="en")
    money = next(c for c in extraction.claims if c.type == "money")
    names = contexts_of(extraction, text)[money.id].names
    assert {"kathmandu metropolitan city", "kmc"} <= names.keys()
