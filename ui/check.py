"""Check an article: paste it, upload it or give its URL; then review it on the desk (?article=N)."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import streamlit as st

from checker.inputs import ARTICLE_TYPES, InputError, read_article
from checker.service import (
    can_fetch,
    check_and_store,
    fetch_and_store,
    fetch_errors,
    has_relative_dates,
    publication_date,
)
from checker.storage import example_article
from ui.common import (
    can,
    error_text,
    flash,
    guarded,
    refusal,
    remembered_tabs,
    reviewer,
    services,
    show_flash,
    t,
    translation_model,
)
from ui.desk_view import article_view

ARTICLE_LANGUAGES = ("auto", "fr", "en")


def open_article(article_id: int) -> None:
    st.query_params["article"] = str(article_id)
    if "claim" in st.query_params:
        del st.query_params["claim"]
    st.session_state["editor_generation"] += 1


def current_article_id() -> int | None:
    raw = st.query_params.get("article")
    return int(raw) if raw and raw.isdigit() else None


def _language(code: str) -> str:
    return t(f"language.article_{code}")


def new_article_form() -> None:
    library, desk = services()
    st.title(t("check.title"), anchor=False)
    show_flash()
    st.write(t("check.intro"))
    allowed = can("check")
    if not allowed:
        st.info(refusal("check"))
    if st.button(
        t("check.example"), help=t("check.example_help"), icon=":material/auto_awesome:", disabled=not allowed
    ):
        _check_example(library, desk)
    paste, from_url = remembered_tabs("check_tab", ["check.tab_text", "check.tab_url"])
    with paste, st.form("new_article"):
        pasted = _paste_form(allowed)
    if pasted.submitted:
        _check_pasted(pasted, library, desk)
    with from_url:
        _fetch_form(allowed)


def _check_example(library, desk) -> None:
    ex = example_article()
    with guarded(t("check.checking_example")):
        # Pressed again, it opens the example already checked (unless that one was archived).
        article_id = desk.find(ex.title, ex.text)
        if article_id is None:
            translation_model()
            article_id, _ = check_and_store(
                ex.text,
                library,
                desk,
                title=ex.title,
                language=ex.language,
                published=ex.published,
                reviewer=reviewer(),
            )
        open_article(article_id)
        st.rerun()


class _Pasted(NamedTuple):
    """What the paste form holds when it is drawn (submitted: its button was pressed)."""

    title: str
    text: str
    upload: Any
    language: str
    published: dt.date | None
    url: str
    author: str
    use_today: bool
    submitted: bool


def _paste_form(allowed: bool) -> _Pasted:
    title = st.text_input(t("check.title_field"), placeholder=t("check.title_placeholder"))
    text = st.text_area(t("check.text_field"), height=260, placeholder=t("check.text_placeholder"))
    upload = st.file_uploader(t("check.upload"), type=list(ARTICLE_TYPES), help=t("check.upload_help"))
    c1, c2, c3, c4 = st.columns(4)
    language = c1.selectbox(t("check.language"), ARTICLE_LANGUAGES, format_func=_language)
    published = c2.date_input(t("check.published"), value=None, format="YYYY-MM-DD", help=t("check.published_help"))
    url = c3.text_input(t("check.url_field"), placeholder="https://…")
    author = c4.text_input(t("check.author_field"), placeholder=t("check.author_placeholder"), max_chars=300)
    use_today = st.checkbox(t("check.use_today"), key="use_today")
    submitted = st.form_submit_button(t("check.submit"), type="primary", disabled=not allowed)
    return _Pasted(title, text, upload, language, published, url, author, use_today, submitted)


def _check_pasted(form: _Pasted, library, desk) -> None:
    """Check the pasted or uploaded article and open it on the desk; ask for its date first when it
    has relative dates and none is given, found or accepted as today."""
    title, published, language = form.title, form.published, form.language
    with guarded(t("check.checking")):
        read = None
        if form.upload is not None:
            read = read_article(form.upload.getvalue(), name=form.upload.name)
            body, title = read.text, title or read.title
            for warning in read.warnings:
                flash("warning", warning)
        else:
            body = form.text
        if not body or not body.strip():
            raise InputError(t("check.empty"))
        # The date given, else the file's, else the one the article states; nothing: ask first.
        day, source = publication_date(
            body,
            published or (read.published if read else None),
            "given" if published else read.published_from if read else "",
        )
        if day is None and not form.use_today and has_relative_dates(body, language):
            st.warning(t("check.no_date"), icon=":material/event:")
        else:
            translation_model()
            with st.spinner(t("check.spinner")):
                article_id, result = check_and_store(
                    body,
                    library,
                    desk,
                    title=title,
                    url=form.url,
                    language=language,
                    published=day,
                    published_from=source,
                    reviewer=reviewer(),
                    author=form.author or (read.author if read else ""),
                )
            flash("success", t("check.found", n=len(result.checks)))
            open_article(article_id)
            st.rerun()


def _fetch_form(allowed: bool) -> None:
    if not can_fetch():
        st.info(t("check.fetch_unavailable"))
    with st.form("fetch_article"):
        page_url = st.text_input(t("check.fetch_url"), placeholder="https://…", key="fetch_url")
        c1, c2 = st.columns(2)
        f_language = c1.selectbox(t("check.language"), ARTICLE_LANGUAGES, format_func=_language, key="fetch_language")
        f_published = c2.date_input(
            t("check.published"),
            value=None,
            format="YYYY-MM-DD",
            key="fetch_published",
            help=t("check.fetch_published_help"),
        )
        fetch = st.form_submit_button(t("check.fetch_submit"), type="primary", disabled=not can_fetch() or not allowed)
    if fetch:
        _fetch(page_url, f_language, f_published)


def _fetch(page_url: str, language: str, published: dt.date | None) -> None:
    library, desk = services()
    if not page_url.strip():
        st.error(t("check.fetch_empty"))
        return
    try:
        translation_model()
        with st.spinner(t("check.fetching")):
            article_id, result = fetch_and_store(
                page_url, library, desk, language=language, published=published, reviewer=reviewer()
            )
    except fetch_errors() as exc:  # the fetcher's message is written for editors
        st.error(t("check.fetch_failed", message=str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - a clear message, never a traceback
        st.error(error_text(t("check.checking"), exc))
        return
    flash("success", t("check.found", n=len(result.checks)))
    open_article(article_id)
    st.rerun()


article_id = current_article_id()
if article_id is None:
    new_article_form()
else:
    article_view(article_id)
