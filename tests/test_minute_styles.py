"""The pattern table: every named row of `minute_styles.py` has an example it must match, and a
new council's style is one row, not a new parser."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutui.importers import minute_styles as styles
from scrutui.importers.minute_readers import read_document
from scrutui.importers.minutes import _date, read_minutes

DATES = {
    "'minutes of the meeting held on <date>'": (
        "MINUTES of the meeting held on Monday, 17 January 2022 commencing at 10.00 am",
        date(2022, 1, 17),
    ),
    "'Meeting: <dd/mm/yyyy> - committee'": (
        "Meeting: 24/07/2018 - Overview and Scrutiny Committee (Item 27)",
        date(2018, 7, 24),
    ),
    "'Meeting: <date>'": ("Meeting: Tuesday 3rd March 2020", date(2020, 3, 3)),
    "'Decided at meeting: <dd/mm/yyyy>'": (
        "Decided at meeting: 17/09/2019 - Overview and Scrutiny Committee",
        date(2019, 9, 17),
    ),
    "'Date of decision: <dd/mm/yyyy>'": ("Date of decision: 17/09/2019", date(2019, 9, 17)),
    "'Date of meeting: <date>'": ("Date of meeting: 5th June 2023", date(2023, 6, 5)),
    "'Date of meeting: <dd/mm/yyyy>'": ("Date of Meeting: 05.06.23", date(2023, 6, 5)),
    "'Date: <date>'": ("Date: Thursday, 1 June 2017", date(2017, 1 + 5, 1)),
    "'Date: <dd/mm/yyyy>'": ("Date: 12/03/2024", date(2024, 3, 12)),
    "'Meeting date: <date>' or 'Held on: <date>'": ("Held on: 4th March 2024", date(2024, 3, 4)),
    "'Meeting date: <dd/mm/yyyy>' or 'Held on: <dd/mm/yyyy>'": (
        "Meeting date: 04/03/2024",
        date(2024, 3, 4),
    ),
    "'<day> <date> at <time>, <place>' (the date, time and place on one line)": (
        "Monday 4th March 2024 at 6.30pm, Council Chamber, Civic Offices",
        date(2024, 3, 4),
    ),
    "a heading '<committee> - <day>, <date> <time>' (ModernGov)": (
        "Scrutiny Committee - Thursday, 27th June, 2024 6.30 pm",
        date(2024, 6, 27),
    ),
    "'held on <date>' (a minute of a meeting, a note of decisions)": (
        "Action notes of the meeting held on 30 June 2020",
        date(2020, 6, 30),
    ),
    "'Meeting of <committee>, <day> <date>' (ModernGov agenda item page)": (
        "Meeting of The Council, Thursday, 7th March, 2024 1.30 pm (Item 10.)",
        date(2024, 3, 7),
    ),
    "'<TOWN>, <date>. - Minute of Meeting' (Aberdeen)": (
        "ABERDEEN, 7 June 2013. - Minute of Meeting of the FINANCE COMMITTEE.",
        date(2013, 6, 7),
    ),
    "'<Town>, <date>.' alone on its line (Glasgow)": (
        "Glasgow, 8th December 2016.",
        date(2016, 12, 8),
    ),
    "'<dd/mm/yyyy> - <title>' (ModernGov decisions for an issue)": (
        "24/06/2021 - To confirm the minutes",
        date(2021, 6, 24),
    ),
    "a heading with a date '<day> <date>' alone (a time may follow)": (
        "Wednesday 5 April 2023 7.15pm",
        date(2023, 4, 5),
    ),
    "'<council> met at <place> on <date>' (Welsh county councils)": (
        "The County Council met at County Hall, Cardiff on 21 June 2018 to transact business",
        date(2018, 6, 21),
    ),
}
HEADINGS = {
    "'9/21 TITLE' (number/year, Oxfordshire)": ("9/21 BUDGET AND BUSINESS PLANNING", "9/21"),
    "'Minute 12: Title' or 'Min. 12 - Title'": ("Minute 12: Parks and Open Spaces", "12"),
    "'CAB123 Title' (a committee code and number)": ("CAB 45 Housing Allocations Policy", "CAB 45"),
    "'27. Title', '27 TITLE' or '62 : TITLE' (a number, a full stop or a colon or neither)": (
        "27 PROGRESS ON COMMITTEE RESOLUTIONS",
        "27",
    ),
    "'Item 5: Title' or 'Agenda item 5 – Title'": ("Agenda Item 5 – Parks Strategy", "5"),
    "'5 – TITLE' (a number, a dash, the title)": ("5 – PARKS STRATEGY", "5"),
    "'## Title' (a Markdown heading)": ("## Social Value", None),
    "'F06:04/24 To agree ...' (a parish minute reference, agenda wording as the title)": (
        "F06:04/24 To agree the replacement of the bus shelter.",
        "F06:04/24",
    ),
}
DECISIONS = {
    "RESOLVED (any case, at the start of a line)": ("RESOLVED – That the report be noted.", "That"),
    "RECOMMENDED (any case, at the start of a line)": ("RECOMMENDED - THAT Cabinet act.", "THAT"),
    "AGREED (at the start of a line)": ("AGREED: that the plan be revised.", "that"),
    "'Decision:' or 'Decisions:' label, or 'Decision' alone on its line": ("Decision:", ""),
    "'The Committee resolved:-', 'It was RESOLVED to' (in a sentence)": (
        "Following discussion it was RESOLVED to:",
        "to:",
    ),
    "'The Committee agreed that/to' (in a sentence, Scotland and Wales)": (
        "The Committee agreed to invite the Cabinet Member.",
        "to invite",
    ),
    "'After consideration, the committee (1) noted ...; and (2) ...' (Glasgow)": (
        "After consideration, the committee (1) noted the report; and (2) agreed.",
        "(1)",
    ),
    "the committee NOTED (capitals: a decision to note, unticked)": (
        "The Committee NOTED the declarations.",
        "the",
    ),
    "'The Council noted the report.' (a sentence of its own, unticked)": (
        "The Council noted the report.",
        "noted the report",
    ),
    "'The Committee:-' then limbs (Highland)": ("The Committee:-", ""),
    "'the following recommendations' then a list": (
        "The Committee made the following recommendations to Cabinet:",
        "",
    ),
    "RECEIVED. (a report received)": ("RECEIVED.", "RECEIVED"),
}
ACTIONS = {
    "'[ACTION: owner]' closing a point": (
        "Figures to follow. [ACTION: Director of Finance]",
        "owner",
    ),
    "'Action by: owner' (the owner may be on the next line)": ("Action by: Town Clerk", "owner"),
    "'Action: ...' or 'ACTION - ...' label": ("ACTION - Clerk to write to the trust", "text"),
    "'ACTION' alone on its line, the owner on the next": ("ACTION", None),
    "'Owner: name' or 'Lead officer: name' after an action": ("Lead officer: Ann Oak", "owner"),
}
STOPS = {
    "reasons": "REASON FOR DECISION: To monitor progress.",
    "alternatives": "Alternative options considered and rejected:",
    "ModernGov labels": "Supporting documents:",
    "votes": "(For 5, Against 0, Abstentions 1)",
    "votes: carried": "The motion was carried.",
    "the close": "The meeting ended at 8.15 pm",
    "who spoke": "Members who spoke: Councillors Ash and Birch",
    "who moved": "Moved by Councillor Ash",
    "a division": "Upon a vote being taken",
}


def test_every_row_of_the_table_has_an_example() -> None:
    for table, examples in [
        (styles.DATES, DATES),
        (styles.HEADINGS, HEADINGS),
        (styles.DECISIONS, DECISIONS),
        (styles.ACTIONS, ACTIONS),
        (styles.STOPS, STOPS),
    ]:
        names = [style.name for style in table]
        assert len(set(names)) == len(names), "each row has its own name"
        assert sorted(names) == sorted(examples), "a new row needs an example here"


@pytest.mark.parametrize("style", styles.DATES, ids=lambda s: s.name)
def test_each_date_row_reads_its_example(style: styles.Style) -> None:
    line, day = DATES[style.name]
    match = style.pattern.search(line)
    assert match is not None
    assert _date(match) == day


@pytest.mark.parametrize("style", styles.HEADINGS, ids=lambda s: s.name)
def test_each_heading_row_reads_its_example(style: styles.Style) -> None:
    line, number = HEADINGS[style.name]
    match = style.pattern.match(line)
    assert match is not None
    assert match.groupdict().get("number") == number


@pytest.mark.parametrize("style", styles.DECISIONS, ids=lambda s: s.name)
def test_each_decision_row_reads_its_example(style: styles.Style) -> None:
    line, rest = DECISIONS[style.name]
    match = style.pattern.match(line)
    assert match is not None
    assert (match.group("rest") or "").startswith(rest)


@pytest.mark.parametrize("style", styles.ACTIONS, ids=lambda s: s.name)
def test_each_action_row_reads_its_example(style: styles.Style) -> None:
    line, group = ACTIONS[style.name]
    match = style.pattern.search(line)
    assert match is not None
    if group:
        assert match.group(group)


@pytest.mark.parametrize("style", styles.STOPS, ids=lambda s: s.name)
def test_each_stop_row_reads_its_example(style: styles.Style) -> None:
    assert style.pattern.match(STOPS[style.name])


def test_an_action_agreed_inside_a_point_is_found_anywhere_in_it() -> None:
    match = styles.AGREED_INSIDE.pattern.search(
        "several items were outstanding - it was agreed that the Clerk would chase them."
    )
    assert match is not None
    assert match.group("owner") == "the Clerk"
    assert match.group("text").startswith("it was agreed that the Clerk would chase")


def test_a_new_councils_style_is_one_row(monkeypatch: pytest.MonkeyPatch) -> None:
    text = [
        "Minutes of the meeting held on 2 May 2024",
        "",
        "7. HOUSING REPAIRS",
        "",
        "DETERMINED: That the repairs backlog be reported quarterly.",
    ]
    assert read_minutes(text).proposals == []
    row = styles.Style(
        "DETERMINED (a council's own word)",
        re.compile(r"^\W*determined\s*[:\-–]\s*(?P<rest>.*)$", re.IGNORECASE),
    )
    monkeypatch.setattr(styles, "DECISIONS", [*styles.DECISIONS, row])
    proposals = read_minutes(text).proposals
    assert [(p.kind, p.item, p.text) for p in proposals] == [
        ("recommendation", "Housing Repairs", "That the repairs backlog be reported quarterly.")
    ]


# The readers: each numbering style as the reader of the printed minutes sees it -------------


def test_word_numbering_is_written_out_as_word_shows_it(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Minutes of the meeting held on 2 May 2024")
    document.add_paragraph("7. HOUSING REPAIRS")
    document.add_paragraph("RESOLVED:")
    first = document.add_paragraph("That the backlog be reported quarterly;", style="List Number")
    document.add_paragraph("That tenants be told of delays.", style="List Number")
    bullet = document.add_paragraph("in writing,", style="List Bullet")
    path = tmp_path / "m.docx"
    document.save(str(path))
    lines = [line for line in read_document(path).lines if line]
    assert lines[3:6] == [
        "1. That the backlog be reported quarterly;",
        "2. That tenants be told of delays.",
        "- in writing,",
    ]
    # a lettered list: the same paragraphs with the numbering's format made "(a)"
    numbering = document.part.numbering_part.element
    num_id = first._p.pPr.numPr.numId.val if first._p.pPr.numPr is not None else None
    if num_id is None:  # the style carries the numbering: find its list through the style
        style_num = document.styles["List Number"].element.pPr.numPr
        num_id = style_num.numId.val
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.iter(qn("w:num"))
        if n.get(qn("w:numId")) == str(num_id)
    )
    for node in numbering.iter(qn("w:abstractNum")):
        if node.get(qn("w:abstractNumId")) == abstract:
            level = node.find(qn("w:lvl"))
            level.find(qn("w:numFmt")).set(qn("w:val"), "lowerLetter")
            level.find(qn("w:lvlText")).set(qn("w:val"), "(%1)")
    assert bullet.text
    document.save(str(path))
    reading = read_minutes(read_document(path).lines)
    assert [p.text for p in reading.proposals] == [
        "That the backlog be reported quarterly",
        "That tenants be told of delays.\n- in writing",
    ]
    assert [line for line in read_document(path).lines if line][3] == (
        "(a) That the backlog be reported quarterly;"
    )


def test_html_lists_are_numbered_as_the_browser_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "m.html"
    path.write_text(
        "<html><body><p>Minutes of the meeting held on 2 May 2024</p><h3>7. PARKS</h3>"
        "<p>RESOLVED that:</p><ol type='a'><li>the café lease be renewed;</li>"
        "<li>the play area be resurfaced, with<ul><li>new fencing</li></ul></li></ol>"
        "<script>var RESOLVED = 1;</script></body></html>",
        encoding="utf-8",
    )
    reading = read_minutes(read_document(path).lines)
    assert reading.meeting == date(2024, 5, 2)
    assert [p.text for p in reading.proposals] == [
        "the café lease be renewed",
        "the play area be resurfaced, with\n- new fencing",
    ]


def test_an_owner_not_in_the_minutes_is_left_empty_and_flagged() -> None:
    reading = read_minutes(
        [
            "Minutes of the meeting held on 2 May 2024",
            "",
            "7. PARKS",
            "",
            "Members asked for the footfall figures.",
            "",
            "ACTION:",
            "",
        ]
    )
    (action,) = reading.proposals
    assert action.leads == ()
    assert action.ticked and action.note == "no owner in the minutes: add who leads it"


def test_opendocument_minutes_are_read_through_pandoc(tmp_path: Path) -> None:
    import pypandoc

    source = tmp_path / "m.md"
    source.write_text(
        "Minutes of the meeting held on 2 May 2024\n\n7\\. PARKS\n\n"
        "RESOLVED: That the café lease be renewed.\n",
        encoding="utf-8",
    )
    path = tmp_path / "m.odt"
    pypandoc.convert_file(str(source), "odt", outputfile=str(path))
    reading = read_minutes(read_document(path).lines)
    assert [(p.item, p.text) for p in reading.proposals] == [
        ("Parks", "That the café lease be renewed.")
    ]


PIECES = [
    "RESOLVED:",
    "RESOLVED – That",
    "(1) That the Clerk be asked to write;",
    "(i) sub-limb",
    "a) that",
    "ACTION:",
    "Action by:",
    "[ACTION: Clerk]",
    "12. PARKS",
    "12.",
    "Parks.",
    "3 There was submitted a report.",
    "Minutes:",
    "Decision:",
    "The Committee:-",
    "The Committee resolved:- (i) to note; and (ii) to ask the Head of X to act.",
    "REASON FOR DECISION:",
    "Matters arising",
    "Minute 4, Parks – done.",
    "Meeting: 31/02/2024 - Committee",
    "Minutes of the meeting held on 30 February 2024",
    "Glasgow, 8th December 2016.",
    "·  a bullet",
    "",
]


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=60))
def test_any_lines_give_a_reading_and_never_an_error(lines: list[str]) -> None:
    reading = read_minutes(lines)
    for proposal in reading.proposals:
        assert proposal.kind in ("action", "recommendation")
        assert proposal.source.startswith("line ")
        assert proposal.item
    for entry in reading.entries:
        assert entry.line >= 1


@settings(max_examples=100)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".docx", ".pdf", ".html", ".csv", ""]))
def test_any_bytes_give_a_document_or_a_clear_problem(data: bytes, suffix: str) -> None:
    import tempfile

    from scrutui.importers.proposal import ImportProblem

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except ImportProblem as problem:
            assert "file" in str(problem)
            return
        assert isinstance(document.lines, list)


@pytest.mark.parametrize(
    "line",
    [
        "RESOLVED (unanimously) – That the bus shelter be replaced.",
        "RESOLVED, by 7 votes to 2, that the bus shelter be replaced.",
        "Resolved unanimously: That the bus shelter be replaced.",
    ],
)
def test_how_a_resolution_was_carried_is_not_part_of_its_text(line: str) -> None:
    reading = read_minutes(
        ["Minutes of the meeting held on 2 May 2024", "", "7. SHELTERS", "", line]
    )
    assert [p.text.lower() for p in reading.proposals] == ["that the bus shelter be replaced."]
