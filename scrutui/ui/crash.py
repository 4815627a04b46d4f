"""When the app meets a problem it did not expect: the full report to a file, a short word
to the officer (the file, and where in scrutui it happened), and a non-zero exit."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

import platformdirs

from scrutui import __version__


def report_folder() -> Path:
    """Where crash reports go: the platform's log folder for scrutui."""
    return platformdirs.user_log_path("scrutui")


def cause(error: BaseException) -> BaseException:
    """The error itself, out of the wrapper a failed Textual worker puts it in."""
    inner = getattr(error, "error", None)
    return inner if isinstance(inner, BaseException) else error


def where(error: BaseException) -> str:
    """The innermost place in scrutui's own code the error passed through ("tracker.py:240
    in _populate"), else the innermost place at all."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/scrutui/" in f.filename.replace("\\", "/")]
    if not frames:
        return "an unknown place"
    frame = (ours or frames)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"


def write_report(error: BaseException) -> Path | None:
    """The traceback, the version and the time, in a new file; None if it cannot be written."""
    error = cause(error)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = report_folder() / f"crash-{stamp}.txt"
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"scrutui {__version__}, {datetime.now():%d/%m/%Y %H:%M:%S}\n\n{text}")
    except OSError:
        return None
    return path


def short_message(error: BaseException, report: Path | None) -> str:
    """What the officer reads in the terminal once the app has closed."""
    error = cause(error)
    said = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    head = f"scrutui stopped on an unexpected problem at {where(error)}: {type(error).__name__}"
    head += f": {said}" if said else ""
    tail = (
        f"The full report is in {report}; please send it with what you were doing."
        if report
        else "The full report could not be written."
    )
    return f"{head}\nEvery change you saved is in the workspace's history.\n{tail}"
