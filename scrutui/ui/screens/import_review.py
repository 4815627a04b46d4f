"""The proposals of an import, to tick, edit or drop before they become one commit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scrutui.domain.calendar import format_uk
from scrutui.domain.records import KINDS
from scrutui.importers.action_log import UpdateProposal
from scrutui.importers.plan import Plan, plan
from scrutui.importers.proposal import Proposal
from scrutui.importers.table import Choices
from scrutui.store.service import Saved, Service
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import clip

TICK = "✔"


class ImportReviewScreen(ScrutuiScreen):
    """What a file would add to a tracker; nothing is written until the officer confirms."""

    GROUP = "import"
    BINDINGS = [
        Binding("space", "tick", "Tick", id="import.toggle", tooltip="Tick or untick it"),
        Binding("e", "edit", "Edit", id="import.edit", tooltip="Change its item, lead or text"),
        Binding("d", "drop", "Drop", id="import.drop", tooltip="Leave it out of this import"),
        Binding(
            "m",
            "mapping",
            "Columns",
            id="import.mapping",
            tooltip="Change a column's field or a status word's code, and read the table again",
        ),
        Binding(
            "ctrl+s",
            "confirm",
            "Add ticked",
            id="import.confirm",
            priority=True,
            tooltip="Add the ticked proposals to the tracker, in one commit",
        ),
        Binding("enter", "confirm", "Add ticked", id="import.enter", show=False, priority=True),
        Binding("escape", "app.pop_screen", "Cancel", id="import.cancel", tooltip="Add nothing"),
    ]

    def __init__(self, tracker: str, source: str, path: Path) -> None:
        super().__init__()
        self.tracker_name, self.source, self.path = tracker, source, path
        self.plan: Plan | None = None
        self.proposals: list[Proposal] = []
        self.updates: list[UpdateProposal] = []  # an action log's, after the proposals
        self.choices = Choices()
        self.asked = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Reading {self.path.name}...", id="import-summary", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="proposals")
        yield Static("", id="import-detail", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"Import into {self.tracker_name}"
        self.sub_title = self.path.name
        table = self.query_one(DataTable)
        for label, width in (("", 1), ("Kind", 6), ("Meeting", 8), ("Item", 16), ("Text", 50)):
            table.add_column(label, width=width)
        self._load()

    def _load(self) -> None:
        name, source, path = self.tracker_name, self.source, self.path
        choices = self.choices if source == "table" else None

        def read(service: Service) -> Plan:
            state = service.state.tracker(name)
            return plan(
                source,
                path,
                state,
                today=service.today(),
                choices=choices,
                lenient=choices is not None,
            )

        self.host.read(read, self._show, self._failed)

    def _failed(self, problem: str) -> None:
        """The file could not be read: say so where the proposals would be."""
        self.query_one("#import-summary", Static).update(
            Text(
                f"Could not read {self.path.name}: {problem}\n\nNothing was imported. "
                "Press escape to go back.",
                style="bold red",
            )
        )
        self.sub_title = f"{self.path.name}: not read"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mapping":
            return self.source == "table"
        return True

    def action_mapping(self) -> None:
        from scrutui.ui.screens.import_mapping import ImportMappingScreen

        found = self.plan
        if found is None or found.table is None or found.table.codes is None:
            return

        def chosen(choices: Choices | None) -> None:
            if choices is not None:
                self.choices = choices
                self.query_one("#import-summary", Static).update(
                    f"Reading {self.path.name} again..."
                )
                self._load()

        kinds, scheme = found.table.kinds, found.table.codes
        self.app.push_screen(ImportMappingScreen(found.table, self.choices, kinds, scheme), chosen)

    def refresh_data(self) -> None:
        """The proposals stay as the officer left them while the workspace changes."""

    def _show(self, found: Plan) -> None:
        self.plan = found
        self.proposals = list(found.proposals)
        self.updates = list(found.updates)
        self._redraw()
        self.query_one(DataTable).focus()
        if found.table is not None and found.table.problems and not self.asked:
            self.asked = True  # once: the officer says how to read it, or cancels
            self.action_mapping()

    def _redraw(self, keep: int = 0) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for index, p in enumerate(self.proposals):
            tick = Text(TICK if p.ticked else " ", style="bold green")
            when = format_uk(p.meeting) if p.meeting else ""
            kind = KINDS[p.kind].short if p.kind in KINDS else p.kind
            style = "" if p.ticked else "dim"
            cells = [kind, when, clip(p.item, 16), clip(p.first_line, 50)]
            table.add_row(tick, *(Text(c, style=style) for c in cells), key=str(index))
        for index, u in enumerate(self.updates, start=len(self.proposals)):
            tick = Text(TICK if u.ticked else " ", style="bold green")
            style = "" if u.ticked else "dim"
            done = " (complete)" if u.complete else ""
            cells = ["Update", format_uk(u.on), clip(u.record, 16), clip(u.text + done, 50)]
            table.add_row(tick, *(Text(c, style=style) for c in cells), key=str(index))
        rows = len(self.proposals) + len(self.updates)
        if rows:
            table.move_cursor(row=min(keep, rows - 1))
        self._summary()
        self._detail()

    def _summary(self) -> None:
        found = self.plan
        if found is None:
            return
        ticked = sum(p.ticked for p in self.proposals) + sum(u.ticked for u in self.updates)
        count = len(self.proposals) + len(self.updates)
        text = f"{count} proposed from {found.source}, {ticked} ticked"
        if found.already:
            text += f"; {found.already} already in the tracker, left out"
        if found.unmatched:
            text += f"; {len(found.unmatched)} log entries match no record"
        if not count:
            text = f"Nothing new to import: {self.tracker_name} holds all of {found.source}."
        if found.table is not None and found.table.problems:
            count = len(found.table.problems)
            text = (
                f"{found.source} cannot be imported as it stands ({count} problem"
                f"{'s' if count != 1 else ''}): m to change how it is read"
            )
        elif found.table is not None:
            unknown = len(found.table.unknown)
            if unknown:
                text += f"; {unknown} status word{'s' if unknown != 1 else ''} not in the scheme"
            text += "; m: columns and statuses"
        self.query_one("#import-summary", Static).update(text)

    def _detail(self) -> None:
        p = self.current
        detail = self.query_one("#import-detail", Static)
        update = self.current_update
        if update is not None:
            done = "; and mark it complete" if update.complete else ""
            detail.update(
                Text(
                    f"Update of {update.record} ({update.how}; {update.source}){done}\n"
                    f"{update.summary}\n{update.text}"
                )
            )
            return
        if p is None:
            detail.update("")
            return
        lead = f"Lead: {'; '.join(p.leads)}\n" if p.leads else ""
        note = f"  ({p.note})" if p.note else ""
        detail.update(Text(f"{p.source}{note}\n{lead}{p.text}"))

    def on_data_table_row_highlighted(self) -> None:
        self._detail()

    @property
    def index(self) -> int | None:
        row = self.query_one(DataTable).cursor_row
        return row if 0 <= row < len(self.proposals) else None

    @property
    def update_index(self) -> int | None:
        row = self.query_one(DataTable).cursor_row - len(self.proposals)
        return row if 0 <= row < len(self.updates) else None

    @property
    def current_update(self) -> UpdateProposal | None:
        index = self.update_index
        return self.updates[index] if index is not None else None

    @property
    def current(self) -> Proposal | None:
        index = self.index
        return self.proposals[index] if index is not None else None

    def action_tick(self) -> None:
        index = self.index
        at = self.update_index
        if at is not None:
            u = self.updates[at]
            self.updates[at] = replace(u, ticked=not u.ticked)
            self._redraw(len(self.proposals) + at)
        if index is not None:
            p = self.proposals[index]
            self.proposals[index] = replace(p, ticked=not p.ticked)
            self._redraw(index)

    def action_drop(self) -> None:
        index = self.index
        at = self.update_index
        if at is not None:
            del self.updates[at]
            self._redraw(len(self.proposals) + at)
        if index is not None:
            del self.proposals[index]
            self._redraw(index)

    def action_edit(self) -> None:
        from scrutui.ui.import_dialogs import ProposalDialog

        index = self.index
        if index is None:
            return

        def edited(proposal: Proposal | None) -> None:
            if proposal is not None:
                self.proposals[index] = proposal
                self._redraw(index)

        self.app.push_screen(ProposalDialog(self.proposals[index]), edited)

    def action_confirm(self) -> None:
        chosen = [p.as_pair() for p in self.proposals if p.ticked]
        updates = [(u.record, u.text, u.on, u.complete) for u in self.updates if u.ticked]
        if self.plan is None or not (chosen or updates):
            self.notify("Tick the proposals to add first (space).", severity="warning")
            return
        name, subject = self.tracker_name, self.plan.subject(len(chosen), len(updates))
        files, settings = self.plan.files, self.plan.settings

        def add(service: Service) -> Saved:
            return service.add_records(
                name, chosen, subject, updates, files=files, settings=settings
            )

        self.host.change(add, self._added)

    def _added(self, saved: Saved) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
