"""The library: storing with its value index, search, edit, delete and restore, the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from support import record

from benchmarks.synthetic import generate_records, make_record
from checker.cli import main
from sources.db import (
    record_amounts,
    record_dates,
    record_names,
    record_quotes,
    record_term_df,
    record_terms,
    record_terms_state,
    records,
)
from sources.library import DuplicateRecord, Library, RecordNotFound
from sources.model import SourceRecord, content_hash


def amounts_of(library: Library, record_id: str) -> list[tuple[str, float]]:
    with library.engine.connect() as conn:
        pk = conn.scalar(select(records.c.pk).where(records.c.record_id == record_id))
        return sorted(
            tuple(r)
            for r in conn.execute(
                select(record_amounts.c.currency, record_amounts.c.amount).where(record_amounts.c.record_pk == pk)
            )
        )


def table_rows(library: Library) -> dict[str, list[tuple]]:
    with library.engine.connect() as conn:
        out = {}
        for t in (
            records,
            record_amounts,
            record_dates,
            record_names,
            record_quotes,
            record_terms,
            record_term_df,
            record_terms_state,
        ):
            cols = [c for c in t.c if c.name not in ("created_at", "updated_at")]
            out[t.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*t.c))]
        return out


@pytest.fixture
def library(fresh_library: Library) -> Library:
    fresh_library.add(
        [
            record(
                "A1",
                "Le conseil d’Orléans a voté le 3 mars 2024 un budget de 12 millions d’euros pour les écoles, "
                "a annoncé Hélène Quillemet.",
                language="fr",
                publisher="Le Veilleur de Brécourt",
                published="2024-03-04",
            ),
            record(
                "A2",
                "“We will deliver the tram before 2026,” said Owen Varondel, chief executive of Varondel Capital.",
                publisher="Kestrel Bay Gazette",
                published="2023-06-01",
            ),
            record(
                "A3",
                "The council set aside $4.5 million for the cycle lanes on 12 May 2022.",
                publisher="Kestrel Bay Gazette",
                published="2022-05-13",
            ),
        ],
        actor="test",
    )
    return fresh_library


# ---- storing and the value index -------------------------------------------------------------------


def test_storing_indexes_amounts_dates_names_and_quotes(library):
    assert amounts_of(library, "A1") == [("EUR", 12e6)]
    with library.engine.connect() as conn:
        dates = set(conn.scalars(select(record_dates.c.iso)))
        names = set(conn.scalars(select(record_names.c.canonical)))
        speakers = set(conn.scalars(select(record_quotes.c.speaker_key)))
    assert {"2024-03-03", "2022-05-12"} <= dates
    assert {"Hélène Quillemet", "Owen Varondel"} <= names
    assert "owen varondel" in speakers


def test_the_worker_pool_stores_exactly_what_one_process_stores():
    batch = list(generate_records(60, seed=5))
    alone, pooled = Library.open("sqlite://"), Library.open("sqlite://")
    report_alone = alone.add(batch, workers=0, batch_size=7)
    report_pooled = pooled.add(batch, workers=2, batch_size=7)
    assert report_alone == report_pooled and report_pooled.added == 60
    assert table_rows(alone) == table_rows(pooled)


def test_progress_is_reported_to_the_end(fresh_library):
    seen: list[tuple[int, int]] = []
    fresh_library.add(
        generate_records(25, seed=1), total=25, batch_size=10, on_progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(10, 25), (20, 25), (25, 25)]


def test_records_without_id_get_one_from_their_hash_and_a_longer_one_on_a_clash(fresh_library):
    first = SourceRecord(id="", title="T", excerpt="The port will cost €30 million.", url="https://x.invalid/1")
    short = "R" + content_hash(first.url, first.excerpt)[:8]
    fresh_library.add([SourceRecord(id=short, title="Squatter", excerpt="Another text.")])
    report = fresh_library.add([first])
    assert report.ids[0].startswith(short) and len(report.ids[0]) == 13
    assert fresh_library.get(report.ids[0]).excerpt == first.excerpt


def test_text_is_trimmed_and_tags_cleaned_when_stored(fresh_library):
    fresh_library.add(
        [
            SourceRecord(
                id=" T1 ",
                title="  Title ",
                excerpt=" Text. ",
                language="FR",
                tags=(("desk", " local "), ("empty", " ")),
            )
        ]
    )
    stored = fresh_library.get("T1")
    assert (stored.title, stored.excerpt, stored.language, stored.tags) == (
        "Title",
        "Text.",
        "fr",
        (("desk", "local"),),
    )


# ---- search ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("orleans ecoles", ["A1"]),  # accents folded
        ("ORLÉANS", ["A1"]),
        ("d’Orléans", ["A1"]),  # typographic apostrophe
        ("d'orleans budget", ["A1"]),
        ("Varondel tram", ["A2"]),
        ("council", ["A3"]),
        ("A2", ["A2"]),  # an id
        ("nothing like this", []),
    ],
)
def test_full_text_search(library, query, expected):
    assert [r.id for r in library.search(query)] == expected


def test_search_filters(library):
    assert [r.id for r in library.search(publisher="kestrel")] == ["A2", "A3"]  # newest first
    assert [r.id for r in library.search(language="fr")] == ["A1"]
    assert [r.id for r in library.search(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31))] == ["A2"]
    assert [r.id for r in library.search("million", publisher="gazette")] == ["A3"]
    assert library.search("100%_") == []  # LIKE wildcards and FTS syntax are plain text


# ---- edit, delete, restore ----------------------------------------------------------------------------------


def test_an_edit_rebuilds_the_value_index_and_is_audited(library):
    edited = library.update(
        "A1", actor="Alice", excerpt="Le conseil a voté un budget de 15 millions d’euros.", tags={"checked": "yes"}
    )
    assert edited.tags == (("checked", "yes"),)
    assert amounts_of(library, "A1") == [("EUR", 15e6)]
    assert [r.id for r in library.search("15 millions")] == ["A1"] and library.search("Orléans") == []
    trail = library.audit_trail("A1")
    assert trail[-1]["action"] == "edit" and trail[-1]["actor"] == "Alice"
    assert "12 millions" in trail[-1]["before"]["excerpt"] and "15 millions" in trail[-1]["after"]["excerpt"]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"excerpt": "   "}, "empty excerpt"),
        ({"published": "soon"}, "unreadable date"),
        ({"url": "javascript:alert(1)"}, "URL must start with http"),
        ({"id": "B9"}, "cannot edit id"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(library, changes, words):
    before = table_rows(library)
    with pytest.raises(ValueError, match=words):
        library.update("A1", actor="Alice", **changes)
    assert table_rows(library) == before


def test_an_edit_may_not_duplicate_another_record(library):
    a3 = library.get("A3")
    with pytest.raises(DuplicateRecord, match="A3"):
        library.update("A2", actor="Alice", excerpt=a3.excerpt, url=a3.url)


def test_delete_hides_and_restore_brings_back(library):
    library.delete("A2", actor="Bob")
    assert library.count() == 2 and library.search("Varondel") == []
    with pytest.raises(RecordNotFound):
        library.get("A2")
    with pytest.raises(RecordNotFound):
        library.update("A2", actor="Bob", title="New")
    gone = library.deleted()
    assert [(d.record.id, d.deleted_by) for d in gone] == [("A2", "Bob")]
    again = library.add([library.deleted()[0].record])
    assert (again.added, again.duplicates, again.deleted_matches) == (0, 1, ("A2",))
    library.restore("A2", actor="Bob")
    assert [r.id for r in library.search("Varondel")] == ["A2"] and library.deleted() == []
    assert [a["action"] for a in library.audit_trail("A2")] == ["delete", "restore"]
    with pytest.raises(RecordNotFound):
        library.restore("A2", actor="Bob")


# ---- the synthetic library of the benchmarks ----------------------------------------------------------------


def test_the_synthetic_library_is_deterministic_and_realistic():
    batch = list(generate_records(300, seed=11))
    assert batch == list(generate_records(300, seed=11))
    assert (
        batch[120:125] == list(generate_records(5, seed=11, start=120)) == [make_record(i, 11) for i in range(120, 125)]
    )
    assert batch != list(generate_records(300, seed=12))
    assert {r.language for r in batch} == {"fr", "en"}
    assert 250 <= sum(len(r.excerpt) for r in batch) / len(batch) <= 350
    text = " ".join(r.excerpt for r in batch)
    assert "’" in text and "'" in text and "é" in text and "«" in text and "“" in text
    assert len({r.id for r in batch}) == 300 and all(r.url.startswith("https://") for r in batch)


# ---- the command line ------------------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_cli_import_refuses_a_file_with_bad_rows_unless_told(capsys, tmp_path, db):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,title,excerpt,published,desk\nA,T,Text one.,2024-01-01,x\nB,T,,2024-01-01,\nC,T,Text three.,soon,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "sources", "import", str(bad), "--db", db)
    assert code == 1 and "row 3: empty excerpt" in err and "row 4: unreadable date" in err
    assert "nothing imported" in err and "Traceback" not in err
    assert run(capsys, "sources", "list", "--db", db)[1] == ""
    code, out, err = run(capsys, "sources", "import", str(bad), "--db", db, "--skip-bad")
    assert code == 0 and "imported 1 record(s), 0 duplicate(s) skipped, 2 bad row(s) skipped" in out
    assert "extra columns kept as tags: desk" in out and "skipped row 3: empty excerpt" in err
    code, out, _ = run(capsys, "sources", "import", str(bad), "--db", db, "--skip-bad")
    assert "imported 0 record(s), 1 duplicate(s) skipped" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["sources", "import", "/no/such/file.csv"], "no such file"),
        (["sources", "export", "out.txt"], "name the file .csv or .jsonl"),
        (["sources", "export", "/no/such/folder/out.csv"], "does not exist"),
        (["sources", "delete", "NOPE"], "no record with id NOPE"),
        (["sources", "restore", "NOPE"], "no record with id NOPE"),
        (["sources", "search", "x", "--from", "yesterday"], "--from takes a date"),
        (["sources", "fetch", "file:///etc/passwd"], "only http:// and https://"),
        (["sources", "fetch", "http://169.254.169.254/latest/meta-data/"], "cloud metadata"),
    ],
)
def test_cli_errors_are_one_clear_line(capsys, db, argv, words):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code != 0 and words in err and "Traceback" not in err


def test_cli_import_of_a_file_without_the_needed_columns(capsys, tmp_path, db):
    path = tmp_path / "cols.csv"
    path.write_text("name,body text\nA,B\n", encoding="utf-8")
    code, _, err = run(capsys, "sources", "import", str(path), "--db", db, "--skip-bad")
    assert code == 1 and "missing columns: title, excerpt" in err


def test_cli_search_export_delete_restore(capsys, tmp_path, db):
    path = tmp_path / "lib.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "K1",
                    "title": "Budget",
                    "excerpt": "Le budget de Lanvoie atteint 4 millions d’euros.",
                    "language": "fr",
                    "published": "2024-05-03",
                    "publisher": "Dépêche Sud-Lanvoie",
                },
                {
                    "id": "K2",
                    "title": "Port",
                    "excerpt": "The marina will cost £3 million.",
                    "language": "en",
                    "published": "2021-01-02",
                },
            ]
        ),
        encoding="utf-8",
    )
    assert run(capsys, "sources", "import", str(path), "--db", db)[0] == 0
    code, out, _ = run(capsys, "sources", "search", "depeche", "--db", db)
    assert code == 0 and out.startswith("K1\t2024-05-03\tfr\tDépêche Sud-Lanvoie\tBudget")
    assert run(capsys, "sources", "search", "million", "--language", "en", "--db", db)[1].startswith("K2\t")
    assert run(capsys, "sources", "search", "million", "--to", "2022-01-01", "--db", db)[1].startswith("K2\t")
    code, out, _ = run(capsys, "sources", "export", str(tmp_path / "out.csv"), "--db", db)
    assert code == 0 and "exported 2 record(s)" in out
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("id,title,publisher,url,published")
    assert run(capsys, "sources", "delete", "K1", "--db", db)[0] == 0
    assert run(capsys, "sources", "list", "--db", db)[1].startswith("K2\t")
    assert run(capsys, "sources", "restore", "K1", "--db", db)[0] == 0
    assert len(run(capsys, "sources", "list", "--db", db)[1].splitlines()) == 2


def bm25_order(library: Library, match: str, *, newest: int | None = None) -> list[str]:
    """Record ids in FTS5's own rank order, over all matches or the `newest` most recently stored."""
    from sqlalchemy import text

    with library.engine.connect() as conn:
        pks = [
            r[0]
            for r in conn.execute(
                text("SELECT rowid FROM records_fts WHERE records_fts MATCH :q ORDER BY rowid DESC"), {"q": match}
            )
        ]
        window = set(pks[:newest]) if newest else set(pks)
        ranked = [
            r[0]
            for r in conn.execute(
                text("SELECT rowid FROM records_fts WHERE records_fts MATCH :q ORDER BY rank"), {"q": match}
            )
        ]
        ids = dict(conn.execute(select(records.c.pk, records.c.record_id)).all())
    return [ids[pk] for pk in ranked if pk in window]


