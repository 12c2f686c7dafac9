"""Full-text search of the library (`Library.search`), bounded at any library size: SQLite's FTS5
index (`records_fts`) and PostgreSQL's tsquery on each record's stored document (`search_doc`).
Each function returns the statement that reads the matching records, best first.
"""

from __future__ import annotations

from sqlalchemy import column, select, table, text

from claims.text import content_words, fold_accents

from . import terms as term_index
from .db import PG_SEARCH_DOC, record_term_df, records

_fts = table("records_fts", column("rowid"))  # SQLite FTS5 index over records (see db.py)
# A full-text query ranks at most this many matches (the most recently stored ones; see search).
RANKED_MATCHES = 1000
# Words held by more records than this are left out of a full-text query that has rarer words.
RANK_TERM_RECORDS = 20_000


def sqlite_full_text(conn, terms: list[str], conditions: list, *, filtered: bool, limit: int):
    """The FTS5 query of `search`, bounded at any library size.

    Two costs grow with the library, and both are capped here:
    - bm25 weighs each word by how many records hold it, which FTS5 counts by reading every
      occurrence: "the" alone costs tens of milliseconds at a million records. A capped count
      tells which words are held by at most RANK_TERM_RECORDS records; when some are, the
      commoner words are left out of the query (as search engines leave out "the" or "la").
      When none is, every word must appear and the most recently stored matches come first.
    - ranking reads each match: when a query has more than RANKED_MATCHES matches, only the
      most recently stored RANKED_MATCHES are ranked (a walk down the index finds where they
      start); with filters as well, the most recently stored matches that pass them come
      first, unranked.
    """
    terms = list(dict.fromkeys(terms))
    rare = [t for t in terms if _capped_count(conn, f'"{t}"', RANK_TERM_RECORDS) <= RANK_TERM_RECORDS]
    ranked = bool(rare)
    match = " ".join(f'"{t}"' for t in (rare or terms))
    matches = _capped_count(conn, match, RANKED_MATCHES)
    if matches > RANKED_MATCHES and (filtered or not ranked):
        return (
            select(records)
            .join(_fts, _fts.c.rowid == records.c.pk)
            .where(text("records_fts MATCH :q"), *conditions)
            .order_by(_fts.c.rowid.desc())
            .limit(limit)
            .params(q=match)
        )
    floor = 0
    if matches > RANKED_MATCHES:
        floor = (
            conn.scalar(
                text("SELECT rowid FROM records_fts WHERE records_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :n"),
                {"q": match, "n": RANKED_MATCHES - 1},
            )
            or 0
        )
    # Without filters, rank inside the FTS index and read only the best rows (a few more, in
    # case some are deleted); with filters, every match of the window must be read.
    top = "" if filtered else f" LIMIT {int(limit) + 50}"
    order = "rank" if ranked else "rowid DESC"
    hits = (
        text(
            f"SELECT rowid AS pk, {'rank' if ranked else '-rowid'} AS rank FROM records_fts "
            f"WHERE records_fts MATCH :q AND rowid >= :floor ORDER BY {order}{top}"
        )
        .bindparams(q=match, floor=floor)
        .columns(column("pk"), column("rank"))
        .subquery("hits")
    )
    return (
        select(records)
        .join(hits, hits.c.pk == records.c.pk)
        .where(*conditions)
        .order_by(hits.c.rank, records.c.pk)
        .limit(limit)
    )


def _capped_count(conn, match: str, cap: int) -> int:
    """How many records the FTS5 query `match` finds, counted up to `cap` + 1."""
    capped = "SELECT count(*) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH :q LIMIT :cap)"
    return conn.scalar(text(capped), {"q": match, "cap": cap + 1})


def postgres_full_text(conn, terms: list[str], conditions: list, *, filtered: bool, limit: int):
    """The tsquery of `search` on PostgreSQL, bounded as on SQLite (`sqlite_full_text`).

    - Which words are rare is read from the matcher's word counts (`record_term_df`: how many
      records hold each word of four letters or more), one key look-up each instead of a count
      over the word's records; shorter words ("de", "the") count as common. When some words are
      rare, the common ones leave the query.
    - A capped count of the query's matches; above RANKED_MATCHES, only the most recently
      stored RANKED_MATCHES matches are ranked, and with filters as well (or no rare word) the
      most recently stored matches come first, unranked.
    Ranking and filtering read each record's stored document (`search_doc`), never the text.
    """
    terms = list(dict.fromkeys(terms))
    keys = sorted({term_index.word_term(w) for t in terms for w in content_words(t)})
    df = (
        dict(
            conn.execute(
                select(record_term_df.c.term, record_term_df.c.df).where(record_term_df.c.term.in_(keys))
            ).all()
        )
        if keys
        else {}
    )

    def rare(term: str) -> bool:
        words = content_words(term)
        return bool(words) and all(df.get(term_index.word_term(w), 0) <= RANK_TERM_RECORDS for w in words)

    chosen = [t for t in terms if rare(t)]
    ranked = bool(chosen)
    q = fold_accents(" ".join(chosen or terms))
    query = f"{PG_SEARCH_DOC} @@ plainto_tsquery('simple', :q)"
    matches = conn.scalar(
        text(f"SELECT count(*) FROM (SELECT 1 FROM records WHERE {query} LIMIT :cap) AS m"),
        {"q": q, "cap": RANKED_MATCHES + 1},
    )
    stmt = select(records).where(text(query), *conditions)
    if not ranked or (matches > RANKED_MATCHES and filtered):  # the most recently stored first
        return stmt.order_by(records.c.pk.desc()).limit(limit).params(q=q)
    if matches > RANKED_MATCHES:  # rank the most recently stored matches only
        stmt = stmt.where(
            records.c.pk.in_(
                select(records.c.pk).where(text(query)).order_by(records.c.pk.desc()).limit(RANKED_MATCHES)
            )
        )
    return (
        stmt.order_by(text(f"ts_rank({PG_SEARCH_DOC}, plainto_tsquery('simple', :q)) DESC"), records.c.pk)
        .limit(limit)
        .params(q=q)
    )
