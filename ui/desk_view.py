"""The article on the desk: its text with every claim highlighted, the claims table, one claim's
evidence with the review buttons, corrections of the claims, the audit trail, and the reports.

Every change goes through a callback that carries the version of the claim the editor was looking
at, so that a change made meanwhile by someone else is refused (and shown), never overwritten.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from dataclasses import replace

import pandas as pd
import streamlit as st

from checker.desk import memory
from checker.desk import Article, ArticleNotFound, ClaimState, ReviewConflict
from checker.inputs import DATE_SOURCES
from checker.model import STATUSES, SUGGESTIONS
from checker.desk.report import FORMATS, safe_href
from checker.service import add_missed_claim, merge_claims, promote_claim, split_claim, write_report
from claims import CLAIM_TYPES
from ui.common import (
    STYLE,
    can,
    conflict_text,
    error_text,
    flash,
    highlight,
    labels,
    lang,
    may,
    md_escape,
    quoted,
    refusal,
    remembered_tabs,
    reviewer,
    services,
    shorten,
    show_flash,
    t,
)

SHOWN_STATUSES = (*STATUSES, "dismissed")
REVIEW_BUTTONS = (
    ("verified", ":material/check_circle:"),
    ("disputed", ":material/cancel:"),
    ("needs_more", ":material/help:"),
    ("unreviewed", ":material/undo:"),
)
SORTS = ("position", "status", "type", "suggestion", "score")
# The colour of each claim type, as the text's highlights and the legend show it.
TYPE_SWATCH = {"date": "🟦", "money": "🟩", "person": "🟪", "organization": "🟧", "quote": "🟨"}
# Widths (px) of the columns an editor decides with; with the page's side margins narrowed (STYLE),
# they fit the table's half of the desk at 1280 px with the sidebar open (tests/ui/test_browser.py).
DECISION_WIDTHS = {"open": 32, "type": 32, "text": 140, "value": 115, "suggestion": 100, "status": 108}
TABLE_COLUMNS = ["open", "type", "text", "value", "suggestion", "status", "note", "id", "dismissed", "type_name"]
STATUS_ORDER = {s: i for i, s in enumerate(("unreviewed", "needs_more", "disputed", "verified", "dismissed"))}


# ---- selection of the open claim (kept in the URL: ?claim=c3) ------------------------------------


def _pick(claim_id: str) -> None:
    st.query_params["claim"] = claim_id


def _picked_from_select(key: str) -> None:
    if st.session_state.get(key):
        _pick(st.session_state[key])


def selected(article: Article) -> ClaimState | None:
    if not article.claims:
        return None
    wanted = st.query_params.get("claim")
    for c in article.claims:
        if c.claim.id == wanted:
            return c
    # The first claim still to review; kept in the URL so that it stays open after it is reviewed.
    first = next((c for c in article.live if c.status == "unreviewed"), article.claims[0])
    st.query_params["claim"] = first.claim.id
    return first


# ---- texts being typed: kept across reloads, and the version they were written against -----------


def draft(key: str, stored: str, version: int) -> int:
    """Prepare the text field `key` for a claim at `version` holding `stored`; returns the version the
    editor's text is based on.

    While the editor has not changed the field, it follows the database (another editor's new note shows
    up). Once they type, their text is kept across reloads, and saving it is checked against the version
    it was written on: if someone changed the claim meanwhile, the save is refused and the text stays.
    """
    bases = st.session_state["drafts"]
    base = bases.get(key)
    untouched = base is not None and st.session_state.get(key) == base[1]
    if base is None or key not in st.session_state or (untouched and base[0] != version):
        st.session_state[key] = stored
        bases[key] = (version, stored)
    return bases[key][0]


def _rebase(key: str | None, version: int, stored: str, *, keep_text: bool) -> None:
    if not key:
        return
    st.session_state["drafts"][key] = (version, stored)
    if not keep_text:
        st.session_state[key] = stored


# ---- actions (callbacks: they run before the page is drawn again) --------------------------------


def _need_reviewer() -> str | None:
    name = reviewer()
    if not name:
        flash("warning", t("desk.need_reviewer"), where="claim")
        return None
    return name


def _attempt(status: str | None, note: str | None) -> str:
    bits = []
    if status:
        bits.append(t(f"status.{status}"))
    if note:
        bits.append(quoted(note))
    return ", ".join(bits)


def _review(
    article_id: int,
    claim_id: str,
    seen_version: int,
    *,
    status: str | None = None,
    note_key: str | None = None,
    evidence_key: str | None = None,
    dismissed: bool | None = None,
) -> None:
    name = _need_reviewer()
    if name is None:
        return
    _, desk = services()
    note = st.session_state.get(note_key) if note_key else None
    evidence = st.session_state.get(evidence_key) if evidence_key else None
    try:
        before = seen_version
        state = desk.review(
            article_id,
            claim_id,
            reviewer=name,
            status=status,
            note=note,
            evidence_source=evidence,
            dismissed=dismissed,
            expected_version=seen_version,
        )
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, _attempt(status, note)), where="claim")
        # the editor has now seen the other change: their text stays, and saving it again is allowed
        _rebase(note_key, conflict.current.version, conflict.current.note, keep_text=True)
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.saving"), exc), where="claim")
    else:
        _rebase(note_key, state.version, state.note, keep_text=False)
        if state.version == before:
            return  # nothing changed (a double click): nothing to say
        what = t("status.dismissed") if state.dismissed else t(f"status.{state.status}")
        flash("success", t("msg.saved", claim=claim_id, status=what, who=name, version=state.version), where="claim")
    st.session_state["editor_generation"] += 1


def _reuse(article_id: int, claim_id: str, ref: str, seen_version: int) -> None:
    """One click: the claim takes the earlier verdict's status, note and source (audited as a reuse)."""
    name = _need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        state = desk.reuse(article_id, claim_id, ref, reviewer=name, expected_version=seen_version)
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, t("desk.reuse")), where="claim")
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.reuse"), exc), where="claim")
    else:
        flash(
            "success",
            t(
                "msg.reused",
                claim=claim_id,
                status=t(f"status.{state.status}"),
                ref=ref,
                version=state.version,
                who=name,
            ),
            where="claim",
        )
    st.session_state["editor_generation"] += 1


