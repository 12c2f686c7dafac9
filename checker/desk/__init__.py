"""The review desk: articles under review and their claims, the reports, the archive of verdicts.

- review.py: the desk itself (`Desk`): each claim's status, note, evidence and audit trail, with a
  version number against lost updates;
- state.py: what the desk holds, as values (an article, a claim's state, the desk's refusals);
- rows.py: a claim's stored row, and `write_review`, the one way a claim's review is changed;
- corrections.py: claims an editor adds (a missed one, a split, a merge), replacing others;
- transfer.py: the whole state of an article as JSON (the report), and a report imported back;
- report_import.py: every value of a report checked before it is imported (with report_values.py,
  the checked reading of one value, and report_checks.py, a claim's matches and reasons);
- tables.py: the desk's tables, on the workbench's shared metadata (sources/db.py);
- memory.py: the desk's memory: earlier verdicts found again when a new article is checked;
- memory_index.py: the index of reviewed claims that the memory looks up;
- report.py: the verification report (Markdown, HTML, CSV, JSON, ClaimReview);
- archive.py: the archive of reviewed claims: searched, and written as CSV and ClaimReview.
"""

from .review import Desk
from .state import Article, ArticleNotFound, ArticleSummary, ClaimNotFound, ClaimState, ReviewConflict
from .transfer import article_state

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
