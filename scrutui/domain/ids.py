"""Record ids in paper order."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1 << 16)
def sort_key(record_id: str) -> tuple[Any, ...]:
    """Ids in paper order: prefix, then each number part numerically (kept: tables sort by
    it on every keystroke of a filter)."""
    prefix, *parts = record_id.split("-")
    return (prefix, *(int(p) if p.isdigit() else 0 for p in parts))
