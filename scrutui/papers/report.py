"""The scrutiny annual report's figures: what each committee recommended in a year, what the
executive decided, how quickly it answered, and what came of it; a peer challenge's progress.

Pure functions over the records as they stand and their audit trail (`scrutui.store.trail`):
nothing here reads a file or runs git. Every figure keeps the records (and the commits) it
was counted from, for `--explain`.

The rules, as the report states them:

- A recommendation belongs to the year its meeting falls in. Archived records count (they were
  made and reported); deleted ones do not; exempt (closed session) ones only when asked.
- A response is recorded on the `responded` date if the record has one, else on the day of the
  commit that first gave it a decision or a response text (a later change of decision keeps
  that day; a restore from the bin keeps it; clearing the decision and setting it again starts
  again). It is on time if recorded on or before the due date (the meeting plus the tracker's
  response period, or the record's `response_due`).
- A recommendation is complete on its `completed` date, else the day of the commit that made
  its status a complete one; one that is not complete now was not complete then either.
- Implementation counts accepted and partially accepted recommendations whose 6 (12) months
  since the meeting have passed, and of those the ones complete by then.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from scrutui.domain.calendar import add_months, format_uk
from scrutui.domain.records import DECISIONS, Record, sort_key
from scrutui.domain.status import StatusScheme
from scrutui.domain.tracker import Tracker
from scrutui.store.trail import Step, Trail

#: The tracker kinds the report covers (a paper module knows its own kinds).
REPORTED = ("committee", "peer-challenge")
NONE_YET = "None yet"
DECISION_NAMES = (*DECISIONS, NONE_YET)
ACCEPTING = ("Accepted", "Partially Accepted")
OLDEST = 5


class ReportError(ValueError):
    """A year or a range that cannot be reported on."""


# The year -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers, both ends included, and what to call them."""

    start: date
    end: date
    label: str

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def year_period(label: str, starts: tuple[int, int] = (5, 1)) -> Period:
    """'2024/25' (or '2024-25', '2024/2025'): the municipal year starting in 2024."""
    match = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*", label)
    if not match or int(match[2][-2:]) != (int(match[1]) + 1) % 100:
        raise ReportError(f"not a municipal year like 2024/25: {label!r}")
    return _year(int(match[1]), starts)


def _year(first: int, starts: tuple[int, int]) -> Period:
    start = date(first, *starts)
    end = date(first + 1, *starts) - timedelta(days=1)
    return Period(start, end, f"{first}/{(first + 1) % 100:02d}")


def last_complete_year(today: date, starts: tuple[int, int] = (5, 1)) -> Period:
    """The last municipal year that ended before `today`."""
    first = today.year - 1 if today >= date(today.year, *starts) else today.year - 2
    return _year(first, starts)


def range_period(start: date, end: date) -> Period:
    if end < start:
        raise ReportError(
            f"the range ends ({format_uk(end)}) before it starts ({format_uk(start)})"
        )
    return Period(start, end, f"{format_uk(start)} to {format_uk(end)}")


# What the trail says of one record ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dated:
    """A day something was recorded, and where it came from: a commit, or a field."""

    day: date
    source: str  # "responded field", "completed field", or a commit's short sha
    exact: bool = True  # False: the record came into the history with it already set

    def __str__(self) -> str:
        return f"{format_uk(self.day)} ({self.source})"


def _run_start(steps: Sequence[Step], holds: Callable[[Step], bool]) -> Step | None:
    """The step that began the run of `holds` still true at the last step the file existed.

    Steps where the file did not exist (deleted, then restored) neither end a run nor start
    one: a record restored from the bin keeps its dates.
    """
    start: Step | None = None
    for step in steps:
        if not step.exists:
            continue
        if holds(step):
            if start is None:
                start = step
        else:
            start = None
    return start


def answered_on(record: Record, steps: Sequence[Step]) -> Dated | None:
    """When the executive's response to a recommendation was recorded, or None if not yet."""
    if record.decision is None and not record.response:
        return None
    if record.responded:
        return Dated(record.responded, "responded field")
    start = _run_start(steps, lambda s: s.answered)
    if start is None:  # not committed yet
        return Dated(date.max, "not committed", exact=False)
    if start is _first(steps):  # imported with its decision: the day it was is not known
        return Dated(start.day, f"came with the record in {start.sha[:7]}", exact=False)
    return Dated(start.day, start.sha[:7])


