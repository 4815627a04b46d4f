"""Shared fixtures: a hidden home and config, a fixed git identity and clock, workspaces."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from scrutui.store.config import set_config_value

# Timing is noise on the shared 2-core machines: no deadlines, no "generation is slow" checks.
UNTIMED = [HealthCheck.too_slow]
settings.register_profile("untimed", deadline=None, suppress_health_check=UNTIMED)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "untimed"))

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


SMALL_TRACKER = {
    "kind": "committee",
    "title": "Action and Recommendation Tracker",
    "committee": "Performance & Corporate Services Overview & Scrutiny Committee",
    "chair": "Councillor Eddie Reeves",
    "officer": "Tom Hudson",
    "officer_email": "tom.hudson@oxfordshire.gov.uk",
    "response_period": "2 months",
}
SOCIAL_VALUE = (
    "That the Council clarifies the objectives it wishes to achieve through its social value "
    "policy, choosing measures and weightings which support those objectives."
)


def write_small_workspace(root: Path) -> Path:
    """A committee tracker `pcs` with one recommendation and one action, committed once."""
    from datetime import date

    from scrutui.domain.status import PRESETS
    from scrutui.store.git import Identity
    from scrutui.store.tomlfile import new_document
    from scrutui.store.workspace import init_workspace

    settings = dict(
        SMALL_TRACKER,
        meetings=[date(2023, 9, 29), date(2024, 1, 19), date(2024, 4, 11), date(2024, 11, 20)],
    )
    settings["status"] = PRESETS["ryg"].to_data()
    init_workspace(root, "pcs", new_document(settings), Identity("Set Up", "setup@example.org"))
    files = {
        "R-2023-09-29-1": {
            "kind": "recommendation",
            "meeting": date(2023, 9, 29),
            "item": "Social Value",
            "text": SOCIAL_VALUE,
            "leads": ["Melissa Sage"],
            "last_reviewed": date(2024, 4, 11),
            "status": "Y",
            "decision": "Partially Accepted",
            "response": "Specification remains the key element.",
            "updates": [{"date": date(2024, 4, 11), "text": "A report is expected in September."}],
        },
        "A-2023-09-29-1": {
            "kind": "action",
            "meeting": date(2023, 9, 29),
            "item": "Social Value",
            "text": "Members to be provided the data on contracts.",
            "leads": ["Melissa Sage"],
            "last_reviewed": date(2024, 4, 11),
            "status": "R",
        },
    }
    for record_id, data in files.items():
        (root / "pcs" / f"{record_id}.toml").write_text(new_document(data), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add the Social Value records")
    return root


@pytest.fixture
def workspace(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    """A small committed workspace, its commits dated 1 January 2024."""
    return write_small_workspace(tmp_path / "ws")


def kill_and_let_git_finish(child: subprocess.Popen[str]) -> None:
    """SIGKILL the scrutui process, then wait for the git it may have started (in its
    session) to end, as it would before the officer starts scrutui again: checking the
    repository while an orphaned `git commit` is still writing would test git, not us."""
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError("a git started by the killed process did not finish in 30 s")
