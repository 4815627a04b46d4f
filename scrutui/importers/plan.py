"""What an import would add to a tracker: the proposals from a file, less what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrutui.importers.dedupe import new_only
from scrutui.importers.mapping import dump_rules, keep, load_rules, settings_with_scheme
from scrutui.importers.minutes import parse_minutes
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.source import read_source
from scrutui.importers.table import Choices, TableImport, import_table
from scrutui.store.workspace import RULES_FILE, TRACKER_FILE, TrackerState

SOURCES = ("minutes", "table")


@dataclass(frozen=True, slots=True)
class Plan:
    """The proposals an import makes, what it is from, and how many were already there."""

    proposals: tuple[Proposal, ...]
    source: str  # "the minutes of 17/01/2022", "tracker.csv"
    already: int = 0
    #: a table import: how it was read (columns, statuses, notes for the officer)
    table: TableImport | None = None
    #: files written with the records, by path inside the tracker folder (import-rules.toml)
    files: dict[str, str] = field(default_factory=dict)
    #: the tracker.toml written with them, when the import adds statuses to the scheme
    settings: str | None = None

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
    choices: Choices | None = None,
    lenient: bool = False,
) -> Plan:
    """The import of `path` ("minutes" or "table") into the tracker `state`."""
    if state.tracker is None:
        raise ImportProblem(f"the tracker {state.name} does not load; fix it first")
    if state.tracker.kind != "committee":
        raise ImportProblem(
            f"{state.name} is a {state.tracker.kind} tracker; imports add committee "
            "recommendations and actions"
        )
    try:
        if source == "minutes":
            day, found = parse_minutes(read_source(path, "plain"), meeting)
            label = f"the minutes of {day:%d/%m/%Y}"
        else:
            choices = choices or Choices(kind=kind, meeting=meeting)
            return _table_plan(path, state, choices, lenient)
    except ImportProblem as problem:
        raise ImportProblem(f"{path.name}: {problem}") from None
    fresh = new_only(found, state.records.values())
    return Plan(tuple(fresh), label, len(found) - len(fresh))


def _table_plan(path: Path, state: TrackerState, choices: Choices, lenient: bool) -> Plan:
    """A table import: the rules the tracker keeps for this layout used, and kept again (with
    the officer's choices) in its import-rules.toml when the records are added."""
    assert state.tracker is not None
    rules_path = state.path / RULES_FILE
    try:
        text = rules_path.read_text(encoding="utf-8") if rules_path.is_file() else None
        kept = load_rules(text)
        given = load_rules(choices.rules) if choices.rules else []
        found = import_table(
            path, state.tracker, kept=given + kept, choices=choices, lenient=lenient
        )
    except OSError as error:
        raise ImportProblem(f"{RULES_FILE}: {error.strerror or error}") from None
    for rules in found.rules:
        kept = keep(kept, rules)
    settings = None
    if found.scheme is not None and found.scheme != state.tracker.scheme:
        current = (state.path / TRACKER_FILE).read_text(encoding="utf-8")
        settings = settings_with_scheme(current, found.scheme)
    fresh = new_only(found.proposals, state.records.values())
    return Plan(
        tuple(fresh),
        path.name,
        len(found.proposals) - len(fresh),
        table=found,
        files={RULES_FILE: dump_rules(kept)},
        settings=settings,
    )
