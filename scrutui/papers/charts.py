"""Charts for the annual report, drawn by scrutui itself: one layout, three renderings.

A chart is laid out once as shapes (rectangles, lines, circles, text) on a fixed canvas, then
written as SVG (for HTML and the published site), drawn as PNG (for Word, in
`scrutui.papers.chart_png`) or printed as plain text for a terminal. No plotting library:
the SVG is the same bytes for the same figures on every machine, imports in no time and needs
nothing installed (see the README's package table for the libraries tried).

Colour is never the only signal: every bar and point carries its number as text, every
segment's series is named in a legend, and the plain-text charts use a different block
character for each series.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

#: The status schemes' colour names as drawn; a scheme may also give #rrggbb.
COLOURS = {
    "red": "#c62828",
    "amber": "#f9a825",
    "orange": "#ef6c00",
    "yellow": "#fbc02d",
    "green": "#2e7d32",
    "blue": "#1565c0",
    "grey": "#9e9e9e",
    "gray": "#9e9e9e",
    "purple": "#6a1b9a",
    "black": "#212121",
}
INK = "#1f1f1f"
GRID = "#d0d0d0"
FONT = "Arial, Helvetica, sans-serif"
BLOCKS = "█▓▒░▚▞"
WIDTH = 680


def hex_colour(name: str) -> str:
    return COLOURS.get(name.lower(), name if name.startswith("#") else COLOURS["grey"])


def darker(colour: str, by: float = 0.72) -> str:
    """A darker shade of #rrggbb, for a line that must stand out on white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * by):02x}" for c in (red, green, blue))


