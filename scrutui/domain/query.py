"""The filter an officer types over a tracker's records: words and `field:value` terms.

    status:Y lead:melissa meeting:19/01/24 overdue stale archived exempt social value

Every term must match (they combine with AND); words search the record's texts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


#: Each record's haystack, by the record's identity (a record is never changed, and hashing
#: one walks all its fields): (the record, kept so its id is not reused; its haystack)
_HAYSTACKS: dict[int, tuple[Record, str]] = {}
_HAYSTACKS_KEPT = 1 << 17


def _haystack(record: Record) -> str:
    """Every text of a record in lower case (kept: a filter reads it on every keystroke)."""
    kept = _HAYSTACKS.get(id(record))
    if kept is not None and kept[0] is record:
        return kept[1]
    if len(_HAYSTACKS) >= _HAYSTACKS_KEPT:
        _HAYSTACKS.clear()
    haystack = _build_haystack(record)
    _HAYSTACKS[id(record)] = (record, haystack)
    return haystack


def prepare(records: Iterable[Record]) -> None:
    """Work out the texts a filter searches, ahead of its first keystroke (run in a thread:
    at 1,000 records it is some 10 ms the keystroke need not spend)."""
    for record in records:
        _haystack(record)


def _build_haystack(record: Record) -> str:
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

    # The query's tests, each made once, so a keystroke over 1,000 records runs only those
    # the query has (in the order of the cheapest first), not a look at every term each.
    terms = query.terms
    tests: list[Callable[[Record], bool]] = []
    if "status" in terms:
        status = terms["status"].lower()
        tests.append(lambda r: (r.status or "").lower() == status)
    if "lead" in terms:
        lead = terms["lead"].lower()
        tests.append(lambda r: any(lead in name.lower() for name in r.leads))
    if meeting_day:
        tests.append(lambda r: r.meeting == meeting_day)
    if "item" in terms:
        item = terms["item"].lower()
        tests.append(lambda r: item in r.item.lower())
    if "kind" in terms:
        kind = terms["kind"].lower()
        tests.append(lambda r: r.kind.startswith(kind))
    tests.extend(checks[flag] for flag in sorted(query.flags))
    if len(query.words) == 1:
        word = query.words[0]
        tests.append(lambda r: word in _haystack(r))
    elif query.words:
        words = query.words
        tests.append(lambda r: all(map(_haystack(r).__contains__, words)))
    if not tests:
        return lambda r: True
    if len(tests) == 1:
        return tests[0]
    return lambda r: all(test(r) for test in tests)
