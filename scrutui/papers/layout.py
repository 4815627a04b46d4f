"""How a tracker's paper is laid out once it leaves Markdown: the page, the type, the header
and footer, the status colours and which rows are shaded. Pure data, read by the Word and
web writers."""

from __future__ import annotations

from dataclasses import dataclass

from scrutui.domain.meeting import Meeting
from scrutui.domain.status import StatusScheme
from scrutui.domain.tracker import Tracker

FORMATS = ("docx", "html")  # what a paper is written as besides Markdown (through pandoc)
MARK = "✔"  # the complete mark the committee paper prints in a complete row's status cell
COMPLETE_FILL = "C6EFCE"  # the light green of a complete row
HEADER_FILL = "D9D9D9"  # the grey of a table's header row

# A cell's fill for each colour name a scheme may use: the strong colours the published
# trackers use, each readable with black text (contrast 4.5:1 or more) but black itself.
FILLS = {
    "red": "FF6B6B",
    "amber": "FFC000",
    "orange": "F4B183",
    "yellow": "FFFF00",
    "green": "00B050",
    "blue": "9DC3E6",
    "grey": "BFBFBF",
    "gray": "BFBFBF",
    "purple": "C9B3E6",
    "black": "000000",
}


def fill_of(colour: str) -> str:
    """The hex fill (no '#') for a scheme colour: a name, or '#RRGGBB' as given."""
    if colour.startswith("#"):
        return colour[1:].upper()
    return FILLS.get(colour.lower(), "BFBFBF")


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(fill[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "FFFFFF"


@dataclass(frozen=True, slots=True)
class Layout:
    """What the Word and web writers need to know of a paper beyond its Markdown."""

    title: str
    heading: str  # the page header's left side: the committee, or the plan's title
    when: str  # the page header's right side: "Meeting 20 November 2024", or ""
    scheme: StatusScheme
    status_from_end: int | None = None  # the status column, counted from the right
    shade_complete: bool = False  # rows whose status cell holds the complete mark
    orientation: str = "landscape"
    font: str = "Arial"
    font_size: float = 11
    language: str = "en-GB"
    key: bool = False  # the paper prints a KEY line, shown as coloured cells in Word
    kind: str = ""  # the tracker's kind

    def fill(self, code: str) -> str | None:
        status = self.scheme.get(code)
        return fill_of(status.colour) if status else None


def layout_for(tracker: Tracker, meeting: Meeting | None = None) -> Layout:
    when = ""
    if meeting is not None and meeting.day is not None:
        when = "Meeting " + meeting.day.strftime("%d %B %Y").lstrip("0")
    committee = tracker.kind == "committee"
    return Layout(
        title=tracker.title,
        heading=tracker.heading if committee else (tracker.council or tracker.title),
        when=when,
        scheme=tracker.scheme,
        status_from_end=2 if tracker.kind in ("committee", "peer-challenge") else None,
        shade_complete=committee,
        orientation=tracker.paper.orientation,
        font=tracker.paper.font,
        font_size=tracker.paper.font_size,
        key=committee,
        kind=tracker.kind,
    )
