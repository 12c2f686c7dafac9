"""What the desk's controls do: which claim is open (kept in the URL), the texts being typed and the
version they were written against, and the callbacks that store a change.

Every change carries the version of the claim the editor was looking at, so that a change made
meanwhile by someone else is refused (and shown), never overwritten. The callbacks run before the
page is drawn again (ui/desk_view.py draws it).
"""

from __future__ import annotations

import streamlit as st

from checker.desk import Article, ClaimState, ReviewConflict
from checker.service import add_missed_claim, merge_claims, promote_claim, split_claim
from ui.common import conflict_text, error_text, flash, quoted, reviewer, services, t

# ---- selection of the open claim (kept in the URL: ?claim=c3) ------------------------------------


def pick(claim_id: str) -> None:
    st.query_params["claim"] = claim_id


def picked_from_select(key: str) -> None:
    if st.session_state.get(key):
        pick(st.session_state[key])


def selected(article: Article) -> ClaimState | None:
    if not article.claims:
        return None
    wanted = st.query_params.get("claim")
    for c in article.claims:
        if c.claim.id == wanted:
            return c
    # The first claim still to review; kept in the URL so that it stays open after it is reviewed.
    first = next((c for c in article.live if c.status == "unreviewed"), article.claims[0])
    st.query_params["claim"] = first.claim.id
    return first


# ---- texts being typed: kept across reloads, and the version they were written against -----------


def draft(key: str, stored: str, version: int) -> int:
    """Prepare the text field `key` for a claim at `version` holding `stored`; returns the version the
    editor's text is based on.

    While the editor has not changed the field, it follows the database (another editor's new note shows
    up). Once they type, their text is kept across reloads, and saving it is checked against the version
    it was written on: if someone changed the claim meanwhile, the save is refused and the text stays.
    """
    bases = st.session_state["drafts"]
    base = bases.get(key)
    untouched = base is not None and st.session_state.get(key) == base[1]
    if base is None or key not in st.session_state or (untouched and base[0] != version):
        st.session_state[key] = stored
        bases[key] = (version, stored)
    return bases[key][0]


def rebase(key: str | None, version: int, stored: str, *, keep_text: bool) -> None:
    if not key:
        return
    st.session_state["drafts"][key] = (version, stored)
    if not keep_text:
        st.session_state[key] = stored


# ---- actions (callbacks: they run before the page is drawn again) --------------------------------


def need_reviewer() -> str | None:
    name = reviewer()
    if not name:
        flash("warning", t("desk.need_reviewer"), where="claim")
        return None
    return name


def attempt(status: str | None, note: str | None) -> str:
    bits = []
    if status:
        bits.append(t(f"status.{status}"))
    if note:
        bits.append(quoted(note))
    return ", ".join(bits)


def review(
    article_id: int,
    claim_id: str,
    seen_version: int,
    *,
    status: str | None = None,
    note_key: str | None = None,
    evidence_key: str | None = None,
    dismissed: bool | None = None,
) -> None:
    name = need_reviewer()
    if name is None:
        return
    _, desk = services()
    note = st.session_state.get(note_key) if note_key else None
    evidence = st.session_state.get(evidence_key) if evidence_key else None
    try:
        before = seen_version
        state = desk.review(
            article_id,
            claim_id,
            reviewer=name,
            status=status,
            note=note,
            evidence_source=evidence,
            dismissed=dismissed,
            expected_version=seen_version,
        )
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, attempt(status, note)), where="claim")
        # the editor has now seen the other change: their text stays, and saving it again is allowed
        rebase(note_key, conflict.current.version, conflict.current.note, keep_text=True)
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.saving"), exc), where="claim")
    else:
        rebase(note_key, state.version, state.note, keep_text=False)
        if state.version == before:
            return  # nothing changed (a double click): nothing to say
        what = t("status.dismissed") if state.dismissed else t(f"status.{state.status}")
        flash("success", t("msg.saved", claim=claim_id, status=what, who=name, version=state.version), where="claim")
    st.session_state["editor_generation"] += 1


