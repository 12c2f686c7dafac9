"""What every page shares: the database services, session defaults, the reviewer, error display."""

from __future__ import annotations

import contextlib
import html
from typing import Iterator

import streamlit as st

from checker.desk import Desk
from checker.inputs import InputError
from sources.db import connect, database_url
from sources.demo import seed_demo
from sources.importers import ImportFormatError
from sources.library import Library

# Session keys and their defaults, declared once.
DEFAULTS: dict[str, object] = {
    "editor_generation": 0,  # bumped after saving edits so the table reloads from the database
    "flash": None,  # (kind, message) shown once on the next run
    "import_preview": None,  # parsed import waiting for the editor's decision
}


def init_state() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


@st.cache_resource(show_spinner=False)
def _services(url: str) -> tuple[Library, Desk]:
    engine = connect(url)
    library, desk = Library(engine), Desk(engine)
    seed_demo(library)
    return library, desk


def services() -> tuple[Library, Desk]:
    """The library and the desk on the workbench's database (created and seeded on first start)."""
    return _services(database_url())


def reviewer() -> str:
    """The reviewer named in the sidebar (kept in the URL so a reload keeps it)."""
    return st.query_params.get("reviewer", "").strip()


def _store_reviewer() -> None:
    name = st.session_state["reviewer_input"].strip()
    if name:
        st.query_params["reviewer"] = name
    elif "reviewer" in st.query_params:
        del st.query_params["reviewer"]


def sidebar() -> None:
    with st.sidebar:
        if "reviewer_input" not in st.session_state:
            st.session_state["reviewer_input"] = reviewer()
        st.text_input("Reviewer", placeholder="Your name", key="reviewer_input", on_change=_store_reviewer,
                      help="Stored with every change you make.")
        st.caption(f"Database: `{_short(database_url())}`")


def _short(url: str) -> str:
    return url if len(url) < 48 else "…" + url[-46:]


def flash(kind: str, message: str) -> None:
    st.session_state["flash"] = (kind, message)


def show_flash() -> None:
    item = st.session_state.get("flash")
    if item:
        kind, message = item
        getattr(st, kind)(message)
        st.session_state["flash"] = None


@contextlib.contextmanager
def guarded(action: str) -> Iterator[None]:
    """Show a clear message instead of a traceback when `action` fails; nothing half-done is kept
    because every core call is one transaction."""
    try:
        yield
    except (InputError, ImportFormatError, ValueError) as exc:
        st.error(f"{action}: {exc}")
    except Exception as exc:  # noqa: BLE001 - the UI never shows a traceback
        st.error(f"{action} failed ({exc.__class__.__name__}). Nothing was changed; try again or report it.")


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """HTML of `text`, escaped, with <mark> around each (start, end, css class) span."""
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        if start < pos or end <= start:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{html.escape(cls)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


STYLE = """
<style>
mark.claim { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.evidence { background: #b8e6c1; padding: 0 2px; border-radius: 3px; }
mark.conflict { background: #f7b6b2; padding: 0 2px; border-radius: 3px; }
.source-card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; margin-bottom: 8px; }
</style>
"""
