"""The desk's claims table: filters by type, status and suggestion, a sort, and the statuses and notes
an editor changes in the table itself (each stored against the version the editor saw).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checker.desk import Article, ClaimState, ReviewConflict
from checker.model import STATUSES, SUGGESTIONS
from claims import CLAIM_TYPES
from ui.common import conflict_text, error_text, flash, lang, may, reviewer, services, t
from ui.desk_actions import attempt, pick

# What the desk shows of a claim's state: its review status, or that it was dismissed.
SHOWN_STATUSES = (*STATUSES, "dismissed")
SORTS = ("position", "status", "type", "suggestion", "score")
# The colour of each claim type, as the text's highlights and the legend show it.
TYPE_SWATCH = {"date": "🟦", "money": "🟩", "person": "🟪", "organization": "🟧", "quote": "🟨"}
# Widths (px) of the columns an editor decides with; with the page's side margins narrowed (STYLE),
# they fit the table's half of the desk at 1280 px with the sidebar open (tests/ui/test_browser.py).
DECISION_WIDTHS = {"open": 32, "type": 32, "text": 140, "value": 115, "suggestion": 100, "status": 108}
TABLE_COLUMNS = ["open", "type", "text", "value", "suggestion", "status", "note", "id", "dismissed", "type_name"]
STATUS_ORDER = {s: i for i, s in enumerate(("unreviewed", "needs_more", "disputed", "verified", "dismissed"))}


def _filtered(article: Article) -> list[ClaimState]:
    ss = st.session_state
    types, statuses, suggestions = ss.get("f_type") or [], ss.get("f_status") or [], ss.get("f_suggestion") or []
    rows = [
        c
        for c in article.claims
        if (not types or c.claim.type in types)
        and (not statuses or c.shown_status in statuses)
        and (not suggestions or c.suggestion in suggestions)
    ]
    sort = ss.get("f_sort") or "position"
    if sort == "status":
        rows.sort(key=lambda c: (STATUS_ORDER[c.shown_status], c.claim.start))
    elif sort == "type":
        rows.sort(key=lambda c: (CLAIM_TYPES.index(c.claim.type), c.claim.start))
    elif sort == "suggestion":
        rows.sort(key=lambda c: (SUGGESTIONS.index(c.suggestion) if c.suggestion in SUGGESTIONS else 9, c.claim.start))
    elif sort == "score":
        rows.sort(key=lambda c: (-(c.matches[0].score if c.matches else 0.0), c.claim.start))
    return rows


def _keep(name: str, widget_key: str) -> None:
    st.session_state[name] = st.session_state[widget_key]


def _in_language(name: str, default) -> dict:
    """Keyword arguments for a filter widget whose options are words: the browser keeps a widget's
    option labels while its key is unchanged, so the key carries the interface language (the sort box
    then follows a language switch), and the choice itself is kept under `name` across switches."""
    widget_key = f"{name}@{lang()}"
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state.get(name, default)
    return {"key": widget_key, "on_change": _keep, "args": (name, widget_key)}


def claims_table(article: Article, current: ClaimState | None) -> None:
    _filters()
    rows = _filtered(article)
    # A new table after each change and when the open claim changes, so that it shows what is stored.
    key = f"table-{article.id}-{st.session_state['editor_generation']}-{current.claim.id if current else ''}"
    # Edits in the table were made on what the previous run drew: keep its versions for them.
    seen_versions = dict(st.session_state.get("table_versions") or {})
    st.session_state["table_rows"] = {key: [c.claim.id for c in rows]}
    st.session_state["table_versions"] = {c.claim.id: c.version for c in article.claims}
    frame = _frame(rows, current)
    editable = ["open"] + (["status", "note"] if may("review") else [])
    # What an editor decides with fits at 1280 px without scrolling: the type as its colour (the legend
    # above the text names them), the text, the value, the suggestion and the status; the note, the id
    # and the dismissed mark follow. The score and the evidence are in the claim's view below.
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        height=520,
        num_rows="fixed",
        column_order=[col for col in TABLE_COLUMNS if col != "type_name"],
        disabled=[col for col in frame.columns if col not in editable],
        column_config=_column_config(),
    )
    st.caption(t("desk.table_hint", shown=len(rows), total=len(article.claims)))
    edits = (st.session_state.get(key) or {}).get("edited_rows") or {}
    if edits:
        _apply_table_edits(article, key, edits, seen_versions)


def _filters() -> None:
    f = st.columns(4)
    f[0].multiselect(
        t("desk.filter_type"),
        CLAIM_TYPES,
        format_func=lambda k: t("type." + k),
        placeholder=t("desk.all"),
        **_in_language("f_type", []),
    )
    f[1].multiselect(
        t("desk.filter_status"),
        SHOWN_STATUSES,
        format_func=lambda k: t("status." + k),
        placeholder=t("desk.all"),
        **_in_language("f_status", []),
    )
    f[2].multiselect(
        t("desk.filter_suggestion"),
        SUGGESTIONS,
        format_func=lambda k: t("suggestion." + k),
        placeholder=t("desk.all"),
        **_in_language("f_suggestion", []),
    )
    f[3].selectbox(t("desk.sort"), SORTS, format_func=lambda k: t("sort." + k), **_in_language("f_sort", "position"))


def _frame(rows: list[ClaimState], current: ClaimState | None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "open": c is current,
                "type": TYPE_SWATCH[c.claim.type],
                "text": c.claim.text,
                "value": c.claim.display_value,
                "suggestion": t("suggestion." + c.suggestion),
                "status": c.status,
                "note": c.note,
                "id": c.claim.id,
                "dismissed": c.dismissed,
                "type_name": t("type." + c.claim.type),
            }
            for c in rows
        ],
        columns=TABLE_COLUMNS,
    )


def _column_config() -> dict:
    return {
        "open": st.column_config.CheckboxColumn("", width=DECISION_WIDTHS["open"], help=t("desk.open_hint")),
        "type": st.column_config.TextColumn("", width=DECISION_WIDTHS["type"], help=t("col.type")),
        "text": st.column_config.TextColumn(t("col.text"), width=DECISION_WIDTHS["text"]),
        "value": st.column_config.TextColumn(t("col.value"), width=DECISION_WIDTHS["value"]),
        "suggestion": st.column_config.TextColumn(t("col.suggestion"), width=DECISION_WIDTHS["suggestion"]),
        "status": st.column_config.SelectboxColumn(
            t("col.status"),
            options=list(STATUSES),
            required=True,
            format_func=lambda s: t("status." + s),
            width=DECISION_WIDTHS["status"],
        ),
        "note": st.column_config.TextColumn(t("col.note"), max_chars=2000, width="medium"),
        "id": st.column_config.TextColumn(t("col.id"), width="small"),
        "dismissed": st.column_config.CheckboxColumn(t("status.dismissed"), width="small"),
    }


def _apply_table_edits(article: Article, key: str, edits: dict, versions: dict[str, int]) -> None:
    """Store the statuses and notes changed in the table at once (each against the version the editor
    saw), or open the claim whose "open" box was ticked; then draw the table again from the database."""
    ids = st.session_state["table_rows"].get(key, [])
    name = reviewer() if may("review") else ""
    _, desk = services()
    for index, change in sorted(edits.items(), key=lambda item: int(item[0])):
        if int(index) >= len(ids):
            continue
        claim_id = ids[int(index)]
        if change.get("open"):
            pick(claim_id)
        status, note = change.get("status"), change.get("note")
        if name and (status is not None or note is not None):
            try:
                state = desk.review(
                    article.id,
                    claim_id,
                    reviewer=name,
                    status=status,
                    note=note,
                    expected_version=versions.get(claim_id),
                )
            except ReviewConflict as conflict:
                flash("warning", conflict_text(conflict, attempt(status, note)), where="claim")
            except Exception as exc:  # noqa: BLE001 - shown, never a traceback
                flash("error", error_text(t("desk.saving"), exc), where="claim")
            else:
                if state.version != versions.get(claim_id):
                    flash(
                        "success",
                        t(
                            "msg.saved",
                            claim=claim_id,
                            status=t(f"status.{state.status}"),
                            who=name,
                            version=state.version,
                        ),
                        where="claim",
                    )
    st.session_state["editor_generation"] += 1
    st.rerun()
