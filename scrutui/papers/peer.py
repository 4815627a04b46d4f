"""A peer-challenge action plan update, laid out as the published appendix."""

from __future__ import annotations

from collections.abc import Sequence

from scrutui.domain.meeting import Row
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.papers.markdown import anchor, cell, inline, table


def _heading(number: int | None, title: str) -> str:
    return f"Recommendation {number}: {title}"


def render_peer(tracker: Tracker, rows: Sequence[Row]) -> str:
    recommendations = [r.record for r in rows if r.record.kind == "peer-recommendation"]
    actions = [r.record for r in rows if r.record.kind == "peer-action"]
    lines = [f"**{inline(tracker.subtitle)}**", ""] if tracker.subtitle else []
    lines += [f"# {inline(tracker.title)}", ""]
    if tracker.review:
        lines += [f"(Following the {inline(tracker.review)})", ""]
    if tracker.council:
        lines += [f"**{inline(tracker.council)}**", ""]
    if tracker.explanation:
        lines += [cell(tracker.explanation).replace("<br><br>", "\n\n"), ""]
    lines += ["## Contents", "", "- [Our progress](#our-progress)"]
    for rec in recommendations:
        heading = _heading(rec.number, rec.title)
        lines.append(f"- [{inline(heading)}](#{anchor(heading)})")
    lines += ["", "## Our progress", ""]
    update = tracker.update_heading or "Update"
    for rec in recommendations:
        lines += [f"### {inline(_heading(rec.number, rec.title))}", ""]
        lines += [f"- {inline(bullet)}" for bullet in rec.bullets]
        lines += [""] if rec.bullets else []
        under = [a for a in actions if a.recommendation == rec.number]
        if under:
            lines += [table(*_table(inline(rec.table_heading), inline(update), under)), ""]
        else:
            lines += ["No actions recorded.", ""]
    orphans = [a for a in actions if a.recommendation not in {r.number for r in recommendations}]
    if orphans:
        lines += ["## Actions under no recommendation", ""]
        lines += [table(*_table("", inline(update), orphans, ids=True)), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(
    heading: str, update: str, actions: Sequence[Record], *, ids: bool = False
) -> tuple[list[str], list[list[str]]]:
    """One recommendation's table as the published plan prints it: the table's heading over
    the actions, the target date and status columns unheaded, the update column's heading;
    no target date column where none of its actions has one."""
    targets = any(a.target for a in actions)
    header = [heading, *([""] if targets else []), "", update]
    body = []
    for a in actions:
        text = (inline(f"{a.id}: ") if ids else "") + cell(a.text)
        row = [text + (" *(exempt)*" if a.exempt else "")]
        row += [inline(a.target)] if targets else []
        row += [inline(a.status or ""), cell(a.update)]
        body.append(row)
    return header, body
