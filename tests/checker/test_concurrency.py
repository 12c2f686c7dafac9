"""Editors saving at the same time: 20 writers, as threads (how Streamlit serves editors) and as
processes (several app or command-line processes on one database), on SQLite and on PostgreSQL.

Each writer saves its own claim in every round, and all of them race on one shared claim after
reading the same version of it. Every save must land or be refused as a conflict (never "database
is locked"); on the shared claim exactly one save a round lands; the audit trail has one entry per
version increment.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections import Counter

import pytest
from support import postgres_schema, postgres_url

from checker.desk import Desk, ReviewConflict
from checker.desk.tables import article_claims
from checker.service import check_and_store
from sources.db import audit, connect
from sources.library import Library

WRITERS = 20
ROUNDS = 3
STATUSES = ("verified", "disputed", "needs_more")
# One money claim per sentence: one claim for each writer, and the shared one.
TEXT = " ".join(f"Item {n} cost ${n + 1} million in 2024." for n in range(WRITERS + 1))


def _prepare(engine) -> tuple[int, list[str]]:
    desk = Desk(engine)
    article_id, result = check_and_store(
        TEXT, Library(engine), desk, language="en", published=dt.date(2024, 5, 1), reviewer="setup"
    )
    money = [c.claim.id for c in result.checks if c.claim.type == "money"]
    assert len(money) == WRITERS + 1
    return article_id, money


def _outcome(save) -> str:
    try:
        save()
    except ReviewConflict:
        return "conflict"
    except Exception as exc:  # noqa: BLE001 - counted: the test asserts there are none
        return f"failed: {exc.__class__.__name__}: {str(exc).splitlines()[0][:120]}"
    return "landed"


def _writer(desk: Desk, article_id: int, own: str, shared: str, index: int, barrier) -> Counter:
    """ROUNDS rounds: read the shared claim's version, wait for all, then save it and the own claim."""
    counts: Counter = Counter()
    own_version = 1
    for r in range(ROUNDS):
        barrier.wait()
        seen = desk.load(article_id).claim(shared).version
        barrier.wait()  # every writer has read the same version: they are released at the same instant

        def save_shared():
            desk.review(article_id, shared, reviewer=f"w{index}", note=f"w{index} round {r}", expected_version=seen)

        def save_own():
            desk.review(
                article_id,
                own,
                reviewer=f"w{index}",
                status=STATUSES[r % 3],
                note=f"round {r}",
                expected_version=own_version,
            )

        counts[("shared", _outcome(save_shared))] += 1
        outcome = _outcome(save_own)
        counts[("own", outcome)] += 1
        own_version += outcome == "landed"
    return counts


def _process_writer(url, article_id, own, shared, index, barrier, results) -> None:
    try:
        engine = connect(url, fresh=True)  # a process of its own, with its own engine
        try:
            counts = _writer(Desk(engine), article_id, own, shared, index, barrier)
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001
        counts = Counter({("setup", f"failed: {exc.__class__.__name__}: {exc}"): 1})
    results.put(dict(counts))


def run_writers(url: str, mode: str) -> tuple[Counter, Desk, int, list[str]]:
    engine = connect(url, fresh=True)
    article_id, money = _prepare(engine)
    shared, own = money[0], money[1:]
    total: Counter = Counter()
    if mode == "threads":  # one engine shared by the threads, as in the Streamlit server
        desk = Desk(engine)
        barrier = threading.Barrier(WRITERS, timeout=60)
        results: list[Counter] = [Counter()] * WRITERS

        def run(i):
            try:
                results[i] = _writer(desk, article_id, own[i], shared, i, barrier)
            except Exception as exc:  # noqa: BLE001
                results[i] = Counter({("setup", f"failed: {exc.__class__.__name__}: {exc}"): 1})
                barrier.abort()

        threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        for c in results:
            total.update(c)
    else:
        engine.dispose()  # no connection of the parent crosses the fork
        ctx = multiprocessing.get_context("fork")
        barrier = ctx.Barrier(WRITERS, timeout=60)
        queue = ctx.Queue()
        procs = [
            ctx.Process(target=_process_writer, args=(url, article_id, own[i], shared, i, barrier, queue))
            for i in range(WRITERS)
        ]
        for p in procs:
            p.start()
        for _ in procs:
            total.update(queue.get(timeout=120))
        for p in procs:
            p.join(30)
        desk = Desk(connect(url, fresh=True))
    return total, desk, article_id, money


