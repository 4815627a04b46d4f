"""The command line: init, validate, list, show, config, and the default workspace."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.domain.records import new_id
from scrutui.store.git import GitRepo
from scrutui.store.workspace import load_workspace, used_ids
from tests.conftest import REPO_ROOT, git


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_makes_a_workspace_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init", str(tmp_path / "w"))
    assert code == 0 and "Created workspace" in out
    code, _, err = run(capsys, "validate", str(tmp_path / "w"))
    assert code == 0 and "0 problems" in err
    assert git(tmp_path / "w", "log", "--format=%an|%s").strip() == (
        "scrutui|Create workspace with tracker committee"
    )
    assert git(tmp_path / "w", "status", "--porcelain") == ""


def test_init_with_the_peer_challenge_preset_uses_complete_and_ongoing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init", str(tmp_path / "w"), "--preset", "peer-challenge")[0] == 0
    state = load_workspace(tmp_path / "w").trackers["peer-challenge"]
    assert state.tracker is not None
    assert state.tracker.scheme.codes == ("Ongoing", "Complete")


def test_validate_exits_1_naming_the_file_line_and_field_of_each_bad_record(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = sample_workspace / "oxfordshire-pcs-tracker" / "A-2023-09-29-1.toml"
    record.write_text(
        record.read_text()
        .replace('status = "Y"', 'status = "X"')
        .replace("last_reviewed = 2024-04-11", "last_reviewed = 2024-02-30")
    )
    code, out, _ = run(capsys, "validate", str(sample_workspace))
    assert code == 1
    assert out.splitlines() == [
        "oxfordshire-pcs-tracker/A-2023-09-29-1.toml:11: last_reviewed: not a real date: "
        "February 2024 has 29 days; found 2024-02-30; allowed: a real date written like "
        "2024-02-29",
    ]
    record.write_text(record.read_text().replace("2024-02-30", "2024-02-29"))
    code, out, _ = run(capsys, "validate", str(record))
    assert code == 1
    assert out.startswith(
        "oxfordshire-pcs-tracker/A-2023-09-29-1.toml:12: status: unknown "
        "status code; found 'X'; allowed: R, Y, G"
    )


def test_list_filters_by_status_and_lead_and_prints_json(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "-w",
        str(sample_workspace),
        "list",
        "oxfordshire-pcs-tracker",
        "--lead",
        "melissa",
        "--json",
    )
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["A-2023-09-29-1", "R-2023-09-29-1", "R-2023-09-29-2"]
    assert rows[1]["meeting"] == "2023-09-29" and rows[1]["leads"] == ["Melissa Sage"]
    code, out, _ = run(
        capsys, "-w", str(sample_workspace), "list", "oxfordshire-pcs-tracker", "--status", "G"
    )
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == [
        f"R-2024-01-19-{n}" for n in range(1, 7)
    ]
    code, out, _ = run(
        capsys, "-w", str(sample_workspace), "list", "oxfordshire-pcs-tracker", "--status", "R"
    )
    assert code == 0 and out == ""
    code, _, err = run(
        capsys, "-w", str(sample_workspace), "list", "oxfordshire-pcs-tracker", "--status", "Q"
    )
    assert code == 2 and "unknown status 'Q'" in err and "allowed: R, Y, G" in err


def test_show_prints_the_record_with_its_labels_and_dated_updates(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "-w", str(sample_workspace), "show", "R-2023-09-29-1")
    assert code == 0
    assert out.splitlines()[:4] == [
        "oxfordshire-pcs-tracker/R-2023-09-29-1  (Recommendation)",
        "Meeting date: 29/09/2023",
        "Item: Social Value",
        "Recommendation:",
    ]
    assert "Executive decision: Partially Accepted" in out
    assert "Update (11/04/2024):" in out


@pytest.mark.parametrize("ref", ["../etc/passwd", "/abs/R-1", "R-1/../../x", "C:R-1", "R-1\x00"])
def test_show_refuses_ids_that_are_paths(
    sample_workspace: Path, ref: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "-w", str(sample_workspace), "show", ref)
    assert code == 2 and ("not a record id" in err or "not a tracker name" in err)


def test_an_id_is_never_reused_after_its_record_is_deleted(sample_workspace: Path) -> None:
    tracker = "oxfordshire-pcs-tracker"
    repo = GitRepo(sample_workspace)
    git(sample_workspace, "rm", "-q", f"{tracker}/R-2023-09-29-2.toml")
    git(sample_workspace, "commit", "-q", "-m", "Delete R-2023-09-29-2")
    state = load_workspace(sample_workspace).trackers[tracker]
    assert "R-2023-09-29-2" not in state.ids
    from datetime import date

    allocated = new_id("recommendation", used_ids(repo, state), meeting=date(2023, 9, 29))
    assert allocated == "R-2023-09-29-3"


def test_the_default_workspace_is_made_from_the_samples_in_the_user_data_folder(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", "oxfordshire-pcs-tracker")
    root = isolated / ".local" / "share" / "scrutui" / "workspace"
    assert code == 0 and f"Created your workspace from the sample trackers: {root}" in err
    assert "R-2023-09-29-1" in out
    assert git(root, "log", "--format=%s").startswith("Create workspace from the sample trackers")
    assert git(REPO_ROOT, "status", "--porcelain", "--untracked-files=all", "--", "data") == ""


def test_a_workspace_inside_the_source_checkout_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "-w", str(REPO_ROOT / "data"), "list", "oxfordshire-pcs-tracker")
    assert code == 2 and "source checkout" in err


def test_the_installed_command_answers_help_for_every_subcommand() -> None:
    exe = Path(sys.executable).parent / "scrutui"
    for command in ([], ["init"], ["validate"], ["list"], ["show"], ["config"]):
        result = subprocess.run([str(exe), *command, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage: scrutui" in result.stdout
