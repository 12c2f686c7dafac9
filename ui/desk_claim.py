"""One claim on the desk: how to move between claims, its sentence and suggestion, the review buttons,
the desk's earlier verdicts on it, the candidate records, and its audit trail.
"""

from __future__ import annotations

import html
from dataclasses import replace

import streamlit as st

from checker.desk import Article, ClaimState, memory
from checker.desk.report import safe_href
from ui.common import can, highlight, labels, may, md_escape, quoted, services, shorten, show_flash, t
from ui.desk_actions import draft, pick, picked_from_select, promote, reuse, review
from ui.desk_audit import audit_table

REVIEW_BUTTONS = (
    ("verified", ":material/check_circle:"),
    ("disputed", ":material/cancel:"),
    ("needs_more", ":material/help:"),
    ("unreviewed", ":material/undo:"),
)


def claim_panel(article: Article, c: ClaimState) -> None:
    cl = c.claim
    st.divider()
    _navigation(article, c)
    st.subheader(f"{cl.id} · {t('type.' + cl.type)} · {quoted(shorten(cl.text, 120))}", anchor=False)
    c = replace(c, matches=memory.refresh(services()[1].engine, c.matches))  # verdicts reversed since
    for m in c.matches:  # an earlier verdict that warns is the first thing said about the claim
        if memory.warns(m):
            st.warning(_warning(cl, m), icon=":material/history:")
    _facts(c)
    show_flash("claim")
    seen = _review_controls(article, c)
    if c.status == "verified" and not c.dismissed:
        st.button(
            t("desk.promote"),
            icon=":material/library_add:",
            key=f"promote-{cl.id}",
            help=t("desk.promote_help"),
            disabled=not may("add_records"),
            on_click=promote,
            args=(article.id, cl.id),
        )
    verdict_cards(article, c, seen)
    evidence_cards(article, c)
    _trails(article, c)


def _navigation(article: Article, c: ClaimState) -> None:
    """The claim chooser, previous, next and next still to review."""
    cl = c.claim
    ids = [x.claim.id for x in article.claims]
    nav = st.columns([4, 1.4, 1.4, 2], vertical_alignment="bottom")
    pick_key = f"pick-{article.id}"
    if st.session_state.get(pick_key) != cl.id:
        st.session_state[pick_key] = cl.id
    by_id = {x.claim.id: x for x in article.claims}
    nav[0].selectbox(
        t("desk.claim"),
        ids,
        key=pick_key,
        on_change=picked_from_select,
        args=(pick_key,),
        format_func=lambda i: f"{i} · {shorten(by_id[i].claim.text, 80)}",
    )
    pos = ids.index(cl.id)
    nav[1].button(
        t("desk.previous"),
        icon=":material/arrow_back:",
        on_click=pick,
        args=(ids[pos - 1],),
        disabled=pos == 0,
        width="stretch",
    )
    nav[2].button(
        t("desk.next"),
        icon=":material/arrow_forward:",
        on_click=pick,
        args=(ids[min(pos + 1, len(ids) - 1)],),
        disabled=pos == len(ids) - 1,
        width="stretch",
    )
    pending = [x.claim.id for x in article.live if x.status == "unreviewed" and x is not c]
    after = [i for i in pending if ids.index(i) > pos] or pending
    nav[3].button(
        t("desk.next_unreviewed"),
        icon=":material/skip_next:",
        on_click=pick,
        args=(after[0] if after else cl.id,),
        disabled=not after,
        width="stretch",
    )


def _facts(c: ClaimState) -> None:
    """The claim in its sentence, its value and suggestion, and who changed it last."""
    cl = c.claim
    local = (cl.start - cl.sentence_start, cl.end - cl.sentence_start)
    st.html(f'<div class="fc-sentence">{highlight(cl.sentence, [(local[0], local[1], "claim-span", cl.id)])}</div>')
    facts = [
        t("desk.value", value=md_escape(cl.display_value)),
        t("desk.suggested", suggestion=t("suggestion." + c.suggestion), reason=md_escape(c.reason_in(labels()))),
    ]
    st.markdown("  \n".join(facts))
    who = (
        t("desk.last_change", who=md_escape(c.reviewer), when=f"{c.reviewed_at:%Y-%m-%d %H:%M:%S}")
        if c.reviewer
        else t("desk.never_changed")
    )
    st.caption(
        t("desk.status_line", status=t("status." + c.shown_status), who=who, version=c.version)
        + (f" · {t('origin.' + c.origin)}" if c.origin != "extracted" else "")
    )


