"""Articles under check: progress, reviewers, and a way back into each; rename, archive, import."""

from __future__ import annotations

import streamlit as st

from checker.service import import_report
from ui.common import can, error_text, flash, may, md_escape, refusal, reviewer, services, show_flash, t


def _open(article_id: int) -> None:
    st.session_state["open_article"] = article_id


def _rename(article_id: int) -> None:
    _, desk = services()
    try:
        desk.rename(article_id, st.session_state[f"title-{article_id}"], reviewer=reviewer())
        flash("success", t("msg.renamed"))
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.rename"), exc))


def _archive(article_id: int, archived: bool) -> None:
    _, desk = services()
    try:
        desk.archive(article_id, reviewer=reviewer(), archived=archived)
        flash("success", t("msg.archived" if archived else "msg.unarchived"))
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t("articles.archive"), exc))


_, desk = services()
wanted, st.session_state["open_article"] = st.session_state["open_article"], None
if wanted is not None:  # open it on the desk, keeping the reviewer and the language in the URL
    st.session_state["editor_generation"] += 1
    keep = {k: v for k, v in st.query_params.items() if k in ("reviewer", "lang")}
    st.switch_page("ui/check.py", query_params={**keep, "article": str(wanted)})
st.title(t("articles.title"), anchor=False)
show_flash()
show_archived = st.toggle(t("articles.show_archived"), key="show_archived")
items = desk.articles(include_archived=show_archived)
if not items:
    st.info(t("articles.empty"))
if not reviewer():
    st.caption(t("desk.need_reviewer"))
elif not can("edit_article"):
    st.caption(refusal("edit_article"))
for a in items:
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 3, 2], vertical_alignment="center")
        c1.markdown(f"**{md_escape(a.title)}**" + (f" · *{t('articles.archived')}*" if a.archived else ""))
        bits = [
            f"#{a.id}",
            t("desk.published", date=a.published.isoformat()),
            t(f"language.article_{a.language}") if a.language in ("fr", "en") else a.language,
            t("articles.checked", when=f"{a.created_at:%Y-%m-%d %H:%M}"),
        ]
        if a.reviewers:
            bits.append(t("desk.reviewers", names=", ".join(a.reviewers)))
        c1.caption(" · ".join(bits))
        c2.progress(
            a.reviewed / a.total if a.total else 0.0,
            text=t("desk.progress", reviewed=a.reviewed, total=a.total, disputed=a.disputed),
        )
        c3.button(
            t("articles.open"),
            key=f"open-{a.id}",
            on_click=_open,
            args=(a.id,),
            type="primary",
            icon=":material/open_in_new:",
            width="stretch",
        )
        with c3.popover(t("desk.rename"), icon=":material/edit:", width="stretch", disabled=not may("edit_article")):
            st.text_input(t("desk.title"), value=a.title, key=f"title-{a.id}", max_chars=300)
            st.button(t("desk.save_title"), key=f"rename-{a.id}", on_click=_rename, args=(a.id,))
        c3.button(
            t("articles.unarchive") if a.archived else t("articles.archive"),
            key=f"archive-{a.id}",
            icon=":material/archive:",
            on_click=_archive,
            args=(a.id, not a.archived),
            disabled=not may("edit_article"),
            width="stretch",
        )

with st.expander(t("articles.import"), icon=":material/upload_file:"):
    st.caption(t("articles.import_help"))
    if not can("import_reports"):
        st.caption(refusal("import_reports"))
    upload = st.file_uploader(
        t("articles.import_file"), type=["json"], key="import_report", disabled=not can("import_reports")
    )
    if upload is not None and st.button(t("articles.import_button"), disabled=not may("import_reports")):
        try:
            new_id = import_report(upload.getvalue(), desk, reviewer=reviewer())
        except Exception as exc:  # noqa: BLE001
            st.error(error_text(t("articles.import"), exc))
        else:
            flash("success", t("articles.imported", id=new_id))
            _open(new_id)
            st.rerun()
