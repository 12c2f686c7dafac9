"""Runs of capitals joined across "and" into one organisation's name: "Securities and Exchange
Commission", "Derby Museum and Art Gallery", "Générale des Carrières et des Mines", a university and
its campus; not "Seaspan Shipyards and Irving Shipbuilding", two names."""

from __future__ import annotations

import re

from .data import _NameData, _Token
from .runs import _SAINTS


def _campus(prev: list[_Token], run: list[_Token], gap: str, data: _NameData) -> bool:
    """ "University of Arkansas at Little Rock": an organisation named after a place, then a campus link
    and a town, is one name (the campus)."""
    return (
        gap in data.campus_links
        and prev[-1].sentence == run[0].sentence
        and len(prev) >= 2
        and prev[0].key in data.organization_words
        and (prev[-1].key in data.places or prev[-1].key in data.towns)
        and len(run) <= 3
        and (
            " ".join(t.key for t in run) in data.towns
            or not any(t.key in data.organization_words or t.key in data.given or t.key in data.calendar for t in run)
        )
    )


def _join_organisations(runs: list[list[_Token]], folded: str, data: _NameData) -> list[list[_Token]]:
    """ "Securities and Exchange Commission": one name when the words after "and" end with an
    organisation word and the words before are one or two plain words ("Seaspan Shipyards and
    Irving Shipbuilding" are two: the words before end a name of their own)."""
    if not data.org_joiners and not data.campus_links and not data.list_joiners:
        return runs
    out: list[list[_Token]] = []
    for run in runs:
        if out:
            prev = out[-1]
            gap = " ".join(folded[prev[-1].end : run[0].start].lower().split())
            # "Members of the Irish Nurses and Midwives Organisation": the words before "and" are the
            # ones after the run's last connector
            cut = len(prev) - 1
            while cut > 0 and not folded[prev[cut - 1].end : prev[cut].start].strip():
                cut -= 1
            tail = prev[cut:]
            if len(tail) > 1 and tail[0].key in data.function_words:  # "The Irish Nurses and ..."
                tail = tail[1:]
            if _campus(prev, run, gap, data) or _parallel_complement(prev, run, gap, cut, folded, data):
                out[-1] = prev + run
                continue
            if (
                gap in data.org_joiners
                and prev[-1].sentence == run[0].sentence
                and run[0].start - prev[-1].end <= 6
                and (
                    any(
                        " ".join(folded[t.start : run[-1].end].casefold().split()) in data.aliases  # "Centers for
                        for t in prev[:2]
                    )  # Disease Control and Prevention", after "The" or not
                    or _places_and(tail, run, data)
                    or _founders_and(prev, run, data)
                    or (
                        # "South African Transport and Allied Workers Union": three plain words before
                        (len(tail) <= 2 or (len(tail) == 3 and all(_plain(t, data) for t in tail)))
                        and run[-1].key in data.organization_words
                        and tail[0].key not in data.given
                        and not (
                            len(tail) == 2
                            and tail[-1].key in data.organization_words
                            and tail[0].key not in data.function_words
                            and not _second_branch(tail, run, folded, data)
                        )
                        # "Mirvac and Coombes Property Group" are two: a brand alone before "and",
                        # and a name of its own after it (not "Securities and Exchange Commission")
                        and not (
                            len(tail) == 1
                            and tail[0].key not in data.common_words
                            and not all(
                                t.key in data.common_words or t.key in data.organization_words for t in run[:-1]
                            )
                        )
                    )
                )
            ):
                out[-1] = prev + run
                continue
        out.append(run)
    return out


def _places_and(tail: list[_Token], run: list[_Token], data: _NameData) -> bool:
    """ "Shrewsbury and Telford Hospital NHS Trust", "Highlands and Islands Police", "Kingston and St
    Andrew Parish Court": a body named after two places joined by "and" (the second may open with an
    abbreviated saint or be a common word), one name."""
    if len(tail) != 1 or len(run) < 2 or run[-1].key not in data.organization_words:
        return False
    place = tail[0].key
    first = run[0].key
    return (
        (place in data.towns or place in data.places)
        and place not in data.given
        and (first in data.towns or first in data.places or first in _SAINTS or first in data.common_words)
        and first not in data.given
    )


def _plain(t: _Token, data: _NameData) -> bool:
    return t.key not in data.given and (t.key in data.common_words or t.key in data.organization_words)


def _parallel_complement(
    prev: list[_Token], run: list[_Token], gap: str, cut: int, folded: str, data: _NameData
) -> bool:
    """ "Générale des Carrières et des Mines": "and" then the connector the name's last complement
    took, then plain capitalised nouns: a second complement of the same name."""
    if cut == 0 or prev[-1].sentence != run[0].sentence or run[0].start - prev[-1].end > 10:
        return False
    connector = " ".join(folded[prev[cut - 1].end : prev[cut].start].lower().split())
    words = gap.split()
    return (
        len(words) == 2
        and words[0] in data.list_joiners
        and words[1] == connector
        and connector in data.connectors
        and len(run) <= 3
        and all(
            t.key not in data.given and (t.key in data.common_words or t.key in data.organization_words) for t in run
        )
    )


def _founders_and(prev: list[_Token], run: list[_Token], data: _NameData) -> bool:
    """ "Robert and Lynda Altman Family Foundation": a given name alone before "and", then a given
    name, a surname and an organisation word: the couple's foundation, one name."""
    return (
        len(prev) == 1
        and prev[0].key in data.given
        and len(run) >= 3
        and run[0].key in data.given
        and run[-1].key in data.organization_words
        and run[-1].key not in data.designators
    )


def _second_branch(tail: list[_Token], run: list[_Token], folded: str, data: _NameData) -> bool:
    """ "Derby Museum and Art Gallery", "Ohio Police and Fire Pension Fund": after a place or a name and
    its organisation word, "and" then common words ending with another organisation word name a second
    branch of the same body; "Treasury Department and Justice Department" (the same word again),
    "Shell Oil and Apple Inc" (a company's designator) are two."""
    return (
        tail[-1].key not in data.designators
        and run[-1].key not in data.designators
        and run[-1].key != tail[-1].key
        and not any(t.key in data.given for t in run)
        and all(
            t.key in data.common_words
            or t.key in data.organization_words
            or re.search(rf"(?<![\w'-]){re.escape(t.key)}(?![\w'-])", folded) is not None  # "art" elsewhere
            for t in run
        )
    )
