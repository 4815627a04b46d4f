"""One tracker's records as a table: filter, sort, and the quick operations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Input, Static

from scrutui.domain.calendar import format_uk
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.query import matcher, parse_query
from scrutui.domain.records import Record, sort_key
from scrutui.domain.tracker import Tracker
from scrutui.ui.columns import Fit, fit
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.actions import RecordActions
from scrutui.ui.snapshot import TrackerSnapshot
from scrutui.ui.styles import clip, plain, status_cell

Column = tuple[str, str, Callable[[Record], Any], Callable[[Record], Any]]


def _cell(value: Any, width: int) -> Text:
    """A cell as written (never markup), cut to its column with an ellipsis."""
    if isinstance(value, Text):
        value.truncate(width, overflow="ellipsis")
        return value
    return plain(clip(str(value), width))


def _day(value: date | None) -> str:
    return format_uk(value) if value else ""


#: Rows added in each batch after the first screenful, between frames.
MORE_ROWS = 100


def _columns(tracker: Tracker) -> list[Column]:
    """(key, label, cell, sort key) for the tracker's kind."""
    scheme = tracker.scheme
    status: Column = (
        "status",
        scheme.column_heading,
        lambda r: status_cell(scheme, r.status),
        lambda r: scheme.codes.index(r.status) if r.status in scheme.codes else -1,
    )
    kinds = tracker.record_kinds
    ident: Column = (
        "id",
        "Id",
        lambda r: r.id,
        lambda r: (kinds.index(r.kind) if r.kind in kinds else 9, sort_key(r.id)),
    )
    if tracker.kind == "committee":
        return [
            ident,
            status,
            ("meeting", "Meeting", lambda r: _day(r.meeting), lambda r: r.meeting or date.min),
            ("item", "Item", lambda r: r.item, lambda r: r.item.lower()),
            (
                "text",
                "Recommendation / action",
                lambda r: r.text,
                lambda r: r.text.lower(),
            ),
            (
                "lead",
                "Lead",
                lambda r: "; ".join(r.leads),
                lambda r: "; ".join(r.leads).lower(),
            ),
            (
                "reviewed",
                "Reviewed",
                lambda r: _day(r.last_reviewed),
                lambda r: r.last_reviewed or date.min,
            ),
        ]
    if tracker.kind == "peer-challenge":
        return [
            ident,
            status,
            (
                "text",
                "Recommendation / action",
                lambda r: r.title if r.kind == "peer-recommendation" else r.text,
                lambda r: (r.title or r.text).lower(),
            ),
            ("target", "Target", lambda r: r.target, lambda r: r.target.lower()),
        ]
    return [
        ident,
        ("area", "Pledge area", lambda r: r.area, lambda r: r.area.lower()),
        ("topic", "Topic", lambda r: r.topic, lambda r: r.topic.lower()),
        (
            "said",
            "You said",
            lambda r: r.said[0] if r.said else "",
            lambda r: (r.said[0] if r.said else "").lower(),
        ),
        (
            "answers",
            "We did",
            lambda r: (
                (r.answers[-1].text if r.answers else "")
                + (f" (+{len(r.answers) - 1})" if len(r.answers) > 1 else "")
            ),
            lambda r: len(r.answers),
        ),
    ]


#: Each column's width (the flexible one's least) and priority, 1 kept longest, by kind.
FITS: dict[str, dict[str, tuple[int, int, bool]]] = {
    "committee": {
        "id": (14, 1, False),
        "status": (5, 1, False),
        "text": (22, 1, True),
        "notes": (13, 2, False),
        "lead": (12, 3, False),
        "reviewed": (8, 4, False),
        "meeting": (8, 5, False),
        "item": (18, 6, False),
    },
    "peer-challenge": {
        "id": (8, 1, False),
        "status": (8, 1, False),
        "text": (24, 1, True),
        "notes": (13, 2, False),
        "target": (16, 3, False),
    },
    "engagement": {
        "id": (5, 1, False),
        "said": (24, 1, True),
        "answers": (24, 2, False),
        "notes": (13, 2, False),
        "topic": (16, 3, False),
        "area": (16, 4, False),
    },
}


