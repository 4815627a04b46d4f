"""A tracker's changes since a date, as a Markdown list an officer can read out or paste."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from scrutui.domain.changes import summarise
from scrutui.domain.commits import FileChange
from scrutui.papers.markdown import inline


def changes_markdown(
    title: str, since: date, changes: Sequence[FileChange], summaries: Mapping[str, str]
) -> str:
    """One bullet per change: the record, what changed, who, and when."""
    lines = [f"## Changes to {inline(title)} since {since.strftime('%d/%m/%Y')}", ""]
    if not changes:
        lines.append("No changes.")
    for change in changes:
        what = change.what if change.what != "changed" else summarise(change.changes)
        about = summaries.get(change.record_id, "")
        about = f" ({inline(_short(about))})" if about else ""
        when = change.commit.when.strftime("%d/%m/%Y %H:%M")
        lines.append(
            f"- **{change.record_id}**{about}: {inline(what)}. "
            f"{inline(change.commit.author)}, {when}."
        )
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def is_exempt_change(change: FileChange, exempt_now: set[str]) -> bool:
    """A change to a record that is exempt (closed session) now, or was before or after it:
    left out of every list meant for others."""
    return (
        change.record_id in exempt_now
        or bool((change.old or {}).get("exempt"))
        or bool((change.new or {}).get("exempt"))
    )
