"""The scrutui Textual app: a thin App that pushes the main screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, OptionList
from textual.widgets.option_list import Option

from scrutui.store.workspace import WorkspaceState, load_workspace


class ScrutuiApp(App[None]):
    """Browse the trackers of one workspace."""

    TITLE = "scrutui"
    BINDINGS = [Binding("q", "quit", "Quit", id="app.quit")]
    CSS = """
    #trackers { width: 32; }
    """

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.state: WorkspaceState = load_workspace(root)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *[Option(name, id=name) for name in self.state.trackers], id="trackers"
            )
            yield DataTable(id="records", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.root)
        table = self.query_one(DataTable)
        table.add_columns("Id", "Status", "Meeting", "Lead", "Text")
        if self.state.trackers:
            self.show_tracker(next(iter(self.state.trackers)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_tracker(event.option.id)

    def show_tracker(self, name: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for record in self.state.trackers[name].sorted_records():
            table.add_row(
                record.id,
                record.status or "",
                record.meeting.strftime("%d/%m/%y") if record.meeting else "",
                "; ".join(record.leads),
                record.summary[:80],
                key=record.id,
            )


def make_app(root: Path) -> ScrutuiApp:
    """The one factory that builds the app, for the command line and the tests."""
    return ScrutuiApp(root)
