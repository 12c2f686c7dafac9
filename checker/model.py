"""What the checker hands to the review desk, the reports, the UI and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

from claims import Claim, Extraction

Agreement = Literal["agrees", "conflicts", "unknown"]
Suggestion = Literal["supported", "contradicted", "needs_review", "no_source"]
QuoteClass = Literal[
    "verbatim", "close", "partial", "paraphrase", "translation", "negated", "misattributed", "not_found"
]
Status = Literal["unreviewed", "verified", "disputed", "needs_more"]

SUGGESTIONS: tuple[str, ...] = ("supported", "contradicted", "needs_review", "no_source")
# The most claims one article takes on the desk (a long article gives a few hundred): past it the
# article is refused before its claims are matched, a JSON report before it is stored.
MAX_CLAIMS = 5_000
STATUSES: tuple[str, ...] = ("unreviewed", "verified", "disputed", "needs_more")


@dataclass(frozen=True)
class Match:
    """A source record that speaks about a claim, and what it says.

    `score` (0-1) ranks records; `agreement` compares the values; `evidence` is the passage of the
    excerpt that holds the record's value (`evidence_start`/`evidence_end` are offsets in the excerpt).
    `later` marks a record published after the article: it cannot by itself contradict it.
    `quote_class` (quotes only): verbatim, close, partial, paraphrase, translation, negated,
    misattributed. These names and those of `to_json` are a contract with the UI and the reports.
    """

    source_id: str
    score: float
    agreement: Agreement
    evidence: str
    evidence_start: int
    evidence_end: int
    later: bool
    title: str
    publisher: str
    published: dt.date | None
    url: str
    excerpt: str
    source_value: str | None = None
    quote_class: QuoteClass | None = None
    # How much the record is about the claim's subject (names around it, wording), 0-1.
    relevance: float = 0.0
    # What an editor should know about this match in a few words ("a figure differs: ..."), in English:
    # the command line's `note`.
    note: str = ""
    # The record's other values of the same kind (other amounts in the currency, other dates).
    other_values: tuple[str, ...] = ()
    # Quotes: whether the record gives the words to the article's speaker (None: it does not say).
    speaker_agrees: bool | None = None
    # The same note as parts (message keys under "reason.note." and their parameters, as
    # checker/compare.py writes a quote's note), so that a reason quoting it is written in any
    # language. Empty for a note written in English only, and for matches stored before notes had
    # parts: a reason then quotes the English `note` as it is.
    note_parts: Reason = ()
    # An earlier verdict of the desk (checker/desk/memory.py) rather than a library record: then
    # `source_id` is "A<article>/<claim>", `title` the earlier article's title, `excerpt` its sentence.
    verdict: "PastVerdict | None" = None

    @property
    def kind(self) -> str:
        """ "record" (a library record) or "verdict" (a claim the desk reviewed earlier)."""
        return "record" if self.verdict is None else "verdict"

    def to_json(self) -> dict[str, Any]:
        if self.verdict is not None:
            return self._verdict_json()
        out: dict[str, Any] = {
            "kind": "record",
            "source_id": self.source_id,
            "score": round(self.score, 3),
            "agreement": self.agreement,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "later": self.later,
            "source_value": self.source_value,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "excerpt": self.excerpt,
            "relevance": round(self.relevance, 3),
        }
        if self.quote_class is not None:
            out["quote_class"] = self.quote_class
        if self.note:
            out["note"] = self.note
        if self.note_parts:
            out["note_parts"] = reason_to_json(self.note_parts)
        if self.other_values:
            out["other_values"] = list(self.other_values)
        if self.speaker_agrees is not None:
            out["speaker_agrees"] = self.speaker_agrees
        return out

    def _verdict_json(self) -> dict[str, Any]:
        v = self.verdict
        assert v is not None
        out: dict[str, Any] = {
            "kind": "verdict",
            **v.to_json(),
            "score": round(self.score, 3),
            "agreement": self.agreement,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "later": self.later,
            "source_value": self.source_value,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "excerpt": self.excerpt,
            "relevance": round(self.relevance, 3),
        }
        if self.quote_class is not None:
            out["quote_class"] = self.quote_class
        if self.note:  # what the comparison found ("note" is the reviewer's note)
            out["match_note"] = self.note
        if self.note_parts:
            out["note_parts"] = reason_to_json(self.note_parts)
        if self.other_values:
            out["other_values"] = list(self.other_values)
        return out

    @property
    def citation(self) -> str:
        bits = [b for b in (self.publisher, self.published.isoformat() if self.published else "") if b]
        return f"{self.title} ({', '.join(bits)})" if bits else self.title


@dataclass(frozen=True)
class PastVerdict:
    """A claim of an earlier article that the desk verified or disputed, as a match of a new claim.

    `evidence_source` is the record its review rested on; `source_deleted` says that record has
    since been deleted from the library; `now` is the claim's status today when it differs from
    `status` (the review was reversed, or the claim dismissed), else None.
    """

    article_id: int
    claim_id: str
    status: str
    reviewer: str
    reviewed_at: dt.datetime | None
    note: str = ""
    evidence_source: str | None = None
    source_deleted: bool = False
    now: str | None = None

    @property
    def ref(self) -> str:
        """The match's `source_id`: "A12/c3"."""
        return verdict_ref(self.article_id, self.claim_id)

    @property
    def reversed(self) -> bool:
        return self.now is not None and self.now != self.status

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "status": self.status,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "note": self.note,
            "evidence_source": self.evidence_source,
            "source_deleted": self.source_deleted,
        }
        if self.now is not None:
            out["now"] = self.now
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PastVerdict":
        at = data.get("reviewed_at")
        return cls(
            int(data["article_id"]),
            str(data["claim_id"]),
            str(data["status"]),
            str(data.get("reviewer") or ""),
            dt.datetime.fromisoformat(at) if at else None,
            str(data.get("note") or ""),
            data.get("evidence_source"),
            bool(data.get("source_deleted", False)),
            data.get("now"),
        )


