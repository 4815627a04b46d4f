"""One tracker's records as a table: filter, sort, and the quick operations."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive, reactive
from textual.widgets import DataTable, Header, Input, Static

from scrutui.domain.fields import is_empty
from scrutui.domain.kinds import Column as ColumnSpec
from scrutui.domain.kinds import fit
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.query import matcher, parse_query
from scrutui.domain.query import prepare as prepare_filter
from scrutui.domain.records import Record, sort_key
from scrutui.domain.tracker import Tracker
from scrutui.ui.footer import KeysFooter
from scrutui.ui.records_table import RecordsTable
from scrutui.ui.screens.actions import RecordActions
from scrutui.ui.snapshot import TrackerSnapshot
from scrutui.ui.styles import clip, status_cell

Column = tuple[str, str, Callable[[Record], Any], Callable[[Record], Any]]


#: Rows added in each batch below the first screenful, at most.
MORE_ROWS = 1000
#: Seconds of rows added in one batch below the first screenful (`_add_the_rest`): appended
#: rows cost no redraw of the visible ones (see `RecordsTable`), so a batch holds the event
#: loop this long. A key typed while a batch runs waits for it: at 8 ms the worst keystroke
#: at 10,000 records was 4 ms longer (53.5 against 49.5 ms, the medians of eight runs of
#: each).
ROWS_BUDGET = 0.004
#: Rows appended at a time within a batch, the budget checked after each.
ROWS_AT_A_TIME = 16
#: The first screenful of rows is added in this many parts, one a frame: each part's new
#: cells drawn take about 8 ms at 120 columns (a whole screenful at once took 25 ms).
SCREEN_PARTS = 3


#: The notes column (overdue, stale, archived, exempt): "overdue stale" whole, and its padding.
NOTES_WIDTH = 13
#: What the table keeps besides its fitted columns: the notes, with their padding.
RESERVED = NOTES_WIDTH + 2


def _columns(
    tracker: Tracker, width: int = 1_000, present: frozenset[str] = frozenset()
) -> list[Column]:
    """(key, label, cell, sort key) of the tracker kind's columns that fit in `width`
    characters: the least useful hide first, the flexible ones share what is left. A column
    shown only when some record has a value for it is in `present` when one has."""
    fitted = fit(tracker.spec.columns_with(present), tracker, width, reserved=RESERVED)
    return [
        (spec.key, spec.heading(tracker), _cell(spec, tracker, clipped), spec.sort_key(tracker))
        for spec, clipped in fitted
    ]


def _cell(spec: ColumnSpec, tracker: Tracker, width: int) -> Callable[[Record], Any]:
    scheme = tracker.scheme
    if spec.fields == ("id",):
        return lambda r: r.id

    chips: dict[Any, Text] = {}  # one Text for each status: cells are read, never changed

    def cell(record: Record) -> Any:
        """The cell's text as written (a `str`: see `ui.records_table`), or a status chip."""
        value, field_type = spec.value(record)
        if field_type is not None and field_type.widget == "status":
            chip = chips.get(value)
            if chip is None:
                chip = chips[value] = status_cell(scheme, value)
            return chip
        return clip(field_type.cell(value) if field_type else str(value), width)

    return cell


def notes(tracker: Tracker, record: Record, meeting: Meeting, today: date) -> Text:
    """The record's flags, one shared Text for each set of them (a table cell is read, never
    changed: see `_flags`)."""
    return _flags(
        bool(tracker.response_overdue(record, today)),
        bool(is_stale(tracker, record, meeting)),
        bool(record.archived),
        bool(record.exempt),
    )  # as bools: at most sixteen kept


