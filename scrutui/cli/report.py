"""`scrutui report`: the scrutiny annual report, from the trackers and their history."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from scrutui.cli.common import Sub, UsageError, command, day, service
from scrutui.domain.status import StatusScheme
from scrutui.papers.annual import Palette, markdown, png_blocks, report_json, svg_block
from scrutui.papers.convert import PandocMissing, convert
from scrutui.papers.layout import Layout
from scrutui.papers.report import (
    REPORTED,
    Period,
    ReportError,
    build_report,
    chart_scheme,
    inputs,
    last_complete_year,
    range_period,
    year_period,
)
from scrutui.store.trail import read_trail, workspace_settings

FORMATS = ("md", "json", "docx", "html")
TITLE = "Scrutiny annual report"


def _period(args: argparse.Namespace, starts: tuple[int, int], today: date) -> Period:
    try:
        if args.year and (args.start or args.end):
            raise UsageError("give --year or --from/--to, not both")
        if args.year:
            return year_period(args.year, starts)
        if args.start or args.end:
            if not (args.start and args.end):
                raise UsageError("--from and --to go together: give both dates")
            return range_period(args.start, args.end)
        return last_complete_year(today, starts)
    except ReportError as error:
        raise UsageError(str(error)) from None


def cmd_report(args: argparse.Namespace) -> int:
    svc = service(args)
    settings = workspace_settings(svc.root)
    today = args.as_of or svc.today()
    period = _period(args, settings.year_starts, today)
    state = svc.as_of(args.as_of) if args.as_of else svc.state
    for name in args.trackers:
        tracker = state.tracker(name).tracker  # NotFound names the trackers there are
        if tracker is not None and tracker.kind not in REPORTED:
            raise UsageError(
                f"{name} is {tracker.kind!r}; the report covers committee and "
                "peer-challenge trackers"
            )
    trail = read_trail(svc.repo, list(args.trackers) or None)
    sources, skipped = inputs(state.trackers, trail, args.trackers, until=args.as_of)
    report = build_report(
        sources,
        period,
        today,
        include_exempt=args.include_exempt,
        skipped=skipped,
        starts=settings.year_starts,
    )
    for name in skipped:
        print(f"scrutui: {name} is left out: it does not load", file=sys.stderr)
    palette = Palette.from_scheme(chart_scheme(sources))
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "md")
    fmt = "md" if fmt == "markdown" else fmt
    if fmt not in FORMATS:
        raise UsageError(f"cannot write {fmt!r}; allowed: {', '.join(FORMATS)}")
    if fmt == "json":
        _write(report_json(report, explain=args.explain), args.output)
        return 0
    if fmt == "md":
        _write(markdown(report, palette, explain=args.explain, title=TITLE), args.output)
        return 0
    if args.output is None:
        raise UsageError(f"--format {fmt} writes a file: give it with -o FILE")
    title = f"{TITLE} {period.label}"
    # the papers' agenda-pack styling: the page header, the council's type, en-GB; portrait,
    # so the charts keep the page's width
    layout = Layout(
        title=title,
        heading=TITLE,
        when=f"Municipal year {period.label}" if args.year or not args.start else period.label,
        scheme=chart_scheme(sources) or StatusScheme(()),
        orientation="portrait",
    )
    try:
        if fmt == "html":
            paper = markdown(report, palette, chart=svg_block, explain=args.explain, title=TITLE)
            convert(paper, "html", args.output, title, layout)
        else:
            with tempfile.TemporaryDirectory(prefix="scrutui-report-") as folder:
                chart = png_blocks(Path(folder))
                paper = markdown(report, palette, chart=chart, explain=args.explain, title=TITLE)
                convert(paper, "docx", args.output, title, layout)
    except PandocMissing as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"Wrote {output}", file=sys.stderr)


def register(sub: Sub) -> None:
    p = command(
        sub,
        "report",
        cmd_report,
        "the scrutiny annual report: the year's recommendations, decisions, responses and "
        "implementation per committee, from the history (Markdown, JSON, Word or HTML)",
    )
    p.add_argument(
        "trackers",
        nargs="*",
        metavar="TRACKER",
        help="the trackers to report on (default: every committee and peer-challenge tracker)",
    )
    p.add_argument(
        "--year",
        metavar="YYYY/YY",
        help="the municipal year, e.g. 2024/25 (default: the last complete one; it starts on "
        "the workspace's year_starts, 1 May unless scrutui.toml says otherwise)",
    )
    p.add_argument("--from", dest="start", type=day, metavar="DATE", help="the first day")
    p.add_argument("--to", dest="end", type=day, metavar="DATE", help="the last day")
    p.add_argument(
        "--as-of",
        type=day,
        metavar="DATE",
        help="the figures as they stood at the end of DATE, from the history (default: now)",
    )
    p.add_argument("-o", "--output", type=Path, help="the file to write (default: print)")
    p.add_argument(
        "--format", choices=FORMATS, help="md, json, docx or html (default: from -o, else md)"
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="list the records and commits behind each figure",
    )
    p.add_argument(
        "--include-exempt",
        action="store_true",
        help="count exempt (closed session) records too: never for publication",
    )
