"""Issue 16's "comfortable at 80x24": what an officer sees and can reach at 80 columns."""

from __future__ import annotations

import zipfile
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, MarkdownViewer, Static
from textual.widgets._footer import FooterKey

from scrutui.domain.kinds import Column, fit
from scrutui.domain.status import PRESETS
from scrutui.store.git import Identity
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import make_app
from scrutui.ui.dialogs import PathDialog
from scrutui.ui.screens.edit import EditScreen
from scrutui.ui.screens.keys import KeysScreen
from scrutui.ui.screens.preview import PreviewScreen
from scrutui.ui.screens.record import RecordScreen
from scrutui.ui.screens.tracker import TrackerScreen
from scrutui.ui.styles import CHIP_COLOURS, chip_colours, contrast
from tests.conftest import DATA, Clock

TODAY = date(2024, 11, 1)
PCS = "oxfordshire-pcs-tracker"
LOG = "oxford-city-oiep-you-said-we-did-2023-07"


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    workspace = tmp_path / "workspace"
    create_from_samples(workspace, DATA, Identity(*officer))
    clock.set("2024-11-01T10:00:00")
    return workspace


@pytest.fixture
async def pilot(root: Path) -> AsyncIterator[Pilot[None]]:
    app = make_app(root, today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_tracker(pilot: Pilot[None], name: str = PCS) -> TrackerScreen:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(name))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TrackerScreen)
    return pilot.app.screen


def columns(screen: TrackerScreen) -> list[str]:
    table = screen.query_one("#records", DataTable)
    return [str(c.value) for c in table.columns]


def test_the_least_useful_columns_hide_first_and_the_text_takes_the_rest(
    root: Path,
) -> None:
    from scrutui.store.workspace import load_workspace

    tracker = load_workspace(root).tracker(PCS).tracker
    assert tracker is not None
    cols = [
        Column("id", "Id", ("id",), 10, priority=1),
        Column("text", "Text", ("text",), 30, min_width=20, priority=1, flex=True),
        Column("lead", "Lead", ("leads",), 10, priority=2),
        Column("item", "Item", ("item",), 10, priority=3),
    ]

    def widths(width: int) -> dict[str, int]:
        return {c.key: w for c, w in fit(cols, tracker, width)}

    assert widths(40) == {"id": 10, "text": 26}
    assert widths(55) == {"id": 10, "text": 29, "lead": 10}
    assert widths(120) == {"id": 10, "text": 82, "lead": 10, "item": 10}


