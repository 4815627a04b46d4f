"""The tracker's table keeps the drawn rows' caches when rows are appended (see
`scrutui.ui.records_table`): what it draws must be what a plain DataTable draws for the same
rows, after each batch, scrolled to the end, with the cursor moved and after a clear."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from scrutui.ui.records_table import RecordsTable

COLUMNS = (("Ref", 8), ("Item", 20), ("Status", 6))


def _rows(start: int, end: int, word: str = "item") -> list[tuple[list[str], str]]:
    return [([f"R-{n}", f"{word} {n}", "GY"[n % 2]], f"R-{n}") for n in range(start, end)]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordsTable(id="ours", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="plain", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.styles.height = 12
            for label, width in COLUMNS:
                table.add_column(label, width=width)


def _drawn(segments: Any) -> list[tuple[str, Style | None, Any]]:
    """Each segment as its text, its style and the style's meta (the row and column a click
    lands on): a meta style's link id is random, so styles are compared without it. Segments
    side by side in the same style are one, as in the line DataTable draws (`simplify`)."""
    return [
        (text, style.clear_meta_and_links(), style.meta) if style else (text, style, None)
        for text, style, _ in Segment.simplify(segments)
    ]


def _lines(table: DataTable[Any]) -> list[list[Any]]:
    """Every line drawn, as its segments: the text and the style of each."""
    return [_drawn(table.render_line(y)) for y in range(table.size.height)]


def _text(table: DataTable[Any]) -> str:
    return "".join(table.render_line(y).text for y in range(table.size.height))


async def _both(app: Tables, pilot: Any, rows: list[tuple[list[str], str]]) -> None:
    app.query_one("#ours", RecordsTable).append_rows(rows)
    plain = app.query_one("#plain", DataTable)
    for cells, key in rows:
        plain.add_row(*cells, key=key)
    app.set_focus(None)  # both drawn alike, neither focused
    await pilot.pause()
    await pilot.pause()


async def test_appended_rows_draw_as_a_plain_datatable_draws_them() -> None:
    app = Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        ours, plain = app.query_one("#ours", RecordsTable), app.query_one("#plain", DataTable)
        await _both(app, pilot, _rows(0, 4))  # fewer rows than the table's height
        assert _lines(ours) == _lines(plain)
        await _both(app, pilot, _rows(4, 30))  # past the old end, where blank lines were
        assert _lines(ours) == _lines(plain)
        assert "item 7" in _text(ours)
        for table in (ours, plain):
            table.move_cursor(row=29)
        await pilot.pause()
        assert _lines(ours) == _lines(plain)
        assert ours.virtual_size == plain.virtual_size
        await _both(app, pilot, _rows(30, 60))
        for table in (ours, plain):
            table.move_cursor(row=59)
        await pilot.pause()
        assert _lines(ours) == _lines(plain) and "item 59" in _text(ours)
        for table in (ours, plain):
            table.clear()
        await _both(app, pilot, _rows(0, 5, word="changed"))
        assert _lines(ours) == _lines(plain) and "changed 3" in _text(ours)


async def test_a_click_on_an_appended_row_selects_that_row() -> None:
    app = Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        await _both(app, pilot, _rows(0, 3))
        await _both(app, pilot, _rows(3, 8))
        ours = app.query_one("#ours", RecordsTable)
        await pilot.click("#ours", offset=(2, 1 + 5))  # the header, then row 5
        await pilot.pause()
        assert ours.cursor_row == 5
        assert ours.coordinate_to_cell_key(ours.cursor_coordinate).row_key.value == "R-5"


_CELLS: list[Any] = [
    Text("R-2024-01-01-1", no_wrap=True),
    Text("a long recommendation that runs well past the column's width", no_wrap=True),
    Text("cut short with an ellipsis past the column", no_wrap=True, overflow="ellipsis"),
    Text("bold all through", style="bold", no_wrap=True),
    Text.assemble(("overdue", "bold red"), " ", ("stale", "yellow")),
    Text("£1.2m for the café's roof", no_wrap=True),
    Text("市役所の委員会の勧告です", no_wrap=True),  # wide characters, cut at odd widths
    Text(),
    "[b]a string, its brackets as written[/b] and long",  # a str: never read as markup
    "[/] would stop markup",
    "",
    Text("two\nlines", no_wrap=True),  # DataTable's own path
    Text("a\ttab", no_wrap=True),  # DataTable's own path
    "[i]a str[/i]\nof two lines",  # DataTable's own path, still as written
]


#: How many of `_CELLS`, from the first, RecordsTable draws itself (the rest go to DataTable)
_DRAWN_DIRECTLY = 11


async def _every_cell_drawn_as_datatable_draws_it(padding: int, monkeypatch: Any) -> None:
    datatable_render_cell = DataTable._render_cell
    handed_on: list[int] = []

    def counted(table: Any, row: int, *args: Any, **kwargs: Any) -> Any:
        handed_on.append(row)
        return datatable_render_cell(table, row, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counted)
    app = Tables()
    async with app.run_test(size=(120, 30)) as pilot:
        ours = app.query_one("#ours", RecordsTable)
        ours.cell_padding = padding
        ours.clear(columns=True)
        for width in (1, 3, 7, 12):
            ours.add_column(f"w{width}", width=width)
        for number, cell in enumerate(_CELLS):
            ours.add_row(cell, cell, cell, cell, key=f"row-{number}")
        await pilot.pause()
        checked = 0
        for row in range(len(_CELLS)):
            for column, width in enumerate((1, 3, 7, 12)):
                for cursor, hover in ((False, False), (True, False), (False, True)):
                    for base in (Style(), Style(bgcolor="grey11"), Style(color="red")):
                        ours._cell_render_cache.clear()
                        handed_on.clear()
                        drawn = ours._render_cell(
                            row, column, base, width + 2 * padding, cursor, hover
                        )
                        assert bool(handed_on) == (row >= _DRAWN_DIRECTLY), row
                        ours._cell_render_cache.clear()
                        expected = datatable_render_cell(
                            ours, row, column, base, width + 2 * padding, cursor, hover
                        )
                        assert [_drawn(line) for line in drawn] == [
                            _drawn(line) for line in expected
                        ], (
                            row,
                            column,
                            cursor,
                            hover,
                            base,
                        )
                        checked += 1
        assert checked == len(_CELLS) * 4 * 3 * 3


async def test_every_one_line_cell_is_drawn_segment_for_segment_as_datatable_draws_it(
    monkeypatch: Any,
) -> None:
    await _every_cell_drawn_as_datatable_draws_it(1, monkeypatch)


async def test_cells_without_padding_and_with_wide_padding_are_drawn_as_datatable_draws_them(
    monkeypatch: Any,
) -> None:
    await _every_cell_drawn_as_datatable_draws_it(0, monkeypatch)
    await _every_cell_drawn_as_datatable_draws_it(2, monkeypatch)


async def test_a_str_cell_is_drawn_as_written_as_a_datatable_draws_its_text() -> None:
    cells = ["[b]R-1[/b]", "[/] an officer's brackets", "GY"]
    app = Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        app.query_one("#ours", RecordsTable).append_rows([(cells, "R-1")])
        plain = app.query_one("#plain", DataTable)
        plain.add_row(*(Text(cell, no_wrap=True) for cell in cells), key="R-1")
        app.set_focus(None)
        await pilot.pause()
        ours = app.query_one("#ours", RecordsTable)
        assert _lines(ours) == _lines(plain)
        assert "[b]R-1[/" in _text(ours) and "[/] an officer's" in _text(ours)  # cut to widths


async def test_a_column_without_a_width_is_refused() -> None:
    app = Tables()
    async with app.run_test(size=(80, 30)):
        ours = app.query_one("#ours", RecordsTable)
        with pytest.raises(TypeError, match="fixed widths"):
            ours.add_column("Notes")


def _cyclic_garbage_of_clear(table: DataTable[Any]) -> int:
    """How many objects clearing `table` leaves that only the cyclic collector frees."""
    gc.collect()
    gc.disable()
    try:
        table.clear()
        return gc.collect()
    finally:
        gc.enable()


async def test_clearing_the_table_leaves_its_caches_to_be_freed_at_once() -> None:
    app = Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        await _both(app, pilot, _rows(0, 200))
        ours, plain = app.query_one("#ours", RecordsTable), app.query_one("#plain", DataTable)
        for _ in range(3):  # drawn, then scrolled: the caches hold lines, rows and cells
            for table in (ours, plain):
                table.scroll_down(animate=False)
            await pilot.pause()
        assert len(ours._cell_render_cache) > 20 and len(plain._cell_render_cache) > 20
        left_by_datatable = _cyclic_garbage_of_clear(plain)
        left_here = _cyclic_garbage_of_clear(ours)  # only the drawn lines' own (Textual's)
        assert left_by_datatable > 1_000
        assert left_here < left_by_datatable / 5, (left_here, left_by_datatable)
