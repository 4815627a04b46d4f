"""What the screens draw: an immutable copy of the workspace, published by the workers.

The workers own the service and its mutable state; after each load, save, re-read or sync
they take a snapshot (frozen dataclasses, read-only mappings, tuples) and hand it to the
screens in a message. A screen draws from the snapshot it was handed and never looks at the
service, so it never waits for a worker and never sees a dict change under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from scrutui.domain.records import Record
from scrutui.domain.summary import Summary, summarise_tracker
from scrutui.domain.tracker import Tracker
from scrutui.store.overview_cache import Counts
from scrutui.store.sync import SyncStatus
from scrutui.store.tomlfile import Problem
from scrutui.store.workspace import TrackerState, WorkspaceState


@dataclass(frozen=True, eq=False)
class TrackerSnapshot:
    """One tracker as it was loaded: its settings, valid records and problems."""

    name: str
    path: Path
    tracker: Tracker | None
    records: Mapping[str, Record]
    problems: tuple[Problem, ...]
    broken: frozenset[str]
    #: (mtime_ns, size) of each record file when it was read (the file watcher compares them)
    stamps: Mapping[str, tuple[int, int]]
    settings_stamp: tuple[int, int]
    #: `summary` by day: worked out once, in the worker that made the snapshot if it can
    _summaries: dict[date, Summary] = field(default_factory=dict, repr=False)

    def summary(self, today: date) -> Summary | None:
        """The overview's counts for this tracker on `today` (None if it does not load)."""
        if self.tracker is None:
            return None
        if today not in self._summaries:
            self._summaries[today] = summarise_tracker(self.tracker, self.records.values(), today)
        return self._summaries[today]

    @classmethod
    def of(cls, state: TrackerState) -> TrackerSnapshot:
        return cls(
            state.name,
            state.path,
            state.tracker,
            MappingProxyType(dict(state.records)),
            tuple(state.problems),
            frozenset(state.broken),
            MappingProxyType(dict(state.stamps)),
            state.settings_stamp,
        )

    def thaw(self) -> TrackerState:
        """A fresh, mutable copy for a worker to re-read files into (shares nothing)."""
        return TrackerState(
            self.name,
            self.path,
            self.tracker,
            dict(self.records),
            list(self.problems),
            set(self.broken),
            dict(self.stamps),
            self.settings_stamp,
        )


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Every tracker of the workspace, its problems and where it stands with its remote.

    `generation` counts the snapshots the workers published; a snapshot made by the file
    watcher while a change runs names the one it was made from (`based_on`), and is shown
    only if no newer one arrived meanwhile.
    """

    root: Path
    trackers: Mapping[str, TrackerSnapshot]
    sync: SyncStatus | None = None
    generation: int = 0
    based_on: int | None = None
    #: The overview's counts as last drawn, before the records are read: no records yet
    preview: bool = False

    @classmethod
    def from_counts(cls, root: Path, counts: Mapping[str, Counts], today: date) -> Snapshot:
        """What the overview drew last time (see `store.overview_cache`), to draw at once."""
        empty: Mapping[str, Record] = MappingProxyType({})
        trackers = {
            name: TrackerSnapshot(
                name,
                root / name,
                c.tracker,
                empty,
                c.problems,
                frozenset(),
                MappingProxyType({}),
                (0, -1),
                {today: c.summary} if c.summary is not None else {},
            )
            for name, c in counts.items()
        }
        return cls(root, MappingProxyType(trackers), preview=True)

    def counts(self, today: date) -> dict[str, Counts]:
        """Each tracker's counts on `today`, to keep for the next start."""
        return {
            name: Counts(t.tracker, t.summary(today), t.problems)
            for name, t in self.trackers.items()
        }

    @classmethod
    def of(cls, state: WorkspaceState, sync: SyncStatus | None, generation: int) -> Snapshot:
        trackers = {name: TrackerSnapshot.of(t) for name, t in list(state.trackers.items())}
        return cls(state.root, MappingProxyType(trackers), sync, generation)

    def summarised(self, today: date) -> Snapshot:
        """This snapshot, each tracker's overview counts for `today` worked out (call it in
        the worker that made it, so the overview's frame only draws them)."""
        for tracker in self.trackers.values():
            tracker.summary(today)
        return self

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for t in self.trackers.values() for p in t.problems)

    def tracker(self, name: str) -> TrackerSnapshot | None:
        return self.trackers.get(name)

    def record(self, tracker: str, record_id: str) -> Record | None:
        state = self.trackers.get(tracker)
        return state.records.get(record_id) if state else None

    def thaw(self) -> WorkspaceState:
        """A fresh, mutable copy of the workspace state (for the file watcher's re-read)."""
        return WorkspaceState(self.root, {n: t.thaw() for n, t in self.trackers.items()})
