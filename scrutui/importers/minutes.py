"""Proposed records from a meeting's minutes: the structure first, then what was decided.

The reader works in two passes. First the structure: the meeting's date, each minute's
heading (its number and title), the decision blocks (RESOLVED, AGREED, "Decision:", ...)
with their limbs, and the labels ("[ACTION: owner]", "Action by:", "Owner:"). The patterns
for all of these are named rows of `minute_styles.py`, so a council that writes its minutes
another way is a row there, not another parser. Then the proposals: each limb of a decision
becomes a recommendation (or an action, when it asks a named officer to act), each action
label an action with its owner as written. Procedural decisions (the minutes, apologies,
declarations, "be noted", "be received") are proposed unticked with the reason. An owner
that cannot be found is left empty and the proposal says so.

Minutes that report on earlier actions ("Matters arising", an action log) also give
`LogEntry`s: what has happened to a record the tracker already holds (see `action_log.py`).

Nothing here writes anything; any text gives a `Reading` (perhaps empty), and
`parse_minutes` gives proposals or an `ImportProblem`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from scrutui.importers import minute_styles as styles
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.resolved import Item, resolution_items

_TEX = {r"\pounds": "£", r"\euro": "€", r"\textendash": "–", r"\textemdash": "—"}
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_FURNITURE = re.compile(r"\s*\bpdf\s+icon\s+pdf\s+[\d.]+\s*[km]b\b\s*", re.IGNORECASE)
_AGENDA_NO = re.compile(r"\(\s*agenda\s+(?:no|item)\.?\s*\d+\s*\)", re.IGNORECASE)
_END = re.compile(r"^\s*(in the chair|date of signing\b.*|agenda item \d+)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦–—\uf000-\uf8ff])\s+")
_NOISE = re.compile(r"^\W*(?:agenda item|page \d+(?: of \d+)?|\d{1,3})\W*$", re.IGNORECASE)
_LOG_MINUTE = re.compile(
    r"matters?\s+arising|action\s+(?:log|tracker|sheet|list|points|notes|update)|"
    r"outstanding\s+actions|tracking\s+decisions|actions?\s+(?:from|arising)|"
    r"progress\s+on\s+(?:previous\s+)?(?:actions|recommendations)|recommendations?\s+tracker|"
    r"review\s+of\s+(?:outstanding\s+)?actions",
    re.IGNORECASE,
)
_LOG_ENTRY = re.compile(
    r"^\W*(?P<ref>(?:minute|min\.?|action|item|resolution|recommendation)\s*(?:no\.?\s*)?"
    r"(?P<number>[\w/.-]*\d[\w/.-]*)|[A-Z]{1,3}-\d{4}-\d{2}-\d{2}-\d+)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of"}
    | {"on", "or", "per", "the", "to", "via", "vs", "with"}
)
MAX_LINES = 100_000  # a 2,000-page document; read in about ten seconds


@dataclass
class Minute:
    """One minute: its number (may be empty), its item, its heading's line, and its lines."""

    number: str
    item: str
    line: int = 0
    style: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)
    procedural: str = ""  # why its decisions are unticked, if they are


@dataclass(frozen=True, slots=True)
class LogEntry:
    """What an action log or matters arising says of an earlier action or recommendation."""

    line: int
    text: str  # the update, word for word
    ref: str = ""  # "R-2023-09-29-1", "Minute 27", "Action 3"
    number: str = ""  # the minute or action number in `ref`
    meeting: date | None = None  # the meeting the record came from, if the entry says
    item: str = ""
    record_text: str = ""  # the action or recommendation as the log quotes it
    owner: str = ""
    status: str = ""  # as written
    complete: bool = False


@dataclass
class Reading:
    """What the reader found: the date, the minutes, the proposals, the log entries."""

    meeting: date | None
    date_line: int = 0
    date_style: str = ""
    minutes: list[Minute] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    entries: list[LogEntry] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)

    def looked_for(self) -> str:
        """The markers the reader looks for, as a message lists them."""
        names = [s.name for s in styles.DECISIONS[:4]] + [s.name for s in styles.ACTIONS[:3]]
        return ", ".join(names)


