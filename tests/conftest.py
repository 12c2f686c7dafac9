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


_component_scan: list = []


@pytest.fixture(autouse=True)
def _one_component_scan_per_process():
    """Streamlit's AppTest scans every installed package for v2 components (reading each one's
    metadata) once per AppTest, i.e. once per UI test: about a second of CPU each on this machine,
    a minute over the suite. A server scans once per start; the installed packages do not change
    during a run, so the UI tests share one scan per process, as the sessions of one server do."""
    scanner = sys.modules.get("streamlit.components.v2.manifest_scanner")
    if scanner is None and "streamlit.testing.v1" in sys.modules:
        import streamlit.components.v2.manifest_scanner as scanner
    if scanner is not None and not getattr(scanner.scan_component_manifests, "_shared", False):
        scan = scanner.scan_component_manifests

        def shared_scan(*args, **kwargs):
            if not _component_scan:
                _component_scan.append(scan(*args, **kwargs))
            return list(_component_scan[0])

        shared_scan._shared = True
        scanner.scan_component_manifests = shared_scan
    yield
