"""Published news that nobody here wrote: the extractor and the matcher scored on it.

The gold lives in `tests/realnews/articles/<id>.json` as offsets, types and values; the articles'
text is rebuilt into the ignored `tests/realnews/private/` by `tests/realnews/rebuild.py` with the
search tool. Without the rebuilt text (as in CI) these corpora are skipped. Articles are split once
and for all (tests/realnews/SPLIT.md): `study` ones are read to write rules, `held-out` ones are
scored blind; figures are given per language and split.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .extraction import _norm  # the comparison of our own articles, before the edge words are set aside

REALNEWS = Path(__file__).resolve().parents[2] / "tests" / "realnews"
SPLITS = (
    "study",
    "round-1",
    "round-2",
    "round-3",
    "round-4",
    "round-5",
    "round-6",
    "round-7",
    "round-8",
    "round-9",
    "round-10",
    "round-11",
    "round-12",
    "round-13",
    "round-14",
    "round-15",
    "round-16",
    "round-17",
    "round-18",
    "round-19",
    "round-20",
    "round-21",
    "round-22",
    "round-23",
    "round-24",
    "round-25",
    "round-26",
    "round-27",
    "held-out",
)  # an earlier round's held-out part is studied once scored


# The annotators of published news cut a claim where they saw fit: "on Monday" or "Monday", "le 26
# mai" or "26 mai", "mardi matin" or "mardi", "the Guardian" or "Guardian", "M. Labeaume" or
# "Labeaume", "l'année 2022" or "2022", "last May" or "May", "entre 5 et 125 millions" or "5 et 125
# millions". An editor reads the same
# claim in each, so spans are compared with these words set aside at their edges (both sides alike);
# what is left must still be the same text.
EDGE_WORDS_BEFORE = frozenset(
    "the a an on in at by since until till from of for during before after to over through last année between "
    "le la les l' d' de du des en au aux a à dès depuis avant après pour jusqu'au jusqu'à jusqu'en vers par entre "
    "ce cet cette this ici early late earlier later courant season saison "
    "m. mme mr mr. mrs mrs. ms ms. dr dr. cr cr. cllr cllr. coun coun.".split()
)
EDGE_WORDS_AFTER = frozenset("matin soir midi après-midi soirée morning night evening afternoon season saison".split())


# A qualifier written before an amount or a date is kept beside its value, not in its span ("plus de
# 20 millions de dollars" is the claim "20 millions de dollars" with the qualifier "plus de").
QUALIFIERS_BEFORE = tuple(
    sorted(
        (
            "plus de",
            "près de",
            "moins de",
            "un peu moins de",
            "un peu plus de",
            "environ",
            "au moins",
            "quelque",
            "about",
            "nearly",
            "more than",
            "less than",
            "almost",
            "around",
            "some",
            "over",
            "up to",
            "at least",
            "roughly",
            "approximately",
            "just over",
            "just under",
        ),
        key=len,
        reverse=True,
    )
)


def loose_norm(text: str) -> str:
    norm = _norm(text).rstrip(",;: ")  # "Look at this," / "Look at this": a quote's closing comma is the article's
    if norm.endswith("'s"):  # "this week's" / "this week"
        norm = norm[:-2]
    for q in QUALIFIERS_BEFORE:
        if norm.startswith(q + " ") and len(norm) > len(q) + 1:
            norm = norm[len(q) + 1 :]
            break
    words = norm.split()
    while words:
        if words[0][:2] in ("l'", "d'") and len(words[0]) > 2:
            words[0] = words[0][2:]
        elif len(words) > 1 and words[0] in EDGE_WORDS_BEFORE:
            words.pop(0)
        else:
            break
    while len(words) > 1 and words[-1] in EDGE_WORDS_AFTER:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class RealArticle:
    gold: dict[str, Any]  # the committed gold: offsets, types, values
    body: str

    @property
    def id(self) -> str:
        return self.gold["id"]

    @property
    def url(self) -> str:
        """The address the article was read from (its first chunk's): an editor fetches it by URL."""
        chunks = self.gold.get("chunks") or [{}]
        return str(chunks[0].get("url", ""))

    def span(self, item: dict[str, Any]) -> str:
        return self.body[item["start"] : item["end"]]

    def as_gold(self) -> dict[str, Any]:
        """The gold in the seed's format (claims with their texts), as `evaluate` scores it."""
        claims = []
        stamp = _PAGE_DATE.match(self.body)
        for c in _bracketed_dates_joined(self.gold["claims"], self.body):
            text = self.span(c)
            value = c["value"]
            if c["type"] == "quote":
                value = {"speaker": value.get("speaker"), "text": text}
            claim = {**{k: v for k, v in c.items() if k not in ("start", "end", "sha")}, "text": text, "value": value}
            if stamp and c["start"] < stamp.end():
                claim["optional"] = True
            claims.append(claim)
        if stamp:  # the search tool's page date, not the article's words: neither claim nor miss
            iso = stamp.group(1)
            claims.append({"type": "date", "text": iso, "value": iso, "optional": True})
        return {
            "article": self.id,
            "language": self.gold["language"],
            "published": self.gold["published"],
            "url": self.url,
            "claims": claims,
        }


# " date 2024-05-01 The first two ...": the stored page's date, which the search tool writes before
# some pages' text (tests/realnews/ANNOTATING.md: the excerpt is kept exactly as given)
_PAGE_DATE = re.compile(r"[ ]?date (\d{4}-\d{2}(?:-\d{2})?)\b")

_WEEKDAY = re.compile(
    r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:lun|mar|mercre|jeu|vendre|same)di|dimanche"
    r"|today|yesterday|tomorrow|aujourd'hui|aujourd’hui|hier|demain"
)


