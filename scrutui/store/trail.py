"""The audit trail read for the annual report: for every record file, each commit that set its
status, its decision or response, or made or deleted it, from one `git log` over the workspace.

One process reads the whole history: `git log -p -U0` prints only the changed lines of each
record file, and only a few top-level keys matter here, so nothing is parsed as TOML. The
figures themselves are worked out from these steps in `scrutui.papers.report`.

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
#: A top-level key line as scrutui writes it (and as people type it), added or removed.
_KEY = re.compile(r"^([+-])\s*(status|decision|response)\s*=\s*(.*?)\s*$")
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


@dataclass
class _State:
    """What a record file holds after the commits read so far."""

    exists: bool = True
    status: str | None = None
    decision: bool = False
    response: bool = False

    def read(self, line: str) -> None:
        """One added or removed line of the file's diff."""
        match = _KEY.match(line)
        if match is None:
            return
        sign, key, raw = match.groups()
        value = _value(raw)
        if key == "status":
            if sign == "+":
                self.status = value or None
            elif self.status == value:
                self.status = None
        elif key == "decision":
            self.decision = sign == "+" and bool(value)
        else:
            self.response = sign == "+" and bool(value)

    def step(self, sha: str, day: date) -> Step:
        return Step(sha, day, self.exists, self.status, self.decision or self.response)


def _value(text: str) -> str:
    """A TOML string value as written on one line: its text without quotes ('' if empty)."""
    if text.startswith('"""') or text.startswith("'''"):
        return text[3:] or "\n"  # a multi-line string starts here: not empty
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def read_trail(repo: GitRepo, trackers: list[str] | None = None) -> Trail:
    """Every step of every record file (of `trackers`, if given), from one `git log`."""
    trail = Trail()
    if repo.head() is None:
        return trail
    specs = [f"{t}/*.toml" for t in trackers] if trackers else ["*/*.toml"]
    out = repo.run(
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "-p",
        "-U0",
        f"--format={_FORMAT}",
        "--",
        *specs,
        strip=False,
    )
    #: what each file holds after the steps read so far
    now: dict[str, _State] = {}
    for chunk in out.split("\x1e")[1:]:
        header, _, body = chunk.partition("\n")
        sha, when = header.split("\x1f")
        day = datetime.fromisoformat(when.strip()).date()
        trail.commits += 1
        path: str | None = None
        state = _State()
        for line in body.split("\n"):
            if line.startswith("diff --git "):
                if path is not None:
                    trail.steps.setdefault(path, []).append(state.step(sha, day))
                name = line[len("diff --git a/") :].partition(" b/")[0]
                file_name = name.partition("/")[2]
                if "/" in file_name or not ID_CHARS.match(file_name.removesuffix(".toml")):
                    path = None  # tracker.toml, or not a record file
                    continue
                path = name
                state = now.setdefault(path, _State())
                state.exists = True
            elif path is None:
                continue
            elif line.startswith("deleted file mode"):
                state.exists = False
            elif line.startswith("new file mode"):
                state.status, state.decision, state.response = None, False, False
            elif line[:1] in "+-" and not line.startswith(("+++ ", "--- ")):
                state.read(line)
        if path is not None:
            trail.steps.setdefault(path, []).append(state.step(sha, day))
    return trail


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
