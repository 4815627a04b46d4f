"""The command line: `scrutui` opens the app; its subcommands read and change the workspace."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import scrutui
from scrutui.cli import browse, edit, imports, papers, past, publish, report, share
from scrutui.cli.common import Handler, UsageError
from scrutui.domain.validation import Invalid
from scrutui.importers.proposal import ImportProblem
from scrutui.store.config import WORKSPACE_ENV, ConfigError, IdentityMissing
from scrutui.store.git import GitError
from scrutui.store.lock import Busy
from scrutui.store.sync import SyncError
from scrutui.store.tomlfile import FileError
from scrutui.store.workspace import WorkspaceError

ERRORS = (
    UsageError,
    WorkspaceError,
    ConfigError,
    IdentityMissing,
    GitError,
    FileError,
    Invalid,
    Busy,
    SyncError,
    ImportProblem,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrutui",
        description="Scrutiny trackers and peer-challenge action plans, kept in git. "
        "With no command, opens the app on your workspace.",
    )
    parser.add_argument("--version", action="version", version=f"scrutui {scrutui.__version__}")
    parser.add_argument(
        "-w",
        "--workspace",
        metavar="DIR",
        help=f"the workspace to use (default: ${WORKSPACE_ENV}, or your own "
        "workspace in the user data folder)",
    )
    parser.set_defaults(handler=browse.cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (browse, edit, past, papers, publish, report, share, imports):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # FIELD=VALUE pairs after an option (`new TRACKER --kind K FIELD=VALUE`) belong to `values`
    takes_pairs = isinstance(getattr(args, "values", None), list)
    if extra and not (takes_pairs and all("=" in e and not e.startswith("-") for e in extra)):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:
        args.values += extra
    handler: Handler = args.handler
    try:
        return handler(args)
    except ERRORS as error:
        print(f"scrutui: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a folder that cannot be read or written, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"scrutui: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
