"""What git's history says about a record, as plain values: a commit, and one record file as
one commit changed it. The store reads them from git; papers and screens show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrutui.domain.changes import FieldChange


@dataclass(frozen=True, slots=True)
class Commit:
    """Who made a commit, when, and what its subject says."""

    sha: str
    author: str
    email: str
    when: datetime
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True, slots=True)
class FileChange:
    """One record file as one commit changed it: its data before and after."""

    commit: Commit
    path: str
    old_path: str | None
    old_blob: str | None
    new_blob: str | None
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    raw: bytes | None = None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        return Path(self.path).stem

    @property
    def what(self) -> str:
        if self.old_blob is None:
            return "created"
        if self.new_blob is None:
            return "deleted"
        if self.old_path and self.old_path != self.path:
            return f"moved from {self.old_path}"
        return "changed"
