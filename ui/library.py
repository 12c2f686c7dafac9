"""The source library page: search, edit, delete and restore records; add one by form; import a
file after a preview of its rows and their errors; fetch an article by URL after a preview of its
passages. Every change is one call to sources.library (one transaction, audited)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from sources.export import export_bytes
from sources.fetch import FetchedPage, FetchError, fetch_page, page_records
from sources.importers import (
    ImportFormatError,
    parse_file,
    record_from_values,
    supported_extensions,
)
from ui.common import flash, guarded, reviewer, services, show_flash

LANGUAGES = ["", "fr", "en"]
RECORD_COLUMNS = ["id", "published", "language", "publisher", "title", "excerpt", "url", "tags"]

library, _ = services()


def actor() -> str:
    return reviewer() or "library page"


def records_frame(found) -> pd.DataFrame:
    return pd.DataFrame([{
        "id": r.id, "published": r.published, "language": r.language, "publisher": r.publisher,
        "title": r.title, "excerpt": r.excerpt, "url": r.url,
        "tags": "; ".join(f"{k}={v}" for k, v in r.tags),
    } for r in found], columns=RECORD_COLUMNS)


@st.cache_data(max_entries=2, show_spinner="Reading the file…")
def parse_upload(name: str, data: bytes):
    """The rows of an uploaded file (cached: the preview reruns on every click)."""
    return parse_file(name, data)


def parse_tags(text: str) -> list[tuple[str, str]]:
    """"desk=politics" lines as tag pairs; a line without "=" is refused."""
    pairs = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"tags, line {n}: write name=value")
        pairs.append((name.strip(), value.strip()))
    return pairs


st.title("Source library", anchor=False)
show_flash()
st.caption(f"{library.count():,} records")

search_tab, add_tab, import_tab, fetch_tab, deleted_tab = st.tabs(
    ["Search and edit", "Add a record", "Import a file", "Fetch by URL", "Deleted records"])

# ---- search, edit, delete ---------------------------------------------------------------------------

with search_tab:
    c1, c2, c3 = st.columns([4, 2, 1])
    query = c1.text_input("Search", key="library_query", placeholder="words of the title, excerpt or publisher, or a record id",
                          help="Every word must appear; accents and capitals are ignored.")
    publisher = c2.text_input("Publisher", placeholder="contains…", key="library_publisher")
    language = c3.selectbox("Language", LANGUAGES, format_func=lambda x: x or "any", key="library_language")
    d1, d2, d3 = st.columns([2, 2, 1])
    date_from = d1.date_input("Published from", value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1),
                              key="library_date_from")
    date_to = d2.date_input("Published to", value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1),
                            key="library_date_to")
    limit = d3.selectbox("Show", [50, 200, 1000], index=1)
    found = library.search(query, publisher=publisher or None, language=language or None,
                           date_from=date_from, date_to=date_to, limit=limit)
    st.dataframe(records_frame(found), hide_index=True, width="stretch")
    st.caption(f"{len(found)} record(s) shown" + (" (the first ones; narrow the search)" if len(found) >= limit else ""))

    if found:
        st.subheader("Edit or delete a record", anchor=False)
        by_id = {r.id: r for r in found}
        chosen = st.selectbox("Record", list(by_id), key="library_edit_id",
                              format_func=lambda i: f"{i} — {by_id[i].title[:80]}")
        record = by_id[chosen]
        with st.form(f"edit_{record.id}"):
            # Keys carry the record's id, so that choosing another record fills the form again.
            title = st.text_input("Title *", value=record.title, key=f"edit_title_{record.id}")
            excerpt = st.text_area("Excerpt *", value=record.excerpt, height=160, key=f"edit_excerpt_{record.id}")
            e1, e2, e3 = st.columns(3)
            e_publisher = e1.text_input("Publisher", value=record.publisher, key=f"edit_publisher_{record.id}")
            e_published = e2.date_input("Publication date", value=record.published, format="YYYY-MM-DD",
                                        min_value=dt.date(1900, 1, 1), key=f"edit_published_{record.id}")
            e_language = e3.selectbox("Language", LANGUAGES, format_func=lambda x: x or "unknown",
                                      index=LANGUAGES.index(record.language) if record.language in LANGUAGES else 0,
                                      key=f"edit_language_{record.id}")
            e_url = st.text_input("URL", value=record.url, key=f"edit_url_{record.id}")
            e_tags = st.text_area("Tags", value="\n".join(f"{k}={v}" for k, v in record.tags), height=80,
                                  help="One name=value per line.", key=f"edit_tags_{record.id}")
            save = st.form_submit_button("Save changes", type="primary")
        if save:
            with guarded(f"Saving {record.id}"):
                changes = dict(title=title, excerpt=excerpt, publisher=e_publisher, published=e_published,
                               language=e_language or record.language, url=e_url, tags=parse_tags(e_tags))
                library.update(record.id, actor=actor(), **changes)
                flash("success", f"Saved {record.id}; its values were indexed again.")
                st.rerun()
        if st.button(f"Delete {record.id}", icon=":material/delete:", key="library_delete",
                     help="It leaves searches and checks; restore it from the deleted records."):
            with guarded(f"Deleting {record.id}"):
                library.delete(record.id, actor=actor())
                flash("success", f"Deleted {record.id}. It can be restored from “Deleted records”.")
                st.rerun()

    with st.expander("Export the whole library"):
        st.write("CSV opens in spreadsheets (formula-like cells are protected); JSON Lines suits programs. "
                 "Importing an export into an empty library gives the same records.")
        x1, x2 = st.columns(2)
        # The file is written only when a button is pressed (the data is a function).
        x1.download_button("Download library.csv", lambda: export_bytes(library, "csv"), file_name="library.csv",
                           mime="text/csv", on_click="ignore", icon=":material/download:")
        x2.download_button("Download library.jsonl", lambda: export_bytes(library, "jsonl"),
                           file_name="library.jsonl", mime="application/x-ndjson", on_click="ignore",
                           icon=":material/download:")

# ---- add by form ----------------------------------------------------------------------------------

with add_tab:
    with st.form("add_record", clear_on_submit=True):
        a_title = st.text_input("Title *", key="add_title")
        a_excerpt = st.text_area("Excerpt *", help="The passage that serves as evidence, as published.", key="add_excerpt")
        a1, a2, a3 = st.columns(3)
        a_publisher = a1.text_input("Publisher", key="add_publisher")
        a_published = a2.date_input("Publication date", value=None, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1))
        a_language = a3.selectbox("Language", ["fr", "en"], key="add_language")
        a_url = st.text_input("URL", key="add_url")
        a_id = st.text_input("Id (optional)", help="Your own reference, e.g. S17; one is made up when empty.",
                             key="add_id")
        add = st.form_submit_button("Add to the library", type="primary")
    if add:
        with guarded("Adding the record"):
            new, reasons = record_from_values({
                "id": a_id, "title": a_title, "excerpt": a_excerpt, "publisher": a_publisher,
                "published": a_published, "language": a_language, "url": a_url,
            })
            if reasons:
                raise ValueError("; ".join(reasons))
            report = library.add([new], actor=actor())
            if report.duplicates:
                st.warning("The library already holds this record (same id, or same URL and excerpt)"
                           + (f"; it was deleted: restore {report.deleted_matches[0]} instead." if report.deleted_matches else "."))
            else:
                flash("success", f"Added record {report.ids[0]}.")
                st.rerun()

# ---- import a file with a preview ------------------------------------------------------------------

with import_tab:
    st.write("CSV (comma or semicolon, UTF-8 or Windows-1252), JSON, JSON Lines or Excel `.xlsx`. "
             "Columns: `title`, `excerpt` (required), `id`, `publisher`, `url`, `published`, `language`; "
             "other columns are kept as tags. Nothing is stored before you choose.")
    upload = st.file_uploader("File to import", type=list(supported_extensions()),
                              key=f"library_upload_{st.session_state['library_upload_generation']}")
    if upload is not None:
        try:
            parsed = parse_upload(upload.name, upload.getvalue())
        except ImportFormatError as exc:
            st.error(f"{upload.name} cannot be imported: {exc}")
            parsed = None
        if parsed is not None:
            st.write(f"**{upload.name}**: {parsed.rows} row(s), {parsed.good} good, {len(parsed.errors)} refused.")
            if parsed.errors:
                st.error(f"{len(parsed.errors)} row(s) of {upload.name} cannot be imported. Import the good rows "
                         "only, or nothing and fix the file.")
                st.dataframe(pd.DataFrame([{"row": e.row, "reason": e.reason} for e in parsed.errors]),
                             hide_index=True, width="stretch")
            if parsed.tag_columns:
                st.caption(f"Extra columns kept as tags: {', '.join(parsed.tag_columns)}")
            if parsed.ignored_columns:
                st.caption(f"Ignored: {', '.join(parsed.ignored_columns)}")
            if parsed.records:
                st.write("Rows to import:")
                st.dataframe(pd.DataFrame([{
                    "row": n, "id": r.id, "title": r.title, "publisher": r.publisher,
                    "published": r.published, "language": r.language, "excerpt": r.excerpt,
                } for n, r in zip(parsed.row_numbers, parsed.records)]), hide_index=True, width="stretch")
                b1, b2 = st.columns(2)
                label = (f"Import the {len(parsed.records)} good rows" if parsed.errors
                         else f"Import {len(parsed.records)} records")
                go = b1.button(label, type="primary", key="library_import_go")
                discard = b2.button("Import nothing", key="library_import_discard")
                if go:
                    with guarded("Importing"):
                        bar = st.progress(0.0, text="Importing…")
                        report = library.add(
                            parsed.records, actor=actor(), total=len(parsed.records),
                            on_progress=lambda done, total: bar.progress(min(1.0, done / max(total, 1)),
                                                                          text=f"{done:,}/{total:,} records"))
                        if report.added:
                            bar.progress(1.0, text="Indexing words for the checker…")
                            library.index.ensure_terms()
                        more = (f" {len(report.deleted_matches)} of them match deleted records (restore them instead)."
                                if report.deleted_matches else "")
                        flash("success", f"Imported {report.added} record(s) from {upload.name}; "
                                         f"{report.duplicates} duplicate(s) skipped.{more}")
                        st.session_state["library_upload_generation"] += 1
                        st.rerun()
                if discard:
                    flash("info", f"Nothing was imported from {upload.name}.")
                    st.session_state["library_upload_generation"] += 1
                    st.rerun()
            elif not parsed.errors:
                st.info("The file holds no rows.")

# ---- fetch by URL with a preview ------------------------------------------------------------------

with fetch_tab:
    st.write("The page is downloaded (public web pages only), its article text and metadata extracted and "
             "cut into passages. Nothing is stored before you choose.")
    with st.form("library_fetch_form"):
        url = st.text_input("Page address", placeholder="https://…", key="library_fetch_url")
        fetch = st.form_submit_button("Fetch", icon=":material/download:")
    if fetch:
        st.session_state["library_fetched"] = None
        try:
            with st.spinner("Fetching…"):
                st.session_state["library_fetched"] = fetch_page(url)
        except FetchError as exc:
            st.error(f"The page was not fetched: {exc}")
        except ValueError as exc:
            st.error(f"The page was not fetched: {exc}")
    page: FetchedPage | None = st.session_state.get("library_fetched")
    if page is not None:
        passages = page_records(page)
        st.write(f"**{page.title or '(no title)'}** — {page.publisher} — "
                 f"{page.published.isoformat() if page.published else 'no date found'} — {page.language}")
        st.caption(f"{page.final_url} · retrieved {page.retrieved_at:%Y-%m-%d %H:%M} UTC · "
                   f"text SHA-256 {page.text_hash[:16]}…")
        st.dataframe(pd.DataFrame([{"passage": dict(r.tags)["passage"], "excerpt": r.excerpt} for r in passages]),
                     hide_index=True, width="stretch")
        f1, f2 = st.columns(2)
        if f1.button(f"Store {len(passages)} passage(s)", type="primary", key="library_fetch_store"):
            with guarded("Storing the passages"):
                report = library.add(passages, actor=actor())
                st.session_state["library_fetched"] = None
                flash("success", f"Stored {report.added} passage(s) from {page.final_url}"
                                 + (f"; {report.duplicates} were already in the library." if report.duplicates else "."))
                st.rerun()
        if f2.button("Discard", key="library_fetch_discard"):
            st.session_state["library_fetched"] = None
            st.rerun()

# ---- deleted records ------------------------------------------------------------------------------

with deleted_tab:
    gone = library.deleted(limit=500)
    if not gone:
        st.write("No deleted record.")
    else:
        st.dataframe(pd.DataFrame([{
            "id": d.record.id, "deleted at": d.deleted_at, "deleted by": d.deleted_by, "title": d.record.title,
            "publisher": d.record.publisher, "excerpt": d.record.excerpt,
        } for d in gone]), hide_index=True, width="stretch")
        by_deleted = {d.record.id: d for d in gone}
        chosen_deleted = st.selectbox("Record to restore", list(by_deleted), key="library_restore_id",
                                      format_func=lambda i: f"{i} — {by_deleted[i].record.title[:80]}")
        if st.button(f"Restore {chosen_deleted}", icon=":material/restore_from_trash:", key="library_restore"):
            with guarded(f"Restoring {chosen_deleted}"):
                library.restore(chosen_deleted, actor=actor())
                flash("success", f"Restored {chosen_deleted}.")
                st.rerun()
