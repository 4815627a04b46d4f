"""The committee's action and recommendation tracker, laid out as the published paper."""

from __future__ import annotations

from collections.abc import Sequence

from scrutui.domain.calendar import format_uk
from scrutui.domain.meeting import Meeting, Row
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.papers.layout import MARK
from scrutui.papers.markdown import BR, block, cell, inline, table


def _header(tracker: Tracker, meeting: Meeting) -> list[str]:
    lines = [f"# {inline(tracker.title)}", ""]
    if tracker.committee:
        lines += [f"**{inline(tracker.committee)}**", ""]
    people = []
    if tracker.chair:
        people.append(f"{inline(tracker.chair)}, Chair")
    if tracker.officer:
        officer = ", ".join(
            inline(p) for p in (tracker.officer, tracker.officer_role, tracker.officer_email) if p
        )
        people.append(officer)
    if people:
        lines += [" \\| ".join(people), ""]
    if meeting.day:
        lines += [f"For the meeting on {meeting.day.strftime('%d %B %Y').lstrip('0')}.", ""]
    if tracker.explanation:
        lines += [block(tracker.explanation), ""]
    lines += [f"**KEY** {inline(tracker.scheme.key_line())}", ""]
    if tracker.paper.legend:  # scrutui's own line, not the published paper's: when asked for
        lines += [LEGEND, ""]
    return lines


LEGEND = (
    f"{MARK} Completed since the last meeting (shaded green): reported to this meeting,"
    " then removed from the tracker."
)


def _status(row: Row) -> str:
    code = inline(row.record.status or "")
    return f"**{code}** {MARK}" if row.reported_complete else code


def _response(tracker: Tracker, row: Row) -> str:
    record = row.record
    parts = []
    if record.kind == "recommendation":
        if record.decision:
            parts.append(f"**{inline(record.decision)}**")
        if record.response:
            parts.append(cell(record.response))
        if row.response_overdue:
            due = tracker.response_due(record)
            parts.append(f"**Response overdue:** due {format_uk(due)}" if due else "")
    for update in record.updates:
        parts.append(f"**Update:**{BR}{cell(update.text)}")
    return (BR + BR).join(p for p in parts if p)


def _rows(tracker: Tracker, rows: Sequence[Row], refs: bool = False) -> list[list[str]]:
    out = []
    previous: Record | None = None
    for row in rows:
        record = row.record
        same = (
            previous is not None
            and previous.meeting == record.meeting
            and previous.item == record.item
        )
        when = format_uk(record.meeting) if record.meeting else ""
        ref = [inline(str(record.get("reference") or ""))] if refs else []
        out.append(
            [
                "" if same else when,
                "" if same else inline(record.item),
                cell(record.text) + (" *(exempt)*" if record.exempt else ""),
                cell("; ".join(record.leads)),
                format_uk(record.last_reviewed) if record.last_reviewed else "",
                _status(row),
                _response(tracker, row),
                *ref,
            ]
        )
        previous = record
    return out


def render_committee(tracker: Tracker, rows: Sequence[Row], meeting: Meeting) -> str:
    lines = _header(tracker, meeting)
    status = tracker.scheme.column_heading
    # the council's own references, in a column of their own when the tracker has any
    refs = any(r.record.get("reference") for r in rows)
    for kind, title, noun in (
        ("recommendation", "Recommendations", "Recommendation"),
        ("action", "Actions", "Action"),
    ):
        chosen = [r for r in rows if r.record.kind == kind]
        header = ["Meeting date", "Item", noun, "Lead", "Last reviewed", status, "Update/response"]
        header = [*header, "Ref"] if refs else header  # last: the Word paper merges 0 and 1
        lines += [f"## {title}:", ""]  # with its colon, as the published tracker prints it
        if chosen:
            lines += [table(header, _rows(tracker, chosen, refs)), ""]
        else:
            lines += [f"No {title.lower()} to report.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
