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
from scrutui.papers.registry import register_paper, renderer_for

# The shipped papers, by the names the shipped tracker kinds give them (scrutui.domain.specs).
register_paper("committee", render_committee)
register_paper("peer", lambda tracker, rows, meeting: render_peer(tracker, rows))
register_paper("engagement", lambda tracker, rows, meeting: render_engagement(tracker, rows))


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
    return renderer_for(tracker)(tracker, rows, when)
