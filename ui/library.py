"""The source library: search it, add a record, import a file with a preview of its rows."""

from __future__ import annotations


import pandas as pd
import streamlit as st

from sources.importers import ImportFormatError, parse_file, record_from_values
from ui.common import flash, guarded, reviewer, services, show_flash

library, _ = services()
st.title("Source library")
show_flash()
st.caption(f"{library.count()} records")

search_tab, add_tab, import_tab = st.tabs(["Search", "Add a record", "Import a file"])

with search_tab:
    c1, c2, c3 = st.columns([4, 2, 1])
    query = c1.text_input("Search", placeholder="words of the title, excerpt or publisher")
    publisher = c2.text_input("Publisher")
    language = c3.selectbox("Language", ["", "fr", "en"], format_func=lambda x: x or "any")
    d1, d2 = st.columns(2)
    date_from = d1.date_input("Published from", value=None, format="YYYY-MM-DD")
    date_to = d2.date_input("Published to", value=None, format="YYYY-MM-DD")
    found = library.search(query, publisher=publisher or None, language=language or None,
                           date_from=date_from, date_to=date_to, limit=200)
    st.dataframe(pd.DataFrame([{
        "id": r.id, "published": r.published, "language": r.language, "publisher": r.publisher,
        "title": r.title, "excerpt": r.excerpt, "url": r.url,
    } for r in found], columns=["id", "published", "language", "publisher", "title", "excerpt", "url"]),
        hide_index=True, width="stretch")

with add_tab:
    with st.form("add_record", clear_on_submit=True):
        title = st.text_input("Title *")
        excerpt = st.text_area("Excerpt *", help="The passage that serves as evidence, as published.")
        c1, c2, c3 = st.columns(3)
        publisher = c1.text_input("Publisher")
        published = c2.date_input("Publication date", value=None, format="YYYY-MM-DD")
        language = c3.selectbox("Language", ["fr", "en"], key="add_language")
        url = st.text_input("URL")
        record_id = st.text_input("Id (optional)", help="Your own reference, e.g. S17; one is made up when empty.")
        add = st.form_submit_button("Add to the library", type="primary")
    if add:
        with guarded("Adding the record"):
            record, reasons = record_from_values({
                "id": record_id, "title": title, "excerpt": excerpt, "publisher": publisher,
                "published": published, "language": language, "url": url,
            })
            if reasons:
                raise ValueError("; ".join(reasons))
            report = library.add([record], actor=reviewer() or "library page")
            if report.duplicates:
                st.warning("The library already holds this record (same id, or same URL and excerpt).")
            else:
                flash("success", f"Added record {report.ids[0]}.")
                st.rerun()

with import_tab:
    st.write("CSV (comma or semicolon, UTF-8 or Windows-1252), JSON, JSON Lines or Excel `.xlsx`. "
             "Columns: `title`, `excerpt` (required), `id`, `publisher`, `url`, `published`, `language`; "
             "other columns are kept as tags.")
    upload = st.file_uploader("File to import", type=["csv", "tsv", "txt", "json", "jsonl", "ndjson", "xlsx"])
    if upload is not None:
        try:
            parsed = parse_file(upload.name, upload.getvalue())
        except ImportFormatError as exc:
            st.error(f"{upload.name} cannot be imported: {exc}")
            parsed = None
        if parsed is not None and not parsed.records and parsed.errors and parsed.errors[0].row == 1:
            st.error(f"{upload.name} cannot be imported: {parsed.errors[0].reason}")
        elif parsed is not None:
            if parsed.errors:
                st.error(f"{len(parsed.errors)} row(s) of {upload.name} cannot be imported; nothing is stored "
                         "unless you choose to import the good rows.")
                st.dataframe(pd.DataFrame([{"row": e.row, "reason": e.reason} for e in parsed.errors]),
                             hide_index=True, width="stretch")
            if parsed.records:
                st.write(f"{len(parsed.records)} good row(s):")
                st.dataframe(pd.DataFrame([{
                    "row": n, "id": r.id, "title": r.title, "publisher": r.publisher,
                    "published": r.published, "language": r.language, "excerpt": r.excerpt,
                } for n, r in zip(parsed.row_numbers, parsed.records)]), hide_index=True, width="stretch")
                if parsed.tag_columns:
                    st.caption(f"Kept as tags: {', '.join(parsed.tag_columns)}")
                label = f"Import the {len(parsed.records)} good rows" if parsed.errors else f"Import {len(parsed.records)} records"
                if st.button(label, type="primary"):
                    with guarded("Importing"):
                        bar = st.progress(0.0, text="Importing…")
                        report = library.add(parsed.records, actor=reviewer() or "library page",
                                             on_progress=lambda done, total: bar.progress(min(1.0, done / max(total, 1)), text=f"{done}/{total}"),
                                             total=len(parsed.records))
                        flash("success", f"Imported {report.added} record(s); {report.duplicates} duplicate(s) skipped.")
                        st.rerun()