@cache
def _flags(overdue: bool, stale: bool, archived: bool, exempt: bool) -> Text:
    text = Text()
    for flag, style, on in (
        ("overdue", "bold red", overdue),
        ("stale", "yellow", stale),
        ("archived", "dim", archived),
        ("exempt", "magenta", exempt),
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

    # Neither the filter nor the sub-title repaints the whole screen when it changes (the
    # default for a reactive): what they change (the table, the header's title, the line
    # under the filter) redraws itself, and a screen repainted on each keystroke of the
    # filter held the event loop a few milliseconds longer for nothing.
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)
    """The header's sub-title (Screen's own: the header watches it)."""
    query_text: reactive[str] = reactive("", init=False, repaint=False)
    """The filter as typed."""
    show_archived: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether archived records are listed."""

    def __init__(self, name: str, query: str = "") -> None:
        super().__init__()
        self.tracker_name = name
        self.initial_query = query
        self.sort_by = "id"
        self.sort_reverse = False
        self.columns: list[Column] = []
        self.widths: dict[str, int] = {}
        self._fitted_width = 0
        self._present: frozenset[str] = frozenset()
        self.shown: list[Record] = []
        self._generation = 0
        self._screenful = 0  # the rows up to the screenful's end: added a part a frame
        self._part = 1
        self._shown_key: Any = None
        self._order: tuple[Any, list[Record]] = (None, [])
        #: Each record's cells in `self.columns`, by the record's identity (the record kept,
        #: so its id is not reused): a filter keystroke shows mostly records shown before
        self._cells: dict[int, tuple[Record, list[Any]]] = {}
        self._cells_of: list[Column] | None = None
        self._prepared: Any = None  # the records whose texts the filter has worked out

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: status:Y lead:name meeting:19/01/24 overdue stale "
            "or any words (escape to leave)",
            id="filter",
        )
        yield Static(id="filter-line", markup=False)
        yield RecordsTable(id="records", cursor_type="row", zebra_stripes=True)
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
        table = self.query_one(DataTable)
        width = self.app.size.width - table.styles.scrollbar_size_vertical  # its gutter kept
        present = frozenset(
            c.key
            for c in tracker.spec.columns
            if c.when_any and any(not is_empty(c.value(r)[0]) for r in state.records.values())
        )
        if not self.columns or width != self._fitted_width or present != self._present:
            columns = tracker.spec.columns_with(present)
            fitted = fit(columns, tracker, width, reserved=RESERVED)
            self.widths = {spec.key: clipped for spec, clipped in fitted}
            self.columns = _columns(tracker, width, present)
            self._fitted_width, self._present = width, present
            self._headings(table)
            self._shown_key = None  # the rows again, clipped to the new widths
        self._populate(state, tracker)
        if self._prepared is not state.records:
            self._prepared = state.records
            records = list(state.records.values())
            self.run_worker(
                partial(prepare_filter, records),
                thread=True,
                exit_on_error=False,
                description=f"the filter's texts of {len(records)} records",
            )

    def _headings(self, table: DataTable[Any]) -> None:
        """The columns, each as wide as fitted, the sorted one with its arrow."""
        table.clear(columns=True)
        widths = dict(self.widths)
        arrow = " ▼" if self.sort_reverse else " ▲"
        labels = {key: label for key, label, _, _ in self.columns}
        if self.sort_by in widths:
            short = len(labels[self.sort_by] + arrow) - widths[self.sort_by]
            widest = max(widths, key=lambda k: widths[k])
            if short > 0 and widest != self.sort_by and widths[widest] - short >= 8:
                widths[self.sort_by] += short  # the arrow shows; the widest column gives way
                widths[widest] -= short
        for key, label, _, _ in self.columns:
            heading = label + arrow if key == self.sort_by else label
            width = widths.get(key, len(label))
            table.add_column(clip(heading, width), key=key, width=width)
        table.add_column("Notes", key="notes", width=NOTES_WIDTH)

    def on_resize(self) -> None:
        """Fit the columns to the terminal again (the least useful hide when it narrows)."""
        if self.columns:
            self.refresh_data()

    def _populate(self, state: TrackerSnapshot, tracker: Tracker) -> None:
        today = self.host.today()
        meeting = Meeting.for_paper(tracker, None, today)
        query = parse_query(self.query_text)
        wanted = matcher(query, tracker, meeting, today)
        records = list(state.records.values())
        everything = len(records)
        if self.show_archived or "archived" in query.flags:
            records = [r for r in self._in_order(records) if wanted(r)]
        else:
            records = [r for r in self._in_order(records) if not r.archived and wanted(r)]
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
        # The row the cursor was on and a part of a screenful now; the rest a part a frame,
        # then in batches (see `_add_rows`).
        height = max(table.size.height, self.app.size.height)
        self._screenful, self._part = at + 1 + height, max(1, height // SCREEN_PARTS)
        first = at + 1 + self._part
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
        self,
        generation: int,
        start: int,
        end: int,
        tracker: Tracker,
        meeting: Meeting,
        today: date,
        chain: bool = True,
    ) -> int:
        """Rows `start` to `end` of `self.shown` (where they end: sooner once the budget is
        spent), then, with `chain`, the next part once this one is drawn or the rest.

        Adding rows and drawing their cells is what a keystroke in the filter costs, so a
        1,000-record tracker's first screenful is added a part a frame (`SCREEN_PARTS`), and
        the rest in batches (`ROWS_BUDGET`) by a worker; a newer filter (`generation`)
        stops the batches of the old one.
        """
        if generation != self._generation:
            return start
        table = self.query_one(RecordsTable)
        # The first screenful a part a frame (drawing its new cells is what costs); then rows
        # until the frame's budget is spent.
        deadline = None
        if 0 < start < self._screenful:
            end = min(end, start + self._part, self._screenful)
        elif start:
            deadline = time.perf_counter() + ROWS_BUDGET
        rows = []
        state = self.state
        kept_at_most = 2 * max(len(state.records) if state else 0, len(self.shown), 500)
        if self._cells_of is not self.columns or len(self._cells) > kept_at_most:
            # fitted again (cells clipped anew), or the cells of records since replaced
            # (each reload of the tracker's files makes new records) would pile up
            self._cells, self._cells_of = {}, self.columns
        known = self._cells
        for at, record in enumerate(self.shown[start:end], start):
            kept = known.get(id(record))
            if kept is None or kept[0] is not record:
                kept = (record, [cell(record) for _, _, cell, _ in self.columns])
                known[id(record)] = kept
            rows.append(([*kept[1], notes(tracker, record, meeting, today)], record.id))
            if deadline is not None and len(rows) == ROWS_AT_A_TIME:
                table.append_rows(rows)  # adding them to the table is most of their cost
                rows = []
                if time.perf_counter() > deadline:
                    end = at + 1
                    break
        table.append_rows(rows)
        if not chain or end >= len(self.shown):
            return end
        if end < self._screenful:
            self.call_after_refresh(
                self._add_rows, generation, end, end + MORE_ROWS, tracker, meeting, today
            )
        else:
            rest = self._add_the_rest(generation, end, tracker, meeting, today)
            self.run_worker(rest, group="rows", exclusive=True)
        return end

    async def _add_the_rest(
        self, generation: int, start: int, tracker: Tracker, meeting: Meeting, today: date
    ) -> None:
        """The rows below the first screenful, a batch at a time in a task of its own, the
        event loop free between batches: a key typed meanwhile (whose message would wait
        behind the screen's own) and the frames go first."""
        while generation == self._generation and start < len(self.shown):
            await asyncio.sleep(0)
            start = self._add_rows(
                generation, start, start + MORE_ROWS, tracker, meeting, today, chain=False
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
        if self.columns:
            self._headings(self.query_one(DataTable))  # the arrow moves to this column
            self._shown_key = None
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
        self.refresh_record_keys()  # the keys offered are those that apply to this record

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
