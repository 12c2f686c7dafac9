"""People and roles (admins of a shared deployment only): who may sign in and what each may do.

Each change is one call to checker.access (Roles.grant), which checks again that the one making it is
an admin, refuses a change of one's own role, and audits it; the command line does the same for the
operator (`python -m checker users`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checker.access import ROLES
from ui.common import can, flash, guarded, refusal, reviewer, roles, show_flash, t

st.title(t("nav.users"), anchor=False)
show_flash()
if not can("manage_roles"):  # the page is listed for admins only; a role taken away meanwhile lands here
    st.warning(refusal("manage_roles"))
    st.stop()
st.write(t("users.intro"))
store = roles()
grants = store.list()
if grants:
    st.dataframe(
        pd.DataFrame(
            [
                {"email": g.email, "role": t(f"role.{g.role}"), "granted_by": g.granted_by, "granted_at": g.granted_at}
                for g in grants
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={n: t(f"col.{n}") for n in ("email", "role", "granted_by", "granted_at")},
    )
else:
    st.info(t("users.nobody"))

CHOICES = [*ROLES, ""]  # "" takes the role away
with st.form("user_role", clear_on_submit=True):
    c1, c2 = st.columns([3, 2])
    email = c1.text_input(t("users.email"), key="user_email", max_chars=254, placeholder="name@newsroom.example")
    role = c2.selectbox(
        t("users.role"),
        CHOICES,
        format_func=lambda r: t(f"role.{r}") if r else t("users.no_role"),
        key="user_role_choice",
    )
    save = st.form_submit_button(t("users.save"), type="primary")
if save:
    with guarded(t("users.saving")):
        grant = store.grant(email, role or None, by=reviewer())
        flash(
            "success",
            t("users.saved", email=grant.email, role=t(f"role.{role}"))
            if role
            else t("users.removed", email=grant.email),
        )
        st.rerun()

with st.expander(t("users.history"), icon=":material/history:"):
    changes = store.history()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.when"): r["at"],
                    t("col.who"): r["actor"],
                    t("col.email"): r["entity_id"],
                    t("col.action"): t(f"audit.{r['action']}"),
                    t("col.change"): f"{t('role.' + (r['before'] or {}).get('role', 'none'))} → "
                    f"{t('role.' + (r['after'] or {}).get('role', 'none'))}",
                }
                for r in reversed(changes)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
