"""Re-importing a source proposes nothing new: proposals already in the tracker are dropped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scrutui.domain.records import Record
from scrutui.importers.proposal import Proposal

Key = tuple[date | None, str, str]


def key(meeting: date | None, item: str, text: str) -> Key:
    """What makes two records the same for an import: meeting, item and text, compared
    without regard to case, spacing or the "- " and "• " marks of bullets."""

    def norm(value: str) -> str:
        value = value.replace("•", " ").replace("- ", " ")
        return " ".join(value.casefold().split())

    return meeting, norm(item), norm(text)


def new_only(proposals: Iterable[Proposal], existing: Iterable[Record]) -> list[Proposal]:
    """The proposals not already in `existing`, nor earlier in the same import."""
    seen = {key(r.meeting, r.item, r.text) for r in existing}
    out = []
    for proposal in proposals:
        k = key(proposal.meeting, proposal.item, proposal.text)
        if k not in seen:
            seen.add(k)
            out.append(proposal)
    return out
