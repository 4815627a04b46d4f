"""Work-arounds for Textual bugs that would otherwise end the app; each names the bug.

Applied once, when the app module is imported. Each keeps Textual's own behaviour and only
turns a crash into "nothing happens", as Textual already does in the neighbouring methods.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

_move_page = OptionList._move_page


def _guarded_move_page(self: OptionList, direction: Any) -> None:
    """Textual 8.2: PageUp/PageDown in an option list that has options but has not measured
    them yet (the command palette's list, while its search is still filling it, or at no
    height) raises `KeyError` in `_index_to_line`, or `IndexError` on an empty line cache.
    `scroll_to_highlight` guards the same lookup; the page keys do not."""
    try:
        _move_page(self, direction)
    except (KeyError, IndexError):
        return


def apply() -> None:
    if OptionList._move_page is not _guarded_move_page:
        OptionList._move_page = _guarded_move_page  # type: ignore[method-assign]
