"""The chase list before a meeting: for each lead, what they owe, as Markdown for an email."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scrutui.domain.calendar import format_uk, target_date
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Record, sort_key
from scrutui.domain.summary import NO_LEAD
from scrutui.domain.tracker import Tracker
from scrutui.papers.markdown import inline


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def owed_by(tracker: Tracker, records: Iterable[Record]) -> dict[str, list[Record]]:
    """Every record not complete, by who owes it: its leads, else the teams its answers refer
    it to (an engagement log names teams, not leads), else "No lead named". A record with no
    status is not complete: the engagement log and some plan rows have none."""
    by_lead: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: sort_key(r.id)):
        if record.archived or tracker.scheme.is_complete(record.status):
            continue
        if not record.spec.owed:
            continue  # the peers' recommendation itself: its actions are what is owed
        teams = tuple(dict.fromkeys(a.team for a in record.answers if a.team))
        for lead in record.leads or teams or (NO_LEAD,):
            by_lead.setdefault(lead, []).append(record)
    return dict(sorted(by_lead.items(), key=lambda kv: (kv[0] == NO_LEAD, kv[0].lower())))


def target_passed(tracker: Tracker, record: Record, on: date) -> date | None:
    """The target date of an open plan action, if it has passed by `on`."""
    if not record.target or tracker.scheme.is_complete(record.status):
        return None
    due = target_date(record.target)
    return due if due is not None and due < on else None


def _entry(tracker: Tracker, record: Record, meeting: Meeting, today: date) -> list[str]:
    where = ", ".join(
        p for p in (record.item, format_uk(record.meeting) if record.meeting else "") if p
    )
    if record.kind == "peer-action" and record.recommendation is not None:
        where = f"recommendation {record.recommendation}"
    elif record.kind == "engagement":
        where = ", ".join(p for p in (record.organisation, record.area) if p)
    head = f"- **{record.id}**" + (f" ({inline(where)})" if where else "")
    lines = [f"{head}: {inline(_short(record.summary))}"]
    status = tracker.scheme.get(record.status or "")
    reviewed = format_uk(record.last_reviewed) if record.last_reviewed else "never"
    if not record.status:
        shown = "none recorded"
    elif status is None or status.label == record.status:
        shown = inline(record.status)
    else:
        shown = f"{inline(status.label)} ({inline(record.status)})"
    lines.append(f"  - Status: {shown}; last reviewed {reviewed}.")
    if is_stale(tracker, record, meeting) and meeting.previous:
        lines.append(
            f"  - **Stale:** not reviewed since the last meeting on {format_uk(meeting.previous)}."
        )
    on = meeting.day or today
    if tracker.response_overdue(record, on):
        due = tracker.response_due(record)
        lines.append(
            f"  - **Response overdue:** the executive's response was due "
            f"{format_uk(due) if due else ''}."
        )
    passed = target_passed(tracker, record, on)
    if passed is not None:
        lines.append(f"  - **Target date passed:** {inline(record.target)}.")
    last = record.updates[-1] if record.updates else None
    if last:
        lines.append(f"  - Last update ({format_uk(last.date)}): {inline(_short(last.text))}")
    elif record.update:
        lines.append(f"  - Last update: {inline(_short(record.update))}")
    elif record.answers:
        answer = record.answers[-1]
        said = f"{answer.type}: {answer.text}" if answer.type else answer.text
        lines.append(f"  - Last answer: {inline(_short(said))}")
    else:
        lines.append("  - No update yet.")
    return lines


def chase_markdown(
    tracker: Tracker,
    records: Iterable[Record],
    meeting: Meeting,
    today: date,
    *,
    include_exempt: bool = False,
) -> str:
    """What each lead owes before `meeting`, stale records, overdue responses and passed
    target dates flagged. Exempt (closed session) records only when asked for: the list is
    sent to people outside the closed session."""
    records = [r for r in records if not r.archived and (include_exempt or not r.exempt)]
    when = meeting.day.strftime("%d %B %Y").lstrip("0") if meeting.day else "the next meeting"
    lines = [f"# Updates needed before {when}", "", f"{inline(tracker.heading)}", ""]
    if meeting.previous:
        lines += [
            f"Not reviewed since the last meeting ({format_uk(meeting.previous)}) is marked stale.",
            "",
        ]
    by_lead = owed_by(tracker, records)
    if not by_lead:
        chased = [r for r in records if r.kind != "peer-recommendation"]
        lines.append(
            "Nothing is owed: every record is complete." if chased else "No records to chase."
        )
    for lead, mine in by_lead.items():
        stale = sum(is_stale(tracker, r, meeting) for r in mine)
        count = f"{len(mine)} open" + (f", {stale} stale" if stale else "")
        lines += [f"## {inline(lead)} ({count})", ""]
        for record in mine:
            lines += _entry(tracker, record, meeting, today)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
