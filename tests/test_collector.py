"""The garbage collector's whole-heap walks run between keystrokes (`scrutui.ui.collector`):
the young generations collected by Python as objects are made, its own full collections off
while the app runs and run on a timer after a pause in typing; and cyclic garbage is still
freed."""

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


def _old_garbage(count: int, times: int) -> list[weakref.ref[Cycle]]:
    """`count` cycles that lived through `times` middle-generation collections (into the
    oldest generation, counted towards a full one) and then became garbage."""
    alive = [Cycle() for _ in range(count)]
    for _ in range(times):
        gc.collect(1)
    refs = [weakref.ref(cycle) for cycle in alive]
    del alive
    return refs


def _young_collections(times: int) -> None:
    for _ in range(times):
        gc.collect(1)


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[Collector]:
    monkeypatch.setattr(collector_module, "FULL_AFTER", 2)
    gc.collect()
    made = Collector()
    made.start()
    yield made
    made.stop()


@pytest.fixture
def hand_clock(collector: Collector, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The collector's clock, moved by hand: `hand_clock[0] += seconds`; the last input now."""
    now = [1_000.0]
    monkeypatch.setattr(collector_module.time, "monotonic", lambda: now[0])
    collector.input()
    return now


def test_python_collects_the_young_but_never_the_whole_heap_while_it_runs() -> None:
    before = (gc.isenabled(), gc.get_threshold())
    made = Collector()
    made.start()
    assert gc.isenabled()
    assert gc.get_threshold() == (*collector_module.YOUNG, collector_module.NEVER)
    made.stop()
    assert (gc.isenabled(), gc.get_threshold()) == before


def test_young_cyclic_garbage_is_freed_as_objects_are_made(collector: Collector) -> None:
    refs = _make_cycles(2_000)  # each young collection frees the cycles made before it
    _make_cycles(5_000)
    assert sum(ref() is not None for ref in refs) < 700  # at most the youngest's threshold


def test_old_cyclic_garbage_waits_for_the_timer_and_is_freed_by_it(
    collector: Collector, hand_clock: list[float]
) -> None:
    refs = _old_garbage(2_000, 3)  # lived long enough to be old, then became garbage
    _make_cycles(20_000)  # young collections by the thousand: none walks the old
    assert all(ref() is not None for ref in refs)
    hand_clock[0] += collector_module.IDLE
    collector.tick()
    assert collector.full == 1
    assert all(ref() is None for ref in refs)


def test_a_full_collection_waits_for_a_pause_in_typing(
    collector: Collector, hand_clock: list[float]
) -> None:
    refs = _old_garbage(2_000, 3)
    for _ in range(5):  # typing all the while: no full collection
        collector.input()
        hand_clock[0] += 0.2
        collector.tick()
    assert collector.full == 0 and all(ref() is not None for ref in refs)
    hand_clock[0] += collector_module.IDLE  # a pause
    collector.tick()
    assert collector.full == 1 and all(ref() is None for ref in refs)


def test_a_pause_with_little_made_since_collects_nothing(
    collector: Collector, hand_clock: list[float]
) -> None:
    gc.collect()
    _young_collections(1)  # one middle-generation collection, of the two due
    hand_clock[0] += 10 * collector_module.IDLE
    collector.tick()
    assert collector.full == 0


def test_a_full_collection_runs_anyway_after_very_long_typing(
    collector: Collector, hand_clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector_module, "FULL_ANYWAY", 6)
    refs = _old_garbage(2_000, 3)
    collector.input()
    collector.tick()
    assert collector.full == 0  # 3 of 6: still typing
    _young_collections(3)
    collector.input()
    collector.tick()
    assert collector.full == 1 and all(ref() is None for ref in refs)


async def test_the_app_runs_with_the_collector_and_gives_python_its_own_back(
    workspace: Path,
) -> None:
    before = gc.get_threshold()
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_threshold()[2] == collector_module.NEVER
        before_key = app.collector.last_input
        await pilot.press("down")  # a key puts off the next full collection
        assert app.collector.last_input > before_key
    assert gc.isenabled() and gc.get_threshold() == before
