"""A record an importer proposes: what it would add, whether it is ticked, where it is from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


class ImportProblem(ValueError):
    """A source that cannot be imported as it stands; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed record: `values` are typed field values for `Service.add_records`.

    `ticked` proposals are the ones a confirmation adds; `source` says where in the file the
    proposal came from ("line 238", "row 7") and `note` why it is unticked, if it is, or what
    to check before adding it (an owner the minutes do not name).
    """

    kind: str
    values: dict[str, Any] = field(default_factory=dict)
    ticked: bool = True
    source: str = ""
    note: str = ""

    @property
    def meeting(self) -> date | None:
        value = self.values.get("meeting")
        return value if isinstance(value, date) else None

    @property
    def item(self) -> str:
        return str(self.values.get("item") or "")

    @property
    def text(self) -> str:
        return str(self.values.get("text") or "")

    @property
    def leads(self) -> tuple[str, ...]:
        return tuple(self.values.get("leads") or ())

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")

    def as_pair(self) -> tuple[str, dict[str, Any]]:
        """(kind, values), as `Service.add_records` takes them."""
        return self.kind, dict(self.values)