def _first(steps: Sequence[Step]) -> Step | None:
    return next((s for s in steps if s.exists), None)


def completed_on(tracker: Tracker, record: Record, steps: Sequence[Step]) -> Dated | None:
    """When a record now complete was completed, or None if it is not complete now."""
    if not tracker.scheme.is_complete(record.status):
        return None
    if record.completed:
        return Dated(record.completed, "completed field")
    start = _run_start(steps, lambda s: tracker.scheme.is_complete(s.status))
    if start and start is not _first(steps):
        return Dated(start.day, start.sha[:7])
    # imported complete (or not committed yet): the paper's last review is the best date
    day = record.last_reviewed or record.meeting
    if day:
        return Dated(day, "last reviewed" if record.last_reviewed else "meeting", exact=False)
    return Dated(start.day, start.sha[:7], exact=False) if start else None


# The figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record behind a figure, and what about it was counted."""

    tracker: str
    record_id: str
    note: str

    def __str__(self) -> str:
        return f"{self.tracker}/{self.record_id}: {self.note}"


@dataclass
class Count:
    """A number, the records it counts, and the number it is a share of (if any)."""

    value: int = 0
    of: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    #: the records the share is of that this count leaves out (implementation: not complete)
    rest: list[Evidence] = field(default_factory=list)

    def add(self, evidence: Evidence) -> None:
        self.value += 1
        self.evidence.append(evidence)

    @property
    def share(self) -> float | None:
        return self.value / self.of if self.of else None

    def text(self) -> str:
        if self.of is None:
            return str(self.value)
        return f"{self.value} of {self.of} ({percent(self.share)})"


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


@dataclass
class Days:
    """Days per record (days to a response, days overdue): their median and longest."""

    values: list[tuple[int, Evidence]] = field(default_factory=list)

    def add(self, days: int, evidence: Evidence) -> None:
        self.values.append((days, evidence))

    @property
    def median(self) -> float | None:
        return statistics.median(d for d, _ in self.values) if self.values else None

    @property
    def longest(self) -> int | None:
        return max(d for d, _ in self.values) if self.values else None

    @property
    def evidence(self) -> list[Evidence]:
        return [e for _, e in sorted(self.values, key=lambda v: -v[0])]


def days_text(days: float | None) -> str:
    if days is None:
        return "–"
    return f"{days:g}" if isinstance(days, int) or days != int(days) else str(int(days))


@dataclass
class Committee:
    """One committee's figures for the period."""

    tracker: str
    name: str
    response_period: str
    period_days: int
    recommendations: Count = field(default_factory=Count)
    decisions: dict[str, Count] = field(
        default_factory=lambda: {d: Count() for d in DECISION_NAMES}
    )
    on_time: Count = field(default_factory=Count)
    late: Count = field(default_factory=Count)
    not_yet_due: Count = field(default_factory=Count)
    undated: Count = field(default_factory=Count)
    days_to_response: Days = field(default_factory=Days)
    outstanding: Count = field(default_factory=Count)
    overdue: Days = field(default_factory=Days)
    implemented_6: Count = field(default_factory=Count)
    implemented_12: Count = field(default_factory=Count)
    actions: Count = field(default_factory=Count)
    actions_completed: Count = field(default_factory=Count)
    not_reviewed: Count = field(default_factory=Count)
    #: (meeting, open recommendations after it) for each meeting in the period
    open_at: list[tuple[date, Count]] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue.values)

    @property
    def responses_due(self) -> int:
        """Recommendations whose response is recorded or past its due date."""
        return self.on_time.value + self.late.value + self.overdue_count


