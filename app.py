"""The fact-checking workbench: `streamlit run app.py`. A router; the pages live in ui/."""

import streamlit as st

from ui.common import check_settings, init_state, sidebar, t

st.set_page_config(page_title="Fact-checking workbench", page_icon=":material/fact_check:", layout="wide")
check_settings()
init_state()
page = st.navigation([
    st.Page("ui/check.py", title=t("nav.check"), icon=":material/fact_check:", default=True),
    st.Page("ui/articles.py", title=t("nav.articles"), icon=":material/folder_open:", url_path="articles"),
    st.Page("ui/library.py", title=t("nav.library"), icon=":material/library_books:", url_path="library"),
    st.Page("ui/archive.py", title=t("nav.archive"), icon=":material/history:", url_path="archive"),
])
sidebar()
page.run()
