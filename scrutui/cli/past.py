"""Commands that read the history: a record's versions, and a tracker's changes since a date."""

from __future__ import annotations

import argparse

from scrutui.cli.common import Sub, UsageError, command, day, service, to_json
from scrutui.domain.calendar import previous_meeting
from scrutui.domain.changes import describe, summarise
from scrutui.papers.changes import changes_markdown, is_exempt_change


def cmd_history(args: argparse.Namespace) -> int:
    versions = service(args).history(args.id)
    if args.json:
        print(
            to_json(
                [
                    {
                        "sha": v.commit.sha,
                        "date": v.commit.when.isoformat(),
                        "author": v.commit.author,
                        "email": v.commit.email,
                        "subject": v.commit.subject,
                        "what": v.what,
                        "changes": [
                            {"field": c.name, "old": c.old, "new": c.new} for c in v.changes
                        ],
                    }
                    for v in versions
                ]
            )
        )
        return 0
    print(f"{args.id}: {len(versions)} versions, newest first\n")
    for version in versions:
        when = version.commit.when.strftime("%d/%m/%Y %H:%M")
        what = summarise(version.changes) if version.what == "changed" else version.what
        print(f"{version.commit.short}  {when}  {version.commit.author}: {what}")
        for line in describe(version.changes) if version.what == "changed" else []:
            print(f"    {line}")
        print()
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    svc = service(args)
    state = svc.state.tracker(args.tracker)
    if args.since == "last-meeting":
        meetings = state.tracker.meetings if state.tracker else ()
        since = previous_meeting(meetings, svc.today())
        if since is None:
            raise UsageError(
                f"{args.tracker} has no meeting before today in its calendar; give --since DATE"
            )
    else:
        since = day(args.since)
    changes = svc.changes_since(args.tracker, since)
    if not args.include_exempt:
        exempt = {r.id for r in state.records.values() if r.exempt}
        changes = [c for c in changes if not is_exempt_change(c, exempt)]
    if args.json:
        print(
            to_json(
                [
                    {
                        "record": c.record_id,
                        "what": c.what,
                        "author": c.commit.author,
                        "date": c.commit.when.isoformat(),
                        "sha": c.commit.sha,
                        "changes": [
                            {"field": f.name, "old": f.old, "new": f.new} for f in c.changes
                        ],
                    }
                    for c in changes
                ]
            )
        )
        return 0
    title = state.tracker.heading if state.tracker else args.tracker
    summaries = {r.id: r.summary for r in state.records.values()}
    print(changes_markdown(title, since, changes, summaries), end="")
    return 0


def register(sub: Sub) -> None:
    p = command(sub, "history", cmd_history, "a record's changes: who, when, and each field")
    p.add_argument("id", help="the record's id, or TRACKER/ID (deleted records too)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        sub,
        "changes",
        cmd_changes,
        "a tracker's changes since a date or its last meeting, as Markdown",
    )
    p.add_argument("tracker")
    p.add_argument(
        "--since",
        required=True,
        metavar="DATE|last-meeting",
        help="a date (11/04/24) or last-meeting",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--include-exempt",
        action="store_true",
        help="include exempt (closed session) records: never for publication",
    )
