"""The tracker's table keeps the drawn rows' caches when rows are appended (see
`scrutui.ui.records_table`): what it draws must be what a plain DataTable draws for the same
rows, after each batch, scrolled to the end, with the cursor moved and after a clear."""

from __future__ import annotations

from typing import Any

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


def _lines(table: DataTable[Any]) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def _both(app: Tables, pilot: Any, rows: list[tuple[list[str], str]]) -> None:
    app.query_one("#ours", RecordsTable).append_rows(rows)
    plain = app.query_one("#plain", DataTable)
    for cells, key in rows:
        plain.add_row(*cells, key=key)
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
        assert "item 7" in "".join(_lines(ours))
        for table in (ours, plain):
            table.move_cursor(row=29)
        await pilot.pause()
        assert _lines(ours) == _lines(plain)
        assert ours.virtual_size == plain.virtual_size
        await _both(app, pilot, _rows(30, 60))
        for table in (ours, plain):
            table.move_cursor(row=59)
        await pilot.pause()
        assert _lines(ours) == _lines(plain) and "item 59" in "".join(_lines(ours))
        for table in (ours, plain):
            table.clear()
        await _both(app, pilot, _rows(0, 5, word="changed"))
        assert _lines(ours) == _lines(plain) and "changed 3" in "".join(_lines(ours))


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