def _promote(article_id: int, claim_id: str) -> None:
    name = _need_reviewer()
    if name is None:
        return
    library, desk = services()
    try:
        record = promote_claim(desk, library, article_id, claim_id, reviewer=name)
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.promote"), exc), where="claim")
    else:
        flash("success", t("msg.promoted", record=record.id), where="claim")


def _correct(action: str, article_id: int, claim_id: str, seen_version: int, keys: dict[str, str]) -> None:
    """Split, merge or add claims from the corrections form (values read from its widgets' `keys`)."""
    name = _need_reviewer()
    if name is None:
        return
    library, desk = services()
    ss = {k: st.session_state.get(v) for k, v in keys.items()}
    try:
        if action == "split":
            added = split_claim(
                desk,
                library,
                article_id,
                claim_id,
                (ss["parts"] or "").splitlines(),
                reviewer=name,
                expected_version=seen_version,
            )
            flash("success", t("msg.split", claim=claim_id, new=", ".join(a.claim.id for a in added)), where="claim")
            _pick(added[0].claim.id)
        elif action == "merge":
            versions = st.session_state.get("table_versions", {})
            ids = [claim_id, *[i for i in ss["with"] or [] if i != claim_id]]
            merged = merge_claims(
                desk,
                library,
                article_id,
                ids,
                reviewer=name,
                kind=ss["type"],
                expected_versions={i: versions.get(i) for i in ids},
            )
            flash("success", t("msg.merged", claims=", ".join(ids), new=merged.claim.id), where="claim")
            _pick(merged.claim.id)
        elif action == "add":
            start, end = ss["start"], ss["end"]
            use_offsets = start is not None and end is not None
            added = add_missed_claim(
                desk,
                library,
                article_id,
                kind=ss["type"],
                reviewer=name,
                text="" if use_offsets else ss["text"] or "",
                occurrence=int(ss["occurrence"] or 1),
                start=int(start) if use_offsets else None,
                end=int(end) if use_offsets else None,
                value=ss["value"] or "",
                speaker=ss["speaker"] or "",
            )
            flash("success", t("msg.added", claim=added.claim.id, text=added.claim.text), where="claim")
            _pick(added.claim.id)
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, t(f"desk.{action}")), where="claim")
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t(f"desk.{action}"), exc), where="claim")
    st.session_state["editor_generation"] += 1