def test_a_very_common_word_ranks_the_most_recent_matches(fresh_library, monkeypatch):
    import sources.full_text

    monkeypatch.setattr(sources.full_text, "RANKED_MATCHES", 4)
    texts = [
        "harbour " * 6 + "wall",
        "harbour wall",
        "harbour",
        "harbour harbour harbour wall",
        "harbour and more words here",
        "harbour wall repairs",
        "the harbour",
    ]
    fresh_library.add([record(f"H{i}", t, language="en" if i % 2 else "fr") for i, t in enumerate(texts)])
    # 7 matches, 4 ranked: the most recently stored (H3..H6), in bm25 order
    found = [r.id for r in fresh_library.search("harbour", limit=3)]
    assert found == bm25_order(fresh_library, '"harbour"', newest=4)[:3]
    assert set(found) <= {"H3", "H4", "H5", "H6"}
    # 4 matches: all ranked
    assert [r.id for r in fresh_library.search("harbour wall")] == bm25_order(fresh_library, '"harbour" "wall"')
    assert len(bm25_order(fresh_library, '"harbour" "wall"')) == 4
    # with a filter as well, the most recent matches that pass it, unranked
    assert [r.id for r in fresh_library.search("harbour", language="en", limit=2)] == ["H5", "H3"]
    # deleted records among the best do not shorten the answer
    for gone in bm25_order(fresh_library, '"harbour"', newest=4)[:2]:
        fresh_library.delete(gone, actor="t")
    assert len(fresh_library.search("harbour", limit=5)) == 5


