"""The command line: `scrutui` opens the app; its subcommands read and change the workspace."""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import scrutui
from scrutui.cli import browse
from scrutui.cli.common import Handler, HelpFormatter
from scrutui.store.config import WORKSPACE_ENV

#: The errors a command reports as `scrutui: message` (exit 2), by the module and name of
#: their class. Named, not imported: a command imports only the modules it uses (`scrutui
#: list` never loads the importers, sync or GitPython), and an error can only be raised by a
#: module that was imported. tests/test_import_hygiene.py checks that each name is an
#: exception class.
ERRORS = frozenset(
    {
        "scrutui.cli.common.UsageError",
        "scrutui.store.workspace.WorkspaceError",
        "scrutui.store.config.ConfigError",
        "scrutui.store.config.IdentityMissing",
        "scrutui.store.git.GitError",
        "scrutui.store.tomlfile.FileError",
        "scrutui.domain.issues.Invalid",
        "scrutui.store.lock.Busy",
        "scrutui.store.sync.SyncError",
        "scrutui.importers.proposal.ImportProblem",
    }
)


def reported(error: BaseException) -> bool:
    """Whether `error` is one of `ERRORS` (or a subclass of one): a message, not a crash."""
    return any(f"{c.__module__}.{c.__qualname__}" in ERRORS for c in type(error).__mro__)


#: The modules that register commands, in the order `scrutui --help` lists them.
MODULES = ("browse", "edit", "past", "papers", "publish", "report", "share", "imports")
#: Which module registers each command, so that `scrutui show ID` builds (and imports) only
#: the commands of `browse`. A command missing here still works: every module is then
#: registered. tests/test_import_hygiene.py checks this against what the modules register.
COMMANDS = {
    **dict.fromkeys(("init", "validate", "list", "show", "config"), "browse"),
    **dict.fromkeys(
        (
            "set",
            "status",
            "update",
            "complete",
            "new",
            "archive",
            "restore",
            "delete",
            "undo",
            "commit-outside",
            "hooks",
        ),
        "edit",
    ),
    **dict.fromkeys(("history", "changes"), "past"),
    **dict.fromkeys(("render", "chase"), "papers"),
    **dict.fromkeys(("remote", "sync"), "share"),
    "import": "imports",
    "publish": "publish",
    "report": "report",
}


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (after the options before it), or None: none, or help."""
    words = iter(argv)
    for word in words:
        if word in ("-w", "--workspace"):
            next(words, None)
        elif word in ("-h", "--help", "--version"):
            return None
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given `argv`, with only the module of the command it
    names (every module for help, or for a command not in `COMMANDS`)."""
    parser = argparse.ArgumentParser(
        prog="scrutui",
        formatter_class=HelpFormatter,
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
    named = COMMANDS.get(command_in(argv) or "") if argv is not None else None
    for module in [named] if named else MODULES:
        importlib.import_module(f"scrutui.cli.{module}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
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
    except OSError as error:  # a folder that cannot be read or written, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"scrutui: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:
        if not reported(error):
            raise
        print(f"scrutui: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The `scrutui` command: `main`, and then the process ends without tearing Python down.

    When `main` returns, a command's work is done: its output is written, its files closed
    and its git processes waited for. What a normal exit then adds is Python freeing every
    module and object one at a time, after a full collection: some 20 ms, a fifth of
    `scrutui show`, on the benchmark's machine (the README's Speed). So the process ends at the
    very end of the exit, where Python would begin that teardown. `_quick_exit` is the
    first exit handler registered and the last to run: after Python has waited for the
    threads still working and run every other exit handler (a TemporaryDirectory's removal
    among them). stdout and stderr are flushed first; if that fails (a closed pipe), the
    exit is left to Python, which reports it as it always has.
    """
    atexit.register(_quick_exit)
    try:
        code = main(argv)
    except SystemExit as leaving:  # argparse's usage errors and --help
        _EXIT[0] = leaving.code if isinstance(leaving.code, int) else 1 if leaving.code else 0
        raise
    except KeyboardInterrupt:
        _EXIT[0] = 130
        raise
    _EXIT[0] = code
    sys.exit(code)


#: The code `run` exits with: 1 until `main` returns (an uncaught error exits 1)
_EXIT = [1]


def _quick_exit() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(_EXIT[0])


if __name__ == "__main__":
    run()
