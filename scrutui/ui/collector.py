"""Python's cyclic garbage collector, its whole-heap walks run between keystrokes.

Textual makes cyclic garbage with every frame it draws (each line a Strip with caches of its
own). Python's collector frees it in young collections, made each time some hundreds of
objects have been made: each walks only those, well under a millisecond, spread through
the work of a keystroke. Now and then Python also walks the whole heap: every live object
the app holds (its tables' caches, the drawn lines), some 100 ms with a 1,000-record tracker
open at 10,000 records, landing on whichever keystroke made the last object.

So while the app runs the young collections stay Python's own and its full collections are
off; a timer runs them instead, once enough has been made since the last one and the officer
has not typed or clicked for a moment, or after very much if they never stop. (Collecting
the young generations on the timer too, in bulk, took 10 to 50 ms a time while typing.)
What the workspace's load freezes (`WorkspaceHost._load`) is never walked either way.
"""

from __future__ import annotations

import gc
import time

#: How often the timer looks (seconds)
TICK = 0.25
#: Python's own young thresholds: a collection of the youngest generation each 700 objects
#: made, and of the middle one each 2 of those. Python's default is each 10: every object
#: that outlives a young collection is walked once in the middle generation either way,
#: but in a fifth as many at a time, so the longest of those collections while typing fell
#: from 5.4-7.1 to 1.4-2.9 ms (a 1,000-record tracker open at 10,000 records, three runs of
#: each), in less time all told
YOUNG = (700, 2)
#: Past any count a session reaches: Python's own full collection never runs
NEVER = 2**30
#: Middle-generation collections (about 1,400 objects made each) before a full one is due
FULL_AFTER = 150
#: A full collection waits for this long without a key or a click (seconds): an officer
#: reading, not one between two words (at 10,000 records a full collection takes 30 to 100 ms)...
IDLE = 2.0
#: ...unless this many middle-generation collections have passed without one
FULL_ANYWAY = 3000


class Collector:
    """Runs the full collections on a timer (`tick`), told of each input event (`input`)."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self.full = 0  # full collections run, for the tests
        self._was: tuple[bool, tuple[int, int, int]] | None = None

    def start(self) -> None:
        """Take the full collections over from Python (given back by `stop`)."""
        if self._was is None:
            self._was = (gc.isenabled(), gc.get_threshold())
            gc.set_threshold(*YOUNG, NEVER)
            gc.enable()

    def stop(self) -> None:
        if self._was is not None:
            enabled, thresholds = self._was
            gc.set_threshold(*thresholds)
            if not enabled:
                gc.disable()
        self._was = None

    def input(self) -> None:
        self.last_input = time.monotonic()

    def due(self) -> int:
        """Middle-generation collections since the last full one."""
        return gc.get_count()[2]

    def tick(self) -> None:
        if self._was is None:
            return
        made = self.due()
        if made < FULL_AFTER:
            return
        if made >= FULL_ANYWAY or time.monotonic() - self.last_input >= IDLE:
            gc.collect()
            self.full += 1
