"""Across every tracker: what each lead owes, with stale records and overdue responses."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scrutui.domain.summary import NO_LEAD, leads_rollup
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import clip, plain


class LeadsScreen(ScrutuiScreen):
    """The roll-up by lead across committee trackers and peer-challenge plans."""

    GROUP = "leads"
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Their records",
            id="leads.open",
            priority=True,
            tooltip="The lead's records in the first tracker they appear in",
        ),
        Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="about")
        yield DataTable(id="leads", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "What each lead owes"
        self.query_one(DataTable).add_columns("Lead", "Open", "Stale", "Overdue", "Trackers")
        self.refresh_data()

    def refresh_data(self) -> None:
        if self.snapshot is None:
            return
        trackers = [
            (s.tracker, list(s.records.values()))
            for s in self.snapshot.trackers.values()
            if s.tracker
        ]
        rows = leads_rollup(trackers, self.host.today())
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                plain(clip(row.lead, max(20, self.app.size.width - 44))),
                str(row.open),
                Text(str(row.stale), style="yellow" if row.stale else ""),
                Text(str(row.overdue), style="bold red" if row.overdue else ""),
                ", ".join(row.trackers),
                key=f"{row.lead}\t{row.trackers[0]}",
            )
        total = sum(r.open for r in rows)
        self.query_one("#about", Static).update(
            f"{len(rows)} leads owe {total} open records (a record with two leads counts for "
            "both). Enter lists a lead's records."
        )

    def action_open(self) -> None:
        from scrutui.ui.screens.tracker import TrackerScreen

        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        lead, tracker = key.split("\t")
        query = "open" if lead == NO_LEAD else f"open lead:{lead.split()[-1]}"
        self.app.push_screen(TrackerScreen(tracker, query))
