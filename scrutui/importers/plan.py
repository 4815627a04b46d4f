"""What an import would add to a tracker: the proposals from a file, less what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrutui.importers.action_log import UpdateProposal, entries_from_tables, propose_updates
from scrutui.importers.dedupe import new_only
from scrutui.importers.mapping import dump_rules, keep, load_rules, settings_with_scheme
from scrutui.importers.minutes import Reading, missing_date, read_minutes
from scrutui.importers.minutes_file import read_minutes_file
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.table import Choices, TableImport, import_table
from scrutui.store.workspace import RULES_FILE, TRACKER_FILE, TrackerState

SOURCES = ("minutes", "log", "table")


class NothingFound(ImportProblem):
    """A file read without fault that holds nothing to import; the message says what was
    looked for and what was found (the meeting date, the headings)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The proposals an import makes, what it is from, and how many were already there;
    for minutes and action logs, the updates to records the tracker holds and the entries
    that match none."""

    proposals: tuple[Proposal, ...]
    source: str  # "the minutes of 17/01/2022", "tracker.csv"
    already: int = 0
    updates: tuple[UpdateProposal, ...] = ()
    unmatched: tuple[str, ...] = ()
    explain: tuple[str, ...] = ()
    #: a table import: how it was read (columns, statuses, notes for the officer)
    table: TableImport | None = None
    #: files written with the records, by path inside the tracker folder (import-rules.toml)
    files: dict[str, str] = field(default_factory=dict)
    #: the tracker.toml written with them, when the import adds statuses to the scheme
    settings: str | None = None

    def subject(self, count: int, updates: int = 0) -> str:
        """The commit subject for `count` confirmed proposals and `updates` updates."""
        parts = []
        if count or not updates:
            parts.append(f"{count} record{'s' if count != 1 else ''}")
        if updates:
            parts.append(f"{updates} update{'s' if updates != 1 else ''}")
        return f"Imported {' and '.join(parts)} from {self.source}"


def plan(
    source: str,
    path: Path,
    state: TrackerState,
    *,
    meeting: date | None = None,
    kind: str | None = None,
    today: date | None = None,
    on: date | None = None,
    choices: Choices | None = None,
    lenient: bool = False,
) -> Plan:
    """The import of `path` ("minutes", "log" or "table") into the tracker `state`.

    Raises `NothingFound` when minutes or a log hold nothing to import, saying what was
    looked for; `today` dates a log's updates when the log gives no date of its own."""
    if state.tracker is None:
        raise ImportProblem(f"the tracker {state.name} does not load; fix it first")
    if not state.tracker.spec.imports:
        raise ImportProblem(
            f"{state.name} is a {state.tracker.kind} tracker; imports add committee "
            "recommendations and actions"
        )
    try:
        if source in ("minutes", "log"):
            return _minutes_plan(source, path, state, meeting, on, today or date.today())
        choices = choices or Choices(kind=kind, meeting=meeting)
        return _table_plan(path, state, choices, lenient)
    except NothingFound:
        raise
    except ImportProblem as problem:
        text = str(problem)
        raise ImportProblem(text if path.name in text else f"{path.name}: {text}") from None


def _minutes_plan(
    source: str,
    path: Path,
    state: TrackerState,
    meeting: date | None,
    on: date | None,
    today: date,
) -> Plan:
    tracker = state.tracker
    assert tracker is not None
    document, reading = read_minutes_file(path, meeting)
    done = [s.code for s in tracker.scheme.statuses if s.complete]
    done += [s.label for s in tracker.scheme.statuses if s.complete]
    from_tables = entries_from_tables(document.tables, done, reading.explain)
    refs = {e.ref for e in from_tables}
    # a table's cells are also lines of text: an entry read from them again is left out
    entries = from_tables + [e for e in reading.entries if e.text and e.ref not in refs]
    if source == "log" and not entries:
        whole = read_minutes(["Action log", "", *document.lines], meeting)
        entries = [e for e in whole.entries if e.text]
    found = [] if source == "log" else reading.proposals
    if not found and not entries:
        raise NothingFound(_nothing(path, reading, source))
    if found and reading.meeting is None:
        raise ImportProblem(missing_date())
    on = on or reading.meeting or today
    log = propose_updates(entries, state.records.values(), tracker, on, reading.meeting)
    updates, new, unmatched = log.updates, log.new, log.unmatched
    fresh = new_only([*found, *new], state.records.values())
    label = f"the minutes of {reading.meeting:%d/%m/%Y}" if reading.meeting else path.name
    if source == "log":
        label = f"the action log {path.name}"
    return Plan(
        tuple(fresh),
        label,
        len(found) + len(new) - len(fresh) + log.already,
        tuple(updates),
        tuple(unmatched),
        tuple(reading.explain),
    )


def _nothing(path: Path, reading: Reading, source: str) -> str:
    headings = len(reading.minutes)
    when = (
        f"{reading.meeting:%d/%m/%Y} ({reading.date_style})"
        if reading.date_style
        else (f"{reading.meeting:%d/%m/%Y} (given)" if reading.meeting else "not found")
    )
    if source == "log":
        return (
            f"Found no action-log entries in {path.name}: looked for a table with headings "
            "such as 'Ref', 'Action', 'Owner', 'Update', 'Status', and for lines like "
            "'Minute 27, Title - update' under a 'Matters arising' heading"
        )
    return (
        f"Found no actions or recommendations in {path.name}: looked for {reading.looked_for()}; "
        f"the meeting date was {when}; {headings} minute heading"
        f"{' was' if headings == 1 else 's were'} read (--explain lists them)"
    )


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
