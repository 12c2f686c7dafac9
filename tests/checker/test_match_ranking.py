"""Which record comes first among a claim's matches (checker/match.py: `rank_key`), and which records a
sentence naming nobody is checked against (checker/candidates.py: `STORY_NAMES`). Our own records."""

from __future__ import annotations

from test_verdict import DATE, MONEY, QUOTE, match

from checker.match import rank_key


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


def test_a_quote_keeps_its_order_by_score():
    verbatim = match("OFF", score=0.6, relevance=0.05, quote_class="verbatim")
    on = match("ON", score=0.5, relevance=0.6, quote_class="verbatim")
    assert ranked(QUOTE, [on, verbatim]) == ["OFF", "ON"]  # the verdict's own rule puts its record first
