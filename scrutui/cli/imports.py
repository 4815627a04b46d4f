"""`scrutui import`: records proposed from minutes or from a tracker table, and updates from
an action log, added in one commit once the officer confirms."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrutui.cli.common import Sub, UsageError, command, day, terminal_width, writer
from scrutui.domain.calendar import format_uk
from scrutui.domain.records import TRACKER_KINDS
from scrutui.importers.orders import ORDERS  # names only: the options' choices

if TYPE_CHECKING:  # the importers (readers, pandoc) only when a command imports
    from scrutui.domain.tracker import Tracker
    from scrutui.importers.action_log import UpdateProposal
    from scrutui.importers.plan import Plan
    from scrutui.importers.proposal import Proposal
    from scrutui.importers.table import Choices


def cmd_import(args: argparse.Namespace) -> int:
    from scrutui.importers.plan import NothingFound, plan

    svc = writer(args)
    state = svc.state.tracker(args.tracker)
    try:
        found = plan(
            args.source,
            args.file,
            state,
            meeting=getattr(args, "meeting", None),
            kind=getattr(args, "kind", None),
            today=svc.today(),
            on=getattr(args, "on", None),
            choices=table_choices(args) if args.source == "table" else None,
        )
    except NothingFound as nothing:
        print(f"{nothing}.", file=sys.stderr)
        return 1
    if getattr(args, "explain", False):
        print("Read as structure:")
        print("\n".join(f"  {line}" for line in found.explain) or "  (nothing)")
    if not found.proposals and not found.updates:
        print(f"Nothing new to import: {args.tracker} already holds everything in {found.source}.")
        for line in found.unmatched:
            print(f"  Unmatched: {line}")
        return 0
    if found.table is not None:
        print(_reading(found))
    proposals, updates = _ticks(list(found.proposals), list(found.updates), args.tick, args.untick)
    print(_listing(found, proposals, args.tracker, updates))
    chosen = [p for p in proposals if p.ticked]
    changes = [u for u in updates if u.ticked]
    if not chosen and not changes:
        print("None is ticked, so nothing was written; tick some with --tick 1,2,...")
        return 0
    if not args.yes and not _confirmed(len(chosen), len(changes)):
        return 1
    if len(chosen) + len(changes) >= 200:  # about a second a hundred on a slow machine
        print(f"Writing {len(chosen) + len(changes):,} records as one commit...", flush=True)
    saved = svc.add_records(
        args.tracker,
        [p.as_pair() for p in chosen],
        found.subject(len(chosen), len(changes)),
        [(u.record, u.text, u.on, u.complete) for u in changes],
        files=found.files,
        settings=found.settings,
    )
    print(f"Saved {saved.short}: {saved.subject}")
    return 0


def table_choices(args: argparse.Namespace) -> Choices:
    from scrutui.importers.table import Choices

    """The officer's choices for a table import, from the command line."""
    rules = None
    if getattr(args, "rules", None) is not None:
        try:
            rules = args.rules.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{args.rules}: cannot be read: {error}") from None
    return Choices(
        sheet=args.sheet,
        rules=rules,
        tables=tuple(args.table),
        kind=args.kind,
        meeting=args.meeting,
        columns=dict(args.map),
        statuses=dict(args.status),
        dates=args.dates,
        split=tuple(args.split_leads) if args.split_leads else None,
        add_statuses=tuple(getattr(args, "add_status", None) or ()),
    )


def _reading(found: Plan) -> str:
    from scrutui.importers.table import describe_columns

    """How the table was read: each column's field, and what the officer should know."""
    assert found.table is not None
    lines = []
    for number, columns in enumerate(found.table.columns, start=1):
        if len(found.table.columns) > 1:
            lines.append(f"Table {number}:")
        lines += [f"  {line}" for line in describe_columns(columns)]
    lines += [f"Note: {note}" for note in found.table.notes]
    return "\n".join(lines)


def _ticks(
    proposals: list[Proposal], updates: list[UpdateProposal], tick: list[int], untick: list[int]
) -> tuple[list[Proposal], list[UpdateProposal]]:
    count = len(proposals) + len(updates)
    for number in [*tick, *untick]:
        if not 1 <= number <= count:
            raise UsageError(f"no proposal {number}: they are numbered 1 to {count}")
    ticked = [
        replace(p, ticked=(p.ticked or n in tick) and n not in untick)
        for n, p in enumerate(proposals, start=1)
    ]
    changed = [
        replace(u, ticked=(u.ticked or n in tick) and n not in untick)
        for n, u in enumerate(updates, start=len(proposals) + 1)
    ]
    return ticked, changed


def _confirmed(count: int, updates: int = 0) -> bool:
    what = f"{count} ticked record{'s' if count != 1 else ''}"
    if updates:
        what = f"{what} and {updates} update{'s' if updates != 1 else ''}"
    if not sys.stdin.isatty():
        print(
            f"Nothing was written. To add the {what}, run this again with --yes.", file=sys.stderr
        )
        return False
    reply = input(f"Add the {what} in one commit? [y/N] ").strip().lower()
    if reply not in ("y", "yes"):
        print("Nothing was written.")
        return False
    return True


