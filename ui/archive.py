"""The archive of verdicts: claims reviewed across articles, filtered by type, status, amount,
review dates, speaker and reviewer, exported as CSV or ClaimReview; each links to its article on
the desk. One call to checker.desk.archive.search per run (an indexed table of reviewed claims)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from checker.desk.archive import archive_claimreview, archive_csv, search
from claims import CLAIM_TYPES
from ui.common import labels, services, t

REVIEWED = ("verified", "disputed", "needs_more")

_, desk = services()
st.title(t("archive.title"), anchor=False)
st.caption(t("archive.intro"))

top = st.columns([3, 2, 2])
query = top[0].text_input(t("archive.query"), key="archive-query", help=t("archive.query_help"))
types = top[1].multiselect(
    t("archive.types"), list(CLAIM_TYPES), key="archive-types", format_func=lambda k: t(f"type.{k}")
)
statuses = top[2].multiselect(
    t("archive.statuses"), list(REVIEWED), key="archive-statuses", format_func=lambda k: t(f"status.{k}")
)
row = st.columns([1, 1, 2, 2, 2])
amount_min = row[0].number_input(t("archive.amount_min"), min_value=0.0, value=None, key="archive-min", format="%.0f")
amount_max = row[1].number_input(t("archive.amount_max"), min_value=0.0, value=None, key="archive-max", format="%.0f")
days = row[2].date_input(t("archive.reviewed"), value=(), key="archive-days", format="YYYY-MM-DD")
speaker = row[3].text_input(t("archive.speaker"), key="archive-speaker")
who = row[4].text_input(t("archive.reviewer"), key="archive-reviewer")

days = tuple(days) if isinstance(days, (tuple, list)) else ((days,) if isinstance(days, dt.date) else ())
found = search(
    desk.engine,
    query,
    types=types,
    statuses=statuses,
    reviewed_from=days[0] if days else None,
    reviewed_to=days[-1] if days else None,
    amount_min=amount_min,
    amount_max=amount_max,
    speaker=speaker,
    reviewer=who,
)

if not found:
    st.info(t("archive.none"))
else:
    st.caption(t("archive.count", n=len(found)))
    keep = {k: v for k, v in st.query_params.items() if k in ("reviewer", "lang")}

    def link(f) -> str:
        params = {**keep, "article": f.article_id, "claim": f.claim.id}
        return "./?" + "&".join(f"{k}={v}" for k, v in params.items())

    frame = pd.DataFrame(
        [
            {
                "claim": f"{f.article_id}/{f.claim.id}",
                "type": t(f"type.{f.claim.type}"),
                "text": f.claim.text,
                "value": f.claim.display_value,
                "status": t(f"status.{f.status}"),
                "note": f.note,
                "reviewer": f.reviewer,
                "reviewed": f.reviewed_at.strftime("%Y-%m-%d %H:%M") if f.reviewed_at else "",
                "article": f.article_title,
                "desk": link(f),
            }
            for f in found
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "claim": st.column_config.TextColumn(t("desk.claim")),
            "type": st.column_config.TextColumn(t("archive.types")),
            "text": st.column_config.TextColumn(t("col.text")),
            "value": st.column_config.TextColumn(t("col.value")),
            "status": st.column_config.TextColumn(t("archive.statuses")),
            "note": st.column_config.TextColumn(t("desk.note")),
            "reviewer": st.column_config.TextColumn(t("archive.reviewer")),
            "reviewed": st.column_config.TextColumn(t("archive.col_reviewed")),
            "article": st.column_config.TextColumn(t("archive.col_article")),
            "desk": st.column_config.LinkColumn(t("archive.col_link"), display_text=t("archive.open")),
        },
    )
    x1, x2 = st.columns(2)
    x1.download_button(
        t("archive.export_csv"),
        archive_csv(found),
        file_name="verdicts.csv",
        mime="text/csv",
        icon=":material/download:",
        key="archive-csv",
    )
    x2.download_button(
        t("archive.export_claimreview"),
        archive_claimreview(found, labels=labels()),
        file_name="verdicts.jsonld",
        mime="application/ld+json",
        icon=":material/download:",
        key="archive-claimreview",
    )