def _rename(article_id: int) -> None:
    name = _need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        desk.rename(article_id, st.session_state[f"rename-{article_id}"], reviewer=name)
        flash("success", t("msg.renamed"))
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t("desk.rename"), exc))


def _archive(article_id: int, archived: bool) -> None:
    name = _need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        desk.archive(article_id, reviewer=name, archived=archived)
        flash("success", t("msg.archived" if archived else "msg.unarchived"))
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t("articles.archive"), exc))


def _close() -> None:
    for key in ("article", "claim"):
        if key in st.query_params:
            del st.query_params[key]


# ---- the page --------------------------------------------------------------------------------------


def article_view(article_id: int) -> None:
    _, desk = services()
    try:
        article = desk.load(article_id)
    except ArticleNotFound:
        st.warning(t("msg.no_article", id=article_id))
        st.button(t("check.new_article"), on_click=_close)
        return
    st.html(STYLE)
    current = selected(article)
    header(article)
    show_flash()
    if not reviewer():
        st.info(t("desk.need_reviewer"))
    elif not can("review"):
        st.info(refusal("review"))
    left, right = st.columns([3, 5], gap="small")
    with left:
        text_panel(article, current)
    with right:
        claims_table(article, current)
    if current is not None:
        claim_panel(article, current)
        corrections(article, current)
    else:
        show_flash("claim")
    if article.unclaimed:
        with st.expander(t("desk.unclaimed", n=len(article.unclaimed))):
            for u in article.unclaimed:
                st.html(
                    f'<div class="fc-inline"><i>{html.escape(str(u.get("reason", "")))}</i>: '
                    f'{html.escape(str(u.get("sentence", "")))}</div>'
                )
    reports(article)


def header(article: Article) -> None:
    live = article.live
    reviewed = sum(c.status != "unreviewed" for c in live)
    disputed = sum(c.status == "disputed" for c in live)
    st.header(article.title, anchor=False)
    when = t("desk.published", date=article.published.isoformat())
    source, _, words = article.published_from.partition(":")
    if source in DATE_SOURCES:  # where the date came from (articles checked before this say nothing)
        when += f" ({t('desk.date_from.' + source, words=quoted(words)) if source == 'text' else t('desk.date_from.' + source)})"
    bits = [
        when,
        t(f"language.article_{article.language}") if article.language in ("fr", "en") else article.language,
        t("desk.progress", reviewed=reviewed, total=len(live), disputed=disputed),
    ]
    if article.reviewers:
        bits.append(t("desk.reviewers", names=", ".join(article.reviewers)))
    if article.archived:
        bits.append(t("articles.archived"))
    st.caption(" · ".join(bits))
    if article.imported:  # the report's history is quoted on each claim, apart from this desk's trail
        st.caption(
            t(
                "desk.imported",
                by=article.imported.get("by") or "?",
                at=str(article.imported.get("at") or "?")[:16].replace("T", " "),
                creator=article.imported.get("created_by") or "?",
            )
        )
    if source == "today" and any(c.claim.relative for c in article.live):
        st.warning(t("desk.date_today_warning", date=article.published.isoformat()), icon=":material/event:")
    link = safe_href(article.url)
    if link:
        st.html(f'<a href="{html.escape(link)}" target="_blank" rel="noopener noreferrer">{html.escape(link)}</a>')
    st.progress(reviewed / len(live) if live else 0.0)
    with st.container(horizontal=True):
        with st.popover(t("desk.rename"), icon=":material/edit:", disabled=not may("edit_article")):
            st.text_input(t("desk.title"), value=article.title, key=f"rename-{article.id}", max_chars=300)
            st.button(t("desk.save_title"), key=f"rename-save-{article.id}", on_click=_rename, args=(article.id,))
        st.button(
            t("articles.unarchive") if article.archived else t("articles.archive"),
            key=f"archive-{article.id}",
            icon=":material/archive:",
            on_click=_archive,
            args=(article.id, not article.archived),
            disabled=not may("edit_article"),
        )
        st.button(t("check.new_article"), icon=":material/add:", on_click=_close)


