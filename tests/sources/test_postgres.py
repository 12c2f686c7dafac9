"""The library on PostgreSQL, with the same code as on SQLite: store, duplicates, search with accents
folded, edit, delete and restore, export round trip. Runs in a schema of its own on the local server
(127.0.0.1:5432, database `test`), dropped afterwards; skipped when the server is not there."""

from __future__ import annotations

import datetime as dt

import pytest
from support import postgres_schema, postgres_url

from sources.export import export_bytes
from sources.importers import parse_file
from sources.library import DuplicateRecord, Library, RecordNotFound
from sources.model import SourceRecord

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def schema_url():
    with postgres_schema("factcheck_test") as (_, name):
        yield postgres_url(name)


@pytest.fixture(scope="module")
def engine(schema_url):
    """One engine for the module: opening one checks the whole schema, most of what a test would cost."""
    from sources.db import connect

    engine = connect(schema_url, fresh=True)
    yield engine
    engine.dispose()


@pytest.fixture
def library(engine):
    with engine.begin() as conn:  # each test starts from an empty library
        # the matcher's tables too: they hold no foreign key, and record keys start again at 1
        conn.exec_driver_sql(
            "TRUNCATE records, audit, record_terms, record_term_df, record_terms_state RESTART IDENTITY CASCADE"
        )
    return Library(engine)


RECORDS = [
    SourceRecord(
        id="P1",
        title="Le budget d’Orléans",
        excerpt="Le conseil d’Orléans a voté le 3 mars 2024 un budget de "
        "12 millions d’euros pour les écoles, a annoncé Hélène Quillemet.",
        language="fr",
        publisher="Le Veilleur de Brécourt",
        published=dt.date(2024, 3, 4),
        url="https://x.invalid/p1",
        tags=(("desk", "local"),),
    ),
    SourceRecord(
        id="P2",
        title="Tram",
        excerpt="“We will deliver the tram before 2026,” said Owen Varondel.",
        language="en",
        publisher="Kestrel Bay Gazette",
        published=dt.date(2023, 6, 1),
    ),
]


def test_store_index_and_skip_duplicates(library):
    report = library.add(RECORDS, actor="pg")
    assert (report.added, report.duplicates) == (2, 0)
    assert library.add(RECORDS).duplicates == 2
    from sqlalchemy import select

    from sources.db import record_amounts, record_names

    with library.engine.connect() as conn:
        assert set(conn.scalars(select(record_amounts.c.amount))) == {12e6}
        assert "Hélène Quillemet" in set(conn.scalars(select(record_names.c.canonical)))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("orleans ecoles", ["P1"]),
        ("ORLÉANS", ["P1"]),
        ("d'orléans budget", ["P1"]),
        ("Varondel", ["P2"]),
        ("P2", ["P2"]),
        ("absent words", []),
    ],
)
def test_search_folds_accents_like_sqlite(library, query, expected):
    library.add(RECORDS)
    assert [r.id for r in library.search(query)] == expected
    sqlite = Library.open("sqlite://")
    sqlite.add(RECORDS)
    assert [r.id for r in sqlite.search(query)] == expected


def test_filters(library):
    library.add(RECORDS)
    assert [r.id for r in library.search(publisher="kestrel")] == ["P2"]
    assert [r.id for r in library.search("budget", language="fr", date_from=dt.date(2024, 1, 1))] == ["P1"]


def test_the_search_uses_the_full_text_index(library):
    from sources.db import PG_SEARCH_DOC

    with library.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(
            r[0]
            for r in conn.exec_driver_sql(
                f"EXPLAIN SELECT pk FROM records WHERE {PG_SEARCH_DOC} @@ plainto_tsquery('simple', 'budget')"
            )
        )
    assert "ix_records_search_doc" in plan


def test_edit_delete_restore(library):
    library.add(RECORDS)
    library.update("P1", actor="Alice", excerpt="Le conseil a voté un budget de 15 millions d’euros.")
    assert [r.id for r in library.search("15 millions")] == ["P1"]
    with pytest.raises(DuplicateRecord):
        library.update("P2", actor="Alice", excerpt=library.get("P1").excerpt, url=library.get("P1").url)
    library.delete("P2", actor="Bob")
    assert library.search("Varondel") == [] and [d.deleted_by for d in library.deleted()] == ["Bob"]
    library.restore("P2", actor="Bob")
    with pytest.raises(RecordNotFound):
        library.restore("P2", actor="Bob")
    assert [a["action"] for a in library.audit_trail("P2")] == ["delete", "restore"]


