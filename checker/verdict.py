"""Suggested verdicts: documented rules over a claim's matches, never a silent guess.

A match counts when its record is about the claim's subject (`relevance` >= RELEVANT), or when it
holds the quote verbatim or nearly. Records published after the article are `later`: they are shown
and named in the reason, but cannot by themselves contradict the article (nor support a quote).

Values (money, dates, names), over the relevant matches:
1. supported: an earlier record agrees. Conflicting earlier records (relevance >=
   CONFLICT_RELEVANT) are named in the reason with their value, and turn the suggestion into
   needs review only when one ranks above the best agreeing record (a higher score, another value);
2. contradicted: earlier records conflict and none agrees;
3. needs review: only later records give a value ("S07 is later and gives $8 billion"), or records
   speak of the subject without giving this value;
4. no source: nothing relevant (the reason says when records hold the value in another context).
Quotes, by the class of the best-aligned relevant record (earlier records first):
verbatim, close or translation -> supported; but needs review if another earlier record negates
the words, or gives them to someone else while the best record does not itself name the article's
speaker, or if only a later record has them; partial or paraphrase -> needs review; negated or
misattributed -> contradicted; not found -> no source.

The confidence is in 0-1: the deciding match's score (+0.2 when a value agrees, capped at 1).
Reasons name the record, its publisher and date, and the values on both sides when they differ.
"""

from __future__ import annotations

from claims import Claim, Quote

from .model import Match, Suggestion

RELEVANT = 0.2
# A conflicting value must come from a record squarely about the subject to be raised at all.
CONFLICT_RELEVANT = 0.35


def suggest(claim: Claim, matches: list[Match] | tuple[Match, ...]) -> tuple[Suggestion, float, str]:
    """(suggestion, confidence 0-1, a one-line reason an editor can read)."""
    relevant = [m for m in matches
                if m.relevance >= RELEVANT or m.agreement == "agrees" and m.quote_class in ("verbatim", "close")]
    if not relevant:
        if matches:
            return "no_source", 0.0, f"records hold it ({_ids(matches)}) but not about this subject"
        return "no_source", 0.0, "no record in the library speaks of this"
    if isinstance(claim.value, Quote):
        return _quote(relevant)
    earlier = [m for m in relevant if not m.later]
    agree = [m for m in earlier if m.agreement == "agrees"]
    conflict = [m for m in earlier if m.agreement == "conflicts" and m.relevance >= CONFLICT_RELEVANT]
    later = [m for m in relevant if m.later and m.agreement != "unknown"]
    later_note = ""
    if later and claim.type in ("money", "date"):
        later_note = "; " + "; ".join(_later(m) for m in later[:2])
    noun = _noun(claim)
    if agree:
        best = agree[0]  # matches come best first
        reason = f"{noun} agrees with {best.source_id} ({_cite(best)})"
        if conflict:
            worst = max(conflict, key=lambda m: m.relevance)
            reason += f"; {worst.source_id} gives {worst.source_value}"
            if max(m.score for m in conflict) > best.score:
                return "needs_review", worst.relevance, reason + f" (the article: {claim.text}) and ranks above it"
        return "supported", min(1.0, best.score + 0.2), reason + later_note
    if conflict:
        worst = max(conflict, key=lambda m: m.relevance)
        return ("contradicted", min(1.0, worst.score + 0.2),
                f"{worst.source_id} ({_cite(worst)}) gives {worst.source_value}, the article {claim.text}" + later_note)
    if later:
        return ("needs_review", 0.3,
                "only records published after the article give a value, and a later record cannot contradict it"
                + later_note)
    best = max(relevant, key=lambda m: m.relevance)
    return "needs_review", best.relevance, f"{_ids(relevant)} speak of the subject without giving this {noun}"


def _later(m: Match) -> str:
    values = [v for v in (m.source_value, *m.other_values) if v]
    gives = " and ".join(dict.fromkeys(values)) or "another value"
    return f"{m.source_id} is later ({_cite(m)}) and gives {gives}"


def _quote(relevant: list[Match]) -> tuple[Suggestion, float, str]:
    ranked = sorted(relevant, key=lambda m: (m.later, -_QUOTE_RANK.get(m.quote_class or "", 0), -m.score))
    best = ranked[0]
    cls = best.quote_class or "not_found"
    cite = f"{best.source_id} ({_cite(best)})"
    note = f" ({best.note})" if best.note else ""
    if cls in ("verbatim", "close", "translation"):
        # Another record that negates the words always needs a look; one that gives them to
        # someone else only when the best record does not itself name the article's speaker.
        blocking = [m for m in ranked if not m.later and (
            m.quote_class == "negated" or m.quote_class == "misattributed" and best.speaker_agrees is not True)]
        others = [m for m in ranked if not m.later and m.quote_class == "misattributed"]
        if blocking:
            other = blocking[0]
            return ("needs_review", best.score,
                    f"quote is {cls} in {cite} but {other.quote_class} in {other.source_id}"
                    + (f" ({other.note})" if other.note else ""))
        word = {"verbatim": "verbatim", "close": "nearly verbatim", "translation": "a likely translation of a quote"}[cls]
        if best.later:
            return "needs_review", best.score, f"quote is {word} in {cite}, which is later than the article"
        also = f"; {others[0].source_id} gives the same words to someone else" if others else ""
        return "supported", best.score, f"quote is {word} in {cite}" + (", same speaker" if best.speaker_agrees else "") + also
    if cls in ("negated", "misattributed"):
        what = "says the opposite" if cls == "negated" else "gives these words to someone else"
        if best.later:
            return "needs_review", best.score, f"{cite} {what}{note}, but it is later than the article"
        return "contradicted", best.score, f"{cite} {what}{note}"
    if cls in ("partial", "paraphrase"):
        return "needs_review", best.score, f"quote is {cls} in {cite}{note}: the wording departs from the source"
    return "no_source", 0.0, "the quote was not found in the library"


_QUOTE_RANK = {"verbatim": 6, "close": 5, "negated": 4, "misattributed": 4, "translation": 3, "partial": 2, "paraphrase": 1}


def _noun(claim: Claim) -> str:
    return {"money": "amount", "date": "date", "person": "name", "organization": "name", "quote": "quote"}[claim.type]


def _cite(m: Match) -> str:
    bits = [b for b in (m.publisher, m.published.isoformat() if m.published else "") if b]
    return ", ".join(bits) or m.title


def _ids(matches) -> str:
    return ", ".join(m.source_id for m in list(matches)[:3])