def test_words_held_by_too_many_records_leave_the_query_when_rarer_ones_remain(fresh_library, monkeypatch):
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
    fresh_library.add([record(f"W{i}", t) for i, t in enumerate(texts)])
    # "the" is in 5 records, more than 3: left out, so "museum" alone decides (W6 has no "the")
    assert sorted(r.id for r in fresh_library.search("the museum")) == ["W4", "W6"]
    # "tram" (2 records) is rare: ranked by it alone, so both trams are found
    assert sorted(r.id for r in fresh_library.search("the tram")) == ["W2", "W3"]
    # no rare word: every word must appear, the most recently stored first
    assert [r.id for r in fresh_library.search("the harbour")] == ["W3", "W1", "W0"]


def test_the_matchers_word_index_is_filled_by_small_and_bulk_adds_alike():
    from sources.db import record_terms_state

    def indexed(library: Library) -> int:
        with library.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(record_terms_state))

    library = Library.open("sqlite://")
    library.add(generate_records(5, seed=9), workers=0)
    assert indexed(library) == 5
    library.add(generate_records(6, seed=9, start=5), workers=2)
    assert indexed(library) == 11  # the workers computed the terms, the import wrote them
    library.index.ensure_terms()
    assert indexed(library) == 11


def _library_csv(path, n: int, *, seed: int = 4, bad_last: bool = False) -> None:
    from benchmarks.synthetic import write_csv

    with path.open("w", encoding="utf-8", newline="") as out:
        write_csv(generate_records(n, seed=seed), out)
    if bad_last:  # a row without excerpt, at the very end of the file
        with path.open("a", encoding="utf-8", newline="") as out:
            out.write("LAST,A title,Wire,,2024-01-01,en,,\n")  # id,title,publisher,url,published,language,excerpt,desk


