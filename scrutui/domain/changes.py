"""What changed in a record, field by field, and how a commit message says it."""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from scrutui.domain.records import Record

SHORT = 60
#: Fields that follow from another change; named in the body, not in the subject.
CONSEQUENTIAL = ("last_reviewed", "completed")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's old and new value, as the record files hold them (None: absent)."""

    name: str
    old: Any
    new: Any

    @property
    def added_rows(self) -> list[Any]:
        """For a list of tables that only grew (updates, answers): the rows added."""
        if not isinstance(self.new, list) or not all(isinstance(r, dict) for r in self.new):
            return []
        old = self.old if isinstance(self.old, list) else []
        return self.new[len(old) :] if self.new[: len(old)] == old else []


def diff_data(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[FieldChange]:
    """Each key whose value differs between two records' data, in the newer's key order."""
    old, new = old or {}, new or {}
    keys = list(new) + [k for k in old if k not in new]
    return [FieldChange(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def diff_records(old: Record | None, new: Record | None) -> list[FieldChange]:
    return diff_data(old.to_data() if old else None, new.to_data() if new else None)


def show_value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value) if value else "(none)"
    return str(value)


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and ("\n" in value or len(value) > SHORT)


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += textwrap.wrap(paragraph, 72, break_long_words=False) or [""]
    return out


def text_diff(old: str, new: str) -> list[str]:
    """A short unified diff of two texts wrapped at 72 columns, one line of context."""
    diff = difflib.unified_diff(_lines(old), _lines(new), lineterm="", n=1)
    return [line for line in diff if not line.startswith(("---", "+++"))]


def _row_head(row: Any) -> str:
    """'15/10/2024' for an update, 'Q&A, People Team' for an answer."""
    if not isinstance(row, dict):
        return ""
    return ", ".join(show_value(row[k]) for k in ("date", "type", "team") if row.get(k))


def _row_text(row: Any) -> str:
    text = str(row.get("text", "")) if isinstance(row, dict) else show_value(row)
    head = _row_head(row)
    return f"({head}) {text}" if head else text


def describe_change(change: FieldChange) -> list[str]:
    """The body lines for one changed field."""
    name = change.name
    rows = change.added_rows
    if rows:
        lines = []
        for row in rows:
            head = _row_head(row)
            lines.append(f"{name}: added {head}:" if head else f"{name}: added:")
            text = row.get("text", "") if isinstance(row, dict) else show_value(row)
            lines += [f"    {line}" for line in _lines(str(text))]
        return lines
    if _is_long(change.old) or _is_long(change.new):
        if change.old is None:
            return [f"{name}: set to:", *(f"    {line}" for line in _lines(change.new))]
        if change.new is None:
            return [f"{name}: removed; it was:", *(f"    {line}" for line in _lines(change.old))]
        return [f"{name}:", *(f"    {line}" for line in text_diff(change.old, change.new))]
    rows_before = change.old if isinstance(change.old, list) else []
    rows_after = change.new if isinstance(change.new, list) else []
    if any(isinstance(r, dict) for r in rows_before + rows_after):
        old_rows = [_row_text(r) for r in rows_before]
        new_rows = [_row_text(r) for r in rows_after]
        diff = difflib.unified_diff(old_rows, new_rows, lineterm="", n=0)
        return [f"{name}:", *(f"    {d}" for d in diff if not d.startswith(("---", "+++")))]
    return [f"{name}: {show_value(change.old)} -> {show_value(change.new)}"]


def describe(changes: Sequence[FieldChange]) -> list[str]:
    return [line for change in changes for line in describe_change(change)]


def summarise(changes: Sequence[FieldChange]) -> str:
    """The subject's account of the change: 'status Y -> G, update added'."""
    shown = [c for c in changes if c.name not in CONSEQUENTIAL] or list(changes)
    parts = []
    for change in shown:
        if change.name == "status":
            parts.append(f"status {show_value(change.old)} -> {show_value(change.new)}")
        elif change.added_rows:
            noun = change.name.rstrip("s")
            count = len(change.added_rows)
            parts.append(f"{noun} added" if count == 1 else f"{count} {change.name} added")
        elif change.name == "archived":
            parts.append("archived" if change.new else "restored from the archive")
        elif change.old in (None, "", []):
            parts.append(f"{change.name} set")
        elif change.new in (None, "", []):
            parts.append(f"{change.name} removed")
        else:
            parts.append(f"{change.name} changed")
    return ", ".join(parts) if parts else "no change"


def describe_new(data: dict[str, Any]) -> list[str]:
    """The body lines for a new record: each field it was created with."""
    lines: list[str] = []
    for name, value in data.items():
        if name == "kind":
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines += describe_change(FieldChange(name, None, value))
        elif _is_long(value):
            lines += [f"{name}:", *(f"    {line}" for line in _lines(value))]
        else:
            lines.append(f"{name}: {show_value(value)}")
    return lines
