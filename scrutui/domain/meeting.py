"""What a meeting's paper holds: the rules for complete, archived, exempt and overdue records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from scrutui.domain.calendar import next_meeting, previous_meeting
from scrutui.domain.records import Record, sort_key
from scrutui.domain.tracker import Tracker


@dataclass(frozen=True, slots=True)
class Meeting:
    """The meeting a paper is for, and the one before it (None if it is the first)."""

    day: date | None
    previous: date | None

    @classmethod
    def for_paper(cls, tracker: Tracker, on: date | None, today: date) -> Meeting:
        """The given meeting, else the next one in the calendar from today, else today."""
        when = on or next_meeting(tracker.meetings, today)
        reference = when or today
        return cls(when, previous_meeting(tracker.meetings, reference))

    @property
    def reference(self) -> date | None:
        return self.day or self.previous


@dataclass(frozen=True, slots=True)
class Row:
    """One record on a paper; `reported_complete` rows are the paper's green shading."""

    record: Record
    reported_complete: bool = False
    response_overdue: bool = False


def is_stale(tracker: Tracker, record: Record, meeting: Meeting) -> bool:
    """Open, and not reviewed since the previous meeting, when that meeting is later than
    the record's own: a record agreed at the last meeting is not stale at the next one."""
    if tracker.scheme.is_complete(record.status) or not record.status:
        return False
    if meeting.previous is None:
        return False
    if record.meeting is not None and record.meeting >= meeting.previous:
        return False
    return record.last_reviewed is None or record.last_reviewed < meeting.previous


def paper_rows(
    tracker: Tracker,
    records: Iterable[Record],
    meeting: Meeting,
    today: date,
    *,
    include_exempt: bool = False,
    include_archived: bool = False,
) -> list[Row]:
    """The records a meeting's paper shows, in paper order.

    Completed since the previous meeting: shown, marked complete (shaded green). Completed
    before it: left out (the committee saw them reported). Archived and exempt records are
    left out unless asked for.
    """
    rows = []
    overdue_on = meeting.day or today
    for record in sorted(records, key=lambda r: sort_key(r.id)):
        if (record.archived and not include_archived) or (record.exempt and not include_exempt):
            continue
        done = tracker.completed_on(record)
        if done is not None and meeting.previous is not None and done < meeting.previous:
            continue
        rows.append(Row(record, done is not None, tracker.response_overdue(record, overdue_on)))
    return rows
