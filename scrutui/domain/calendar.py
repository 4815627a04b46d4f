"""Meeting calendars and the response clock: previous and next meetings, due dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_PERIOD = re.compile(r"^\s*(\d+)\s*(day|days|week|weeks|month|months)\s*$", re.IGNORECASE)
DEFAULT_RESPONSE_PERIOD = "2 months"


@dataclass(frozen=True, slots=True)
class Period:
    """A length of time a council counts in: days, weeks or calendar months."""

    count: int
    unit: str  # "days", "weeks" or "months"

    def after(self, start: date) -> date:
        return _after(self.count, self.unit, start)

    def __str__(self) -> str:
        unit = self.unit if self.count != 1 else self.unit.rstrip("s")
        return f"{self.count} {unit}"


@lru_cache(maxsize=4096)  # a tracker's records share a few meetings: the overview asks 10,000
def _after(count: int, unit: str, start: date) -> date:
    if unit == "days":
        return start + timedelta(days=count)
    if unit == "weeks":
        return start + timedelta(weeks=count)
    return add_months(start, count)


@lru_cache(maxsize=256)  # a tracker's period, read once per record asked about
def parse_period(text: str) -> Period:
    """'2 months', '8 weeks' or '28 days'; ValueError otherwise."""
    match = _PERIOD.match(text)
    if not match:
        raise ValueError(f"not a period like '2 months', '8 weeks' or '28 days': {text!r}")
    unit = match.group(2).lower()
    return Period(int(match.group(1)), unit if unit.endswith("s") else unit + "s")


#: The months' names, January first; the standard library's `calendar` has them (and
#: `monthrange`), but importing it is about 1 ms of every command's start.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def days_in_month(year: int, month: int) -> int:
    """How many days `month` (1-12) of `year` has: 28 to 31."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def previous_meeting(meetings: Iterable[date], before: date) -> date | None:
    """The last meeting strictly before `before`."""
    earlier = [m for m in meetings if m < before]
    return max(earlier) if earlier else None


def next_meeting(meetings: Iterable[date], after: date) -> date | None:
    """The first meeting on or after `after`."""
    later = [m for m in meetings if m >= after]
    return min(later) if later else None


def parse_uk_date(text: str) -> date:
    """A date as officers type it: 2024-04-11, 11/04/24 or 11/04/2024."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    uk = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if uk:
        year = int(uk[3])
        return date(year + 2000 if year < 100 else year, int(uk[2]), int(uk[1]))
    raise ValueError(f"not a date like 2024-04-11 or 11/04/24: {text!r}")


def format_uk(day: date) -> str:
    """dd/mm/yy, as the committee papers print dates. (As `strftime("%d/%m/%y")`, in a
    tenth of its time: the annual report formats a date for each record at each meeting.)"""
    return f"{day.day:02}/{day.month:02}/{day.year % 100:02}"


_MONTHS = {
    name.lower(): n for n, full in enumerate(MONTH_NAMES, 1) for name in (full, full[:3])
} | {"sept": 9}
_TARGET = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})\b"
    r"|\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"
)


def target_date(text: str) -> date | None:
    """The last day a free-text target date allows ("December 2024" is 31/12/24, "March 2025
    (IPS)" 31/03/25, "15/10/24" itself); the latest if it names several; None if none."""
    found: list[date] = []
    for match in _TARGET.finditer(text):
        try:
            if match.group(4):
                year = int(match.group(6))
                found.append(
                    date(year + 2000 if year < 100 else year, int(match[5]), int(match[4]))
                )
                continue
            month = _MONTHS.get(match.group(2).lower())
            year = int(match.group(3))
            if month is None or not 1900 <= year <= 2200:
                continue
            last = days_in_month(year, month)
            found.append(date(year, month, int(match.group(1)) if match.group(1) else last))
        except ValueError:
            continue
    return max(found) if found else None