async def test_at_80_columns_lead_status_and_notes_show_without_scrolling(
    pilot: Pilot[None],
) -> None:
    screen = await open_tracker(pilot)
    shown = columns(screen)
    assert {"id", "status", "text", "lead", "notes"} <= set(shown)
    table = screen.query_one("#records", DataTable)
    # beside the vertical scrollbar's room, nothing off to the right
    assert table.virtual_size.width <= table.scrollable_content_region.width
    assert not table.show_horizontal_scrollbar
    narrow = screen.widths["text"]
    await pilot.resize_terminal(120, 40)
    await settle(pilot)
    assert {"reviewed", "meeting"} <= set(columns(screen))
    assert screen.widths["text"] > narrow  # the text flexes
    assert table.virtual_size.width <= table.scrollable_content_region.width


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_tracker_longer_than_the_screen_fits_beside_its_scrollbar(
    root: Path, size: tuple[int, int]
) -> None:
    app = make_app(root, today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_tracker(pilot, "oxford-city-peer-challenge-2024")
        table = screen.query_one("#records", DataTable)
        assert table.row_count > table.scrollable_content_region.height
        assert table.show_vertical_scrollbar
        assert not table.show_horizontal_scrollbar  # no row lost to it, no column cut off
        assert table.virtual_size.width == table.scrollable_content_region.width


async def test_a_filter_that_leaves_a_few_rows_moves_no_column(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot)
    table = screen.query_one("#records", DataTable)
    before = [(str(c.label), c.width) for c in table.columns.values()]
    right = table.scrollable_content_region.right
    await pilot.press("slash", *"status:G")
    await settle(pilot)
    assert 0 < table.row_count < table.scrollable_content_region.height  # nothing to scroll
    assert [(str(c.label), c.width) for c in table.columns.values()] == before
    assert table.scrollable_content_region.right == right  # the scrollbar's room is kept


async def test_the_sorted_column_shows_its_arrow_and_direction(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot)
    table = screen.query_one("#records", DataTable)
    assert str(table.columns[next(iter(table.columns))].label).endswith("▲")
    screen._sort("status")
    screen._sort("status")
    await pilot.pause()
    labels = {str(c.key.value): str(c.label) for c in table.columns.values()}
    assert labels["status"].endswith("▼") and not labels["id"].endswith(("▲", "▼"))


async def test_the_footer_at_80_columns_starts_with_question_mark_and_fits(
    pilot: Pilot[None],
) -> None:
    for screen in (pilot.app.screen, await open_tracker(pilot)):
        keys = list(screen.query(FooterKey))
        assert keys[0].key == "question_mark"
        assert all(k.region.right <= 80 for k in keys), [(k.key, k.region) for k in keys]
        assert {"status", "update", "history", "preview", "back"} <= {k.action for k in keys} or (
            screen is not pilot.app.screen
        )


async def test_question_mark_lists_the_screens_keys_with_their_ids_and_searches(
    pilot: Pilot[None],
) -> None:
    await open_tracker(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, KeysScreen)
    table = screen.query_one(DataTable)
    ids = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
    assert ids[0] == "tracker.open" and "record.status" in ids and "tracker.sort" in ids
    await pilot.press(*"archive")
    await pilot.pause()
    found = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
    assert found and all("archive" in i for i in found)
    await pilot.press("escape")
    assert isinstance(pilot.app.screen, TrackerScreen)


async def test_escape_clears_the_filter_first_and_the_filter_survives_a_record(
    pilot: Pilot[None],
) -> None:
    screen = await open_tracker(pilot)
    await pilot.press("slash", *"status:Y", "enter")
    await pilot.pause()
    rows = screen.query_one("#records", DataTable).row_count
    assert rows < 11
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RecordScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert screen.query_one(Input).value == "status:Y"
    assert screen.query_one("#records", DataTable).row_count == rows
    await pilot.press("escape")
    assert pilot.app.screen is screen and screen.query_one(Input).value == ""
    await pilot.press("escape")
    assert pilot.app.screen is not screen


async def test_an_unknown_status_in_the_filter_names_the_codes(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot)
    await pilot.press("slash", *"status:Q")
    await pilot.pause()
    line = str(screen.query_one("#filter-line", Static).render())
    assert "no status Q: the statuses are R, Y, G" in line


async def test_a_form_shows_an_error_once_touched_and_counts_in_words(
    pilot: Pilot[None],
) -> None:
    screen = await open_tracker(pilot)
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, EditScreen)
    assert not form.query_one("#error-text", Static).display  # not touched yet
    assert str(form.query_one("#errors", Static).render()) == ""
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert form.query_one("#error-text", Static).display
    assert str(form.query_one("#errors", Static).render()) == (
        "1 field needs attention before saving"
    )
    assert screen is not form


async def test_every_status_chip_reads_at_wcag_aa_in_both_themes() -> None:
    colours = {s.colour for scheme in PRESETS.values() for s in scheme.statuses}
    for colour in colours | set(CHIP_COLOURS) | {"magenta", "cyan", "#ff0000"}:
        text, background = chip_colours(colour)
        assert contrast(text, background) >= 4.5, colour


async def test_the_engagement_log_shows_its_answers(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot, LOG)
    table = screen.query_one("#records", DataTable)
    assert "answers" in columns(screen)
    record = screen.state.records["E-1"]  # type: ignore[union-attr]
    assert record.answers
    assert str(table.get_cell("E-1", "answers")).startswith(record.answers[-1].text[:10])


async def test_the_paper_scrolls_a_line_per_key_and_saves_as_word(
    pilot: Pilot[None], tmp_path: Path
) -> None:
    await open_tracker(pilot)
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PreviewScreen)
    viewer = screen.query_one(MarkdownViewer)
    await pilot.press(*["down"] * 20)
    await pilot.pause()
    assert viewer.scroll_y == min(20, viewer.max_scroll_y)
    await pilot.press("w")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PathDialog)
    out = tmp_path / "paper.docx"
    dialog.query_one(Input).value = str(out)
    await pilot.press("enter")
    await settle(pilot)
    assert zipfile.is_zipfile(out)
    assert "word/document.xml" in zipfile.ZipFile(out).namelist()


async def test_the_failed_files_screen_shows_the_whole_message_of_the_one_highlighted(
    root: Path,
) -> None:
    path = root / PCS / "R-2023-07-21-1.toml"
    path.write_text(path.read_text().replace("meeting = 2023-07-21", "meeting = 2023-02-30"))
    app = make_app(root, today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        detail = str(pilot.app.screen.query_one("#detail", Static).render())
        assert detail.startswith(f"{PCS}/R-2023-07-21-1.toml")
        assert "2023-02-30" in detail or "day is out of range" in detail, detail
