"""The audit trail from the command line, as an officer types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrutui.cli import main
from tests.conftest import Clock, git


def run(capsys: pytest.CaptureFixture[str], workspace: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["-w", str(workspace), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_update_and_set_each_print_the_commit_they_made(
    workspace: Path, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    code, out, _ = run(
        capsys,
        workspace,
        "status",
        "R-2023-09-29-1",
        "G",
        "--update",
        "Report published.",
        "--date",
        "15/10/24",
    )
    sha = git(workspace, "rev-parse", "--short=7", "HEAD").strip()
    assert (code, out) == (0, f"Saved {sha}: R-2023-09-29-1: status Y -> G, update added\n")
    code, out, _ = run(capsys, workspace, "set", "A-2023-09-29-1", "item=Social value policy")
    assert code == 0 and out.endswith("A-2023-09-29-1: item changed\n")
    code, _, err = run(capsys, workspace, "set", "A-2023-09-29-1", "colour=red")
    assert (code, err.split(";")[0]) == (2, "scrutui: colour: not a field of an action")


def test_history_after_three_edits_lists_them_with_field_diffs_newest_first(
    workspace: Path, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    for n, (when, args) in enumerate(
        [
            ("2024-05-01T10:00:00", ["update", "R-2023-09-29-1", "Chased.", "--date", "01/05/24"]),
            ("2024-06-01T10:00:00", ["set", "R-2023-09-29-1", "leads=Melissa Sage; Tom Hudson"]),
            ("2024-07-01T10:00:00", ["status", "R-2023-09-29-1", "G", "--date", "01/07/24"]),
        ]
    ):
        clock.set(when)
        assert run(capsys, workspace, *args)[0] == 0, n
    code, out, _ = run(capsys, workspace, "history", "R-2023-09-29-1", "--json")
    entries = json.loads(out)
    edits = [e for e in entries if e["what"] == "changed"]
    assert [e["subject"] for e in edits] == [
        "R-2023-09-29-1: status Y -> G",
        "R-2023-09-29-1: leads changed",
        "R-2023-09-29-1: update added",
    ]
    assert edits[1]["changes"] == [
        {"field": "leads", "old": ["Melissa Sage"], "new": ["Melissa Sage", "Tom Hudson"]}
    ]
    code, out, _ = run(capsys, workspace, "history", "R-2023-09-29-1")
    assert out.startswith("R-2023-09-29-1: 4 versions, newest first\n\n")
    assert "01/07/2024 10:00  Test Officer: status Y -> G\n    last_reviewed:" in out

    first = entries[-1]["sha"]
    original = git(workspace, "show", f"{first}:pcs/R-2023-09-29-1.toml")
    code, out, _ = run(capsys, workspace, "restore", "R-2023-09-29-1", "--rev", first[:7])
    assert code == 0 and "restored to its version of 01/01/2024" in out
    assert (workspace / "pcs" / "R-2023-09-29-1.toml").read_text() == original
    assert git(workspace, "rev-list", "--count", "HEAD").strip() == "6"


def test_changes_since_the_last_meeting_read_as_a_markdown_list(
    workspace: Path, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    clock.set("2024-05-02T14:00:00")
    run(capsys, workspace, "status", "A-2023-09-29-1", "Y", "--date", "02/05/24")
    code, out, _ = run(capsys, workspace, "changes", "pcs", "--since", "11/04/24")
    assert code == 0
    assert out == (
        "## Changes to Performance & Corporate Services Overview & Scrutiny Committee since "
        "11/04/2024\n\n"
        "- **A-2023-09-29-1** (Members to be provided the data on contracts.): status R -> Y."
        " Test Officer, 02/05/2024 14:00.\n"
    )


def test_commit_outside_lists_a_bad_hand_edit_with_its_error_and_does_not_commit_it(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = workspace / "pcs" / "R-2023-09-29-1.toml"
    file.write_text(file.read_text().replace('status = "Y"', 'status = "Amber"'))
    code, out, _ = run(capsys, workspace, "commit-outside")
    assert code == 1
    assert out == (
        "not committed: pcs/R-2023-09-29-1.toml:11: status: unknown status code; "
        "found 'Amber'; allowed: R, Y, G\n"
    )
    assert git(workspace, "rev-list", "--count", "HEAD").strip() == "2"
    assert git(workspace, "status", "--porcelain") == " M pcs/R-2023-09-29-1.toml\n"


def test_new_archive_delete_and_undo_from_the_command_line(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        workspace,
        "new",
        "pcs",
        "--kind",
        "recommendation",
        "meeting=19/01/24",
        "item=Draft Customer Experience Strategy",
        "text=That the Council monitors complaints handling.",
        "leads=Cllr Neil Fawcett; Tom Parsons",
    )
    assert code == 0 and out.endswith("R-2024-01-19-1: new recommendation\n")
    shown = json.loads(run(capsys, workspace, "show", "R-2024-01-19-1", "--json")[1])
    assert shown["leads"] == ["Cllr Neil Fawcett", "Tom Parsons"] and shown["status"] == "R"
    assert run(capsys, workspace, "archive", "R-2024-01-19-1")[1].endswith("archived\n")
    assert run(capsys, workspace, "delete", "R-2024-01-19-1")[1].endswith("deleted\n")
    code, out, _ = run(capsys, workspace, "undo")
    assert code == 0 and "R-2024-01-19-1: undo of" in out
    assert (workspace / "pcs" / "R-2024-01-19-1.toml").exists()


@pytest.mark.parametrize(
    "command",
    [
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
        "history",
        "changes",
    ],
)
def test_every_audit_command_answers_help(command: str) -> None:
    exe = Path(sys.executable).parent / "scrutui"
    result = subprocess.run([str(exe), command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and f"usage: scrutui {command}" in result.stdout


def test_list_and_show_as_of_a_date_read_the_workspace_as_it_stood(
    workspace: Path, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    clock.set("2024-06-01T10:00:00")
    run(capsys, workspace, "status", "R-2023-09-29-1", "G")
    code, out, _ = run(capsys, workspace, "list", "pcs", "--as-of", "31/05/24", "--json")
    assert code == 0
    assert {r["id"]: r["status"] for r in json.loads(out)} == {
        "A-2023-09-29-1": "R",
        "R-2023-09-29-1": "Y",
    }
    code, out, _ = run(capsys, workspace, "show", "R-2023-09-29-1", "--as-of", "01/06/24")
    assert code == 0 and "Status: G" in out
