"""What every package's tests share: the checkout on the import path, and the shared corpora.

The tests sit in one folder per package (claims/, sources/, checker/, ui/; the whole tree's checks at
this level). This file imports the standard library only, so that the claims tests run without the
database's code: the library's fixtures are in the conftest of the packages whose tests use it
(sources/, checker/, ui/), from support.py; tests/claims/test_pure.py checks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def corpora() -> Path:
    if not (CORPORA / "seed").is_dir():
        pytest.skip("the shared corpora (../shared/corpora) are not beside this checkout")
    return CORPORA