@dataclass(frozen=True, slots=True)
class Milestone:
    """One of the LGA's milestones after a peer challenge: what, by when, and when it was."""

    name: str
    due: date | None
    done: date | None
    state: str  # "met", "missed", "not yet due", "due, not recorded", "no challenge date"

    def text(self) -> str:
        if self.state == "met" and self.done:
            return f"met ({format_uk(self.done)})"
        if self.state == "missed" and self.done:
            return (
                f"missed ({format_uk(self.done)}; due {format_uk(self.due)})"
                if self.due
                else "missed"
            )
        if self.due and self.state in ("not yet due", "due, not recorded", "missed"):
            return f"{self.state} (due by {format_uk(self.due)})"
        return self.state


@dataclass
class PeerChallenge:
    """A peer-challenge action plan's progress now."""

    tracker: str
    name: str
    actions: Count = field(default_factory=Count)
    complete: Count = field(default_factory=Count)
    ongoing: Count = field(default_factory=Count)
    past_target: Count = field(default_factory=Count)
    no_target_date: Count = field(default_factory=Count)
    milestones: list[Milestone] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Outstanding:
    """An open recommendation, for the list of the oldest."""

    tracker: str
    committee: str
    record_id: str
    meeting: date
    days_open: int
    leads: tuple[str, ...]
    decision: str
    summary: str


@dataclass
class Report:
    """The whole report: each committee, their total, each peer challenge, the oldest."""

    period: Period
    as_of: date
    committees: list[Committee]
    total: Committee
    peer: list[PeerChallenge]
    oldest: list[Outstanding]
    include_exempt: bool = False
    skipped: list[str] = field(default_factory=list)  # trackers that did not load
    #: the municipal years (from 1 May) that hold recommendations, for a report of an empty one
    years: list[str] = field(default_factory=list)


# Working them out ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackerInput:
    """One tracker as the report reads it: settings, records now, each record's trail."""

    name: str
    tracker: Tracker
    records: Sequence[Record]
    steps: Mapping[str, Sequence[Step]]  # record id -> steps, oldest first


def _period_days(tracker: Tracker, period: Period) -> int:
    return (tracker.period.after(period.start) - period.start).days


def _meetings_since(tracker: Tracker, since: date, until: date) -> int:
    return sum(1 for m in tracker.meetings if since < m <= until)


def committee_figures(
    source: TrackerInput, period: Period, as_of: date, include_exempt: bool = False
) -> tuple[Committee, list[Outstanding]]:
    """One committee tracker's figures for `period`, as things stood on `as_of`."""
    tracker, name = source.tracker, source.name
    fig = Committee(name, tracker.heading, tracker.response_period, _period_days(tracker, period))
    records = [r for r in source.records if include_exempt or not r.exempt]
    completed: dict[str, Dated | None] = {}
    for record in sorted(records, key=lambda r: sort_key(r.id)):
        steps = source.steps.get(record.id, ())
        completed[record.id] = completed_on(tracker, record, steps)
        _review(fig, tracker, record, as_of)
        if not period.holds(record.meeting) or record.meeting is None:
            continue
        if not record.spec.answered:  # an action agreed at the meeting
            evidence = Evidence(name, record.id, f"agreed {format_uk(record.meeting)}")
            fig.actions.add(evidence)
            done = completed[record.id]
            if done:
                fig.actions_completed.add(Evidence(name, record.id, f"complete {done}"))
            continue
        if record.kind != "recommendation":
            continue
        _recommendation(fig, tracker, record, steps, completed[record.id], as_of)
    fig.actions_completed.of = fig.actions.value
    for decision in fig.decisions.values():
        decision.of = fig.recommendations.value
    fig.on_time.of = fig.late.of = fig.responses_due
    fig.outstanding.of = fig.recommendations.value
    fig.implemented_6.of = fig.implemented_6.of or 0
    fig.implemented_12.of = fig.implemented_12.of or 0
    made = {  # each recommendation's evidence, the same at every meeting it was open at
        r.id: (r.meeting, Evidence(name, r.id, f"made {format_uk(r.meeting)}"))
        for r in records
        if r.kind == "recommendation" and r.meeting is not None
    }
    for meeting in tracker.meetings:
        if period.holds(meeting) and meeting <= as_of:
            count = Count()
            for record_id, (on, evidence) in made.items():
                done = completed[record_id]
                if on <= meeting and (done is None or done.day > meeting):
                    count.add(evidence)
            fig.open_at.append((meeting, count))
    oldest = [
        Outstanding(
            name,
            tracker.heading,
            r.id,
            r.meeting,
            (as_of - r.meeting).days,
            r.leads,
            r.decision or NONE_YET,
            r.summary,
        )
        for r in records
        if r.spec.answered
        and r.meeting is not None
        and r.meeting <= period.end
        and completed[r.id] is None
        and not r.archived
        and r.decision != "Rejected"
    ]
    return fig, oldest


