"""Record kinds and the record itself: committee recommendations and actions, peer-challenge
recommendations and actions, and engagement ("you said, we did") items."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

FieldType = Literal[
    "line",
    "text",
    "date",
    "status",
    "names",
    "bool",
    "int",
    "lines",
    "decision",
    "updates",
    "answers",
]

DECISIONS = ("Accepted", "Partially Accepted", "Rejected")
ANSWER_TYPES = ("Q&A", "Comment", "Suggestion", "Action", "Suggestion/Action")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field a record kind may hold: its TOML key, type and label."""

    name: str
    type: FieldType
    label: str
    required: bool = False
    help: str = ""


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What one kind of record is: its id pattern, its tracker kind and its fields."""

    name: str
    label: str
    prefix: str
    tracker_kind: str
    id_pattern: re.Pattern[str]
    fields: tuple[FieldSpec, ...]

    @property
    def a_label(self) -> str:
        """'a recommendation', 'an action': the label with its article, for messages."""
        label = self.label.lower()
        return f"an {label}" if label[0] in "aeiou" else f"a {label}"

    def spec(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_STATUS = FieldSpec("status", "status", "Status", required=True)
_STATUS_OPTIONAL = FieldSpec("status", "status", "Status")
_LEADS = FieldSpec("leads", "names", "Lead", help="two or more: separate them with ;")
_REVIEWED = FieldSpec("last_reviewed", "date", "Last reviewed")
_COMPLETED = FieldSpec("completed", "date", "Completed", help="set when marked complete")
_FLAGS = (
    FieldSpec("exempt", "bool", "Exempt (closed session)"),
    FieldSpec("archived", "bool", "Archived"),
)
_UPDATES = FieldSpec("updates", "updates", "Updates")
_MEETING = FieldSpec("meeting", "date", "Meeting date", required=True)
_ITEM = FieldSpec("item", "line", "Item", required=True)

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            "recommendation",
            "Recommendation",
            "R",
            "committee",
            re.compile(r"^R-\d{4}-\d{2}-\d{2}-\d+$"),
            (
                _MEETING,
                _ITEM,
                FieldSpec("text", "text", "Recommendation", required=True),
                _LEADS,
                _REVIEWED,
                _STATUS,
                FieldSpec("decision", "decision", "Executive decision"),
                FieldSpec("response", "text", "Response"),
                FieldSpec(
                    "response_due",
                    "date",
                    "Response due",
                    help="leave blank to count from the meeting",
                ),
                FieldSpec(
                    "responded",
                    "date",
                    "Response received",
                    help="leave blank: the date the decision or response was first recorded",
                ),
                _COMPLETED,
                *_FLAGS,
                _UPDATES,
            ),
        ),
        KindSpec(
            "action",
            "Action",
            "A",
            "committee",
            re.compile(r"^A-\d{4}-\d{2}-\d{2}-\d+$"),
            (
                _MEETING,
                _ITEM,
                FieldSpec("text", "text", "Action", required=True),
                _LEADS,
                _REVIEWED,
                _STATUS,
                _COMPLETED,
                *_FLAGS,
                _UPDATES,
            ),
        ),
        KindSpec(
            "peer-recommendation",
            "Peer recommendation",
            "PR",
            "peer-challenge",
            re.compile(r"^PR-\d+$"),
            (
                FieldSpec("number", "int", "Number", required=True),
                FieldSpec("title", "line", "Title", required=True),
                FieldSpec(
                    "table_heading",
                    "line",
                    "Heading of its actions table",
                    help="as printed above the table; leave blank for none",
                ),
                FieldSpec(
                    "bullets", "lines", "The peers' recommendations", help="one bullet per line"
                ),
                *_FLAGS,
            ),
        ),
        KindSpec(
            "peer-action",
            "Action",
            "PA",
            "peer-challenge",
            re.compile(r"^PA-\d+-\d+$"),
            (
                FieldSpec("recommendation", "int", "Recommendation number", required=True),
                FieldSpec("text", "text", "Action", required=True),
                FieldSpec("target", "line", "Target date", help="free text, as printed"),
                _STATUS_OPTIONAL,
                FieldSpec("update", "text", "Update"),
                _LEADS,
                _REVIEWED,
                _COMPLETED,
                *_FLAGS,
            ),
        ),
        KindSpec(
            "engagement",
            "Engagement item",
            "E",
            "engagement",
            re.compile(r"^E-\d+$"),
            (
                FieldSpec("organisation", "line", "Organisation"),
                FieldSpec("area", "line", "Pledge area", required=True),
                FieldSpec("topic", "line", "Topic"),
                FieldSpec(
                    "said",
                    "lines",
                    "You said",
                    required=True,
                    help="one comment or question per line",
                ),
                FieldSpec("answers", "answers", "We did"),
                _STATUS_OPTIONAL,
                _LEADS,
                _REVIEWED,
                _COMPLETED,
                *_FLAGS,
            ),
        ),
    )
}

TRACKER_KINDS: dict[str, tuple[str, ...]] = {
    "committee": ("recommendation", "action"),
    "peer-challenge": ("peer-recommendation", "peer-action"),
    "engagement": ("engagement",),
}

ID_CHARS = re.compile(r"^[A-Z]{1,3}(-\d+)+$")


@dataclass(frozen=True, slots=True)
class Update:
    """A dated "Update:" paragraph added at a review."""

    date: date
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One typed answer in an engagement log, and the team it is for."""

    text: str
    type: str | None = None
    team: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    """One record of any kind. Fields a kind does not use keep their empty defaults."""

    id: str
    kind: str
    status: str | None = None
    leads: tuple[str, ...] = ()
    last_reviewed: date | None = None
    completed: date | None = None
    exempt: bool = False
    archived: bool = False
    # committee recommendations and actions
    meeting: date | None = None
    item: str = ""
    text: str = ""
    decision: str | None = None
    response: str = ""
    response_due: date | None = None
    responded: date | None = None
    updates: tuple[Update, ...] = ()
    # peer challenge
    number: int | None = None
    title: str = ""
    table_heading: str = ""
    bullets: tuple[str, ...] = ()
    recommendation: int | None = None
    target: str = ""
    update: str = ""
    # engagement
    organisation: str = ""
    area: str = ""
    topic: str = ""
    said: tuple[str, ...] = ()
    answers: tuple[Answer, ...] = field(default=())

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    def to_data(self) -> dict[str, Any]:
        """The TOML keys of this record in their canonical order, empty values left out."""
        data: dict[str, Any] = {"kind": self.kind}
        for spec in self.spec.fields:
            value = getattr(self, spec.name)
            if value is None or value is False or value == "" or value == ():
                continue
            if spec.type == "updates":
                value = [{"date": u.date, "text": u.text} for u in value]
            elif spec.type == "answers":
                value = [
                    {
                        **({"type": a.type} if a.type else {}),
                        "text": a.text,
                        **({"team": a.team} if a.team else {}),
                    }
                    for a in value
                ]
            elif isinstance(value, tuple):
                value = list(value)
            data[spec.name] = value
        return data

    @property
    def summary(self) -> str:
        """A one-line description: the record's text, title or first comment."""
        text = self.text or self.title or (self.said[0] if self.said else "") or self.topic
        return " ".join(text.split())

    @property
    def last_update(self) -> str:
        if self.updates:
            return self.updates[-1].text
        return self.update or self.response


RECORD_FIELDS = frozenset(f.name for f in fields(Record))


@functools.lru_cache(maxsize=1 << 16)
def sort_key(record_id: str) -> tuple[Any, ...]:
    """Ids in paper order: prefix, then each number part numerically (kept: tables sort by
    it on every keystroke of a filter)."""
    prefix, *parts = record_id.split("-")
    return (prefix, *(int(p) if p.isdigit() else 0 for p in parts))


def new_id(
    kind: str, used: set[str], *, meeting: date | None = None, recommendation: int | None = None
) -> str:
    """The next id of `kind` not in `used` (which must hold every id ever used)."""
    spec = KINDS[kind]
    if spec.prefix in ("R", "A"):
        if meeting is None:
            raise ValueError(f"a new {spec.label.lower()} needs its meeting date")
        stem = f"{spec.prefix}-{meeting.isoformat()}"
    elif spec.prefix == "PA":
        if recommendation is None:
            raise ValueError("a new peer-challenge action needs its recommendation number")
        stem = f"PA-{recommendation}"
    else:
        stem = spec.prefix
    taken = [int(u.rsplit("-", 1)[1]) for u in used if u.rsplit("-", 1)[0] == stem]
    return f"{stem}-{max(taken, default=0) + 1}"
