"""What `bench/run.py` runs in a fresh process: the app headless, or a floor, timed inside.

    python -m bench.probe floor ROOT                     # read + parse every record file
    python -m bench.probe open ROOT                      # the app, until the overview is drawn
    python -m bench.probe appfloor ROOT                  # its floor: a bare app, stat + unpickle
    python -m bench.probe tracker ROOT NAME REPEAT KEYS  # then a tracker, and filter keystrokes

Each prints one JSON line when done, with the process's peak RSS; `open` and `floor` print it
as soon as they are done, so the parent's clock, started before the process, stops there.

"Drawn" is the first frame the app's compositor renders after the table holds its rows: the
probe wraps `App._display`, which Textual calls with each rendered update (the headless driver
skips only writing it to a terminal). Pilot's `pause()` is not used for timing: it sleeps
20 ms or more until the process looks idle.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(**data: Any) -> None:
    print(json.dumps({**data, "rss_mib": round(rss_mib(), 1)}), flush=True)


def floor(root: Path) -> None:
    """The open floor: read every record file of every tracker and parse it with tomllib."""
    files = 0
    for folder in sorted(p for p in root.iterdir() if (p / "tracker.toml").is_file()):
        for file in sorted(folder.glob("*.toml")):
            tomllib.loads(file.read_bytes().decode())
            files += 1
    say(files=files, seconds=time.perf_counter() - STARTED)


def app_floor(root: Path) -> None:
    """The floor of opening with the cache: a bare Textual app with the overview's widgets
    (header, two lines, a progress bar, a table of one row per tracker, two lines, footer),
    drawn headless at 120x40, plus a stat of every record file and the unpickling of every
    tracker's record cache: what an open with the cache cannot do without."""
    import os
    import pickle

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

    folders = sorted(p for p in root.iterdir() if (p / "tracker.toml").is_file())
    caches = root / ".git" / "scrutui" / "cache"

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Opening the workspace...", id="loading")
            yield ProgressBar(id="progress", show_eta=False)
            yield DataTable(id="trackers", cursor_type="row", zebra_stripes=True)
            yield Static(id="totals")
            yield Static(id="sync-status")
            yield Footer()

        def on_mount(self) -> None:
            records = 0
            for folder in folders:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        entry.stat()
                cache = caches / f"{folder.name}.pickle"
                if cache.is_file():
                    with cache.open("rb") as handle:
                        records += len(pickle.load(handle).get("entries", ()))
            self.records = records
            table = self.query_one(DataTable)
            table.add_columns("Tracker", "Records", "Statuses", "Overdue", "Stale", "Problems")
            for folder in folders:
                table.add_row(folder.name, "0", "R 0 Y 0 G 0", "0", "0", "", key=folder.name)

    async def run() -> None:
        app = Bare()
        frames = Frames(app)
        drawn = frames.drawn(lambda: app.query_one(DataTable).row_count == len(folders))
        async with app.run_test(size=(120, 40)):
            when = await drawn
            say(seconds=when - STARTED, records=app.records)

    asyncio.run(run())


