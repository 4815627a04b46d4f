"""The workspace write lock: one writer at a time, across processes and threads.

Re-entrant within one thread: a change that chooses a new record's id under the lock can
then save it under the same lock (flock would block on a second descriptor of its own).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another scrutui is saving to this workspace and did not finish in time."""


_guard = threading.Lock()
#: Per lock file: (the thread lock that orders this process's threads, how deep the owning
#: thread holds it, the flock's descriptor while held).
_held: dict[Path, list[object]] = {}


@contextmanager
def write_lock(git_dir: Path, timeout: float = 15.0, *, reentrant: bool = False) -> Iterator[None]:
    """Hold `.git/scrutui/write.lock` (an flock, released if the process dies).

    With `reentrant`, a thread that already holds it holds it again; without, it is Busy to
    that thread as to any other writer (recovery must not run inside a change)."""
    folder = git_dir / "scrutui"
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / "write.lock").resolve()
    with _guard:
        entry = _held.setdefault(path, [threading.RLock(), 0, None])
    mine: threading.RLock = entry[0]  # type: ignore[assignment]
    deadline = time.monotonic() + timeout
    if not reentrant and mine._is_owned():  # type: ignore[attr-defined]
        raise Busy("another scrutui is saving to this workspace; try again")
    taken = mine.acquire(timeout=timeout) if timeout > 0 else mine.acquire(blocking=False)
    if not taken:
        raise Busy("another scrutui is saving to this workspace; try again")
    try:
        depth = int(entry[1])  # type: ignore[call-overload]
        if depth == 0:
            entry[2] = _flock(path, deadline)
        entry[1] = depth + 1
        try:
            yield
        finally:
            entry[1] = int(entry[1]) - 1  # type: ignore[call-overload]
            if entry[1] == 0 and entry[2] is not None:
                os.close(entry[2])  # type: ignore[arg-type]
                entry[2] = None
    finally:
        mine.release()


def _flock(path: Path, deadline: float) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy("another scrutui is saving to this workspace; try again") from None
                time.sleep(0.02)
    except BaseException:
        os.close(fd)
        raise
