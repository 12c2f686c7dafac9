"""Helpers of the tests that use the library: records of our own, an in-memory library, a database
file, a schema of its own on the local PostgreSQL server, the command line run in-process. Imported
by the conftest of tests/sources, tests/checker and tests/ui (and by their tests); never by the claims
tests, which run without the database's code (tests/conftest.py). What only some tests need (psycopg,
the checker) is imported where it is used."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import pytest

from sources.model import SourceRecord

if TYPE_CHECKING:
    from sources.library import Library

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def record(
    id: str,
    excerpt: str,
    *,
    published: str | None = "2024-03-01",
    language: str = "en",
    title: str | None = None,
    publisher: str = "Test Wire",
    url: str = "",
) -> SourceRecord:
    return SourceRecord(
        id=id,
        title=title or f"Record {id}",
        excerpt=excerpt,
        publisher=publisher,
        url=url or f"https://example.org/{id.lower()}",
        published=dt.date.fromisoformat(published) if published else None,
        language=language,
    )


@pytest.fixture
def fresh_library() -> Library:
    from sources.library import Library

    return Library.open("sqlite://")


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("FACTCHECK_DB", url)
    return url


def streamlit_server(port: int, env: dict[str, str], log, *extra: str) -> subprocess.Popen:
    """The workbench's app served by Streamlit on 127.0.0.1:`port`, headless, its output in `log`."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", *extra],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def local_only(context):
    """A Playwright browser context whose requests to anything but this machine are refused at once:
    the app asks fonts.gstatic.com for its page icon and the OpenID provider's pages a CDN for their
    stylesheet, and no test may reach a public host. Returns the context."""
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


# ---- PostgreSQL: a schema of its own on the local server ------------------------------------------

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def postgres_schema(prefix: str) -> Iterator[tuple[Any, str]]:
    """A new schema named `prefix`_<random> on the local server (127.0.0.1:5432, database `test`),
    dropped with everything in it when the block ends; yields (an autocommit admin connection, its
    name). Skips the test when psycopg or the server is not there."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3, autocommit=True
        )
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 ({exc.__class__.__name__})")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield admin, name
    finally:
        admin.execute(f'DROP SCHEMA "{name}" CASCADE')
        admin.close()


def postgres_url(schema: str) -> str:
    """The database URL whose tables live in `schema` (see postgres_schema)."""
    return f"{POSTGRES}?options=-csearch_path%3D{schema}"


# ---- the command line, run in-process -------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """`python -m checker ARGV...` in this process: (exit code, standard output, standard error)."""
    from checker.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli_check_saved(capsys, tmp_path: Path, db: str, text: str, *options: str, name: str = "a.txt") -> dict:
    """`check FILE --db DB --save --format json OPTIONS...` on `text` written to tmp_path/`name`;
    asserts it succeeds and returns its JSON (article_id, claims...)."""
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(article), "--db", db, "--save", "--format", "json", *options)
    assert code == 0
    return json.loads(out)


def cli_review(
    capsys, db: str, article_id: int | str, claim: str, status: str, note: str, reviewer: str
) -> tuple[int, str, str]:
    """`review ARTICLE CLAIM --status STATUS --note NOTE --reviewer REVIEWER --db DB`, as run_cli."""
    argv = ("review", str(article_id), claim, "--status", status, "--note", note, "--reviewer", reviewer)
    return run_cli(capsys, *argv, "--db", db)
