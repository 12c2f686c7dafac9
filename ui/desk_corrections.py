"""Corrections of the claims on the desk: dismiss a false claim (or restore it), split one span into
several, merge several into one, add a claim the extractor missed. Each tab's button hands its
fields to `ui.desk_actions.correct` or `review`, with the version the editor saw.
"""

from __future__ import annotations

import streamlit as st

from checker.desk import Article, ClaimState
from claims import CLAIM_TYPES
from ui.common import may, quoted, remembered_tabs, shorten, t
from ui.desk_actions import correct, draft, review


def corrections(article: Article, c: ClaimState) -> None:
    with st.expander(t("desk.corrections"), icon=":material/build:"):
        st.caption(t("desk.corrections_help"))
        tabs = remembered_tabs(
            "corrections_tab", ["desk.dismiss_tab", "desk.split_tab", "desk.merge_tab", "desk.add_tab"]
        )
        with tabs[0]:
            _dismiss(article, c)
        with tabs[1]:
            _split(article, c)
        with tabs[2]:
            _merge(article, c)
        with tabs[3]:
            _add(article, c)


def _dismiss(article: Article, c: ClaimState) -> None:
    cl = c.claim
    if c.dismissed:
        st.write(t("desk.dismissed_info"))
        st.button(
            t("desk.restore"),
            key=f"restore2-{cl.id}",
            on_click=review,
            args=(article.id, cl.id, c.version),
            kwargs={"dismissed": False},
            disabled=not may("review"),
        )
        return
    reason_key = f"dismiss-note-{article.id}-{cl.id}"
    # a new reason every time: the claim's earlier note is no reason to dismiss it
    based = draft(reason_key, "", c.version)
    st.text_input(t("desk.dismiss_reason"), key=reason_key)
    st.button(
        t("desk.dismiss", claim=cl.id),
        key=f"dismiss-{cl.id}",
        icon=":material/block:",
        on_click=review,
        args=(article.id, cl.id, based),
        kwargs={"dismissed": True, "note_key": reason_key},
        disabled=not may("review"),
    )


def _split(article: Article, c: ClaimState) -> None:
    cl = c.claim
    keys = {"parts": f"split-{article.id}-{cl.id}"}
    based = draft(keys["parts"], cl.text, c.version)
    st.text_area(t("desk.split_parts"), key=keys["parts"], help=t("desk.split_help"))
    st.button(
        t("desk.split_button", claim=cl.id),
        on_click=correct,
        args=("split", article.id, cl.id, based, keys),
        disabled=not may("review") or c.dismissed,
    )


def _merge(article: Article, c: ClaimState) -> None:
    cl, seen = c.claim, c.version
    others = [x.claim.id for x in article.live if x is not c]
    by_id = {x.claim.id: x for x in article.live}
    near = sorted(others, key=lambda i: abs(by_id[i].claim.start - cl.start))
    keys = {"with": f"merge-{cl.id}-{seen}", "type": f"merge-type-{cl.id}-{seen}"}
    st.multiselect(
        t("desk.merge_with", claim=cl.id),
        near,
        key=keys["with"],
        format_func=lambda i: f"{i} · {quoted(shorten(by_id[i].claim.text, 50))}",
    )
    st.selectbox(
        t("desk.merge_type"),
        CLAIM_TYPES,
        index=CLAIM_TYPES.index(cl.type),
        key=keys["type"],
        format_func=lambda k: t("type." + k),
    )
    st.button(
        t("desk.merge_button"),
        on_click=correct,
        args=("merge", article.id, cl.id, seen, keys),
        disabled=not may("review") or c.dismissed,
    )


def _add(article: Article, c: ClaimState) -> None:
    st.text_input(t("desk.add_text"), key="add_text", help=t("desk.add_text_help"))
    a = st.columns(4)
    a[0].number_input(t("desk.add_occurrence"), min_value=1, value=1, step=1, key="add_occurrence")
    a[1].selectbox(t("desk.add_type"), CLAIM_TYPES, key="add_type", format_func=lambda k: t("type." + k))
    a[2].number_input(
        t("desk.add_start"), min_value=0, max_value=len(article.body), value=None, step=1, key="add_start"
    )
    a[3].number_input(t("desk.add_end"), min_value=0, max_value=len(article.body), value=None, step=1, key="add_end")
    b = st.columns(2)
    b[0].text_input(t("desk.add_value"), key="add_value", help=t("desk.add_value_help"))
    b[1].text_input(t("desk.add_speaker"), key="add_speaker")
    keys = {k: f"add_{k}" for k in ("text", "occurrence", "type", "start", "end", "value", "speaker")}
    st.button(
        t("desk.add_button"),
        on_click=correct,
        args=("add", article.id, c.claim.id, c.version, keys),
        disabled=not may("review"),
    )
