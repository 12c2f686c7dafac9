"""The fact-checking workbench: `streamlit run app.py`. A router; the pages live in ui/."""

import streamlit as st

from ui.common import can, check_settings, gate, init_state, sidebar, signed_in, t

st.set_page_config(page_title="Fact-checking workbench", page_icon=":material/fact_check:", layout="wide")
check_settings()
init_state()
gate()  # a shared deployment: nothing below is reached without signing in with a role
pages = [
    st.Page("ui/check.py", title=t("nav.check"), icon=":material/fact_check:", default=True),
    st.Page("ui/articles.py", title=t("nav.articles"), icon=":material/folder_open:", url_path="articles"),
    st.Page("ui/library.py", title=t("nav.library"), icon=":material/library_books:", url_path="library"),
    st.Page("ui/archive.py", title=t("nav.archive"), icon=":material/history:", url_path="archive"),
]
if signed_in() is not None and can("manage_roles"):  # the admins of a shared deployment
    pages.append(st.Page("ui/users.py", title=t("nav.users"), icon=":material/group:", url_path="users"))
page = st.navigation(pages)
sidebar()
page.run()
