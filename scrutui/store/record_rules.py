"""What a change does to a record beyond the values given: a new status's dates, an update
added the way the record's kind holds updates, a new record's id and first values.

The rules that depend on the record's kind (`with_update`, and the peer recommendation's
number in `draft`) are gathered here as they were in the service, so that the kinds can
become specifications in the domain without touching the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from scrutui.domain.records import KINDS, Answer, Record, Update, new_id
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Invalid, Issue
from scrutui.store.workspace import WorkspaceError


def with_status(record: Record, tracker: Tracker, code: str, on: date) -> Record:
    """`record` with a new status: last reviewed becomes `on`; completed is set on the first
    complete status and cleared when the status is no longer complete."""
    scheme = tracker.scheme
    if code not in scheme.codes:
        raise Invalid(
            [Issue(("status",), "unknown status code", repr(code), ", ".join(scheme.codes))]
        )
    new = replace(record, status=code, last_reviewed=reviewed(record, on))
    if scheme.is_complete(code):
        return replace(new, completed=record.completed if scheme.is_complete(record.status) else on)
    return replace(new, completed=None)


def with_fields(record: Record, values: Mapping[str, Any]) -> Record:
    """`record` with fields set to typed values; a name that is not a field is refused."""
    unknown = [k for k in values if k not in record.spec.field_names]
    if unknown:
        fields = ", ".join(record.spec.field_names)
        raise Invalid(
            [
                Issue(
                    (unknown[0],), f"not a field of {record.spec.a_label}", repr(unknown[0]), fields
                )
            ]
        )
    return replace(record, **values)


def reviewed(record: Record, on: date) -> date:
    """Last reviewed after a review dated `on`: a backdated one never moves it backwards."""
    return max(record.last_reviewed, on) if record.last_reviewed else on


def with_update(record: Record, text: str, on: date) -> Record:
    """`record` with a dated update, held as its kind holds updates (per kind); dated
    updates stay in date order (a backdated one goes in its place, after its day's others)."""
    if not text.strip():
        raise Invalid([Issue(("updates",), "an update needs some text")])
    last = reviewed(record, on)
    if record.kind in ("recommendation", "action"):
        updates = sorted((*record.updates, Update(on, text)), key=lambda u: u.date)
        return replace(record, updates=tuple(updates), last_reviewed=last)
    if record.kind == "peer-action":
        return replace(record, update=text, last_reviewed=last)
    if record.kind == "engagement":
        return replace(record, answers=(*record.answers, Answer(text)), last_reviewed=last)
    raise WorkspaceError(f"{record.spec.a_label} has no updates")


def draft(
    tracker_name: str, tracker: Tracker, kind: str, values: Mapping[str, Any], used: set[str]
) -> Record:
    """A new record of `kind` with the next id not in `used` (which gains it), and its first
    status (per kind: a peer recommendation's number is the one in its id)."""
    if kind not in tracker.record_kinds:
        raise Invalid(
            [
                Issue(
                    ("kind",),
                    f"{tracker_name} does not hold this kind",
                    repr(kind),
                    ", ".join(tracker.record_kinds),
                )
            ]
        )
    record_id = new_id(
        kind, used, meeting=values.get("meeting"), recommendation=values.get("recommendation")
    )
    used.add(record_id)
    values = dict(values)
    if kind == "peer-recommendation" and not values.get("number"):
        values["number"] = int(record_id.rsplit("-", 1)[1])
    if "status" not in values and KINDS[kind].spec("status"):
        values["status"] = tracker.scheme.codes[0]
    return Record(id=record_id, kind=kind, **values)
