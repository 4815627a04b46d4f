"""Paper renderers by name: a tracker kind's specification names the one that lays out its
paper (`TrackerKind.paper`), and `render` looks it up here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from scrutui.domain.meeting import Meeting, Row
from scrutui.domain.tracker import Tracker

#: A paper renderer: the tracker, the rows the paper holds and the meeting, to Markdown.
Renderer = Callable[[Tracker, Sequence[Row], Meeting], str]

#: Every paper renderer by the name tracker kinds give it.
PAPERS: dict[str, Renderer] = {}


def register_paper(name: str, renderer: Renderer) -> Renderer:
    """Make `renderer` the paper of every tracker kind whose `paper` is `name`."""
    PAPERS[name] = renderer
    return renderer


def renderer_for(tracker: Tracker) -> Renderer:
    name = tracker.spec.paper
    if name not in PAPERS:
        known = ", ".join(sorted(PAPERS))
        raise LookupError(
            f"the {tracker.kind} tracker's paper {name!r} is not known; known: {known}"
        )
    return PAPERS[name]