def _bracketed_dates_joined(items: list[dict[str, Any]], body: str) -> list[dict[str, Any]]:
    """A weekday or a named day and its date in brackets are one claim ("Friday (April 12)", "today
    (August 2nd)": issue 10's convention, ANNOTATING.md since round 22); a gold that gave them as two
    dates of one value is scored as one."""
    out: list[dict[str, Any]] = []
    for c in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c["type"] == prev["type"] == "date"
            and c["value"] == prev["value"]
            and _WEEKDAY.fullmatch(body[prev["start"] : prev["end"]])
            and body[prev["end"] : c["start"]] == " ("
            and body[c["end"] : c["end"] + 1] == ")"
        ):
            out[-1] = {**prev, "end": c["end"] + 1}
            continue
        out.append(c)
    return out


def load(folder: Path = REALNEWS) -> list[RealArticle]:
    """Every article whose text has been rebuilt (`rebuild.py check`); none when it has not."""
    out = []
    for path in sorted((folder / "articles").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        body = folder / "private" / "bodies" / f"{gold['id']}.txt"
        if body.exists():
            out.append(RealArticle(gold, body.read_text(encoding="utf-8")))
    return out


def without_text(folder: Path = REALNEWS) -> dict[tuple[str, str], int]:
    """How many articles of each (language, split) are left out because their text was not rebuilt:
    a figure computed on part of a split must say so."""
    out: dict[tuple[str, str], int] = {}
    for path in sorted((folder / "articles").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not (folder / "private" / "bodies" / f"{gold['id']}.txt").exists():
            key = (gold["language"], gold["split"])
            out[key] = out.get(key, 0) + 1
    return out


def records(folder: Path, articles: list[RealArticle]) -> list[Any]:
    """The reference records of the matching set whose text has been rebuilt."""
    from sources.model import SourceRecord

    out = []
    for art in articles:
        for r in art.gold.get("records", []):
            path = folder / "private" / "records" / f"{r['id']}.txt"
            if not path.exists():
                continue
            excerpt = path.read_text(encoding="utf-8")
            span = r.get("title_span")
            title = excerpt[span[0] : span[1]] if span else " ".join(b for b in (r["publisher"], r["published"]) if b)
            out.append(
                SourceRecord(
                    id=r["id"],
                    title=title or r["id"],
                    excerpt=excerpt,
                    publisher=r["publisher"],
                    url=r["url"],
                    language=r["language"],
                    published=_day(r.get("published")),
                )
            )
    return out


def _day(iso: str | None) -> dt.date | None:
    """A record's date as its annotator could give it: a day, or only a month or a year (its first day)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def evaluate_matching(folder: Path = REALNEWS) -> dict[str, Any] | None:
    """For every expected match: is the record an editor would cite first ranked first, and is the
    suggestion the editor's verdict? Counted per split, with the failures."""
    from sources.library import Library

    from ..match import check_article

    articles = [a for a in load(folder) if a.gold.get("expected_matches")]
    recs = records(folder, articles)
    if not articles or not recs:
        return None
    library = Library.open("sqlite://")
    library.add(recs)
    out: dict[str, Any] = {}
    for art in articles:
        split = art.gold["split"]
        result = check_article(
            art.body,
            library,
            language=art.gold["language"],
            published=dt.date.fromisoformat(art.gold["published"]),
            url=art.url,
        )
        tally = out.setdefault(
            split, {"expectations": 0, "with_record": 0, "best_first": 0, "suggestion_right": 0, "failures": []}
        )
        for e in art.gold["expected_matches"]:
            check = _check_at(result.checks, e["start"], e["end"])
            tally["expectations"] += 1
            ranked = [m.source_id for m in check.matches] if check else []
            first_ok = None
            if e["supported_by"]:
                tally["with_record"] += 1
                first_ok = bool(ranked) and ranked[0] in e["supported_by"]
                tally["best_first"] += first_ok
            suggestion = check.suggestion if check else "no claim"
            tally["suggestion_right"] += suggestion == e["verdict"]
            if first_ok is False or suggestion != e["verdict"]:
                tally["failures"].append(
                    {
                        "case": art.id,
                        "text": art.span(e),
                        "expected": e["verdict"],
                        "supported_by": e["supported_by"],
                        "got": suggestion,
                        "ranked": ranked[:3],
                        "reason": check.reason if check else "",
                    }
                )
    return out


def _check_at(checks, start: int, end: int):
    """The claim check whose span is the expected one, else the one that overlaps it most."""
    best, overlap = None, 0
    for c in checks:
        if c.claim.start == start and c.claim.end == end:
            return c
        shared = min(end, c.claim.end) - max(start, c.claim.start)
        if shared > overlap:
            best, overlap = c, shared
    return best
