"""What an import would add to a tracker: the proposals from a file, less what it holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scrutui.importers.dedupe import new_only
from scrutui.importers.minutes import parse_minutes
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.source import PANDOC_READERS, read_source
from scrutui.importers.table import parse_table
from scrutui.store.workspace import TrackerState

SOURCES = ("minutes", "table")


@dataclass(frozen=True, slots=True)
class Plan:
    """The proposals an import makes, what it is from, and how many were already there."""

    proposals: tuple[Proposal, ...]
    source: str  # "the minutes of 17/01/2022", "tracker.csv"
    already: int = 0

    def subject(self, count: int) -> str:
        """The commit subject for `count` confirmed proposals."""
        return f"Imported {count} record{'s' if count != 1 else ''} from {self.source}"


def plan(
    source: str,
    path: Path,
    state: TrackerState,
    *,
    meeting: date | None = None,
    kind: str | None = None,
) -> Plan:
    """The import of `path` ("minutes" or "table") into the tracker `state`."""
    if state.tracker is None:
        raise ImportProblem(f"the tracker {state.name} does not load; fix it first")
    if not state.tracker.spec.imports:
        raise ImportProblem(
            f"{state.name} is a {state.tracker.kind} tracker; imports add committee "
            "recommendations and actions"
        )
    try:
        if source == "minutes":
            day, found = parse_minutes(read_source(path, "plain"), meeting)
            label = f"the minutes of {day:%d/%m/%Y}"
        else:
            form = _table_form(path)
            text = read_source(path, "html" if form == "html" else "plain")
            found = parse_table(text, state.tracker, form=form, kind=kind)
            label = path.name
    except ImportProblem as problem:
        raise ImportProblem(f"{path.name}: {problem}") from None
    fresh = new_only(found, state.records.values())
    return Plan(tuple(fresh), label, len(found) - len(fresh))


def _table_form(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in PANDOC_READERS:
        return "html"
    if suffix in (".md", ".markdown", ".txt"):
        return "markdown"
    return "csv"
