"""A tracker's own settings: what it is, who keeps it, its status scheme and its meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scrutui.domain.calendar import DEFAULT_RESPONSE_PERIOD, Period, parse_period
from scrutui.domain.records import KINDS, TRACKER_KINDS, Record, TrackerKind
from scrutui.domain.status import PRESETS, StatusScheme


@dataclass(frozen=True, slots=True)
class PledgeArea:
    """An engagement log's pledge area: whose it is, its name, and the pledges made in it."""

    organisation: str
    name: str
    pledges: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaperSettings:
    """How the tracker's papers are laid out: `[paper]` in `tracker.toml`.

    `orientation`, `font` and `font_size` are the Word paper's page and type; `legend` prints
    scrutui's own line explaining the complete mark (off: the published papers do not have
    it); `headings` gives an engagement log's organisations their own table headings.
    """

    orientation: str = "landscape"
    font: str = "Arial"
    font_size: float = 11
    legend: bool = False
    headings: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def headings_for(self, organisation: str) -> tuple[str, ...] | None:
        return next((h for o, h in self.headings if o == organisation), None)


@dataclass(frozen=True, slots=True)
class Tracker:
    """The contents of one `tracker.toml`. `name` is the tracker's folder name."""

    name: str
    kind: str
    title: str
    scheme: StatusScheme
    subtitle: str = ""
    committee: str = ""
    council: str = ""
    chair: str = ""
    officer: str = ""
    officer_role: str = ""
    officer_email: str = ""
    explanation: str = ""
    meetings: tuple[date, ...] = ()
    response_period: str = DEFAULT_RESPONSE_PERIOD
    review: str = ""
    update_heading: str = ""
    challenge_date: date | None = None
    # the LGA's milestones after a peer challenge, for the annual report
    plan_published: date | None = None
    progress_review: date | None = None
    progress_report: date | None = None
    source: str = ""
    areas: tuple[PledgeArea, ...] = ()
    paper: PaperSettings = PaperSettings()

    @property
    def spec(self) -> TrackerKind:
        return TRACKER_KINDS[self.kind]

    @property
    def record_kinds(self) -> tuple[str, ...]:
        return self.spec.record_kinds

    @property
    def period(self) -> Period:
        return parse_period(self.response_period)

    def response_due(self, record: Record) -> date | None:
        """When the executive's response to a recommendation is due, or None (for a kind
        that takes no response)."""
        if record.spec.spec("response_due") is None:
            return None
        if record.response_due:
            return record.response_due
        return self.period.after(record.meeting) if record.meeting else None

    def response_overdue(self, record: Record, today: date) -> bool:
        """A recommendation with no decision yet, past the date its response was due."""
        due = self.response_due(record)
        return bool(
            due
            and record.decision is None
            and due < today
            and not self.scheme.is_complete(record.status)
        )

    def completed_on(self, record: Record) -> date | None:
        """When a complete record was completed: its `completed` date, else last reviewed."""
        if not self.scheme.is_complete(record.status):
            return None
        return record.completed or record.last_reviewed or record.meeting

    @property
    def heading(self) -> str:
        """What the tracker is called: its committee, or for a plan or a log its title."""
        field = self.spec.heading_from
        named = getattr(self, field, "") if field else ""
        return str(named) if named else self.title


def default_scheme(kind: str) -> StatusScheme:
    """The status scheme a new tracker of `kind` starts with."""
    return PRESETS[TRACKER_KINDS[kind].preset]


def kinds_for(tracker_kind: str) -> list[str]:
    return [k for k in KINDS if KINDS[k].tracker_kind == tracker_kind]
