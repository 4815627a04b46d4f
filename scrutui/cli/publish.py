"""`scrutui publish OUT`: a static website of every tracker, for a council's web server."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from scrutui.cli.common import Sub, UsageError, command, in_source_checkout, service
from scrutui.cli.report import TITLE
from scrutui.domain.status import StatusScheme
from scrutui.pandoc import PandocMissing
from scrutui.papers.annual import Palette, markdown, svg_block
from scrutui.papers.report import (
    REPORTED,
    build_report,
    chart_scheme,
    inputs,
    last_complete_year,
    year_period,
)
from scrutui.papers.site import AnnualReportPage, MeetingPaper, TrackerSite, publish, site_for
from scrutui.store.service import Service
from scrutui.store.trail import read_trail, workspace_settings


def _as_at(svc: Service) -> date:
    """The date of the workspace's last commit: the same workspace gives the same site."""
    if svc.repo.head() is None:
        return svc.today()
    return date.fromisoformat(svc.repo.run("log", "-1", "--format=%cs"))


def sites(svc: Service, names: list[str] | None = None) -> list[TrackerSite]:
    """Each tracker's pages: now, and at each meeting of its calendar up to the last commit."""
    state = svc.state
    as_at = _as_at(svc)
    chosen = names or sorted(state.trackers)
    out = []
    for name in chosen:
        current = state.tracker(name)
        if current.tracker is None:
            problem = current.problems[0] if current.problems else "its tracker.toml is missing"
            print(f"warning: {name} is not published: it does not load: {problem}", file=sys.stderr)
            continue
        papers, missing = [], []
        for day in current.tracker.meetings:
            if day > as_at:
                continue
            then = svc.as_of(day, name).trackers.get(name)
            if then is None or then.tracker is None:
                missing.append(day)
                continue
            papers.append(MeetingPaper(day, then.tracker, tuple(then.records.values())))
        out.append(site_for(name, current.tracker, current.records.values(), papers, missing))
    return out


def annual_reports(svc: Service, names: list[str] | None = None) -> list[AnnualReportPage]:
    """The annual report of each municipal year that holds recommendations, up to the one
    the workspace's last commit falls in, as things stood then (exempt records left out)."""
    state = svc.state
    chosen = [
        name
        for name in names or sorted(state.trackers)
        if (tracker := state.tracker(name).tracker) is not None and tracker.kind in REPORTED
    ]
    if not chosen:
        return []
    as_at = _as_at(svc)
    starts = workspace_settings(svc.root).year_starts
    sources, _ = inputs(state.trackers, read_trail(svc.repo, chosen), chosen, until=as_at)
    if not any(s.tracker.spec.answered_kinds for s in sources):
        return []  # peer plans alone: their figures are in no municipal year
    scheme = chart_scheme(sources)
    palette = Palette.from_scheme(scheme)
    last = build_report(sources, last_complete_year(as_at, starts), as_at, starts=starts)
    pages = []
    for label in last.years:
        period = year_period(label, starts)
        if period.start > as_at:
            continue
        report = (
            last if period == last.period else build_report(sources, period, as_at, starts=starts)
        )
        paper = markdown(report, palette, chart=svg_block, title=TITLE)
        pages.append(AnnualReportPage(label, paper, scheme or StatusScheme(()), period.end > as_at))
    return pages


def cmd_publish(args: argparse.Namespace) -> int:
    svc = service(args)
    out: Path = args.out
    resolved = out.expanduser().resolve()
    if resolved.is_relative_to(svc.root.resolve()):
        raise UsageError(
            f"{out} is inside the workspace: publish somewhere else (the site is not a record)"
        )
    if in_source_checkout(resolved):
        raise UsageError(f"{out} is inside scrutui's own source checkout: publish somewhere else")
    if resolved.exists() and not resolved.is_dir():
        raise UsageError(f"{out} is a file: give a folder for the site")
    try:
        written = publish(
            resolved,
            sites(svc, args.tracker),
            _as_at(svc),
            annual_reports(svc, args.tracker),
        )
    except PandocMissing as error:
        raise UsageError(str(error)) from None
    pages = sum(1 for p in written if p.suffix == ".html")
    print(f"Wrote {pages} pages to {out} (open {out / 'index.html'})", file=sys.stderr)
    return 0


def register(sub: Sub) -> None:
    p = command(
        sub,
        "publish",
        cmd_publish,
        "write a static website of the trackers and the annual reports (no exempt records) "
        "into a folder",
    )
    p.add_argument("out", type=Path, help="the folder to write the site into")
    p.add_argument(
        "--tracker",
        action="append",
        metavar="NAME",
        help="publish only this tracker (repeat for more; default: every tracker)",
    )
