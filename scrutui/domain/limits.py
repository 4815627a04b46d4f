"""What a record or tracker file may hold at most, checked before (and beside) parsing.

A hostile or broken file must never crash or hang the workspace: a value nested hundreds of
arrays deep makes tomllib recurse until Python gives up, a date in the year 9999 overflows
the first date sum made with it (a response due date), and a period of a million months
does the same. These limits are far above anything a council writes and far below what
breaks: each gets the usual message with the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

#: Bytes in one record or tracker file (the longest real record is a few kilobytes).
MAX_FILE_BYTES = 2_000_000
#: Arrays and inline tables inside one another (a record needs 2: a list of updates).
MAX_DEPTH = 20
#: Dates a council tracker can mean: a typing slip of a year is caught, 2024 -> 20224.
MIN_YEAR, MAX_YEAR = 1900, 2200
#: The longest response period, in each unit: ten years.
MAX_PERIOD = {"days": 3660, "weeks": 522, "months": 120}


def date_problem(day: date) -> str | None:
    """Why `day` is not a plausible date for a tracker, or None."""
    if MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return f"the year {day.year} is not plausible"


def date_allowed() -> str:
    return f"a date between {MIN_YEAR} and {MAX_YEAR}, written like 2024-04-11"


def period_problem(count: int, unit: str) -> str | None:
    """Why a period of `count` `unit` is too long, or None."""
    longest = MAX_PERIOD.get(unit)
    if longest is None or count <= longest:
        return None
    return f"{count} {unit} is longer than ten years"


def period_allowed() -> str:
    days, weeks, months = MAX_PERIOD["days"], MAX_PERIOD["weeks"], MAX_PERIOD["months"]
    return (
        f"'2 months', '8 weeks', '28 days': at most {months} months, {weeks} weeks or {days} days"
    )


def nesting(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """(line, depth) where arrays and inline tables in TOML `text` first nest deeper than
    `limit`, or None. A scan, not a parse, so it cannot recurse: brackets inside strings and
    comments do not count; a table header (`[[updates]]`) is one level."""
    depth = 0
    line = 1
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while True:
                end = text.find(quote, j)
                if end < 0:
                    return None  # an unclosed string: tomllib says where, without recursing
                if c == '"' and _escaped(text, end):
                    j = end + 1
                    continue
                if len(quote) == 1 and "\n" in text[i:end]:
                    return None  # a one-line string that runs on: tomllib says where
                break
            end += len(quote)
            extra = 0
            while len(quote) == 3 and extra < 2 and text[end : end + 1] == c:
                end, extra = end + 1, extra + 1  # """a""""": up to two more quotes close it
            line += text.count("\n", i, end)
            i = end
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line, depth
        elif c in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return None


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - 1 - backslashes >= 0 and text[at - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def data_depth(data: object, limit: int = MAX_DEPTH) -> list[str] | None:
    """The key path where parsed `data` nests deeper than `limit` (dotted keys make tables
    without brackets), or None; walked with a stack, not recursion."""
    stack: list[tuple[object, list[str]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > limit:
            return path
        children: Iterable[tuple[str, object]]
        if isinstance(value, dict):
            children = ((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            children = ((str(n), v) for n, v in enumerate(value))
        else:
            continue
        stack.extend((item, [*path, key]) for key, item in children)
    return None
