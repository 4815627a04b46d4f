"""The ways councils write their minutes, as named patterns: a new council's style is a row here.

The minutes reader (`minutes.py`) finds the structure with these tables, in order: the
meeting's date (`DATES`), each minute's heading (`HEADINGS`), the words that open a decision
(`DECISIONS`), the labels that mark an action and its owner (`ACTIONS`), and the labels that
close a decision (`STOPS`). Each row has a name (shown by `--explain` and in "looked for"
messages) and the pattern. Where a style was seen is noted in `tests/minutes_corpus/`, one
document a style, with the proposals it must give.

A pattern for a heading gives the groups `number` (may be absent) and `title`; a date pattern
gives `day`, `month` (a name or a number) and `year`; a decision pattern gives `rest`, the
words after the marker; an action pattern gives `owner` or `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = [
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
]
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)"
_DAYNAME = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
# "17 January 2022", "17th January, 2022", "Monday,17th January 2022"; the day may be run
# into the word before it ("held on17 March")
WORD_DATE = (
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH + r"[a-z]*\.?,?\s+(?P<year>\d{4})"
)
_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
NUMBER_DATE = r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b"


@dataclass(frozen=True, slots=True)
class Style:
    """One named pattern of the table."""

    name: str
    pattern: re.Pattern[str]


def _style(name: str, pattern: str, flags: int = re.IGNORECASE) -> Style:
    return Style(name, re.compile(pattern, flags))


# A line that mentions an earlier meeting's minutes gives no date of this meeting.
EARLIER = re.compile(
    r"approv|agreed|confirm|correct\s+record|previous|last\s+meeting|signed|accuracy|true\s+record|"
    r"^\W*\d{1,4}[./)]?\s",  # a numbered minute's heading names an earlier meeting
    re.IGNORECASE,
)

# The meeting's date, most telling first: the first row that matches anywhere in the first
# lines of the document gives the date.
DATES = [
    _style(
        "'minutes of the meeting held on <date>'",
        r"^\W*minutes?\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w&,'’-]+\s+){0,12}?meeting\b.{0,160}?"
        r"\bheld\b.{0,160}?\bon\s*" + _DAYNAME + WORD_DATE,
    ),
    _style("'Meeting: <dd/mm/yyyy> - committee'", r"^\W*meeting\s*:\s*" + NUMBER_DATE),
    _style("'Meeting: <date>'", r"^\W*meeting\s*:\s*" + _DAYNAME + WORD_DATE),
    _style(
        "'Decided at meeting: <dd/mm/yyyy>'", r"^\W*decided\s+at\s+meeting\s*:\s*" + NUMBER_DATE
    ),
    _style("'Date of decision: <dd/mm/yyyy>'", r"^\W*date\s+of\s+decision\s*:\s*" + NUMBER_DATE),
    _style(
        "'Date of meeting: <date>'",
        r"^\W*date\s+of\s+(?:the\s+)?meeting\s*:?\s*" + _DAYNAME + WORD_DATE,
    ),
    _style(
        "'Date of meeting: <dd/mm/yyyy>'",
        r"^\W*date\s+of\s+(?:the\s+)?meeting\s*:?\s*" + NUMBER_DATE,
    ),
    _style("'Date: <date>'", r"^\W*date\s*:\s*" + _DAYNAME + WORD_DATE),
    _style("'Date: <dd/mm/yyyy>'", r"^\W*date\s*:\s*" + _DAYNAME + NUMBER_DATE),
    _style(
        "'Meeting date: <date>' or 'Held on: <date>'",
        r"^\W*(?:meeting\s+date|date\s+held|held(?:\s+on)?)\s*:\s*" + _DAYNAME + WORD_DATE,
    ),
    _style(
        "'Meeting date: <dd/mm/yyyy>' or 'Held on: <dd/mm/yyyy>'",
        r"^\W*(?:meeting\s+date|date\s+held|held(?:\s+on)?)\s*:\s*" + _DAYNAME + NUMBER_DATE,
    ),
    _style(
        "a heading '<committee> - <day>, <date> <time>' (ModernGov)",
        r"^.{3,120}?\s[-–—]\s+" + _DAYNAME + WORD_DATE,
    ),
    _style(
        "'held on <date>' (a minute of a meeting, a note of decisions)",
        r"\b(?:meeting|minute|note|record|notes)\b.{0,150}?\bheld\b(?:.{0,100}?\bon)?\s*"
        + _DAYNAME
        + WORD_DATE,
    ),
    _style(
        "'Meeting of <committee>, <day> <date>' (ModernGov agenda item page)",
        r"^\W*meeting\s+of\s+.{3,120}?,\s*" + _DAYNAME + WORD_DATE,
    ),
    _style(
        "'<TOWN>, <date>. - Minute of Meeting' (Aberdeen)",
        r"^\W*[A-Z][A-Z .'-]{2,30},\s*" + WORD_DATE + r"\.?\s*[-–—]*\s*minute\s+of\b",
    ),
    _style(
        "'<Town>, <date>.' alone on its line (Glasgow)",
        r"^\W*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*,\s*(?i:" + WORD_DATE + r")\.?\s*$",
        0,
    ),
    _style(
        "'<dd/mm/yyyy> - <title>' (ModernGov decisions for an issue)",
        r"^\W*" + NUMBER_DATE + r"\s+[-–—]\s+\S",
    ),
    _style(
        "a heading with a date '<day> <date>' alone (a time may follow)",
        r"^\W*"
        + _DAYNAME
        + WORD_DATE
        + r"(?:,?\s+(?:at\s+)?"
        + _TIME
        + r"(?:\s*[-–—]\s*"
        + _TIME
        + r")?)?\W*$",
    ),
    _style(
        "'<day> <date> at <time>, <place>' (the date, time and place on one line)",
        r"^\W*" + _DAYNAME + WORD_DATE + r",?\s+(?:at\s+)?" + _TIME + r"\s*[,–—-]\s*\S.{0,100}$",
    ),
    _style(
        "'<council> met at <place> on <date>' (Welsh county councils)",
        r"\bmet\s+(?:at|in|remotely|virtually|online)\b.{0,160}?\bon\s*" + _DAYNAME + WORD_DATE,
    ),
]

# A minute's heading: the number the council gives it and its title. A numbered line is a
# heading only if its title reads as one (see `minutes.looks_like_title`).
HEADINGS = [
    _style(
        "'9/21 TITLE' (number/year, Oxfordshire)",
        r"^[#*\s]*(?:minute\s+)?(?P<number>\d{1,4}/\d{2,4})\.?\s+(?P<title>\S.*?)[*\s]*$",
    ),
    _style(
        "'Minute 12: Title' or 'Min. 12 - Title'",
        r"^[#*\s]*min(?:ute)?\.?\s+(?:no\.?\s*)?(?P<number>\d{1,4}[a-z]?)\s*[:.–—-]\s*"
        r"(?P<title>\S.*?)[*\s]*$",
    ),
    _style(
        "'CAB123 Title' (a committee code and number)",
        r"^[#*\s]*(?P<number>[A-Z]{1,5}\s?\d{1,4}(?:/\d{2,4})?)\.?\s+(?P<title>\S.*?)[*\s]*$",
        0,
    ),
    _style(
        "'27. Title', '27 TITLE' or '62 : TITLE' (a number, a full stop or a colon or neither)",
        r"^[#*\s]*(?P<number>\d{1,4}[a-z]?)(?:\.|\s*\)|\s+:)?\s+(?P<title>[A-Z\"'‘“].*?)[*\s]*$",
        0,
    ),
    _style(
        "'Item 5: Title' or 'Agenda item 5 – Title'",
        r"^[#*\s]*(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<number>\d{1,3}[a-z]?)\s*[:.–—-]\s*"
        r"(?P<title>\S.*?)[*\s]*$",
    ),
    _style(
        "'5 – TITLE' (a number, a dash, the title)",
        r"^[#*\s]*(?P<number>\d{1,4}[a-z]?)\s+[–—-]\s+(?P<title>[A-Z\"'‘“].*?)[*\s]*$",
        0,
    ),
    _style("'## Title' (a Markdown heading)", r"^#{1,4}\s+(?P<title>\S.*?)\s*#*$"),
    _style(
        "'F06:04/24 To agree ...' (a parish minute reference, agenda wording as the title)",
        r"^\W*(?P<number>[A-Z]{1,3}\d{1,4}:\d{2}(?:/\d{2})?|\d{1,4}:\d{2}/\d{2})\.?\s+"
        r"(?P<title>\S.*?)\s*$",
        0,
    ),
]

# A short title ending with a full stop, then a paragraph numbered on its first line (Glasgow).
TITLE_THEN_NUMBER = _style(
    "'Title.' then a paragraph '2 There was submitted ...' (Glasgow)", r"^\W*(\d{1,4})\s+[A-Z(]"
)

# A number alone on its line, its title on the next line with text (ModernGov web pages).
NUMBER_ALONE = _style("'27.' alone, the title on the next line (ModernGov)", r"^\W*(\d{1,4})\.?$")

# Procedural minutes: a decision under these is proposed unticked, with the reason.
PROCEDURAL = [
    (re.compile(r"\bapolog", re.I), "records apologies for absence"),
    (
        re.compile(r"\bdeclarations?\b|\binterests?\b|transparency statement", re.I),
        "records declarations of interest",
    ),
    (
        re.compile(
            r"^\W*(?:the\s+)?minutes?\b(?!.*\baction)|\bminutes? of (?:the )?previous\b|"
            r"\bprevious minutes?\b|\bconfirmation of (?:the )?minutes\b|"
            r"\b(?:approve|confirm|agree|sign)\s+the\s+minutes\b",
            re.I,
        ),
        "approves the minutes of an earlier meeting",
    ),
    (
        re.compile(r"\bexempt\b|\bexclusion of (?:the )?press\b|\bpress and public\b", re.I),
        "excludes the press and public",
    ),
    (re.compile(r"\bsubstitut", re.I), "records substitutes"),
    (
        re.compile(r"\bdates? of (?:future|next) meetings?\b", re.I),
        "is about the committee's own meetings",
    ),
    (
        re.compile(r"\belection of\b|\bappointment of (?:the )?(?:vice|chair)", re.I),
        "elects or appoints the committee's own chair or members",
    ),
]

# The words that open a decision. `rest` is what follows the marker on its line.
DECISIONS = [
    _style(
        "RESOLVED (any case, at the start of a line)",
        r"^[#*\s]*(?:it\s+was\s+)?(?:further\s+)?resolved\b[*\s]*"
        r"(?:\((?:unanimously|nem\.?\s*con\.?|by\s+[^)]{1,40})\)\s*)?"
        r"(?:,?\s*(?:unanimously|nem\.?\s*con\.?|by\s+\d+\s+votes?\s+to\s+\d+"
        r"(?:\s*,?\s*with\s+\d+\s+abstentions?)?)\s*,?\s*)?"
        r"(?:[-–—:,.]+|\bthat\b(?=\s*[:\-–—]?\s*$))?[*\s]*(?P<rest>.*)$",
    ),
    _style(
        "RECOMMENDED (any case, at the start of a line)",
        r"^[#*\s]*(?:it\s+was\s+)?recommended\b[*\s]*(?:[-–—:,.]+)?[*\s]*(?P<rest>.*)$",
    ),
    _style(
        "AGREED (at the start of a line)",
        r"^[#*\s]*(?i:it\s+was\s+)?(?:AGREED\b|(?i:agreed)(?=\s*[-–—:]|\s+(?i:that|to)\b))"
        r"[*\s]*(?:[-–—:,.]+)?[*\s]*(?P<rest>.*)$",
        0,
    ),
    _style(
        "'Decision:' or 'Decisions:' label, or 'Decision' alone on its line",
        r"^[#*\s]*decisions?\s*(?:made|taken)?\s*(?:[:\-–—]+[*\s]*(?P<rest>.*)|(?P<none>)[*\s]*)$",
    ),
    _style(
        "'The Committee resolved:-', 'It was RESOLVED to' (in a sentence)",
        r"^(?P<lead>.{0,90}?\b(?i:committee|council|board|panel|cabinet|commission|group|"
        r"sub-committee|members|forum|it\s+was)\s+(?:unanimously\s+)?(?:resolved|RESOLVED|"
        r"AGREED|DECIDED|RECOMMENDED)\b)[*\s]*(?:[-–—:,]+)?\s*(?P<rest>.*)$",
        0,
    ),
    _style(
        "'The Committee agreed that/to' (in a sentence, Scotland and Wales)",
        r"^(?P<lead>.{0,60}?\b(?:the\s+)?(?:committee|council|board|panel|sub-committee|"
        r"commission)\s+(?:unanimously\s+)?(?:agreed|decided)\b)\s*(?:[-–—:]+\s*)?"
        r"(?P<rest>(?:that|to)\b.*|)$",
    ),
    _style(
        "'After consideration, the committee (1) noted ...; and (2) ...' (Glasgow)",
        r"^(?P<lead>.{0,60}?\b(?i:committee|council|sub-committee|board|panel),?)\s+"
        r"(?P<rest>\(1\)\s.*|(?i:noted|approved|instructed|requested|decided)\b.*)$",
        0,
    ),
    _style(
        "the committee NOTED (capitals: a decision to note, unticked)",
        r"^(?P<lead>.{0,60}?\b(?i:committee|council|board|panel|sub-committee)\s+NOTED\b)"
        r"\s*(?:[-–—:]+\s*)?(?P<rest>.*)$",
        0,
    ),
    _style(
        "'The Council noted the report.' (a sentence of its own, unticked)",
        r"^(?P<lead>\W*(?:the\s+)?(?:committee|council|board|panel|sub-committee|cabinet|"
        r"commission)\s+)(?P<rest>noted\s+the\s+(?:report|update|information|minutes|"
        r"tracker|issue\s+tracker|position|progress|presentation)\b.{0,120})$",
        re.IGNORECASE,
    ),
    _style(
        "'The Committee:-' then limbs (Highland)",
        r"^(?P<lead>\W*(?:the\s+)?(?:committee|council|board|panel|sub-committee)\s*:\s*-?)"
        r"\s*(?P<rest>)$",
    ),
    _style(
        "'the following recommendations' then a list",
        r"^(?P<lead>.{0,200}?\bthe\s+following\s+recommendations?\b[^:]*:)\s*(?P<rest>.*)$",
    ),
    _style("RECEIVED. (a report received)", r"^[#*\s]*(?P<rest>RECEIVED)\.?\s*$", 0),
]

# The labels that mark an action. `owner` is who; `text` (when the label carries the action
# itself) is what.
ACTIONS = [
    _style(
        "'[ACTION: owner]' closing a point",
        r"[*_]*\[\s*action(?:\s+by)?\s*:?\s*(?P<owner>[^\]]*)\][*_]*",
    ),
    _style(
        "'Action by: owner' (the owner may be on the next line)",
        r"^[*_\s]*actions?\s+by\s*[:\-–—]*[*_\s]*(?P<owner>.*?)[*_\s]*$",
    ),
    _style(
        "'Action: ...' or 'ACTION - ...' label",
        r"^[*_\s]*(?:agreed\s+)?action(?:\s+point)?s?\s*(?:\d+\s*)?[:\-–—]+[*_\s]*(?P<text>.*?)"
        r"[*_\s]*$",
    ),
    _style("'ACTION' alone on its line, the owner on the next", r"^[*_\s]*ACTIONS?[*_\s]*$", 0),
    _style(
        "'Owner: name' or 'Lead officer: name' after an action",
        r"^[*_\s]*(?:action\s+)?(?:owner|lead(?:\s+officer)?|responsible(?:\s+officer)?|"
        r"officer|who)\s*[:\-–—]+\s*(?P<owner>.+?)\s*$",
    ),
]

# An action agreed inside a point ("... – it was agreed that the Democratic Advisor would ask
# officers ..."): found anywhere in the point, the text from "it was agreed" on.
AGREED_INSIDE = _style(
    "'... - it was agreed that the X would ...' inside a point",
    r"(?P<text>\bit\s+was\s+(?:agreed|resolved)\s+that\s+(?P<owner>(?:the\s+)?[A-Z][\w'’&-]*"
    r"(?:\s+(?:[A-Z][\w'’&-]*|of|and|for))*)\s+(?:would|will|should|is\s+to)\s+[a-z].*)$",
    0,
)

# What closes a decision: the labels that follow the resolution in published minutes.
STOPS = [
    _style("reasons", r"^\W*reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)\b"),
    _style("alternatives", r"^\W*(?:alternative\s+options|other\s+options|options\s+considered)"),
    _style(
        "ModernGov labels",
        r"^\W*(?:supporting\s+documents|additional\s+documents|minutes|"
        r"report\s+author|publication\s+date|date\s+of\s+decision|decided\s+at\s+meeting|"
        r"decision\s+maker|decision\s+status|is\s+key\s+decision|is\s+subject\s+to\s+call\s+in|"
        r"accompanying\s+documents|implementation\s+of\s+decision|attachments|"
        r"background\s+papers|media|wards?\s+affected|lead\s+member)\s*[:?]",
    ),
    _style("votes", r"^\W*\(?\s*(?:for|votes?\s+for|in\s+favour)\s*[:\-]?\s*\d+\s*[,;]?\s*against"),
    _style(
        "votes: carried",
        r"^\W*(?:the\s+)?(?:motion|recommendations?|amendment)\s+(?:was\s+)?"
        r"(?:carried|lost|put\s+to\s+the\s+vote)",
    ),
    _style(
        "the close",
        r"^\W*(?:the\s+)?meeting\s+(?:ended|closed|concluded|finished|rose)\b|"
        r"^\W*(?:in\s+the\s+chair|chair(?:man|person)?\s*$|signed\b|date\s+of\s+signing)",
    ),
    _style(
        "who spoke",
        r"^\W*(?:speakers?|members?\s+who\s+spoke|public\s+speakers?|"
        r"(?:the\s+)?following\s+(?:members\s+)?spoke)\b",
    ),
    _style("who moved", r"^\W*(?:moved|proposed)\s+by\b|^\W*seconded\s+by\b"),
    _style("a division", r"^\W*(?:upon|on)\s+a\s+vote\b|^\W*voting\s*:"),
]

# Words decorated with spaces ("R E S O L V E D", "T H A T") are read as the word.
SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")

# An action's owner inside its text: "The Clerk to write to ...", "Cllr Rice to ask ...".
OWNER_IN_TEXT = re.compile(
    r"^(?P<owner>(?:the\s+)?(?:[A-Z][\w&'’.,-]*|of|and|for|the|&|to\s+the)"
    r"(?:\s+(?:[A-Z][\w&'’.,()/-]*|of|and|for|the|&|in|on|-|–|\(\w+\)))*?)\s+(?:to|will|would|"
    r"agreed\s+to|undertook\s+to|was\s+asked\s+to|were\s+asked\s+to|is\s+to)\s+[a-z]"
)
# A resolution's lead-in that names who is to act: "That the Director of Place be requested
# to:", "requests the Policy Officer to investigate", "That the Scrutiny Officer circulate".
OWNER_IN_DECISION = [
    re.compile(
        r"^(?i:that\s+)?(?i:the\s+committee\s+)?(?P<owner>(?:the\s+)?[A-Z][\w&'’()/-]*"
        r"(?:\s+(?:[A-Z][\w&'’()/-]*|of|and|for|the|&|in|on|-|–))*?)"
        r"(?:,\s+in\s+consultation\s+with\s+[^,]{3,80},)?\s+(?:be|is|are)\s+"
        r"(?:requested|asked|instructed|invited|authorised|delegated\s+authority)\s+to\b"
    ),
    re.compile(
        r"^(?i:that\s+|to\s+)?(?i:the\s+committee\s+)?(?i:requests?|asks?|instructs?|invites?|requested|asked|instructed|invited)\s+(?:that\s+)?"
        r"(?P<owner>(?:the\s+)?[A-Z][\w&'’,()/-]*(?:\s+(?:[A-Z][\w&'’,()/-]*|of|and|for|the|&|"
        r"in|on|-|–))*?)\s+(?:to\b|provides?\b|circulates?\b|reports?\b|writes?\b|arranges?\b)"
    ),
    re.compile(
        r"^(?i:that\s+)?(?P<owner>(?i:the\s+)?(?i:clerk|town\s+clerk|parish\s+clerk|deputy\s+clerk|"
        r"responsible\s+financial\s+officer|rfo|chair(?:man)?|vice[- ]chair(?:man)?))\s+to\s+[a-z]"
    ),
    re.compile(
        r"^(?i:that\s+)?(?P<owner>(?:the\s+)?(?:(?:relevant|appropriate|responsible|lead)\s+)?"
        r"(?:[A-Z][\w&'’,()/-]*\s+)*?(?:[A-Z][\w&'’()/-]*\s+)*"
        r"(?:Officers?|Directors?|Heads?\s+of\s+[A-Z][\w&'’-]*(?:\s+(?:and\s+)?[A-Z][\w&'’-]*)*|"
        r"Managers?|Clerk|Co-?ordinator|Chief\s+Executive|Adviser|Advisor|Facilitator|Secretary|"
        r"Monitoring\s+Officer|Town\s+Clerk|Chamberlain))\s+"
        # any verb after an officer's title: "circulates", "obtains", "looks into" ...
        r"(?!(?:be|is|are|was|were|has|have|had|and|or|of|in|for|on|at|to|with)\b)[a-z][a-z-]{2,}\b"
    ),
]
# Who a recommendation is addressed to, not an owner who acts for the committee.
DECISION_MAKERS = re.compile(
    r"^(?:the\s+)?(?:cabinet|council|executive(?!\s+(?:director|member|officer|head|manager))|"
    r"full\s+council|government|minister|mayor|"
    r"leader|secretary\s+of\s+state|(?:the\s+)?scottish\s+government|welsh\s+government|"
    r"council\s+assembly|policy\s+and\s+resources\s+committee)\b",
    re.IGNORECASE,
)
