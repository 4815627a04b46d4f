"""Recovery: finishing what a killed scrutui or git left half done, as an explicit step.

Opening a workspace never repairs it. Write commands and the app's start worker call
`recover`, which takes the write lock without waiting: if a writer holds it (a sync updating
the files, a save), what looks half done is that writer's work in progress, and is left
alone. Every save also runs `recover_locked` once it holds the lock, so no change is made on
top of a half-done one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from scrutui.store import journal, sync
from scrutui.store.git import GitRepo
from scrutui.store.journal import Saved
from scrutui.store.lock import Busy, write_lock

#: A save's temporary file younger than this may be a live save's.
TEMP_FILE_AGE = 60.0


@dataclass(frozen=True, slots=True)
class Recovered:
    """What recovery did: git lock files removed (relative to the git folder), whether a
    killed sync's files were put back to match HEAD, temporary files of killed saves removed;
    `skipped` if another scrutui was writing, so nothing was looked at."""

    locks: tuple[str, ...] = ()
    sync_finished: bool = False
    temp_files: int = 0
    skipped: bool = False
    #: saves killed before their commit, finished with their own messages
    saves: tuple[Saved, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.locks or self.sync_finished or self.temp_files or self.saves)

    def said(self) -> list[str]:
        """What was done, as the officer is told it at the start of a command or the app."""
        lines = [
            f"Finished the interrupted save '{saved.subject}' ({saved.sha[:7]})"
            for saved in self.saves
        ]
        if self.sync_finished:
            lines.append("Finished updating the files of a sync that was interrupted")
        if self.locks:
            lines.append(f"Removed git's stale {', '.join(self.locks)} (left by a killed git)")
        return lines


def recover(repo: GitRepo) -> Recovered:
    """Take the write lock if it is free and recover; if a writer holds it, change nothing."""
    try:
        with write_lock(repo.git_dir, timeout=0):
            return recover_locked(repo)
    except Busy:
        return Recovered(skipped=True)


@contextmanager
def writing(repo: GitRepo, timeout: float = 15.0) -> Iterator[Recovered]:
    """Hold the write lock for a change, recovering first what a killed writer left (all
    but its temporary files: they hold nothing, and finding them lists every tracker's
    folder, some 10 ms a save at 10,000 records; `recover`, at each start, clears them)."""
    with write_lock(repo.git_dir, timeout=timeout, reentrant=True):
        yield recover_locked(repo, sweep=False)


def recover_locked(repo: GitRepo, *, sweep: bool = True) -> Recovered:
    """Recover, for a caller that holds the write lock: stale git locks first (a killed
    sync's files are put back with git), then the sync, then (`sweep`) killed saves'
    temporary files, then the saves killed before their commit (each committed with its
    own message)."""
    locks = tuple(repo.recover_stale_locks())
    finished = sync.recover(repo)
    temp_files = _remove_stale_temp_files(repo) if sweep else 0
    saves = tuple(journal.finish_interrupted_saves(repo))
    return Recovered(locks, finished, temp_files, saves=saves)


def _remove_stale_temp_files(repo: GitRepo, older_than: float = TEMP_FILE_AGE) -> int:
    """Delete the temporary files of saves that were killed (a live save's are younger)."""
    now = time.time()
    removed = 0
    for temp in repo.root.glob("*/.*.tmp"):
        try:
            if now - temp.stat().st_mtime > older_than:
                temp.unlink()
                removed += 1
        except OSError:
            continue
    return removed
