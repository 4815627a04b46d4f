"""Shared fixtures: a hidden home and config, a fixed git identity and clock, workspaces."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutui.store.config import set_config_value

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "data"
SEEDS = Path(__file__).resolve().parent / "seeds"
OFFICER = ("Test Officer", "test.officer@example.gov.uk")


class Clock:
    """Fixed, advancing commit dates, so hashes and histories are the same on every run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.set("2024-01-01T09:00:00")

    def set(self, when: str) -> None:
        stamp = f"{when} +0000"
        self.monkeypatch.setenv("GIT_AUTHOR_DATE", stamp)
        self.monkeypatch.setenv("GIT_COMMITTER_DATE", stamp)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Hide the developer's own home, config, data folder and git settings from every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("SCRUTUI_CONFIG", str(home / ".config" / "scrutui" / "config.toml"))
    for name in (
        "SCRUTUI_WORKSPACE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def officer(isolated: Path, clock: Clock) -> tuple[str, str]:
    """The officer set in scrutui's own config, as `scrutui config officer` would."""
    path = isolated / ".config" / "scrutui" / "config.toml"
    set_config_value(path, ("officer", "name"), OFFICER[0])
    set_config_value(path, ("officer", "email"), OFFICER[1])
    return OFFICER


HAND = ("-c", "user.name=Hand Editor", "-c", "user.email=hand.editor@example.gov.uk")


def git(root: Path, *args: str) -> str:
    """Run git as a person at the terminal would (as "Hand Editor"); its output."""
    return subprocess.run(
        ["git", *HAND, *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def sample_workspace(tmp_path: Path, officer: tuple[str, str]) -> Iterator[Path]:
    """A workspace made from the sample trackers in data/, committed once."""
    from scrutui.store.git import Identity
    from scrutui.store.workspace import create_from_samples

    root = tmp_path / "workspace"
    create_from_samples(root, DATA, Identity(*officer))
    yield root
    shutil.rmtree(root, ignore_errors=True)
