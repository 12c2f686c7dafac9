"""The Streamlit pages of the workbench. Only this package imports streamlit."""
