"""The source library page: search, edit, delete and restore records; add one by form; import a
file after a preview of its rows and their errors; fetch an article by URL after a preview of its
passages. Every change is one call to sources.library (one transaction, audited).

Every word shown is in checker/messages/ ([library], and the shared [col], [language] and [check] words);
what the core says about a refused row or a refused address is shown as the core writes it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from checker.storage import (
    FetchedPage,
    FetchError,
    ImportFormatError,
    demo_ids,
    demo_records,
    export_bytes,
    fetch_page,
    page_records,
    parse_file,
    record_from_values,
    remove_demo,
    supported_extensions,
)
from ui.common import (
    can,
    error_text,
    flash,
    guarded,
    number,
    progress_shown,
    refusal,
    remembered_tabs,
    reviewer,
    services,
    show_flash,
    t,
)

LANGUAGES = ["", "fr", "en"]
RECORD_COLUMNS = ["id", "demo", "published", "language", "publisher", "title", "excerpt", "url", "tags"]

library, _ = services()


def actor() -> str:
    # Stored in the audit trail as a name, not shown on this page: it stays the same in every language.
    return reviewer() or "library page"


def language_name(code: str, empty: str) -> str:
    """A record's language as a word of the interface; `empty` (a [library] key) for no language."""
    if code in ("fr", "en"):
        return t(f"language.article_{code}")
    return code or t(empty)  # a language the interface has no word for is shown by its code


def language_names(empty: str) -> dict[str, str]:
    """The words of the language choices, read now: a selectbox's format_func may be called outside
    this run of the page (Streamlit's test runner does), where the sidebar's language is not known."""
    return {code: language_name(code, empty) for code in LANGUAGES}


def columns(*names: str) -> dict[str, str]:
    """Column headers in the interface language; the frames keep their stable data names."""
    return {name: t(f"col.{name}") for name in names}


def records_frame(found) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "published": r.published,
                "language": r.language,
                "publisher": r.publisher,
                "title": r.title,
                "excerpt": r.excerpt,
                "url": r.url,
                "tags": "; ".join(f"{k}={v}" for k, v in r.tags),
                "demo": r.id in demo_ids(),
            }
            for r in found
        ],
        columns=RECORD_COLUMNS,
    )


# The spinner's words are read at each run of the page, so they follow the sidebar's language; the
# cache is keyed on the function's code and arguments, not on them.
@st.cache_data(max_entries=2, show_spinner=t("library.reading"))
def parse_upload(name: str, data: bytes):
    """The rows of an uploaded file (cached: the preview reruns on every click)."""
    return parse_file(name, data)


def parse_tags(text: str) -> list[tuple[str, str]]:
    """ "desk=politics" lines as tag pairs; a line without "=" is refused."""
    pairs = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise ValueError(t("library.bad_tags", n=n))
        pairs.append((name.strip(), value.strip()))
    return pairs


st.title(t("nav.library"), anchor=False)
show_flash()
st.caption(t("library.count", n=number(library.count())))
# A shared deployment: what the signed-in person's role does not allow is shown, disabled, with why.
ADD, DELETE = can("add_records"), can("delete_records")
if not ADD or not DELETE:
    st.info(refusal("delete_records" if ADD else "add_records"), icon=":material/lock:")

search_tab, add_tab, import_tab, fetch_tab, deleted_tab = remembered_tabs(
    "library_tab",
    ["library.tab_search", "library.tab_add", "library.tab_import", "library.tab_fetch", "library.tab_deleted"],
)

# ---- search, edit, delete ---------------------------------------------------------------------------

