"""Proposed records from a meeting's minutes: "[ACTION: owner]" points and RESOLVED items.

The minutes are read as plain text or Markdown (a Word file goes through pandoc first, see
`source.py`). The meeting date comes from the heading ("MINUTES of the meeting held on Monday,
17 January 2022"); each numbered minute ("9/21 BUDGET AND ...") gives the item, in title case
as a tracker prints it. A point closed by an "[ACTION: owner]" marker becomes an action led
by the owner; each numbered or lettered item after "RESOLVED" becomes a recommendation, with
its bullets kept as "- " lines. Resolutions that only note or agree something are proposed
unticked. Nothing here writes anything; any text gives proposals or an `ImportProblem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.resolved import resolution_items

MONTHS = [
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
]
_DATE = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r"),?\s+(\d{4})", re.IGNORECASE
)
_HEADING = re.compile(
    r"^\W*minutes\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)*?meeting\b.*?\bheld\s+on\s+"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?" + _DATE.pattern,
    re.IGNORECASE,
)
_MINUTE = re.compile(r"^[#*\s]*(\d{1,3}/\d{2,4})\.?\s+(.*?)[*\s]*$")
_AGENDA_NO = re.compile(r"\(\s*agenda\s+(?:no|item)\.?\s*\d+\s*\)", re.IGNORECASE)
_END = re.compile(r"^\s*(in the chair|date of signing\b.*|agenda item \d+)\s*$", re.IGNORECASE)
_RESOLVED = re.compile(r"^[#*\s]*RESOLVED\b[*\s]*(?:[-–—:,.][*\s]*)?(.*)$", re.IGNORECASE)
_ACTION = re.compile(r"[*_]*\[\s*ACTION\s*:?\s*([^\]]*)\][*_]*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦–—\uf000-\uf8ff])\s+")
_TEX = {r"\pounds": "£", r"\euro": "€", r"\textendash": "–", r"\textemdash": "—"}
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of"}
    | {"on", "or", "per", "the", "to", "via", "vs", "with"}
)


@dataclass
class Minute:
    """One numbered minute: its number, its item and its lines (with their line numbers)."""

    number: str
    item: str
    lines: list[tuple[int, str]] = field(default_factory=list)


def parse_minutes(text: str, meeting: date | None = None) -> tuple[date, list[Proposal]]:
    """The meeting date and the proposed records of the minutes in `text`.

    `meeting` overrides the date found in the heading (and is needed when there is none).
    """
    lines = [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    found, start = meeting_date(lines)
    day = meeting or found
    if day is None:
        raise ImportProblem(
            "no meeting date found: expected a heading like 'MINUTES of the meeting held on "
            "Monday, 17 January 2022' (or give the date with --meeting)"
        )
    proposals: list[Proposal] = []
    for minute in minutes(lines, start):
        proposals += actions(minute, day) + recommendations(minute, day)
    return day, proposals


def clean(line: str) -> str:
    """A line without the TeX and Markdown escapes that conversions leave in minutes."""
    for tex, char in _TEX.items():
        line = re.sub(re.escape(tex) + r"(?![A-Za-z])\s?", char, line)
    return _MD_ESCAPE.sub(r"\1", line).replace("\t", " ").rstrip()


def meeting_date(lines: list[str]) -> tuple[date | None, int]:
    """The date in the minutes' heading, and the index of the heading (0 if none)."""
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        if match:
            day, month, year = match.group(1), match.group(2), match.group(3)
            try:
                return date(int(year), MONTHS.index(month.lower()) + 1, int(day)), index
            except ValueError:
                continue
    return None, 0


def minutes(lines: list[str], start: int = 0) -> list[Minute]:
    """The numbered minutes from `start`, up to the signature or the next agenda item."""
    out: list[Minute] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if _END.match(line):
            break
        heading = _minute_heading(line)
        if heading:
            out.append(Minute(heading[0], heading[1]))
        elif out:
            out[-1].lines.append((index + 1, line))
    return out


def _minute_heading(line: str) -> tuple[str, str] | None:
    match = _MINUTE.match(line)
    if not match:
        return None
    title = " ".join(_AGENDA_NO.sub("", match.group(2)).split()).strip(" .*")
    letters = [c for c in title if c.isalpha()]
    marked = line.lstrip().startswith(("#", "**"))
    if not letters or not (title.upper() == title or marked):
        return None
    return match.group(1), title_case(title) if title.upper() == title else title


def title_case(title: str) -> str:
    """'BUDGET AND BUSINESS PLANNING 2022/23: CAPITAL' -> 'Budget and Business Planning
    2022/23: Capital': small words lower case, except first and after a colon."""
    words = title.split()
    out = []
    for index, word in enumerate(words):
        after_colon = index > 0 and words[index - 1].endswith(":")
        if index and not after_colon and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(out)


def points(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs and bullet points, each as (first line number, text on one line)."""
    out: list[tuple[int, str]] = []
    open_point = False
    for number, line in lines:
        if not line.strip():
            open_point = False
        elif _BULLET.match(line) or not open_point:
            out.append((number, _BULLET.sub("", line).strip()))
            open_point = True
        else:
            out[-1] = (out[-1][0], f"{out[-1][1]} {line.strip()}")
    return out


def actions(minute: Minute, day: date) -> list[Proposal]:
    """Each "[ACTION: owner]" marker, with the point it closes, as a proposed action."""
    out = []
    previous = ""
    for number, point in points(minute.lines):
        start = 0
        for match in _ACTION.finditer(point):
            text = point[start : match.start()].strip(" *_")
            text = text or previous  # a marker on a line of its own closes the point above
            start = match.end()
            owner = " ".join(match.group(1).split())
            values = {"meeting": day, "item": minute.item, "text": text}
            if owner:
                values["leads"] = tuple(o.strip() for o in owner.split(";") if o.strip())
            note = "" if text else "the marker follows no text: write the action"
            out.append(Proposal("action", values, bool(text), f"line {number}", note))
        previous = _ACTION.sub("", point).strip(" *_")
    return out


def recommendations(minute: Minute, day: date) -> list[Proposal]:
    """Each item of each RESOLVED block of the minute, as a proposed recommendation."""
    out = []
    blocks: list[list[tuple[int, str]]] = []
    for number, line in minute.lines:
        match = _RESOLVED.match(line)
        if match:
            blocks.append([(number, match.group(1))])
        elif blocks:
            blocks[-1].append((number, line))
    for block in blocks:
        for item in resolution_items(block):
            values = {"meeting": day, "item": minute.item, "text": item.text}
            source = f"line {item.line}"
            out.append(Proposal("recommendation", values, not item.note, source, item.note))
    return out
