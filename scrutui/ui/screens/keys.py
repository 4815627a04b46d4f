"""`?`: every key of the screen underneath, full screen, searchable, with its keymap id."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from scrutui.ui.footer import KeysFooter

Row = tuple[str, str, str, str]


def key_rows(screen: Screen[Any]) -> list[Row]:
    """(key, what it does, keymap id, more) for each key of `screen` with a description:
    scrutui's own first, in footer order, then the ones its widgets bring (cursor keys)."""
    app = screen.app
    ours: list[Row] = []
    theirs: list[Row] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or (binding.action, binding.description) in seen:
            continue
        seen.add((binding.action, binding.description))
        key = binding.key_display or app.get_key_display(binding)
        row = (key, binding.description, binding.id or "", binding.tooltip or "")
        (ours if binding.id else theirs).append(row)
    return ours + theirs


class KeysScreen(Screen[None]):
    """The keys of the screen it was opened on; type to search, escape or ? to close."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="keys.close", tooltip="Back to the screen"),
        Binding(
            "question_mark",
            "close",
            "Close",
            id="keys.toggle",
            show=False,
            tooltip="Back to the screen",
        ),
    ]
    DEFAULT_CSS = """
    KeysScreen #keys-search { margin: 0 1; }
    KeysScreen #keys-about { padding: 0 1; color: $text-muted; }
    KeysScreen #keys-detail { padding: 0 1; height: auto; max-height: 3; }
    """

    def __init__(self, rows: list[Row], where: str) -> None:
        super().__init__()
        self.rows, self.where = rows, where
        self.shown: list[Row] = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to search the keys", id="keys-search")
        yield Static(id="keys-about")
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield Static(id="keys-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"Keys: {self.where}"
        table = self.query_one(DataTable)
        table.add_column("Key", key="key")
        table.add_column("What", key="what")
        table.add_column("Keymap id", key="id")
        table.add_column("More", key="more")
        self._show("")
        self.query_one(Input).focus()

    def _show(self, search: str) -> None:
        words = search.lower().split()
        table = self.query_one(DataTable)
        table.clear()
        shown = [r for r in self.rows if all(w in " ".join(r).lower() for w in words)]
        for key, what, ident, more in shown:
            table.add_row(Text(key, style="bold"), Text(what), Text(ident), Text(more))
        self.shown = shown
        self.query_one("#keys-about", Static).update(
            Text(
                f"{len(shown)} of {len(self.rows)} keys. Remap one in your settings file: "
                '[keymap] "record.status" = "f2".'
            )
        )
        self._detail(0)

    def _detail(self, row: int) -> None:
        key, what, ident, more = self.shown[row] if 0 <= row < len(self.shown) else ("",) * 4
        self.query_one("#keys-detail", Static).update(
            Text(f"{key}  {more or what}" + (f"  ({ident})" if ident else ""))
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_input_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)
