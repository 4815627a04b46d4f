"""How statuses look in the terminal: the scheme's colours as Rich styles."""

from __future__ import annotations

import functools

from rich.color import Color, ColorParseError
from rich.text import Text

from scrutui.domain.status import StatusScheme

#: The chips' own colours, the same in the light and the dark theme (a terminal's "red" is
#: whatever its palette says); each with black or white text at WCAG AA, 4.5:1 or more.
CHIP_COLOURS = {
    "red": "#b71c1c",
    "amber": "#f0a30a",
    "orange": "#f0a30a",
    "yellow": "#f5d000",
    "green": "#2e7d32",
    "blue": "#1565c0",
    "purple": "#6a1b9a",
    "grey": "#616161",
    "gray": "#616161",
}


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def chip_colours(colour: str) -> tuple[str, str]:
    """(text, background) as #rrggbb for a status colour (red, amber, #rrggbb...)."""
    name = colour.lower().strip()
    background = CHIP_COLOURS.get(name)
    if background is None:
        try:
            background = Color.parse(name).get_truecolor().hex
        except ColorParseError:
            background = CHIP_COLOURS["grey"]
    text = max(("#000000", "#ffffff"), key=lambda t: contrast(t, background))
    return text, background


@functools.lru_cache(maxsize=256)
def status_style(colour: str) -> str:
    """The chip style for a status colour: its background, and the text that reads on it."""
    text, background = chip_colours(colour)
    return f"bold {text} on {background}"


def status_cell(scheme: StatusScheme, code: str | None) -> Text:
    if not code:
        return Text("")
    status = scheme.get(code)
    return Text(f" {code} ", style=status_style(status.colour) if status else "reverse")


def plain(value: str | Text) -> Text:
    """A table cell that shows its text as written: DataTable reads a `str` as markup, so an
    officer's "[b]" or "[/]" would style the cell or fail to draw it (and parsing costs)."""
    return Text(value, no_wrap=True) if isinstance(value, str) else value


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