def test_a_failed_batch_stores_nothing(library):
    with pytest.raises(ValueError):
        library.add([RECORDS[0], SourceRecord(id="bad", title="T", excerpt=" ")], batch_size=1)
    assert library.count() == 0


def test_export_round_trip_from_postgres(library):
    library.add(RECORDS)
    first = export_bytes(library, "jsonl")
    again = Library.open("sqlite://")
    again.add(parse_file("x.jsonl", first).records)
    assert export_bytes(again, "jsonl") == first


def test_earlier_verdicts_on_postgres(library):
    """The desk's memory with the same code: an amount verified in English found from French, the archive."""
    from checker.desk import Desk
    from checker.desk.archive import search
    from checker.service import check_and_store

    desk = Desk(library.engine)  # its tables made first: run alone, this module has no desk before
    with library.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE articles RESTART IDENTITY CASCADE")
    library.add(
        [
            SourceRecord(
                "S06",
                "Amazon deal",
                "Amazon completed its $4 billion investment in Anthropic.",
                published=dt.date(2024, 3, 28),
                language="en",
            )
        ]
    )
    first, result = check_and_store(
        "Amazon has invested $4 billion in Anthropic, the start-up said.",
        library,
        desk,
        language="en",
        published=dt.date(2024, 5, 28),
        reviewer="Claire",
    )
    money = next(c.claim.id for c in result.checks if c.claim.type == "money")
    desk.review(first, money, reviewer="Claire", status="verified", note="filing", evidence_source="S06")
    _, result = check_and_store(
        "Amazon a investi 4 milliards de dollars dans Anthropic.",
        library,
        desk,
        language="fr",
        published=dt.date(2024, 7, 1),
        reviewer="Léa",
    )
    check = next(c for c in result.checks if c.claim.type == "money")
    assert check.matches[0].verdict is not None and check.matches[0].verdict.claim_id == money
    assert check.suggestion == "supported"
    assert [(f.article_id, f.claim.id) for f in search(library.engine, "anthropic")] == [(first, money)]


def test_the_publisher_filter_uses_a_trigram_index(library):
    with library.engine.begin() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is None:
            pytest.skip("pg_trgm is not available on this server")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(
            r[0]
            for r in conn.exec_driver_sql("EXPLAIN SELECT pk FROM records WHERE lower(publisher) LIKE '%%gazette%%'")
        )
    assert "ix_records_publisher_trgm" in plan
    assert [r.id for r in library.search("", publisher="GAZETTE")] == [
        r.id for r in library.search("", publisher="gazette")
    ]


def _plain(i: str, text: str, language: str = "en") -> SourceRecord:
    return SourceRecord(
        id=i,
        title=f"Record {i}",
        excerpt=text,
        url=f"https://example.org/{i.lower()}",
        language=language,
        published=dt.date(2024, 3, 1),
    )


def test_common_words_leave_the_query_and_broad_queries_rank_the_newest_matches(library, monkeypatch):
    # the bounds of SQLite's full text (tests/test_library.py), kept on PostgreSQL's
    import sources.full_text

    monkeypatch.setattr(sources.full_text, "RANK_TERM_RECORDS", 3)
    texts = [
        "the harbour wall",
        "the harbour",
        "the tram",
        "the tram and the harbour",
        "the museum",
        "a harbour",
        "museum guide",
    ]
    library.add([_plain(f"W{i}", t) for i, t in enumerate(texts)])
    assert sorted(r.id for r in library.search("the museum")) == ["W4", "W6"]  # "the" left out
    assert sorted(r.id for r in library.search("the tram")) == ["W2", "W3"]
    assert [r.id for r in library.search("the harbour")] == ["W3", "W1", "W0"]  # no rare word: newest first

    monkeypatch.setattr(sources.full_text, "RANK_TERM_RECORDS", 20_000)
    monkeypatch.setattr(sources.full_text, "RANKED_MATCHES", 4)
    texts = [
        "quay " * 6 + "crane",
        "quay crane",
        "quay",
        "quay quay quay crane",
        "quay and more words here",
        "quay crane repairs",
        "the quay",
    ]
    library.add([_plain(f"H{i}", t, "en" if i % 2 else "fr") for i, t in enumerate(texts)])
    found = [r.id for r in library.search("quay", limit=3)]
    assert len(found) == 3 and set(found) <= {"H3", "H4", "H5", "H6"}  # 7 matches: the newest 4 ranked
    assert found[0] == "H3"  # the most quays of those four
    assert [r.id for r in library.search("quay", language="en", limit=2)] == ["H5", "H3"]  # filtered: newest
    for gone in found[:2]:
        library.delete(gone, actor="t")
    assert len(library.search("quay", limit=5)) == 5  # deleted records do not shorten the answer