def _recommendation(
    fig: Committee,
    tracker: Tracker,
    record: Record,
    steps: Sequence[Step],
    done: Dated | None,
    as_of: date,
) -> None:
    name = fig.tracker
    assert record.meeting is not None
    fig.recommendations.add(Evidence(name, record.id, f"made {format_uk(record.meeting)}"))
    decision = record.decision or NONE_YET
    fig.decisions[decision].add(Evidence(name, record.id, decision))
    due = tracker.response_due(record) or tracker.period.after(record.meeting)
    answered = answered_on(record, steps)
    if answered is not None and not answered.exact:
        fig.undated.add(
            Evidence(
                name,
                record.id,
                f"{decision}; the day it was recorded is not known "
                f"({answered.source}): give it a responded date",
            )
        )
    elif answered is not None:
        days = (answered.day - record.meeting).days
        note = f"response recorded {answered}, due {format_uk(due)}"
        fig.days_to_response.add(days, Evidence(name, record.id, f"{days} days; {note}"))
        if answered.day <= due:
            fig.on_time.add(Evidence(name, record.id, note))
        else:
            late = (answered.day - due).days
            fig.late.add(Evidence(name, record.id, f"{note}: {late} days late"))
    else:
        fig.outstanding.add(Evidence(name, record.id, f"no response yet; due {format_uk(due)}"))
        if due < as_of:
            overdue = (as_of - due).days
            fig.overdue.add(
                overdue,
                Evidence(name, record.id, f"due {format_uk(due)}: {overdue} days overdue"),
            )
        else:
            fig.not_yet_due.add(Evidence(name, record.id, f"due {format_uk(due)}"))
    if record.decision in ACCEPTING:
        for months, count in ((6, fig.implemented_6), (12, fig.implemented_12)):
            mark = add_months(record.meeting, months)
            if mark > as_of:
                continue
            count.of = (count.of or 0) + 1
            if done is not None and done.day <= mark:
                count.add(Evidence(name, record.id, f"complete {done}, by {format_uk(mark)}"))
            else:
                count.rest.append(
                    Evidence(
                        name,
                        record.id,
                        f"not complete by {format_uk(mark)}"
                        + (f" (complete {done})" if done else ""),
                    )
                )


def _review(fig: Committee, tracker: Tracker, record: Record, as_of: date) -> None:
    """Open records not reviewed for more than two of the tracker's meetings."""
    if record.kind not in ("recommendation", "action") or record.archived:
        return
    if tracker.scheme.is_complete(record.status):
        return
    since = record.last_reviewed or record.meeting
    if since is None:
        return
    missed = _meetings_since(tracker, since, as_of)
    if missed > 2:
        reviewed = f"last reviewed {format_uk(since)}" if record.last_reviewed else "never reviewed"
        fig.not_reviewed.add(
            Evidence(fig.tracker, record.id, f"{reviewed}; {missed} meetings since")
        )


_TOTAL_FIELDS = (
    "recommendations",
    "undated",
    "on_time",
    "late",
    "not_yet_due",
    "outstanding",
    "implemented_6",
    "implemented_12",
    "actions",
    "actions_completed",
    "not_reviewed",
)