def _claim_title(c: ClaimState) -> str:
    return f"{c.claim.id} · {t('type.' + c.claim.type)} · {t('status.' + c.shown_status)}"


def text_panel(article: Article, current: ClaimState | None) -> None:
    legend = "".join(
        f'<span>{TYPE_SWATCH[k]}&nbsp;<mark class="t-{k}">{html.escape(t("type." + k))}</mark></span>'
        for k in CLAIM_TYPES
    )
    legend += "".join(
        f'<span><mark class="s-{s}">{html.escape(t("status." + s))}</mark></span>' for s in SHOWN_STATUSES
    )
    st.html(f'<div class="fc-legend">{legend}</div>')
    spans = [
        (
            c.claim.start,
            c.claim.end,
            f"t-{c.claim.type} s-{c.shown_status}" + (" sel" if current is not None and c is current else ""),
            _claim_title(c),
        )
        for c in article.claims
    ]
    with st.container(height=620, border=True):
        st.html(f'<div class="fc-text">{highlight(article.body, spans)}</div>')
        st.html(SCROLL_TO_SELECTED, unsafe_allow_javascript=True)


# Scrolls the article's box (only that box, not the page) so that the open claim is in view. A constant
# script: nothing of the article or of the editors' input is ever part of it.
SCROLL_TO_SELECTED = """<script>
(function () {
  const mark = document.querySelector(".fc-text mark.sel");
  if (!mark) return;
  let box = mark.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== "visible")) {
    box = box.parentElement;
  }
  if (!box || box === document.body || box === document.documentElement) return;
  const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, offset - box.clientHeight / 3);
})();
</script>"""


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
    rows = _filtered(article)
    frame = pd.DataFrame(
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
    # A new table after each change and when the open claim changes, so that it shows what is stored.
    key = f"table-{article.id}-{st.session_state['editor_generation']}-{current.claim.id if current else ''}"
    # Edits in the table were made on what the previous run drew: keep its versions for them.
    seen_versions = dict(st.session_state.get("table_versions") or {})
    st.session_state["table_rows"] = {key: [c.claim.id for c in rows]}
    st.session_state["table_versions"] = {c.claim.id: c.version for c in article.claims}
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
        column_config={
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
        },
    )
    st.caption(t("desk.table_hint", shown=len(rows), total=len(article.claims)))
    edits = (st.session_state.get(key) or {}).get("edited_rows") or {}
    if edits:
        _apply_table_edits(article, key, edits, seen_versions)


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
            _pick(claim_id)
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
                flash("warning", conflict_text(conflict, _attempt(status, note)), where="claim")
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


