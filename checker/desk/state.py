"""What the desk holds, as values: an article under review, each claim's state (its check and its
review), a summary for the list of articles, and the refusals the desk raises.

A claim carries a version number: a change made against an older version is refused with
`ReviewConflict`, which holds the current state (checker/desk/review.py). `check_json` is the one
form of a check as stored in `article_claims.check` and written in the JSON report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from claims import Claim

from ..model import Match, Reason, reason_to_json
from ..verdict import render_reason

STATE_FORMAT = "factcheck-article"
STATE_VERSION = 1
ORIGINS = ("extracted", "editor", "split", "merge", "imported")


class ArticleNotFound(KeyError):
    """No article with that id."""


class ClaimNotFound(KeyError):
    """No claim with that id in the article."""


class ReviewConflict(Exception):
    """The claim changed since the editor loaded it; `current` is what is stored now."""

    def __init__(self, current: "ClaimState"):
        super().__init__(
            f"claim {current.claim.id} was changed by {current.reviewer or 'someone'} "
            f"at {current.reviewed_at:%Y-%m-%d %H:%M:%S} (now {'dismissed' if current.dismissed else current.status}"
            f"{': ' + current.note if current.note else ''}); reload before changing it"
            if current.reviewed_at
            else f"claim {current.claim.id} changed; reload before changing it"
        )
        self.current = current


@dataclass(frozen=True)
class ClaimState:
    """A claim as the desk holds it: the check, and the editor's review."""

    claim: Claim
    suggestion: str
    confidence: float
    reason: str
    matches: tuple[Match, ...]
    status: str = "unreviewed"
    note: str = ""
    evidence_source: str | None = None
    reviewer: str = ""
    reviewed_at: dt.datetime | None = None
    version: int = 1
    origin: str = "extracted"
    dismissed: bool = False
    # The reason as parts, to write it in the reader's language; () for checks stored before they
    # were kept (their English `reason` is shown).
    reason_parts: Reason = ()

    def reason_in(self, words: Mapping[str, str] | None = None) -> str:
        """The reason in the language of `words` (flat "reason.*" keys, as checker/messages gives them).

        The stored English text when there are no parts, or when they name a template this version
        does not know (a check stored by a newer workbench).
        """
        if self.reason_parts:
            try:
                return render_reason(self.reason_parts, words)
            except (KeyError, ValueError, IndexError):
                pass
        return self.reason

    @property
    def evidence(self) -> Match | None:
        """The record (or earlier verdict) the editor chose as evidence, else the best record, else the
        best match."""
        if self.evidence_source:
            for m in self.matches:
                if m.source_id == self.evidence_source:
                    return m
        return next((m for m in self.matches if m.verdict is None), self.matches[0] if self.matches else None)

    @property
    def shown_status(self) -> str:
        """The status, or "dismissed" for a dismissed claim (what tables and reports show)."""
        return "dismissed" if self.dismissed else self.status

    def review_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "note": self.note,
            "evidence_source": self.evidence_source,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "version": self.version,
            "dismissed": self.dismissed,
        }

    def check_json(self) -> dict[str, Any]:
        return check_json(self.suggestion, self.confidence, self.reason, self.reason_parts, self.matches)


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    language: str
    published: dt.date
    url: str
    created_by: str
    created_at: dt.datetime
    archived: bool
    claims: tuple[ClaimState, ...] = field(default=())
    unclaimed: tuple[dict[str, Any], ...] = field(default=())
    author: str = ""  # the article's author or publisher, as the article gives them
    published_from: str = ""  # where the publication date came from (checker.inputs.DATE_SOURCES)
    # For an article imported from a report: who imported it and when, and what the report said of
    # its origin (its id there, when it was exported, who created it then); None otherwise.
    imported: Mapping[str, Any] | None = None

    def claim(self, claim_id: str) -> ClaimState:
        for c in self.claims:
            if c.claim.id == claim_id:
                return c
        raise ClaimNotFound(claim_id)

    @property
    def live(self) -> tuple[ClaimState, ...]:
        """The claims under review (not dismissed), in reading order."""
        return tuple(c for c in self.claims if not c.dismissed)

    @property
    def reviewers(self) -> tuple[str, ...]:
        return tuple(sorted({c.reviewer for c in self.claims if c.reviewer}))


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    published: dt.date
    language: str
    created_at: dt.datetime
    archived: bool
    total: int
    reviewed: int
    disputed: int
    reviewers: tuple[str, ...]
    url: str = ""

    @property
    def progress(self) -> str:
        return f"{self.reviewed}/{self.total} reviewed, {self.disputed} disputed"


def check_json(
    suggestion: str, confidence: float, reason: str, reason_parts: Reason, matches: Iterable[Match]
) -> dict[str, Any]:
    """A check as stored in `article_claims.check` and written in the JSON report."""
    out = {
        "suggestion": suggestion,
        "confidence": round(confidence, 3),
        "reason": reason,
        "matches": [m.to_json() for m in matches],
    }
    if reason_parts:
        out["reason_parts"] = reason_to_json(reason_parts)
    return out
