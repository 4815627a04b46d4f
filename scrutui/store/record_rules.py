"""What a change does to a record beyond the values given: a new status's dates, an update
added the way the record's kind holds updates, a new record's id and first values.

What differs between kinds (where an update goes, which fields make a new id, a number
that repeats the id's own) is read from the kind's specification (`scrutui.domain.specs`);
nothing here names a kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from scrutui.domain.records import KINDS, Record, new_id, reviewed
from scrutui.domain.records import with_update as updated
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
    return record.with_values(values)


def with_update(record: Record, text: str, on: date) -> Record:
    """`record` with a dated update, held where its kind's specification says."""
    if not text.strip():
        raise Invalid(
            [Issue((record.spec.update_field or "updates",), "an update needs some text")]
        )
    if record.spec.update_field is None:
        raise WorkspaceError(f"{record.spec.a_label} has no updates")
    return updated(record, text, on)


def draft(
    tracker_name: str, tracker: Tracker, kind: str, values: Mapping[str, Any], used: set[str]
) -> Record:
    """A new record of `kind` with the next id not in `used` (which gains it), and its first
    status (the kind's `number_field`, if it has one, repeats the number in its id)."""
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
    spec = KINDS[kind]
    record_id = new_id(kind, used, values=values)
    used.add(record_id)
    values = dict(values)
    if spec.number_field and not values.get(spec.number_field):
        values[spec.number_field] = int(record_id.rsplit("-", 1)[1])
    if "status" not in values and spec.spec("status"):
        values["status"] = tracker.scheme.codes[0]
    return Record.make(record_id, kind, values)
