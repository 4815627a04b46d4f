"""Commands that change the workspace: each one is exactly one commit."""

from __future__ import annotations

import argparse
import sys

from scrutui.cli.common import Sub, UsageError, command, day, service, writer
from scrutui.domain.edit import parse_value
from scrutui.domain.records import KINDS
from scrutui.store.service import Saved


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"expected FIELD=VALUE, found {item!r}")
        pairs[name.strip()] = value
    return pairs


def _saved(saved: Saved) -> int:
    print(f"Saved {saved.short}: {saved.subject}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    return _saved(writer(args).set_typed(args.id, _pairs(args.values)))


def cmd_status(args: argparse.Namespace) -> int:
    return _saved(writer(args).change_status(args.id, args.code, args.update, args.date))


def cmd_update(args: argparse.Namespace) -> int:
    return _saved(writer(args).add_update(args.id, args.text, args.date))


def cmd_complete(args: argparse.Namespace) -> int:
    return _saved(writer(args).mark_complete(args.id, args.update, args.date))


def cmd_new(args: argparse.Namespace) -> int:
    spec = KINDS[args.kind]
    values = {name: parse_value(spec, name, text) for name, text in _pairs(args.values).items()}
    return _saved(writer(args).new_record(args.tracker, args.kind, values))


def cmd_archive(args: argparse.Namespace) -> int:
    return _saved(writer(args).archive(args.id))


def cmd_restore(args: argparse.Namespace) -> int:
    return _saved(writer(args).restore(args.id, args.rev))


def cmd_delete(args: argparse.Namespace) -> int:
    return _saved(writer(args).delete(args.id))


def cmd_undo(args: argparse.Namespace) -> int:
    return _saved(writer(args).undo(args.rev))


def cmd_commit_outside(args: argparse.Namespace) -> int:
    svc = writer(args)
    report = svc.outside()
    for path, changes in report.valid:
        print(f"{path}: {', '.join(c.name for c in changes) or 'deleted'}")
    for problem in report.invalid:
        print(f"not committed: {problem}")
    if not report:
        print("Nothing changed outside scrutui.")
    elif report.valid and not args.dry_run:
        saved = svc.commit_outside(args.message)
        if saved:
            _saved(saved)
    return 1 if report.invalid else 0


def cmd_hooks(args: argparse.Namespace) -> int:
    svc = service(args)
    if args.action == "install":
        print(f"Installed {svc.install_hook()}")
        return 0
    problems = svc.staged_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            "scrutui: commit refused: fix these records, or restore them "
            "(git restore --staged FILE)",
            file=sys.stderr,
        )
    return 1 if problems else 0


def register(sub: Sub) -> None:

    def dated(p: argparse.ArgumentParser) -> None:
        p.add_argument("--date", type=day, help="the date of the review (default: today)")

    p = command(sub, "set", cmd_set, "set fields of a record: FIELD=VALUE ...")
    p.add_argument("id", help="the record's id, or TRACKER/ID")
    p.add_argument(
        "values",
        nargs="+",
        metavar="FIELD=VALUE",
        help='e.g. leads="Cllr Neil Fawcett; Tom Parsons" last_reviewed=11/04/24',
    )

    p = command(sub, "status", cmd_status, "change a record's status")
    p.add_argument("id")
    p.add_argument("code", help="a status code of the tracker's scheme (e.g. R, Y, G)")
    p.add_argument("--update", metavar="TEXT", help="add this update too")
    dated(p)

    p = command(sub, "update", cmd_update, "add a dated update to a record")
    p.add_argument("id")
    p.add_argument("text")
    dated(p)

    p = command(sub, "complete", cmd_complete, "mark a record complete")
    p.add_argument("id")
    p.add_argument("--update", metavar="TEXT", help="add this update too")
    dated(p)

    p = command(sub, "new", cmd_new, "add a record to a tracker, with the next free id")
    p.add_argument("tracker")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument(
        "values",
        nargs="*",
        metavar="FIELD=VALUE",
        help='e.g. meeting=19/01/24 item="Social Value" text="That the Council ..."',
    )

    p = command(
        sub,
        "archive",
        cmd_archive,
        "archive a record (reported complete: it leaves the paper, not the history)",
    )
    p.add_argument("id")

    p = command(
        sub,
        "restore",
        cmd_restore,
        "bring a record back: out of the archive, after a delete, or as at --rev",
    )
    p.add_argument("id")
    p.add_argument("--rev", help="a commit from `scrutui history ID`")

    p = command(sub, "delete", cmd_delete, "delete a record (it stays in the history)")
    p.add_argument("id")

    p = command(sub, "undo", cmd_undo, "undo a change as a new commit (default: the last)")
    p.add_argument("rev", nargs="?", default="HEAD", help="the commit to undo")

    p = command(
        sub,
        "commit-outside",
        cmd_commit_outside,
        "commit the valid changes made outside scrutui; list the invalid ones",
    )
    p.add_argument("-m", "--message", help="a note to put in the commit")
    p.add_argument("--dry-run", action="store_true", help="only list them")

    p = command(sub, "hooks", cmd_hooks, "install the git hook that refuses invalid records")
    p.add_argument("action", choices=["install", "run"])
    p.add_argument("hook", nargs="?", default="pre-commit", help=argparse.SUPPRESS)
