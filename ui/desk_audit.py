"""The audit trail of a claim as the desk shows it: who changed what and when, in the interface's words
(a report's quoted history is shown the same way, apart from this desk's own trail).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import labels, quoted, shorten, t
from ui.desk_table import SHOWN_STATUSES

AUDIT_FIELDS = ("status", "dismissed", "note", "evidence_source", "title", "archived")


def _changes(before: dict | None, after: dict | None) -> str:
    """What an audit entry changed, in the interface's words ("statut : non vérifiée → contestée")."""
    before, after = before or {}, after or {}
    out = []
    for k in AUDIT_FIELDS:
        if k in after and before.get(k) != after.get(k):
            out.append(
                t(
                    "audit_words.change",
                    field=t(f"audit_field.{k}"),
                    before=_shown(k, before.get(k)),
                    after=_shown(k, after.get(k)),
                )
            )
    for k in ("replaced_by", "replaces"):
        if after.get(k):
            out.append(t("audit_words.list", field=t(f"audit_field.{k}"), ids=", ".join(after[k])))
    if "text" in after and "status" not in before:
        out.append(quoted(after["text"]))
    return "; ".join(out)


def _shown(field: str, value) -> str:
    if field == "status" and value in SHOWN_STATUSES:
        return t(f"status.{value}")
    if field in ("dismissed", "archived") and isinstance(value, bool):
        return t("audit_words.yes" if value else "audit_words.no")
    return _brief(value)


def _brief(value) -> str:
    if value is None or value == "":
        return "—"
    return shorten(str(value), 60)


def audit_table(trail: list[dict]) -> None:
    if not trail:
        st.caption(t("desk.audit_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.when"): r["at"],
                    t("col.who"): r["actor"],
                    t("col.action"): t("audit." + r["action"]) if f"audit.{r['action']}" in labels() else r["action"],
                    t("col.claim"): r["entity_id"].split("/", 1)[-1] if r["entity"] == "claim" else "",
                    t("col.change"): _changes(r["before"], r["after"]),
                }
                for r in reversed(trail)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
