"""Counts for the overview: records by status, overdue responses, stale records, by lead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Record, sort_key
from scrutui.domain.tracker import Tracker

NO_LEAD = "No lead named"


@dataclass(frozen=True, slots=True)
class Summary:
    """One tracker's live records counted: by status code, open, overdue and stale."""

    by_status: dict[str, int]
    records: int
    open: int
    overdue: int
    stale: int
    archived: int


def summarise_tracker(tracker: Tracker, records: Iterable[Record], today: date) -> Summary:
    meeting = Meeting.for_paper(tracker, None, today)
    everything = list(records)
    live = [r for r in everything if not r.archived]
    by_status = Counter(r.status for r in live if r.status)
    return Summary(
        by_status={code: by_status.get(code, 0) for code in tracker.scheme.codes},
        records=len(live),
        open=sum(1 for r in live if r.status and not tracker.scheme.is_complete(r.status)),
        overdue=sum(tracker.response_overdue(r, today) for r in live),
        stale=sum(is_stale(tracker, r, meeting) for r in live),
        archived=len(everything) - len(live),
    )


def owed(tracker: Tracker, records: Iterable[Record]) -> dict[str, list[Record]]:
    """Open records by lead (a record with two leads is owed by both), leads in name order."""
    by_lead: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: sort_key(r.id)):
        if record.archived or tracker.scheme.is_complete(record.status) or not record.status:
            continue
        for lead in record.leads or (NO_LEAD,):
            by_lead.setdefault(lead, []).append(record)
    return dict(sorted(by_lead.items(), key=lambda kv: (kv[0] == NO_LEAD, kv[0].lower())))


@dataclass
class LeadRow:
    """What one lead owes across every tracker."""

    lead: str
    open: int = 0
    stale: int = 0
    overdue: int = 0
    trackers: list[str] = field(default_factory=list)


def leads_rollup(trackers: Iterable[tuple[Tracker, list[Record]]], today: date) -> list[LeadRow]:
    rows: dict[str, LeadRow] = {}
    for tracker, records in trackers:
        meeting = Meeting.for_paper(tracker, None, today)
        for lead, mine in owed(tracker, records).items():
            row = rows.setdefault(lead, LeadRow(lead))
            row.open += len(mine)
            row.stale += sum(is_stale(tracker, r, meeting) for r in mine)
            row.overdue += sum(tracker.response_overdue(r, today) for r in mine)
            row.trackers.append(tracker.name)
    return sorted(rows.values(), key=lambda r: (r.lead == NO_LEAD, -r.open, r.lead.lower()))
