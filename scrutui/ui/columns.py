"""Fitting a table's columns to the window: the least useful hide first, one column flexes.

Each column has a width (the flexible one a minimum) and a priority, 1 the most useful. The
columns that fit are kept, most useful first, and shown in their declared order; the
flexible one takes the room left, so at 120 columns the text is long and at 80 the Lead and
the notes (overdue, stale) still show without scrolling sideways.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What each column costs besides its width: DataTable pads each cell by one on each side.
PADDING = 2


@dataclass(frozen=True, slots=True)
class Fit:
    """A column to fit: its key, width (minimum if it flexes), priority (1 = keep longest)."""

    key: str
    width: int
    priority: int
    flex: bool = False
    want: int = 0
    """The flexible column's comfortable width: columns past the essentials (priority above
    `ESSENTIAL`) show only if it keeps this much."""


#: Columns of this priority or better show whenever they fit, however narrow the text.
ESSENTIAL = 3


def fit(columns: list[Fit], available: int) -> dict[str, int]:
    """The columns to show, in declared order, each with its width in `available` cells."""
    kept: list[Fit] = []
    used = 0
    flex = next((c for c in columns if c.flex), None)
    comfort = max(flex.want - flex.width, 0) if flex else 0
    for column in sorted(columns, key=lambda c: (c.priority, columns.index(c))):
        cost = column.width + PADDING + (comfort if column.priority > ESSENTIAL else 0)
        if used + cost > available and kept:
            break  # this one and every less useful one stay hidden
        kept.append(column)
        used += column.width + PADDING
    room = max(available - used, 0)
    flexible = [c for c in kept if c.flex]
    widths = {c.key: c.width for c in kept}
    if flexible:
        widths[flexible[0].key] += room
    return {c.key: widths[c.key] for c in columns if c.key in widths}