with search_tab:
    c1, c2, c3 = st.columns([4, 2, 1])
    query = c1.text_input(
        t("library.search"),
        key="library_query",
        placeholder=t("library.search_placeholder"),
        help=t("library.search_help"),
    )
    publisher = c2.text_input(
        t("library.publisher"), placeholder=t("library.publisher_placeholder"), key="library_publisher"
    )
    language = c3.selectbox(
        t("library.language"), LANGUAGES, format_func=language_names("library.any_language").get, key="library_language"
    )
    d1, d2, d3 = st.columns([2, 2, 1])
    date_from = d1.date_input(
        t("library.date_from"), value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1), key="library_date_from"
    )
    date_to = d2.date_input(
        t("library.date_to"), value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1), key="library_date_to"
    )
    limit = d3.selectbox(t("library.limit"), [50, 200, 1000], index=1)
    found = library.search(
        query, publisher=publisher or None, language=language or None, date_from=date_from, date_to=date_to, limit=limit
    )
    st.dataframe(records_frame(found), hide_index=True, width="stretch", column_config=columns(*RECORD_COLUMNS))
    st.caption(t("library.shown_first" if len(found) >= limit else "library.shown", n=number(len(found))))

    if found:
        st.subheader(t("library.edit_heading"), anchor=False)
        by_id = {r.id: r for r in found}
        chosen = st.selectbox(
            t("library.record"),
            list(by_id),
            key="library_edit_id",
            format_func=lambda i: f"{i} — {by_id[i].title[:80]}",
        )
        record = by_id[chosen]
        with st.form(f"edit_{record.id}"):
            # Keys carry the record's id, so that choosing another record fills the form again.
            title = st.text_input(t("library.title_field"), value=record.title, key=f"edit_title_{record.id}")
            excerpt = st.text_area(
                t("library.excerpt"), value=record.excerpt, height=160, key=f"edit_excerpt_{record.id}"
            )
            e1, e2, e3 = st.columns(3)
            e_publisher = e1.text_input(
                t("library.publisher"), value=record.publisher, key=f"edit_publisher_{record.id}"
            )
            e_published = e2.date_input(
                t("check.published"),
                value=record.published,
                format="YYYY-MM-DD",
                min_value=dt.date(1900, 1, 1),
                key=f"edit_published_{record.id}",
            )
            e_language = e3.selectbox(
                t("library.language"),
                LANGUAGES,
                format_func=language_names("library.unknown_language").get,
                index=LANGUAGES.index(record.language) if record.language in LANGUAGES else 0,
                key=f"edit_language_{record.id}",
            )
            e_url = st.text_input(t("library.url"), value=record.url, key=f"edit_url_{record.id}")
            e_tags = st.text_area(
                t("library.tags"),
                value="\n".join(f"{k}={v}" for k, v in record.tags),
                height=80,
                help=t("library.tags_help"),
                key=f"edit_tags_{record.id}",
            )
            save = st.form_submit_button(t("library.save"), type="primary", disabled=not ADD)
        if save:
            with guarded(t("library.saving", id=record.id)):
                changes = dict(
                    title=title,
                    excerpt=excerpt,
                    publisher=e_publisher,
                    published=e_published,
                    language=e_language or record.language,
                    url=e_url,
                    tags=parse_tags(e_tags),
                )
                library.update(record.id, actor=actor(), **changes)
                flash("success", t("library.saved", id=record.id))
                st.rerun()
        if st.button(
            t("library.delete", id=record.id),
            icon=":material/delete:",
            key="library_delete",
            help=t("library.delete_help", tab=t("library.tab_deleted")),
            disabled=not DELETE,
        ):
            with guarded(t("library.deleting", id=record.id)):
                library.delete(record.id, actor=actor())
                flash("success", t("library.deleted", id=record.id, tab=t("library.tab_deleted")))
                st.rerun()

    with st.expander(t("library.export")):
        st.write(t("library.export_help"))
        x1, x2 = st.columns(2)
        # The file is written only when a button is pressed (the data is a function).
        x1.download_button(
            t("library.download", file="library.csv"),
            lambda: export_bytes(library, "csv"),
            file_name="library.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
        )
        x2.download_button(
            t("library.download", file="library.jsonl"),
            lambda: export_bytes(library, "jsonl"),
            file_name="library.jsonl",
            mime="application/x-ndjson",
            on_click="ignore",
            icon=":material/download:",
        )

# ---- add by form ----------------------------------------------------------------------------------