def _holds(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except Exception:  # a widget not mounted yet
        return False


class LoopLag:
    """The longest the event loop went without running a task, while it runs: a task that
    sleeps a millisecond at a time and notes how late it wakes, on the clock (`worst`) and in
    the event loop thread's own CPU time (`worst_cpu`: what it did meanwhile, which other
    processes on a busy machine do not lengthen)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_cpu = 0.0
        self.task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        while True:
            before, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - before - 0.001)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    def stop(self) -> tuple[float, float]:
        self.task.cancel()
        return self.worst, self.worst_cpu


class Frames:
    """When the app draws: wraps `App._display` and resolves waits on a condition."""

    def __init__(self, app: Any) -> None:
        self.waiting: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        #: The event loop thread's CPU time at the last frame drawn
        self.cpu_at_frame = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            self.cpu_at_frame = time.thread_time()
            for check, future in list(self.waiting):
                if not future.done() and _holds(check):
                    future.set_result(now)
                    self.waiting.remove((check, future))

        app._display = display

    def drawn(self, check: Callable[[], bool]) -> asyncio.Future[float]:
        """A future for the time of the first frame drawn once `check()` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting.append((check, future))
        return future


async def _open(root: Path, loaded: bool = False) -> tuple[Any, Any, Any, float]:
    """The app on `root`, running headless; the time its overview was drawn, in full: from
    the counts kept last time, if it had them, or (`loaded`) from the records once read."""
    from textual.widgets import DataTable

    from scrutui.ui.app import make_app

    app = make_app(root)
    frames = Frames(app)

    def overview_ready() -> bool:
        snapshot = app.host.snapshot
        if snapshot is None or (loaded and snapshot.preview):
            return False
        try:
            table = app.screen.query_one("#trackers", DataTable)
        except Exception:
            return False
        return table.row_count == len(snapshot.trackers) > 0

    drawn = frames.drawn(overview_ready)
    pilot_cm = app.run_test(size=(120, 40))
    pilot = await pilot_cm.__aenter__()
    when = await drawn
    app.frames = frames
    return app, pilot, pilot_cm, when


def open_app(root: Path) -> None:
    """Start the app on `root` and stop once the overview's table is drawn."""

    async def run() -> None:
        from textual.widgets import DataTable

        app, _pilot, pilot_cm, when = await _open(root)
        preview = app.host.snapshot.preview  # drawn from the counts kept last time
        say(seconds=when - STARTED, preview=preview)  # the first line: the overview drawn
        frames: Frames = app.frames
        loaded = when
        if preview:  # then the overview again, from the records once read
            loaded = await asyncio.wait_for(
                frames.drawn(
                    lambda: (
                        not app.host.snapshot.preview
                        and app.screen.query_one("#trackers", DataTable).row_count > 0
                    )
                ),
                120,
            )
        records = sum(len(t.records) for t in app.host.snapshot.trackers.values())
        say(loaded=loaded - STARTED, records=records)  # a second line, read by `spawn`
        await pilot_cm.__aexit__(None, None, None)

    asyncio.run(run())


def tracker(root: Path, name: str, repeat: int, keys: str) -> None:
    """Open the tracker `repeat` times, then type `keys` into its filter one at a time."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from scrutui.domain.meeting import Meeting
    from scrutui.domain.query import matcher, parse_query
    from scrutui.ui.screens.tracker import TrackerScreen, notes

    async def run() -> dict[str, Any]:
        app, pilot, pilot_cm, _ = await _open(root, loaded=True)
        frames: Frames = app.frames
        loads: list[float] = []
        screen: TrackerScreen | None = None
        for _ in range(repeat):
            if screen is not None:
                app.pop_screen()
                await pilot.pause()
            screen = TrackerScreen(name)
            current = screen
            drawn = frames.drawn(
                lambda s=current: s.is_current and s.query_one("#records", DataTable).row_count > 0
            )
            started = time.perf_counter()
            app.push_screen(screen)
            loads.append(await drawn - started)
            await pilot.pause()
        assert screen is not None
        table = screen.query_one("#records", DataTable)
        rows = len(screen.shown)  # the tracker's records (the table may still be filling)
        await pilot.press("slash")
        await pilot.pause()
        typed: list[float] = []
        typed_cpu: list[float] = []
        shown: list[int] = []
        count = {"populated": 0}
        populate = screen._populate

        def counted(*args: Any) -> None:
            populate(*args)
            count["populated"] += 1

        screen._populate = counted  # type: ignore[method-assign]
        lag = LoopLag()
        for key in [*keys, *["backspace"] * len(keys)]:
            before = count["populated"]
            drawn = frames.drawn(lambda before=before: count["populated"] > before)
            char = key if len(key) == 1 else None
            started, cpu = time.perf_counter(), time.thread_time()
            app._driver.send_message(events.Key(key, char))
            try:  # never hang the benchmark: a keystroke that draws nothing is reported
                typed.append(await asyncio.wait_for(drawn, 60) - started)
            except TimeoutError:
                focused = type(app.focused).__name__ if app.focused else "nothing"
                raise SystemExit(
                    f"the filter keystroke {key!r} drew no rows in 60 s ({focused} had focus)"
                ) from None
            typed_cpu.append(frames.cpu_at_frame - cpu)
            shown.append(len(screen.shown))
            await pilot.pause()
            await asyncio.sleep(0.05)  # the rest of the rows, added between frames
        blocked, blocked_cpu = lag.stop()
        # Floors: the filter's predicate alone over the same records, and Textual's
        # DataTable given the same cells, both without scrutui's screen.
        state = app.host.snapshot.trackers[name]
        settings = state.tracker
        records = list(state.records.values())
        today = app.host.today()
        meeting = Meeting.for_paper(settings, None, today)
        predicate: list[float] = []
        for end in [*range(1, len(keys) + 1), *range(len(keys) - 1, -1, -1)]:
            started = time.perf_counter()
            wanted = matcher(parse_query(keys[:end]), settings, meeting, today)
            [r for r in records if not r.archived and wanted(r)]
            predicate.append(time.perf_counter() - started)
        cells = [
            [str(cell(r)) for _, _, cell, _ in screen.columns]
            + [str(notes(settings, r, meeting, today))]
            for r in records
            if not r.archived
        ]
        labels = [label for _, label, _, _ in screen.columns] + ["Notes"]
        peak = rss_mib()
        await pilot_cm.__aexit__(None, None, None)

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield DataTable()

        bare: list[float] = []
        bare_app = Bare()
        bare_frames = Frames(bare_app)
        async with bare_app.run_test(size=(120, 40)) as bare_pilot:
            table = bare_app.query_one(DataTable)
            table.add_columns(*labels)
            for _ in range(repeat):
                table.clear()
                await bare_pilot.pause()
                drawn = bare_frames.drawn(lambda t=table: t.row_count == len(cells))
                started = time.perf_counter()
                for number, row in enumerate(cells):
                    table.add_row(*row, key=str(number))
                bare.append(await drawn - started)
                await bare_pilot.pause()
            # The floor of a keystroke's hold: the table's rows replaced by another screenful
            # of the same cells and drawn, 12 times; the longest the event loop was held.
            screenful = 40
            lag = LoopLag()
            for number in range(12):
                table.clear()
                at = (number * 37) % max(1, len(cells) - screenful)
                drawn = bare_frames.drawn(lambda t=table: t.row_count > 0)
                for row in cells[at : at + screenful]:
                    table.add_row(*row)
                await drawn
                await asyncio.sleep(0.05)
            bare_blocked, bare_blocked_cpu = lag.stop()
        return {
            "rows": rows,
            "load": loads,
            "keys": typed,
            "shown": shown,
            "predicate": predicate,
            "loop_blocked_max": blocked,
            "loop_blocked_cpu_max": blocked_cpu,
            "keys_cpu": typed_cpu,
            "bare_table": bare,
            "bare_blocked_max": bare_blocked,
            "bare_blocked_cpu_max": bare_blocked_cpu,
            "peak_rss_mib": peak,
        }

    result = asyncio.run(run())
    say(**result)


def main(argv: list[str]) -> int:
    mode, root = argv[0], Path(argv[1])
    if mode == "floor":
        floor(root)
    elif mode == "open":
        open_app(root)
    elif mode == "appfloor":
        app_floor(root)
    elif mode == "tracker":
        tracker(root, argv[2], int(argv[3]), argv[4])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
