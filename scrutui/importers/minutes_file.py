"""Minutes from a file: the document read (Word, PDF, HTML, text), its structure and
proposals, and the actions in its tables of actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrutui.importers.action_log import actions_from_tables
from scrutui.importers.minute_readers import Document, read_document
from scrutui.importers.minutes import MAX_LINES, Reading, read_minutes
from scrutui.importers.proposal import ImportProblem


def read_minutes_file(path: Path, meeting: date | None = None) -> tuple[Document, Reading]:
    """The document at `path` and what its minutes propose; an `ImportProblem` if it cannot
    be read or is longer than any minutes."""
    document = read_document(path)
    if len(document.lines) > MAX_LINES:
        raise ImportProblem(
            f"{path.name} has {len(document.lines):,} lines; minutes and action logs are read "
            f"up to {MAX_LINES:,} (a 2,000-page document): is this the right file?"
        )
    reading = read_minutes(document.lines, meeting)
    reading.proposals += actions_from_tables(
        document.tables, document.lines, reading, reading.explain
    )
    return document, reading
