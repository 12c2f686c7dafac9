"""Dependencies point one way, from the pages down to the claims, and this test says which.

Packages, from the bottom: settings.py (imports nothing of ours), claims/ (pure: text in, claims out),
sources/ (the library and its storage), checker/ (matching, verdicts, the desk, the command line),
ui/ (the pages), app.py (routing only). Each may import the ones below it, except that the pages
reach storage through the checker (checker/storage.py), never sources/ directly.

Inside checker/, modules are layered too: the catalogue and the data model, then the comparisons
and the rules, then the matcher, the desk, the services, the evaluation and the command line on
top. Every import counts, at the top of a module or inside a function: an import that runs back up
is a test failure, unless it is one of the few named in UPWARD with the reason it must be.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package of ours may import of ours (besides itself).
MAY_IMPORT: dict[str, set[str]] = {
    "settings": set(),
    "claims": {"settings"},
    "sources": {"claims", "settings"},
    "checker": {"claims", "sources", "settings"},
    "ui": {"checker", "claims", "settings"},
    "app": {"ui", "settings"},
}
OURS = set(MAY_IMPORT)

# Inside checker/: the layer of each module or subpackage, from the bottom. A module may import its
# own layer and those below.
CHECKER_LAYERS: dict[str, int] = {
    "checker": 0,  # the package's own __init__
    "checker.messages": 0,
    "checker.model": 0,
    "checker.compare": 1,
    "checker.verdict": 1,
    "checker.inputs": 1,
    "checker.match": 2,  # the matcher runs its steps here; context, candidates and scoring are its parts
    "checker.context": 2,
    "checker.candidates": 2,
    "checker.scoring": 2,
    "checker.desk": 3,
    "checker.service": 4,
    "checker.storage": 4,
    "checker.evaluation": 5,
    "checker.cli": 6,
    "checker.__main__": 6,
}

# Imports that run up a layer on purpose, each with its reason.
UPWARD: dict[tuple[str, str], str] = {
    (
        "checker.match",
        "checker.desk.memory",
    ): "the matcher looks up the desk's earlier verdicts at the end of every check (imported there, lazily)",
}

# Third-party packages a package must not import.
FORBIDDEN: dict[str, set[str]] = {
    "settings": {"sqlalchemy", "streamlit", "requests"},
    "claims": {"sqlalchemy", "streamlit", "requests"},
    "sources": {"streamlit"},
    "checker": {"streamlit"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports_of(source: str, module: str, package: bool) -> set[str]:
    """Every module `source` imports, as absolute dotted names, relative imports resolved ("from
    ..desk import Desk" in checker.cli.main -> checker.desk, checker.desk.Desk)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parts = module.split(".")
                if not package:
                    parts = parts[:-1]
                parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                base = ".".join(parts + ([node.module] if node.module else []))
            if node.module or node.level == 0:
                found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # a name may be a submodule
    return found


def ours(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in OURS else None


def checker_layer(name: str) -> int | None:
    best = None
    for prefix, layer in CHECKER_LAYERS.items():
        if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, layer)
    return best[1] if best else None


def violations(module: str, source: str, package: bool = False) -> list[str]:
    """What in `source` (the text of module `module`) runs against the layers."""
    own = module.split(".")[0]
    out = []
    for name in sorted(imports_of(source, module, package)):
        top = name.split(".")[0]
        if top in FORBIDDEN.get(own, ()):
            out.append(f"{module} imports {name}")
        target = ours(name)
        if target is None or target == own:
            if own == "checker" and target == "checker":
                here, there = checker_layer(module), checker_layer(name)
                if here is None or (
                    there is not None
                    and there > here
                    and not any(name == b or name.startswith(b + ".") for (a, b) in UPWARD if a == module)
                ):
                    out.append(f"{module} (layer {here}) imports {name} (layer {there})")
            continue
        if target not in MAY_IMPORT[own]:
            out.append(f"{module} imports {name}")
    return out


def our_files() -> list[Path]:
    files = [ROOT / "settings.py", ROOT / "app.py"]
    for package in ("claims", "sources", "checker", "ui"):
        files += sorted((ROOT / package).rglob("*.py"))
    return files


@pytest.mark.parametrize("path", our_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_back_up(path):
    assert violations(module_name(path), path.read_text(encoding="utf-8"), is_package(path)) == []


def test_every_checker_module_has_a_layer():
    for path in sorted((ROOT / "checker").rglob("*.py")):
        assert checker_layer(module_name(path)) is not None, path


def test_the_named_exceptions_are_still_needed():
    """An exception that no module needs any more is taken out, so that the list stays the truth."""
    for importer, imported in UPWARD:
        path = ROOT / (importer.replace(".", "/") + ".py")
        assert imported in imports_of(path.read_text(encoding="utf-8"), importer, False), (importer, imported)


@pytest.mark.parametrize(
    "module, source",
    [
        ("claims.dates", "from sources.db import connect"),
        ("claims.names", "import sqlalchemy"),
        ("sources.library", "def f():\n    from checker.desk import Desk"),
        ("sources.db", "from ui.common import t"),
        ("settings", "from claims import extract"),
        ("ui.library", "from sources.library import Library"),
        ("checker.model", "from .desk import Desk"),
        ("checker.verdict", "from .service import write_report"),
        ("checker.desk.review", "from ..cli import main"),
        ("checker.desk.report", "from ...ui.common import t"),
        ("checker.match", "from .service import check_text"),
        ("checker.service", "import streamlit as st"),
    ],
)
def test_an_import_that_runs_back_up_is_found(module, source):
    """The rules above can fail: each of these imports would be refused where it is written."""
    assert violations(module, source)


def test_imports_down_the_layers_are_allowed():
    assert violations("checker.cli.claims", "from ..desk import Desk\nfrom .main import print_json", False) == []
    assert violations("ui.common", "from checker.storage import Library\nfrom claims import CLAIM_TYPES") == []
    assert violations("checker.desk.memory", "def f():\n    from ..match import compare") == []
