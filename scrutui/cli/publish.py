"""`scrutui publish OUT`: a static website of every tracker, for a council's web server."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from scrutui.cli.common import Sub, UsageError, command, in_source_checkout, service
from scrutui.pandoc import PandocMissing
from scrutui.papers.site import MeetingPaper, TrackerSite, publish, site_for
from scrutui.store.service import Service


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
        written = publish(resolved, sites(svc, args.tracker), _as_at(svc))
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
        "write a static website of the trackers (no exempt records) into a folder",
    )
    p.add_argument("out", type=Path, help="the folder to write the site into")
    p.add_argument(
        "--tracker",
        action="append",
        metavar="NAME",
        help="publish only this tracker (repeat for more; default: every tracker)",
    )
