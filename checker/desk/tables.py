"""The review desk's tables, declared on the workbench's shared metadata (sources/db.py).

The library's tables are the library's (sources/db.py); these are the desk's, and live with it:
- articles: an article under review, its text and what it says of itself;
- article_claims: the review state of each claim, with a version number (checker/desk/review.py);
- reviewed_claims, reviewed_claim_terms: the desk's memory of its verdicts (checker/desk/memory_index.py).
The audit trail (sources/db.py: audit) is shared by the library and the desk.

`sources.db.connect` creates every table declared before it; `ensure_tables` creates these on a
database opened before this module was imported, once per engine and process.
"""

from __future__ import annotations

import weakref

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from sources.db import create_tables, metadata

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("published", Date, nullable=False),
    Column("url", Text, nullable=False, default=""),
    Column("created_by", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("unclaimed", JSON, nullable=False, default=list),
    # What the article says of itself: {"author": its author or publisher as it gives them,
    # "published_from": where the publication date came from}. Added after the first release.
    Column("meta", JSON, nullable=True),
)

article_claims = Table(
    "article_claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("claim", JSON, nullable=False),
    Column("check", JSON, nullable=False),
    Column("status", String(16), nullable=False, default="unreviewed"),
    Column("note", Text, nullable=False, default=""),
    Column("evidence_source", String(200), nullable=True),
    Column("reviewer", Text, nullable=False, default=""),
    Column("reviewed_at", DateTime, nullable=True),
    Column("origin", String(16), nullable=False, default="extracted"),
    Column("dismissed", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False, default=1),
    UniqueConstraint("article_id", "claim_id", name="uq_article_claim"),
    Index("ix_claims_article", "article_id", "position"),
)

# ---- reviewed claims, indexed so that a new check finds earlier verdicts -------------------------
# Derived from `article_claims` (checker/desk/memory_index.py keeps them current in the transaction that
# changes a review, and rebuilds them when they fall behind): one row per claim whose status is not
# "unreviewed" and that is not dismissed.
# - reviewed_claims: the claim's value in indexable columns (an amount range in its currency, a
#   date period, a name key or a quote's speaker key), who reviewed it and when, on which record,
#   the article's date, and `values`: what the claim's sentence holds (amounts, dates, names, quotes with their offsets in
#   the sentence), so that the matcher compares it like a record without reading the article;
# - reviewed_claim_terms (term, claim_pk), clustered like record_terms: the subject of the claim
#   (each name of its sentence, by type of claim), and for a quote its speaker and words, hashed
#   (sources/terms.py: term_hash).

# The audit trail an imported report carried, quoted as the report wrote it: what happened on
# another desk, as that report tells it, which nothing here can check. Kept apart from `audit`, whose
# every entry this workbench wrote itself (checker/desk/report_import.py, Desk.import_state).
report_history = Table(
    "report_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("entity", String(16), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("claim_id", String(32), nullable=True),  # the claim an entry is about, as this article names it
    Column("action", String(32), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Index("ix_report_history_article", "article_id", "claim_id"),
)

reviewed_claims = Table(
    "reviewed_claims",
    metadata,
    Column(
        "claim_pk", Integer, ForeignKey("article_claims.pk", ondelete="CASCADE"), primary_key=True, autoincrement=False
    ),
    Column("article_id", Integer, nullable=False),
    Column("claim_id", String(32), nullable=False),
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("currency", String(8), nullable=True),
    Column("low", Float, nullable=True),
    Column("high", Float, nullable=True),
    Column("first_day", Date, nullable=True),
    Column("last_day", Date, nullable=True),
    Column("value_key", String(200), nullable=True),
    Column("reviewer", Text, nullable=False, default=""),
    Column("reviewed_at", DateTime, nullable=True),
    Column("published", Date, nullable=False),
    Column("evidence", String(200), nullable=True),
    Column("search", Text, nullable=False, default=""),
    Column("values", JSON, nullable=False, default=dict),
    Index("ix_reviewed_amount", "currency", "low"),
    Index("ix_reviewed_first_day", "first_day"),
    Index("ix_reviewed_key", "value_key"),
    Index("ix_reviewed_at", "reviewed_at"),
)

reviewed_claim_terms = Table(
    "reviewed_claim_terms",
    metadata,
    Column("term", BigInteger, nullable=False),
    Column("claim_pk", Integer, nullable=False),
    PrimaryKeyConstraint("term", "claim_pk", name="pk_reviewed_claim_terms"),
    sqlite_with_rowid=False,
)


DESK_TABLES = (articles, article_claims, reviewed_claims, reviewed_claim_terms)
# Columns added to a table after databases were created with it: added in place, empty.
ADDED_COLUMNS = (("articles", "meta", "JSON"),)

_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_tables(engine: Engine) -> None:
    """The desk's tables on this database, created or brought up to date if needed (once per process)."""
    if engine in _READY:
        return
    create_tables(engine, DESK_TABLES, ADDED_COLUMNS)
    _READY.add(engine)
