"""Start-up: the command line's read-only commands import only what they use.

As Harlequin's tests/unit_tests/test_import_hygiene.py does for its CLI: each command runs in
a fresh interpreter that writes its `sys.modules` when the command is done, and the test
checks what is not there. Textual (the app), tomlkit (writing files), GitPython, pandoc, the
importers and the version's `importlib.metadata` cost 5 to 160 ms each at start, and a
command that reads the files needs none of them (issue 21).
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrutui.cli import ERRORS, main, reported
from tests.conftest import REPO_ROOT

#: Modules (and their submodules) a read-only command must not import.
HEAVY = (
    "textual",
    "rich",
    "tomlkit",
    "git",
    "gitdb",
    "pypandoc",
    "importlib.metadata",
    "scrutui.ui",
    "scrutui.importers.",  # its modules (the package and `orders`, names only, allowed)
    "ctypes",  # only to replace a file in one step (writing)
    "hashlib",  # only to hash a file as git does (saving, changes made outside)
)
ALLOWED = ("scrutui.importers.orders",)

PROBE = """
import json, sys
from scrutui.cli import main
out, argv = sys.argv[1], sys.argv[2:]
code = main(argv)
with open(out, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""

COMMITTEE = "oxfordshire-pcs-tracker"
PEER = "oxford-city-peer-challenge-2024"
ENGAGEMENT = "oxford-city-oiep-you-said-we-did-2023-07"

READ_ONLY = {
    "list": ["list", COMMITTEE],
    "list --json": ["list", PEER, "--json"],
    "show": ["show", f"{COMMITTEE}/A-2023-09-29-1"],
    "show by id alone": ["show", "A-2023-09-29-1", "--json"],
    "validate": ["validate"],
    "render a committee paper": ["render", COMMITTEE],
    "render a peer-challenge paper": ["render", PEER, "--to", "md"],
    "render an engagement paper": ["render", ENGAGEMENT],
    "chase": ["chase", COMMITTEE],
}


def imported_by(workspace: Path, tmp_path: Path, argv: list[str]) -> set[str]:
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), "-w", str(workspace), *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(out.read_text())
    assert found["code"] == 0, result.stderr
    return set(found["modules"])


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(
        m
        for m in modules
        if m not in ALLOWED
        and any(m == h or m.startswith(h if h.endswith(".") else f"{h}.") for h in HEAVY)
    )


@pytest.mark.parametrize("argv", READ_ONLY.values(), ids=READ_ONLY.keys())
def test_a_read_only_command_imports_neither_textual_nor_tomlkit(
    sample_workspace: Path, tmp_path: Path, argv: list[str]
) -> None:
    first = imported_by(sample_workspace, tmp_path, argv)  # writes the record caches
    again = imported_by(sample_workspace, tmp_path, argv)  # reads them
    assert heavy_in(first) == []
    assert heavy_in(again) == []
    assert "scrutui.cli" in again  # the probe did run the command line


def test_show_imports_no_shutil_for_its_help_width(sample_workspace: Path, tmp_path: Path) -> None:
    """argparse asks `shutil` for the terminal's width (its import is a tenth of `show`)."""
    assert "shutil" not in imported_by(sample_workspace, tmp_path, READ_ONLY["show"])


def test_the_probe_sees_what_a_command_that_writes_imports(
    sample_workspace: Path, tmp_path: Path
) -> None:
    """The check can fail: a command that edits a record imports tomlkit and GitPython."""
    modules = imported_by(sample_workspace, tmp_path, ["status", "A-2023-09-29-1", "G"])
    assert "tomlkit" in modules and "git" in modules


def test_every_error_the_command_line_reports_is_an_exception_class() -> None:
    """`ERRORS` names classes without importing them: each name must still be one."""
    for name in ERRORS:
        module, _, cls = name.rpartition(".")
        found = getattr(importlib.import_module(module), cls)
        assert isinstance(found, type) and issubclass(found, Exception), name
        assert f"{found.__module__}.{found.__qualname__}" == name  # where it is defined
        assert not issubclass(found, OSError), name  # those get the OSError message
        assert reported(found.__new__(found))
        narrower = type("Narrower", (found,), {})  # a subclass is reported too
        assert reported(narrower.__new__(narrower))


def test_an_error_that_is_not_reported_is_raised() -> None:
    assert not reported(ValueError("a bug"))


def test_an_unknown_tracker_is_a_message_not_a_traceback(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(sample_workspace), "list", "no-such-tracker"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scrutui: no tracker 'no-such-tracker'")
    assert COMMITTEE in err  # the trackers there are, named


def test_the_version_is_the_installed_packages_version() -> None:
    from importlib.metadata import version

    import scrutui

    assert scrutui.__version__ == version("scrutui")


def test_show_of_tracker_and_id_reads_that_record_even_beside_a_broken_one(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sample_workspace / COMMITTEE
    (folder / "R-2023-04-28-1.toml").write_text('kind = "recommendation"\ntext = \n')
    assert main(["-w", str(sample_workspace), "show", f"{COMMITTEE}/A-2023-09-29-1"]) == 0
    assert capsys.readouterr().out.startswith(f"{COMMITTEE}/A-2023-09-29-1")
    assert main(["-w", str(sample_workspace), "show", f"{COMMITTEE}/R-2023-04-28-1"]) == 2
    err = capsys.readouterr().err
    assert "R-2023-04-28-1 does not load: " in err and "R-2023-04-28-1.toml" in err
    assert main(["-w", str(sample_workspace), "show", f"{COMMITTEE}/R-2099-01-01-1"]) == 2
    assert f"no record '{COMMITTEE}/R-2099-01-01-1'" in capsys.readouterr().err


def test_each_command_is_registered_by_the_module_the_command_line_names() -> None:
    """`COMMANDS` says which module to import for a command: it must say it rightly."""
    import argparse

    from scrutui.cli import COMMANDS, MODULES

    registered = {}
    for name in MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"scrutui.cli.{name}").register(sub)
        registered |= dict.fromkeys(sub.choices, name)
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "found"),
    [
        (["list", "pcs"], "list"),
        (["-w", "/tmp/x", "show", "A-1"], "show"),
        (["--workspace", "list", "render", "pcs"], "render"),  # a folder called "list"
        (["--workspace=/tmp/x", "chase", "pcs"], "chase"),
        (["-w/tmp/x", "validate"], "validate"),
        (["--help"], None),
        (["-w", "/tmp/x"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_the_options_before_it(
    argv: list[str], found: str | None
) -> None:
    from scrutui.cli import command_in

    assert command_in(argv) == found


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from scrutui.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_a_repository_that_is_not_ordinary_still_gets_gitpythons_checks(tmp_path: Path) -> None:
    """GitPython is skipped only for an ordinary `.git` folder: a bare repository, one whose
    config says bare, or a HEAD that is not one are refused as before."""
    from scrutui.store.git import GitError, GitRepo

    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    with pytest.raises(GitError, match=r"is not a git repository|bare repository"):
        GitRepo(bare)
    said_bare = tmp_path / "said-bare"
    subprocess.run(["git", "init", "-q", str(said_bare)], check=True)
    subprocess.run(["git", "-C", str(said_bare), "config", "core.bare", "true"], check=True)
    with pytest.raises(GitError, match="bare repository"):
        GitRepo(said_bare)
    plain = tmp_path / "plain"
    subprocess.run(["git", "init", "-q", str(plain)], check=True)
    assert GitRepo(plain).git_dir == plain / ".git"
    (plain / ".git" / "HEAD").write_text("garbage\n")
    with pytest.raises(GitError, match="is not a git repository"):
        GitRepo(plain)
