"""Commands that write papers: the tracker for a meeting, and the chase list before it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from scrutui.cli.common import Sub, UsageError, command, day, service
from scrutui.domain.meeting import Meeting
from scrutui.pandoc import PandocMissing
from scrutui.papers.chase import chase_markdown
from scrutui.papers.layout import FORMATS, layout_for
from scrutui.papers.render import render
from scrutui.store.workspace import TrackerState, load_one_tracker


def _tracker(args: argparse.Namespace) -> tuple[TrackerState, date, TrackerState]:
    """The tracker as the paper shows it: as it stood at the end of --as-of; else, for a
    --meeting, as it stood on that meeting's day (or today, if that is earlier); else now.
    'today' is then that date. The tracker as it is now comes third."""
    svc = service(args)
    today = svc.today()
    current = load_one_tracker(svc.root, args.tracker).tracker(args.tracker)  # its files only
    meeting = getattr(args, "meeting", None)
    if meeting and current.tracker is not None and meeting not in current.tracker.meetings:
        listed = ", ".join(f"{m:%d/%m/%y}" for m in current.tracker.meetings) or "none"
        print(
            f"warning: {meeting:%d/%m/%Y} is not a meeting in {args.tracker}'s calendar "
            f"(its meetings: {listed}); the paper is for that date all the same",
            file=sys.stderr,
        )
    as_of = args.as_of
    if as_of is None and meeting is not None and meeting < today:
        as_of = meeting
        state = svc.as_of(as_of, args.tracker).trackers.get(args.tracker)
        if state is None:
            print(
                f"warning: the history of {args.tracker} starts after {as_of:%d/%m/%Y}: the "
                "paper shows its records as they are now",
                file=sys.stderr,
            )
            return current, today, current
        return state, as_of, current
    if as_of:
        state = svc.as_of(as_of, args.tracker).trackers.get(args.tracker)
        if state is None:
            raise UsageError(f"{args.tracker} did not exist on {as_of:%d/%m/%Y}")
        return state, as_of, current
    return current, today, current


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        with _output_file(output) as temp:
            temp.write_text(text, encoding="utf-8")
        print(f"Wrote {output}", file=sys.stderr)


@contextmanager
def _output_file(output: Path) -> Iterator[Path]:
    """A temporary file beside `output`, renamed over it when written: a paper is never
    written through a symbolic link (one planted where the paper goes would send it, or
    pandoc's bytes, into whatever file it points at), nor left half written."""
    if output.is_symlink():
        raise UsageError(
            f"{output} is a symbolic link: scrutui never writes a paper through one; "
            "remove it or choose another file name"
        )
    if output.is_dir():
        raise UsageError(f"{output} is a folder: give the paper's file name, e.g. -o paper.docx")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent or Path("."))
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    os.close(fd)
    temp = Path(name)
    mask = os.umask(0)
    os.umask(mask)
    temp.chmod(0o666 & ~mask)  # as an ordinary new file, not mkstemp's private 0600
    try:
        yield temp
        os.replace(temp, output)  # replaces a link put there meanwhile, never its target
    finally:
        temp.unlink(missing_ok=True)


def cmd_render(args: argparse.Namespace) -> int:
    state, today, current = _tracker(args)
    records = list(state.records.values())
    if not args.include_exempt:  # a record made exempt since is left out of a past paper too
        exempt = {r.id for r in current.records.values() if r.exempt}
        records = [r for r in records if r.id not in exempt]
    if state.tracker is None:
        raise UsageError(f"{state.name} does not load: {state.problems[0]}")
    fmt = args.to or (args.output.suffix.lstrip(".") if args.output else "md")
    fmt = "md" if fmt in ("md", "markdown") else fmt
    if fmt != "md" and fmt not in FORMATS:
        raise UsageError(f"cannot write {fmt!r}; allowed: md, {', '.join(FORMATS)}")
    paper = render(
        state.tracker,
        records,
        today=today,
        meeting=args.meeting,
        include_exempt=args.include_exempt,
        include_archived=args.include_archived,
    )
    if fmt == "md":
        _write(paper, args.output)
        return 0
    if args.output is None:
        raise UsageError(f"--to {fmt} writes a file: give it with -o FILE")
    from scrutui.papers.convert import convert  # pandoc and Word: only for those formats

    try:
        meeting = Meeting.for_paper(state.tracker, args.meeting, today)
        with _output_file(args.output) as temp:
            convert(paper, fmt, temp, state.tracker.title, layout_for(state.tracker, meeting))
    except PandocMissing as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def cmd_chase(args: argparse.Namespace) -> int:
    svc = service(args)
    state, today = load_one_tracker(svc.root, args.tracker).tracker(args.tracker), svc.today()
    if state.tracker is None:
        raise UsageError(f"{state.name} does not load: {state.problems[0]}")
    meeting = Meeting.for_paper(state.tracker, args.meeting, today)
    chase = chase_markdown(
        state.tracker,
        state.records.values(),
        meeting,
        today,
        include_exempt=args.include_exempt,
    )
    _write(chase, args.output)
    return 0


def register(sub: Sub) -> None:
    p = command(
        sub,
        "render",
        cmd_render,
        "write a tracker's paper for a meeting (Markdown, or Word/HTML via pandoc)",
    )
    p.add_argument("tracker")
    p.add_argument("-o", "--output", type=Path, help="the file to write (default: print)")
    p.add_argument("--to", choices=["md", *FORMATS], help="the format (default: from -o)")
    p.add_argument(
        "--meeting",
        type=day,
        metavar="DATE",
        help="the meeting the paper is for (default: the next in the calendar)",
    )
    p.add_argument(
        "--as-of",
        type=day,
        metavar="DATE",
        help="the tracker as it stood at the end of DATE, from the history",
    )
    p.add_argument(
        "--include-exempt",
        action="store_true",
        help="include exempt (closed session) records: never for publication",
    )
    p.add_argument("--include-archived", action="store_true", help="include archived records")

    p = command(
        sub, "chase", cmd_chase, "what each lead owes before a meeting, as Markdown for an email"
    )
    p.add_argument("tracker")
    p.add_argument(
        "--meeting",
        type=day,
        metavar="DATE",
        help="the meeting (default: the next in the calendar)",
    )
    p.add_argument("-o", "--output", type=Path, help="the file to write (default: print)")
    p.add_argument(
        "--include-exempt",
        action="store_true",
        help="include exempt (closed session) records: never for sending out",
    )
