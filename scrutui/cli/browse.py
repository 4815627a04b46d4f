"""Commands that read: init, validate, list, show and config (and the app itself)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrutui.cli.common import (
    Sub,
    UsageError,
    command,
    day,
    in_source_checkout,
    record_json,
    terminal_width,
    to_json,
    workspace_root,
)
from scrutui.domain.fields import AnswersType, UpdatesType, is_empty
from scrutui.domain.records import TRACKER_KINDS
from scrutui.domain.tracker import default_scheme
from scrutui.store.config import config_path, load_config, set_config_value
from scrutui.store.tomlfile import Problem, new_document
from scrutui.store.workspace import (
    RULES_FILE,
    TRACKER_FILE,
    WorkspaceState,
    init_workspace,
    load_one_record,
    load_one_tracker,
    load_record,
    load_tracker,
    load_tracker_settings,
    load_workspace,
    tracker_dirs,
)

if TYPE_CHECKING:
    from scrutui.domain.records import Record

# Commands -----------------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace) -> int:
    from scrutui.ui.app import make_app

    app = make_app(workspace_root(args))
    app.run()
    return app.return_code or 0  # 1 after an unexpected error, with where its report is


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir).expanduser().resolve()
    if in_source_checkout(root):
        raise UsageError(f"{root} is inside scrutui's own source checkout; choose another folder")
    kind = args.preset
    spec = TRACKER_KINDS[kind]
    data: dict[str, Any] = {"kind": kind, "title": args.title or spec.default_title}
    data |= {key: list(v) if isinstance(v, list) else v for key, v in spec.settings.items()}
    if spec.named_by and args.committee:
        data[spec.named_by] = args.committee
    data["status"] = default_scheme(kind).to_data()
    name = args.tracker or args.preset
    if getattr(args, "source_file", None) is not None:
        from scrutui.cli.imports import init_from

        return init_from(args, root, data, name)
    text = new_document(data, f"The {args.preset} tracker's settings. See README: file format.")
    init_workspace(root, name, text, load_config().officer)
    print(f"Created workspace {root} with tracker {name}/")
    return 0


def _rules_problems(path: Path) -> list[Problem]:
    """An import-rules.toml's problems, as `scrutui import table` would report them."""
    from scrutui.importers.mapping import load_rules
    from scrutui.importers.proposal import ImportProblem

    try:
        load_rules(path.read_text(encoding="utf-8"))
    except (ImportProblem, OSError, UnicodeDecodeError) as problem:
        return [Problem(f"{path.parent.name}/{path.name}", None, "", str(problem))]
    return []


def _load_path(path: Path) -> tuple[list[Problem], int]:
    """Problems and file count for a workspace, a tracker folder or one record file."""
    if path.is_file():
        tracker_dir = path.parent
        tracker, problems = load_tracker_settings(tracker_dir)
        if path.name == TRACKER_FILE:
            return problems, 1
        if path.name == RULES_FILE:
            return _rules_problems(path), 1
        if tracker is None:
            return problems or [Problem(str(path), None, "", "its tracker.toml does not load")], 1
        return load_record(path, tracker)[1], 1
    if (path / TRACKER_FILE).is_file():
        state = load_tracker(path)
        return state.problems, len(state.records) + len(state.broken) + 1
    state_ws = load_workspace(path)
    count = sum(len(t.records) + len(t.broken) + 1 for t in state_ws.trackers.values())
    return state_ws.problems, count


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser().resolve() if args.path else workspace_root(args)
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    if path.is_dir() and not (path / TRACKER_FILE).is_file() and not tracker_dirs(path):
        raise UsageError(f"{path} holds no trackers (no folder with a {TRACKER_FILE})")
    problems, files = _load_path(path)
    for problem in problems:
        print(problem)
    noun = "problem" if len(problems) == 1 else "problems"
    print(f"{files} files checked, {len(problems)} {noun}", file=sys.stderr)
    return 1 if problems else 0


def _state(args: argparse.Namespace, tracker: str | None = None) -> WorkspaceState:
    """The workspace now, or as it stood at the end of --as-of, read from git; with only
    `tracker` loaded if one is given."""
    root = workspace_root(args)
    if getattr(args, "as_of", None):
        from scrutui.store.service import Service

        return Service(root).as_of(args.as_of, tracker)
    return load_one_tracker(root, tracker) if tracker else load_workspace(root)


