"""Noticing files changed on disk without reading them: the app's file watcher.

A look that stat'd every record file took a second at 100,000 records, and the watcher
looks every second: a thread scanning all the time, sharing the interpreter with the app's
keystrokes. So a look is bounded:

- A tracker folder whose own stat changed since its files were last all found unchanged
  (a file added, removed or renamed into place: a pull, a checkout, scrutui's own saves, an
  editor that saves by renaming) has its files stat'd at once.
- A file written in place changes only its own stat. The folders' files are stat'd in
  turns, folder after folder until `budget` files have been stat'd in a look, so a look
  costs about the same at any size and every file is stat'd at least once every
  `records / budget` looks or so.
- Each tracker's `tracker.toml`, and the list of tracker folders, at every look.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from scrutui.store.workspace import TRACKER_FILE, changed_files, stamp, tracker_dirs

#: files stat'd a look at most, besides those of folders seen changed: a full look every
#: second up to 10,000 records, as before the bound; every 10 s at 100,000
BUDGET = 10_000


#: a folder's mark once a change is found in it: no folder's mtime, so it is due every look
CHANGED = -2


class Stamped(Protocol):
    """What a look compares a tracker's folder with (a TrackerState, or the app's snapshot
    of one): what each record file's stat said when it was read."""

    @property
    def path(self) -> Path: ...

    @property
    def stamps(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def settings_stamp(self) -> tuple[int, int]: ...


class DiskWatch:
    """Tells whether any tracker's files changed since they were read, a bounded look at a
    time (see the module's notes). Thread-safe: a look asked for while another is still
    running is skipped (the running one answers)."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        #: record files stat'd by the last look, for its tests and the benchmark
        self.last_stat = 0
        #: each folder's mtime_ns when its files were last all found as read
        self._folders: dict[str, int] = {}
        self._turn = 0  # where the turns of the folders go on at the next look
        self._looking = threading.Lock()

    def changed(self, root: Path, trackers: Mapping[str, Stamped]) -> bool:
        """Whether anything under `root` changed since `trackers` were read. OSError or
        WorkspaceError if the workspace folder cannot be listed."""
        if not self._looking.acquire(blocking=False):
            return False
        try:
            return self._look(root, trackers)
        finally:
            self._looking.release()

    def _look(self, root: Path, trackers: Mapping[str, Stamped]) -> bool:
        self.last_stat = 0
        present = {p.name: p for p in tracker_dirs(root)}
        if present.keys() != trackers.keys():
            return True
        names = sorted(trackers)
        due: list[str] = []
        for name in names:
            state = trackers[name]
            if stamp(present[name] / TRACKER_FILE) != state.settings_stamp:
                return True
            if name in self._folders and self._folders[name] != _mtime(present[name]):
                due.append(name)
        turns: list[str] = []
        files = 0
        for step in range(len(names)):
            name = names[(self._turn + step) % len(names)]
            if files >= self.budget:
                break
            if name not in due:
                turns.append(name)
                files += len(trackers[name].stamps)
        self._turn = (self._turn + max(len(turns), 1)) % len(names)
        for name in due + turns:
            before = _mtime(present[name])  # a change during the stats shows at the next look
            self.last_stat += len(trackers[name].stamps)
            if changed_files(present[name], trackers[name].stamps):
                self._folders[name] = CHANGED  # looked at in full until found as read
                return True
            self._folders[name] = before
        return False


def _mtime(folder: Path) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1
