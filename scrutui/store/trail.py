"""The audit trail read for the annual report: for every record file, each commit that made,
changed or deleted it, with the status it left and whether it had a decision or a response.

Two processes read the whole history, however long: one `git log --raw` (which files each
commit changed, and their blob ids) and one `git cat-file --batch` (every version). Only
three top-level keys matter here, so the versions are scanned, not parsed as TOML. The figures
themselves are worked out from these steps in `scrutui.papers.report`.

The workspace's own settings (`scrutui.toml` at its root, shared by every officer through git)
are read here too: the day the municipal year starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from scrutui.domain.records import ID_CHARS
from scrutui.store.git import GitRepo
from scrutui.store.tomlfile import FileError, Problem, read_toml
from scrutui.store.workspace import WorkspaceError

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
    """Every step of every record file (of `trackers`, if given): one `git log --raw` for
    which file each commit changed, one `git cat-file --batch` for what each version holds."""
    trail = Trail()
    if repo.head() is None:
        return trail
    # No pathspec: git matches one against every path of every commit, which costs more than
    # reading the whole log and keeping the record files here.
    out = repo.run_input(
        "log",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "-z",
        f"--format={_FORMAT}",
        data=b"",
    )
    wanted = {t.encode() for t in trackers} if trackers else None
    changes: list[tuple[str, date, str, bytes | None]] = []
    for chunk in out.split(b"\x1e")[1:]:
        header, _, raw = chunk.partition(b"\x00")
        sha, when = header.decode().split("\x1f")
        day = datetime.fromisoformat(when.strip()).date()
        trail.commits += 1
        parts = raw.split(b"\x00")
        for n in range(0, len(parts) - 1, 2):
            meta = parts[n].strip(b"\n")
            if not meta.startswith(b":"):
                continue
            path = parts[n + 1]
            folder, _, name = path.partition(b"/")
            if b"/" in name or not name.endswith(b".toml") or name == b"tracker.toml":
                continue
            if wanted is not None and folder not in wanted:
                continue
            blob = meta.split(b" ")[3]
            changes.append((sha, day, path.decode(), None if blob == _ZERO else blob))
    blobs = sorted({c[3] for c in changes if c[3] is not None})
    contents = dict(zip(blobs, repo.cat_files(b.decode() for b in blobs), strict=True))
    keys: dict[bytes, tuple[str | None, bool]] = {}
    last: dict[str, tuple[str | None, bool]] = {}
    for sha, day, file, version in changes:
        if not ID_CHARS.match(file.rpartition("/")[2].removesuffix(".toml")):
            continue
        if version is None:  # deleted: what it held is kept for a restore to carry on from
            status, answered = last.get(file, (None, False))
            trail.steps.setdefault(file, []).append(Step(sha, day, False, status, answered))
            continue
        if version not in keys:
            keys[version] = _keys(contents.get(version) or b"")
        status, answered = last[file] = keys[version]
        trail.steps.setdefault(file, []).append(Step(sha, day, True, status, answered))
    return trail


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