def test_a_bad_row_at_the_end_of_a_large_file_cancels_the_whole_import(capsys, tmp_path, db, monkeypatch):
    # The rows are checked beside the import (in a thread) when the file is large: the import runs
    # with its worker processes and is cancelled, with nothing stored, once the check finds the row.
    from checker.cli import sources as cli_sources

    monkeypatch.setattr(cli_sources, "BIG_FILE", 1)  # this small file counts as large
    path = tmp_path / "big.csv"
    _library_csv(path, 300, bad_last=True)
    code, out, err = run(capsys, "sources", "import", str(path), "--db", db)
    assert code == 1 and "row 302: empty excerpt" in err and "nothing imported" in err
    assert run(capsys, "sources", "list", "--db", db)[1] == ""
    code, out, err = run(capsys, "sources", "import", str(path), "--db", db, "--skip-bad")
    assert code == 0 and "imported 300 record(s), 0 duplicate(s) skipped, 1 bad row(s) skipped" in out


def test_an_import_killed_midway_leaves_the_library_as_it_was(tmp_path):
    # kill -9 during a bulk import: what was committed before stays, nothing of the import is seen,
    # and the database is sound and takes the next import.
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    db_path = tmp_path / "lib.db"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    _library_csv(first, 20, seed=1)
    _library_csv(second, 8_000, seed=2)
    url = f"sqlite:///{db_path}"
    assert main(["sources", "import", str(first), "--db", url]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "sources", "import", str(second), "--db", url],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        probe = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the import holds the write lock
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                break
            assert proc.poll() is None, "the import ended before it was killed"
            time.sleep(0.05)
        time.sleep(0.5)  # let it write some chunks
        assert proc.poll() is None, "the import ended before it was killed"
        probe.close()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker processes
        proc.wait()
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    counts = [
        check.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("records", "record_terms_state", "records_fts")
    ]
    assert counts == [20, 20, 20]
    check.close()
    library = Library.open(url)
    assert library.count() == 20 and library.add(generate_records(3, seed=3)).added == 3