def check_outcome(total: Counter, desk: Desk, article_id: int, money: list[str]) -> None:
    failures = {k: v for k, v in total.items() if k[1].startswith("failed")}
    assert not failures, f"saves that failed instead of landing or conflicting: {failures}"
    assert total[("own", "landed")] == WRITERS * ROUNDS  # no one else touches a writer's own claim
    assert total[("shared", "landed")] == ROUNDS  # one winner a round...
    assert total[("shared", "conflict")] == ROUNDS * (WRITERS - 1)  # ...and every other one told so
    article = desk.load(article_id)
    assert article.claim(money[0]).version == 1 + ROUNDS
    assert all(article.claim(c).version == 1 + ROUNDS for c in money[1:])
    from sqlalchemy import func, select

    with desk.engine.connect() as conn:
        increments = conn.scalar(
            select(func.sum(article_claims.c.version - 1)).where(article_claims.c.article_id == article_id)
        )
        entries = conn.scalar(
            select(func.count())
            .select_from(audit)
            .where(audit.c.entity == "claim", audit.c.entity_id.startswith(f"{article_id}/"))
        )
    assert increments == entries == (WRITERS + 1) * ROUNDS


@pytest.mark.parametrize("mode", ["threads", "processes"])
def test_twenty_writers_on_sqlite(tmp_path, mode):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    total, desk, article_id, money = run_writers(url, mode)
    check_outcome(total, desk, article_id, money)


@pytest.fixture
def pg_url():
    with postgres_schema("factcheck_load") as (_, name):
        try:
            yield postgres_url(name)
        finally:
            from sources.db import _ENGINES

            for key in [k for k in _ENGINES if name in k]:
                _ENGINES.pop(key).dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["threads", "processes"])
def test_twenty_writers_on_postgresql(pg_url, mode):
    total, desk, article_id, money = run_writers(pg_url, mode)
    check_outcome(total, desk, article_id, money)


# ---- one writer holding the lock: the others wait, ask again, and say so plainly if it lasts ------


def _hold_lock(path, seconds: float = 0.0, until: threading.Event | None = None) -> threading.Thread:
    """Another process's long write: a raw connection holding SQLite's write lock for `seconds`, or
    until `until` is set."""
    import sqlite3
    import time

    ready = threading.Event()

    def hold():
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        ready.set()
        if until is not None:
            until.wait(120)
        else:
            time.sleep(seconds)
        raw.execute("COMMIT")
        raw.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(30), "the lock was not taken"
    return thread


@pytest.fixture
def short_waits(monkeypatch):
    """A busy timeout of 0.1 s, so that the retries are reached quickly."""
    import sources.db

    monkeypatch.setattr(sources.db, "BUSY_TIMEOUT_S", 0.1)


def test_a_save_waits_for_the_lock_and_lands(tmp_path, short_waits):
    path = tmp_path / "desk.db"
    engine = connect(f"sqlite:///{path}", fresh=True)
    article_id, money = _prepare(engine)
    holder = _hold_lock(path, 0.2)  # longer than one busy timeout, shorter than the retries
    state = Desk(engine).review(article_id, money[0], reviewer="Ana", status="verified", expected_version=1)
    holder.join()
    assert state.version == 2 and Desk(engine).load(article_id).claim(money[0]).status == "verified"


def test_a_lock_held_too_long_is_said_plainly(tmp_path, short_waits, capsys):
    from checker.cli import main

    path = tmp_path / "desk.db"
    url = f"sqlite:///{path}"
    article_id, money = _prepare(connect(url, fresh=True))
    release = threading.Event()
    holder = _hold_lock(path, until=release)  # held for as long as the save keeps asking, however slow
    try:
        code = main(["review", str(article_id), money[0], "--status", "verified", "--reviewer", "Ana", "--db", url])
    finally:
        release.set()
        holder.join()
    err = capsys.readouterr().err
    assert (
        code != 0
        and err.strip()
        == "error: the database stayed busy with other saves for over a minute; nothing was changed, try again"
    )
    assert Desk(connect(url)).load(article_id).claim(money[0]).version == 1


def test_a_conflict_is_said_without_a_class_name(tmp_path, capsys):
    from checker.cli import main

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    article_id, money = _prepare(connect(url, fresh=True))
    Desk(connect(url)).review(article_id, money[0], reviewer="Ana", status="verified", note="ok", expected_version=1)
    code = main(
        [
            "review",
            str(article_id),
            money[0],
            "--status",
            "disputed",
            "--reviewer",
            "Ben",
            "--expect-version",
            "1",
            "--db",
            url,
        ]
    )
    err = capsys.readouterr().err
    assert code != 0 and err.startswith(f"error: claim {money[0]} was changed by Ana at ")
    assert "ReviewConflict" not in err and "now verified: ok" in err


def test_the_desk_words_for_a_busy_database_and_a_conflict(tmp_path):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from ui.common import error_text

    locked = OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    assert error_text("Saving", locked) == (
        "Saving failed: the database stayed busy with other saves for over a minute. Nothing was changed; try again."
    )
    engine = connect(f"sqlite:///{tmp_path / 'desk.db'}", fresh=True)
    article_id, money = _prepare(engine)
    desk = Desk(engine)
    desk.review(article_id, money[0], reviewer="Ana", status="verified", expected_version=1)
    with pytest.raises(ReviewConflict) as info:
        desk.review(article_id, money[0], reviewer="Ben", status="disputed", expected_version=1)
    shown = error_text("Saving", info.value)
    assert shown.startswith("Not saved: Ana changed") and "ReviewConflict" not in shown
