"""Status schemes: the codes a tracker uses, their labels, colours and which mean complete."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

COLOUR_NAMES = frozenset(
    {"red", "amber", "orange", "yellow", "green", "blue", "grey", "gray", "purple", "black"}
)
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class Status:
    """One status a record can have, as the tracker's KEY prints it."""

    code: str
    label: str
    colour: str
    complete: bool = False


@dataclass(frozen=True, slots=True)
class StatusScheme:
    """The ordered statuses of one tracker."""

    statuses: tuple[Status, ...]

    def get(self, code: str) -> Status | None:
        return next((s for s in self.statuses if s.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.statuses)

    def is_complete(self, code: str | None) -> bool:
        status = self.get(code) if code else None
        return bool(status and status.complete)

    @property
    def first_complete(self) -> str | None:
        return next((s.code for s in self.statuses if s.complete), None)

    @property
    def column_heading(self) -> str:
        """'R/Y/G' for short codes, as the committee paper heads the column; else 'Status'."""
        short = all(len(code) <= 2 for code in self.codes)
        return "/".join(self.codes) if short else "Status"

    def key_line(self) -> str:
        """The KEY as the committee paper prints it: 'No progress reported (R) In ...'."""
        return " ".join(
            s.label if s.label == s.code else f"{s.label} ({s.code})" for s in self.statuses
        )

    def to_data(self) -> list[dict[str, Any]]:
        return [
            {"code": s.code, "label": s.label, "colour": s.colour, "complete": s.complete}
            for s in self.statuses
        ]


def is_colour(value: str) -> bool:
    return value.lower() in COLOUR_NAMES or bool(_HEX.match(value))


def scheme_from_data(rows: Iterable[Mapping[str, Any]]) -> StatusScheme:
    """Build a scheme from already validated `[[status]]` tables."""
    return StatusScheme(
        tuple(
            Status(
                code=str(row["code"]),
                label=str(row.get("label", row["code"])),
                colour=str(row.get("colour", "grey")),
                complete=bool(row.get("complete", False)),
            )
            for row in rows
        )
    )


PRESETS: dict[str, StatusScheme] = {
    "ryg": StatusScheme(
        (
            Status("R", "No progress reported", "red"),
            Status("Y", "In progress", "yellow"),
            Status("G", "Complete", "green", complete=True),
        )
    ),
    "rag": StatusScheme(
        (
            Status("R", "No progress reported", "red"),
            Status("A", "In progress", "amber"),
            Status("G", "Complete", "green", complete=True),
        )
    ),
    "complete-ongoing": StatusScheme(
        (
            Status("Ongoing", "Ongoing", "amber"),
            Status("Complete", "Complete", "green", complete=True),
        )
    ),
    "engagement": StatusScheme(
        (
            Status("Open", "Open", "amber"),
            Status("Done", "Done", "green", complete=True),
        )
    ),
}
