"""Issue 15.14 and 15.15: a workspace handed over by someone else runs none of its code, and
git's own identity variables are honoured.

A crafted `.git` (hooks, a hooks path, a file-system monitor, a filter driver, an upload
program) must run nothing when scrutui saves, undoes, commits outside changes or syncs; the
officer's own validation hook still guards commits made by hand. `render -o` never writes
through a symbolic link.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from scrutui.cli import main
from tests.conftest import HAND, git

RECORD = "pcs/A-2023-09-29-1.toml"
HOOKS = (
    "pre-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "reference-transaction",
    "pre-push",
    "post-checkout",
    "post-index-change",
    "pre-auto-gc",
)


def _script(path: Path, marker: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\ncat >/dev/null 2>&1 || true\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def crafted(workspace: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The small workspace with every trap a `.git` folder can hold; the marker file each
    trap appends to when it runs."""
    marker = tmp_path / "ran.txt"
    dot_git = workspace / ".git"
    for hook in HOOKS:
        _script(dot_git / "hooks" / hook, marker)
        _script(tmp_path / "elsewhere-hooks" / hook, marker)
    _script(tmp_path / "fsmonitor", marker)
    _script(tmp_path / "upload-pack", marker)
    bare = tmp_path / "shared.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    with (dot_git / "config").open("a") as config:
        config.write(
            f"[core]\n\tfsmonitor = {tmp_path / 'fsmonitor'}\n"
            f"[filter \"trap\"]\n\tclean = sh -c 'echo clean >> {marker}; cat'\n"
            f"\tsmudge = sh -c 'echo smudge >> {marker}; cat'\n"
            f'[remote "origin"]\n\turl = {bare}\n'
            f"\tuploadpack = {tmp_path / 'upload-pack'}\n"
            f"\treceivepack = {tmp_path / 'upload-pack'}\n"
            "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
        )
    # the hooks path set in an included file, as a careful attacker would
    (dot_git / "extra.cfg").write_text(f"[core]\n\thooksPath = {tmp_path / 'elsewhere-hooks'}\n")
    with (dot_git / "config").open("a") as config:
        config.write("[include]\n\tpath = extra.cfg\n")
    (dot_git / "info").mkdir(exist_ok=True)
    (dot_git / "info" / "attributes").write_text("*.toml filter=trap\n")
    return workspace, marker


def test_a_crafted_git_folder_runs_nothing_when_scrutui_saves_undoes_and_syncs(
    crafted: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, marker = crafted
    w = ["-w", str(workspace)]
    assert main([*w, "status", "A-2023-09-29-1", "G"]) == 0
    assert main([*w, "update", "R-2023-09-29-1", "A new update."]) == 0
    assert main([*w, "undo"]) == 0
    assert main([*w, "new", "pcs", "--kind", "action", "meeting=19/01/24", "item=x", "text=y"]) == 0
    file = workspace / RECORD
    file.write_text(file.read_text().replace('status = "G"', 'status = "Y"'))
    assert main([*w, "commit-outside"]) == 0
    assert main([*w, "sync"]) == 0, capsys.readouterr().err
    assert main([*w, "history", "A-2023-09-29-1"]) == 0
    assert main([*w, "validate"]) == 0
    assert not marker.exists(), marker.read_text()
    # it really was a trap: git run by hand springs it
    git(workspace, "commit", "-q", "--allow-empty", "-m", "by hand")
    assert marker.exists()


def test_the_officers_own_validation_hook_still_refuses_a_bad_hand_commit(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(workspace), "hooks", "install"]) == 0
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 0  # not in its way
    file = workspace / RECORD
    file.write_text(file.read_text().replace('status = "G"', 'status = "Purple"'))
    git(workspace, "add", RECORD)
    refused = subprocess.run(
        ["git", *HAND, "commit", "-q", "-m", "by hand"],
        cwd=workspace,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "status: unknown status code" in refused.stdout + refused.stderr


def test_render_never_writes_through_a_symbolic_link(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    for name in ("paper.md", "paper.docx"):
        link = tmp_path / name
        link.symlink_to(victim)
        assert main(["-w", str(workspace), "render", "pcs", "-o", str(link)]) == 2
        assert "is a symbolic link: scrutui never writes a paper through one" in (
            capsys.readouterr().err
        )
        assert victim.read_text() == "precious\n"
    out = tmp_path / "real.md"
    assert main(["-w", str(workspace), "render", "pcs", "-o", str(out)]) == 0
    assert "Social Value" in out.read_text()
    assert not list(tmp_path.glob(".real.md.*"))  # no temporary file left beside it


def test_gits_own_identity_variables_are_used_when_scrutui_has_no_officer_set(
    workspace: Path,
    isolated: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (isolated / ".config" / "scrutui" / "config.toml").unlink()
    unset = subprocess.run(["git", "config", "user.name"], cwd=workspace, capture_output=True)
    assert unset.returncode == 1  # git has no user.name here
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Build Robot")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "robot@example.gov.uk")
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 0, (
        capsys.readouterr().err
    )
    assert git(workspace, "log", "-1", "--format=%an <%ae>|%s").strip() == (
        "Build Robot <robot@example.gov.uk>|A-2023-09-29-1: status R -> G"
    )
