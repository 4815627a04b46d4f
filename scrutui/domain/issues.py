"""What is wrong with a value, and the checks every field type shares: found and allowed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from scrutui.domain.calendar import parse_uk_date

MAX_TEXT = 100_000
MAX_LINE = 1_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with one field: what was found and what is allowed."""

    path: KeyPath
    message: str
    found: str | None = None
    allowed: str | None = None

    @property
    def field(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def describe(self) -> str:
        text = self.message
        if self.found is not None:
            text += f"; found {self.found}"
        if self.allowed is not None:
            text += f"; allowed: {self.allowed}"
        return text


class Invalid(ValueError):
    """A record or tracker that does not validate; it is never written."""

    def __init__(self, issues: Sequence[Issue], what: str = "record") -> None:
        self.issues = tuple(issues)
        lines = [f"{i.field or what}: {i.describe()}" for i in issues]
        super().__init__("; ".join(lines))


def shown(value: Any) -> str:
    """How a found value is quoted in a message: short, and with its type when unexpected."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text) if len(value) <= 60 else f"{text!r} ({len(value):,} characters)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, datetime):
        return f"{value.isoformat()} (a date and time)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def text_issue(path: KeyPath, value: Any, *, multiline: bool) -> Issue | None:
    limit = MAX_TEXT if multiline else MAX_LINE
    if not isinstance(value, str):
        return Issue(path, "not text", shown(value), 'text in quotes, like "..."')
    if len(value) > limit:
        return Issue(path, "too long", f"{len(value):,} characters", f"up to {limit:,}")
    if _CONTROL.search(value):
        code = ord(_CONTROL.search(value).group())  # type: ignore[union-attr]
        return Issue(
            path, "holds a control character", f"U+{code:04X}", "printable text, new lines and tabs"
        )
    if not multiline and "\n" in value:
        return Issue(path, "must be one line", "a line break", "text on one line")
    return None


def date_value(path: KeyPath, value: Any) -> tuple[date | None, Issue | None]:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value, None
    if isinstance(value, str):
        try:
            parse_uk_date(value)
        except ValueError:
            return None, Issue(
                path,
                "not a date",
                shown(value),
                "a real date written like 2024-04-11, without quotes",
            )
        return None, Issue(
            path,
            "a date must not be in quotes",
            shown(value),
            "a date written like 2024-04-11, without quotes",
        )
    return None, Issue(path, "not a date", shown(value), "a date written like 2024-04-11")


def names_value(path: KeyPath, value: Any) -> tuple[tuple[str, ...], Issue | None]:
    if not isinstance(value, list):
        return (), Issue(
            path,
            "not a list of names",
            shown(value),
            'a list like ["Cllr Neil Fawcett", "Tom Parsons"]',
        )
    for index, item in enumerate(value):
        issue = text_issue((*path, index), item, multiline=False)
        if issue:
            return (), issue
    return tuple(value), None


def table_list(
    path: KeyPath, value: Any, what: str
) -> tuple[list[Mapping[str, Any]], Issue | None]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return [], Issue(path, f"not a list of {what}", shown(value), f"[[{path[-1]}]] tables")
    return value, None


def unknown_keys(path: KeyPath, data: Mapping[str, Any], allowed: Sequence[str]) -> list[Issue]:
    return [
        Issue((*path, key), "unknown key", repr(key), ", ".join(allowed))
        for key in data
        if key not in allowed
    ]
