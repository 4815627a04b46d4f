"""Python's cyclic garbage collector, run between keystrokes rather than inside them.

Textual makes cyclic garbage with every frame it draws (each line a Strip with caches of its
own), and Python collects it when enough objects have been made: a full collection walks
every live object the app holds (its tables' caches, the drawn lines), 30 to 50 ms with a
1,000-record tracker open, landing on whichever keystroke happens to make the last object.
So while the app runs the automatic collector is off, and a timer collects instead: the
young generations (a few milliseconds) once enough objects have been made, and the whole
heap only once the officer has not typed or clicked for a moment, or after very many young
collections if they never stop. What the workspace's load freezes (`WorkspaceHost._load`) is
never walked either way.
"""

from __future__ import annotations

import gc
import time

#: How often the timer looks (seconds)
TICK = 0.25
#: Objects made since the last collection past which the young generations are collected
YOUNG = 20_000
#: Young collections before a full one is due (Python's own default ratio)
FULL_AFTER = 10
#: A full collection waits for this long without a key or a click (seconds)...
IDLE = 0.5
#: ...unless this many young collections have passed without one
FULL_ANYWAY = 200


class Collector:
    """Collects on a timer (`tick`), told of each input event (`input`)."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self.young = 0  # young collections since the last full one
        self.full = 0  # full collections run, for the tests
        self._was_enabled: bool | None = None

    def start(self) -> None:
        """Take over from the automatic collector (put back by `stop`)."""
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def input(self) -> None:
        self.last_input = time.monotonic()

    def tick(self) -> None:
        if self._was_enabled is None:
            return
        if gc.get_count()[0] < YOUNG:
            return
        idle = time.monotonic() - self.last_input >= IDLE
        if (self.young >= FULL_AFTER and idle) or self.young >= FULL_ANYWAY:
            gc.collect()
            self.young = 0
            self.full += 1
        else:
            gc.collect(1)
            self.young += 1
