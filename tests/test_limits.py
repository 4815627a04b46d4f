"""Issue 15.4: one hostile record file never crashes or hangs the workspace.

Limits are checked before parsing (nesting depth, size), dates must be plausible (1900 to
2200) and periods at most ten years, and only regular files are read: a FIFO, a device or a
link named like a record is reported, never opened. Each gets the usual message with the
file, the line and the field, and every other record stays usable, in the CLI and the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from scrutui.cli import main
from scrutui.domain import limits
from scrutui.store.tomlfile import FileError, parse_bytes
from scrutui.store.workspace import load_workspace
from tests.conftest import REPO_ROOT, git

GOOD = 'kind = "action"\nmeeting = 2024-01-19\nitem = "x"\ntext = "y"\nstatus = "R"\n'

#: (file name, content, the message `validate` gives for it)
HOSTILE = [
    (
        "A-2024-01-19-1",
        GOOD + "leads = " + "[" * 900 + "]" * 900 + "\n",
        ":6: leads: nested too deeply: over 20 arrays or inline tables",
    ),
    (
        "A-2024-01-19-2",
        GOOD + "item2 = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
        ":6: item2: nested too deeply: over 20 arrays or inline tables",
    ),
    (
        "A-2024-01-19-3",
        GOOD + "x" + ".x" * 5000 + " = 1\n",
        ": x: nested too deeply: over 20 tables inside one another",
    ),
    (
        "A-2024-01-19-4",
        GOOD.replace("2024-01-19", "9999-12-31"),
        ": meeting: the year 9999 is not plausible; found 9999-12-31 (a date); "
        "allowed: a date between 1900 and 2200",
    ),
    (
        "A-2024-01-19-5",
        GOOD + "completed = 0001-01-01\n",
        ": completed: the year 1 is not plausible; found 0001-01-01 (a date)",
    ),
    (
        "A-2024-01-19-6",
        GOOD + "number = " + "9" * 5000 + "\n",
        ": not valid TOML: exceeds the limit (4300 digits) for integer string conversion",
    ),
]


@pytest.fixture
def hostile(workspace: Path) -> Path:
    for name, content, _ in HOSTILE:
        (workspace / "pcs" / f"{name}.toml").write_text(content)
    os.mkfifo(workspace / "pcs" / "A-2024-01-19-7.toml")
    return workspace


def test_every_hostile_file_gets_a_message_and_the_good_records_stay_usable_in_the_cli(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(hostile)]) == 1
    out = capsys.readouterr().out.splitlines()
    for name, _, message in HOSTILE:
        line = next((o for o in out if o.startswith(f"pcs/{name}.toml")), "")
        assert message in line, (name, line)
    assert "pcs/A-2024-01-19-7.toml: is a named pipe (FIFO); records must be files" in out
    assert len(out) == len(HOSTILE) + 1
    for command in (
        ["list", "pcs"],
        ["render", "pcs"],
        ["chase", "pcs"],
        ["show", "A-2023-09-29-1"],
    ):
        assert main(["-w", str(hostile), *command]) == 0, command
        assert "Traceback" not in capsys.readouterr().err
    assert main(["-w", str(hostile), "update", "A-2023-09-29-1", "Still works."]) == 0
    assert git(hostile, "log", "-1", "--format=%s").strip() == "A-2023-09-29-1: update added"
    assert main(["-w", str(hostile), "show", "A-2024-01-19-1"]) == 2
    assert "A-2024-01-19-1 does not load: pcs/A-2024-01-19-1.toml:6: leads: nested too" in (
        capsys.readouterr().err
    )


def test_a_fifo_named_like_a_record_never_hangs_a_command(hostile: Path, isolated: Path) -> None:
    """In a child process with a timeout: a hang here would otherwise hang the suite."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "scrutui.cli", "-w", str(hostile), "list", "pcs"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "A-2023-09-29-1" in done.stdout


def test_a_date_beyond_2200_or_a_period_of_centuries_is_refused_when_typed(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(workspace, "rev-parse", "HEAD")
    argv = ["-w", str(workspace), "new", "pcs", "--kind", "action", "meeting=31/12/9999"]
    assert main([*argv, "item=x", "text=y"]) == 2
    err = capsys.readouterr().err
    assert "meeting: the year 9999 is not plausible" in err and "Traceback" not in err
    assert main(["-w", str(workspace), "set", "A-2023-09-29-1", "completed=01/01/1066"]) == 2
    assert "completed: the year 1066 is not plausible" in capsys.readouterr().err
    assert git(workspace, "rev-parse", "HEAD") == before


def test_a_tracker_with_a_period_of_a_million_months_gets_a_message_not_a_crash(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = workspace / "pcs" / "tracker.toml"
    settings.write_text(
        settings.read_text().replace(
            'response_period = "2 months"', 'response_period = "99999999 months"'
        )
    )
    assert main(["validate", str(workspace)]) == 1
    out = capsys.readouterr().out
    assert (
        "pcs/tracker.toml:7: response_period: 99999999 months is longer than ten years; found "
        "'99999999 months'; allowed: '2 months', '8 weeks', '28 days': at most 120 months"
    ) in out, out
    assert main(["-w", str(workspace), "chase", "pcs"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_tracker_toml_that_is_a_link_is_refused_not_followed(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """15.13: a tracker.toml symlinked to /etc/passwd is not read."""
    settings = workspace / "pcs" / "tracker.toml"
    settings.unlink()
    settings.symlink_to("/etc/passwd")
    problems = [str(p) for p in load_workspace(workspace).problems]
    assert problems == [
        "pcs/tracker.toml: is a symbolic link; a tracker's settings must be a file"
    ], problems
    assert main(["validate", str(workspace)]) == 1
    assert "root:" not in capsys.readouterr().out


def test_limits_hold_far_above_what_a_council_writes() -> None:
    ordinary = GOOD + 'updates = [{date = 2024-01-19, text = "[[not a table]] {x}"}]\n'
    assert parse_bytes(ordinary.encode(), "x.toml")[0]["updates"][0]["text"] == (
        "[[not a table]] {x}"
    )
    just = "a = " + "[" * limits.MAX_DEPTH + "]" * limits.MAX_DEPTH + "\n"
    assert parse_bytes(just.encode(), "x.toml")[0]["a"]
    brackets_in_strings = 'a = """' + "[" * 50 + '"""\nb = \'' + "{" * 50 + "'\n# " + "[" * 50
    assert parse_bytes(brackets_in_strings.encode(), "x.toml")[0]["b"] == "{" * 50
    with pytest.raises(FileError, match="nested too deeply"):
        parse_bytes(("a = " + "[" * 21 + "]" * 21).encode(), "x.toml")
    assert limits.date_problem(date(1900, 1, 1)) is None
    assert limits.date_problem(date(2200, 12, 31)) is None
    assert limits.date_problem(date(2201, 1, 1)) == "the year 2201 is not plausible"


async def test_the_app_opens_beside_hostile_files_and_lists_them(hostile: Path) -> None:
    from scrutui.ui.app import make_app
    from scrutui.ui.screens.problems import ProblemsScreen

    app = make_app(hostile, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.query_one(DataTable).row_count == len(HOSTILE) + 1
        await pilot.press("escape", "enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        table = app.screen.query_one("#records", DataTable)
        table.move_cursor(row=table.get_row_index("A-2023-09-29-1"))
        await pilot.press("u", *"Still works.", "ctrl+s")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert git(hostile, "log", "-1", "--format=%s").strip() == "A-2023-09-29-1: update added"
