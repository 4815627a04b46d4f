"""`scrutui import`: records proposed from minutes or from a tracker table, added in one
commit once the officer confirms."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from scrutui.cli.common import Sub, UsageError, command, day, terminal_width, writer
from scrutui.domain.calendar import format_uk
from scrutui.importers.plan import Plan, plan
from scrutui.importers.proposal import Proposal


def cmd_import(args: argparse.Namespace) -> int:
    svc = writer(args)
    state = svc.state.tracker(args.tracker)
    found = plan(
        args.source,
        args.file,
        state,
        meeting=getattr(args, "meeting", None),
        kind=getattr(args, "kind", None),
    )
    if not found.proposals:
        print(f"Nothing new to import: {args.tracker} already holds everything in {found.source}.")
        return 0
    proposals = _ticks(list(found.proposals), args.tick, args.untick)
    print(_listing(found, proposals, args.tracker))
    chosen = [p for p in proposals if p.ticked]
    if not chosen:
        print("None is ticked, so nothing was written; tick some with --tick 1,2,...")
        return 0
    if not args.yes and not _confirmed(len(chosen)):
        return 1
    saved = svc.add_records(args.tracker, [p.as_pair() for p in chosen], found.subject(len(chosen)))
    print(f"Saved {saved.short}: {saved.subject}")
    return 0


def _ticks(proposals: list[Proposal], tick: list[int], untick: list[int]) -> list[Proposal]:
    for number in [*tick, *untick]:
        if not 1 <= number <= len(proposals):
            raise UsageError(f"no proposal {number}: they are numbered 1 to {len(proposals)}")
    return [
        replace(p, ticked=(p.ticked or n in tick) and n not in untick)
        for n, p in enumerate(proposals, start=1)
    ]


def _confirmed(count: int) -> bool:
    what = f"{count} ticked record{'s' if count != 1 else ''}"
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


def _listing(found: Plan, proposals: list[Proposal], tracker: str) -> str:
    width = max(40, terminal_width() - 8)
    ticked = sum(p.ticked for p in proposals)
    lines = [f"{len(proposals)} proposed from {found.source} for {tracker}, {ticked} ticked:"]
    if found.already:
        lines[0] += f" ({found.already} already in the tracker, left out)"
    for number, p in enumerate(proposals, start=1):
        mark = "[x]" if p.ticked else "[ ]"
        when = format_uk(p.meeting) if p.meeting else "no date"
        lines.append(f"{number:>3}. {mark} {p.kind.capitalize()}, {when}, {p.item}"[: width + 8])
        if p.leads:
            lines.append(f"        Lead: {'; '.join(p.leads)}"[: width + 8])
        lines.append(f"        {_short(p.first_line, width)}")
        if p.note:
            lines.append(f"        ({p.note}; {p.source})")
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
        "actions ([ACTION: owner]) and recommendations (RESOLVED) from a meeting's minutes",
    )
    common(p, "minutes", "the minutes: text, Markdown, or a Word file (.docx)")
    p.add_argument("--meeting", type=day, help="the meeting date, if the heading lacks it")

    p = command(
        sources,
        "table",
        cmd_import,
        "records from a tracker table: CSV, or the paper in Markdown, Word or HTML",
    )
    common(p, "table", "a CSV with a header row, or a paper (.md, .docx, .html)")
    p.add_argument(
        "--kind",
        choices=["recommendation", "action"],
        help="the kind of every row, when no column or section says",
    )


def _need_source(args: argparse.Namespace) -> int:
    raise UsageError(
        "say what to import from: `scrutui import minutes FILE --tracker T` or "
        "`scrutui import table FILE --tracker T`"
    )
