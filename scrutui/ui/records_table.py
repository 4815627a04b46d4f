"""The tracker's table of records: a DataTable whose rows, added at the end, cost no redraw.

Textual's DataTable keys every render cache (each cell, row and line drawn) on an update
count that each `add_row` moves, so rows added below the visible ones draw every visible cell
again: at 1,000 records, filling the table after a filter keystroke held the event loop some
100 ms a batch. Rows appended at the end change no row already there, so `append_rows`
keeps those caches and clears only what depends on the number of rows. And the columns are
all of fixed widths, so the new rows' cells are not measured (a DataTable measures every
cell of every new row once idle, to widen its auto-width columns).

Each cell of a new screenful is drawn once (`_render_cell`): DataTable hands every cell to
Rich's general machinery (a Padding in a Styled, rendered, split and cropped into lines),
which at 35 rows of 8 cells was most of a filter keystroke's first frame. A one-line cell
holding a single line of text needs only its text truncated to the column, rendered, and
padded, in the same styles: that is drawn here directly, and anything else (a header, a
cell of several lines, tabs, another renderable) goes to DataTable's own path.

A `str` cell is its text as written, never read as markup (as a DataTable reads one): an
officer's "[b]" or "[/]" is drawn as typed. Most cells are `str`, which Python's garbage
collector never tracks, where a Rich Text is three objects it walks (the text and two lists):
at 1,000 rows of eight cells, 24,000 of the 46,000 objects a tracker's table held, each
walked again by every full collection (`ui/collector.py`). So the columns are all of fixed
widths (`add_column` takes a width), as a `str` would otherwise be measured as markup.

DataTable's caches are Textual's LRUCache, a ring of linked entries that `clear()` drops
whole: a ring is cyclic garbage, holding every line, cell and row it cached, that only a
full collection frees. Each filter keystroke clears them, so typing left some 90,000 objects
for the next full collection to walk (180 ms at 10,000 records). Here `clear()` unlinks the
ring first, and what it held is freed at once (`_Cache`).

Textual is pinned to 8.2 (pyproject.toml); `tests/test_records_table.py` checks the drawn
table against a plain DataTable's, so a Textual that changes these caches fails there first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.cache import LRUCache
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import _EMPTY_TEXT as EMPTY
from textual.widgets._data_table import (
    CellCacheKey,
    CellType,
    ColumnKey,
    RowKey,
    RowRenderables,
    default_cell_formatter,
)

#: Text in a cell that DataTable's own path draws as a single line, as Rich would
_ONE_LINE_JUSTIFY = (None, "default")
_ONE_LINE_ENDS = ("\n", "")


class _Settings(NamedTuple):
    fixed_rows: int
    fixed_columns: int
    padding: int
    show_cursor: bool
    show_hover_cursor: bool
    css_foreground: bool
    css_background: bool
    options: ConsoleOptions
    widths: list[int]  # of the columns in their order, with their padding


class _Cache(LRUCache[Any, Any]):
    """An LRUCache whose `clear()` leaves no cyclic garbage: each entry unlinked first."""

    __slots__ = ()

    def clear(self) -> None:
        for link in self._cache.values():
            link.clear()
        super().clear()


#: DataTable's caches of what it drew, each an LRUCache
_CACHES = (
    "_row_render_cache",
    "_cell_render_cache",
    "_row_renderable_cache",
    "_line_cache",
    "_offset_cache",
    "_ordered_row_cache",
)


class RecordsTable(DataTable[Any]):
    """A DataTable with `append_rows`: rows added at the end keep the drawn rows' caches."""

    # The vertical scrollbar's room is kept even when every row fits, so the columns, fitted
    # to the width less the scrollbar (`TrackerScreen.refresh_data`), neither overflow into a
    # horizontal scrollbar on a long tracker nor move when a filter shortens it. And the full
    # width always: as a `1fr` it lost two columns whenever the filter box (with its margin)
    # showed above it.
    DEFAULT_CSS = """
    RecordsTable {
        width: 100%;
        scrollbar-gutter: stable;
    }
    """

    #: While a frame is drawn: the styles its lines share, worked out once (None between)
    _frame_styles: dict[str, Style] | None = None
    #: While a frame is drawn: what every cell reads of the table's settings, read once
    _frame_settings: _Settings | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in _CACHES:
            setattr(self, name, _Cache(getattr(self, name).maxsize))

    def add_column(
        self,
        label: Text | str,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        """As DataTable's, of a fixed width (see the module's note)."""
        if width is None:
            raise TypeError("a RecordsTable's columns are of fixed widths: give the width")
        return super().add_column(label, width=width, key=key, default=default)

    def _update_column_widths(self, updated_cells: set[Any]) -> None:
        """Nothing to measure: every column is of a fixed width."""

    def _compute_row_renderables(self, row_index: int) -> RowRenderables:
        """DataTable's, with a `str` cell its text as written rather than markup."""
        if row_index == -1:
            return super()._compute_row_renderables(row_index)
        row_key = self._row_locations.get_key(row_index)
        row = self.rows.get(row_key) if row_key is not None else None
        if row is None:
            return RowRenderables(None, [])
        cells: list[RenderableType] = [
            EMPTY
            if datum is None
            else Text(datum, no_wrap=True)
            if isinstance(datum, str)
            else default_cell_formatter(datum, wrap=row.height != 1, height=row.height) or EMPTY
            for datum, _ in zip_longest(self.get_row_at(row_index), range(len(self.columns)))
        ]
        label = (
            default_cell_formatter(row.label, wrap=row.height != 1, height=row.height)
            if self._should_render_row_labels and row.label
            else None
        )
        return RowRenderables(label, cells)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of a frame, with the widget's and the rows' styles worked out once for
        all of them (DataTable works them out again for every line, a DOM walk each)."""
        self._frame_styles = {}
        self._frame_settings = None
        try:
            self._frame_settings = self._settings()
            return super().render_lines(crop)
        finally:
            self._frame_styles = None
            self._frame_settings = None

    def _settings(self) -> _Settings:
        """The settings a cell is drawn with (each a reactive, a few microseconds a read)."""
        return self._frame_settings or _Settings(
            self.fixed_rows,
            self.fixed_columns,
            self.cell_padding,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
            self.app.console_options,
            [column.get_render_width(self) for column in self.ordered_columns],
        )

    def _style_of(self, component: str) -> Style:
        """The rich style of `component` ("" for the widget's own), once a frame."""
        styles = self._frame_styles
        if styles is None:
            return self.get_component_styles(component).rich_style if component else self.rich_style
        if component not in styles:
            styles[component] = (
                self.get_component_styles(component).rich_style if component else self.rich_style
            )
        return styles[component]

    def render_line(self, y: int) -> Strip:
        """DataTable's `render_line`, with the widget's style worked out once a frame."""
        if self.fixed_rows:
            return super().render_line(y)
        header = self.get_row_height(self._header_row_key) if self.show_header else 0
        scroll_x, scroll_y = self.scroll_offset
        if y >= header:
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, self._style_of(""))

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if row_index == -1:
            return self._style_of("datatable--header")
        if row_index < self.fixed_rows:
            return self._style_of("datatable--fixed")
        if self.zebra_stripes:
            return self._style_of("datatable--odd-row" if row_index % 2 else "datatable--even-row")
        return base_style

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[SegmentLines, SegmentLines]:
        """DataTable's, for a table with no row labels and no fixed columns (any other goes to
        DataTable's own): the same cache, cells and styles, without the header's style worked
        out again for every row."""
        settings = self._settings()
        if settings.fixed_columns or (self._labelled_row_exists and self.show_row_labels):
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        cursor_type = self.cursor_type
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            cursor_type,
            settings.show_cursor,
            settings.show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._row_render_cache
        if cache_key in cache:
            return cache[cache_key]
        should_highlight = self._should_highlight
        located = self._row_locations.get(row_key)
        row_index = -1 if located is None else located
        row_style = self._get_row_style(row_index, base_style)
        scrollable: SegmentLines = []
        widths = settings.widths
        for column_index, width in enumerate(widths):
            location = Coordinate(row_index, column_index)
            scrollable.append(
                self._render_cell(
                    row_index,
                    column_index,
                    row_style,
                    width,
                    cursor=should_highlight(cursor_location, location, cursor_type),
                    hover=should_highlight(hover_location, location, cursor_type),
                )[line_no]
            )
        remaining = max(0, self.size.width - self._row_label_column_width - sum(widths))
        if cursor_type == "row":
            extend_style, _ = self._get_styles_to_render_cell(
                row_index == -1,
                False,
                False,
                should_highlight(hover_location, Coordinate(row_index or 0, 0), cursor_type),
                row_index == cursor_location.row,
                settings.show_cursor,
                settings.show_hover_cursor,
                False,
                False,
            )
            extend_style = row_style + extend_style
        elif row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(
                self.background_colors[1], factor=0.25
            )
            extend_style = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend_style = Style.from_color(row_style.color, row_style.bgcolor)
        extend_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable.append([Segment(" " * remaining, extend_style)])
        pair: tuple[SegmentLines, SegmentLines] = ([], scrollable)
        cache[cache_key] = pair
        return pair

    def append_rows(self, rows: Iterable[tuple[Sequence[Any], str]]) -> None:
        """Add each (cells, key) row at the end, keeping the rendering of the rows before."""
        count = self._update_count
        for cells, key in rows:
            self.add_row(*cells, key=key)
        if self._update_count != count:
            self._update_count = count  # the rows drawn are unchanged: their caches hold
            self._offset_cache.clear()  # which row each line is on: more rows now
            self._ordered_row_cache.clear()
            # The lines cached are by line number, and the lines drawn are of the same rows:
            # those past the old end were blank, and a blank line is never cached.

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

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """A body cell of one line of text drawn directly; any other cell by DataTable.

        What Rich does for such a cell, step by step, and done here: the text truncated to
        the width inside the padding (by its overflow), rendered, padded with unstyled
        spaces to that width and by the cell padding on either side; then every segment
        given `pre + its style + post`, as Textual's Styled does. Neighbouring segments of
        the same style are one segment here, as they are once DataTable's line is simplified."""
        settings = self._settings()
        if (
            row_index < settings.fixed_rows
            or column_index < settings.fixed_columns
            or row_index < 0
            or column_index < 0
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key: CellCacheKey = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            settings.show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        row = self.rows.get(row_key)
        cell: Any = self._data.get(row_key, {}).get(column_key)
        inner = width - 2 * settings.padding
        options = settings.options
        as_written = isinstance(cell, str)  # drawn as Text(cell, no_wrap=True) would be
        text = cell if as_written else cell.plain if isinstance(cell, Text) else None
        if (
            row is None
            or row.height != 1
            or row.auto_height
            or text is None
            or inner <= 0
            or "\n" in text
            or "\t" in text
            or options.justify not in _ONE_LINE_JUSTIFY
            or (
                not as_written
                and (
                    cell.justify not in _ONE_LINE_JUSTIFY
                    or cell.end not in _ONE_LINE_ENDS
                    or cell.no_wrap is False
                )
            )
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        overflow = (None if as_written else cell.overflow) or options.overflow or "fold"
        if overflow == "ignore":
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            settings.show_cursor,
            settings.show_hover_cursor,
            settings.css_foreground,
            settings.css_background,
        )
        line: Text | str = cell
        length = cell_len(text)
        if length > inner:
            line = Text(text, no_wrap=True) if as_written else cell.copy()
            line.truncate(inner, overflow=overflow)
            length = cell_len(line.plain)
        # The styles, in Styled's order: base + meta + component, + the segment's, + post.
        # The meta (the row and column a click lands on) is new for every cell, so it goes
        # on last, where it ends the same (no other style here has a meta or a link), and
        # the rest is combined once for all the cells that share it (Rich caches `+`).
        meta = Style.from_meta({"row": row_index, "column": column_index})
        around = base_style + component_style
        plain_style = (around + post_style if post_style else around) + meta
        padding = " " * settings.padding
        spaces = " " * (inner - length) if length < inner else ""
        if isinstance(line, str):  # drawn in the cell's own styles alone
            segments = [Segment(f"{padding}{line}{spaces}{padding}", plain_style)]
        elif not line.spans and not line.style:
            segments = [Segment(f"{padding}{line.plain}{spaces}{padding}", plain_style)]
        else:
            segments = [Segment(padding, plain_style)] if padding else []
            for text, style, _ in Text("\n").join([line]).render(self.app.console):
                if not style:
                    segments.append(Segment(text, plain_style))
                elif style.link or style.meta:
                    return super()._render_cell(
                        row_index, column_index, base_style, width, cursor, hover
                    )
                else:
                    own = around + style
                    segments.append(Segment(text, (own + post_style if post_style else own) + meta))
            if spaces or padding:
                segments.append(Segment(spaces + padding, plain_style))
        lines: SegmentLines = [segments]
        cache[key] = lines
        return lines