def fitted(tracker: Tracker, columns: list[Column], available: int) -> dict[str, int]:
    """The columns that fit in `available` cells (notes included), each with its width."""
    sizes = FITS.get(tracker.kind, {})
    wanted = [*(c[0] for c in columns), "notes"]
    heading = tracker.scheme.column_heading
    code = max((len(c) for c in tracker.scheme.codes), default=1) + 2
    fits = []
    for key in wanted:
        width, priority, flex = sizes.get(key, (12, 9, False))
        if key == "status":
            width = max(len(heading) + 2, code)  # room for the sort arrow
        fits.append(Fit(key, width, priority, flex, want=40 if flex else 0))
    return fit(fits, available)


def notes(tracker: Tracker, record: Record, meeting: Meeting, today: date) -> Text:
    text = Text()
    for flag, style, on in (
        ("overdue", "bold red", tracker.response_overdue(record, today)),
        ("stale", "yellow", is_stale(tracker, record, meeting)),
        ("archived", "dim", record.archived),
        ("exempt", "magenta", record.exempt),
    ):
        if on:
            text.append(("" if not text else " ") + flag, style=style)
    return text


class TrackerScreen(RecordActions):
    """The records of one tracker."""

    GROUP = "tracker"
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="tracker.open",
            show=False,
            priority=True,
            tooltip="The record with its dated updates",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="tracker.filter",
            key_display="/",
            tooltip="Filter: status:Y lead:name meeting:19/01/24 overdue stale, or words",
        ),
        Binding(
            "s",
            "status",
            "Status",
            id="record.status",
            tooltip="Change the status, with an update",
        ),
        Binding("u", "update", "Update", id="record.update", tooltip="Add a dated update"),
        Binding("c", "complete", "Done", id="record.complete", tooltip="Mark complete"),
        Binding("e", "edit", "Edit", id="record.edit", tooltip="Edit every field"),
        Binding(
            "n",
            "new",
            "New",
            id="tracker.new",
            tooltip="A new record, with the meeting and item of the selected one",
        ),
        Binding(
            "a",
            "archive",
            "Archive",
            id="record.archive",
            show=False,
            tooltip="Archive the record, or restore it from the archive",
        ),
        Binding(
            "h",
            "history",
            "History",
            id="record.history",
            tooltip="Every change to the record: who, when, what",
        ),
        Binding(
            "p",
            "preview",
            "Paper",
            id="tracker.preview",
            tooltip="The paper for the next meeting, as it will be published",
        ),
        Binding(
            "i",
            "import",
            "Import",
            id="tracker.import",
            show=False,
            tooltip="Records from minutes or a tracker table: review them, then add them",
        ),
        Binding("o", "sort", "Sort", id="tracker.sort", show=False, tooltip="Sort by a column"),
        Binding(
            "z",
            "toggle_archived",
            "Archived",
            id="tracker.archived",
            show=False,
            tooltip="Show or hide archived records",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="screen.back",
            tooltip="Back to the overview (or out of the filter)",
        ),
    ]

    query_text: reactive[str] = reactive("", init=False)
    """The filter as typed."""
    show_archived: reactive[bool] = reactive(False, init=False)
    """Whether archived records are listed."""

    def __init__(self, name: str, query: str = "") -> None:
        super().__init__()
        self.tracker_name = name
        self.initial_query = query
        self.sort_by = "id"
        self.sort_reverse = False
        self.columns: list[Column] = []
        self.widths: dict[str, int] = {}
        self.shown: list[Record] = []
        self._generation = 0
        self._shown_key: Any = None
        self._order: tuple[Any, list[Record]] = (None, [])

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: status:Y lead:name meeting:19/01/24 overdue stale "
            "or any words (escape to leave)",
            id="filter",
        )
        yield Static(id="filter-line")
        yield DataTable(id="records", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.display = bool(self.initial_query)
        filter_input.value = self.initial_query
        self.query_text = self.initial_query
        self.refresh_data()
        self.query_one(DataTable).focus()

    # Data -----------------------------------------------------------------------------------

    @property
    def state(self) -> TrackerSnapshot | None:
        return self.snapshot.tracker(self.tracker_name) if self.snapshot else None

    def refresh_data(self) -> None:
        state = self.state
        if state is None or state.tracker is None:
            self.query_one("#filter-line", Static).update(
                f"{self.tracker_name} does not load: see the failed files (f on the overview)"
            )
            return
        tracker = state.tracker
        self.title = self.tracker_name
        if not self.columns:
            self.columns = _columns(tracker)
        self._fit(tracker)
        self._populate(state, tracker)

    def _fit(self, tracker: Tracker) -> None:
        """The columns that fit the window (again after a resize); rows are redrawn."""
        table = self.query_one(DataTable)
        available = self.app.size.width - 2  # the table is as wide as the window, less its bar
        widths = fitted(tracker, self.columns, available)
        if widths == self.widths:
            return
        self.widths = widths
        table.clear(columns=True)
        self._shown_key = None
        labels = {key: label for key, label, _, _ in self.columns} | {"notes": "Notes"}
        for key, width in widths.items():
            arrow = ""
            if key == self.sort_by:
                arrow = " ▼" if self.sort_reverse else " ▲"
            table.add_column(clip(labels[key] + arrow, width), key=key, width=width)

    def on_resize(self) -> None:
        state = self.state
        if state and state.tracker and self.columns:
            self._fit(state.tracker)
            self._populate(state, state.tracker)

    def _populate(self, state: TrackerSnapshot, tracker: Tracker) -> None:
        today = self.host.today()
        meeting = Meeting.for_paper(tracker, None, today)
        query = parse_query(self.query_text)
        wanted = matcher(query, tracker, meeting, today)
        records = list(state.records.values())
        everything = len(records)
        records = [
            r
            for r in self._in_order(records)
            if (self.show_archived or not r.archived or "archived" in query.flags) and wanted(r)
        ]
        table = self.query_one(DataTable)
        current = self.current_id()
        if self._shown_key == (key := (tuple(map(id, records)), id(tracker), meeting, today)):
            self._describe(state, query, len(records), everything)  # the same rows: keep them
            return
        self._shown_key = key
        table.clear()
        self.shown = records
        self._generation += 1
        ids = [r.id for r in records]
        at = ids.index(current) if current in ids else 0
        # A screenful (and the row the cursor was on) now; the rest after the frame is drawn.
        first = at + 1 + max(table.size.height, self.app.size.height)
        self._add_rows(self._generation, 0, first, tracker, meeting, today)
        if at:
            table.move_cursor(row=at)
        self._describe(state, query, len(records), everything)

    def _describe(
        self, state: TrackerSnapshot, query: Any, shown_count: int, everything: int
    ) -> None:
        """The header and the line under the filter: what is shown, and of how many."""
        filtered = query.describe()
        shown = f"{shown_count} of {everything} records"
        self.sub_title = f"filter: {filtered}" if filtered else shown
        problems = f"  {len(state.problems)} files did not load." if state.problems else ""
        problems_in = list(query.errors)
        status = query.terms.get("status")
        if status and state.tracker:
            codes = state.tracker.scheme.codes
            if status.lower() not in (c.lower() for c in codes):
                problems_in.append(f"no status {status}: the statuses are {', '.join(codes)}")
        errors = "  " + "; ".join(problems_in) if problems_in else ""
        archived = "" if self.show_archived else " (archived hidden: z)"
        self.query_one("#filter-line", Static).update(
            f"{shown}{archived}" + (f"  filter: {filtered}" if filtered else "") + errors + problems
        )

    def _in_order(self, records: list[Record]) -> list[Record]:
        """`records` in the table's order; sorted again only when they or the order change,
        not on each keystroke of a filter."""
        key = (self.sort_by, self.sort_reverse, tuple(map(id, records)))
        if self._order[0] != key:
            sort = (
                next(c[3] for c in self.columns if c[0] == self.sort_by)
                if any(c[0] == self.sort_by for c in self.columns)
                else (lambda r: sort_key(r.id))
            )
            ordered = sorted(
                records, key=lambda r: (sort(r), sort_key(r.id)), reverse=self.sort_reverse
            )
            self._order = (key, ordered)  # holding the records keeps their ids unique
        return self._order[1]

    def _add_rows(
        self, generation: int, start: int, end: int, tracker: Tracker, meeting: Meeting, today: date
    ) -> None:
        """Rows `start` to `end` of `self.shown`, then the next batch once this one is drawn.

        Adding rows is what a keystroke in the filter costs (Textual measures every cell), so a
        1,000-record tracker is drawn a screenful first and filled in batches in between
        frames; a newer filter (`generation`) stops the batches of the old one.
        """
        if generation != self._generation:
            return
        table = self.query_one(DataTable)
        widths = self.widths
        cells = [(key, cell) for key, _, cell, _ in self.columns if key in widths]
        with_notes = "notes" in widths
        for record in self.shown[start:end]:
            row = [_cell(cell(record), widths[key]) for key, cell in cells]
            if with_notes:
                row.append(notes(tracker, record, meeting, today))
            table.add_row(*row, key=record.id)
        if end < len(self.shown):
            self.call_after_refresh(
                self._add_rows, generation, end, end + MORE_ROWS, tracker, meeting, today
            )

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def target(self) -> Record | None:
        """The record under the cursor."""
        return self.current()

    def current(self) -> Record | None:
        record_id = self.current_id()
        state = self.state
        return state.records.get(record_id) if state and record_id else None

    def ref(self, record: Record) -> str:
        return f"{self.tracker_name}/{record.id}"

    def watch_query_text(self) -> None:
        state = self.state
        if state and state.tracker and self.columns:  # no rows before the table has columns
            self._populate(state, state.tracker)

    def watch_show_archived(self) -> None:
        self.watch_query_text()

    # Filter and sort ------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.query_text = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        """Out of the filter box; then the filter cleared; only then back to the overview."""
        box = self.query_one("#filter", Input)
        if box.has_focus:
            if not box.value:
                box.display = False
            self.query_one(DataTable).focus()
            return
        if box.value:
            box.value = ""
            box.display = False
            self.query_text = ""
            self.notify("Filter cleared: escape again goes back.", timeout=3)
            return
        self.app.pop_screen()

    def action_sort(self) -> None:
        from scrutui.ui.dialogs import ChoiceDialog

        choices = [(key, label) for key, label, _, _ in self.columns]
        self.app.push_screen(ChoiceDialog("Sort by", choices), self._sort)

    def _sort(self, key: str | None) -> None:
        if key is None:
            return
        self.sort_reverse = not self.sort_reverse if key == self.sort_by else False
        self.sort_by = key
        self.widths = {}  # the headings again, with the arrow on the sorted column
        state = self.state
        if state and state.tracker:
            self._fit(state.tracker)
        self.watch_query_text()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self._sort(str(event.column_key.value))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived

    # Opening --------------------------------------------------------------------------------

    def action_open(self) -> None:
        from scrutui.ui.screens.record import RecordScreen

        if self.query_one("#filter", Input).has_focus:
            self.query_one(DataTable).focus()
            return
        record = self.current()
        if record:
            self.app.push_screen(RecordScreen(self.tracker_name, record.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()  # the keys offered are those that apply to this record

    def action_preview(self) -> None:
        from scrutui.ui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self.tracker_name))

    def action_import(self) -> None:
        from scrutui.ui.import_dialogs import ImportFileDialog
        from scrutui.ui.screens.import_review import ImportReviewScreen

        def chosen(answer: tuple[str, Path] | None) -> None:
            if answer is not None:
                self.app.push_screen(ImportReviewScreen(self.tracker_name, *answer))

        self.app.push_screen(ImportFileDialog(), chosen)

    def action_new(self) -> None:
        from scrutui.ui.screens.edit import EditScreen, new_from

        state = self.state
        if state and state.tracker:
            kind, values = new_from(state.tracker, self.current())
            self.app.push_screen(EditScreen(self.tracker_name, None, kind=kind, values=values))
