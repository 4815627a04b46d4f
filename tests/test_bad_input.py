"""Bad input never crashes and never loses data; nothing reaches outside the workspace."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import DataTable

from scrutui.cli import main
from scrutui.store.workspace import load_workspace
from tests.conftest import git

GOOD = "pcs/A-2023-09-29-1.toml"

#: (file name, content, the message `validate` gives for it)
BAD_FILES = [
    ("malformed", b'kind = "action"\nstatus = Y\n', ":2: status: not valid TOML"),
    (
        "impossible-date",
        b'kind = "action"\nmeeting = 2024-02-31\n',
        ":2: meeting: not a real date: February 2024 has 29 days; found 2024-02-31",
    ),
    ("unknown-status", None, ": status: unknown status code; found 'Amber'; allowed: R, Y, G"),
    ("unknown-key", None, ": colour: unknown key; found 'colour'; allowed: kind,"),
    (
        "huge",
        b'kind = "action"\ntext = "' + b"x" * 10_000_000 + b'"\n',
        ": file too large: 10,000,026 bytes; a record file holds at most 2,000,000",
    ),
    (
        "nul-bytes",
        b'kind = "action"\n\x00\x00\x00',
        ":2: holds a NUL byte: this is not a text file",
    ),
    ("not-utf8", b'kind = "action"\ntext = "caf\xe9"\n', ":2: not UTF-8 text: byte 0xe9"),
    (
        "conflict-markers",
        b'kind = "action"\n<<<<<<< HEAD\nstatus = "Y"\n=======\nstatus = "G"\n>>>>>>> theirs\n',
        ":2: holds git conflict markers (<<<<<<<): resolve the conflict, or restore the file",
    ),
    ("empty", b"", ": the file is empty"),
]


@pytest.fixture
def bad_workspace(workspace: Path) -> Path:
    """The small workspace with every kind of bad record file added, A-2024-01-19-1 onwards."""
    good = (workspace / GOOD).read_bytes()
    for n, (_, content, _) in enumerate(BAD_FILES, start=1):
        if content is None:
            content = (
                good.replace(b'status = "R"', b'status = "Amber"')
                if n == 3
                else (good.replace(b'status = "R"', b'status = "R"\ncolour = "red"'))
            )
        (workspace / "pcs" / f"A-2024-01-19-{n}.toml").write_bytes(content)
    return workspace


def test_every_bad_file_gets_a_message_naming_it_and_the_good_records_stay_usable(
    bad_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(bad_workspace)]) == 1
    out = capsys.readouterr().out.splitlines()
    for n, (name, _, message) in enumerate(BAD_FILES, start=1):
        line = next((o for o in out if o.startswith(f"pcs/A-2024-01-19-{n}.toml")), "")
        assert message in line, (name, line)
    assert len(out) == len(BAD_FILES)
    assert main(["-w", str(bad_workspace), "list", "pcs"]) == 0
    listed = capsys.readouterr().out
    assert "R-2023-09-29-1" in listed and "A-2023-09-29-1" in listed
    assert main(["-w", str(bad_workspace), "status", "A-2023-09-29-1", "G"]) == 0
    assert git(bad_workspace, "log", "-1", "--format=%s").strip() == (
        "A-2023-09-29-1: status R -> G"
    )
    assert main(["-w", str(bad_workspace), "show", "A-2024-01-19-5"]) == 2
    assert "A-2024-01-19-5 does not load: pcs/A-2024-01-19-5.toml: file too large" in (
        capsys.readouterr().err
    )


async def test_the_app_lists_every_bad_file_and_edits_the_good_ones(
    bad_workspace: Path,
) -> None:
    from datetime import date

    from scrutui.ui.app import make_app
    from scrutui.ui.screens.problems import ProblemsScreen

    app = make_app(bad_workspace, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.query_one(DataTable).row_count == len(BAD_FILES)
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
    assert git(bad_workspace, "log", "-1", "--format=%s").strip() == (
        "A-2023-09-29-1: update added"
    )


def test_a_folder_that_is_not_a_repository_can_be_read_but_not_changed(
    tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(workspace / "pcs", plain / "pcs")
    assert main(["-w", str(plain), "list", "pcs"]) == 0
    capsys.readouterr()
    assert main(["-w", str(plain), "status", "A-2023-09-29-1", "G"]) == 2
    assert "is not a git repository, so changes cannot be recorded: run `scrutui init`" in (
        capsys.readouterr().err
    )


def test_a_broken_repository_gets_a_clear_message(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / ".git" / "HEAD").write_text("garbage\n")
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 2
    err = capsys.readouterr().err
    assert "is not a git repository" in err
    assert main(["-w", str(workspace), "list", "pcs"]) == 0


def test_a_detached_head_refuses_changes_that_would_be_on_no_branch(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(workspace, "checkout", "-q", "--detach")
    before = (workspace / GOOD).read_bytes()
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 2
    assert "HEAD is detached" in capsys.readouterr().err
    assert (workspace / GOOD).read_bytes() == before


def test_a_read_only_folder_gets_a_message_and_nothing_changes(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workspace / "pcs"
    locked = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if locked.returncode != 0:
        pytest.skip("this filesystem cannot make a folder read-only for root (chattr +i)")
    try:
        before = (workspace / GOOD).read_bytes()
        assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 2
        err = capsys.readouterr().err
        assert "Operation not permitted" in err or "Permission denied" in err
        assert (workspace / GOOD).read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert git(workspace, "status", "--porcelain") == ""
    assert git(workspace, "rev-list", "--count", "HEAD").strip() == "2"


NASTY_IDS = [
    "../../etc/passwd",
    "/etc/passwd",
    "pcs/../../x/R-2023-09-29-1",
    "C:\\R-1",
    "R-2023-09-29-1\x00",
    "..",
    "pcs/R-2023-09-29-1/../../../x",
    "~/R-1",
    "pcs\\..\\R-1",
]
NASTY_TRACKERS = ["../outside", "/tmp", "..", "C:\\x", "pcs\x00", "pcs/..", "~"]
ID_COMMANDS = [
    ["show", "{}"],
    ["set", "{}", "item=x"],
    ["status", "{}", "G"],
    ["update", "{}", "text"],
    ["complete", "{}"],
    ["archive", "{}"],
    ["restore", "{}"],
    ["delete", "{}"],
    ["history", "{}"],
]
TRACKER_COMMANDS = [
    ["list", "{}"],
    ["new", "{}", "--kind", "action", "meeting=19/01/24", "item=x", "text=y"],
    ["render", "{}"],
    ["chase", "{}"],
    ["changes", "{}", "--since", "01/01/24"],
]


@pytest.mark.parametrize("command", ID_COMMANDS, ids=[c[0] for c in ID_COMMANDS])
def test_no_record_id_can_point_outside_the_workspace(
    workspace: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(workspace, "rev-parse", "HEAD")
    outside = sorted(p.name for p in tmp_path.iterdir())
    for nasty in NASTY_IDS:
        argv = ["-w", str(workspace), *(a.format(nasty) for a in command)]
        assert main(argv) == 2, nasty
        err = capsys.readouterr().err
        assert "not a record id" in err or "not a tracker name" in err, (nasty, err)
    assert git(workspace, "rev-parse", "HEAD") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside


@pytest.mark.parametrize("command", TRACKER_COMMANDS, ids=[c[0] for c in TRACKER_COMMANDS])
def test_no_tracker_name_can_point_outside_the_workspace(
    workspace: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(workspace, "rev-parse", "HEAD")
    outside = sorted(p.name for p in tmp_path.iterdir())
    for nasty in NASTY_TRACKERS:
        argv = ["-w", str(workspace), *(a.format(nasty) for a in command)]
        assert main(argv) == 2, nasty
        assert "not a tracker name" in capsys.readouterr().err, nasty
    assert git(workspace, "rev-parse", "HEAD") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside


def test_a_symlink_in_the_workspace_is_refused_not_followed(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text(
        'kind = "action"\nmeeting = 2024-01-19\nitem = "x"\ntext = "secret"\nstatus = "R"\n'
    )
    (workspace / "pcs" / "A-2024-01-19-9.toml").symlink_to(secret)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "tracker.toml").write_text((workspace / "pcs" / "tracker.toml").read_text())
    (workspace / "linked").symlink_to(elsewhere)
    problems = [str(p) for p in load_workspace(workspace).problems]
    assert "pcs/A-2024-01-19-9.toml: is a symbolic link; records must be files" in problems
    assert (
        "linked/tracker.toml: the tracker folder is a symbolic link; trackers must be "
        "folders inside the workspace"
    ) in problems
    assert main(["-w", str(workspace), "show", "A-2024-01-19-9"]) == 2
    assert "secret" not in capsys.readouterr().out


def test_an_exempt_record_is_never_in_a_published_paper_unless_asked_for(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "-w",
                str(workspace),
                "set",
                "A-2023-09-29-1",
                "exempt=yes",
                "text=Closed session: the sale of the depot.",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["-w", str(workspace), "render", "pcs"]) == 0
    assert "the sale of the depot" not in capsys.readouterr().out
    assert main(["-w", str(workspace), "render", "pcs", "--include-exempt"]) == 0
    assert "the sale of the depot" in capsys.readouterr().out


async def test_the_app_says_why_a_workspace_did_not_open(tmp_path: Path) -> None:
    from datetime import date

    from textual.widgets import Static

    from scrutui.ui.app import make_app

    plain = tmp_path / "not-a-repository"
    plain.mkdir()
    app = make_app(plain, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#loading", Static).render())
    assert shown.startswith("The workspace did not open.")
    assert "is not a git repository, so changes cannot be recorded" in shown


def test_an_interrupted_save_is_named_and_committed_with_its_own_message(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a kill between writing the file and committing it leaves, finished on restart."""
    import json

    record = workspace / GOOD
    record.write_text(record.read_text().replace('status = "R"', 'status = "Y"'))
    pending = workspace / ".git" / "scrutui" / "pending-save.json"
    pending.parent.mkdir(exist_ok=True)
    pending.write_text(
        json.dumps(
            {
                "paths": [GOOD],
                "message": "A-2023-09-29-1: status R -> Y\n\nstatus: R -> Y\n",
                "author": ["Tom Hudson", "tom@example.gov.uk"],
            }
        )
    )
    assert main(["-w", str(workspace), "update", "A-2023-09-29-1", "More."]) == 2
    assert "the save 'A-2023-09-29-1: status R -> Y' was interrupted" in capsys.readouterr().err
    assert main(["-w", str(workspace), "commit-outside"]) == 0
    assert git(workspace, "log", "-1", "--format=%an|%s|%b").startswith(
        "Tom Hudson|A-2023-09-29-1: status R -> Y|Saved on the next start: the save was "
        "interrupted before its commit."
    )
    assert not pending.exists()
