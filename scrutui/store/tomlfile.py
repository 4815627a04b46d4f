"""TOML files: fast reads with tomllib, careful edits with tomlkit, atomic writes."""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # tomlkit is for writing, imported when a file is first written
    import tomlkit
    from tomlkit.items import Table

from scrutui.domain import limits
from scrutui.domain.calendar import MONTH_NAMES, days_in_month
from scrutui.domain.validation import Issue, KeyPath

MAX_FILE_BYTES = limits.MAX_FILE_BYTES
WRAP = 76
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_LINE = re.compile(r'^\s*("?)([A-Za-z0-9_-]+)\1\s*=\s*(.*)$')
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one file: where, which field, what was found and what is allowed."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class FileError(Exception):
    """A file that cannot be read as TOML; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_if_there(path: Path, shown_as: str | None = None) -> bytes | None:
    """The bytes of `path` as `read_regular` reads them (named `TRACKER/FILE` in errors,
    unless `shown_as` says); None if nothing is there."""
    try:
        return read_regular(path, shown_as or f"{path.parent.name}/{path.name}")
    except FileError:
        if not os.path.lexists(path):
            return None
        raise


def read_toml(path: Path, shown_as: str) -> tuple[dict[str, Any], str]:
    """Parse a TOML file with tomllib; a FileError naming the line and field if it can't be."""
    raw = read_regular(path, shown_as)
    return parse_toml(raw, shown_as), raw.decode()


_NOT_A_FILE = {
    stat.S_IFLNK: "is a symbolic link",
    stat.S_IFIFO: "is a named pipe (FIFO)",
    stat.S_IFCHR: "is a device",
    stat.S_IFBLK: "is a device",
    stat.S_IFSOCK: "is a socket",
    stat.S_IFDIR: "is a folder",
}


def read_regular(path: Path, shown_as: str, what: str = "a file") -> bytes:
    """The bytes of `path` if it is a regular file of at most MAX_FILE_BYTES; FileError if
    not. Never follows a link and never opens a FIFO or a device (reading one can hang or
    read another file): checked with lstat, opened without following links and without
    blocking, then checked again on the open file."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise FileError(_not_regular(shown_as, info.st_mode, what))
        _check_size(info.st_size, shown_as)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise FileError(_not_regular(shown_as, info.st_mode, what))
            _check_size(info.st_size, shown_as)
            chunks = []
            total = 0
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
                total += len(chunk)
                _check_size(total, shown_as)  # it grew while being read
        finally:
            os.close(fd)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ELOOP:  # swapped for a link between the checks
            reason = "it is a symbolic link"
        raise FileError(Problem(shown_as, None, "", f"cannot be read: {reason}")) from None
    return b"".join(chunks)


def _not_regular(shown_as: str, mode: int, what: str) -> Problem:
    found = _NOT_A_FILE.get(stat.S_IFMT(mode), "is not a regular file")
    allowed = "records must be files" if what == "a file" else what
    return Problem(shown_as, None, "", f"{found}; {allowed}")


def _check_size(size: int, shown_as: str) -> None:
    if size > MAX_FILE_BYTES:
        raise FileError(
            Problem(
                shown_as,
                None,
                "",
                f"file too large: {size:,} bytes; a record file holds at most {MAX_FILE_BYTES:,}",
            )
        )


def parse_bytes(raw: bytes, shown_as: str) -> tuple[dict[str, Any], str]:
    """Like `read_toml`, for bytes from git rather than a file."""
    _check_size(len(raw), shown_as)
    return parse_toml(raw, shown_as), raw.decode()


def parse_toml(raw: bytes, shown_as: str) -> dict[str, Any]:
    """Parse TOML bytes; FileError with the line, the field and what is wrong."""
    if not raw.strip():
        raise FileError(Problem(shown_as, None, "", "the file is empty"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileError(
            Problem(
                shown_as, line, "", f"not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be read"
            )
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FileError(Problem(shown_as, line, "", "holds a NUL byte: this is not a text file"))
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text[: conflict.start()].count("\n") + 1
        raise FileError(
            Problem(
                shown_as,
                line,
                "",
                "holds git conflict markers (<<<<<<<): resolve the conflict, or restore the file",
            )
        )
    deep = limits.nesting(text)
    if deep:
        raise FileError(
            Problem(
                shown_as,
                deep[0],
                _field_on(text, deep[0]),
                f"nested too deeply: over {limits.MAX_DEPTH} arrays or inline tables inside "
                "one another; allowed: a record's fields, lists and its list of updates",
            )
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileError(_decode_problem(str(error), text, shown_as)) from None
    except (ValueError, RecursionError, MemoryError) as error:
        # tomllib's own limits: an integer of thousands of digits
        reason = str(error).split(";")[0] or type(error).__name__
        raise FileError(
            Problem(shown_as, None, "", f"not valid TOML: {reason[:1].lower()}{reason[1:120]}")
        ) from None
    path = limits.data_depth(data)
    if path:
        raise FileError(
            Problem(
                shown_as,
                locate(text, (path[0],)),
                path[0],
                f"nested too deeply: over {limits.MAX_DEPTH} tables inside one another; "
                "allowed: a record's fields, lists and its list of updates",
            )
        )
    return data


def _field_on(text: str, line_no: int) -> str:
    lines = text.splitlines()
    key = _KEY_LINE.match(lines[line_no - 1]) if line_no <= len(lines) else None
    return key.group(2) if key else ""


def data_or_none(raw: bytes | None, shown_as: str) -> dict[str, Any] | None:
    """The TOML data of `raw`, or None if there is none or it does not parse."""
    if raw is None:
        return None
    try:
        return parse_bytes(raw, shown_as)[0]
    except FileError:
        return None


def _decode_problem(message: str, text: str, shown_as: str) -> Problem:
    position = _POSITION.search(message)
    line_no = int(position.group(1)) if position else None
    reason = _POSITION.sub("", message).strip().rstrip(".")
    field = ""
    if line_no:
        line = text.splitlines()[line_no - 1] if line_no <= len(text.splitlines()) else ""
        key = _KEY_LINE.match(line)
        if key:
            field, value = key.group(2), key.group(3).strip()
            date_reason = impossible_date(value)
            if date_reason:
                return Problem(
                    shown_as,
                    line_no,
                    field,
                    f"{date_reason}; found {value}; allowed: a real date written like 2024-02-29",
                )
            reason = f"{reason}; found {value[:60]}" if value else reason
    return Problem(shown_as, line_no, field, f"not valid TOML: {reason[:1].lower()}{reason[1:]}")


def impossible_date(value: str) -> str | None:
    """Why a TOML date like 2024-02-31 is not a real date, or None if it isn't one."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})\b", value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = days_in_month(year, month)
    if not 1 <= day <= days:
        name = MONTH_NAMES[month - 1]
        return f"not a real date: {name} {year} has {days} days"
    return None


