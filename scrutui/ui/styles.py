"""How statuses look in the terminal: the scheme's colours as Rich styles."""

from __future__ import annotations

from rich.text import Text

from scrutui.domain.status import StatusScheme

_COLOURS = {"amber": "dark_orange", "grey": "grey50", "gray": "grey50"}


def status_style(colour: str) -> str:
    """A background style for a status colour (red, amber, #rrggbb...)."""
    name = _COLOURS.get(colour.lower(), colour.lower())
    dark_text = name in ("yellow", "green", "dark_orange", "grey50") or name.startswith("#")
    return f"bold {'black' if dark_text else 'white'} on {name}"


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
