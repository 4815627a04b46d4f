"""scrutui's git hook: a pre-commit hook that refuses a hand commit of a record that does not
validate, and the check it runs on what is staged."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from scrutui.store.git import GitRepo
from scrutui.store.tomlfile import Problem
from scrutui.store.workspace import (
    NOT_RECORDS,
    TRACKER_FILE,
    TrackerState,
    WorkspaceError,
    parse_record,
    parse_tracker,
)


def install_hook(repo: GitRepo) -> Path:
    """Write `.git/hooks/pre-commit` (refused if one not scrutui's is there); its path."""
    hook = repo.git_dir / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    if hook.exists() and "scrutui" not in hook.read_text(errors="replace"):
        raise WorkspaceError(
            f"{hook} already exists and is not scrutui's; "
            "add `scrutui hooks run pre-commit` to it by hand"
        )
    hook.write_text(
        "#!/bin/sh\n"
        "# Installed by `scrutui hooks install`: refuse to commit a record that does not\n"
        "# validate. Remove this file to stop it.\n"
        f'exec "{sys.executable}" -m scrutui.cli --workspace "$(git rev-parse '
        '--show-toplevel)" hooks run pre-commit\n',
        encoding="utf-8",
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return hook


def staged_problems(repo: GitRepo) -> list[Problem]:
    """Problems in the staged versions of record files (what a commit would record)."""
    out = repo.run("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", strip=False)
    paths = [p for p in out.split("\x00") if p.endswith(".toml") and p.count("/") == 1]
    contents = repo.cat_files(f":{p}" for p in paths)
    trackers: dict[str, TrackerState] = {}
    problems: list[Problem] = []
    for path, raw in zip(paths, contents, strict=True):
        name, file_name = path.split("/")
        if name not in trackers:
            settings = repo.cat_files([f":{name}/{TRACKER_FILE}"])[0]
            tracker, tracker_problems = parse_tracker(settings or b"", name)
            trackers[name] = TrackerState(
                name, repo.root / name, tracker, problems=tracker_problems
            )
            problems += tracker_problems if file_name == TRACKER_FILE else []
        state = trackers[name]
        if file_name in NOT_RECORDS or state.tracker is None or raw is None:
            continue
        problems += parse_record(raw, path, file_name.removesuffix(".toml"), state.tracker)[1]
    return problems