def locate(text: str, path: KeyPath) -> int | None:
    """The line of a key path like ("updates", 2, "date") in TOML text, as near as can be told."""
    if not path or not isinstance(path[0], str):
        return None
    lines = text.splitlines()
    name = path[0]
    if len(path) >= 2 and isinstance(path[1], int):
        header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        seen = -1
        for number, line in enumerate(lines):
            if header.match(line):
                seen += 1
                if seen == path[1]:
                    if len(path) > 2 and isinstance(path[2], str):
                        found = _find_key(lines, path[2], number + 1)
                        if found:
                            return found
                    return number + 1
    return _find_key(lines, name, 0) or None


def _find_key(lines: Sequence[str], key: str, start: int) -> int | None:
    for number in range(start, len(lines)):
        line = lines[number]
        if line.lstrip().startswith("[") and number > start:
            return None
        match = _KEY_LINE.match(line)
        if match and match.group(2) == key:
            return number + 1
    return None


def issue_problem(issue: Issue, text: str, shown_as: str) -> Problem:
    return Problem(shown_as, locate(text, issue.path), issue.field, issue.describe())


# Writing ------------------------------------------------------------------------------------


def text_item(value: str) -> Any:
    """A string as TOML: short ones inline, long ones as a wrapped multi-line string.

    Long texts are wrapped with TOML's line-ending backslash, which joins the lines again on
    reading: the value is exactly what the officer typed, and a git diff shows changed lines.
    """
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    if "\n" not in value and len(value) <= 80:
        return tomlkit.string(value)
    physical = [chunk for line in _escape_multiline(value).split("\n") for chunk in _wrap(line)]
    body = "\n".join(physical)
    return String(StringType.MLB, value, f"\n{body}\\\n", Trivia())