def parse_minutes(text: str, meeting: date | None = None) -> tuple[date, list[Proposal]]:
    """The meeting date and the proposed records of the minutes in `text`.

    `meeting` overrides the date found in the minutes (and is needed when there is none).
    """
    reading = read_minutes(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), meeting)
    if reading.meeting is None:
        raise ImportProblem(missing_date())
    return reading.meeting, reading.proposals


def missing_date() -> str:
    looked = "; ".join(s.name for s in styles.DATES[:6])
    return f"no meeting date found: looked for {looked}; give the date with --meeting"


def read_minutes(raw: list[str], meeting: date | None = None) -> Reading:
    """The structure of the minutes in `raw` (their lines), then what they propose."""
    lines = [normalise(line) for line in raw[:MAX_LINES]]
    found, date_line, date_style, start = meeting_date(lines)
    day = meeting or found
    reading = Reading(day, date_line, date_style if found else "")
    if found:
        reading.explain.append(
            f"line {date_line}: the meeting date {found:%d/%m/%Y} ({date_style})"
        )
    reading.minutes = minutes(lines, start, reading.explain)
    when = day or date.min
    for minute in reading.minutes:
        if _LOG_MINUTE.search(minute.item):
            reading.entries += log_entries(minute)
        proposals = actions(minute, when, reading.explain) + decisions(
            minute, when, reading.explain
        )
        reading.proposals += _unique(proposals)
    if day is None:
        for proposal in reading.proposals:
            proposal.values.pop("meeting", None)
    reading.explain.sort(key=_line_of)
    return reading


def _line_of(explained: str) -> int:
    match = re.match(r"line (\d+):", explained)
    return int(match.group(1)) if match else 0


