"""The desk's tables live with the desk (checker/desk/tables.py) on the library's shared metadata, and
are there whichever opens a database first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from checker.desk import Desk
from checker.desk.tables import DESK_TABLES
from sources.db import connect, metadata

ROOT = Path(__file__).resolve().parents[2]


def test_the_desk_tables_are_on_the_shared_metadata():
    assert all(metadata.tables[t.name] is t for t in DESK_TABLES)
    assert {"articles", "article_claims", "reviewed_claims", "reviewed_claim_terms"} == {t.name for t in DESK_TABLES}


def test_a_database_the_library_opened_first_gets_the_desk_tables(tmp_path):
    """A process that opened the database through the library before it imported the desk: the desk
    creates its tables (and the columns added since) when it opens it."""
    url = f"sqlite:///{tmp_path / 'library-first.db'}"
    script = (
        "import sys\n"
        "from sources.library import Library\n"
        "library = Library.open(sys.argv[1])\n"
        "assert 'checker.desk' not in sys.modules\n"
        "from sqlalchemy import inspect\n"
        "assert 'articles' not in inspect(library.engine).get_table_names()\n"
        "from checker.desk import Desk\n"
        "from checker.desk.archive import search\n"
        "desk = Desk(library.engine)\n"
        "assert desk.articles() == []\n"
        "assert search(library.engine) == []\n"
    )
    done = subprocess.run([sys.executable, "-c", script, url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    names = set(inspect(connect(url, fresh=True)).get_table_names())
    assert {t.name for t in DESK_TABLES} <= names


def test_a_desk_database_older_than_a_column_gets_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect(url, fresh=True)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN meta")
    fresh = connect(url, fresh=True)
    Desk(fresh)
    assert "meta" in {c["name"] for c in inspect(fresh).get_columns("articles")}
