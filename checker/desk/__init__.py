"""The review desk: articles under review and their claims, the reports, the archive of verdicts.

- review.py: the desk itself (`Desk`): each claim's status, note, evidence and audit trail, with a
  version number against lost updates; the whole state of an article as JSON;
- tables.py: the desk's tables, on the workbench's shared metadata (sources/db.py);
- memory.py: the desk's memory: earlier verdicts found again when a new article is checked;
- report.py: the verification report (Markdown, HTML, CSV, JSON, ClaimReview);
- archive.py: the archive of reviewed claims as CSV and ClaimReview.
"""

from .review import (
    Article,
    ArticleNotFound,
    ArticleSummary,
    ClaimNotFound,
    ClaimState,
    Desk,
    ReviewConflict,
    article_state,
)

__all__ = [
    "Article",
    "ArticleNotFound",
    "ArticleSummary",
    "ClaimNotFound",
    "ClaimState",
    "Desk",
    "ReviewConflict",
    "article_state",
]
