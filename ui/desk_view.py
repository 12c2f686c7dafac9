"""The article on the desk, read top to bottom: its header, its text with every claim highlighted, the
claims table, the open claim with its evidence and review buttons, corrections of the claims, the
sentences that gave no claim, and the reports.

The parts live beside it: ui/desk_table.py (the table), ui/desk_claim.py (the open claim),
ui/desk_corrections.py (dismiss, split, merge, add), ui/desk_audit.py (the audit trail) and
ui/desk_actions.py (what every control does: the open claim, texts being typed, the callbacks).
"""

from __future__ import annotations

import datetime as dt
import functools
import html

import streamlit as st

from checker.desk import Article, ArticleNotFound, ClaimState
from checker.desk.report import FORMATS, safe_href
from checker.inputs import DATE_SOURCES
from checker.service import write_report
from claims import CLAIM_TYPES
from ui.common import STYLE, can, highlight, labels, may, quoted, refusal, reviewer, services, show_flash, t
from ui.desk_actions import archive, close, rename, selected
from ui.desk_claim import claim_panel
from ui.desk_corrections import corrections
from ui.desk_table import SHOWN_STATUSES, TYPE_SWATCH, claims_table

# ---- the page --------------------------------------------------------------------------------------


def article_view(article_id: int) -> None:
    _, desk = services()
    try:
        article = desk.load(article_id)
    except ArticleNotFound:
        st.warning(t("msg.no_article", id=article_id))
        st.button(t("check.new_article"), on_click=close)
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
            st.button(t("desk.save_title"), key=f"rename-save-{article.id}", on_click=rename, args=(article.id,))
        st.button(
            t("articles.unarchive") if article.archived else t("articles.archive"),
            key=f"archive-{article.id}",
            icon=":material/archive:",
            on_click=archive,
            args=(article.id, not article.archived),
            disabled=not may("edit_article"),
        )
        st.button(t("check.new_article"), icon=":material/add:", on_click=close)


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
