"""The audit trail read for the annual report: for every record file, each commit that made,
changed or deleted it, with the status it left and whether it had a decision or a response.

Two processes read the whole history, however long: one `git log --raw` (which files each
commit changed, and their blob ids) and one `git cat-file --batch` (every version); what they
found is cached, so the next report reads only the commits made since. Only
three top-level keys matter here, so the versions are scanned, not parsed as TOML. The figures
themselves are worked out from these steps in `scrutui.papers.report`.

The workspace's own settings (`scrutui.toml` at its root, shared by every officer through git)
are read here too: the day the municipal year starts.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from scrutui.domain.records import ID_CHARS
from scrutui.store.cache import code_fingerprint
from scrutui.store.git import GitError, GitRepo
from scrutui.store.tomlfile import FileError, Problem, read_toml
from scrutui.store.workspace import WorkspaceError, without_collection

SETTINGS_FILE = "scrutui.toml"
_FORMAT = "%x1e%H%x1f%aI"
_ZERO = b"0" * 40
#: A top-level key line as scrutui writes it (and as people type it).
_KEY = re.compile(rb"^[ \t]*(status|decision|response)[ \t]*=[ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)
_TABLE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
_MONTHS = {
    name: n
    for n, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class Step:
    """A record file as one commit left it: does it exist, its status, is it answered."""

    sha: str
    day: date
    exists: bool
    status: str | None
    answered: bool


@dataclass
class Trail:
    """Each record file's steps, oldest first, keyed by its path ("tracker/ID.toml")."""

    steps: dict[str, list[Step]] = field(default_factory=dict)
    commits: int = 0

    def of(self, tracker: str, record_id: str) -> list[Step]:
        return self.steps.get(f"{tracker}/{record_id}.toml", [])


def _value(text: str) -> str:
    """A TOML string value as written on one line: its text without quotes ('' if empty)."""
    if text.startswith(('"""', "'''")):
        return text[3:] or "\n"  # a multi-line string starts here: not empty
    if text[:1] in ("'", '"'):
        return text[1:].partition(text[0])[0]
    return text.partition("#")[0].strip()


def read_trail(repo: GitRepo, trackers: list[str] | None = None) -> Trail:
    """Every step of every record file (of `trackers`, if given).

    The steps are kept in `.git/scrutui/cache/trail.pickle` with the commit they were read
    to; the next report reads only the commits made since (one `git log` of those, one
    `cat-file --batch` of their versions). A cache that cannot be read, or whose commit is no
    longer in the history (a history rewritten by hand), is read again from the start.
    """
    head = repo.head()
    if head is None:
        return Trail()
    with without_collection():  # the steps are many small objects and no cycles
        cached = _load_cache(repo)
        if cached is not None and cached.head != head and not _is_ancestor(repo, cached.head, head):
            cached = None
        if cached is None or cached.head != head:
            cached = _read(repo, head, cached)
            _save_cache(repo, cached)
    trail = Trail(cached.steps, cached.commits)
    if trackers is None:
        return trail
    folders = tuple(f"{t}/" for t in trackers)
    return Trail({p: s for p, s in trail.steps.items() if p.startswith(folders)}, trail.commits)


@dataclass
class _Cached:
    head: str
    steps: dict[str, list[Step]]
    commits: int
    #: what each record file held after its last step: (status, answered)
    last: dict[str, tuple[str | None, bool]]


CACHE_FORMAT = 1


def _cache_file(repo: GitRepo) -> Path:
    return repo.git_dir / "scrutui" / "cache" / "trail.pickle"


def _load_cache(repo: GitRepo) -> _Cached | None:
    try:
        with _cache_file(repo).open("rb") as file:
            found = pickle.load(file)
        if (
            isinstance(found, tuple)
            and found[:2] == (CACHE_FORMAT, code_fingerprint())
            and isinstance(found[2], _Cached)
        ):
            return found[2]
    except Exception:  # any cache that cannot be read is read again from git
        pass
    return None


def _save_cache(repo: GitRepo, cached: _Cached) -> None:
    path = _cache_file(repo)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as file:
            pickle.dump(
                (CACHE_FORMAT, code_fingerprint(), cached), file, protocol=pickle.HIGHEST_PROTOCOL
            )
        os.replace(file.name, path)
    except OSError:  # a read-only .git: the report works, the next one reads it all again
        pass


def _is_ancestor(repo: GitRepo, old: str, new: str) -> bool:
    try:
        repo.run("merge-base", "--is-ancestor", old, new)
    except GitError:
        return False
    return True