with add_tab:
    with st.form("add_record", clear_on_submit=True):
        a_title = st.text_input(t("library.title_field"), key="add_title")
        a_excerpt = st.text_area(t("library.excerpt"), help=t("library.excerpt_help"), key="add_excerpt")
        a1, a2, a3 = st.columns(3)
        a_publisher = a1.text_input(t("library.publisher"), key="add_publisher")
        a_published = a2.date_input(
            t("check.published"), value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1)
        )
        a_language = a3.selectbox(
            t("library.language"),
            ["fr", "en"],
            key="add_language",
            format_func=language_names("library.unknown_language").get,
        )
        a_url = st.text_input(t("library.url"), key="add_url")
        a_id = st.text_input(t("library.id_field"), help=t("library.id_help"), key="add_id")
        add = st.form_submit_button(t("library.add"), type="primary", disabled=not ADD)
    if add:
        with guarded(t("library.adding")):
            new, reasons = record_from_values(
                {
                    "id": a_id,
                    "title": a_title,
                    "excerpt": a_excerpt,
                    "publisher": a_publisher,
                    "published": a_published,
                    "language": a_language,
                    "url": a_url,
                }
            )
            if reasons:
                raise ValueError("; ".join(reasons))
            report = library.add([new], actor=actor())
            if report.duplicates:
                st.warning(
                    t("library.duplicate_deleted", id=report.deleted_matches[0])
                    if report.deleted_matches
                    else t("library.duplicate")
                )
            else:
                flash("success", t("library.added", id=report.ids[0]))
                st.rerun()

# ---- import a file with a preview ------------------------------------------------------------------

with import_tab:
    st.write(t("library.import_intro"))
    upload = st.file_uploader(
        t("library.upload"),
        type=list(supported_extensions()),
        key=f"library_upload_{st.session_state['library_upload_generation']}",
        disabled=not ADD,
    )
    if upload is not None:
        try:
            parsed = parse_upload(upload.name, upload.getvalue())
        except ImportFormatError as exc:
            st.error(t("library.unreadable", file=upload.name, reason=exc))
            parsed = None
        except Exception as exc:  # noqa: BLE001 - a clear message, never a traceback
            st.error(error_text(t("library.importing"), exc))
            parsed = None
        if parsed is not None:
            st.write(
                t(
                    "library.rows",
                    file=upload.name,
                    rows=number(parsed.rows),
                    good=number(parsed.good),
                    bad=number(parsed.bad),
                )
            )
            for warning in parsed.warnings:
                st.warning(warning)
            if parsed.errors:
                st.error(t("library.bad_rows", n=number(parsed.bad), file=upload.name))
                st.dataframe(
                    pd.DataFrame([{"row": e.row, "reason": e.reason} for e in parsed.errors]),
                    hide_index=True,
                    width="stretch",
                    column_config=columns("row", "reason"),
                )
            if parsed.tag_columns:
                st.caption(t("library.tag_columns", names=", ".join(parsed.tag_columns)))
            if parsed.ignored_columns:
                st.caption(t("library.ignored", names=", ".join(parsed.ignored_columns)))
            if parsed.records:
                st.write(t("library.to_import"))
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                "row": n,
                                "id": r.id,
                                "title": r.title,
                                "publisher": r.publisher,
                                "published": r.published,
                                "language": r.language,
                                "excerpt": r.excerpt,
                            }
                            for n, r in zip(parsed.row_numbers, parsed.records)
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                    column_config=columns("row", "id", "title", "publisher", "published", "language", "excerpt"),
                )
                b1, b2 = st.columns(2)
                label = t(
                    "library.import_good" if parsed.errors else "library.import_all", n=number(len(parsed.records))
                )
                go = b1.button(label, type="primary", key="library_import_go", disabled=not ADD)
                discard = b2.button(t("library.import_nothing"), key="library_import_discard")
                if go:
                    with guarded(t("library.importing")):
                        bar = st.progress(0.0, text=t("library.import_started"))
                        report = library.add(
                            parsed.records,
                            actor=actor(),
                            total=len(parsed.records),
                            on_progress=progress_shown(bar),
                        )
                        if report.added:
                            bar.progress(1.0, text=t("library.indexing"))
                            library.index.ensure_terms()
                        message = t(
                            "library.imported",
                            n=number(report.added),
                            file=upload.name,
                            duplicates=number(report.duplicates),
                        )
                        if report.deleted_matches:
                            message += t("library.imported_deleted", n=number(len(report.deleted_matches)))
                        flash("success", message)
                        st.session_state["library_upload_generation"] += 1
                        st.rerun()
                if discard:
                    flash("info", t("library.nothing_imported", file=upload.name))
                    st.session_state["library_upload_generation"] += 1
                    st.rerun()
            elif not parsed.errors:
                st.info(t("library.no_rows"))

