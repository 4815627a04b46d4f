"""A machine-local cache of parsed records under `.git/scrutui/cache/`, keyed on each file's stat.

Opening a workspace of 10,000 records costs about two seconds of tomllib parsing; a stat of
every file and one unpickle per tracker cost a tenth of that (docs/floors). So each tracker's
records, as parsed and validated, are kept in `.git/scrutui/cache/TRACKER.pickle`: inside the
repository's git folder, never committed, never in a work tree, and never in a folder that
has no `.git` folder of its own (the sample trackers, scrutui's own checkout).

An entry is used only if all of these are unchanged, and otherwise the file is parsed again:

- the file's (mode, inode, size, mtime_ns, ctime_ns): an edit, a `git checkout`, a copy or a
  rename changes at least one (ctime cannot be set back by `touch` or `rsync -t`);
- the tracker's settings as parsed from its tracker.toml (records are validated against them);
- scrutui's version and the size and mtime of its domain and store modules (the code that
  parses and validates), and the cache format.

A file modified less than `RACY_NS` before the cache is written is not stored, as git does for
its "racily clean" index entries: a second edit within the same clock tick would keep the same
stat. A cache that cannot be read, for any reason, is ignored and written again; one that
cannot be written is skipped. The cache trusts what is in the repository's own `.git` folder,
as git does its hooks: anyone who can write there can already run code through git.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import scrutui
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.store.tomlfile import Problem

#: Bump when what is pickled changes shape.
FORMAT = 1
#: Files changed this recently (ns) are parsed but not cached: their stat may not change again.
RACY_NS = 2_000_000_000
CACHE_FOLDER = ("scrutui", "cache")

Key = tuple[int, int, int, int, int]
Loaded = tuple[Record | None, list[Problem]]
_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """scrutui's version and the stat of the modules that parse and validate a record."""
    global _code_fingerprint
    if _code_fingerprint is None:
        package = Path(scrutui.__file__).resolve().parent
        parts = [str(FORMAT), scrutui.__version__, sys.version.split()[0]]
        for folder in ("domain", "store"):
            for module in sorted((package / folder).rglob("*.py")):  # domain/specs too
                info = module.stat()
                name = module.relative_to(package).as_posix()
                parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        _code_fingerprint = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _code_fingerprint


def cache_folder(workspace: Path) -> Path | None:
    """Where a workspace's caches live, or None if `workspace` has no `.git` folder."""
    git_dir = workspace / ".git"
    return git_dir.joinpath(*CACHE_FOLDER) if git_dir.is_dir() else None


class RecordCache:
    """The records of one tracker folder as last parsed, for `load_tracker`.

    `lookup` each record file (in place of a stat), `store` what was parsed for every file,
    then `save` once. A cache for a tracker that does not load, or outside a repository, is
    disabled: it finds nothing and saves nothing.
    """

    def __init__(self, file: Path | None, tracker: Tracker | None) -> None:
        self.file = file if tracker is not None else None
        self.tracker = tracker
        self.entries: dict[str, tuple[Key, Loaded]] = {}
        self.kept: dict[str, tuple[Key, Loaded]] = {}
        self.keys: dict[str, Key] = {}
        self.changed = False

    @staticmethod
    def exists_for(folder: Path) -> bool:
        """Whether the tracker at `folder` has a cache (perhaps stale: `open` checks)."""
        where = cache_folder(folder.parent)
        return where is not None and (where / f"{folder.name}.pickle").is_file()

    @classmethod
    def open(cls, folder: Path, tracker: Tracker | None) -> RecordCache:
        """The cache of the tracker at `folder`, read if it is valid for `tracker`."""
        where = cache_folder(folder.parent)
        cache = cls(where / f"{folder.name}.pickle" if where else None, tracker)
        cache.entries = cache._read()
        return cache

    def _read(self) -> dict[str, tuple[Key, Loaded]]:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as handle:
                data = pickle.load(handle)
            if (
                isinstance(data, dict)
                and data.get("code") == code_fingerprint()
                and data.get("tracker") == self.tracker
                and isinstance(data.get("entries"), dict)
            ):
                entries: dict[str, tuple[Key, Loaded]] = data["entries"]
                return entries
        except Exception:  # missing, corrupt, or from another scrutui: parse the files
            pass
        self.changed = True
        return {}

    def lookup(self, file: Path) -> tuple[tuple[int, int], Loaded | None]:
        """The file's (mtime_ns, size) stamp, and what it held if it is unchanged since cached."""
        try:
            info = os.lstat(file)
        except OSError:
            return (0, -1), None
        if stat.S_ISLNK(info.st_mode):
            try:
                target = file.stat()
                return (target.st_mtime_ns, target.st_size), None
            except OSError:
                return (0, -1), None
        key: Key = (info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        self.keys[file.name] = key
        entry = self.entries.get(file.name)
        return (info.st_mtime_ns, info.st_size), entry[1] if entry and entry[0] == key else None

    def store(self, file: Path, loaded: Loaded) -> None:
        """Keep what `file` held, as parsed after its `lookup`."""
        key = self.keys.get(file.name)
        if key is None or self.file is None:
            return
        if key[3] > time.time_ns() - RACY_NS:
            self.changed = True
            return
        entry = (key, loaded)
        if self.entries.get(file.name, (None,))[0] != key:
            self.changed = True
        self.kept[file.name] = entry

    def save(self) -> None:
        """Write the cache if anything changed: atomically, and never failing the load."""
        if self.file is None or not (self.changed or self.kept.keys() != self.entries.keys()):
            return
        data: dict[str, Any] = {"code": code_fingerprint(), "tracker": self.tracker}
        data["entries"] = self.kept
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, self.file)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
