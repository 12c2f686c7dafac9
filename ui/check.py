"""Check an article: paste or upload it, see its claims matched, review each one."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from checker.desk import Article, ClaimState, ReviewConflict
from checker.inputs import InputError, decode_article
from checker.model import STATUSES
from checker.report import FORMATS, render
from checker.service import check_and_store
from sources.demo import example_article
from ui.common import STYLE, flash, guarded, highlight, reviewer, services, show_flash

SUGGESTION_LABELS = {"supported": "supported", "contradicted": "contradicted",
                     "needs_review": "needs review", "no_source": "no source"}
LANGUAGES = {"auto": "Detect", "fr": "French", "en": "English"}


def open_article(article_id: int) -> None:
    st.query_params["article"] = str(article_id)
    st.session_state["editor_generation"] += 1


def current_article_id() -> int | None:
    raw = st.query_params.get("article")
    return int(raw) if raw and raw.isdigit() else None


def new_article_form() -> None:
    library, desk = services()
    st.title("Check an article")
    st.write("Paste an article or upload a `.txt` / `.md` file. Every date, amount, name and quote is "
             "listed and matched against the source library.")
    if st.button("Try an example", help="A short fictional article that matches the demo library"):
        ex = example_article()
        with guarded("Checking the example"):
            article_id, _ = check_and_store(ex.text, library, desk, title=ex.title, language=ex.language,
                                            published=ex.published, reviewer=reviewer())
            open_article(article_id)
            st.rerun()

    with st.form("new_article"):
        title = st.text_input("Title (optional)", placeholder="Taken from the first line when empty")
        text = st.text_area("Article text", height=260, placeholder="Paste the article here…")
        upload = st.file_uploader("…or upload a file", type=["txt", "md"])
        c1, c2, c3 = st.columns(3)
        language = c1.selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.get)
        published = c2.date_input("Publication date", value=dt.date.today(), format="YYYY-MM-DD",
                                  help="Relative dates such as 'last week' are resolved against it.")
        url = c3.text_input("URL (optional)")
        submitted = st.form_submit_button("Extract and check", type="primary")
    if submitted:
        with guarded("Checking the article"):
            body = decode_article(upload.getvalue(), name=upload.name) if upload is not None else text
            if not body or not body.strip():
                raise InputError("the article is empty: paste its text or upload a file")
            with st.spinner("Extracting and matching claims…"):
                article_id, result = check_and_store(body, library, desk, title=title, url=url, language=language,
                                                     published=published, reviewer=reviewer())
            flash("success", f"{len(result.checks)} claims found and matched.")
            open_article(article_id)
            st.rerun()


def claims_frame(article: Article) -> pd.DataFrame:
    rows = []
    for c in article.claims:
        if c.dismissed:
            continue
        best = c.matches[0] if c.matches else None
        rows.append({
            "id": c.claim.id,
            "type": c.claim.type,
            "text": c.claim.text,
            "value": c.claim.display_value,
            "sentence": c.claim.sentence,
            "source": f"{best.source_id} · {best.title}" if best else "",
            "score": round(best.score, 2) if best else None,
            "suggestion": SUGGESTION_LABELS.get(c.suggestion, c.suggestion),
            "status": c.status,
            "note": c.note,
            "reviewer": c.reviewer,
            "version": c.version,
        })
    return pd.DataFrame(rows, columns=["id", "type", "text", "value", "sentence", "source", "score", "suggestion",
                                       "status", "note", "reviewer", "version"])


def apply_edits(article: Article, frame: pd.DataFrame, edits: dict) -> None:
    """Store each edited row at once, refusing changes made against an older version."""
    _, desk = services()
    name = reviewer()
    saved = 0
    for index, change in (edits or {}).items():
        row = frame.iloc[int(index)]
        status = change.get("status")
        note = change.get("note")
        if status is None and note is None:
            continue
        try:
            desk.review(article.id, row["id"], reviewer=name, status=status, note=note,
                        expected_version=int(row["version"]))
            saved += 1
        except ReviewConflict as conflict:
            flash("warning", f"Not saved: {conflict}")
        except ValueError as exc:
            flash("error", f"Not saved: {exc}")
    if saved:
        flash("success", f"Saved {saved} change(s) as {name}.")
    st.session_state["editor_generation"] += 1
    st.rerun()


def article_view(article_id: int) -> None:
    _, desk = services()
    try:
        article = desk.load(article_id)
    except KeyError:
        st.warning(f"There is no article {article_id}. It may have been removed.")
        if st.button("Check a new article"):
            del st.query_params["article"]
            st.rerun()
        return
    st.markdown(STYLE, unsafe_allow_html=True)
    top = st.columns([6, 1])
    top[0].title(article.title)
    if top[1].button("New article"):
        del st.query_params["article"]
        st.rerun()
    live = [c for c in article.claims if not c.dismissed]
    reviewed = sum(c.status != "unreviewed" for c in live)
    st.caption(f"Published {article.published} · {LANGUAGES.get(article.language, article.language)} · "
               f"{len(live)} claims · {reviewed}/{len(live)} reviewed · "
               f"{sum(c.status == 'disputed' for c in live)} disputed")
    show_flash()
    name = reviewer()
    if not name:
        st.info("Enter your name as reviewer in the sidebar to change statuses and notes.")

    frame = claims_frame(article)
    key = f"claims-{article.id}-{st.session_state['editor_generation']}"
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        column_order=["id", "type", "text", "value", "suggestion", "status", "note", "source", "score", "reviewer", "sentence"],
        disabled=["id", "type", "text", "value", "sentence", "source", "score", "suggestion", "reviewer", "version"]
        + ([] if name else ["status", "note"]),
        column_config={
            "status": st.column_config.SelectboxColumn("status", options=list(STATUSES), required=True),
            "note": st.column_config.TextColumn("note", max_chars=2000),
            "score": st.column_config.NumberColumn("score", format="%.2f"),
            "text": st.column_config.TextColumn("text", width="medium"),
            "value": st.column_config.TextColumn("value", width="medium"),
        },
    )
    edits = (st.session_state.get(key) or {}).get("edited_rows")
    if edits and name:
        apply_edits(article, frame, edits)

    if article.unclaimed:
        with st.expander(f"Sentences with numbers, dates or quotes that gave no claim ({len(article.unclaimed)})"):
            for u in article.unclaimed:
                st.markdown(f"- *{u['reason']}*: {highlight(u['sentence'], [])}", unsafe_allow_html=True)

    evidence_panel(article, live)
    st.divider()
    cols = st.columns(len(FORMATS))
    for col, fmt in zip(cols, FORMATS.values()):
        col.download_button(f"Report ({fmt.name.upper()})", render(article, fmt.name),
                            file_name=f"verification-{article.id}.{fmt.extension}", mime=fmt.mime)


def evidence_panel(article: Article, live: list[ClaimState]) -> None:
    if not live:
        return
    st.subheader("Evidence")
    labels = {c.claim.id: f"{c.claim.id} · {c.claim.type} · {c.claim.text[:60]}" for c in live}
    chosen = st.selectbox("Claim", list(labels), format_func=labels.get, key=f"evidence-{article.id}")
    state = article.claim(chosen)
    c = state.claim
    local = (c.start - c.sentence_start, c.end - c.sentence_start)
    st.markdown(f"**In the article** ({SUGGESTION_LABELS.get(state.suggestion)}: {state.reason})")
    st.markdown(highlight(c.sentence, [(local[0], local[1], "claim")]), unsafe_allow_html=True)
    if not state.matches:
        st.caption("No record of the library speaks of this claim.")
    for m in state.matches:
        cls = "conflict" if m.agreement == "conflicts" else "evidence"
        later = " · published after the article" if m.later else ""
        kind = f" · quote: {m.quote_class}" if m.quote_class else ""
        st.markdown(
            f'<div class="source-card"><b>{m.source_id}</b> · {highlight(m.citation, [])} · score {m.score:.2f} · '
            f'{m.agreement}{kind}{later}<br>'
            f'{highlight(m.excerpt, [(m.evidence_start, m.evidence_end, cls)])}<br>'
            f'<small>article: {highlight(c.display_value, [])} / source: {highlight(m.source_value or "—", [])}</small></div>',
            unsafe_allow_html=True)


article_id = current_article_id()
if article_id is None:
    new_article_form()
else:
    article_view(article_id)
