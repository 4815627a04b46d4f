"""The workspace overview: each tracker with its counts, overdue responses and stale records."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from scrutui.domain.status import StatusScheme
from scrutui.domain.summary import Summary, summarise_tracker
from scrutui.ui.messages import LoadProgress
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import clip, plural, status_style


def status_counts(scheme: StatusScheme, summary: Summary) -> Text:
    text = Text()
    for status in scheme.statuses:
        if text:
            text.append(" ")
        text.append(
            f"{status.code} {summary.by_status.get(status.code, 0)}",
            style=status_style(status.colour),
        )
    return text


class OverviewScreen(ScrutuiScreen):
    """Every tracker of the workspace, with what needs attention."""

    GROUP = "overview"
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="overview.open",
            priority=True,
            tooltip="Open the tracker under the cursor",
        ),
        Binding(
            "l",
            "leads",
            "By lead",
            id="overview.leads",
            tooltip="What each lead owes, across every tracker",
        ),
        Binding(
            "f",
            "problems",
            "Failed files",
            id="overview.problems",
            tooltip="The files that did not load, with their errors",
        ),
        Binding(
            "y",
            "sync",
            "Sync",
            id="overview.sync",
            tooltip="Fetch the others' changes, send yours (scrutui remote set URL first)",
        ),
        Binding(
            "o",
            "outside",
            "Outside changes",
            id="overview.outside",
            tooltip="Files changed outside scrutui: review and commit them",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the workspace...", id="loading")
        yield ProgressBar(id="progress", show_eta=False)
        yield DataTable(id="trackers", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals")
        yield Static(id="sync-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Tracker", key="tracker")
        table.add_column("Records", key="records")
        table.add_column("Overdue", key="overdue")
        table.add_column("Stale", key="stale")
        table.add_column("Problems", key="problems")
        table.add_column("By status", key="status")
        table.display = False
        if self.service is not None:
            self.refresh_data()

    def show_error(self, error: str) -> None:
        """The workspace did not open: say why, and what to do."""
        self.query_one(ProgressBar).display = False
        self.query_one("#loading", Static).update(
            f"The workspace did not open.\n\n{error}\n\nPress ctrl+q to leave; "
            "`scrutui --help` shows how to choose another workspace."
        )

    def on_load_progress(self, message: LoadProgress) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=message.total, progress=message.done)

    def refresh_data(self) -> None:
        service = self.service
        if service is None:
            return
        self.query_one("#loading").display = False
        self.query_one(ProgressBar).display = False
        table = self.query_one(DataTable)
        if not table.display:
            table.display = True
            table.focus()
        today = self.scrutui.today()
        row = table.cursor_row
        table.clear()
        totals = [0, 0, 0, 0]
        with self.scrutui.lock:
            trackers = list(service.state.trackers.values())
            for state in trackers:
                name = Text(clip(state.name, 30), style="bold")
                problems = Text(
                    str(len(state.problems)), style="bold red" if state.problems else ""
                )
                totals[3] += len(state.problems)
                if state.tracker is None:
                    name.append("\ndoes not load: see the failed files (f)", style="red")
                    table.add_row(name, "-", "-", "-", problems, "", key=state.name, height=2)
                    continue
                tracker = state.tracker
                name.append(f"\n{clip(tracker.heading, 30)}", style="dim")
                summary = summarise_tracker(tracker, state.records.values(), today)
                table.add_row(
                    name,
                    str(summary.records),
                    Text(str(summary.overdue), style="bold red" if summary.overdue else ""),
                    Text(str(summary.stale), style="bold yellow" if summary.stale else ""),
                    problems,
                    status_counts(tracker.scheme, summary),
                    key=state.name,
                    height=2,
                )
                totals[0] += summary.records
                totals[1] += summary.overdue
                totals[2] += summary.stale
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))
        self.scrutui.read(lambda s: s.sync_status(), self._show_sync_status)
        self.query_one("#totals", Static).update(
            f"{plural(len(trackers), 'tracker')}, {plural(totals[0], 'record')}: "
            f"{plural(totals[1], 'response')} overdue, {totals[2]} not reviewed since their "
            f"last meeting, {plural(totals[3], 'file')} with problems. Enter opens a tracker; "
            "? shows every key."
        )

    def _show_sync_status(self, status: object) -> None:
        self.query_one("#sync-status", Static).update(f"Shared: {status}")

    def action_sync(self) -> None:
        if self.service is not None:
            self.scrutui.sync()

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    def action_open(self) -> None:
        from scrutui.ui.screens.tracker import TrackerScreen

        name = self._current()
        if name and self.service is not None:
            self.app.push_screen(TrackerScreen(name))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_leads(self) -> None:
        from scrutui.ui.screens.leads import LeadsScreen

        if self.service is not None:
            self.app.push_screen(LeadsScreen())

    def action_problems(self) -> None:
        from scrutui.ui.screens.problems import ProblemsScreen

        if self.service is not None:
            self.app.push_screen(ProblemsScreen())

    def action_outside(self) -> None:
        from scrutui.ui.screens.outside import OutsideScreen

        if self.service is not None:
            self.app.push_screen(OutsideScreen())