def _escape_multiline(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"""', '""\\"').replace("\r", "\\r")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", out)


def _wrap(line: str) -> list[str]:
    """Split one line at spaces into chunks that end in ' \\' (TOML's line continuation)."""
    chunks: list[str] = []
    while len(line) > WRAP:
        cut = line.rfind(" ", 0, WRAP)
        while cut > 0 and line[cut - 1] == " ":
            cut -= 1
        if cut <= 0 or not line[:cut].strip():
            break
        # keep every space on this side; the next chunk must start with a non-space
        end = cut
        while end < len(line) and line[end] == " ":
            end += 1
        if end >= len(line):
            break
        chunks.append(line[:end] + "\\")
        line = line[end:]
    chunks.append(line)
    return chunks


def toml_value(value: Any) -> Any:
    """A Python value as a tomlkit item, with texts formatted by `text_item`."""
    import tomlkit

    if isinstance(value, str):
        return text_item(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        aot = tomlkit.aot()
        for row in value:
            aot.append(_table(row))
        return aot
    if isinstance(value, list):
        array = tomlkit.array()
        for item in value:
            array.append(text_item(item) if isinstance(item, str) else item)
        if sum(len(str(v)) for v in value) > 60:
            array.multiline(True)
        return array
    return value


def _table(row: Mapping[str, Any]) -> Table:
    import tomlkit

    table = tomlkit.table()
    for key, item in row.items():
        table[key] = toml_value(item)
    table.trivia.indent = "\n"
    return table


def new_document(data: Mapping[str, Any], comment: str | None = None) -> str:
    import tomlkit

    doc = tomlkit.document()
    if comment:
        doc.add(tomlkit.comment(comment))
    for key, value in data.items():
        doc[key] = toml_value(value)
    return tomlkit.dumps(doc)


def edit_document(text: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """`text` with only the top-level keys whose value changed from `old` to `new` rewritten.

    Comments, key order and layout elsewhere stay byte-identical. A list of tables that only
    grew (a new update) is appended to, not rewritten.
    """
    import tomlkit
    from tomlkit.items import AoT

    doc = tomlkit.parse(text)
    for key in old:
        if key not in new and key in doc:
            del doc[key]
    for key, value in new.items():
        if key in old and old[key] == value:
            continue
        current = doc.get(key)
        previous = old.get(key)
        if (
            isinstance(current, AoT)
            and isinstance(previous, list)
            and value[: len(previous)] == previous
        ):
            for row in value[len(previous) :]:
                current.append(_table(row))
            continue
        if key in doc:
            doc[key] = toml_value(value)
        else:
            _insert(doc, key, value, list(new))
    return tomlkit.dumps(doc)


def _insert(doc: tomlkit.TOMLDocument, key: str, value: Any, order: list[str]) -> None:
    """Add a new key after the nearest key that precedes it in the canonical order."""
    from tomlkit.items import AoT, Table

    item = toml_value(value)
    if isinstance(item, AoT):
        doc[key] = item
        return
    before = [k for k in order[: order.index(key)] if k in doc and not isinstance(doc[k], AoT)]
    if before:
        doc._insert_after(before[-1], key, item)  # tomlkit's own ordered insert
    elif any(isinstance(v, AoT | Table) for v in doc.values()):
        doc._insert_at(0, key, item)
    else:
        doc[key] = item


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Any:
    """The C library's renameat2, or None (not Linux); ctypes is imported only to write."""
    import ctypes

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:  # no C library to ask (not Linux): a plain rename
        return None


def _exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two files in one step (Linux); False where that cannot be done (another system,
    a file system without it, or `second` not there yet): the caller renames instead."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    import ctypes

    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOENT, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def atomic_write(
    path: Path, text: str, check: Callable[[Path], None] | None = None
) -> os.stat_result:
    """Write through a temporary file in the same folder, fsync, then rename over `path`.

    `check`, if given, is called with the file that holds `path`'s current version: once the
    temporary file is written, immediately before the rename, and again on the very version
    the rename replaced (Linux swaps the two in one step, `renameat2(RENAME_EXCHANGE)`, so
    an editor's write that lands between the check and the rename is caught too, and put
    back). It raises to stop the write, and `path` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # 4 ms (shutil, random, bz2, lzma): not for a command that only reads

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())  # the file put in place (a rename keeps it)
        if check is None:
            os.replace(temp, path)
        else:
            check(path)
            if _exchange(temp, path):  # `temp` now holds what `path` held an instant ago
                try:
                    check(Path(temp))
                except BaseException:
                    _exchange(temp, path)  # theirs back in place; ours goes
                    raise
                Path(temp).unlink(missing_ok=True)
            else:
                os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return written
