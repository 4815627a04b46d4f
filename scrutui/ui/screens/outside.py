"""Changes made outside scrutui (an editor, a script): review them, commit the valid ones."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from scrutui.domain.changes import describe
from scrutui.store.service import OutsideChanges
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen


class OutsideScreen(ScrutuiScreen):
    """Files that differ from the last commit: valid ones can be committed; invalid never."""

    GROUP = "outside changes"
    BINDINGS = [
        Binding(
            "c",
            "commit",
            "Commit valid changes",
            id="outside.commit",
            tooltip="One commit, saying they were made outside scrutui",
        ),
        Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report = OutsideChanges()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Looking for changes...", id="report")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Changes made outside scrutui"
        self.refresh_data()

    def refresh_data(self) -> None:
        self.host.read(lambda s: s.outside(), self._show)

    def _show(self, report: OutsideChanges) -> None:
        self.report = report
        text = Text()
        if not report:
            text.append("Nothing has changed outside scrutui since the last commit.")
        for path, changes in report.valid:
            text.append(f"{path}\n", style="bold green")
            for line in describe(changes) or ["deleted"]:
                text.append(f"    {line}\n")
        for problem in report.invalid:
            text.append(f"{problem.path} (will not be committed)\n", style="bold red")
            text.append(f"    {problem}\n")
        if report.valid:
            text.append("\nPress c to commit the valid changes as one commit.", style="italic")
        self.query_one("#report", Static).update(text)

    def action_commit(self) -> None:
        if not self.report.valid:
            self.notify("There are no valid changes to commit.", severity="warning")
            return

        self.host.change(lambda s: s.commit_outside("Reviewed in scrutui before committing."))