def _review_controls(article: Article, c: ClaimState) -> int:
    """The note and the review buttons (a dismissed claim: its restore button); returns the version
    the editor's changes are made against."""
    cl = c.claim
    note_key = f"note-{article.id}-{cl.id}"
    seen = c.version
    if c.dismissed:
        st.warning(t("desk.dismissed_info"))
        st.button(
            t("desk.restore"),
            icon=":material/restore:",
            key=f"restore-{cl.id}",
            on_click=review,
            args=(article.id, cl.id, seen),
            kwargs={"dismissed": False},
            disabled=not may("review"),
        )
        return seen
    seen = draft(note_key, c.note, c.version)
    st.text_area(
        t("desk.note"),
        key=note_key,
        height=80,
        max_chars=2000,
        placeholder=t("desk.note_placeholder"),
        disabled=not can("review"),
    )
    buttons = st.columns(5)
    for col, (status, icon) in zip(buttons, REVIEW_BUTTONS):
        col.button(
            t(f"action.{status}"),
            icon=icon,
            key=f"set-{status}-{cl.id}",
            width="stretch",
            type="primary" if c.status == status != "unreviewed" else "secondary",
            disabled=not may("review"),
            on_click=review,
            args=(article.id, cl.id, seen),
            kwargs={"status": status, "note_key": note_key},
        )
    buttons[4].button(
        t("action.save_note"),
        icon=":material/save:",
        key=f"note-save-{cl.id}",
        width="stretch",
        disabled=not may("review"),
        on_click=review,
        args=(article.id, cl.id, seen),
        kwargs={"note_key": note_key},
    )
    return seen


def _trails(article: Article, c: ClaimState) -> None:
    """The claim's audit trail, and for an imported article the history its report quoted."""
    cl = c.claim
    trail = services()[1].audit_trail(article.id, cl.id)
    with st.expander(t("desk.audit", n=len(trail)), icon=":material/history:"):
        audit_table(trail)
    quoted_trail = services()[1].quoted_history(article.id, cl.id) if article.imported else []
    if quoted_trail:  # what the imported report said happened elsewhere: quoted, never this desk's trail
        with st.expander(t("desk.quoted_history", n=len(quoted_trail)), icon=":material/format_quote:"):
            st.caption(t("desk.quoted_history_help"))
            audit_table(quoted_trail)


def _when(m) -> str:
    v = m.verdict
    return v.reviewed_at.strftime(t("reason.date_format")) if v.reviewed_at else "?"


def _warning(cl, m) -> str:
    v = m.verdict
    if v.reversed:
        return t(
            "desk.warn_reversed",
            ref=m.source_id,
            status=t(f"status.{v.now}") if f"status.{v.now}" in labels() else v.now,
        )
    who = {"date": _when(m), "reviewer": md_escape(v.reviewer), "title": md_escape(m.title[:100])}
    if v.status == "disputed":
        return t("desk.warn_disputed", kind=t(f"type.{cl.type}"), **who)
    return t("desk.warn_other", value=md_escape(m.source_value or ""), **who)


