"""Dates as councils write them in trackers: dd/mm/yy, dd/mm/yyyy, 02.02.16, 2 February 2016,
2nd February, 2016, Feb 2016 (a month and year, for targets), and the dates a spreadsheet
holds. Day first, unless the import's rules say month first; a date that reads two ways when
nothing has settled the order is flagged, never guessed silently."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from scrutui.importers.orders import DAY_FIRST as DAY_FIRST
from scrutui.importers.orders import MONTH_FIRST as MONTH_FIRST
from scrutui.importers.orders import ORDERS as ORDERS

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(
    rf"^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{2}}|\d{{4}})$"
)
_MONTH_DAY = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$")
_MONTH_YEAR = re.compile(rf"^(?:end\s+(?:of\s+)?)?({_MONTH})\.?,?\s+(\d{{2}}|\d{{4}})$")


@dataclass(frozen=True, slots=True)
class ReadDate:
    """A date read from a cell; `other` is the other reading when it reads two ways."""

    day: date
    other: date | None = None
    month_only: bool = False


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def read_date(text: str, order: str = DAY_FIRST) -> ReadDate | None:
    """The date `text` holds, or None when it is not a date (or not a real one)."""
    text = " ".join(text.strip().casefold().split())
    try:
        iso = _ISO.match(text)
        if iso:
            return ReadDate(date(int(iso[1]), int(iso[2]), int(iso[3])))
        numeric = _NUMERIC.match(text)
        if numeric:
            first, second, year = int(numeric[1]), int(numeric[2]), _year(numeric[3])
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            other = None
            if first != second and first <= 12 and second <= 12:
                other = date(year, day, month)
            return ReadDate(date(year, month, day), other)
        named = _DAY_MONTH.match(text)
        if named:
            return ReadDate(date(_year(named[3]), MONTHS[named[2]], int(named[1])))
        american = _MONTH_DAY.match(text)
        if american:
            return ReadDate(date(int(american[3]), MONTHS[american[1]], int(american[2])))
        month_year = _MONTH_YEAR.match(text)
        if month_year:
            return ReadDate(date(_year(month_year[2]), MONTHS[month_year[1]], 1), month_only=True)
    except ValueError:
        return None  # 31/02/24: the shape of a date, but no such day
    return None


def looks_like_date(text: str) -> bool:
    return read_date(text) is not None or read_date(text, MONTH_FIRST) is not None


def settled_order(cells: Iterable[str]) -> str | None:
    """The order the numeric dates in `cells` must have, when one of them settles it (a first
    number above 12 is a day; a second above 12 means month first). None when none does."""
    day_first = month_first = False
    for cell in cells:
        numeric = _NUMERIC.match(" ".join(cell.strip().split()))
        if numeric:
            first, second = int(numeric[1]), int(numeric[2])
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
    if day_first and not month_first:
        return DAY_FIRST
    if month_first and not day_first:
        return MONTH_FIRST
    return None
