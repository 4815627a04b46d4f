"""The annual report's screen in the app: `r` on the overview (or the palette), at 80x24."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from scrutui.ui.app import make_app
from scrutui.ui.screens.report import ReportScreen
from tests.conftest import Clock
from tests.report_history import AS_OF, build


@pytest.fixture
async def pilot(
    tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> AsyncIterator[Pilot[None]]:
    build(tmp_path / "ws", clock)
    app = make_app(tmp_path / "ws", today=lambda: AS_OF, watch_every=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown(screen: ReportScreen, width: int = 78) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(screen.query_one("#body", Static).content)
    return console.export_text()


async def test_r_on_the_overview_shows_the_years_figures_and_charts_in_80_columns(
    pilot: Pilot[None],
) -> None:
    await pilot.press("r")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    about = str(screen.query_one("#about", Static).render())
    assert about.startswith("2024/25: recommendations made 01/05/24 to 30/04/25")
    text = shown(screen)
    assert "Responses on time (of those due)" in text and "5 of 9 (56%)" in text
    assert "██ Accepted  ▓▓ Partially Accepted  ▒▒ Rejected  ░░ None yet" in text
    assert "R-2024-03-11-1" in text  # the oldest outstanding
    assert all(len(line.rstrip()) <= 78 for line in text.splitlines())
    assert screen.size.width <= 80


async def test_the_year_before_is_one_key_away(pilot: Pilot[None]) -> None:
    await pilot.press("r")
    await settle(pilot)
    await pilot.press("left_square_bracket")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    assert str(screen.query_one("#about", Static).render()).startswith("2023/24:")
    assert "Recommendations made" in shown(screen)


async def test_the_report_is_in_the_command_palette(pilot: Pilot[None]) -> None:
    from scrutui.ui.commands import key_commands

    titles = [c.title for c in key_commands(pilot.app, pilot.app.screen)]
    assert any("report" in t.lower() for t in titles)


async def test_a_decision_saved_while_the_report_is_open_shows_in_its_figures(
    pilot: Pilot[None], clock: Clock
) -> None:
    await pilot.press("r")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    assert "of which not yet due                                                       1" in shown(
        screen
    )
    clock.set("2025-06-15T12:00:00")
    screen.host.change(lambda s: s.set_fields("R-2025-04-28-1", {"decision": "Accepted"}))
    await settle(pilot)
    await settle(pilot)
    text = shown(screen)
    # answered on 15/06/25, within its due date of 28/06/25: six on time of ten due now
    assert "6 of 10 (60%)" in text
