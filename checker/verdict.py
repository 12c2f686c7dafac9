"""Suggested verdicts: documented rules over a claim's matches, never a silent guess.

A match counts when its record is about the claim's subject (`relevance` >= RELEVANT). Records
published after the article count as `later`: they are shown, but cannot by themselves contradict.

Values (money, dates, names):
- supported: a relevant, earlier record agrees; conflicting records (relevance >= CONFLICT_RELEVANT)
  are named in the reason, and turn the suggestion into "needs review" only when one ranks above
  the best agreeing record (its score is higher, though it gives another value);
- contradicted: relevant earlier records conflict and none agrees;
- needs review: only later records speak of it, or records speak of the subject without the value;
- no source: nothing relevant.
Quotes, by the class of the best-aligned relevant record: verbatim, close or translation -> supported;
partial or paraphrase -> needs review; negated or misattributed -> contradicted; not found -> no source.
"""

from __future__ import annotations

from claims import Claim, Quote

from .model import Match, Suggestion

RELEVANT = 0.2
# A conflicting value must come from a record squarely about the subject to be raised at all.
CONFLICT_RELEVANT = 0.35


def suggest(claim: Claim, matches: list[Match] | tuple[Match, ...]) -> tuple[Suggestion, float, str]:
    """(suggestion, confidence 0-1, a one-line reason an editor can read)."""
    relevant = [m for m in matches if m.relevance >= RELEVANT or m.agreement == "agrees" and m.quote_class in ("verbatim", "close")]
    if not relevant:
        if matches:
            return "no_source", 0.0, f"records mention it ({_ids(matches)}) but not in this context"
        return "no_source", 0.0, "no record in the library speaks of this"
    if isinstance(claim.value, Quote):
        return _quote(relevant)
    earlier = [m for m in relevant if not m.later]
    agree = [m for m in earlier if m.agreement == "agrees"]
    conflict = [m for m in earlier if m.agreement == "conflicts" and m.relevance >= CONFLICT_RELEVANT]
    later = [m for m in relevant if m.later and m.agreement != "unknown"]
    later_note = ""
    if later and claim.type in ("money", "date"):
        later_note = "; " + "; ".join(
            f"{m.source_id} is later and gives {m.source_value}" if m.agreement == "conflicts"
            else f"{m.source_id} (later) agrees" for m in later[:2])
    if agree:
        best = agree[0]  # matches come best first
        noun = _noun(claim)
        reason = f"{noun} agrees with {best.source_id} ({_cite(best)})"
        if conflict:
            worst = max(conflict, key=lambda m: m.relevance)
            reason += f"; {worst.source_id} gives {worst.source_value}"
            if max(m.score for m in conflict) > best.score:
                return "needs_review", worst.relevance, reason + " and ranks above it"
        return "supported", min(1.0, best.score + 0.2), reason + later_note
    if conflict:
        worst = max(conflict, key=lambda m: m.relevance)
        return ("contradicted", min(1.0, worst.score + 0.2),
                f"{worst.source_id} ({_cite(worst)}) gives {worst.source_value}" + later_note)
    if later:
        return "needs_review", 0.3, "only records published after the article speak of it" + later_note
    best = max(relevant, key=lambda m: m.relevance)
    return "needs_review", best.relevance, f"{_ids(relevant)} speak of the subject without giving this {_noun(claim)}"


def _quote(relevant: list[Match]) -> tuple[Suggestion, float, str]:
    ranked = sorted(relevant, key=lambda m: (m.later, -_QUOTE_RANK.get(m.quote_class or "", 0), -m.score))
    best = ranked[0]
    cls = best.quote_class or "not_found"
    cite = f"{best.source_id} ({_cite(best)})"
    if cls in ("verbatim", "close", "translation"):
        blocking = [m for m in ranked if not m.later and m.quote_class in ("negated", "misattributed")]
        if blocking:
            other = blocking[0]
            return "needs_review", best.score, f"quote is {cls} in {cite} but {other.quote_class} in {other.source_id}"
        word = {"verbatim": "verbatim", "close": "nearly verbatim", "translation": "a likely translation of a quote"}[cls]
        later = " (later record)" if best.later else ""
        return ("supported" if not best.later else "needs_review", best.score, f"quote is {word} in {cite}{later}")
    if cls in ("negated", "misattributed"):
        what = "says the opposite" if cls == "negated" else "gives these words to someone else"
        return "contradicted", best.score, f"{cite} {what}"
    if cls in ("partial", "paraphrase"):
        return "needs_review", best.score, f"quote is {cls} in {cite}: the wording departs from the source"
    return "no_source", 0.0, "the quote was not found in the library"


_QUOTE_RANK = {"verbatim": 6, "close": 5, "negated": 4, "misattributed": 4, "translation": 3, "partial": 2, "paraphrase": 1}


def _noun(claim: Claim) -> str:
    return {"money": "amount", "date": "date", "person": "name", "organization": "name", "quote": "quote"}[claim.type]


def _cite(m: Match) -> str:
    bits = [b for b in (m.publisher, m.published.isoformat() if m.published else "") if b]
    return ", ".join(bits) or m.title


def _ids(matches) -> str:
    return ", ".join(m.source_id for m in list(matches)[:3])