def test_an_older_database_gets_the_covering_value_indexes_when_opened(tmp_path):
    import sqlite3

    from sources.db import connect

    url = f"sqlite:///{tmp_path / 'old.db'}"
    Library(connect(url)).add([record("A1", "The council set aside $4.5 million on 12 May 2022.")])
    old = sqlite3.connect(tmp_path / "old.db")  # the indexes of an earlier version
    old.executescript(
        "DROP INDEX ix_dates_period; DROP INDEX ix_amounts_covering; DROP INDEX ix_quotes_speaker_record;"
        "CREATE INDEX ix_dates_first ON record_dates (first_day);"
        "CREATE INDEX ix_amounts_value ON record_amounts (currency, amount);"
        "CREATE INDEX ix_quotes_speaker ON record_quotes (speaker_key);"
    )
    old.close()
    library = Library(connect(url, fresh=True))
    with library.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = " ".join(
            r[3]
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT record_pk FROM record_dates WHERE first_day = '2022-05-01' "
                "AND last_day >= '2022-05-12'"
            )
        )
    assert {"ix_dates_period", "ix_amounts_covering", "ix_quotes_speaker_record"} <= names
    assert not {"ix_dates_first", "ix_amounts_value", "ix_quotes_speaker"} & names
    assert "COVERING INDEX ix_dates_period" in plan
    assert [r.id for r in library.search("council")] == ["A1"]


