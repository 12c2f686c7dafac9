"""Shared fixtures: an in-memory library of our own records, paths of the shared corpora."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources.library import Library  # noqa: E402
from sources.model import SourceRecord  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def record(id: str, excerpt: str, *, published: str | None = "2024-03-01", language: str = "en",
           title: str | None = None, publisher: str = "Test Wire", url: str = "") -> SourceRecord:
    return SourceRecord(id=id, title=title or f"Record {id}", excerpt=excerpt, publisher=publisher,
                        url=url or f"https://example.org/{id.lower()}",
                        published=dt.date.fromisoformat(published) if published else None, language=language)


@pytest.fixture
def fresh_library() -> Library:
    return Library.open("sqlite://")


@pytest.fixture
def corpora() -> Path:
    if not (CORPORA / "seed").is_dir():
        pytest.skip("the shared corpora (../shared/corpora) are not beside this checkout")
    return CORPORA


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("FACTCHECK_DB", url)
    return url


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
