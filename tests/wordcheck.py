"""Word-for-word checks of transcribed records against the seed papers' text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrutui.domain.records import Record

_BULLETS = re.compile(r"[•○▪●\uf0b7\uf0a7\uf0d8]")
_LIST_MARK = re.compile(r"(?m)^[ \t]*-[ \t]+")


def normalise(text: str) -> str:
    """White space collapsed, bullet glyphs and '- ' list marks dropped, split words rejoined."""
    text = _BULLETS.sub(" ", text)
    text = _LIST_MARK.sub(" ", text)
    return " ".join(text.split())


def pieces_in(text: str, seed: str) -> list[str] | None:
    """`text` (normalised) as the fewest pieces found in order in `seed`; None if it isn't.

    One piece means the text is in the seed as it stands. A cell split across a page break or
    interleaved with the next column comes out in several pieces, each found in order.
    """
    pieces: list[str] = []
    position = 0
    rest = text
    while rest:
        low, high = 0, len(rest)
        # the longest prefix of `rest` found at or after `position`
        while low < high:
            mid = (low + high + 1) // 2
            if seed.find(rest[:mid], position) >= 0:
                low = mid
            else:
                high = mid - 1
        if low == 0:
            return None
        found_at = seed.find(rest[:low], position)
        cut = low if low == len(rest) else rest.rfind(" ", 0, low) + 1 or low
        pieces.append(rest[:cut].strip())
        position = found_at + cut
        rest = rest[cut:].lstrip()
    return pieces


def record_texts(record: Record) -> Iterable[tuple[str, str]]:
    """(field, text) for every text a record holds that is printed in its paper."""
    for name in (
        "item",
        "text",
        "response",
        "title",
        "table_heading",
        "update",
        "target",
        "area",
        "topic",
        "organisation",
    ):
        value = getattr(record, name)
        if value:
            yield name, value
    for n, update in enumerate(record.updates):
        yield f"updates[{n + 1}]", update.text
    for n, bullet in enumerate(record.bullets):
        yield f"bullets[{n + 1}]", bullet
    for n, said in enumerate(record.said):
        yield f"said[{n + 1}]", said
    for n, answer in enumerate(record.answers):
        yield f"answers[{n + 1}]", answer.text
