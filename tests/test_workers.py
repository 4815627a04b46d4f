"""The app keeps answering while its workers are held up: a slow fetch, a save that waits.

Each test holds a worker up for real (a git remote whose upload-pack waits, the workspace's
write lock held as another scrutui would hold it) and drives the app meanwhile. Before the
workers published snapshots, the first of these froze the app for good: the sync held the
app's lock while it waited for the event loop, and the screen the Enter key opened waited for
the lock.
"""

from __future__ import annotations

import faulthandler
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from scrutui.store.config import Config
from scrutui.store.git import Identity
from scrutui.store.lock import write_lock
from scrutui.store.service import Saved, Service
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import ScrutuiApp, make_app
from scrutui.ui.screens.overview import OverviewScreen
from scrutui.ui.screens.tracker import TrackerScreen
from tests.conftest import DATA, Clock, git, write_small_workspace

ALICE = Identity("Alice Officer", "alice@example.gov.uk")
BOB = Identity("Bob Officer", "bob@example.gov.uk")
TODAY = date(2024, 11, 1)
#: Each held-up worker waits until the test releases it, so any answer at all shows the key did
#: not wait for it; the bound (seconds, generous for a loaded 2-core machine) catches an answer
#: that waited for something else. Measured on this loaded 2-core machine: 0.1 to 0.6 s a key,
#: 1.2 to 2 s for the first (opening a tracker).
ANSWERED_WITHIN = 5.0


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A frozen event loop cannot fail a test, so a watchdog ends the run with every
    thread's stack instead of letting it hang."""
    faulthandler.dump_traceback_later(120, exit=True, file=sys.__stderr__ or sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Let the app run until `condition()` holds (or `seconds` pass); whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def timed_press(pilot: Pilot[None], *keys: str) -> list[float]:
    """Press each key; how long the app took to handle it and draw the screen again."""
    took = []
    for key in keys:
        started = time.monotonic()
        await pilot.press(key)
        await pilot.wait_for_scheduled_animations()
        took.append(time.monotonic() - started)
    return took


@dataclass
class SlowRemote:
    """Alice's workspace and a shared bare repository whose fetches wait to be released."""

    alice: Path
    started: Path
    release: Path


@pytest.fixture
def slow_remote(tmp_path: Path, clock: Clock) -> Iterator[SlowRemote]:
    bare = tmp_path / "shared.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    alice = write_small_workspace(tmp_path / "alice")
    service = Service(alice, Config(tmp_path / "none.toml", officer=ALICE))
    service.set_remote(str(bare))
    service.sync()
    bob = tmp_path / "bob"
    git(tmp_path, "clone", "-q", str(bare), str(bob))
    clock.set("2024-06-01T11:00:00")
    theirs = Service(bob, Config(tmp_path / "none.toml", officer=BOB), today=lambda: TODAY)
    theirs.change_status("R-2023-09-29-1", "G", "Agreed at cabinet.")
    theirs.sync()
    # The remote side of Alice's fetches: it says it started, then waits to be released
    # (at most a minute) before serving the fetch, as a slow network would.
    started, release = tmp_path / "fetch-started", tmp_path / "fetch-release"
    script = tmp_path / "slow-upload-pack"
    script.write_text(
        "#!/bin/sh\n"
        f'touch "{started}"\n'
        "n=0\n"
        f'while [ ! -e "{release}" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done\n'
        'exec git-upload-pack "$@"\n'
    )
    script.chmod(0o755)
    # in the officer's own settings: one in the workspace's config is never run (issue 15.14)
    git(alice, "config", "--global", "remote.origin.uploadpack", str(script))
    yield SlowRemote(alice, started, release)
    release.touch()  # a failed test leaves no fetch waiting


async def test_keys_are_answered_and_the_screen_redrawn_while_a_sync_waits_on_a_slow_fetch(
    slow_remote: SlowRemote,
) -> None:
    config = Config(slow_remote.alice / ".git" / "none.toml", officer=ALICE)
    app = make_app(slow_remote.alice, config=config, today=lambda: TODAY, watch_every=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        await pilot.press("y")
        assert await until(pilot, slow_remote.started.exists), "the fetch never started"
        status = overview.query_one("#sync-status", Static)
        assert await until(pilot, lambda: "Fetching from origin" in str(status.render()))

        # The fetch is held up: open the tracker, filter it, open and leave a record.
        took = await timed_press(pilot, "enter")
        assert isinstance(app.screen, TrackerScreen)
        screen = app.screen
        table = screen.query_one("#records", DataTable)
        assert sorted(str(k.value) for k in table.rows) == ["A-2023-09-29-1", "R-2023-09-29-1"]
        took += await timed_press(pilot, "slash", *"status:Y", "enter")
        assert [str(k.value) for k in table.rows] == ["R-2023-09-29-1"]
        line = str(screen.query_one("#filter-line", Static).render())
        assert line.startswith("1 of 2 records") and "filter: status:Y" in line
        took += await timed_press(pilot, "enter")
        assert type(app.screen).__name__ == "RecordScreen"
        took += await timed_press(pilot, "escape")
        assert app.screen is screen

        assert overview.syncing and not slow_remote.release.exists()  # still fetching
        assert max(took) < ANSWERED_WITHIN, took

        # Released, the sync brings Bob's change; the tracker in front is redrawn with it.
        slow_remote.release.touch()
        assert await until(pilot, lambda: not overview.syncing), "the sync never ended"
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == []  # R-2023-09-29-1 is G now
        snapshot = screen.snapshot
        assert snapshot is not None
        record = snapshot.record("pcs", "R-2023-09-29-1")
        assert record is not None and record.status == "G"
        assert git(slow_remote.alice, "log", "-1", "--format=%an").strip() == "Bob Officer"


PCS = "oxfordshire-pcs-tracker"


@pytest.fixture
def workspace(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    root = tmp_path / "workspace"
    create_from_samples(root, DATA, Identity(*officer))
    clock.set("2024-11-01T10:00:00")
    return root


@pytest.fixture
async def pilot(workspace: Path) -> AsyncIterator[Pilot[None]]:
    app = make_app(workspace, today=lambda: TODAY, watch_every=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        yield pilot


def status_of(pilot: Pilot[None], record_id: str) -> str:
    table = pilot.app.screen.query_one("#records", DataTable)
    return str(table.get_row(record_id)[1]).strip()


def commits(root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


async def test_a_record_edited_outside_shows_while_a_save_waits_for_the_write_lock(
    pilot: Pilot[None], workspace: Path
) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(PCS))
    await pilot.press("enter")
    await settle(pilot)
    records = pilot.app.screen.query_one("#records", DataTable)
    records.move_cursor(row=records.get_row_index("R-2023-04-28-1"))
    before = commits(workspace)
    with write_lock(workspace / ".git"):  # as another scrutui saving would hold it
        await pilot.press("u", *"Chased the lead officer.", "ctrl+s")
        await pilot.pause(0.3)
        assert commits(workspace) == before  # the save waits for the lock
        other = workspace / PCS / "A-2023-09-29-1.toml"
        other.write_text(other.read_text().replace('status = "Y"', 'status = "R"'))
        assert await until(pilot, lambda: status_of(pilot, "A-2023-09-29-1") == "R")
        assert commits(workspace) == before  # shown while the save is still waiting
    await settle(pilot)
    assert await until(pilot, lambda: commits(workspace) != before)
    assert commits(workspace)[0] == "R-2023-04-28-1: update added"
    await settle(pilot)
    assert status_of(pilot, "A-2023-09-29-1") == "R"
    screen = pilot.app.screen
    assert isinstance(screen, TrackerScreen) and screen.snapshot is not None
    assert screen.snapshot.based_on is None  # the writer has read the file again for itself
    theirs = screen.snapshot.record(PCS, "A-2023-09-29-1")
    mine = screen.snapshot.record(PCS, "R-2023-04-28-1")
    assert theirs is not None and theirs.status == "R"
    assert mine is not None and mine.updates[-1].text == "Chased the lead officer."


def add_update(service: Service, ref: str, text: str) -> Saved:
    return service.add_update(ref, text)


async def test_changes_asked_for_while_one_waits_are_made_afterwards_in_the_order_asked(
    pilot: Pilot[None], workspace: Path
) -> None:
    app = pilot.app
    assert isinstance(app, ScrutuiApp)
    ref = f"{PCS}/R-2023-04-28-1"
    before = commits(workspace)
    with write_lock(workspace / ".git"):
        for text in ("First chase.", "Second chase.", "Third chase."):
            app.host.change(partial(add_update, ref=ref, text=text))
        took = await timed_press(pilot, "enter", "escape")  # the app answers meanwhile
        assert max(took) < ANSWERED_WITHIN, took
        assert commits(workspace) == before
    assert await until(pilot, lambda: len(commits(workspace)) == len(before) + 3)
    await settle(pilot)
    snapshot = app.host.snapshot
    record = snapshot.record(PCS, "R-2023-04-28-1") if snapshot else None
    assert record is not None
    assert [u.text for u in record.updates[-3:]] == [
        "First chase.",
        "Second chase.",
        "Third chase.",
    ]


def test_a_snapshot_cannot_be_changed_and_shares_nothing_with_the_state_it_was_taken_from(
    workspace: Path,
) -> None:
    from scrutui.store.workspace import load_workspace
    from scrutui.ui.snapshot import Snapshot

    state = load_workspace(workspace)
    snapshot = Snapshot.of(state, None, 1)
    pcs = snapshot.trackers[PCS]
    with pytest.raises(TypeError):
        pcs.records["X-1"] = pcs.records["R-2023-04-28-1"]  # type: ignore[index]
    state.trackers[PCS].records.pop("R-2023-04-28-1")
    thawed = snapshot.thaw()
    thawed.trackers[PCS].stamps.clear()
    assert "R-2023-04-28-1" in pcs.records and pcs.stamps  # neither change reached it
    assert thawed.trackers[PCS].records.keys() == pcs.records.keys()