def _listing(
    found: Plan,
    proposals: list[Proposal],
    tracker: str,
    updates: Sequence[UpdateProposal] = (),
) -> str:
    width = max(40, terminal_width() - 8)
    ticked = sum(p.ticked for p in proposals) + sum(u.ticked for u in updates)
    total = len(proposals) + len(updates)
    lines = [f"{total} proposed from {found.source} for {tracker}, {ticked} ticked:"]
    if found.already:
        lines[0] += f" ({found.already} already in the tracker, left out)"
    for number, p in enumerate(proposals, start=1):
        mark = "[x]" if p.ticked else "[ ]"
        when = format_uk(p.meeting) if p.meeting else "no date"
        status = f", {p.values['status']}" if found.table and p.values.get("status") else ""
        line = f"{number:>3}. {mark} {p.kind.capitalize()}, {when}{status}, {p.item}"
        lines.append(line[: width + 8])
        if p.leads:
            lines.append(f"        Lead: {'; '.join(p.leads)}"[: width + 8])
        lines.append(f"        {_short(p.first_line, width)}")
        if p.note:
            lines.append(f"        ({p.note}; {p.source})")
    for number, u in enumerate(updates, start=len(proposals) + 1):
        mark = "[x]" if u.ticked else "[ ]"
        done = ", and mark it complete" if u.complete else ""
        head = f"{number:>3}. {mark} Update {u.record} ({u.how}; {u.source}){done}"
        lines.append(head[: width + 8])
        lines.append(f"        of: {_short(u.summary, width - 4)}")
        lines.append(f"        {format_uk(u.on)}: {_short(u.text, width - 10)}")
        if u.note:
            lines.append(f"        ({u.note})")
    for line in found.unmatched:
        lines.append(f"  Unmatched: {line}"[: width + 8])
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 1,4,5: {text!r}") from None


def register(sub: Sub) -> None:
    parser = command(sub, "import", _need_source, "propose records from minutes or a table")
    sources = parser.add_subparsers(title="sources", metavar="SOURCE")

    def common(p: argparse.ArgumentParser, source: str, what: str) -> None:
        p.set_defaults(handler=cmd_import, source=source)
        p.add_argument("file", type=Path, help=what)
        p.add_argument("--tracker", required=True, help="the committee tracker to add them to")
        p.add_argument("--yes", action="store_true", help="add the ticked proposals, unasked")
        p.add_argument(
            "--tick", type=_numbers, default=[], metavar="N,M", help="also add these proposals"
        )
        p.add_argument("--untick", type=_numbers, default=[], metavar="N,M", help="leave these out")

    p = command(
        sources,
        "minutes",
        cmd_import,
        "actions and recommendations (RESOLVED, AGREED, ACTION: ...) from a meeting's minutes",
    )
    common(p, "minutes", "the minutes: Word (.docx), PDF, a web page (.html), text or Markdown")
    p.add_argument("--meeting", type=day, help="the meeting date, if the minutes lack it")
    p.add_argument(
        "--explain",
        action="store_true",
        help="show which lines were read as headings, dates, decisions and actions",
    )

    p = command(
        sources,
        "log",
        cmd_import,
        "updates to the tracker's records from an action log or matters arising",
    )
    common(p, "log", "the action log: a Word, HTML, CSV or Markdown table, or minutes text")
    p.add_argument("--meeting", type=day, help="the date of the meeting the log went to")
    p.add_argument("--on", type=day, help="the date of the updates (default: the log's, or today)")
    p.add_argument("--explain", action="store_true", help="show how the log was read")

    p = command(
        sources,
        "table",
        cmd_import,
        "records from a tracker table: CSV, or the paper in Markdown, Word or HTML",
    )
    common(p, "table", "a tracker: CSV, Excel (.xlsx), Word (.docx), HTML or Markdown")
    table_options(p)


def _pair(text: str) -> tuple[str, str]:
    heading, sep, value = text.rpartition("=")
    if not sep or not heading.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected HEADING=FIELD or WORD=CODE: {text!r}")
    return heading.strip(), value.strip()


def _tables(text: str) -> list[int]:
    return _numbers(text)


def init_options(p: argparse.ArgumentParser) -> None:
    """`scrutui init DIR --from FILE`: the tracker made from the council's own tracker file."""
    p.add_argument(
        "--from",
        dest="source_file",
        type=Path,
        metavar="FILE",
        help="make the tracker from an existing tracker: CSV, Excel, Word, HTML or Markdown",
    )
    p.add_argument("--yes", action="store_true", help="with --from: import unasked")
    p.add_argument("--tick", type=_numbers, default=[], metavar="N,M", help=argparse.SUPPRESS)
    p.add_argument("--untick", type=_numbers, default=[], metavar="N,M", help="leave these out")
    table_options(p)