def total_figures(committees: Sequence[Committee]) -> Committee:
    """Every committee's figures added up (medians over every recommendation, not averaged)."""
    periods = {c.response_period for c in committees}
    total = Committee(
        "",
        "All committees",
        periods.pop() if len(periods) == 1 else "varies",
        committees[0].period_days if len({c.period_days for c in committees}) == 1 else 0,
    )
    for fig in committees:
        for name in _TOTAL_FIELDS:
            mine, theirs = getattr(total, name), getattr(fig, name)
            mine.value += theirs.value
            mine.evidence += theirs.evidence
            mine.rest += theirs.rest
            if theirs.of is not None:
                mine.of = (mine.of or 0) + theirs.of
        for key, count in fig.decisions.items():
            total.decisions[key].value += count.value
            total.decisions[key].evidence += count.evidence
        total.days_to_response.values += fig.days_to_response.values
        total.overdue.values += fig.overdue.values
    for count in total.decisions.values():
        count.of = total.recommendations.value
    total.on_time.of = total.late.of = total.responses_due
    total.outstanding.of = total.recommendations.value
    if total.implemented_6.of is None:
        total.implemented_6.of = 0
    if total.implemented_12.of is None:
        total.implemented_12.of = 0
    total.open_at = _open_at_total(committees)
    return total


def _open_at_total(committees: Sequence[Committee]) -> list[tuple[date, Count]]:
    """At each meeting of any committee, the open recommendations of every committee then."""
    days = sorted({m for c in committees for m, _ in c.open_at})
    out = []
    for day in days:
        count = Count()
        for fig in committees:
            before = [c for m, c in fig.open_at if m <= day]
            if before:
                count.value += before[-1].value
                count.evidence += before[-1].evidence
        out.append((day, count))
    return out


