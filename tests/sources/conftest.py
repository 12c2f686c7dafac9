"""The sources tests' fixtures: the library's, shared with the other packages whose tests use it (tests/support.py)."""

from support import db_url, fresh_library  # noqa: F401 - fixtures, found by name