def _read(repo: GitRepo, head: str, since: _Cached | None) -> _Cached:
    """The steps of the commits after `since` (all of them if None), added to its own."""
    # No pathspec: git matches one against every path of every commit, which costs more than
    # reading the whole log and keeping the record files here.
    commits = f"{since.head}..{head}" if since else head
    out = repo.run_input(
        "log",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "-z",
        f"--format={_FORMAT}",
        commits,
        "--",
        data=b"",
    )
    steps = {p: list(s) for p, s in since.steps.items()} if since else {}
    last = dict(since.last) if since else {}
    count = since.commits if since else 0
    changes: list[tuple[str, date, str, bytes | None]] = []
    for chunk in out.split(b"\x1e")[1:]:
        header, _, raw = chunk.partition(b"\x00")
        sha, when = header.decode().split("\x1f")
        day = datetime.fromisoformat(when.strip()).date()
        count += 1
        parts = raw.split(b"\x00")
        for n in range(0, len(parts) - 1, 2):
            meta = parts[n].strip(b"\n")
            if not meta.startswith(b":"):
                continue
            path = parts[n + 1]
            name = path.partition(b"/")[2]
            if b"/" in name or not name.endswith(b".toml") or name == b"tracker.toml":
                continue
            blob = meta.split(b" ")[3]
            changes.append((sha, day, path.decode(), None if blob == _ZERO else blob))
    blobs = sorted({c[3] for c in changes if c[3] is not None})
    contents = dict(zip(blobs, repo.cat_files(b.decode() for b in blobs), strict=True))
    keys: dict[bytes, tuple[str | None, bool]] = {}
    for sha, day, file, version in changes:
        if not ID_CHARS.match(file.rpartition("/")[2].removesuffix(".toml")):
            continue
        if version is None:  # deleted: what it held is kept for a restore to carry on from
            status, answered = last.get(file, (None, False))
            steps.setdefault(file, []).append(Step(sha, day, False, status, answered))
            continue
        if version not in keys:
            keys[version] = _keys(contents.get(version) or b"")
        status, answered = last[file] = keys[version]
        steps.setdefault(file, []).append(Step(sha, day, True, status, answered))
    return _Cached(head, steps, count, last)


def _keys(raw: bytes) -> tuple[str | None, bool]:
    """A version's status, and whether it has a decision or a response, from its top-level
    key lines (before its first [table]); the file is not parsed as TOML."""
    table = _TABLE.search(raw)
    top = raw[: table.start()] if table else raw
    found = {m[1].decode(): _value(m[2].decode("utf-8", "replace")) for m in _KEY.finditer(top)}
    status = found.get("status") or None
    return status, bool(found.get("decision") or found.get("response"))


@dataclass(frozen=True, slots=True)
class WorkspaceSettings:
    """What `scrutui.toml` says for the whole workspace."""

    year_starts: tuple[int, int] = (5, 1)  # (month, day): 1 May, the municipal year

    @property
    def year_starts_text(self) -> str:
        month, day = self.year_starts
        return f"{day} {date(2000, month, 1):%B}"


class SettingsError(WorkspaceError):
    """`scrutui.toml` cannot be used; the message names the file, line and key."""


def parse_day_of_year(text: str) -> tuple[int, int]:
    """'1 May' or '01-05' (day-month): (month, day); ValueError otherwise."""
    words = text.strip().lower().split()
    if len(words) == 2 and words[0].isdigit() and words[1] in _MONTHS:
        month, day = _MONTHS[words[1]], int(words[0])
    else:
        numbers = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})", text.strip())
        if not numbers:
            raise ValueError(text)
        day, month = int(numbers[1]), int(numbers[2])
    try:
        date(2000, month, day)  # a leap year: 29 February is a day of the year
    except ValueError:
        raise ValueError(text) from None
    if (month, day) == (2, 29):
        raise ValueError(text)
    return month, day


def workspace_settings(root: Path) -> WorkspaceSettings:
    """The workspace's `scrutui.toml`, or the defaults if it has none."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return WorkspaceSettings()
    try:
        data, text = read_toml(path, SETTINGS_FILE)
    except FileError as error:
        raise SettingsError(str(error)) from None
    unknown = [key for key in data if key != "year_starts"]
    if unknown:
        raise SettingsError(
            str(Problem(SETTINGS_FILE, _line(text, unknown[0]), unknown[0], "unknown key"))
            + "; allowed: year_starts"
        )
    value = data.get("year_starts", "1 May")
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return WorkspaceSettings(parse_day_of_year(value))
    except ValueError:
        problem = Problem(
            SETTINGS_FILE,
            _line(text, "year_starts"),
            "year_starts",
            f"not a day of the year; found {value!r}; allowed: '1 May', '1 April', '01-05'",
        )
        raise SettingsError(str(problem)) from None


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return None