# The charts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    series: str
    value: float
    colour: str  # a scheme colour name or #rrggbb


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal bar: its label, its stacked segments, the number printed after it, and
    an optional mark (a due period) drawn across it."""

    label: str
    segments: tuple[Segment, ...]
    note: str
    mark: float | None = None

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    unit: str = ""
    mark_label: str = ""

    @property
    def legend(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for bar in self.bars:
            for segment in bar.segments:
                seen.setdefault(segment.series, segment.colour)
        return list(seen.items())


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class LineChart:
    title: str
    points: tuple[Point, ...]
    series: str
    colour: str
    unit: str = ""


Chart = BarChart | LineChart


# Shapes -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    x: float
    y: float
    r: float
    fill: str


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 12
    anchor: str = "start"  # start, middle or end
    bold: bool = False


Shape = Rect | Line | Circle | Text


@dataclass
class Canvas:
    width: float
    height: float
    title: str
    description: str
    shapes: list[Shape] = field(default_factory=list)


def text_width(text: str, size: float) -> float:
    """An estimate of a text's width in a sans-serif font (the layout's only use of fonts)."""
    return len(text) * size * 0.56


def clip(text: str, size: float, room: float) -> str:
    if text_width(text, size) <= room:
        return text
    keep = max(1, int(room / (size * 0.56)) - 1)
    return text[:keep].rstrip() + "…"


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis top at or above `value`, and its tick step: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0, 1.0
    power = 10 ** math.floor(math.log10(value / 4)) if value >= 4 else 1
    for factor in (1, 2, 5, 10):
        step = factor * power
        if value / step <= 5:
            return math.ceil(value / step) * step, step
    return math.ceil(value / (10 * power)) * 10 * power, 10 * power


def describe(chart: Chart) -> str:
    """The chart in words, for a screen reader (the table under it holds the same)."""
    if isinstance(chart, BarChart):
        parts = [f"{bar.label}: {bar.note}" for bar in chart.bars]
    else:
        parts = [f"{p.label}: {p.note or _number(p.value)}" for p in chart.points]
    return f"{chart.title}. " + "; ".join(parts) + ("." if parts else "No figures.")


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def layout(chart: Chart) -> Canvas:
    if isinstance(chart, BarChart):
        return _bar_layout(chart)
    return _line_layout(chart)


def _bar_layout(chart: BarChart) -> Canvas:
    legend = chart.legend
    label_room = min(300.0, max((text_width(b.label, 12) for b in chart.bars), default=40) + 12)
    note_room = max((text_width(b.note, 11) for b in chart.bars), default=0) + 24
    left = 12 + label_room
    right = max(left + 300, WIDTH - note_room)
    width = max(WIDTH, right + note_room)
    top = 58.0 if legend or chart.mark_label else 40.0
    row = 30.0
    height = top + row * max(1, len(chart.bars)) + 34
    canvas = Canvas(width, height, chart.title, describe(chart))
    shapes = canvas.shapes
    shapes.append(Text(12, 22, chart.title, 15, bold=True))
    x = 12.0
    for series, colour in legend:
        shapes.append(Rect(x, 33, 12, 12, hex_colour(colour)))
        shapes.append(Text(x + 17, 43, series, 11))
        x += 17 + text_width(series, 11) + 18
    if chart.mark_label:
        shapes.append(Line(x, 39, x + 16, 39, INK, 2, dashed=True))
        shapes.append(Text(x + 21, 43, chart.mark_label, 11))
    highest = max(
        [b.total for b in chart.bars] + [b.mark or 0 for b in chart.bars] + [0.0], default=0.0
    )
    axis_top, step = nice_ceiling(highest)
    scale = (right - left) / axis_top
    bottom = top + row * max(1, len(chart.bars))
    tick = 0.0
    while tick <= axis_top + 1e-9:
        tx = left + tick * scale
        shapes.append(Line(tx, top - 4, tx, bottom, GRID))
        shapes.append(Text(tx, bottom + 16, _number(tick), 10, "middle"))
        tick += step
    if chart.unit:
        shapes.append(Text(right, bottom + 30, chart.unit, 10, "end"))
    for n, bar in enumerate(chart.bars):
        y = top + n * row + 5
        shapes.append(Text(left - 8, y + 14, clip(bar.label, 12, label_room - 4), 12, "end"))
        x = left
        for segment in bar.segments:
            width = segment.value * scale
            if width > 0:
                shapes.append(Rect(x, y, width, row - 10, hex_colour(segment.colour)))
                x += width
        if bar.mark is not None:
            mx = left + bar.mark * scale
            shapes.append(Line(mx, y - 3, mx, y + row - 7, INK, 2, dashed=True))
        shapes.append(Text(max(x, left) + 6, y + 14, bar.note, 11))
    return canvas


def _line_layout(chart: LineChart) -> Canvas:
    height = 300.0
    left, right, top, bottom = 48.0, WIDTH - 24.0, 50.0, height - 52.0
    canvas = Canvas(WIDTH, height, chart.title, describe(chart))
    shapes = canvas.shapes
    shapes.append(Text(12, 22, chart.title, 15, bold=True))
    shapes.append(Rect(12, 31, 12, 12, hex_colour(chart.colour)))
    shapes.append(Text(29, 41, chart.series, 11))
    highest = max((p.value for p in chart.points), default=0.0)
    axis_top, step = nice_ceiling(highest)
    tick = 0.0
    while tick <= axis_top + 1e-9:
        ty = bottom - tick / axis_top * (bottom - top)
        shapes.append(Line(left, ty, right, ty, GRID))
        shapes.append(Text(left - 6, ty + 4, _number(tick), 10, "end"))
        tick += step
    if chart.unit:
        shapes.append(Text(left, top - 8, chart.unit, 10, "start"))
    count = len(chart.points)
    gap = (right - left - 40) / max(1, count - 1)
    every = max(1, math.ceil(count / 9))  # room for about nine date labels
    places = []
    for n, point in enumerate(chart.points):
        px = left + 20 + n * gap if count > 1 else (left + right) / 2
        py = bottom - point.value / axis_top * (bottom - top)
        places.append((px, py))
        if n % every == 0 or n == count - 1:
            shapes.append(Text(px, bottom + 18, point.label, 10, "middle"))
    for (x1, y1), (x2, y2) in itertools.pairwise(places):
        shapes.append(Line(x1, y1, x2, y2, darker(hex_colour(chart.colour)), 2.5))
    for (px, py), point in zip(places, chart.points, strict=True):
        shapes.append(Circle(px, py, 4, hex_colour(chart.colour)))
        shapes.append(Text(px, py - 9, _number(point.value), 11, "middle", bold=True))
    return canvas


# SVG ----------------------------------------------------------------------------------------


def _f(value: float) -> str:
    """A coordinate written the same way everywhere: at most one decimal, no '-0'."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg(chart: Chart, ident: str = "chart") -> str:
    """The chart as a standalone SVG document: the same text for the same chart, always."""
    canvas = layout(chart)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(canvas.width)}" '
        f'height="{_f(canvas.height)}" viewBox="0 0 {_f(canvas.width)} {_f(canvas.height)}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}">',
        f'<title id="{ident}-title">{escape(canvas.title)}</title>',
        f'<desc id="{ident}-desc">{escape(canvas.description)}</desc>',
        f'<rect x="0" y="0" width="{_f(canvas.width)}" height="{_f(canvas.height)}" '
        'fill="#ffffff"/>',
    ]
    for shape in canvas.shapes:
        if isinstance(shape, Rect):
            out.append(
                f'<rect x="{_f(shape.x)}" y="{_f(shape.y)}" width="{_f(shape.w)}" '
                f'height="{_f(shape.h)}" fill="{shape.fill}"/>'
            )
        elif isinstance(shape, Line):
            dash = ' stroke-dasharray="4 3"' if shape.dashed else ""
            out.append(
                f'<line x1="{_f(shape.x1)}" y1="{_f(shape.y1)}" x2="{_f(shape.x2)}" '
                f'y2="{_f(shape.y2)}" stroke="{shape.stroke}" '
                f'stroke-width="{_f(shape.width)}"{dash}/>'
            )
        elif isinstance(shape, Circle):
            out.append(
                f'<circle cx="{_f(shape.x)}" cy="{_f(shape.y)}" r="{_f(shape.r)}" '
                f'fill="{shape.fill}"/>'
            )
        else:
            weight = ' font-weight="bold"' if shape.bold else ""
            anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
            out.append(
                f'<text x="{_f(shape.x)}" y="{_f(shape.y)}" font-size="{_f(shape.size)}" '
                f'fill="{INK}"{anchor}{weight}>{escape(shape.text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# Plain text ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A run of characters in a plain-text chart and the scheme colour it stands for (the
    app colours it; the command line prints the characters alone)."""

    text: str
    colour: str | None = None


def text_lines(chart: Chart, width: int = 80) -> list[list[Run]]:
    """The chart as lines of plain text no wider than `width`."""
    if isinstance(chart, BarChart):
        return _bar_text(chart, width)
    return _line_text(chart, width)


def plain(chart: Chart, width: int = 80) -> str:
    return "\n".join("".join(r.text for r in line).rstrip() for line in text_lines(chart, width))


def _blocks(chart: BarChart) -> dict[str, str]:
    return {series: BLOCKS[n % len(BLOCKS)] for n, (series, _) in enumerate(chart.legend)}


def _bar_text(chart: BarChart, width: int) -> list[list[Run]]:
    blocks = _blocks(chart)
    lines: list[list[Run]] = [[Run(chart.title)]]
    legend: list[Run] = []
    for series, colour in chart.legend:
        legend += [Run(blocks[series] * 2, colour), Run(f" {series}  ")]
    if chart.mark_label:
        legend.append(Run(f"│ {chart.mark_label}"))
    if legend:
        lines.append(legend)
    label_room = min(36, max((len(b.label) for b in chart.bars), default=4))
    note_room = min(max((len(b.note) for b in chart.bars), default=0), width - label_room - 19)
    room = max(16, width - label_room - note_room - 3)
    highest = max([b.total for b in chart.bars] + [b.mark or 0 for b in chart.bars] + [0.0])
    scale = room / highest if highest else 0
    for bar in chart.bars:
        label = bar.label if len(bar.label) <= label_room else bar.label[: label_room - 1] + "…"
        runs = [Run(label.ljust(label_room) + " ")]
        cells: list[tuple[str, str | None]] = []
        for segment in bar.segments:
            count = round(segment.value * scale)
            if segment.value > 0:
                count = max(1, count)
            cells += [(blocks[segment.series], segment.colour)] * count
        if bar.mark is not None:
            at = min(room - 1, round(bar.mark * scale))
            cells += [(" ", None)] * max(0, at + 1 - len(cells))
            cells[at] = ("│", None)
        for char, tint in cells:
            if runs and runs[-1].colour == tint and len(runs) > 1:
                runs[-1] = Run(runs[-1].text + char, tint)
            else:
                runs.append(Run(char, tint))
        runs.append(Run(" " + bar.note[: max(0, width - label_room - 2 - len(cells))]))
        lines.append(runs)
    if not chart.bars:
        lines.append([Run("(no figures)")])
    return lines


def _line_text(chart: LineChart, width: int) -> list[list[Run]]:
    block = BLOCKS[0]
    lines: list[list[Run]] = [
        [Run(chart.title)],
        [Run(block * 2, chart.colour), Run(f" {chart.series}")],
    ]
    label_room = max((len(p.label) for p in chart.points), default=8)
    room = max(8, width - label_room - 8)
    highest = max((p.value for p in chart.points), default=0.0)
    scale = room / highest if highest else 0
    for point in chart.points:
        count = round(point.value * scale)
        if point.value > 0:
            count = max(1, count)
        lines.append(
            [
                Run(point.label.ljust(label_room) + " "),
                Run(block * count, chart.colour),
                Run(f" {_number(point.value)}"),
            ]
        )
    if not chart.points:
        lines.append([Run("(no meetings in the period)")])
    return lines


def bars_from(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]], str]]) -> tuple[Bar, ...]:
    """Bars from (label, [(series, value, colour)], note) rows."""
    return tuple(
        Bar(label, tuple(Segment(s, v, c) for s, v, c in segments), note)
        for label, segments, note in rows
    )