# ---- fetch by URL with a preview ------------------------------------------------------------------

with fetch_tab:
    st.write(t("library.fetch_intro"))
    with st.form("library_fetch_form"):
        url = st.text_input(t("library.fetch_url"), placeholder="https://…", key="library_fetch_url")
        fetch = st.form_submit_button(t("library.fetch"), icon=":material/download:", disabled=not ADD)
    if fetch:
        st.session_state["library_fetched"] = None
        try:
            with st.spinner(t("library.fetching")):
                st.session_state["library_fetched"] = fetch_page(url)
        except (FetchError, ValueError) as exc:
            st.error(t("library.not_fetched", reason=exc))
    page: FetchedPage | None = st.session_state.get("library_fetched")
    if page is not None:
        passages = page_records(page)
        st.write(
            " — ".join(
                [
                    f"**{page.title or t('library.no_title')}**",
                    page.publisher,
                    page.published.isoformat() if page.published else t("library.no_date"),
                    language_name(page.language, "library.unknown_language"),
                ]
            )
        )
        st.caption(
            t(
                "library.retrieved",
                url=page.final_url,
                when=f"{page.retrieved_at:%Y-%m-%d %H:%M}",
                hash=page.text_hash[:16],
            )
        )
        st.dataframe(
            pd.DataFrame([{"passage": dict(r.tags)["passage"], "excerpt": r.excerpt} for r in passages]),
            hide_index=True,
            width="stretch",
            column_config=columns("passage", "excerpt"),
        )
        f1, f2 = st.columns(2)
        if f1.button(
            t("library.store", n=number(len(passages))), type="primary", key="library_fetch_store", disabled=not ADD
        ):
            with guarded(t("library.storing")):
                report = library.add(passages, actor=actor())
                st.session_state["library_fetched"] = None
                flash(
                    "success",
                    t(
                        "library.stored_duplicates",
                        n=number(report.added),
                        url=page.final_url,
                        duplicates=number(report.duplicates),
                    )
                    if report.duplicates
                    else t("library.stored", n=number(report.added), url=page.final_url),
                )
                st.rerun()
        if f2.button(t("library.discard"), key="library_fetch_discard"):
            st.session_state["library_fetched"] = None
            st.rerun()

# ---- deleted records ------------------------------------------------------------------------------

with deleted_tab:
    gone = library.deleted(limit=500)
    if not gone:
        st.write(t("library.no_deleted"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "id": d.record.id,
                        "deleted_at": d.deleted_at,
                        "deleted_by": d.deleted_by,
                        "title": d.record.title,
                        "publisher": d.record.publisher,
                        "excerpt": d.record.excerpt,
                    }
                    for d in gone
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config=columns("id", "deleted_at", "deleted_by", "title", "publisher", "excerpt"),
        )
        by_deleted = {d.record.id: d for d in gone}
        chosen_deleted = st.selectbox(
            t("library.restore_pick"),
            list(by_deleted),
            key="library_restore_id",
            format_func=lambda i: f"{i} — {by_deleted[i].record.title[:80]}",
        )
        if st.button(
            t("library.restore", id=chosen_deleted),
            icon=":material/restore_from_trash:",
            key="library_restore",
            disabled=not DELETE,
        ):
            with guarded(t("library.restoring", id=chosen_deleted)):
                library.restore(chosen_deleted, actor=actor())
                flash("success", t("library.restored", id=chosen_deleted))
                st.rerun()

# ---- the demo records, listed apart and removable in one action ------------------------------------

demo = demo_records(library)
if demo:
    with st.expander(t("library.demo_heading", n=len(demo)), icon=":material/science:"):
        st.caption(t("library.demo_help"))
        st.dataframe(
            records_frame(demo)[["id", "title", "publisher"]],
            hide_index=True,
            width="stretch",
            column_config=columns("id", "title", "publisher"),
        )
        if st.button(
            t("library.demo_remove", n=len(demo)),
            icon=":material/delete_sweep:",
            key="library_demo_remove",
            disabled=not DELETE,
        ):
            with guarded(t("library.demo_removing")):
                gone = remove_demo(library, actor=actor())
                flash("success", t("library.demo_removed", n=len(gone), tab=t("library.tab_deleted")))
                st.rerun()
