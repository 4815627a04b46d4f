"""What every command shares: finding the workspace, the service, and printing."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrutui
from scrutui.domain.calendar import parse_uk_date
from scrutui.store.config import WORKSPACE_ENV, default_workspace_path, load_config

if TYPE_CHECKING:  # the service (every store module) only for the commands that use it
    from scrutui.domain.records import Record
    from scrutui.store.service import Service

SOURCE_ROOT = Path(scrutui.__file__).resolve().parent.parent
SAMPLES = SOURCE_ROOT / "data"
Handler = Callable[[argparse.Namespace], int]
Sub = Any  # argparse's private _SubParsersAction


class UsageError(Exception):
    """A command the officer typed that cannot be done as asked."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, given the terminal's width once: argparse makes a formatter for every
    option added (to check its metavar), and each asks the terminal's size through
    `shutil`, whose import alone (bz2, lzma, zlib) is a tenth of `scrutui show`."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = help_width() if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


@functools.cache
def help_width() -> int:
    """The width argparse would use: $COLUMNS, or the terminal's, or 80; less 2."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (OSError, ValueError, AttributeError):
            columns = 0
    return (columns or 80) - 2


def command(sub: Sub, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=help, formatter_class=HelpFormatter
    )
    parser.set_defaults(handler=handler)
    return parser


def in_source_checkout(path: Path) -> bool:
    """True if `path` lies inside scrutui's own source checkout (never written to)."""
    resolved = path.expanduser().resolve()
    return (SOURCE_ROOT / ".git").exists() and resolved.is_relative_to(SOURCE_ROOT)


def workspace_root(args: argparse.Namespace) -> Path:
    """The workspace to use: --workspace, $SCRUTUI_WORKSPACE, the config, or the default one."""
    chosen = args.workspace or os.environ.get(WORKSPACE_ENV) or load_config().workspace
    if chosen:
        root = Path(chosen).expanduser().resolve()
    else:
        root = default_workspace_path()
        if not root.exists():
            from scrutui.store.workspace import create_from_samples

            create_from_samples(root, SAMPLES, load_config().officer)
            print(f"Created your workspace from the sample trackers: {root}", file=sys.stderr)
    if in_source_checkout(root):
        raise UsageError(
            f"{root} is inside scrutui's own source checkout; scrutui never writes "
            "there. Use `scrutui init DIR` to make a workspace elsewhere."
        )
    return root


def service(args: argparse.Namespace) -> Service:
    """The workspace's service, for a command that only reads: nothing on disk is changed."""
    from scrutui.store.service import Service

    return Service(workspace_root(args))


def writer(args: argparse.Namespace) -> Service:
    """The workspace's service for a command that changes it, once what a killed scrutui or
    git left half done is recovered (under the write lock; skipped while another writes)."""
    svc = service(args)
    for line in svc.recover().said():
        print(line, file=sys.stderr)
    return svc


def day(text: str) -> date:
    """An argparse type: 2024-04-11, 11/04/24 or 11/04/2024."""
    try:
        return parse_uk_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def to_json(value: Any) -> str:
    import json  # only for --json

    return json.dumps(value, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def record_json(record: Record, tracker: str) -> dict[str, Any]:
    import json

    parsed: dict[str, Any] = json.loads(
        to_json({"id": record.id, "tracker": tracker, **record.to_data()})
    )
    return parsed


def terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100