def table_options(p: argparse.ArgumentParser) -> None:
    """The options of a table import (`import table`, `init --from`)."""
    p.add_argument(
        "--kind",
        choices=[k for t in TRACKER_KINDS.values() if t.imports for k in t.record_kinds],
        help="the kind of every row, when no column or section says",
    )
    p.add_argument("--sheet", help="the Excel sheet to read (default: the first)")
    p.add_argument(
        "--table", type=_tables, default=[], metavar="N,M", help="the Word or HTML tables to read"
    )
    p.add_argument(
        "--map",
        type=_pair,
        action="append",
        default=[],
        metavar="HEADING=FIELD",
        help="a column's field (or 'note' to keep it as a note, 'skip' to leave it out); "
        "HEADING may be the column's number",
    )
    p.add_argument(
        "--status",
        type=_pair,
        action="append",
        default=[],
        metavar="WORD=CODE",
        help="the scheme's code for a status word",
    )
    p.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="a mapping file, as import-rules.toml (its headings left empty: for any table)",
    )
    p.add_argument(
        "--add-status",
        action="append",
        metavar="WORD",
        help="add a status word the scheme lacks to the tracker's scheme (in the same commit)",
    )
    p.add_argument(
        "--dates", choices=ORDERS, help="how the table writes dates (default: day first)"
    )
    p.add_argument(
        "--split-leads",
        action="append",
        metavar="SEP",
        help="what separates two leads in a cell (default: / ; and line breaks); repeatable",
    )
    p.add_argument("--meeting", type=day, help="the meeting date of rows that have none")


def _need_source(args: argparse.Namespace) -> int:
    raise UsageError(
        "say what to import from: `scrutui import minutes FILE --tracker T` or "
        "`scrutui import table FILE --tracker T` or `scrutui import log FILE --tracker T`"
    )


# `scrutui init DIR --from FILE` ----------------------------------------------------------------


def init_from(args: argparse.Namespace, root: Path, data: dict[str, Any], name: str) -> int:
    from scrutui.importers.dedupe import new_only
    from scrutui.importers.mapping import dump_rules, scheme_from_words
    from scrutui.importers.plan import Plan
    from scrutui.importers.proposal import ImportProblem
    from scrutui.importers.table import import_table
    from scrutui.store.config import load_config
    from scrutui.store.service import Service
    from scrutui.store.tomlfile import new_document
    from scrutui.store.workspace import RULES_FILE, init_workspace

    """A new workspace whose tracker is made from the council's own tracker file: its status
    scheme from the statuses found, its meetings from the dates found, its records imported.
    Nothing is written until the officer confirms."""
    source: Path = args.source_file
    if root.exists() and any(root.iterdir()):
        raise UsageError(f"{root} is not empty: choose a new folder for the workspace")
    if data.get("kind") != "committee":
        raise UsageError("--from makes a committee tracker: leave out --preset, or say committee")
    choices = table_choices(args)
    provisional = parse_tracker_data(data, name)
    try:
        first = import_table(source, provisional, choices=choices)
        scheme = scheme_from_words(first.statuses)
        if scheme is not None:
            data["status"] = scheme.to_data()
        data["meetings"] = sorted(set(first.meetings))
        tracker = parse_tracker_data(data, name)
        found = import_table(source, tracker, choices=choices)
    except ImportProblem as problem:
        raise ImportProblem(f"{source.name}: {problem}") from None
    rules = dump_rules(found.rules)
    fresh = new_only(found.proposals, [])
    already = len(found.proposals) - len(fresh)
    result = Plan(tuple(fresh), source.name, already, table=found, files={RULES_FILE: rules})
    codes = ", ".join(
        f"{s.code}{' (complete)' if s.complete else ''}" for s in tracker.scheme.statuses
    )
    print(f"A new workspace {root} with tracker {name}/, made from {source.name}:")
    print(f"  status scheme: {codes}" + ("" if scheme else " (none found: the default)"))
    print(f"  meetings: {len(data['meetings'])} dates found")
    print(_reading(result))
    proposals, _ = _ticks(list(result.proposals), [], args.tick, args.untick)
    print(_listing(result, proposals, name))
    chosen = [p for p in proposals if p.ticked]
    if not args.yes and not _confirmed(len(chosen)):
        return 1
    text = new_document(data, f"The {name} tracker's settings, made from {source.name}.")
    init_workspace(root, name, text, load_config().officer)
    print(f"Created workspace {root} with tracker {name}/")
    if chosen:
        svc = Service(root)
        pairs = [p.as_pair() for p in chosen]
        saved = svc.add_records(name, pairs, result.subject(len(chosen)), files=result.files)
        print(f"Saved {saved.short}: {saved.subject}")
    return 0


def parse_tracker_data(data: dict[str, Any], name: str) -> Tracker:
    from scrutui.store.tomlfile import new_document
    from scrutui.store.workspace import parse_tracker

    tracker, problems = parse_tracker(new_document(data).encode(), name)
    if tracker is None:
        raise UsageError("; ".join(str(p) for p in problems) or "the tracker is not valid")
    return tracker
