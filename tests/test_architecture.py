"""Dependencies point one way: UI and CLI -> checker -> sources, claims; claims imports nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"claims", "sources", "checker", "ui"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def files(package: str):
    return sorted((ROOT / package).rglob("*.py"))


def test_claims_is_pure():
    for f in files("claims"):
        assert not (imports_of(f) & (OURS - {"claims"})), f
        assert not (imports_of(f) & {"sqlalchemy", "streamlit", "requests"}), f


def test_sources_does_not_know_the_checker_or_the_ui():
    for f in files("sources"):
        assert not (imports_of(f) & {"checker", "ui", "streamlit"}), f


def test_only_pages_import_streamlit():
    for package in ("claims", "sources", "checker"):
        for f in files(package):
            assert "streamlit" not in imports_of(f), f
