"""Commands for several officers: the shared remote, and sync."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrutui.cli.common import Sub, UsageError, command, service, writer
from scrutui.domain.changes import show_value
from scrutui.domain.edit import parse_value
from scrutui.domain.merge import WHOLE
from scrutui.domain.records import KINDS, KindSpec
from scrutui.store.sync import RecordConflict, SyncError


def cmd_remote(args: argparse.Namespace) -> int:
    svc = service(args)
    if args.action == "set":
        if not args.url:
            raise UsageError("usage: scrutui remote set URL")
        svc.set_remote(args.url)
    print(f"remote: {svc.sync_status().remote or '(none)'}")
    return 0


def _choose(conflict: RecordConflict, side: str | None) -> dict[str, Any]:
    """The officer's choice for each field: --mine/--theirs, or asked at the terminal."""
    print(f"\n{conflict.record_id} was changed on both sides ({conflict.path}):")
    print(f"  mine:   {conflict.mine}")
    for line in conflict.theirs:
        print(f"  theirs: {line}")
    chosen: dict[str, Any] = {}
    for field in conflict.fields:
        print(
            f"\n  {field.name}\n    base:   {show_value(field.base)}\n"
            f"    mine:   {show_value(field.mine)}\n    theirs: {show_value(field.theirs)}"
        )
        answer = side or ""
        while answer not in ("mine", "theirs", "edit"):
            reply = input("  keep [m]ine, [t]heirs, or [e]dit? ").strip().lower()[:1]
            answer = {"m": "mine", "t": "theirs", "e": "edit"}.get(reply, "")
        if answer == "edit" and field.name != WHOLE:
            typed = input("  new value: ")
            kind = _kind_of(conflict)
            value = parse_value(kind, field.name, typed) if kind else typed
            chosen[field.name] = list(value) if isinstance(value, tuple) else value
        else:
            chosen[field.name] = field.mine if answer == "mine" else field.theirs
    return chosen


def _kind_of(conflict: RecordConflict) -> KindSpec | None:
    """The kind of record in conflict, from its id (None for a tracker.toml)."""
    prefix = conflict.record_id.split("-")[0]
    return next((spec for spec in KINDS.values() if spec.prefix == prefix), None)


def cmd_sync(args: argparse.Namespace) -> int:
    svc = writer(args)

    def progress(step: str) -> None:
        print(f"{step}...", file=sys.stderr)

    side = "mine" if args.mine else "theirs" if args.theirs else None
    try:
        report = svc.sync(progress=progress)
        if report.conflicts:
            if side is None and not sys.stdin.isatty():
                for conflict in report.conflicts:
                    names = ", ".join(f.name for f in conflict.fields)
                    print(f"conflict: {conflict.path}: {names}")
                print(
                    "scrutui: changed on both sides; nothing was synced. Run `scrutui sync` "
                    "at a terminal to choose, or add --mine or --theirs.",
                    file=sys.stderr,
                )
                return 1
            resolutions = {c.path: _choose(c, side) for c in report.conflicts}
            report = svc.sync(resolutions, progress=progress)
    except SyncError as error:
        raise UsageError(str(error)) from None
    print(report)
    print(svc.sync_status())
    return 1 if report.conflicts else 0


def register(sub: Sub) -> None:
    p = command(sub, "remote", cmd_remote, "show or set the shared remote (a git URL)")
    p.add_argument("action", nargs="?", choices=["set", "show"], default="show")
    p.add_argument(
        "url",
        nargs="?",
        help="a bare repository on a shared drive, file://, "
        "ssh or https (credentials are git's own)",
    )

    p = command(
        sub, "sync", cmd_sync, "fetch, replay your changes on the shared ones, and send them"
    )
    choice = p.add_mutually_exclusive_group()
    choice.add_argument(
        "--mine", action="store_true", help="where both sides changed a field, keep yours"
    )
    choice.add_argument(
        "--theirs",
        action="store_true",
        help="where both sides changed a field, keep the shared one",
    )