def _unique(proposals: list[Proposal]) -> list[Proposal]:
    """ModernGov prints a decision twice (under "Decision:" and "Minutes:"): keep one."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in proposals:
        key = (p.kind, " ".join(p.text.casefold().split()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# Lines ----------------------------------------------------------------------------------------


def normalise(line: str) -> str:
    """A line without conversion escapes, page furniture and letter-spaced words."""
    for tex, char in _TEX.items():
        if tex in line:
            line = re.sub(re.escape(tex) + r"(?![A-Za-z])\s?", char, line)
    line = _MD_ESCAPE.sub(r"\1", line).replace("\t", " ").replace("\xa0", " ").rstrip()
    line = _FURNITURE.sub(" ", line).rstrip()
    if " " in line and styles.SPACED.search(line):
        line = styles.SPACED.sub(lambda m: m.group(0).replace(" ", ""), line)
    return line


def meeting_date(lines: list[str]) -> tuple[date | None, int, str, int]:
    """The meeting's date, its line number, the style that found it, and where the minutes
    start (the "MINUTES of the meeting" heading, else the top)."""
    head = lines[:400]
    # a PDF wraps a long heading: each line is also read with the one after it
    joined = [f"{line} {_following(head, n)}".strip() for n, line in enumerate(head)]
    for index, style in enumerate(styles.DATES):
        candidates = [(n, line, len(line)) for n, line in enumerate(head)]
        candidates += [(n, line, len(head[n].rstrip())) for n, line in enumerate(joined)]
        for number, line, first in candidates:
            if len(line) > 600:
                continue
            match = style.pattern.search(line)
            if match is None or match.start() >= first:  # a joined line: it starts in the first
                continue
            earlier = styles.EARLIER.search(line[: max(first, match.end())])
            if style.name.startswith(("'minutes of", "'held on")) and earlier:
                continue
            day = _date(match)
            if day is not None:
                return day, number + 1, style.name, number if index == 0 else 0
    return None, 0, "", 0


def _following(lines: list[str], index: int) -> str:
    """The next line with text after `index` (a PDF's paragraph guess may put a blank in)."""
    for later in range(index + 1, min(len(lines), index + 3)):
        if lines[later].strip():
            return lines[later].strip()
    return ""


def _date(match: re.Match[str]) -> date | None:
    month = match.group("month").lower()
    try:
        if month.isdigit():
            number = int(month)
        else:
            number = next(i for i, m in enumerate(styles.MONTHS, 1) if m.startswith(month[:3]))
        year = int(match.group("year"))
        year += 2000 if year < 100 else 0
        return date(year, number, int(match.group("day")))
    except (ValueError, StopIteration):
        return None


# Headings -------------------------------------------------------------------------------------


def minutes(lines: list[str], start: int = 0, explain: list[str] | None = None) -> list[Minute]:
    """The minutes from `start`, up to the signature: a heading starts each."""
    out: list[Minute] = []
    explain = explain if explain is not None else []
    numbered = _has_numbered_headings(lines, start)
    last_number = -1
    limb = 0  # the number of the last numbered limb of an open decision, or 0
    skip = -1
    for index in range(start, len(lines)):
        if index <= skip:
            continue
        line = lines[index]
        if _END.match(line) and out:
            break
        heading = heading_at(lines, index, numbered)
        if heading is not None:
            number, title, style, used = heading
            value = _number_value(number)
            in_limbs = limb and value == limb + 1
            if not in_limbs and (value is None or value > last_number):
                last_number = value if value is not None else last_number
                item = tidy_title(title)
                minute = Minute(number, item, index + 1, style)
                minute.procedural = _procedural(item)
                out.append(minute)
                explain.append(
                    f"line {index + 1}: minute {number or '(no number)'} {item!r} ({style})"
                )
                skip = index + used
                limb = 0
                continue
        if out:
            out[-1].lines.append((index + 1, line))
            limb = _track_limb(line, limb)
    if not out:
        out = _untitled(lines, start, explain)
    return out


def _untitled(lines: list[str], start: int, explain: list[str]) -> list[Minute]:
    """Minutes with no heading the reader knows: one minute, its item the first title line."""
    item = next(
        (
            tidy_title(text)
            for text in lines[start : start + 40]
            if looks_like_title(text.strip())
            and not _is_marker(text.strip())
            and not _not_a_title(text)
        ),
        "",
    )
    if not item:
        return []
    minute = Minute("", item, start + 1, "the document's title (no headings)")
    minute.lines = [(n + 1, text) for n, text in enumerate(lines[start:], start=start)]
    minute.procedural = _procedural(item)
    explain.append(f"line {start + 1}: one item {item!r}, from the first title line")
    return [minute]


def _track_limb(line: str, limb: int) -> int:
    if any(s.pattern.match(line) for s in styles.DECISIONS[:4]):
        return -1 if limb == 0 else limb  # a decision opened: numbered limbs may follow
    match = re.match(r"^\W*(\d{1,2})[.)]\s", _BULLET.sub("", line))
    if match and limb:
        return int(match.group(1))
    return limb


def _number_value(number: str) -> int | None:
    """A minute number as a number to compare: "27" 27, "9/21" 21_0009 (year, then number)."""
    if "/" in number:
        first, _, year = number.partition("/")
        digits = re.sub(r"\D", "", first)
        return int(year) * 10_000 + int(digits) if digits and year.isdigit() else None
    match = re.search(r"\d+", number)
    return int(match.group(0)) if match else None


def _has_numbered_headings(lines: list[str], start: int) -> bool:
    count = 0
    for index in range(start, min(len(lines), start + 20_000)):
        heading = heading_at(lines, index, True)
        if heading and heading[0]:
            count += 1
            if count >= 2:
                return True
    return False


def heading_at(lines: list[str], index: int, numbered: bool) -> tuple[str, str, str, int] | None:
    """(number, title, style name, extra lines used) if line `index` heads a minute."""
    line = lines[index]
    if not line.strip() or len(line) > 300:
        return None
    alone = styles.NUMBER_ALONE.pattern.match(line)
    if alone:
        following = _next_text(lines, index)
        title = lines[following].strip() if following is not None else ""
        agenda = re.match(r"^To\s+(?:approve|receive|consider|confirm|note)\b.{0,160}$", title)
        if following is not None and (looks_like_title(title, strict=True) or agenda):
            return (
                alone.group(1),
                lines[following].strip(),
                styles.NUMBER_ALONE.name,
                following - index,
            )
        return None
    for style in styles.HEADINGS:
        match = style.pattern.match(line)
        if match is None:
            continue
        number = match.groupdict().get("number") or ""
        title = _AGENDA_NO.sub("", match.group("title")).strip(" .*-–—:")
        marked = line.lstrip().startswith(("#", "**"))
        if "agenda wording" in style.name and 0 < len(title.split()) <= 30:
            return number, title.split(". ")[0], style.name, 0
        if looks_like_title(title, strict=not marked and "/" not in number):
            return number, title, style.name, 0
        return None
    stripped = line.strip()
    if _is_marker(stripped):
        return None
    following = _next_text(lines, index)
    if following is not None and stripped.endswith(".") and len(stripped.split()) <= 12:
        first = styles.TITLE_THEN_NUMBER.pattern.match(lines[following])
        title = stripped.rstrip(".")
        if (
            first is not None
            and len(lines[following]) > 60
            and not _numbered_heading(lines[following])
            and looks_like_title(title, strict=False)
            and not _not_a_title(title)
        ):
            return first.group(1), title, styles.TITLE_THEN_NUMBER.name, 0
    label = following is not None and bool(_LABEL_AHEAD.match(lines[following]))
    used = 0
    if following is not None and not label and len(stripped) <= 100:
        for ahead in range(index + 1, min(len(lines), index + 16)):
            if _MINUTES_LABEL.match(lines[ahead]):
                label, used = True, ahead - index - 1
                break
            if heading_like(lines[ahead]):
                break
    before_blank = index == 0 or not lines[index - 1].strip()
    title_ok = looks_like_title(stripped, strict=False) and not stripped.endswith(".")
    if label and before_blank and title_ok and not _not_a_title(stripped):
        return "", stripped, "a title line followed by 'Minutes:' or 'Decision:' (ModernGov)", used
    caps = stripped.upper() == stripped and sum(c.isalpha() for c in stripped) >= 4
    after_blank = following is None or following > index + 1
    if not numbered and caps and before_blank and after_blank and looks_like_title(stripped):
        return "", stripped, "a title in capitals on its own line", 0
    return None


_LABEL_AHEAD = re.compile(
    r"^\W*(?:(?:minutes|decisions?)\s*:|to\s+(?:receive|consider|note|approve)\b)", re.I
)
_MINUTES_LABEL = re.compile(r"^\W*(?:minutes|decisions?)\s*:\s*$", re.I)


@functools.lru_cache(maxsize=1 << 17)
def heading_like(line: str) -> bool:
    """Whether a line is a numbered heading or a marker (for looking ahead)."""
    return _is_marker(line.strip()) or any(
        s.pattern.match(line) and s.name != styles.HEADINGS[-1].name for s in styles.HEADINGS
    )


_NOT_TITLES = re.compile(
    r"^\W*(?:agenda\s+item|issue\s*-\s*meetings|decision\s+details|agenda\s+and\s+minutes|"
    r"to\s+(?:receive|consider|note|approve|decide)\b|additional\s+documents|"
    r"supporting\s+documents|venue\b|contact\b)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1 << 17)
def _not_a_title(line: str) -> bool:
    return bool(_NOT_TITLES.match(line)) or any(d.pattern.search(line) for d in styles.DATES)


@functools.lru_cache(maxsize=1 << 17)
def _numbered_heading(line: str) -> bool:
    for style in styles.HEADINGS:
        match = style.pattern.match(line)
        if match and looks_like_title(match.group("title"), strict=True):
            return True
    return False


@functools.lru_cache(maxsize=1 << 17)
def _is_marker(line: str) -> bool:
    return any(s.pattern.match(line) for s in (*styles.DECISIONS, *styles.ACTIONS, *styles.STOPS))


def _next_text(lines: list[str], index: int) -> int | None:
    for later in range(index + 1, min(len(lines), index + 4)):
        if lines[later].strip() and not _NOISE.match(lines[later]):
            return later
    return None


@functools.lru_cache(maxsize=1 << 17)
def looks_like_title(title: str, strict: bool = True) -> bool:
    """Whether `title` reads as a minute's title, not a sentence or a limb."""
    words = title.split()
    if not words or len(words) > 24 or not any(c.isalpha() for c in title):
        return False
    first = title.lstrip("\"'‘“")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    if re.match(r"^(?:that|to|the\s+committee|members|it\s+was)\b", title, re.IGNORECASE):
        return False
    if _is_marker(title):
        return False
    if title.upper() == title:
        return True
    if not strict:
        return True
    if title.endswith((".", ";", ",")) and not title.endswith(("etc.", "Ltd.", "Co.")):
        return False
    long_words = [w for w in words if len(w.strip("()-–,:")) > 3]
    lower = [w for w in long_words if w[0].islower()]
    return len(words) <= 14 and len(lower) <= max(1, len(long_words) // 3)


def tidy_title(title: str) -> str:
    """The minute's title as a tracker prints it: title case from capitals, page furniture
    and agenda numbers removed."""
    title = " ".join(_AGENDA_NO.sub("", title).split()).strip(" .*-–—:")
    return title_case(title) if title.upper() == title else title


def title_case(title: str) -> str:
    """'BUDGET AND BUSINESS PLANNING 2022/23: CAPITAL' -> 'Budget and Business Planning
    2022/23: Capital': small words lower case, except first and after a colon."""
    words = title.split()
    out = []
    for index, word in enumerate(words):
        after_colon = index > 0 and words[index - 1].endswith(":")
        if index and not after_colon and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(out)


def _procedural(item: str) -> str:
    for pattern, why in styles.PROCEDURAL:
        if pattern.search(item):
            return why
    return ""


# Points and actions ---------------------------------------------------------------------------


def points(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs and bullet points, each as (first line number, text on one line)."""
    out: list[tuple[int, list[str]]] = []
    open_point = False
    for number, line in lines:
        if not line.strip():
            open_point = False
        elif _BULLET.match(line) or not open_point or _label_line(line):
            out.append((number, [_BULLET.sub("", line).strip()]))
            open_point = not _label_line(line)
        else:
            out[-1][1].append(line.strip())
    return [(number, " ".join(parts)) for number, parts in out]


def _label_line(line: str) -> bool:
    return any(s.pattern.match(line) for s in styles.ACTIONS[1:]) or bool(
        re.match(r"^[*_\s]*\[\s*action", line, re.IGNORECASE)
    )


def _owner_like(text: str) -> bool:
    """Whether a label's words name someone (not the action itself)."""
    words = text.split()
    if not words or len(words) > 10 or text.endswith("."):
        return False
    if re.search(r"\s(?:to|will|should|would|must|be)\s+[a-z]", f" {text}"):
        return False
    return words[0][0].isupper() or words[0][0].isdigit()


def _owners(text: str) -> tuple[str, ...]:
    text = " ".join(text.split()).strip(" .;:,*_")
    text = re.sub(r"^(?:the|by)\s+", "", text, flags=re.IGNORECASE)
    return tuple(o.strip() for o in re.split(r"\s*;\s*", text) if o.strip())


def actions(minute: Minute, day: date, explain: list[str] | None = None) -> list[Proposal]:
    """Each action label of the minute, with the point it marks, as a proposed action."""
    explain = explain if explain is not None else []
    out: list[Proposal] = []
    found = points(minute.lines)
    previous = ""
    index = 0
    while index < len(found):
        number, point = found[index]
        index += 1
        bracket = styles.ACTIONS[0]
        if bracket.pattern.search(point):
            start = 0
            for marker in bracket.pattern.finditer(point):
                text = point[start : marker.start()].strip(" *_") or previous
                start = marker.end()
                explain.append(f"line {number}: an action ({bracket.name})")
                out.append(_action(minute, day, text, _owners(marker.group("owner")), number))
            previous = bracket.pattern.sub("", point).strip(" *_")
            continue
        style, match = _action_label(point)
        if match is None:
            inside = styles.AGREED_INSIDE.pattern.search(point)
            if inside and not _is_marker(point):
                explain.append(f"line {number}: an action ({styles.AGREED_INSIDE.name})")
                text = inside.group("text").rstrip(" ;,")
                out.append(_action(minute, day, text, _owners(inside.group("owner")), number))
            previous = point
            continue
        explain.append(f"line {number}: an action ({style.name})")
        groups = match.groupdict()
        label = (groups.get("owner") or groups.get("text") or "").strip()
        owner_next = index < len(found) and _next_owner(found[index][1])
        if style is styles.ACTIONS[4]:  # "Owner:" after an action already taken
            if out and not out[-1].leads:
                out[-1] = _with_owner(out[-1], _owners(label))
            continue
        if not label or (style is styles.ACTIONS[1] and not label):
            if owner_next:
                label = found[index][1]
                index += 1
            text, owners = previous, _owners(label)
        elif ("owner" in groups and groups.get("owner") is not None) or _owner_like(label):
            text, owners = previous, _owners(label)
        else:
            text = label
            owners = ()
            inside = styles.OWNER_IN_TEXT.match(label)
            bracket_owner = re.search(r"\s*\(([^()]{2,80})\)\s*$", label)
            if inside:
                owners = _owners(inside.group("owner"))
            elif bracket_owner and _owner_like(bracket_owner.group(1)):
                owners = _owners(bracket_owner.group(1))
                text = label[: bracket_owner.start()].strip()
            if index < len(found) and styles.ACTIONS[4].pattern.match(found[index][1]):
                owner_match = styles.ACTIONS[4].pattern.match(found[index][1])
                if owner_match:
                    owners = _owners(owner_match.group("owner"))
                index += 1
        out.append(_action(minute, day, text, owners, number))
        previous = ""
    return out


def _next_owner(point: str) -> bool:
    return _owner_like(point) and not _is_marker(point)


def _action_label(point: str) -> tuple[styles.Style, re.Match[str] | None]:
    for style in styles.ACTIONS[1:]:
        match = style.pattern.match(point)
        if match:
            return style, match
    return styles.ACTIONS[0], None


def _with_owner(proposal: Proposal, owners: tuple[str, ...]) -> Proposal:
    values = dict(proposal.values)
    values["leads"] = owners
    return Proposal(proposal.kind, values, proposal.ticked, proposal.source, "")


def _action(minute: Minute, day: date, text: str, owners: tuple[str, ...], number: int) -> Proposal:
    values: dict[str, object] = {"meeting": day, "item": minute.item, "text": text}
    note = ""
    if owners:
        values["leads"] = owners
    else:
        note = "no owner in the minutes: add who leads it"
    if not text:
        note = "the marker follows no text: write the action"
    return Proposal("action", values, bool(text), f"line {number}", note)


# Decisions ------------------------------------------------------------------------------------


def decisions(minute: Minute, day: date, explain: list[str] | None = None) -> list[Proposal]:
    """Each limb of each decision of the minute, as a proposed recommendation or action."""
    explain = explain if explain is not None else []
    out = []
    for block, style in _blocks(minute):
        explain.append(f"line {block[0][0]}: a decision ({style})")
        lead, items = resolution_items(block)
        lead_owner = _decision_owner(lead)
        for item in _trim_last(items):
            out.append(_decision(minute, day, item, lead_owner))
    return out


def _blocks(minute: Minute) -> list[tuple[list[tuple[int, str]], str]]:
    """The decision blocks of a minute: from the marker to the next heading, label or marker."""
    blocks: list[tuple[list[tuple[int, str]], str]] = []
    current: list[tuple[int, str]] | None = None
    for number, line in minute.lines:
        stripped = line.strip()
        opened = _decision_marker(stripped) if stripped else None
        if opened is not None:
            style, rest = opened
            current = [(number, rest)]
            blocks.append((current, style))
            continue
        if current is None:
            continue
        if any(s.pattern.match(stripped) for s in styles.STOPS) or _label_line(line):
            current = None
            continue
        current.append((number, line))
    return blocks


_PARAGRAPH_NO = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\s+(?=\S)")


def _decision_marker(line: str) -> tuple[str, str] | None:
    line = _PARAGRAPH_NO.sub("", line)  # "8.4 RESOLVED: That ..." (numbered paragraphs)
    for style in styles.DECISIONS:
        match = style.pattern.match(line)
        if match:
            rest = (match.group("rest") or "").strip()
            if style.name.startswith("RECEIVED"):
                return style.name, "Received."
            if "lead" in match.groupdict() and style.name.startswith("the committee NOTED"):
                rest = f"noted {rest}".strip()
            return style.name, rest
    return None


def _trim_last(items: list[Item]) -> list[Item]:
    """The last limb ends with its own paragraph: what follows it is the minute's narrative."""
    if not items:
        return items
    last = items[-1]
    paragraphs = last.text.split("\n\n")
    if len(paragraphs) > 1:
        last = Item(paragraphs[0], last.line, last.note)
    return [*items[:-1], last]


def _decision_owner(text: str) -> tuple[str, ...]:
    first = text.split("\n", 1)[0].strip()
    for pattern in styles.OWNER_IN_DECISION:
        match = pattern.match(first)
        if match and not styles.DECISION_MAKERS.match(match.group("owner")):
            owner = match.group("owner")
            if not re.match(
                r"^(?:the\s+)?(?:committee|panel|board|members?|sub-committee)$", owner, re.I
            ):
                return _owners(owner)
    return ()


def _decision(minute: Minute, day: date, item: Item, lead_owner: tuple[str, ...]) -> Proposal:
    owners = lead_owner or _decision_owner(item.text)
    values: dict[str, object] = {"meeting": day, "item": minute.item, "text": item.text}
    source = f"line {item.line}"
    note = item.note or minute.procedural
    if owners and not item.note:  # a limb that asks someone to act is not procedural
        values["leads"] = owners
        return Proposal("action", values, True, source, "")
    return Proposal("recommendation", values, not note, source, note)


# Matters arising ------------------------------------------------------------------------------


_COMPLETE = re.compile(
    r"\b(?:complete[d]?|closed|done|achieved|implemented|discharged|resolved|circulated|"
    r"(?:has|had|have)\s+(?:now\s+)?been\s+(?:sent|provided|circulated|completed|issued|"
    r"received|shared|published|done|held|arranged|added)|was\s+(?:sent|circulated|provided)|"
    r"no\s+further\s+action)\b",
    re.IGNORECASE,
)
_NOT_COMPLETE = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:complete|done|received|sent|provided)|outstanding|"
    r"ongoing|in\s+progress|awaited|pending|still\s+(?:being|to)|remains?\s+open|"
    r"to\s+be\s+(?:provided|circulated|sent)|would\s+be|will\s+be|not\s+complete|"
    r"chase|delayed|deferred)\b",
    re.IGNORECASE,
)


def says_complete(text: str) -> bool:
    """Whether an entry says the action is done (and not that it is still under way)."""
    return bool(_COMPLETE.search(text)) and not _NOT_COMPLETE.search(text)


def log_entries(minute: Minute) -> list[LogEntry]:
    """The entries of a "Matters arising" or action-log minute: "Minute 29, Title – update"."""
    out = []
    for number, point in points(minute.lines):
        match = _LOG_ENTRY.match(point)
        if not match:
            continue
        rest = match.group("rest").strip(" ,:;.-–—")
        title, update = "", rest
        split = re.split(r"\s+[–—-]\s+|:\s+", rest, maxsplit=1)
        if len(split) == 2:
            title, update = split[0].strip(" ,"), split[1].strip()
        meeting = None
        when = re.search(styles.WORD_DATE, title, re.IGNORECASE) or re.search(
            styles.NUMBER_DATE, title
        )
        if when:
            meeting = _date(when)
            title = (title[: when.start()] + title[when.end() :]).strip(" ,()-–")
        ref = match.group("ref")
        out.append(
            LogEntry(
                line=number,
                text=update,
                ref=ref,
                number=match.group("number") or ref,
                meeting=meeting,
                item=tidy_title(title) if title else "",
                complete=says_complete(update),
            )
        )
    return out