def verdict_cards(article: Article, c: ClaimState, seen: int) -> None:
    """The desk's earlier verdicts on this claim: who, when, in which article, citing what; reuse in one click."""
    verdicts = [m for m in c.matches if m.verdict is not None]
    if not verdicts:
        return
    st.markdown(f"**{t('desk.verdicts')}**")
    keep = {k: v for k, v in st.query_params.items() if k in ("reviewer", "lang")}
    for m in verdicts:
        v = m.verdict
        with st.container(border=True):
            line = t(
                "desk.verdict_line",
                status=t(f"status.{v.status}"),
                date=_when(m),
                reviewer=md_escape(v.reviewer),
                title=md_escape(m.title[:120]),
            )
            if v.evidence_source:
                line += t("desk.verdict_citing", source=md_escape(v.evidence_source))
            badge = f":{'green' if m.agreement == 'agrees' else 'red'}-badge[{t('agreement.' + m.agreement)}]"
            st.markdown(f"**{m.source_id}** · {line} {badge}")
            local = (m.evidence_start, m.evidence_end)
            st.html(
                f'<div class="fc-inline">{highlight(m.excerpt, [(local[0], local[1], f"ev-{m.agreement}", m.source_id)])}</div>'
                if 0 <= local[0] < local[1] <= len(m.excerpt)
                else f'<div class="fc-inline">{html.escape(m.excerpt)}</div>'
            )
            if v.note:
                st.caption(t("desk.verdict_note", note=md_escape(v.note)))
            if v.reversed:
                st.error(
                    t("desk.verdict_reversed", status=t(f"status.{v.now}") if f"status.{v.now}" in labels() else v.now)
                )
            if v.source_deleted:
                st.warning(t("desk.verdict_deleted", source=v.evidence_source))
            cols = st.columns([1, 1, 2])
            cols[0].button(
                t("desk.reuse"),
                icon=":material/replay:",
                key=f"reuse-{c.claim.id}-{m.source_id}",
                help=t("desk.reuse_help"),
                disabled=not may("review") or c.dismissed or v.reversed,
                on_click=reuse,
                args=(article.id, c.claim.id, m.source_id, seen),
            )
            query = "&".join(f"{k}={v_}" for k, v_ in {**keep, "article": v.article_id, "claim": v.claim_id}.items())
            cols[1].link_button(t("desk.open_earlier"), f"./?{query}", icon=":material/open_in_new:")


def evidence_cards(article: Article, c: ClaimState) -> None:
    if not c.matches:
        st.info(t("desk.no_match"))
        return
    st.markdown(f"**{t('desk.candidates')}**")
    chosen = c.evidence.source_id if c.evidence else None
    ev_key = f"evidence-{article.id}-{c.claim.id}-v{c.version}"
    by_id = {m.source_id: m for m in c.matches}
    st.radio(
        t("desk.evidence_choice"),
        list(by_id),
        index=list(by_id).index(chosen) if chosen in by_id else 0,
        key=ev_key,
        horizontal=True,
        disabled=not may("review") or c.dismissed,
        format_func=lambda s: f"{s} · {shorten(by_id[s].title, 60)}",
        on_change=review,
        args=(article.id, c.claim.id, c.version),
        kwargs={"evidence_key": ev_key},
        help=t("desk.evidence_help"),
    )
    per_row = 3
    cards = [m for m in c.matches if m.verdict is None]  # earlier verdicts have their own cards above
    for first in range(0, len(cards), per_row):
        cols = st.columns(per_row)
        for col, m in zip(cols, cards[first : first + per_row]):
            with col:
                st.html(_card(c, m, chosen == m.source_id))


def _card(c: ClaimState, m, chosen: bool) -> str:
    e = html.escape
    link = safe_href(m.url)
    title = f'<a href="{e(link)}" target="_blank" rel="noopener noreferrer">{e(m.title)}</a>' if link else e(m.title)
    bits = [
        f"<b>{e(m.source_id)}</b>" + (" ★" if chosen else ""),
        e(", ".join(b for b in (m.publisher, m.published.isoformat() if m.published else "") if b)),
        t("desk.score", score=f"{m.score:.2f}"),
    ]
    badge = f'<span class="fc-badge {e(m.agreement)}">{e(t("agreement." + m.agreement))}</span>'
    quote = (
        f' · {e(t("desk.quote_class") + t("common.colon"))}<b>{e(t("quote_class." + m.quote_class))}</b>'
        if m.quote_class
        else ""
    )
    later = f'<div class="warn">⚠ {e(t("desk.later"))}</div>' if m.later else ""
    if m.agreement == "unknown" and c.claim.type == "money":  # see checker.match: why it is no evidence
        why = "desk.later_total" if m.later and m.note else "desk.off_subject"
        later += f'<div class="warn">{e(t(why))}</div>'
    start, end = m.evidence_start, m.evidence_end
    excerpt = (
        highlight(m.excerpt, [(start, end, f"ev-{m.agreement}", t("desk.evidence_span"))])
        if 0 <= start < end <= len(m.excerpt)
        else e(m.excerpt)
    )
    compare = e(t("desk.compare", article=c.claim.display_value, source=m.source_value or "—"))
    return (
        f'<div class="fc-card"><div class="head">{" · ".join(bits)}</div><div>{title}</div>'
        f'<div>{badge}{quote}</div>{later}<div class="fc-inline" style="margin-top:6px">{excerpt}</div>'
        f'<div class="cmp">{compare}</div></div>'
    )
