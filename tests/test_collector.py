"""The garbage collector runs between keystrokes (`scrutui.ui.collector`): off while the app
runs, young generations on a timer, the whole heap only after a pause in typing; and cyclic
garbage is still freed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutui.ui import collector as collector_module
from scrutui.ui.app import make_app
from scrutui.ui.collector import Collector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def _make_cycles(count: int) -> list[weakref.ref[Cycle]]:
    return [weakref.ref(Cycle()) for _ in range(count)]


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[Collector]:
    monkeypatch.setattr(collector_module, "YOUNG", 1_000)
    monkeypatch.setattr(collector_module, "FULL_AFTER", 2)
    made = Collector()
    made.start()
    yield made
    made.stop()


def test_the_automatic_collector_is_off_while_it_runs_and_back_after() -> None:
    assert gc.isenabled()
    made = Collector()
    made.start()
    assert not gc.isenabled()
    made.stop()
    assert gc.isenabled()


def test_cyclic_garbage_is_freed_by_the_timer_without_the_automatic_collector(
    collector: Collector,
) -> None:
    refs = _make_cycles(2_000)
    assert all(ref() is not None for ref in refs)  # nothing collects it by itself
    collector.tick()
    assert all(ref() is None for ref in refs)


def test_a_full_collection_waits_for_a_pause_in_typing(
    collector: Collector, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1_000.0]
    monkeypatch.setattr(collector_module.time, "monotonic", lambda: clock[0])
    for _ in range(5):  # typing all the while: young collections only
        collector.input()
        _make_cycles(2_000)
        collector.tick()
    assert collector.full == 0 and collector.young == 5
    clock[0] += collector_module.IDLE  # a pause
    _make_cycles(2_000)
    collector.tick()
    assert collector.full == 1 and collector.young == 0


def test_a_tick_with_little_made_collects_nothing(collector: Collector) -> None:
    gc.collect()
    collector.tick()
    assert collector.young == 0 and collector.full == 0


def test_a_full_collection_runs_anyway_after_very_long_typing(
    collector: Collector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector_module, "FULL_ANYWAY", 3)
    for _ in range(4):
        collector.input()
        _make_cycles(2_000)
        collector.tick()
    assert collector.full == 1


async def test_the_app_runs_with_the_collector_and_gives_the_automatic_one_back(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()
        before = app.collector.last_input
        await pilot.press("down")  # a key puts off the next full collection
        assert app.collector.last_input > before
    assert gc.isenabled()
