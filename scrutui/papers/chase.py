"""The chase list before a meeting: for each lead, what they owe, as Markdown for an email."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scrutui.domain.calendar import format_uk
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Record
from scrutui.domain.summary import owed
from scrutui.domain.tracker import Tracker
from scrutui.papers.markdown import inline


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _entry(tracker: Tracker, record: Record, meeting: Meeting, today: date) -> list[str]:
    where = ", ".join(
        p for p in (record.item, format_uk(record.meeting) if record.meeting else "") if p
    )
    head = f"- **{record.id}**" + (f" ({inline(where)})" if where else "")
    lines = [f"{head}: {inline(_short(record.summary))}"]
    status = tracker.scheme.get(record.status or "")
    reviewed = format_uk(record.last_reviewed) if record.last_reviewed else "never"
    lines.append(
        f"  - Status: {inline(status.label if status else record.status or '')} "
        f"({inline(record.status or '')}); last reviewed {reviewed}."
    )
    if is_stale(tracker, record, meeting) and meeting.previous:
        lines.append(
            f"  - **Stale:** not reviewed since the last meeting on {format_uk(meeting.previous)}."
        )
    if tracker.response_overdue(record, meeting.day or today):
        due = tracker.response_due(record)
        lines.append(
            f"  - **Response overdue:** the executive's response was due "
            f"{format_uk(due) if due else ''}."
        )
    last = record.updates[-1] if record.updates else None
    if last:
        lines.append(f"  - Last update ({format_uk(last.date)}): {inline(_short(last.text))}")
    elif record.update:
        lines.append(f"  - Last update: {inline(_short(record.update))}")
    else:
        lines.append("  - No update yet.")
    return lines


def chase_markdown(
    tracker: Tracker, records: Iterable[Record], meeting: Meeting, today: date
) -> str:
    """What each lead owes before `meeting`, stale records and overdue responses flagged."""
    records = [r for r in records if not r.archived]
    when = meeting.day.strftime("%d %B %Y").lstrip("0") if meeting.day else "the next meeting"
    lines = [f"# Updates needed before {when}", "", f"{inline(tracker.heading)}", ""]
    if meeting.previous:
        lines += [
            f"Not reviewed since the last meeting ({format_uk(meeting.previous)}) is marked stale.",
            "",
        ]
    by_lead = owed(tracker, records)
    if not by_lead:
        lines.append("Nothing is owed: every record is complete.")
    for lead, mine in by_lead.items():
        stale = sum(is_stale(tracker, r, meeting) for r in mine)
        count = f"{len(mine)} open" + (f", {stale} stale" if stale else "")
        lines += [f"## {inline(lead)} ({count})", ""]
        for record in mine:
            lines += _entry(tracker, record, meeting, today)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
