"""The app's start: the overview drawn from the files before git runs; the loaded workspace
kept out of the garbage collector's walks while the app runs, and given back when it ends."""

from __future__ import annotations

import gc
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from scrutui.store.service import Service
from scrutui.ui.app import ScrutuiApp


async def test_the_loaded_workspace_is_frozen_while_the_app_runs_and_thawed_after(
    workspace: Path,
) -> None:
    gc.unfreeze()
    app = ScrutuiApp(workspace, today=lambda: date(2024, 5, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.host.snapshot is None:
            await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0
        await pilot.pause()
        assert app.screen.query_one("#trackers", DataTable).row_count == 1
    assert gc.get_freeze_count() == 0


async def test_where_the_workspace_stands_with_its_remote_follows_the_first_snapshot(
    workspace: Path,
) -> None:
    app = ScrutuiApp(workspace, today=lambda: date(2024, 5, 1))
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.host.snapshot is not None and app.host.snapshot not in seen:
                seen.append(app.host.snapshot)
            if app.host.snapshot is not None and app.host.snapshot.sync is not None:
                break
            await pilot.pause(0.02)
    assert seen[0].sync is None  # the first, drawn before any git process
    assert seen[-1].sync is not None  # then the remote's status, once it is drawn


def _records_shown(app: ScrutuiApp) -> str:
    table = app.screen.query_one("#trackers", DataTable)
    return str(table.get_row("pcs")[1])


async def _run_once(workspace: Path, today: date) -> None:
    """Open the app until its records are read, then end it (which keeps the counts)."""
    app = ScrutuiApp(workspace, today=lambda: today)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.host.service is None or app.host.snapshot is None:
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()


async def test_the_next_start_draws_the_overview_from_the_counts_kept_then_reads_the_records(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = date(2024, 5, 1)
    await _run_once(workspace, today)
    assert (workspace / ".git" / "scrutui" / "cache" / "overview.pickle").is_file()
    # the next start, its records read only once the test lets them
    go = threading.Event()
    real = Service.reload_with_progress

    def held(self: Service, progress: Any) -> None:
        go.wait(30)
        real(self, progress)

    monkeypatch.setattr(Service, "reload_with_progress", held)
    app = ScrutuiApp(workspace, today=lambda: today)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.host.snapshot is None:
            await pilot.pause(0.02)
        await pilot.pause()
        assert app.host.snapshot.preview and not app.host.snapshot.trackers["pcs"].records
        assert _records_shown(app) == "2"  # the counts as last drawn, before any record
        assert "reading the records" in str(app.screen.query_one("#totals", Static).render())
        go.set()
        while app.host.snapshot.preview:
            await pilot.pause(0.02)
        await pilot.pause()
        assert len(app.host.snapshot.trackers["pcs"].records) == 2
        assert _records_shown(app) == "2"
        assert "reading the records" not in str(app.screen.query_one("#totals", Static).render())


async def test_counts_kept_before_a_change_on_disk_give_way_to_the_records_read(
    workspace: Path,
) -> None:
    today = date(2024, 5, 1)
    await _run_once(workspace, today)
    (workspace / "pcs" / "A-2023-09-29-1.toml").unlink()  # gone since, outside the app
    app = ScrutuiApp(workspace, today=lambda: today)
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            snapshot = app.host.snapshot
            if snapshot is not None:
                seen.append((snapshot.preview, _records_shown(app)))
                if not snapshot.preview:
                    break
            await pilot.pause(0.01)
        await pilot.pause()
        assert _records_shown(app) == "1"
    assert seen[-1] == (False, "1")


def test_counts_kept_on_another_day_are_not_used(workspace: Path) -> None:
    from scrutui.domain.summary import Summary
    from scrutui.store.overview_cache import Counts, read_counts, write_counts

    summary = Summary({"R": 0, "Y": 1, "G": 0}, 1, 1, 0, 0, 0)
    write_counts(workspace, date(2024, 5, 1), {"pcs": Counts(None, summary, ())})
    assert read_counts(workspace, date(2024, 5, 1)) == {"pcs": Counts(None, summary, ())}
    assert read_counts(workspace, date(2024, 5, 2)) is None  # overdue and stale have moved on
    (workspace / ".git" / "scrutui" / "cache" / "overview.pickle").write_bytes(b"not a pickle")
    assert read_counts(workspace, date(2024, 5, 1)) is None
