"""The claims tests run without the database's code, like the package they test: collecting every one
of them (their modules and conftests imported) and running some leaves SQLAlchemy unimported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

SCRIPT = """
import sys
import pytest

# plain asserts: rewriting every claims test's asserts again cost this process more than half of its
# time, and what is checked here is what gets imported (the tests' results are the same either way)
options = ["-q", "-n", "0", "-p", "no:cacheprovider", "--assert=plain"]
collected = pytest.main([*options, "--co", sys.argv[1]])
ran = pytest.main([*options, sys.argv[2], sys.argv[3]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "streamlit", "sources", "checker"))
print("LOADED", loaded)
sys.exit(int(collected) or int(ran) or (3 if loaded else 0))
"""


def test_the_claims_tests_import_no_database_code():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(HERE), str(HERE / "test_text.py"), str(HERE / "test_extract.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "LOADED []" in done.stdout
