"""The monkey test: seeded random keys through the real app at 80x24, on every screen.

Every key any scrutui screen binds, the arrows, enter, escape, tab, the page keys, typed
words and the command palette, in runs of `CHUNK` keys, each run starting on a screen chosen
in turn (overview, a tracker of each kind, a record, its history, the by-lead roll-up, the
failed and outside files, the paper). After each seed: no unhandled exception (run_test
raises it), the app still running, and every file of the workspace valid.

A short run always; `SCRUTUI_MONKEY_KEYS` (keys per seed) makes the slow one longer.
"""

from __future__ import annotations

import os
import random
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from scrutui.cli import main
from scrutui.store.git import Identity
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import make_app
from scrutui.ui.keys import scrutui_bindings
from scrutui.ui.screens.overview import OverviewScreen
from scrutui.ui.screens.tracker import TrackerScreen
from tests.conftest import DATA, SEEDS, Clock

TODAY = date(2024, 11, 1)
CHUNK = 60
TRACKERS = (
    "oxfordshire-pcs-tracker",
    "oxford-city-peer-challenge-2024",
    "oxford-city-oiep-you-said-we-did-2023-07",
)
#: Keys that leave the app (tested on their own): the walk is about staying up.
LEAVING = {"ctrl+q", "ctrl+c"}
MOVES = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab"]
WORDS = [
    "budget",
    "status:Y",
    "lead:sage",
    "overdue stale",
    "R-2023",
    "01/02/24",
    "31/02/24",
    "x" * 30,
    "[b]bold[/]",
    # Paths, for the import and Word dialogs: a folder, nothing, a record, real minutes.
    "/",
    "/nowhere/minutes.docx",
    str(DATA / "oxfordshire-pcs-tracker" / "tracker.toml"),
    str(SEEDS / "oxfordshire-pcs-agenda-pack-2022-03-11.txt"),
]


def key_pool() -> list[str]:
    bound = {
        key.strip()
        for _, binding in scrutui_bindings()
        for key in binding.key.split(",")
        if key.strip() not in LEAVING
    }
    return sorted(bound) + MOVES + ["enter", "escape", "space", "backspace", "ctrl+p"]


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    workspace = tmp_path / "workspace"
    create_from_samples(workspace, DATA, Identity(*officer))
    clock.set("2024-11-01T10:00:00")
    return workspace


async def back_to_overview(pilot: Pilot[None]) -> None:
    while not isinstance(pilot.app.screen, OverviewScreen) and len(pilot.app.screen_stack) > 2:
        pilot.app.pop_screen()
        await pilot.pause()


async def open_tracker(pilot: Pilot[None], name: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(name))
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def starts(rng: random.Random) -> list[Callable[[Pilot[None]], Awaitable[None]]]:
    """Where each run of keys begins: every screen, reached as an officer reaches it."""

    async def overview(pilot: Pilot[None]) -> None:
        pass

    def on(name: str, *keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
        async def go(pilot: Pilot[None]) -> None:
            await open_tracker(pilot, name)
            if keys and isinstance(pilot.app.screen, TrackerScreen):
                table = pilot.app.screen.query_one("#records", DataTable)
                table.move_cursor(row=rng.randrange(max(table.row_count, 1)))
                await pilot.press(*keys)

        return go

    def key(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
        async def go(pilot: Pilot[None]) -> None:
            await pilot.press(*keys)

        return go

    screens = [overview, key("l"), key("f"), key("x"), key("ctrl+p")]
    for name in TRACKERS:
        screens += [on(name), on(name, "enter"), on(name, "h"), on(name, "e"), on(name, "p")]
    screens += [on(TRACKERS[0], "s"), on(TRACKERS[0], "u"), on(TRACKERS[0], "slash")]
    return screens


async def walk(pilot: Pilot[None], seed: int, keys: int) -> int:
    """`keys` random keys from `seed`; returns how many were pressed."""
    rng = random.Random(seed)
    pool = key_pool()
    places = starts(rng)
    pressed = 0
    while pressed < keys:
        await back_to_overview(pilot)
        await places[(pressed // CHUNK + seed) % len(places)](pilot)
        for _ in range(min(CHUNK, keys - pressed)):
            roll = rng.random()
            if roll < 0.15:
                await pilot.press(*rng.choice(WORDS))
            else:
                await pilot.press(rng.choice(pool))
            pressed += 1
            assert pilot.app.is_running, f"seed {seed}: the app stopped after {pressed} keys"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return pressed


async def monkey(root: Path, seed: int, keys: int) -> None:
    app = make_app(root, today=lambda: TODAY, watch_every=0.5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert await walk(pilot, seed, keys) == keys
        assert pilot.app.is_running
        await back_to_overview(pilot)
        await pilot.app.workers.wait_for_complete()
    assert app.return_code in (None, 0)
    assert main(["validate", str(root)]) == 0  # every file of the workspace still valid


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_keys_at_80x24_never_crash_the_app_or_break_a_file(
    root: Path, seed: int
) -> None:
    await monkey(root, seed, 100)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12, 13, 14])
async def test_thousands_of_random_keys_never_crash_the_app_or_break_a_file(
    root: Path, seed: int
) -> None:
    await monkey(root, seed, int(os.environ.get("SCRUTUI_MONKEY_KEYS", "350")))
