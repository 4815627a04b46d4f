"""Merging two officers' edits of one record, field by field, against their common base."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Data = dict[str, Any]
#: The pseudo-field of a conflict where one side deleted the record and the other changed it.
WHOLE = "(the whole record)"
#: Dates where both sides moving on is no disagreement: the later one stands.
LATEST = frozenset({"last_reviewed"})


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both sides changed differently: the base, mine and theirs (None: absent)."""

    name: str
    base: Any
    mine: Any
    theirs: Any


def _appended(base: Any, side: Any) -> list[Any] | None:
    """The rows `side` added to the list `base` (None if it did more than append)."""
    if not isinstance(side, list):
        return None
    base = base if isinstance(base, list) else []
    return side[len(base) :] if side[: len(base)] == base else None


def merge_field(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """(the merged value, whether it is a conflict). Appends to a list merge: theirs first."""
    if mine in (base, theirs):
        return theirs, False
    if theirs == base:
        return mine, False
    my_rows, their_rows = _appended(base, mine), _appended(base, theirs)
    if my_rows is not None and their_rows is not None:
        return [*(base or []), *their_rows, *my_rows], False
    return theirs, True


def merge_data(
    base: Data | None, mine: Data | None, theirs: Data | None
) -> tuple[Data | None, list[FieldConflict]]:
    """Three-way merge of a record's data (None: the file is absent on that side).

    Fields changed on one side only take that side's value; the same change on both sides is
    no conflict; dated updates added on both sides are all kept. What is left is a conflict,
    with the merged result holding theirs until the officer chooses.
    """
    if mine == theirs:
        return theirs, []
    if mine == base:
        return theirs, []
    if theirs == base:
        return mine, []
    if mine is None or theirs is None:
        return theirs, [FieldConflict(WHOLE, base, mine, theirs)]
    base = base or {}
    merged: Data = {}
    conflicts: list[FieldConflict] = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        value, conflict = merge_field(base.get(key), mine.get(key), theirs.get(key))
        if conflict and key in LATEST and mine.get(key) and theirs.get(key):
            value, conflict = max(mine[key], theirs[key]), False
        if conflict:
            conflicts.append(FieldConflict(key, base.get(key), mine.get(key), theirs.get(key)))
        if value is not None:
            merged[key] = value
    return merged, conflicts