def test_a_library_opens_and_reads_while_another_process_holds_the_write_lock(tmp_path, monkeypatch):
    # An import holds SQLite's write lock for minutes: a check or a search started meanwhile opens the
    # database (its schema is only read when current) and reads the committed records at once.
    import sqlite3

    import sources.db
    from sources.db import connect

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    Library(connect(url)).add([record("A1", "The council set aside $4.5 million on 12 May 2022.")])
    monkeypatch.setattr(sources.db, "BUSY_TIMEOUT_S", 0.2)  # a wait for the lock would fail at once
    monkeypatch.setattr(sources.db, "LOCK_ATTEMPTS", 1)
    holder = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO audit (at, actor, entity, entity_id, action) VALUES ('2024-01-01', 'x', 'y', 'z', 'w')")
    try:
        library = Library(connect(url, fresh=True))
        assert [r.id for r in library.search("council")] == ["A1"] and library.count() == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_rows_built_for_the_bulk_insert_are_stored_as_sqlalchemy_stores_them(tmp_path):
    # The import converts its rows itself (bulk.row_converter); what lands in the database must be what
    # an ordinary SQLAlchemy insert of the same values stores: dates, times and JSON alike.
    import sqlite3

    from sources.db import connect
    from sources.db import records as table
    from sources.record_rows import RECORD_COLUMNS, index_chunk

    rec = SourceRecord(
        id="Q1",
        title="T",
        excerpt="Le 3 mars 2024, 12 millions d’euros.",
        publisher="P",
        url="https://x.invalid/1",
        published=dt.date(2024, 3, 4),
        language="fr",
        tags=(("desk", "local"), ("n", "é")),
        retrieved_at=dt.datetime(2024, 3, 5, 10, 0, 7),
        text_hash="h" * 64,
    )
    now = dt.datetime(2024, 3, 6, 11, 12, 13)
    built = index_chunk([(7, *[getattr(rec, f) for f in SourceRecord.__dataclass_fields__])], "sqlite", now)
    bulk, plain = connect(f"sqlite:///{tmp_path / 'a.db'}"), connect(f"sqlite:///{tmp_path / 'b.db'}")
    with bulk.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO records ({', '.join(RECORD_COLUMNS)}) VALUES ({', '.join('?' * len(RECORD_COLUMNS))})",
            built.records,
        )
    with plain.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {
                    "pk": 7,
                    "record_id": rec.id,
                    "title": rec.title,
                    "publisher": rec.publisher,
                    "url": rec.url,
                    "published": rec.published,
                    "language": rec.language,
                    "excerpt": rec.excerpt,
                    "tags": [list(t) for t in rec.tags],
                    "retrieved_at": rec.retrieved_at,
                    "text_hash": rec.text_hash,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    rows = [sqlite3.connect(tmp_path / name).execute("SELECT * FROM records").fetchall() for name in ("a.db", "b.db")]
    assert rows[0] == rows[1] and len(rows[0]) == 1
    assert built.values[1] and built.values[1][0][3:5] == ("2024-03-03", "2024-03-03")  # dates as SQLite keeps them


def test_a_records_bare_dollar_is_its_outlets_countrys_when_its_words_say_nothing():
    from sources.record_rows import index_values

    def currency(url: str, excerpt: str = "The dairy firm sold its brands for $410 million.") -> str:
        rec = SourceRecord(id="r", title="T", excerpt=excerpt, url=url, published=dt.date(2025, 8, 22), language="en")
        return index_values(rec).amounts[0][0]

    assert currency("https://www.nzherald.co.nz/business/dairy") == "NZD"
    assert currency("https://www.smh.com.au:443/business") == "AUD"
    assert currency("https://www.example.com/business") == "USD"
    assert currency("https://www.nzherald.co.nz/x", "A Toronto dairy sold its brands for $410 million.") == "CAD"


def test_a_resolved_acronym_is_indexed_as_written_too():
    # A record that resolves "KMC" to the body it names in full must still be found by an article, or
    # another record, that gives "KMC" alone.
    from sources.record_rows import index_values

    excerpt = "The Kathmandu Metropolitan City fined the school. KMC officials said the fine stands."
    rec = SourceRecord(
        id="r", title="T", excerpt=excerpt, url="https://example.org", published=dt.date(2024, 5, 1), language="en"
    )
    keys = {(n[0], n[1]) for n in index_values(rec).names}
    assert ("kmc", "Kathmandu Metropolitan City") in keys
    assert ("kathmandu metropolitan city", "Kathmandu Metropolitan City") in keys
