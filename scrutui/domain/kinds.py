"""Tracker kinds and record kinds as data, and the registry every layer reads them from.

A record kind says what its records hold (fields and their types), how its ids are made and
where an update goes. A tracker kind says which record kinds it holds, its status-scheme
preset, the settings of a new tracker, the columns of its table (with the priority and
width that decide which hide first in a narrow terminal), what a new record starts from,
and the name of the paper module that renders it (`scrutui.papers`). The shipped kinds are
in `scrutui.domain.specs`; a new kind is one module there and one paper module.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from scrutui.domain.fields import FIELD_TYPES, FieldSpec, FieldType, is_empty
from scrutui.domain.ids import sort_key
from scrutui.domain.status import StatusScheme


class Record(Protocol):
    """What a specification reads of a record (`scrutui.domain.records.Record`); a protocol,
    so the specifications sit below the records they describe."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def spec(self) -> KindSpec: ...
    def get(self, name: str) -> Any: ...


class Tracker(Protocol):
    """What a specification reads of a tracker (`scrutui.domain.tracker.Tracker`)."""

    @property
    def scheme(self) -> StatusScheme: ...
    @property
    def record_kinds(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What one kind of record is: its id pattern, its tracker kind and its fields."""

    name: str
    label: str
    prefix: str
    tracker_kind: str
    id_pattern: re.Pattern[str]
    fields: tuple[FieldSpec, ...]
    #: Fields whose values make the id's stem: R-2024-01-19-3 (meeting), PA-2-1 (recommendation).
    id_parts: tuple[str, ...] = ()
    #: A field that repeats the id's own number (a peer recommendation's `number`).
    number_field: str | None = None
    #: The field a dated update goes to (a list of updates, the latest update, an answer).
    update_field: str | None = None
    #: A short name for narrow columns ("Rec."); the label if empty.
    short_label: str = ""
    #: The fields a one-line description is taken from, the first with a value (in `list`,
    #: a commit's body, the history).
    summary_fields: tuple[str, ...] = ("text", "title", "said", "topic")
    #: Whether its records are owed by their leads (a peer recommendation is not: its actions
    #: are what is owed).
    owed: bool = True

    @property
    def answered(self) -> bool:
        """Whether the executive answers records of this kind with a decision and response."""
        return self.spec("decision") is not None

    @property
    def a_label(self) -> str:
        """'a recommendation', 'an action': the label with its article, for messages."""
        label = self.label.lower()
        return f"an {label}" if label[0] in "aeiou" else f"a {label}"

    def spec(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def short(self) -> str:
        """The kind's name in a narrow column: "Rec.", "Action"."""
        return self.short_label or self.label

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def editable(self) -> tuple[FieldSpec, ...]:
        """The fields an officer types (not the lists of dated entries)."""
        return tuple(f for f in self.fields if f.editable)

    @property
    def example_id(self) -> str:
        """An id of this kind, for messages: R-2024-01-19-1, PA-1-1, E-1."""
        examples = {"date": "2024-01-19"}
        specs = [s for p in self.id_parts if (s := self.spec(p))]
        parts = [examples.get(s.type, "1") for s in specs]
        return "-".join((self.prefix, *parts, "1"))

    def new_id(self, used: set[str], values: Mapping[str, Any]) -> str:
        """The next id of this kind not in `used` (which must hold every id ever used)."""
        stem = [self.prefix]
        for name in self.id_parts:
            value = values.get(name)
            if value is None or value == "":
                label = spec.label.lower() if (spec := self.spec(name)) else name
                raise ValueError(f"a new {self.label.lower()} needs its {label}")
            stem.append(value.isoformat() if isinstance(value, date) else str(value))
        prefix = "-".join(stem)
        taken = [int(u.rsplit("-", 1)[1]) for u in used if u.rsplit("-", 1)[0] == prefix]
        return f"{prefix}-{max(taken, default=0) + 1}"


RecordKind = KindSpec


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a tracker's table: the first of `fields` a record has a value for."""

    key: str
    #: The heading; empty for the status scheme's own ("R/Y/G", "Status").
    label: str
    fields: tuple[str, ...]
    #: The widest its cells are drawn; longer text is clipped.
    width: int
    #: How narrow it may be drawn when the terminal is narrow (0: never narrower than `width`).
    min_width: int = 0
    #: 1 is kept longest; the highest number hides first when the columns do not fit.
    priority: int = 5
    #: The text column: it also takes whatever room is left once every column is at its widest.
    flex: bool = False
    #: Shown only when some record of the tracker has a value for it (a council's reference).
    when_any: bool = False

    def heading(self, tracker: Tracker) -> str:
        return self.label or tracker.scheme.column_heading

    @property
    def least(self) -> int:
        return self.min_width or self.width

    def value(self, record: Record) -> tuple[Any, FieldType | None]:
        """The record's value for this column and its field type (None for the id)."""
        for name in self.fields:
            if name == "id":
                return record.id, None
            spec = record.spec.spec(name)
            if spec is None:
                continue
            value = record.get(name)
            if not is_empty(value) or name == self.fields[-1]:
                return value, spec.field_type
        return "", None

    def cell(self, record: Record) -> str:
        value, field_type = self.value(record)
        return field_type.cell(value) if field_type else str(value)

    def sort_key(self, tracker: Tracker) -> Callable[[Record], Any]:
        if self.fields == ("id",):
            kinds = tracker.record_kinds
            return lambda r: (kinds.index(r.kind) if r.kind in kinds else 9, sort_key(r.id))

        def key(record: Record) -> Any:
            value, field_type = self.value(record)
            return field_type.sort_key(value, tracker.scheme) if field_type else ""

        return key


#: The id column every table starts with.
ID_COLUMN = Column("id", "Id", ("id",), 15, priority=1)


def fit(
    columns: Sequence[Column], tracker: Tracker, width: int, *, reserved: int = 0, padding: int = 2
) -> list[tuple[Column, int]]:
    """The columns that fit in `width` characters (less `reserved` for others), each with the
    width its cells are clipped to: the least useful hide first, then the flexible ones share
    what is left up to their widest, the most useful first."""
    chosen = list(columns)

    def least(column: Column) -> int:
        return max(column.least, len(column.heading(tracker))) + padding

    while len(chosen) > 1 and sum(map(least, chosen)) + reserved > width:
        chosen.remove(max(chosen, key=lambda c: (c.priority, chosen.index(c))))
    widths = {c.key: max(c.least, len(c.heading(tracker))) for c in chosen}
    spare = width - reserved - sum(map(least, chosen))
    for column in sorted(chosen, key=lambda c: c.priority):
        grow = max(0, min(spare, column.width - widths[column.key]))
        widths[column.key] += grow
        spare -= grow
    flexible = next((c for c in chosen if c.flex), None)
    if flexible is not None and spare > 0:  # the text takes the rest: no blank at 120 columns
        widths[flexible.key] += spare
    return [(c, widths[c.key]) for c in chosen]


@dataclass(frozen=True, slots=True)
class TrackerKind:
    """What one kind of tracker is, and everything that differs between kinds."""

    name: str
    #: What the kind is called in help and messages ("committee tracker").
    label: str
    record_kinds: tuple[str, ...]
    #: The status scheme a new tracker of this kind starts with (`scrutui.domain.status`).
    preset: str
    #: The name of the paper renderer (`scrutui.papers.registry`).
    paper: str
    #: The table's columns after the id, in order.
    columns: tuple[Column, ...]
    #: The title of a new tracker.
    default_title: str
    #: The other settings of a new tracker.toml, in order, with their first values.
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: The setting `scrutui init --committee` fills: the committee or the council.
    named_by: str | None = None
    #: The setting that names the tracker in headings, when set (else its title).
    heading_from: str | None = None
    #: The kind of a new record; None: the selected record's kind, else the first.
    new_kind: str | None = None
    #: A new record's fields taken from the selected one: (field, fields to take it from).
    carry: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Whether minutes and tracker tables import into it (their records are these kinds).
    imports: bool = False
    #: Whether the LGA's peer-challenge milestones apply (plan, progress review, its report).
    milestones: bool = False

    @property
    def answered_kinds(self) -> tuple[str, ...]:
        """The record kinds the executive answers with a decision (a committee's
        recommendations): what the annual report counts as recommendations."""
        return tuple(k for k in self.record_kinds if KINDS[k].answered)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The id and the columns every tracker of the kind shows."""
        return (ID_COLUMN, *(c for c in self.columns if not c.when_any))

    def columns_with(self, present: Iterable[str]) -> tuple[Column, ...]:
        """The id and the columns shown when the records have values for `present` (the keys
        of columns shown only when some record has a value, as a council's reference)."""
        keys = set(present)
        return (ID_COLUMN, *(c for c in self.columns if not c.when_any or c.key in keys))

    def new_record(self, selected: Record | None) -> tuple[str, dict[str, Any]]:
        """The kind and first values of a new record, from the record under the cursor."""
        if self.new_kind:
            kind = self.new_kind
        elif selected is not None and selected.kind in self.record_kinds:
            kind = selected.kind
        else:
            kind = self.record_kinds[0]
        values: dict[str, Any] = {}
        if selected is not None:
            for name, sources in self.carry:
                found = [v for s in sources if not is_empty(v := selected.get(s))]
                if found or len(sources) == 1:
                    values[name] = found[0] if found else selected.get(sources[0])
        return kind, values

    @property
    def update_kinds(self) -> tuple[str, ...]:
        """The record kinds that take dated updates."""
        return tuple(k for k in self.record_kinds if KINDS[k].update_field)


# The registry --------------------------------------------------------------------------------

#: Every record kind by name.
KINDS: dict[str, KindSpec] = {}
#: Every tracker kind by name.
TRACKER_KINDS: dict[str, TrackerKind] = {}
#: The module each kind was registered from ("tracker:committee" -> "scrutui.domain.specs...").
DEFINED_IN: dict[str, str] = {}


def register(tracker: TrackerKind, *records: KindSpec) -> TrackerKind:
    """Make a tracker kind and its record kinds known to every layer."""
    where = sys._getframe(1).f_globals.get("__name__", "?")
    names = {r.name for r in records}
    missing = [k for k in tracker.record_kinds if k not in names and k not in KINDS]
    if missing:
        raise ValueError(f"{tracker.name}: no record kind {', '.join(missing)}")
    for record in records:
        unknown = [f.name for f in record.fields if f.type not in FIELD_TYPES]
        if unknown:
            raise ValueError(f"{record.name}: unknown field type for {', '.join(unknown)}")
        KINDS[record.name] = record
        DEFINED_IN[f"record:{record.name}"] = where
    TRACKER_KINDS[tracker.name] = tracker
    DEFINED_IN[f"tracker:{tracker.name}"] = where
    return tracker


def unregister(tracker: str) -> None:
    """Forget a tracker kind and its record kinds (for tests that register a toy kind)."""
    spec = TRACKER_KINDS.pop(tracker)
    DEFINED_IN.pop(f"tracker:{tracker}", None)
    for kind in spec.record_kinds:
        if KINDS.get(kind) and KINDS[kind].tracker_kind == tracker:
            del KINDS[kind]
            DEFINED_IN.pop(f"record:{kind}", None)


def kinds_of(tracker_kind: str) -> Iterable[KindSpec]:
    return (KINDS[k] for k in TRACKER_KINDS[tracker_kind].record_kinds)
