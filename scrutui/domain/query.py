"""The filter an officer types over a tracker's records: words and `field:value` terms.

    status:Y lead:melissa meeting:19/01/24 overdue stale archived exempt social value

Every term must match (they combine with AND); words search the record's texts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from scrutui.domain.calendar import parse_uk_date
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker

FLAGS = ("overdue", "stale", "archived", "exempt", "open", "complete")
FIELDS = ("status", "lead", "meeting", "item", "kind")


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed filter: field terms, flags and free words, and what could not be read."""

    terms: dict[str, str] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.flags or self.words)

    def describe(self) -> str:
        parts = [f"{k}:{v}" for k, v in self.terms.items()] + sorted(self.flags)
        parts += [f'"{w}"' for w in self.words]
        return " ".join(parts)


def parse_query(text: str) -> Query:
    terms: dict[str, str] = {}
    flags: set[str] = set()
    words: list[str] = []
    errors: list[str] = []
    for token in text.split():
        name, sep, value = token.partition(":")
        lowered = name.lower()
        if sep and lowered in FIELDS and value:
            if lowered == "meeting":
                try:
                    parse_uk_date(value)
                except ValueError:
                    errors.append(f"meeting:{value} is not a date like 19/01/24")
                    continue
            terms[lowered] = value
        elif not sep and lowered in FLAGS:
            flags.add(lowered)
        else:
            words.append(token.lower())
    return Query(terms, frozenset(flags), tuple(words), tuple(errors))


@functools.lru_cache(maxsize=1 << 15)
def _haystack(record: Record) -> str:
    """Every text of a record in lower case (kept: a filter reads it on every keystroke)."""
    parts = [
        record.id,
        record.item,
        record.text,
        record.response,
        record.title,
        record.update,
        record.area,
        record.topic,
        record.target,
        record.decision or "",
        *record.leads,
        *record.bullets,
        *record.said,
        *(u.text for u in record.updates),
        *(a.text for a in record.answers),
        *(value for _, value in record.extra if isinstance(value, str)),  # a council's ref
    ]
    return " ".join(parts).lower()


def matcher(
    query: Query, tracker: Tracker, meeting: Meeting, today: date
) -> Callable[[Record], bool]:
    """A predicate for the records the query selects."""
    scheme = tracker.scheme
    meeting_day = parse_uk_date(query.terms["meeting"]) if "meeting" in query.terms else None

    checks: dict[str, Callable[[Record], bool]] = {
        "overdue": lambda r: tracker.response_overdue(r, today),
        "stale": lambda r: is_stale(tracker, r, meeting),
        "archived": lambda r: r.archived,
        "exempt": lambda r: r.exempt,
        "open": lambda r: not scheme.is_complete(r.status) and bool(r.status),
        "complete": lambda r: scheme.is_complete(r.status),
    }

    def matches(record: Record) -> bool:
        terms = query.terms
        if "status" in terms and (record.status or "").lower() != terms["status"].lower():
            return False
        if "lead" in terms and not any(
            terms["lead"].lower() in lead.lower() for lead in record.leads
        ):
            return False
        if meeting_day and record.meeting != meeting_day:
            return False
        if "item" in terms and terms["item"].lower() not in record.item.lower():
            return False
        if "kind" in terms and not record.kind.startswith(terms["kind"].lower()):
            return False
        if any(not checks[flag](record) for flag in query.flags):
            return False
        if query.words:
            haystack = _haystack(record)
            return all(word in haystack for word in query.words)
        return True

    return matches
