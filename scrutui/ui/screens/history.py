"""A record's history: every commit that changed it, with its field diffs; view or restore."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static

from scrutui.domain.changes import describe, summarise
from scrutui.domain.commits import FileChange
from scrutui.ui.footer import KeysFooter
from scrutui.ui.messages import ViewVersion
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import plain, plural


def diff_text(version: FileChange) -> Text:
    text = Text()
    commit = version.commit
    text.append(
        f"{commit.short}  {commit.when:%d/%m/%y %H:%M}  {commit.author} <{commit.email}>\n",
        style="bold",
    )
    text.append(f"{commit.subject}\n\n")
    if version.what != "changed":
        text.append(f"The record was {version.what}.\n", style="italic")
    for line in describe(version.changes) if version.what != "created" else []:
        style = (
            "green"
            if line.lstrip().startswith("+")
            else "red"
            if line.lstrip().startswith("-")
            else ""
        )
        text.append(line + "\n", style=style)
    return text


class HistoryScreen(ScrutuiScreen):
    """Who changed this record, when, and what it said before."""

    GROUP = "history"
    BINDINGS = [
        Binding(
            "v",
            "view",
            "View this version",
            id="history.view",
            tooltip="The record as it stood after this change",
        ),
        Binding(
            "r",
            "restore",
            "Restore this version",
            id="history.restore",
            tooltip="Make the record as it was here again, as a new commit",
        ),
        Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back"),
    ]
    DEFAULT_CSS = """
    HistoryScreen #versions { width: 1fr; min-width: 30; }
    HistoryScreen #diff-box { width: 2fr; border-left: solid $primary; padding: 0 1; }
    """

    def __init__(self, tracker: str, record_id: str) -> None:
        super().__init__()
        self.tracker_name, self.record_id = tracker, record_id
        self.versions: list[FileChange] = []

    @property
    def ref(self) -> str:
        return f"{self.tracker_name}/{self.record_id}"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(id="versions", cursor_type="row")
            with VerticalScroll(id="diff-box"):
                yield Static("Reading the history...", id="diff")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"History of {self.record_id}"
        table = self.query_one(DataTable)
        # Fixed widths: auto widths raced the rows arriving from the worker, and at 80x24 the
        # pane is 30 cells, so the date, a short name and the start of the change fit.
        table.add_column("When", width=8)
        table.add_column("Who", width=10)
        table.add_column("What", width=40)
        self.refresh_data()

    def refresh_data(self) -> None:
        ref = self.ref
        self.host.read(lambda s: s.history(ref), self._show)

    def _show(self, versions: list[FileChange]) -> None:
        self.versions = versions
        self.sub_title = f"{plural(len(versions), 'version')}, newest first"
        table = self.query_one(DataTable)
        table.clear()
        for version in versions:
            what = summarise(version.changes) if version.what == "changed" else version.what
            table.add_row(
                f"{version.commit.when:%d/%m/%y}",
                plain(version.commit.author),
                plain(what),
                key=version.commit.sha,
            )
        if versions:
            self._describe(0)
        table.focus()

    def _describe(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            self.query_one("#diff", Static).update(diff_text(self.versions[row]))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def _selected(self) -> FileChange | None:
        row = self.query_one(DataTable).cursor_row
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def action_view(self) -> None:
        version = self._selected()
        if version is None or version.raw is None:
            self.notify("The record did not exist after this change.", severity="warning")
            return
        sha, ref = version.commit.sha, self.ref

        def show(record: object) -> None:
            from scrutui.domain.records import Record

            if isinstance(record, Record):
                label = f"as at {version.commit.short} ({version.commit.when:%d/%m/%y})"
                self.post_message(ViewVersion(self.tracker_name, self.record_id, record, label))
            else:
                self.notify(
                    "That version does not load with the tracker as it is now.", severity="warning"
                )

        self.host.read(lambda s: s.record_at(ref, sha), show)

    def on_data_table_row_selected(self) -> None:
        self.action_view()

    def action_restore(self) -> None:
        from scrutui.ui.dialogs import ConfirmDialog

        version = self._selected()
        if version is None or version.raw is None:
            self.notify("The record did not exist after this change.", severity="warning")
            return
        current = self.snapshot.record(self.tracker_name, self.record_id) if self.snapshot else None
        if version is self.versions[0] and current is not None:
            self.notify(
                "This is the record as it is now: choose an older version to restore.",
                severity="warning",
            )
            return
        sha, ref = version.commit.sha, self.ref

        def answer(yes: bool | None) -> None:
            if yes:
                self.host.change(lambda s: s.restore(ref, sha))

        self.app.push_screen(
            ConfirmDialog(
                f"Make {self.record_id} as it was after {version.commit.short} "
                f"({version.commit.when:%d/%m/%y}) again? This is a new change; the history keeps "
                "everything.",
                yes="Restore",
            ),
            answer,
        )
