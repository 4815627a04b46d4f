"""Every screen as an officer sees it, at 80x24 (a remote terminal) and 120x40.

The SVGs are in `tests/__snapshots__/test_snapshots/`; `pytest --snapshot-update` accepts a
deliberate change, and the report shows what moved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from scrutui.store.git import Identity
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import make_app
from tests.conftest import DATA, SEEDS, Clock

PCS = "oxfordshire-pcs-tracker"
SIZES = [(80, 24), (120, 40)]
MINUTES = SEEDS / "oxfordshire-pcs-agenda-pack-2022-03-11.txt"


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    workspace = tmp_path / "workspace"
    create_from_samples(workspace, DATA, Identity(*officer))
    return workspace


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    # A DataTable measures new rows' widths when its own queue goes idle; on a loaded machine
    # the picture could be taken first (CI once drew 'When' four cells wide). Wait for it.
    for _ in range(100):
        tables = pilot.app.screen.query(DataTable)
        if not any(t._require_update_dimensions or t._updated_cells for t in tables):
            break
        await pilot.pause(0.02)


def steps(
    *keys: str,
    tracker: str | None = None,
    record: str | None = None,
    before: Callable[[Pilot[None]], None] | None = None,
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open `tracker`, put the cursor on `record`, then press `keys`, settling in between."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if before:
            before(pilot)
            await pilot.pause(0.5)
            await settle(pilot)
        if tracker:
            table = pilot.app.screen.query_one(DataTable)
            table.move_cursor(row=table.get_row_index(tracker))
            await pilot.press("enter")
            await settle(pilot)
        if record:
            table = pilot.app.screen.query_one("#records", DataTable)
            table.move_cursor(row=table.get_row_index(record))
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


def break_a_file(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    path = app.host.root / PCS / "R-2023-07-21-1.toml"
    path.write_text(path.read_text().replace("meeting = 2023-07-21", "meeting = 2023-02-30"))


def edit_outside(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    path = app.host.root / PCS / "A-2023-09-29-1.toml"
    path.write_text(path.read_text().replace('status = "Y"', 'status = "R"'))


def import_minutes(pilot: Pilot[None]) -> Awaitable[None]:
    """Open the PCS tracker, read the 17 January 2022 minutes, untick the first proposal."""

    async def run() -> None:
        await steps("i", tracker=PCS)(pilot)
        pilot.app.screen.query_one("#path", Input).value = str(MINUTES)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space")
        await pilot.press("down")
        await pilot.pause()

    return run()


def import_table(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open the PCS tracker, read a council's tracker (a CSV in York's layout), press `keys`."""

    async def run(pilot: Pilot[None]) -> None:
        app: Any = pilot.app
        path = app.host.root.parent / "york-tracker.csv"
        path.write_text(
            "Scrutiny Recommendation Tracker\n"
            "Reference,Origin,Date,Area,Recommendation,Exec Date,Lead Officer/EM,"
            "Action taken,Status\n"
            "SR (24/25) 01,CRP,14/01/25,Finance,That the reserves policy is published.,"
            "11/02/25,DM/PL,Published online.,Complete\n"
            "SR (24/25) 02,CRP,14/01/25,Waste,That permit take-up is reported.,11/02/25,"
            "DM/KL,Due in spring.,Ongoing\n"
            "SR (23/24) 19,CSMC,08/04/24,Governance,That each risk has an owner.,14/05/24,"
            "JP/CD,Held back.,Paused\n"
        )
        await steps("i", tracker=PCS)(pilot)
        pilot.app.screen.query_one("#path", Input).value = str(path)
        list(pilot.app.screen.query("RadioButton"))[1].value = True  # a tracker table
        await pilot.press("enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


SCREENS = {
    "overview": steps(),
    "committee-tracker": steps(tracker=PCS, record="R-2023-09-29-1"),
    "filtered-tracker": steps("slash", *"status:Y", "enter", tracker=PCS),
    "peer-challenge-plan": steps(tracker="oxford-city-peer-challenge-2024"),
    "engagement-log": steps(tracker="oxford-city-oiep-you-said-we-did-2023-07"),
    "record": steps("enter", tracker=PCS, record="R-2023-09-29-1"),
    "status-dialog": steps("s", tracker=PCS, record="R-2023-09-29-1"),
    "edit-form": steps("e", tracker=PCS, record="A-2023-09-29-1"),
    "history": steps("h", tracker=PCS, record="R-2023-09-29-1"),
    "paper-preview": steps("p", tracker=PCS),
    "leads": steps("l"),
    "report": steps("r"),
    "failed-files": steps("f", before=break_a_file),
    "outside-changes": steps("x", before=edit_outside),
    "keys": steps("question_mark", tracker=PCS),
    "import-review": import_minutes,
    "import-table-review": import_table(),
    "import-table-columns": import_table("m", "down", "down"),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_each_screen_looks_as_it_did(
    snap_compare: Any, root: Path, screen: str, size: tuple[int, int]
) -> None:
    app = make_app(root, today=lambda: date(2024, 11, 1), watch_every=0.2)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_each_tracker_shows_status_and_notes_and_a_footer_with_keys(
    root: Path, size: tuple[int, int]
) -> None:
    """What the snapshots show, said plainly: no sideways scrolling for the columns that
    matter (a committee's Lead too), and `?` in the footer, at both sizes."""
    from textual.widgets._footer import FooterKey

    app = make_app(root, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=size) as pilot:
        for name in (
            PCS,
            "oxford-city-peer-challenge-2024",
            "oxford-city-oiep-you-said-we-did-2023-07",
        ):
            await steps(tracker=name)(pilot)
            table = pilot.app.screen.query_one("#records", DataTable)
            keys = {str(c.value) for c in table.columns}
            wanted = {"id", "notes"} | ({"status", "lead"} if name == PCS else set())
            assert wanted <= keys, (name, keys)
            assert table.virtual_size.width <= table.size.width, name
            footer = list(pilot.app.screen.query(FooterKey))
            assert footer[0].key == "question_mark"
            assert all(k.region.right <= size[0] for k in footer)
            await pilot.press("escape")
            await settle(pilot)