def reuse(article_id: int, claim_id: str, ref: str, seen_version: int) -> None:
    """One click: the claim takes the earlier verdict's status, note and source (audited as a reuse)."""
    name = need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        state = desk.reuse(article_id, claim_id, ref, reviewer=name, expected_version=seen_version)
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, t("desk.reuse")), where="claim")
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.reuse"), exc), where="claim")
    else:
        flash(
            "success",
            t(
                "msg.reused",
                claim=claim_id,
                status=t(f"status.{state.status}"),
                ref=ref,
                version=state.version,
                who=name,
            ),
            where="claim",
        )
    st.session_state["editor_generation"] += 1


def promote(article_id: int, claim_id: str) -> None:
    name = need_reviewer()
    if name is None:
        return
    library, desk = services()
    try:
        record = promote_claim(desk, library, article_id, claim_id, reviewer=name)
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback
        flash("error", error_text(t("desk.promote"), exc), where="claim")
    else:
        flash("success", t("msg.promoted", record=record.id), where="claim")


def correct(action: str, article_id: int, claim_id: str, seen_version: int, keys: dict[str, str]) -> None:
    """Split, merge or add claims from the corrections form (values read from its widgets' `keys`)."""
    name = need_reviewer()
    if name is None:
        return
    library, desk = services()
    ss = {k: st.session_state.get(v) for k, v in keys.items()}
    try:
        if action == "split":
            added = split_claim(
                desk,
                library,
                article_id,
                claim_id,
                (ss["parts"] or "").splitlines(),
                reviewer=name,
                expected_version=seen_version,
            )
            flash("success", t("msg.split", claim=claim_id, new=", ".join(a.claim.id for a in added)), where="claim")
            pick(added[0].claim.id)
        elif action == "merge":
            versions = st.session_state.get("table_versions", {})
            ids = [claim_id, *[i for i in ss["with"] or [] if i != claim_id]]
            merged = merge_claims(
                desk,
                library,
                article_id,
                ids,
                reviewer=name,
                kind=ss["type"],
                expected_versions={i: versions.get(i) for i in ids},
            )
            flash("success", t("msg.merged", claims=", ".join(ids), new=merged.claim.id), where="claim")
            pick(merged.claim.id)
        elif action == "add":
            start, end = ss["start"], ss["end"]
            use_offsets = start is not None and end is not None
            added = add_missed_claim(
                desk,
                library,
                article_id,
                kind=ss["type"],
                reviewer=name,
                text="" if use_offsets else ss["text"] or "",
                occurrence=int(ss["occurrence"] or 1),
                start=int(start) if use_offsets else None,
                end=int(end) if use_offsets else None,
                value=ss["value"] or "",
                speaker=ss["speaker"] or "",
            )
            flash("success", t("msg.added", claim=added.claim.id, text=added.claim.text), where="claim")
            pick(added.claim.id)
    except ReviewConflict as conflict:
        flash("warning", conflict_text(conflict, t(f"desk.{action}")), where="claim")
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t(f"desk.{action}"), exc), where="claim")
    st.session_state["editor_generation"] += 1


def rename(article_id: int) -> None:
    name = need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        desk.rename(article_id, st.session_state[f"rename-{article_id}"], reviewer=name)
        flash("success", t("msg.renamed"))
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t("desk.rename"), exc))


def archive(article_id: int, archived: bool) -> None:
    name = need_reviewer()
    if name is None:
        return
    _, desk = services()
    try:
        desk.archive(article_id, reviewer=name, archived=archived)
        flash("success", t("msg.archived" if archived else "msg.unarchived"))
    except Exception as exc:  # noqa: BLE001
        flash("error", error_text(t("articles.archive"), exc))


def close() -> None:
    for key in ("article", "claim"):
        if key in st.query_params:
            del st.query_params[key]