def cmd_list(args: argparse.Namespace) -> int:
    state = _state(args, args.tracker).tracker(args.tracker)
    records = [
        r
        for r in state.sorted_records()
        if (args.all or not r.archived)
        and (not args.status or r.status == args.status)
        and (not args.lead or any(args.lead.lower() in lead.lower() for lead in r.leads))
    ]
    if state.tracker and args.status and args.status not in state.tracker.scheme.codes:
        codes = ", ".join(state.tracker.scheme.codes)
        raise UsageError(f"unknown status {args.status!r} for {state.name}; allowed: {codes}")
    if args.json:
        print(to_json([record_json(r, state.name) for r in records]))
        return 0
    width = max(60, min(160, terminal_width()))
    for record in records:
        when = record.meeting.strftime("%d/%m/%y") if record.meeting else ""
        lead = "; ".join(record.leads)[:22]
        head = f"{record.id:<16} {record.status or '':<9} {when:<8} {lead:<22} "
        print((head + record.summary)[:width])
    for problem in state.problems:
        print(f"! {problem}", file=sys.stderr)
    return 0


def format_record(record: Record, tracker_name: str) -> str:
    """A record as plain text for the terminal: each field with its label, then the updates."""
    lines = [f"{tracker_name}/{record.id}  ({record.spec.label})"]
    for spec in record.spec.fields:
        value = record.get(spec.name)
        field_type = spec.field_type
        if not field_type.editable or is_empty(value):
            continue
        if field_type.bulleted:
            text = "\n".join(f"- {v}" for v in value)
        else:
            text = field_type.format(value)
        if "\n" in text or len(text) > 60:
            lines.append(f"{spec.label}:")
            lines += [f"    {line}" for line in text.splitlines()]
        else:
            lines.append(f"{spec.label}: {text}")
    for spec in record.spec.fields:  # the lists of dated entries, after the other fields
        entries = record.get(spec.name)
        if isinstance(spec.field_type, UpdatesType):
            for update in entries:
                lines.append(f"Update ({update.date.strftime('%d/%m/%Y')}):")
                lines += [f"    {line}" for line in update.text.splitlines()]
        elif isinstance(spec.field_type, AnswersType):
            for answer in entries:
                team = f" [{answer.team}]" if answer.team else ""
                lines.append(f"{answer.type}: {answer.text}{team}")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    if "/" in args.id and not args.as_of:  # TRACKER/ID: that record's file alone
        state, record = load_one_record(workspace_root(args), args.id)
    else:
        state, record = _state(args, args.id.rpartition("/")[0] or None).find(args.id)
    if args.json:
        print(to_json(record_json(record, state.name)))
    else:
        print(format_record(record, state.name))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    path = config_path()
    if args.what == "officer":
        if len(args.values) != 2 or "@" not in args.values[1]:
            raise UsageError('usage: scrutui config officer "Your Name" you@council.gov.uk')
        set_config_value(path, ("officer", "name"), args.values[0])
        set_config_value(path, ("officer", "email"), args.values[1])
    elif args.what == "theme":
        if len(args.values) != 1:
            raise UsageError("usage: scrutui config theme NAME")
        set_config_value(path, ("theme",), args.values[0])
    config = load_config(path)
    print(
        f"{path}\nofficer: {config.officer or '(git user.name/email)'}\n"
        f"theme: {config.theme or '(default)'}"
    )
    return 0


def register(sub: Sub) -> None:
    p = command(
        sub, "init", cmd_init, "make a new workspace (a git repository) with a first tracker"
    )
    p.add_argument("dir", help="the new workspace's folder (must not exist or be empty)")
    p.add_argument(
        "--preset",
        choices=sorted(TRACKER_KINDS),
        default="committee",
        help="the first tracker's kind and status scheme (default: committee, R/Y/G)",
    )
    p.add_argument("--tracker", help="the first tracker's folder name (default: the preset)")
    p.add_argument("--title", help="the tracker's title")
    p.add_argument("--committee", help="the committee (or council) the tracker is for")
    from scrutui.cli.imports import init_options

    init_options(p)

    p = command(sub, "validate", cmd_validate, "check every record; exit 1 and list every problem")
    p.add_argument(
        "path",
        nargs="?",
        help="a workspace, a tracker folder or a record file (default: the workspace)",
    )

    p = command(sub, "list", cmd_list, "list a tracker's records")
    p.add_argument("tracker", help="the tracker's folder name")
    p.add_argument("--status", help="only records with this status code")
    p.add_argument("--lead", help="only records whose lead contains this text")
    p.add_argument("--all", action="store_true", help="include archived records")
    p.add_argument("--as-of", type=day, metavar="DATE", help="as it stood at the end of DATE")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(sub, "show", cmd_show, "show one record")
    p.add_argument("id", help="the record's id, or TRACKER/ID")
    p.add_argument("--as-of", type=day, metavar="DATE", help="as it stood at the end of DATE")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(sub, "config", cmd_config, "show or set your own settings")
    p.add_argument("what", nargs="?", choices=["officer", "theme"], help="what to set")
    p.add_argument("values", nargs="*", help='officer: "NAME" EMAIL; theme: NAME')
