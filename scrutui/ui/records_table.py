"""The tracker's table of records: a DataTable whose rows, added at the end, cost no redraw.

Textual's DataTable keys every render cache (each cell, row and line drawn) on an update
count that each `add_row` moves, so rows added below the visible ones draw every visible cell
again: at 1,000 records, filling the table after a filter keystroke held the event loop some
100 ms a batch. Rows appended at the end change no row already there, so `append_rows`
keeps those caches and clears only what depends on the number of rows. And the columns are
all of fixed widths, so the new rows' cells are not measured (a DataTable measures every
cell of every new row once idle, to widen its auto-width columns).

Textual is pinned to 8.2 (pyproject.toml); `tests/test_records_table.py` checks the drawn
table against a plain DataTable's, so a Textual that changes these caches fails there first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey


class RecordsTable(DataTable[Any]):
    """A DataTable with `append_rows`: rows added at the end keep the drawn rows' caches."""

    def append_rows(self, rows: Iterable[tuple[Sequence[Any], str]]) -> None:
        """Add each (cells, key) row at the end, keeping the rendering of the rows before."""
        count = self._update_count
        for cells, key in rows:
            self.add_row(*cells, key=key)
        if self._update_count != count:
            self._update_count = count  # the rows drawn are unchanged: their caches hold
            self._offset_cache.clear()  # which row each line is on: more rows now
            self._ordered_row_cache.clear()
            self._line_cache.clear()  # by line number; cheap to build again from the rows

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The scrollable size; the new rows' cells measured only if a column takes its width
        from them (or a row its height)."""
        columns = list(self.columns.values())
        if any(c.auto_width for c in columns) or self._labelled_row_exists:
            super()._update_dimensions(new_rows)
            return
        rows = [self.rows.get(key) for key in new_rows]
        if any(row is not None and (row.auto_height or row.label is not None) for row in rows):
            super()._update_dimensions(new_rows)
            return
        width = sum(c.get_render_width(self) for c in columns) + self._row_label_column_width
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)
