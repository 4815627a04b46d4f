"""The officer's own settings: a TOML file in the platform's config folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrutui.store.git import GitRepo, Identity
from scrutui.store.tomlfile import FileError, atomic_write, read_toml

CONFIG_ENV = "SCRUTUI_CONFIG"
WORKSPACE_ENV = "SCRUTUI_WORKSPACE"
CONFIG_TEMPLATE = """\
# scrutui settings. Every key is optional.

# Who your changes are by. Without this, git's own user.name and user.email are used.
# [officer]
# name = "Tom Hudson"
# email = "tom.hudson@example.gov.uk"

# theme = "textual-light"

# Remap any key binding by its id, e.g. "tracker.status" = "s,f2".
# [keymap]
"""


class ConfigError(Exception):
    """The config file cannot be used; the message names the file, line and key."""


class IdentityMissing(Exception):
    """Nobody to put as the author of a change."""

    def __init__(self) -> None:
        super().__init__(
            "scrutui does not know who you are, so it cannot record your change. Set your name "
            'and email once with `scrutui config officer "Your Name" you@council.gov.uk` '
            "(or git's own: git config --global user.name / user.email)."
        )


@dataclass(frozen=True, slots=True)
class Config:
    """What the officer set: their identity, theme, key map and default workspace."""

    path: Path
    officer: Identity | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    workspace: Path | None = None


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # 5 ms (it imports tempfile, shutil, random): only when needed

    return platformdirs.user_config_path("scrutui") / "config.toml"


def default_workspace_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("scrutui") / "workspace"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config(path)
    try:
        data, _ = read_toml(path, str(path))
    except FileError as error:
        raise ConfigError(str(error)) from None
    officer = data.get("officer", {})
    keymap = data.get("keymap", {})
    if not isinstance(officer, dict) or not isinstance(keymap, dict):
        raise ConfigError(f"{path}: [officer] and [keymap] must be tables")
    bad = [k for k, v in keymap.items() if not isinstance(v, str)]
    if bad:
        raise ConfigError(f'{path}: keymap.{bad[0]}: not text; allowed: keys like "s,f2"')
    identity = None
    if officer.get("name") and officer.get("email"):
        identity = Identity(str(officer["name"]), str(officer["email"]))
    workspace = data.get("workspace")
    return Config(
        path,
        identity,
        data.get("theme") if isinstance(data.get("theme"), str) else None,
        dict(keymap),
        Path(workspace).expanduser() if isinstance(workspace, str) else None,
    )


def set_config_value(path: Path, keys: tuple[str, ...], value: Any) -> None:
    """Set one key (e.g. ("officer", "name")), keeping the rest of the file as it was."""
    import tomlkit  # for writing only: reading the config needs tomllib alone

    text = path.read_text(encoding="utf-8") if path.exists() else CONFIG_TEMPLATE
    doc = tomlkit.parse(text)
    table: Any = doc
    for key in keys[:-1]:
        if key not in table:
            table[key] = tomlkit.table()
        table = table[key]
    table[keys[-1]] = value
    atomic_write(path, tomlkit.dumps(doc))


def resolve_identity(config: Config, repo: GitRepo | None) -> Identity:
    """The officer: scrutui's own setting, else git's user.name/email; IdentityMissing if none."""
    if config.officer:
        return config.officer
    identity = repo.identity() if repo else None
    if identity is None:
        raise IdentityMissing
    return identity
