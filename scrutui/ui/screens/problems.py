"""The files that did not load, with what is wrong with each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import plain


class ProblemsScreen(ScrutuiScreen):
    """Every file that failed to load: the file, the line, the field, what is wrong."""

    GROUP = "failed files"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="about")
        yield DataTable(id="problems", cursor_type="row")
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
        self.query_one("#about", Static).update(
            f"{len(problems)} problems. Fix a file in your editor: it is read again as soon "
            "as it is saved, and every other record stays usable."
            if problems
            else "Every file loads."
        )
