"""How a tracker table is read, to change before its records are proposed again: each column's
field (the column's heading picks it) and each status word's code. The choices are kept in
the tracker's import-rules.toml when the records are added."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from scrutui.domain.status import StatusScheme
from scrutui.importers.dates import DAY_FIRST, MONTH_FIRST, read_date
from scrutui.importers.mapping import fields_of
from scrutui.importers.table import Choices, Column, TableImport
from scrutui.ui.dialogs import DIALOG_CSS, FormDialog
from scrutui.ui.styles import clip

_HOW = {
    "rules": "kept rules",
    "heading": "heading",
    "cells": "cells",
    "chosen": "chosen",
    "no heading": "-",
}


class PickDialog(ModalScreen[str | None]):
    """Choose one of a few values: a column's field, a status word's code."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PickDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, values: Sequence[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.title_text, self.values, self.current = title, list(values), current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title")
            yield OptionList(*[Option(label, id=value) for value, label in self.values])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        names = [value for value, _ in self.values]
        options.highlighted = names.index(self.current) if self.current in names else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DateDialog(FormDialog[date | None]):
    """A date, as councils write them (19/01/24, 19 January 2024)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="DateDialog")

    def __init__(self, title: str) -> None:
        super().__init__()
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title")
            yield Input(id="date", placeholder="19/01/2024")
            yield Static("", classes="error", id="error")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#date", Input).value
        read = read_date(typed)
        if read is None:
            self.query_one("#error", Static).update(f"Not a date: {typed!r}; like 19/01/2024")
            return
        self.dismiss(read.day)


ADD = "+add"  # the status picker's choice to add the word to the scheme

FIELD_HELP = {
    "note": "note (kept word for word)",
    "skip": "skip (left out)",
    "update": "update (a dated update)",
    "kind": "kind (recommendation or action)",
}


class ImportMappingScreen(ModalScreen[Choices | None]):
    """The columns and status words of a table import; `enter` changes the highlighted one,
    `ctrl+s` proposes the records again with the changes."""

    DEFAULT_CSS = """
    ImportMappingScreen { background: $background; }
    ImportMappingScreen #mapping-help { height: auto; padding: 0 1; }
    ImportMappingScreen #mapping-settings { height: auto; padding: 0 1; }
    ImportMappingScreen #mapping-notes {
        height: auto; max-height: 4; padding: 0 1; color: $warning;
    }
    ImportMappingScreen .heading { text-style: bold; padding: 0 1; height: 1; }
    ImportMappingScreen #columns { height: 1fr; }
    ImportMappingScreen #statuses { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("enter", "pick", "Change", id="mapping.pick", priority=True),
        Binding("tab", "app.focus_next", "Columns/statuses", id="mapping.next", show=False),
        Binding("k", "kind", "Kind", id="mapping.kind", tooltip="The kind of every row"),
        Binding("w", "sheet", "Sheet", id="mapping.sheet", tooltip="The Excel sheet to read"),
        Binding("o", "dates", "Dates", id="mapping.dates", tooltip="Day or month first"),
        Binding(
            "t", "meeting", "Meeting", id="mapping.meeting", tooltip="The date of undated rows"
        ),
        Binding("ctrl+s", "apply", "Read again", id="mapping.apply", priority=True),
        Binding("escape", "cancel", "Cancel", id="mapping.cancel"),
    ]

    def __init__(
        self, found: TableImport, choices: Choices, kinds: Sequence[str], scheme: StatusScheme
    ) -> None:
        super().__init__()
        self.found, self.kinds, self.scheme = found, tuple(kinds), scheme
        self.choices = replace(
            choices, columns=dict(choices.columns), statuses=dict(choices.statuses)
        )
        self.columns: list[Column] = [c for table in found.columns for c in table]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "enter: change the highlighted column's field or word's code (tab: the other "
            "list); ctrl+s: read again. Kept for next time once the records are added.",
            id="mapping-help",
        )
        yield Static(self._settings(), id="mapping-settings")
        problems = [p.replace("--map", "enter on a column") for p in self.found.problems]
        notes = problems + [
            n for n in self.found.notes if not n.startswith(("status words the scheme", "1 date"))
        ]
        yield Static("\n".join(f"- {n}" for n in notes), id="mapping-notes")
        yield Static("Columns", classes="heading")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="columns")
        yield Static("Status words", classes="heading")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="statuses")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Columns and statuses"
        self.sub_title = "how the table is read"
        columns = self.query_one("#columns", DataTable)
        for label, width in (("#", 2), ("Heading", 24), ("Field", 14), ("From", 10)):
            columns.add_column(label, width=width)
        statuses = self.query_one("#statuses", DataTable)
        for label, width in (("Word", 24), ("Rows", 4), ("Code", 8), ("", 30)):
            statuses.add_column(label, width=width)
        self._redraw()
        columns.focus()

    def _field(self, column: Column) -> tuple[str, str]:
        for key in (column.heading, str(column.number)):
            if key and key in self.choices.columns:
                return self.choices.columns[key], "chosen"
        return column.field, column.how

    def _code(self, word: str) -> tuple[str, bool]:
        if word in self.choices.add_statuses:
            return word, True
        if word in self.choices.statuses:
            return self.choices.statuses[word], True
        for rules in self.found.rules:
            code = rules.status_for(word)
            if code:
                return code, word not in self.found.unknown
        return "", False

    def _redraw(self) -> None:
        columns = self.query_one("#columns", DataTable)
        keep = columns.cursor_row
        columns.clear()
        for column in self.columns:
            name, how = self._field(column)
            style = "dim" if name == "skip" else ""
            cells = [str(column.number), clip(column.heading or "(no heading)", 24), name,
                     _HOW.get(how, how)]  # fmt: skip
            columns.add_row(*(Text(c, style=style) for c in cells), key=str(column.number))
        if self.columns:
            columns.move_cursor(row=min(max(keep, 0), len(self.columns) - 1))
        statuses = self.query_one("#statuses", DataTable)
        keep = statuses.cursor_row
        statuses.clear()
        for word, count in self.found.statuses.most_common():
            code, known = self._code(word)
            label = self.scheme.get(code)
            note = (label.label if label else "") if known else "not in the scheme: given " + code
            if word in self.choices.add_statuses:
                note = "to be added to the scheme"
            statuses.add_row(
                clip(word, 24),
                str(count),
                Text(code, style="" if known else "bold yellow"),
                clip(note, 30),
                key=word,
            )
        if self.found.statuses:
            statuses.move_cursor(row=min(max(keep, 0), len(self.found.statuses) - 1))

    def action_pick(self) -> None:
        focused = self.focused
        if focused is self.query_one("#statuses", DataTable):
            self._pick_code()
        else:
            self._pick_field()

    def _pick_field(self) -> None:
        table = self.query_one("#columns", DataTable)
        if not 0 <= table.cursor_row < len(self.columns):
            return
        column = self.columns[table.cursor_row]
        current, _ = self._field(column)
        values = [(name, FIELD_HELP.get(name, name)) for name in fields_of(self.kinds)]

        def picked(name: str | None) -> None:
            if name is not None:
                self.choices.columns[column.heading or str(column.number)] = name
                self._redraw()

        heading = column.heading or f"column {column.number}"
        self.app.push_screen(PickDialog(f"The field of {heading!r}", values, current), picked)

    def _pick_code(self) -> None:
        table = self.query_one("#statuses", DataTable)
        words = [word for word, _ in self.found.statuses.most_common()]
        if not 0 <= table.cursor_row < len(words):
            return
        word = words[table.cursor_row]
        values = [(s.code, f"{s.code}  {s.label}") for s in self.scheme.statuses]
        values.append((ADD, f"Add {word!r} to the tracker's scheme"))

        def picked(code: str | None) -> None:
            if code == ADD:
                self.choices.statuses.pop(word, None)
                if word not in self.choices.add_statuses:
                    self.choices.add_statuses = (*self.choices.add_statuses, word)
                self._redraw()
            elif code is not None:
                self.choices.statuses[word] = code
                self.choices.add_statuses = tuple(w for w in self.choices.add_statuses if w != word)
                self._redraw()

        current, _ = self._code(word)
        self.app.push_screen(PickDialog(f"The code for {word!r}", values, current), picked)

    def _settings(self) -> str:
        kind = self.choices.kind or "from the headings"
        dates = self.choices.dates or next((r.dates for r in self.found.rules), "day first")
        meeting = f"{self.choices.meeting:%d/%m/%Y}" if self.choices.meeting else "none"
        text = f"Kind: {kind} (k)   Dates: {dates} (o)   Undated rows: {meeting} (t)"
        if len(self.found.sheets) > 1:
            text += f"   Sheet: {self.choices.sheet or self.found.sheet} (w)"
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sheet":
            return len(self.found.sheets) > 1
        return True

    def action_sheet(self) -> None:
        sheets = list(self.found.sheets)
        current = self.choices.sheet or self.found.sheet
        self.choices.sheet = sheets[(sheets.index(current) + 1) % len(sheets)]
        self._show_settings()

    def _show_settings(self) -> None:
        self.query_one("#mapping-settings", Static).update(self._settings())

    def action_kind(self) -> None:
        order = [None, *self.kinds]
        self.choices.kind = order[(order.index(self.choices.kind) + 1) % len(order)]
        self._show_settings()

    def action_dates(self) -> None:
        current = self.choices.dates or next((r.dates for r in self.found.rules), DAY_FIRST)
        self.choices.dates = MONTH_FIRST if current == DAY_FIRST else DAY_FIRST
        self._show_settings()

    def action_meeting(self) -> None:
        def chosen(day: date | None) -> None:
            if day is not None:
                self.choices.meeting = day
                self._show_settings()

        self.app.push_screen(DateDialog("The meeting date of rows that give none"), chosen)

    def action_apply(self) -> None:
        self.dismiss(self.choices)

    def action_cancel(self) -> None:
        self.dismiss(None)
