"""One record: its fields, the executive's decision, and the dated update timeline."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from scrutui.domain.calendar import format_uk
from scrutui.domain.fields import AnswersType, UpdatesType, is_empty
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.actions import RecordActions
from scrutui.ui.styles import status_cell


def record_view(tracker: Tracker, record: Record, today: date) -> RenderableType:
    """The record as the officer reads it: fields, then the timeline of updates."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(ratio=1)
    for spec in record.spec.fields:
        value = record.get(spec.name)
        field_type = spec.field_type
        if not field_type.editable or is_empty(value):
            continue
        if field_type.widget == "status":
            status = tracker.scheme.get(value)
            cell = status_cell(tracker.scheme, value)
            cell.append(f"  {status.label}" if status and status.label != status.code else "")
            fields.add_row(spec.label, cell)
        elif field_type.bulleted:
            fields.add_row(spec.label, Text("\n".join(f"• {line}" for line in value)))
        elif isinstance(value, date):
            fields.add_row(spec.label, Text(format_uk(value)))
        else:
            fields.add_row(spec.label, Text(field_type.format(value)))
    due = tracker.response_due(record)
    if due:
        late = tracker.response_overdue(record, today)
        fields.add_row(
            "Response due",
            Text(format_uk(due) + ("  overdue" if late else ""), style="bold red" if late else ""),
        )
    if is_stale(tracker, record, Meeting.for_paper(tracker, None, today)):
        fields.add_row("", Text("Not reviewed since the last meeting", style="yellow"))
    parts: list[RenderableType] = [fields]
    for spec in record.spec.fields:  # the lists of dated entries, each under its label
        entries = record.get(spec.name)
        if spec.field_type.editable or not entries:
            continue
        parts.append(Text(f"\n{spec.label}", style="bold underline"))
        if isinstance(spec.field_type, UpdatesType):
            for update in sorted(entries, key=lambda u: u.date, reverse=True):
                parts += [Text(f"\n{format_uk(update.date)}", style="bold"), Text(update.text)]
        elif isinstance(spec.field_type, AnswersType):
            for answer in entries:
                head = f"{answer.type}: " if answer.type else ""
                team = f"  [{answer.team}]" if answer.team else ""
                parts.append(Text(f"• {head}{answer.text}{team}"))
    return Group(*parts)


class RecordScreen(RecordActions):
    """The record in full, with the same quick operations as the table."""

    GROUP = "record"
    BINDINGS = [
        Binding("s", "status", "Status", id="record.status", tooltip="Change the status"),
        Binding("u", "update", "Update", id="record.update", tooltip="Add a dated update"),
        Binding("c", "complete", "Done", id="record.complete", tooltip="Mark complete"),
        Binding("e", "edit", "Edit", id="record.edit", tooltip="Edit every field"),
        Binding(
            "a",
            "archive",
            "Archive",
            id="record.archive",
            tooltip="Archive, or restore from the archive",
        ),
        Binding("h", "history", "History", id="record.history", tooltip="Every change to it"),
        Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back"),
    ]

    def __init__(
        self, tracker: str, record_id: str, *, fixed: Record | None = None, label: str = ""
    ) -> None:
        super().__init__()
        self.tracker_name, self.record_id = tracker, record_id
        self.fixed = fixed
        self.label = label

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="record")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_data()

    @property
    def record(self) -> Record | None:
        if self.fixed is not None:
            return self.fixed
        snapshot = self.snapshot
        return snapshot.record(self.tracker_name, self.record_id) if snapshot else None

    def refresh_data(self) -> None:
        state = self.snapshot.tracker(self.tracker_name) if self.snapshot else None
        record = self.record
        self.title = f"{self.record_id}" + (f" {self.label}" if self.label else "")
        if state is None or state.tracker is None or record is None:
            self.query_one("#record", Static).update(
                f"{self.record_id} is no longer in {self.tracker_name}: it was deleted, or its "
                "file no longer loads (see the failed files on the overview)."
            )
            return
        self.sub_title = state.tracker.heading
        self.query_one("#record", Static).update(
            record_view(state.tracker, record, self.host.today())
        )
        self.refresh_bindings()  # a record now complete no longer offers c

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An old version (from the history) can only be read."""
        read_only = ("status", "update", "complete", "edit", "archive")
        if self.fixed is not None and action in read_only:
            return False
        return super().check_action(action, parameters)

    def selected(self) -> Record | None:
        return self.record

    def target(self) -> Record | None:
        record = self.record
        if record is None:
            self.notify("This record is not in the tracker any more", severity="warning")
        return record