def claim_panel(article: Article, c: ClaimState) -> None:
    cl = c.claim
    ids = [x.claim.id for x in article.claims]
    st.divider()
    nav = st.columns([4, 1.4, 1.4, 2], vertical_alignment="bottom")
    pick_key = f"pick-{article.id}"
    if st.session_state.get(pick_key) != cl.id:
        st.session_state[pick_key] = cl.id
    by_id = {x.claim.id: x for x in article.claims}
    nav[0].selectbox(
        t("desk.claim"),
        ids,
        key=pick_key,
        on_change=_picked_from_select,
        args=(pick_key,),
        format_func=lambda i: f"{i} · {shorten(by_id[i].claim.text, 80)}",
    )
    pos = ids.index(cl.id)
    nav[1].button(
        t("desk.previous"),
        icon=":material/arrow_back:",
        on_click=_pick,
        args=(ids[pos - 1],),
        disabled=pos == 0,
        width="stretch",
    )
    nav[2].button(
        t("desk.next"),
        icon=":material/arrow_forward:",
        on_click=_pick,
        args=(ids[min(pos + 1, len(ids) - 1)],),
        disabled=pos == len(ids) - 1,
        width="stretch",
    )
    pending = [x.claim.id for x in article.live if x.status == "unreviewed" and x is not c]
    after = [i for i in pending if ids.index(i) > pos] or pending
    nav[3].button(
        t("desk.next_unreviewed"),
        icon=":material/skip_next:",
        on_click=_pick,
        args=(after[0] if after else cl.id,),
        disabled=not after,
        width="stretch",
    )

    st.subheader(f"{cl.id} · {t('type.' + cl.type)} · {quoted(shorten(cl.text, 120))}", anchor=False)
    c = replace(c, matches=memory.refresh(services()[1].engine, c.matches))  # verdicts reversed since
    for m in c.matches:  # an earlier verdict that warns is the first thing said about the claim
        if memory.warns(m):
            st.warning(_warning(cl, m), icon=":material/history:")
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
    show_flash("claim")

    note_key = f"note-{article.id}-{cl.id}"
    seen = c.version
    if c.dismissed:
        st.warning(t("desk.dismissed_info"))
        st.button(
            t("desk.restore"),
            icon=":material/restore:",
            key=f"restore-{cl.id}",
            on_click=_review,
            args=(article.id, cl.id, seen),
            kwargs={"dismissed": False},
            disabled=not may("review"),
        )
    else:
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
                on_click=_review,
                args=(article.id, cl.id, seen),
                kwargs={"status": status, "note_key": note_key},
            )
        buttons[4].button(
            t("action.save_note"),
            icon=":material/save:",
            key=f"note-save-{cl.id}",
            width="stretch",
            disabled=not may("review"),
            on_click=_review,
            args=(article.id, cl.id, seen),
            kwargs={"note_key": note_key},
        )
    if c.status == "verified" and not c.dismissed:
        st.button(
            t("desk.promote"),
            icon=":material/library_add:",
            key=f"promote-{cl.id}",
            help=t("desk.promote_help"),
            disabled=not may("add_records"),
            on_click=_promote,
            args=(article.id, cl.id),
        )
    verdict_cards(article, c, seen)
    evidence_cards(article, c)
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
                on_click=_reuse,
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
        on_change=_review,
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


AUDIT_FIELDS = ("status", "dismissed", "note", "evidence_source", "title", "archived")


def _changes(before: dict | None, after: dict | None) -> str:
    """What an audit entry changed, in the interface's words ("statut : non vérifiée → contestée")."""
    before, after = before or {}, after or {}
    out = []
    for k in AUDIT_FIELDS:
        if k in after and before.get(k) != after.get(k):
            out.append(
                t(
                    "audit_words.change",
                    field=t(f"audit_field.{k}"),
                    before=_shown(k, before.get(k)),
                    after=_shown(k, after.get(k)),
                )
            )
    for k in ("replaced_by", "replaces"):
        if after.get(k):
            out.append(t("audit_words.list", field=t(f"audit_field.{k}"), ids=", ".join(after[k])))
    if "text" in after and "status" not in before:
        out.append(quoted(after["text"]))
    return "; ".join(out)


def _shown(field: str, value) -> str:
    if field == "status" and value in SHOWN_STATUSES:
        return t(f"status.{value}")
    if field in ("dismissed", "archived") and isinstance(value, bool):
        return t("audit_words.yes" if value else "audit_words.no")
    return _brief(value)


def _brief(value) -> str:
    if value is None or value == "":
        return "—"
    return shorten(str(value), 60)


