"""Articles under check: progress, and a way back into each."""

from __future__ import annotations

import streamlit as st

from ui.common import guarded, reviewer, services

_, desk = services()
st.title("Articles")
show_archived = st.toggle("Show archived", value=False)
items = desk.articles(include_archived=show_archived)
if not items:
    st.info("No article checked yet. Open **Check an article** to start.")
for a in items:
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 2, 2])
        c1.markdown(f"**{a.title}**" + (" *(archived)*" if a.archived else ""))
        c1.caption(f"#{a.id} · published {a.published} · {a.language} · checked {a.created_at:%Y-%m-%d %H:%M}"
                   + (f" · reviewers: {', '.join(a.reviewers)}" if a.reviewers else ""))
        c2.progress(a.reviewed / a.total if a.total else 0.0, text=a.progress)
        if c3.button("Open", key=f"open-{a.id}"):
            st.query_params["article"] = str(a.id)
            st.switch_page("ui/check.py", query_params={k: v for k, v in st.query_params.items()})
        if c3.button("Unarchive" if a.archived else "Archive", key=f"archive-{a.id}", disabled=not reviewer()):
            with guarded("Archiving"):
                desk.archive(a.id, reviewer=reviewer(), archived=not a.archived)
                st.rerun()
