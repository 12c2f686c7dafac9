"""Suggested verdicts: documented rules over a claim's matches, never a silent guess.

A match counts when its record is about the claim's subject (`relevance` >= RELEVANT), or when it
holds the quote verbatim or nearly. Records published after the article are `later`: they are shown
and named in the reason, but cannot by themselves contradict the article (nor support a quote).

Values (money, dates, names), over the relevant matches:
1. supported: an earlier record agrees. Conflicting earlier records (relevance >=
   CONFLICT_RELEVANT) are named in the reason with their value, and turn the suggestion into
   needs review only when one ranks above the best agreeing record (a higher score, another value);
   so does an amount that every agreeing record gives only rounder ("S$3 billion" for "S$3.017
   billion": it agrees at the record's precision, not at the article's);
2. contradicted: earlier records conflict and none agrees;
3. needs review: only later records give a value ("S07 is later and gives $8 billion"), or records
   speak of the subject without giving this value; but supported when the best of those later
   records agrees and every one that differs was published a month or more after it;
   Another figure within a hundredth of the article's in an earlier record about the subject (not
   enough of its context for a conflict) needs review too: a misprint, a rounding, a correction;
4. no source: nothing relevant (the reason says when records hold the value in another context).
Quotes, by the class of the best-aligned relevant record (earlier records first):
verbatim, close or translation -> supported; but needs review if another earlier record negates
the words (unless the best is verbatim), or gives them to someone else while the best record does not itself name the article's
speaker, or if only a later record has them other than verbatim; partial or paraphrase -> needs review; negated or
misattributed -> contradicted; not found -> no source.

The confidence is in 0-1: the deciding match's score (+0.2 when a value agrees, capped at 1).
Reasons name the record, its publisher and date, and the values on both sides when they differ.

A reason is built as data (`ReasonPart`s: a message key and its parameters, see checker/model.py)
and written out by `render_reason` with the templates of a language: the [reason] section of the
message catalogue (checker/messages/*.toml), English when no other words are given (what `suggest`
returns and the command line prints), else a language's words passed in as a plain mapping. Each template
carries its own leading punctuation ("; {id} gives {value}"), so a reason is its parts written one
after the other, and a language can punctuate its own way (" ; " in French).

A quote match's note comes as parts too, from where it is written (checker/compare.py, kept in
`Match.note_parts`); a reason quotes it in parentheses as an "aside" part whose parameter is those
parts, written in the reason's language. A match whose note has no parts (stored before notes had
them, or a note written in English only) is quoted with its English text.
"""

from __future__ import annotations

from typing import Mapping

from claims import Claim, Quote

from .messages import messages
from .model import Cite, Match, Parts, Reason, ReasonParam, ReasonPart, Suggestion, Term, Values

RELEVANT = 0.2
# A conflicting value must come from a record squarely about the subject to be raised at all.
CONFLICT_RELEVANT = 0.35


def render_reason(parts: Reason, words: Mapping[str, str] | None = None) -> str:
    """The reason written with the templates in `words` (flat "reason.*" keys, as the interface's
    language files give them); English for any template `words` lacks. KeyError for a part or a
    field no template knows."""

    def word(key: str) -> str:
        full = "reason." + key
        if words is not None and full in words:
            return words[full]
        return messages("en")[full]  # the reference language of the catalogue

    def text(value: ReasonParam) -> str:
        if isinstance(value, Term):
            return word(value.key)
        if isinstance(value, Cite):
            bits = [
                b
                for b in (value.publisher, value.published.strftime(word("date_format")) if value.published else "")
                if b
            ]
            return ", ".join(bits) or value.title
        if isinstance(value, Values):
            return word("and").join(value.items)
        if isinstance(value, Parts):
            return render_reason(value.parts, words)
        return value

    return "".join(word(p.key).format(**{name: text(v) for name, v in p.params}) for p in parts)


def suggest(claim: Claim, matches: list[Match] | tuple[Match, ...]) -> tuple[Suggestion, float, str]:
    """(suggestion, confidence 0-1, a one-line reason an editor can read, in English)."""
    suggestion, confidence, parts = explain(claim, matches)
    return suggestion, confidence, render_reason(parts)


