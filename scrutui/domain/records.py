"""Record kinds and the record itself: committee recommendations and actions, peer-challenge
recommendations and actions, and engagement ("you said, we did") items."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

import scrutui.domain.specs  # noqa: F401  (registers the shipped kinds)
from scrutui.domain.fields import (
    ANSWER_TYPES,
    DECISIONS,
    FIELD_TYPES,
    Answer,
    FieldSpec,
    FieldType,
    Update,
    is_empty,
)
from scrutui.domain.ids import sort_key
from scrutui.domain.kinds import KINDS, TRACKER_KINDS, KindSpec, RecordKind, TrackerKind

__all__ = [
    "ANSWER_TYPES",
    "DECISIONS",
    "FIELD_TYPES",
    "KINDS",
    "TRACKER_KINDS",
    "Answer",
    "FieldSpec",
    "FieldType",
    "KindSpec",
    "Record",
    "RecordKind",
    "TrackerKind",
    "Update",
    "new_id",
    "sort_key",
    "with_update",
]

ID_CHARS = re.compile(r"^[A-Z]{1,3}(-\d+)+$")


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
    area_inferred: bool = False  # the paper leaves the area blank: not printed
    topic: str = ""
    said: tuple[str, ...] = ()
    answers: tuple[Answer, ...] = field(default=())
    #: The fields of kinds registered since (a new kind's own fields), as (name, value).
    extra: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def make(cls, id: str, kind: str, values: Mapping[str, Any]) -> Record:
        """A record of `kind` with `values` for any of its kind's fields."""
        return cls(id=id, kind=kind).with_values(values)

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    def get(self, name: str) -> Any:
        """The value of field `name` (its type's empty value when the record has none)."""
        if name in RECORD_FIELDS:
            return getattr(self, name)
        for key, value in self.extra:
            if key == name:
                return value
        spec = KINDS[self.kind].spec(name) if self.kind in KINDS else None
        return spec.field_type.empty if spec else None

    def with_values(self, values: Mapping[str, Any]) -> Record:
        """This record with `values` set (a field of a newer kind goes in `extra`)."""
        known = {k: v for k, v in values.items() if k in RECORD_FIELDS}
        others = {k: v for k, v in values.items() if k not in RECORD_FIELDS}
        if others:
            kept = tuple((k, v) for k, v in self.extra if k not in others)
            known["extra"] = kept + tuple(others.items())
        return replace(self, **known) if known else self

    def to_data(self) -> dict[str, Any]:
        """The TOML keys of this record in their canonical order, empty values left out."""
        data: dict[str, Any] = {"kind": self.kind}
        for spec in self.spec.fields:
            value = self.get(spec.name)
            if not is_empty(value):
                data[spec.name] = spec.field_type.dump(value)
        return data

    @property
    def summary(self) -> str:
        """A one-line description: the first of its kind's `summary_fields` with a value
        (a record's text, title or first comment)."""
        for name in self.spec.summary_fields:
            value = self.get(name)
            if isinstance(value, tuple):
                value = value[0] if value else ""
            if value:
                return " ".join(str(value).split())
        return ""

    @property
    def last_update(self) -> str:
        if self.updates:
            return self.updates[-1].text
        return self.update or self.response


RECORD_FIELDS = frozenset(f.name for f in fields(Record)) - {"extra", "id", "kind"}


def new_id(
    kind: str,
    used: set[str],
    *,
    meeting: date | None = None,
    recommendation: int | None = None,
    values: Mapping[str, Any] | None = None,
) -> str:
    """The next id of `kind` not in `used` (which must hold every id ever used); the fields
    its ids are made from (a meeting date, a recommendation number) from `values`."""
    given = {"meeting": meeting, "recommendation": recommendation, **(values or {})}
    return KINDS[kind].new_id(used, given)


def reviewed(record: Record, on: date) -> date:
    """Last reviewed after a review dated `on`: a backdated one never moves it backwards."""
    return max(record.last_reviewed, on) if record.last_reviewed else on


def with_update(record: Record, text: str, on: date) -> Record:
    """The record with a dated update added where its kind keeps updates, reviewed `on`."""
    name = record.spec.update_field
    if name is None:
        raise ValueError(f"{record.spec.a_label} has no updates")
    spec = record.spec.spec(name)
    value = spec.field_type.add_update(record.get(name), text, on) if spec else text
    values: dict[str, Any] = {name: value}
    if record.spec.spec("last_reviewed"):
        values["last_reviewed"] = reviewed(record, on)
    return record.with_values(values)
