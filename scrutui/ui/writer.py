"""One writer: jobs run one at a time, in the order they were handed in, in a thread worker.

Like Toolong's `LineReader`, a single thread is fed by a queue, because Textual's `exclusive`
workers cancel a worker but cannot stop its thread, and non-exclusive ones run in any order.
The queue is filled on the event loop and emptied by the worker; neither ever waits on the
other. Readers that must not see a change half made take `turn`, in their own thread.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from textual.app import App


class Writer:
    """Runs each job handed to `submit` after the ones before it, in the "write" worker group."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        #: Held for each job, and by readers in their threads; never on the event loop.
        self.turn = threading.Lock()
        self._jobs: deque[Callable[[], None]] = deque()
        self._running = False  # event loop only

    @property
    def busy(self) -> bool:
        """Whether a job is running or waiting (as seen from the event loop)."""
        return self._running

    def submit(self, job: Callable[[], None]) -> None:
        """Queue `job` (on the event loop); it runs once every job before it has."""
        self._jobs.append(job)
        if not self._running:
            self._start()

    def _start(self) -> None:
        self._running = True
        self.app.run_worker(
            self._drain, thread=True, group="write", name="writer", description="the writer"
        )

    def _drain(self) -> None:
        while True:
            try:
                job = self._jobs.popleft()
            except IndexError:
                break
            with self.turn:
                job()
        self.app.call_later(self._drained)

    def _drained(self) -> None:
        self._running = False
        if self._jobs:  # queued after the worker looked for the last time
            self._start()