def explain(claim: Claim, matches: list[Match] | tuple[Match, ...]) -> tuple[Suggestion, float, Reason]:
    """(suggestion, confidence 0-1, the reason as parts); the rules of this module's docstring."""
    relevant = _relevant(matches)
    if not relevant:
        if matches:
            return "no_source", 0.0, (_part("off_subject", ids=_ids(matches)),)
        return "no_source", 0.0, (_part("nothing"),)
    if isinstance(claim.value, Quote):
        return _quote(relevant)
    earlier = [m for m in relevant if not m.later]
    agree = [m for m in earlier if m.agreement == "agrees"]
    conflict = [m for m in earlier if m.agreement == "conflicts" and m.relevance >= CONFLICT_RELEVANT]
    later = [m for m in relevant if m.later and m.agreement != "unknown"]
    later_note: Reason = ()
    if later and claim.type in ("money", "date"):
        later_note = tuple(_later(m) for m in later[:2])
    kind = _kind(claim)
    if agree:
        return _agreed(claim, agree, conflict, later_note)
    if conflict:
        worst = max(conflict, key=lambda m: m.relevance)
        return (
            "contradicted",
            min(1.0, worst.score + 0.2),
            (
                _part(
                    "contradicted",
                    id=worst.source_id,
                    cite=_cite(worst),
                    value=worst.source_value or "",
                    text=claim.text,
                ),
            )
            + later_note,
        )
    if later and _later_confirms(later):
        # A later record that gives the same value confirms it (a conflicting one would need a look,
        # unless it ranks below and was written long after: later events, another year's figure).
        best = later[0]
        return (
            "supported",
            min(1.0, best.score + 0.1),
            (_part("later_agrees", noun=Term(f"noun.{kind}"), id=best.source_id, cite=_cite(best)),)
            + tuple(_later(m) for m in later if m.agreement != "agrees")[:1],
        )
    if later:
        return "needs_review", 0.3, (_part("only_later"),) + later_note
    close = [m for m in relevant if close_figure(m) and not m.later]
    if close:  # a record about the subject gives a figure within a hundredth of the article's
        m = close[0]
        return "needs_review", m.score, (_part("close", id=m.source_id, cite=_cite(m)), *_note(m))
    # Records about the subject that do not give the value leave nothing to check it against: no
    # source, and the reason names them so the editor can look further.
    return "no_source", 0.0, (_part("no_value", ids=_ids(relevant), this_noun=Term(f"this.{kind}")),)


def _agreed(
    claim: Claim, agree: list[Match], conflict: list[Match], later_note: Reason
) -> tuple[Suggestion, float, Reason]:
    """Rule 1 of the module's docstring: earlier records agree (`conflict`: earlier ones that conflict)."""
    rounder = [m for m in agree if m.note_parts and m.note_parts[0].key == "note.rounder"]
    best = next((m for m in agree if m not in rounder), agree[0])  # matches come best first
    reason: Reason = (_part("agrees", noun=Term(f"noun.{_kind(claim)}"), id=best.source_id, cite=_cite(best)),)
    if conflict:
        worst = max(conflict, key=lambda m: m.relevance)
        reason += (_part("also_gives", id=worst.source_id, value=worst.source_value or ""),)
        if max(m.score for m in conflict) > best.score:
            return "needs_review", worst.relevance, reason + (_part("ranks_above", text=claim.text),)
    if len(rounder) == len(agree):  # every record gives a rounder figure: which one is right?
        return "needs_review", best.score, reason + _note(best)
    return "supported", min(1.0, best.score + 0.2), reason + later_note


LONG_AFTER_DAYS = 30


def _later(m: Match) -> ReasonPart:
    values = tuple(dict.fromkeys(v for v in (m.source_value, *m.other_values) if v))
    return _part("later", id=m.source_id, cite=_cite(m), values=Values(values) if values else Term("another_value"))


def _later_confirms(later: list[Match]) -> bool:
    """Whether later records giving a value confirm the article's: they all agree, or the best of
    them agrees and every one that differs was published at least LONG_AFTER_DAYS after it (the
    reports of the time give the figure; a record of a year on gives that year's)."""
    best = later[0]
    if best.agreement != "agrees":
        return False
    return all(
        m.agreement == "agrees"
        or m.published is not None
        and best.published is not None
        and (m.published - best.published).days >= LONG_AFTER_DAYS
        for m in later
    )


