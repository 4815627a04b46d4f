"""The workspace overview: each tracker with its counts, overdue responses and stale records."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, ProgressBar, Static
from textual.widgets.data_table import ColumnKey

from scrutui.domain.status import StatusScheme
from scrutui.domain.summary import Summary
from scrutui.store.service import Service
from scrutui.store.sync import SyncReport
from scrutui.ui.footer import KeysFooter
from scrutui.ui.messages import LoadProgress, SyncProgress
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.screens.resolve import Resolutions
from scrutui.ui.styles import clip, plural, status_style


class Line(Static):
    """A line of plain text (never markup), set through its `text` reactive."""

    text: reactive[str] = reactive("")

    def watch_text(self, text: str) -> None:
        self.update(Text(text))


def status_counts(scheme: StatusScheme, summary: Summary) -> Text:
    """Each status with its count, then the records with none, so that they add up."""
    text = Text()
    for status in scheme.statuses:
        if text:
            text.append(" ")
        text.append(
            f" {status.code} {summary.by_status.get(status.code, 0)} ",
            style=status_style(status.colour),
        )
    none = summary.records - sum(summary.by_status.values())
    if none:
        text.append(f" no status {none}", style="italic")
    return text


#: The overview's columns after the tracker's name, and their widths.
COUNTS = (("records", "Records", 7), ("overdue", "Overdue", 7), ("stale", "Stale", 5))


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
            "r",
            "report",
            "Report",
            id="overview.report",
            tooltip="The scrutiny annual report: the year's figures and charts",
        ),
        Binding(
            "f",
            "problems",
            "Failed",
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
            "x",
            "outside",
            "Outside",
            id="overview.outside",
            tooltip="Files changed outside scrutui: review and commit them",
        ),
    ]

    syncing: reactive[bool] = reactive(False, init=False)
    """Whether a sync started here is under way."""
    sync_line: reactive[str] = reactive("")
    """Where the workspace stands with its remote, or the step of the sync under way."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the workspace...", id="loading", markup=False)
        yield ProgressBar(id="progress", show_eta=False)
        yield DataTable(id="trackers", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals", markup=False)
        yield Line(id="sync-status").data_bind(text=OverviewScreen.sync_line)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Tracker, and its records by status", key="tracker")
        for key, label, width in COUNTS:
            table.add_column(label, key=key, width=width)
        table.add_column("Failed", key="problems", width=6)
        table.display = False
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
        snapshot = self.snapshot
        if snapshot is None:
            return
        self.query_one("#loading").display = False
        self.query_one(ProgressBar).display = False
        table = self.query_one(DataTable)
        if not table.display:
            table.display = True
            table.focus()
        today = self.host.today()
        row = table.cursor_row
        table.clear()
        totals = [0, 0, 0, 0]
        # The name takes what the counts leave (each column has 2 cells of padding).
        width = max(24, self.app.size.width - sum(w + 2 for *_, w in COUNTS) - 8 - 4)
        table.columns[ColumnKey("tracker")].width = width
        headings = [s.tracker.heading for s in snapshot.trackers.values() if s.tracker]
        for state in snapshot.trackers.values():
            problems = Text(str(len(state.problems)), style="bold red" if state.problems else "")
            totals[3] += len(state.problems)
            if state.tracker is None:
                name = Text(clip(state.name, width), style="bold")
                name.append("\ndoes not load: see the failed files (f)", style="red")
                table.add_row(name, "-", "-", "-", problems, key=state.name, height=2)
                continue
            tracker = state.tracker
            summary = state.summary(today)
            assert summary is not None  # the tracker loads
            heading = tracker.heading
            if headings.count(heading) > 1:  # two trackers of one committee: say which
                half = width // 2
                heading = f"{clip(heading, half)} · {clip(state.name, width - half - 3)}"
            name = Text(clip(heading, width), style="bold")
            name.append("\n")
            name.append_text(status_counts(tracker.scheme, summary))
            name.truncate(width * 2 + 1)
            table.add_row(
                name,
                str(summary.records),
                Text(str(summary.overdue), style="bold red" if summary.overdue else ""),
                Text(str(summary.stale), style="bold yellow" if summary.stale else ""),
                problems,
                key=state.name,
                height=2,
            )
            totals[0] += summary.records
            totals[1] += summary.overdue
            totals[2] += summary.stale
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))
        if not self.syncing:
            self.sync_line = f"Shared: {snapshot.sync}" if snapshot.sync else ""
        reading = "As last opened; reading the records... " if snapshot.preview else ""
        self.query_one("#totals", Static).update(
            f"{reading}{plural(len(snapshot.trackers), 'tracker')}, "
            f"{plural(totals[0], 'record')}: "
            f"{plural(totals[1], 'response')} overdue, {totals[2]} not reviewed since their "
            f"last meeting, {plural(totals[3], 'file')} with problems. Enter opens a tracker; "
            "? shows every key."
        )

    # Sharing: the sync runs in the host's writer; its steps and conflicts come back here -----

    def action_sync(self) -> None:
        self.sync()

    def sync(self, resolutions: Resolutions | None = None) -> None:
        """Fetch, replay, send; conflicts open the resolve screen, and its choices sync again."""
        if self.snapshot is None:
            return
        if self.syncing:
            self.notify("A sync is already under way.", severity="warning")
            return

        def progress(step: str) -> None:  # in the writer's thread: a message, never a wait
            self.post_message(SyncProgress(step))

        def job(service: Service) -> SyncReport:
            return service.sync(resolutions, progress, interactive=False)

        self.syncing = True
        self.sync_line = "Shared: syncing..."
        self.host.run(job, self._synced, failed="Not synced", ended=self._sync_ended, rewrites=True)

    def on_sync_progress(self, message: SyncProgress) -> None:
        self.sync_line = f"Shared: {message.step}"
        self.notify(message.step, title="Sync", timeout=3)

    def _synced(self, report: SyncReport) -> None:
        from scrutui.ui.screens.resolve import ResolveScreen

        if report.conflicts:
            self.app.push_screen(ResolveScreen(report.conflicts), self._resolved)
            return
        self.notify(str(report), title="Sync")

    def _resolved(self, resolutions: Resolutions | None) -> None:
        if resolutions:
            self.sync(resolutions)

    def _sync_ended(self) -> None:
        self.syncing = False
        if self.snapshot is not None and self.snapshot.sync is not None:
            self.sync_line = f"Shared: {self.snapshot.sync}"

    # Moving on ----------------------------------------------------------------------------------

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    def action_open(self) -> None:
        from scrutui.ui.screens.tracker import TrackerScreen

        name = self._current()
        if name and self.snapshot is not None:
            self.app.push_screen(TrackerScreen(name))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_report(self) -> None:
        from scrutui.ui.screens.report import ReportScreen

        if self.snapshot is not None:
            self.app.push_screen(ReportScreen())

    def action_leads(self) -> None:
        from scrutui.ui.screens.leads import LeadsScreen

        if self.snapshot is not None:
            self.app.push_screen(LeadsScreen())

    def action_problems(self) -> None:
        from scrutui.ui.screens.problems import ProblemsScreen

        if self.snapshot is not None:
            self.app.push_screen(ProblemsScreen())

    def action_outside(self) -> None:
        from scrutui.ui.screens.outside import OutsideScreen

        if self.snapshot is not None:
            self.app.push_screen(OutsideScreen())