# Peer challenges ----------------------------------------------------------------------------

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(m[:3] for m in _MONTH_NAMES) + r")[a-z]*\.?\s+(\d{4})\b", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+("
    + "|".join(m[:3] for m in _MONTH_NAMES)
    + r")[a-z]*\.?\s+(\d{4})\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def date_in(text: str, *, month_end: bool = True) -> date | None:
    """The date a free text names: '9 April 2024', '11/04/24', 'March 2025 (IPS)' (a month
    alone is its last day when `month_end`, else its first); None if it names none."""
    try:
        if match := _ISO.search(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_MONTH_YEAR.search(text):
            month = [m[:3] for m in _MONTH_NAMES].index(match[2][:3].lower()) + 1
            return date(int(match[3]), month, int(match[1]))
        if match := _NUMERIC.search(text):
            year = int(match[3])
            return date(year + 2000 if year < 100 else year, int(match[2]), int(match[1]))
        if match := _MONTH_YEAR.search(text):
            month = [m[:3] for m in _MONTH_NAMES].index(match[1][:3].lower()) + 1
            first = date(int(match[2]), month, 1)
            return add_months(first, 1) - timedelta(days=1) if month_end else first
    except ValueError:  # 31/02/25
        return None
    return None


def _milestone(
    name: str, due: date | None, done: date | None, as_of: date, grace: int = 0
) -> Milestone:
    if due is None:
        return Milestone(name, None, done, "no challenge date")
    if done is not None:
        return Milestone(
            name, due, done, "met" if done <= due + timedelta(days=grace) else "missed"
        )
    return Milestone(name, due, None, "not yet due" if as_of <= due else "due, not recorded")


def peer_figures(source: TrackerInput, as_of: date, include_exempt: bool = False) -> PeerChallenge:
    """A peer-challenge plan's actions now, and the LGA's milestones."""
    tracker, name = source.tracker, source.name
    fig = PeerChallenge(name, tracker.heading)
    for record in sorted(source.records, key=lambda r: sort_key(r.id)):
        if record.kind != "peer-action" or (record.exempt and not include_exempt):
            continue
        fig.actions.add(Evidence(name, record.id, record.status or "no status"))
        if tracker.scheme.is_complete(record.status):
            fig.complete.add(Evidence(name, record.id, record.status or ""))
            continue
        fig.ongoing.add(Evidence(name, record.id, record.status or "no status"))
        target = date_in(record.target)
        if target is None:
            fig.no_target_date.add(
                Evidence(
                    name, record.id, f"target {record.target!r}" if record.target else "no target"
                )
            )
        elif target < as_of:
            fig.past_target.add(
                Evidence(name, record.id, f"target {record.target!r} ({format_uk(target)})")
            )
    for count in (fig.complete, fig.ongoing, fig.past_target, fig.no_target_date):
        count.of = fig.actions.value
    challenge = tracker.challenge_date
    review = tracker.progress_review or date_in(tracker.review, month_end=False)
    fig.milestones = [
        _milestone(
            "Action plan published within three months",
            add_months(challenge, 3) if challenge else None,
            tracker.plan_published,
            as_of,
        ),
        _milestone(
            "Progress review about ten months after",
            add_months(challenge, 10) if challenge else None,
            review,
            as_of,
            grace=31,
        ),
        _milestone(
            "Progress review report within twelve months",
            add_months(challenge, 12) if challenge else None,
            tracker.progress_report,
            as_of,
        ),
    ]
    return fig


# The whole report ---------------------------------------------------------------------------


def build_report(
    sources: Iterable[TrackerInput],
    period: Period,
    as_of: date,
    *,
    include_exempt: bool = False,
    skipped: Sequence[str] = (),
    starts: tuple[int, int] = (5, 1),
) -> Report:
    """Every tracker's figures for `period` as things stood on `as_of` (`starts`: the day the
    municipal year starts, to name the years that hold recommendations)."""
    sources = list(sources)
    committees: list[Committee] = []
    peer: list[PeerChallenge] = []
    oldest: list[Outstanding] = []
    for source in sources:
        if source.tracker.spec.answered_kinds:
            fig, open_ones = committee_figures(source, period, as_of, include_exempt)
            committees.append(fig)
            oldest += open_ones
        elif source.tracker.spec.milestones:
            peer.append(peer_figures(source, as_of, include_exempt))
    headings = [c.name for c in committees]
    for fig in committees:
        if headings.count(fig.name) > 1:
            fig.name = f"{fig.name} ({fig.tracker})"
    named = {c.tracker: c.name for c in committees}
    oldest = [replace(o, committee=named.get(o.tracker, o.committee)) for o in oldest]
    oldest.sort(key=lambda o: (o.meeting, o.tracker, sort_key(o.record_id)))
    total = total_figures(committees) if committees else Committee("", "All committees", "", 0)
    years = sorted(
        {
            _year_of(r.meeting, starts)
            for source in sources
            for r in source.records
            if r.spec.answered and r.meeting and (include_exempt or not r.exempt)
        }
    )
    return Report(
        period,
        as_of,
        committees,
        total,
        peer,
        oldest[:OLDEST],
        include_exempt,
        list(skipped),
        years,
    )


def _year_of(day: date, starts: tuple[int, int]) -> str:
    first = day.year if day >= date(day.year, *starts) else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


class Loaded(Protocol):
    """A tracker as loaded: the store's TrackerState, or the app's snapshot of one."""

    @property
    def tracker(self) -> Tracker | None: ...

    @property
    def records(self) -> Mapping[str, Record]: ...


def inputs(
    trackers: Mapping[str, Loaded],
    trail: Trail,
    names: Sequence[str] = (),
    until: date | None = None,
) -> tuple[list[TrackerInput], list[str]]:
    """The trackers to report on (`names`, else every committee and peer-challenge tracker)
    with each record's steps (made on or before `until`, if given); and the names of those
    that do not load."""
    chosen = list(names) or [
        n for n, t in trackers.items() if t.tracker is None or t.tracker.kind in REPORTED
    ]
    out, skipped = [], []
    for name in chosen:
        tracker_state = trackers[name]
        if tracker_state.tracker is None:
            skipped.append(name)
            continue
        records = list(tracker_state.records.values())
        steps = {
            r.id: [s for s in trail.of(name, r.id) if until is None or s.day <= until]
            for r in records
        }
        out.append(TrackerInput(name, tracker_state.tracker, records, steps))
    return out, skipped


def chart_scheme(sources: Sequence[TrackerInput]) -> StatusScheme | None:
    """The status scheme the charts take their colours from: the first committee's."""
    return next((s.tracker.scheme for s in sources if s.tracker.spec.answered_kinds), None)