def close_figure(m: Match) -> bool:
    """Whether a match gives another figure close to the claim's (checker/scoring.py: CLOSE_FIGURE)."""
    return m.agreement == "unknown" and bool(m.note_parts) and m.note_parts[0].key == "note.close_figure"


def _relevant(matches: list[Match] | tuple[Match, ...]) -> list[Match]:
    return [
        m
        for m in matches
        if m.relevance >= RELEVANT or m.agreement == "agrees" and m.quote_class in ("verbatim", "close")
    ]


def _quote_ranked(relevant: list[Match]) -> list[Match]:
    return sorted(relevant, key=lambda m: (m.later, -_QUOTE_RANK.get(m.quote_class or "", 0), -m.score))


def quote_cited_first(_claim: Claim, matches: list[Match]) -> list[Match]:
    """A quote's matches with the record its verdict cites first (the earlier relevant record that
    holds the words most closely: "verbatim" before "close", whatever their scores), the others in
    their order: the record an editor reads first is the one the reason names."""
    ranked = _quote_ranked(_relevant(matches))
    if not ranked or not ranked[0].quote_class:
        return matches
    return [ranked[0]] + [m for m in matches if m is not ranked[0]]


def _quote(relevant: list[Match]) -> tuple[Suggestion, float, Reason]:
    ranked = _quote_ranked(relevant)
    best = ranked[0]
    cls = best.quote_class or "not_found"
    note = _note(best)
    if cls in ("verbatim", "close", "translation"):
        # Another record that negates the words always needs a look; one that gives them to
        # someone else only when the best record does not itself name the article's speaker.
        blocking = [
            m
            for m in ranked
            if not m.later
            and (
                m.quote_class == "negated"
                and cls != "verbatim"
                or m.quote_class == "misattributed"
                and best.speaker_agrees is not True
            )
        ]
        others = [m for m in ranked if not m.later and m.quote_class == "misattributed"]
        if blocking:
            other = blocking[0]
            return (
                "needs_review",
                best.score,
                (
                    _quote_in(best, f"class.{cls}"),
                    _part("quote_but", how=Term(f"class.{other.quote_class}"), id=other.source_id),
                )
                + _note(other),
            )
        found = _quote_in(best, f"found.{cls}")
        if best.later:  # the same words in a later record were said; near words or a translation need a look
            return "needs_review" if cls != "verbatim" else "supported", best.score, (found, _part("quote_later"))
        reason: Reason = (found, *note)  # "(the article adds words of its own in parentheses ...)"
        if best.speaker_agrees:
            reason += (_part("same_speaker"),)
        if others:
            reason += (_part("also_misattributed", id=others[0].source_id),)
        return "supported", best.score, reason
    if cls in ("negated", "misattributed"):
        what = _part("says_opposite" if cls == "negated" else "gives_to_other", id=best.source_id, cite=_cite(best))
        if best.later:
            return "needs_review", best.score, (what, *note, _part("but_later"))
        return "contradicted", best.score, (what, *note)
    if cls in ("partial", "paraphrase"):
        return "needs_review", best.score, (_quote_in(best, f"class.{cls}"), *note, _part("departs"))
    return "no_source", 0.0, (_part("quote_not_found"),)


_QUOTE_RANK = {
    "verbatim": 6,
    "close": 5,
    "negated": 4,
    "misattributed": 4,
    "translation": 3,
    "partial": 2,
    "paraphrase": 1,
}


def _quote_in(m: Match, how: str) -> ReasonPart:
    return _part("quote_in", how=Term(how), id=m.source_id, cite=_cite(m))


def _note(m: Match) -> Reason:
    """The match's note, in parentheses, as the last part of what the reason says of its record:
    its own parts when it has them, else its English text as it is (see the module's docstring)."""
    if m.note_parts:
        return (_part("aside", note=Parts(m.note_parts)),)
    if m.note:
        return (_part("aside", note=m.note),)
    return ()


def _part(key: str, **params: ReasonParam) -> ReasonPart:
    return ReasonPart.of(key, **params)


def _kind(claim: Claim) -> str:
    """The word family of a value claim: money, date, or name (people and organisations)."""
    return {"money": "money", "date": "date", "person": "name", "organization": "name"}[claim.type]


def _cite(m: Match) -> Cite:
    return Cite(m.publisher, m.published, m.title)


def _ids(matches) -> str:
    return ", ".join(m.source_id for m in list(matches)[:3])
