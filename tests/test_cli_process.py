"""The `scrutui` command as a process: how it ends (`scrutui.cli.run`).

`run` ends the process at the end of Python's exit, without the teardown of every module
(issue 21). These run it in a fresh interpreter, as the console script does, and check what a
normal exit would have given: the exit code, every byte of the output, the other exit
handlers run, a thread still working finished first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scrutui.cli import main
from tests.conftest import REPO_ROOT

COMMITTEE = "oxfordshire-pcs-tracker"


def scrutui(*argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m scrutui.cli ARGV` (what the git hook runs), its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "scrutui.cli", *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def run_with(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """`run()` with `main` replaced by `body` (a function of argv, in Python source)."""
    code = f"import sys\nimport scrutui.cli as cli\n{body}\ncli.main = main\ncli.run([])\n"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_console_script_is_run_so_that_a_command_ends_quickly() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["scrutui"] == "scrutui.cli:run"


def test_a_command_run_as_a_process_writes_all_of_its_output(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(sample_workspace), "list", COMMITTEE, "--all"]) == 0
    expected = capsys.readouterr().out
    done = scrutui("-w", str(sample_workspace), "list", COMMITTEE, "--all")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
    assert len(expected.splitlines()) > 10


def test_a_command_that_fails_exits_2_with_its_message(sample_workspace: Path) -> None:
    done = scrutui("-w", str(sample_workspace), "show", "no-such-tracker/R-1")
    assert done.returncode == 2
    assert "scrutui: no tracker 'no-such-tracker'" in done.stderr


def test_a_mistyped_command_exits_2_with_argparses_usage(sample_workspace: Path) -> None:
    done = scrutui("-w", str(sample_workspace), "lst")
    assert done.returncode == 2
    assert "invalid choice: 'lst'" in done.stderr


def test_the_exit_code_is_the_one_main_returned(tmp_path: Path) -> None:
    done = run_with(tmp_path, "def main(argv):\n    print('done')\n    return 3")
    assert (done.returncode, done.stdout) == (3, "done\n")


def test_output_not_yet_flushed_is_written_before_the_process_ends(tmp_path: Path) -> None:
    body = "def main(argv):\n    sys.stdout.write('x' * 100_000)\n    return 0"
    done = run_with(tmp_path, body)
    assert done.returncode == 0
    assert done.stdout == "x" * 100_000


def test_exit_handlers_registered_by_a_command_run_before_the_process_ends(
    tmp_path: Path,
) -> None:
    body = (
        "import atexit, tempfile, pathlib\n"
        "def main(argv):\n"
        "    folder = tempfile.TemporaryDirectory(dir='.')\n"
        "    pathlib.Path('folder.txt').write_text(folder.name)\n"
        "    atexit.register(lambda: pathlib.Path('handler.txt').write_text('ran'))\n"
        "    cli.kept = folder\n"
        "    return 0"
    )
    done = run_with(tmp_path, body)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "handler.txt").read_text() == "ran"
    left = Path((tmp_path / "folder.txt").read_text())
    assert not (tmp_path / left).exists()  # the TemporaryDirectory's own clean-up ran


def test_a_thread_still_working_when_main_returns_finishes_first(tmp_path: Path) -> None:
    body = (
        "import threading, time, pathlib\n"
        "def later():\n"
        "    time.sleep(0.3)\n"
        "    pathlib.Path('thread.txt').write_text('finished')\n"
        "def main(argv):\n"
        "    threading.Thread(target=later).start()\n"
        "    return 0"
    )
    done = run_with(tmp_path, body)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "thread.txt").read_text() == "finished"


def test_an_uncaught_error_is_shown_and_exits_1(tmp_path: Path) -> None:
    done = run_with(tmp_path, "def main(argv):\n    raise RuntimeError('a bug')")
    assert done.returncode == 1
    assert "RuntimeError: a bug" in done.stderr


def test_help_is_as_wide_as_columns_says() -> None:
    env = {**os.environ, "COLUMNS": "50"}
    done = subprocess.run(
        [sys.executable, "-m", "scrutui.cli", "show", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert max(map(len, lines)) <= 48
    assert any("TRACKER/ID" in line for line in lines)