def audit_table(trail: list[dict]) -> None:
    if not trail:
        st.caption(t("desk.audit_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.when"): r["at"],
                    t("col.who"): r["actor"],
                    t("col.action"): t("audit." + r["action"]) if f"audit.{r['action']}" in labels() else r["action"],
                    t("col.claim"): r["entity_id"].split("/", 1)[-1] if r["entity"] == "claim" else "",
                    t("col.change"): _changes(r["before"], r["after"]),
                }
                for r in reversed(trail)
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def corrections(article: Article, c: ClaimState) -> None:
    cl = c.claim
    seen = c.version
    with st.expander(t("desk.corrections"), icon=":material/build:"):
        st.caption(t("desk.corrections_help"))
        tabs = remembered_tabs(
            "corrections_tab", ["desk.dismiss_tab", "desk.split_tab", "desk.merge_tab", "desk.add_tab"]
        )
        with tabs[0]:
            if c.dismissed:
                st.write(t("desk.dismissed_info"))
                st.button(
                    t("desk.restore"),
                    key=f"restore2-{cl.id}",
                    on_click=_review,
                    args=(article.id, cl.id, seen),
                    kwargs={"dismissed": False},
                    disabled=not may("review"),
                )
            else:
                reason_key = f"dismiss-note-{article.id}-{cl.id}"
                # a new reason every time: the claim's earlier note is no reason to dismiss it
                based = draft(reason_key, "", c.version)
                st.text_input(t("desk.dismiss_reason"), key=reason_key)
                st.button(
                    t("desk.dismiss", claim=cl.id),
                    key=f"dismiss-{cl.id}",
                    icon=":material/block:",
                    on_click=_review,
                    args=(article.id, cl.id, based),
                    kwargs={"dismissed": True, "note_key": reason_key},
                    disabled=not may("review"),
                )
        with tabs[1]:
            keys = {"parts": f"split-{article.id}-{cl.id}"}
            based = draft(keys["parts"], cl.text, c.version)
            st.text_area(t("desk.split_parts"), key=keys["parts"], help=t("desk.split_help"))
            st.button(
                t("desk.split_button", claim=cl.id),
                on_click=_correct,
                args=("split", article.id, cl.id, based, keys),
                disabled=not may("review") or c.dismissed,
            )
        with tabs[2]:
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
                on_click=_correct,
                args=("merge", article.id, cl.id, seen, keys),
                disabled=not may("review") or c.dismissed,
            )
        with tabs[3]:
            st.text_input(t("desk.add_text"), key="add_text", help=t("desk.add_text_help"))
            a = st.columns(4)
            a[0].number_input(t("desk.add_occurrence"), min_value=1, value=1, step=1, key="add_occurrence")
            a[1].selectbox(t("desk.add_type"), CLAIM_TYPES, key="add_type", format_func=lambda k: t("type." + k))
            a[2].number_input(
                t("desk.add_start"), min_value=0, max_value=len(article.body), value=None, step=1, key="add_start"
            )
            a[3].number_input(
                t("desk.add_end"), min_value=0, max_value=len(article.body), value=None, step=1, key="add_end"
            )
            b = st.columns(2)
            b[0].text_input(t("desk.add_value"), key="add_value", help=t("desk.add_value_help"))
            b[1].text_input(t("desk.add_speaker"), key="add_speaker")
            keys = {k: f"add_{k}" for k in ("text", "occurrence", "type", "start", "end", "value", "speaker")}
            st.button(
                t("desk.add_button"),
                on_click=_correct,
                args=("add", article.id, cl.id, seen, keys),
                disabled=not may("review"),
            )


def reports(article: Article) -> None:
    _, desk = services()
    st.divider()
    st.subheader(t("desk.report"), anchor=False)
    st.text_input(
        t("desk.review_url"), key="report_url", placeholder=article.url or "https://…", help=t("desk.review_url_help")
    )
    words = labels()
    review_url = st.session_state.get("report_url", "")
    cols = st.columns(len(FORMATS))
    for col, fmt in zip(cols, FORMATS.values()):
        col.download_button(
            t(f"format.{fmt.name}"),
            functools.partial(write_report, desk, article.id, fmt.name, labels=words, review_url=review_url),
            file_name=f"verification-{article.id}.{fmt.extension}",
            mime=fmt.mime,
            key=f"report-{fmt.name}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
    st.caption(t("desk.report_help", date=dt.date.today().isoformat()))
