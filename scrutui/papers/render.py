"""The paper for a tracker: which records a meeting's paper holds, in its own layout."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scrutui.domain.meeting import Meeting, paper_rows
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.papers.committee import render_committee
from scrutui.papers.engagement import render_engagement
from scrutui.papers.peer import render_peer


def render(
    tracker: Tracker,
    records: Iterable[Record],
    *,
    today: date,
    meeting: date | None = None,
    include_exempt: bool = False,
    include_archived: bool = False,
) -> str:
    """The tracker's Markdown paper for `meeting` (default: its next meeting from `today`)."""
    when = Meeting.for_paper(tracker, meeting, today)
    rows = paper_rows(
        tracker,
        records,
        when,
        today,
        include_exempt=include_exempt,
        include_archived=include_archived,
    )
    if tracker.kind == "committee":
        return render_committee(tracker, rows, when)
    if tracker.kind == "peer-challenge":
        return render_peer(tracker, rows)
    return render_engagement(tracker, rows)
