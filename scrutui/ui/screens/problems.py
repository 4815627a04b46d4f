"""The files that did not load, with what is wrong with each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import plain, plural


class ProblemsScreen(ScrutuiScreen):
    """Every file that failed to load: the file, the line, the field, what is wrong."""

    GROUP = "failed files"
    DEFAULT_CSS = """
    ProblemsScreen #problems { height: 1fr; }
    ProblemsScreen #detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary;
    }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="about")
        yield DataTable(id="problems", cursor_type="row")
        yield Static(id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Files that did not load"
        self.query_one(DataTable).add_columns("File", "Line", "Field", "Problem")
        self.refresh_data()

    def refresh_data(self) -> None:
        if self.snapshot is None:
            return
        problems = self.snapshot.problems
        table = self.query_one(DataTable)
        table.clear()
        for problem in problems:
            table.add_row(
                *map(plain, (problem.path, str(problem.line or ""), problem.field, problem.message))
            )
        self._detail(table.cursor_row)
        self.query_one("#about", Static).update(
            f"{plural(len(problems), 'problem')}. Fix a file in your editor: it is read again "
            "as soon as it is saved, and every other record stays usable."
            if problems
            else "Every file loads."
        )

    def _detail(self, row: int) -> None:
        """The highlighted problem in full, wrapped: the file, line, field and message."""
        problems = self.snapshot.problems if self.snapshot else ()
        detail = self.query_one("#detail", Static)
        detail.display = bool(problems)
        if 0 <= row < len(problems):
            p = problems[row]
            line = f", line {p.line}" if p.line else ""
            field = f", field {p.field}" if p.field else ""
            detail.update(Text(f"{p.path}{line}{field}\n{p.message}"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)
