"""The workspace write lock: one writer at a time, across processes."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another scrutui is saving to this workspace and did not finish in time."""


@contextmanager
def write_lock(git_dir: Path, timeout: float = 15.0) -> Iterator[None]:
    """Hold `.git/scrutui/write.lock` (an flock, released if the process dies)."""
    folder = git_dir / "scrutui"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy("another scrutui is saving to this workspace; try again") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)
