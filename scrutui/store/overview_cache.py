"""The overview's counts as they were last drawn, kept beside the record caches, so that the
app's next start draws the overview at once and reads the records after it.

At 10,000 records reading the records' caches is most of a start (a stat of every file and
an unpickle per tracker); the overview needs twenty lines of counts. So the counts are kept in
`.git/scrutui/cache/overview.pickle` when the app has read the records and when it ends, and
shown first next time, until the records are read and the counts worked out again (a few
tenths of a second later). They are used only on the day they were worked out (overdue and
stale depend on the day) and with the same code as wrote them; a file that cannot be read,
for any reason, is ignored. The file is trusted as the record caches are (see `cache`).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scrutui.domain.summary import Summary
from scrutui.domain.tracker import Tracker
from scrutui.store.cache import cache_folder, code_fingerprint
from scrutui.store.tomlfile import Problem

FILE = "overview.pickle"


@dataclass(frozen=True, slots=True)
class Counts:
    """One tracker as the overview draws it: its settings, its counts, its problems."""

    tracker: Tracker | None
    summary: Summary | None
    problems: tuple[Problem, ...]


def read_counts(workspace: Path, today: date) -> dict[str, Counts] | None:
    """The counts kept for `today`, by tracker; None if there are none to trust."""
    folder = cache_folder(workspace)
    if folder is None:
        return None
    try:
        with (folder / FILE).open("rb") as handle:
            data: Any = pickle.load(handle)
        if data.get("code") != code_fingerprint() or data.get("day") != today:
            return None
        counts = data["trackers"]
        if not all(isinstance(c, Counts) for c in counts.values()):
            return None
        return dict(counts)
    except Exception:  # missing, unreadable, another format: drawn from the records instead
        return None


def write_counts(workspace: Path, today: date, counts: Mapping[str, Counts]) -> None:
    """Keep `counts` for the next start: atomically, and never failing the caller."""
    folder = cache_folder(workspace)
    if folder is None:
        return
    data = {"code": code_fingerprint(), "day": today, "trackers": dict(counts)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{FILE}.{os.getpid()}.tmp"
        try:
            temp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, folder / FILE)
        finally:
            temp.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