def verdict_ref(article_id: int, claim_id: str) -> str:
    return f"A{article_id}/{claim_id}"


# ---- the reason of a suggestion, as data that any language can write -----------------------------
#
# A reason is a sequence of parts; each part is a message key (under "reason." in the words of a
# language) and its parameters. `checker.verdict.render_reason` writes it out with a language's
# templates. Parameters are the record's own text (ids, values, names: never translated), or one of
# the kinds below that each language writes its own way.


@dataclass(frozen=True)
class Term:
    """A word the language supplies: the key of a message under "reason." ("noun.money")."""

    key: str


@dataclass(frozen=True)
class Cite:
    """A record's citation: its publisher and date (in the language's date format), else its title."""

    publisher: str = ""
    published: dt.date | None = None
    title: str = ""


@dataclass(frozen=True)
class Values:
    """Values as the records give them ("$4 billion"), joined by the language's "and"."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class ReasonPart:
    """One piece of a reason: a message key and its parameters (name -> value, in a fixed order)."""

    key: str
    params: tuple[tuple[str, ReasonParam], ...] = ()

    @classmethod
    def of(cls, key: str, **params: ReasonParam) -> "ReasonPart":
        return cls(key, tuple(params.items()))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key}
        if self.params:
            out["params"] = {name: _param_json(value) for name, value in self.params}
        return out


Reason = tuple[ReasonPart, ...]


@dataclass(frozen=True)
class Parts:
    """Text written from parts of its own, in the same language as the part holding it: a match's
    note (its own parts, `Match.note_parts`) inside the reason that quotes it."""

    parts: Reason


ReasonParam = str | Term | Cite | Values | Parts


def _param_json(value: ReasonParam) -> Any:
    if isinstance(value, Term):
        return {"term": value.key}
    if isinstance(value, Cite):
        return {
            "cite": {
                "publisher": value.publisher,
                "published": value.published.isoformat() if value.published else None,
                "title": value.title,
            }
        }
    if isinstance(value, Values):
        return {"and": list(value.items)}
    if isinstance(value, Parts):
        return {"parts": reason_to_json(value.parts)}
    return value


def _param_from_json(value: Any) -> ReasonParam:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and len(value) == 1:
        ((kind, inner),) = value.items()
        if kind == "term" and isinstance(inner, str):
            return Term(inner)
        if kind == "and" and isinstance(inner, list) and all(isinstance(v, str) for v in inner):
            return Values(tuple(inner))
        if kind == "parts" and isinstance(inner, list):
            return Parts(_parts_from_json(inner))
        if kind == "cite" and isinstance(inner, Mapping):
            published = inner.get("published")
            if published is not None and not isinstance(published, str):
                raise ValueError(f"not a date: {published!r}")
            return Cite(
                str(inner.get("publisher") or ""),
                dt.date.fromisoformat(published) if published else None,
                str(inner.get("title") or ""),
            )
    raise ValueError(f"not a reason parameter: {value!r}")


def reason_to_json(parts: Reason) -> list[dict[str, Any]]:
    return [p.to_json() for p in parts]


def reason_from_json(data: Any) -> Reason:
    """The parts written by `reason_to_json`; () when there are none (checks stored before reasons
    were kept as parts). ValueError when the data is not such parts."""
    return tuple(_note_in_parentheses(p) for p in _parts_from_json(data))


def _note_in_parentheses(part: ReasonPart) -> ReasonPart:
    """A reason stored before notes had parts of their own held a quote match's note flat, as one
    part "note.<kind>" whose template had the parentheses (" (only the record has a negation)"), or
    "note.other" with the English text. The note templates have no parentheses now: such a part
    is read as the "aside" that holds the note today, so that the stored reason still reads the same."""
    if part.key == "note.other":
        return ReasonPart("aside", part.params)
    if part.key.startswith("note."):
        return ReasonPart.of("aside", note=Parts((part,)))
    return part


def note_from_json(data: Any) -> Reason:
    """A stored match's `note_parts`; () when there are none (matches stored before notes had parts)
    or when this version cannot read them (a newer workbench's): the English `note` still says it."""
    try:
        return _parts_from_json(data)
    except (ValueError, TypeError):
        return ()


def _parts_from_json(data: Any) -> Reason:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValueError("reason parts must be a list")
    parts = []
    for item in data:
        if not (isinstance(item, Mapping) and isinstance(item.get("key"), str) and item["key"]):
            raise ValueError(f"not a reason part: {item!r}")
        params = item.get("params") or {}
        if not isinstance(params, Mapping):
            raise ValueError(f"the params of reason part {item['key']!r} are not an object")
        parts.append(ReasonPart(item["key"], tuple((str(k), _param_from_json(v)) for k, v in params.items())))
    return tuple(parts)


@dataclass(frozen=True)
class ClaimCheck:
    """A claim with its matches (best first) and the suggestion the rules give.

    `reason` is the English sentence; `reason_parts` the same reason as data, from which
    `checker.verdict.render_reason` writes it in another language.
    """

    claim: Claim
    matches: tuple[Match, ...]
    suggestion: Suggestion
    confidence: float
    reason: str
    reason_parts: Reason = ()

    def to_json(self) -> dict[str, Any]:
        out = self.claim.to_json()
        out["matches"] = [m.to_json() for m in self.matches]
        out["suggestion"] = self.suggestion
        out["confidence"] = round(self.confidence, 3)
        out["reason"] = self.reason
        if self.reason_parts:
            out["reason_parts"] = reason_to_json(self.reason_parts)
        return out


@dataclass(frozen=True)
class ArticleCheck:
    """An article's extraction with every claim checked against the library."""

    extraction: Extraction
    checks: tuple[ClaimCheck, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out = self.extraction.to_json()
        out["claims"] = [c.to_json() for c in self.checks]
        return out


def match_from_json(data: dict[str, Any]) -> Match:
    published = data.get("published")
    verdict = PastVerdict.from_json(data) if data.get("kind") == "verdict" else None
    return Match(
        source_id=verdict.ref if verdict is not None else data["source_id"],
        score=float(data.get("score", 0)),
        agreement=data.get("agreement", "unknown"),
        evidence=data.get("evidence", ""),
        evidence_start=int(data.get("evidence_start", 0)),
        evidence_end=int(data.get("evidence_end", 0)),
        later=bool(data.get("later", False)),
        title=data.get("title", ""),
        publisher=data.get("publisher", ""),
        published=dt.date.fromisoformat(published) if published else None,
        url=data.get("url", ""),
        excerpt=data.get("excerpt", ""),
        source_value=data.get("source_value"),
        quote_class=data.get("quote_class"),
        relevance=float(data.get("relevance", 0)),
        note=data.get("match_note", "") if verdict is not None else data.get("note", ""),
        other_values=tuple(data.get("other_values", ())),
        speaker_agrees=data.get("speaker_agrees"),
        note_parts=note_from_json(data.get("note_parts")),
        verdict=verdict,
    )
