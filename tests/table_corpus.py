"""A corpus of council trackers, written for these tests in the layouts real councils use.

Every document here is invented: its text, names, references and dates. Each imitates the
layout of one council's published tracker or action log (headings, column order, status
words, date forms, references, merged cells, bullets in cells), noted with the address where
that layout was seen. No sentence is copied from those pages.

`build(folder)` writes every document (CSV and HTML as text, XLSX with openpyxl, DOCX with
python-docx), the same bytes every time. Each document lists the records an officer would
expect from it: meeting date, leads, status code (of the R/Y/G scheme) and text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Expected:
    meeting: date
    leads: tuple[str, ...]
    status: str
    text: str
    kind: str = "recommendation"
    reference: str = ""  # the council's own, where the document gives one


@dataclass
class Doc:
    name: str
    council: str
    style: str  # what of the layout it imitates
    seen_at: str
    write: Callable[[Path], None]
    expected: list[Expected]
    options: list[str] = field(default_factory=list)  # the officer's choices, as CLI options


DOCS: list[Doc] = []


def doc(
    name: str, council: str, style: str, seen_at: str, expected: list[Expected], *options: str
) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(write: Callable[[Path], None]) -> Callable[[Path], None]:
        DOCS.append(Doc(name, council, style, seen_at, write, expected, list(options)))
        return write

    return register


# Writers ---------------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8",
              bom: bool = False) -> None:  # fmt: skip
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _fixed_zip(data: bytes) -> bytes:
    """A zip's entries with one fixed time, so a generated Office file is the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # the time it was saved, made fixed
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2024-01-01T00:00:00Z",
                    data,
                )
            target.writestr(fixed, data)
    return out.getvalue()


def write_xlsx(path: Path, sheets: list[tuple[str, list[list[Any]]]],
               merges: dict[str, list[str]] | None = None,
               date_format: str = "dd/mm/yyyy") -> None:  # fmt: skip
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime | date):
                    cell.number_format = date_format
        for span in (merges or {}).get(title, []):
            sheet.merge_cells(span)
    book.properties.created = book.properties.modified = datetime(2024, 1, 1)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(_fixed_zip(out.getvalue()))


def write_docx(path: Path, build: Callable[[Any], None]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = datetime(2024, 1, 1)
    build(document)
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(_fixed_zip(out.getvalue()))


def docx_table(document: Any, rows: list[list[str]], *, bullets: bool = True) -> Any:
    """A Word table; a cell's lines starting '- ' become bulleted paragraphs."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            lines = value.split("\n")
            cell.text = "" if lines[0].startswith("- ") and bullets else lines[0]
            first = not cell.text
            for line in lines if first else lines[1:]:
                if line.startswith("- ") and bullets:
                    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                    paragraph.text = line[2:]
                    paragraph.style = document.styles["List Bullet"]
                else:
                    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                    paragraph.text = line
                first = False
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def html_page(title: str, tables: list[tuple[str, list[list[str]]]]) -> str:
    from html import escape

    parts = [f"<html><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>"]
    parts.append(f"<h1>{escape(title)}</h1>")
    for heading, rows in tables:
        if heading:
            parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append("<table border='1'>")
        parts.append(
            "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in rows[0]) + "</tr></thead>"
        )
        parts.append("<tbody>")
        for row in rows[1:]:
            cells = []
            for value in row:
                lines = value.split("\n")
                if any(line.startswith("- ") for line in lines):
                    body = "".join(
                        f"<li>{escape(line[2:])}</li>" if line.startswith("- ") else
                        f"<p>{escape(line)}</p>" for line in lines
                    )  # fmt: skip
                    body = body.replace("</p><li>", "</p><ul><li>").replace(
                        "</li><p>", "</li></ul><p>"
                    )
                    if body.startswith("<li>"):
                        body = "<ul>" + body
                    if body.endswith("</li>"):
                        body += "</ul>"
                else:
                    body = "<br>".join(escape(line) for line in lines)
                cells.append(f"<td>{body}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)


# 1. City of York -------------------------------------------------------------------------------

_YORK = [
    "That the Executive publishes the draft reserves policy for comment before it is adopted.",
    "That the Executive reports the take-up of the new garden waste permits each quarter.",
    "That a member briefing on the home care framework be held before the contract is let.",
    "That the corporate risk register shows who owns each risk.",
]


@doc(
    "york-annex.csv",
    "City of York Council",
    "Annex A 'Scrutiny Recommendation Tracker': Reference (SR (yy/yy) nn), Origin, Date, Area, "
    "Recommendation, Exec Date, Lead Officer/EM (initials split by /), Action taken (bullets, "
    "'As above'), Status (Complete / Ongoing / Paused)",
    "pages corpus: City of York Council, Corporate Scrutiny Committee 2 March 2026, "
    "'Scrutiny Recommendation Tracking' Annex A (the search gave no address)",
    [
        Expected(date(2025, 1, 14), ("DM", "PL"), "G", _YORK[0], reference="SR (24/25) 01"),
        Expected(date(2025, 1, 14), ("DM", "KL"), "Y", _YORK[1], reference="SR (24/25) 02"),
        Expected(date(2025, 2, 3), ("SS", "LSW"), "Y", _YORK[2], reference="SR (24/25) 03"),
        Expected(date(2024, 4, 8), ("JP", "CD"), "R", _YORK[3], reference="SR (23/24) 19"),
    ],
    "--status",
    "Paused=R",
)
def york(path: Path) -> None:
    write_csv(
        path,
        [
            ["Scrutiny Recommendation Tracker", "", "", "", "", "", "", "", ""],
            ["Reference", "Origin", "Date", "Area", "Recommendation", "Exec Date",
             "Lead Officer/EM", "Action taken", "Status"],
            ["SR (24/25) 01", "CRP", "14/01/25", "Finance", _YORK[0], "11/02/25", "DM/PL",
             "Actions agreed:\n- consultation page live\n- comments summarised for Executive",
             "Complete"],
            ["SR (24/25) 02", "CRP", "14/01/25", "Waste", _YORK[1], "11/02/25", "DM/KL",
             "First quarter figures due in the spring.", "Ongoing"],
            ["SR (24/25) 03", "PPL", "03/02/25", "ASC", _YORK[2], "04/03/25", "SS/LSW",
             "As above", "Ongoing"],
            ["SR (23/24) 19", "CSMC", "08/04/24", "Governance", _YORK[3], "14/05/24", "JP/CD",
             "Held back while the register is redesigned.", "Paused"],
        ],
    )  # fmt: skip


# 2. Isle of Wight ------------------------------------------------------------------------------

_IOW = [
    "That ward members are told before any visit by the regional development agency.",
    "That the gap between the two sets of jobless figures is explained in the next report.",
    "That the summer arts festival runs again next year and is reviewed after that.",
]


@doc(
    "iow-select-committees.html",
    "Isle of Wight Council",
    "an HTML appendix of Select Committee recommendations: ref (SCnn), Select Committee, "
    "Meeting Date written out ('2 September 2004'), Recommendation Made, Recommendation made "
    "to (a portfolio holder), Action taken or Planned to Date, Outcome (Actioned / Pending)",
    "http://old-iwight.onthewight.com/council/committees/Mod-Executive/17-11-04/"
    "Paper%20E2%20Appendix.htm",
    [
        Expected(date(2023, 9, 7), ("The Portfolio Holder for Regeneration and Skills",), "G",
                 _IOW[0], reference="SC41"),
        Expected(date(2023, 9, 7), ("The Portfolio Holder for Regeneration and Skills",), "Y",
                 _IOW[1], reference="SC42"),
        Expected(date(2023, 10, 12), ("The Portfolio Holder for Culture and Leisure",
                                      "Head of Events"), "Y", _IOW[2], reference="SC43"),
    ],
)  # fmt: skip
def iow(path: Path) -> None:
    rows = [
        ["Ref", "Select Committee", "Meeting Date", "Recommendation Made",
         "Recommendation made to:", "Action taken or Planned to Date", "Outcome"],
        ["SC41", "Economy and Skills", "7 September 2023", _IOW[0],
         "The Portfolio Holder for Regeneration and Skills", "Briefing list circulated",
         "Actioned."],
        ["SC42", "Economy and Skills", "7 September 2023", _IOW[1],
         "The Portfolio Holder for Regeneration and Skills", "Analyst asked to compare them",
         "Pending"],
        ["SC43", "Culture", "12 October 2023", _IOW[2],
         "The Portfolio Holder for Culture and Leisure; Head of Events",
         "Dates held for next July", "Pending"],
    ]  # fmt: skip
    path.write_text(
        html_page("Recommendations of the Select Committees", [("", rows)]), encoding="utf-8"
    )


# 3. Stockton-on-Tees ---------------------------------------------------------------------------

_STOCKTON = [
    "Home care providers to give each client a named worker and a weekly rota.",
    "The Council to ask the hospital trust for its discharge figures every six months.",
    "Licensing staff to be trained on the public health evidence before the next review.",
]


@doc(
    "stockton-progress.docx",
    "Stockton-on-Tees Borough Council",
    "a Word 'Progress Update' for a select committee review: Recommendation, Agreed Action, "
    "Responsibility, Date for completion, Progress update (bullets), Assessment of progress "
    "numbered 1 to 4 (1 achieved, 2 on track, 3 slipped, 4 not achieved); the meeting in the "
    "heading above the table",
    "https://docest.com/doc/348200/six-monthly-progress-updates-on-previously-agreed-"
    "recommendations",
    [
        Expected(date(2023, 12, 13), ("Head of Adult Services",), "G", _STOCKTON[0]),
        Expected(date(2023, 12, 13), ("Director of Public Health", "Trust liaison officer"), "Y",
                 _STOCKTON[1]),
        Expected(date(2023, 12, 13), ("Licensing Manager",), "R", _STOCKTON[2]),
    ],
)  # fmt: skip
def stockton(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Adults and Health Select Committee", level=1)
        document.add_paragraph("Review of home care: progress update")
        rows = [
            ["Recommendation", "Agreed Action", "Responsibility", "Date for completion",
             "Progress update", "Assessment of progress"],
            ["Select Committee meeting of 13 December 2023", "", "", "", "", ""],
            [_STOCKTON[0], "Contract variation issued", "Head of Adult Services", "March 2024",
             "- all providers signed up\n- rotas checked in the spring audit", "1"],
            [_STOCKTON[1], "Letter sent to the trust", "Director of Public Health / "
             "Trust liaison officer", "September 2024", "First figures received.", "2"],
            [_STOCKTON[2], "Training booked", "Licensing Manager", "January 2024",
             "Training postponed twice.", "3"],
        ]  # fmt: skip
        table = docx_table(document, rows)
        row = table.rows[1].cells
        row[0].merge(row[-1])

    write_docx(path, build)


# 4. Leeds --------------------------------------------------------------------------------------

_LEEDS = [
    "That the Director reports how many empty homes were brought back into use.",
    "That tenants are asked about the new lettings policy within a year.",
    "That the carbon reduction target is set out for each directorate.",
]


@doc(
    "leeds-recommendation-tracking.xlsx",
    "Leeds City Council",
    "a Scrutiny Board's 'Recommendation Tracking' sheet: Inquiry (merged down its rows), "
    "Recommendation No., Recommendation, Date of Board, Position, Category (1 to 6, mapped by "
    "the officer), title rows above the header",
    "https://democracy.leeds.gov.uk/mgAi.aspx?ID=18142",
    [
        Expected(date(2024, 3, 19), (), "G", _LEEDS[0]),
        Expected(date(2024, 3, 19), (), "Y", _LEEDS[1]),
        Expected(date(2024, 6, 25), (), "R", _LEEDS[2]),
    ],
    "--status", "1=G", "--status", "4=Y", "--status", "5=R",
)  # fmt: skip
def leeds(path: Path) -> None:
    rows: list[list[Any]] = [
        ["Scrutiny Board (Housing and Environment)", None, None, None, None, None],
        ["Recommendation Tracking - Progress Report", None, None, None, None, None],
        ["Inquiry", "Recommendation No.", "Recommendation", "Date of Board", "Position",
         "Category"],
        ["Inquiry into Empty Homes", 1, _LEEDS[0], datetime(2024, 3, 19),
         "Figures now in the quarterly report.", 1],
        [None, 2, _LEEDS[1], datetime(2024, 3, 19), "Survey drafted.", 4],
        ["Inquiry into Carbon Emissions", 1, _LEEDS[2], datetime(2024, 6, 25),
         "No targets set yet.", 5],
    ]  # fmt: skip
    write_xlsx(
        path,
        [("Tracking", rows)],
        {"Tracking": ["A1:F1", "A2:F2", "A4:A5"]},
        date_format="d mmmm yyyy",
    )


# 5. City of London -----------------------------------------------------------------------------

_LONDON = [
    "Officers to circulate the revised business planning timetable to Members.",
    "The Chamberlain to set out how the new finance system's benefits will be measured.",
    "Officers to confirm whether outage alerts can also go to Members' own addresses.",
]


@doc(
    "city-of-london-outstanding-actions.docx",
    "City of London Corporation",
    "a Word 'Outstanding Actions' list: No., Meeting Date ('2nd February, 2024' forms), Item, "
    "Action, Officer responsible, Progress Update, To be completed/progressed, Status (Open / "
    "Closed)",
    "http://democracy.cityoflondon.gov.uk/mgAi.aspx?ID=94190 and "
    "http://democracy.cityoflondon.gov.uk/mgAi.aspx?ID=8956",
    [
        Expected(date(2024, 2, 2), ("Town Clerk",), "G", _LONDON[0], "action"),
        Expected(date(2024, 2, 2), ("Chamberlain",), "Y", _LONDON[1], "action"),
        Expected(date(2024, 3, 21), ("Director of IT", "Town Clerk"), "Y", _LONDON[2], "action"),
    ],
)  # fmt: skip
def london(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Finance Committee: Outstanding Actions", level=1)
        docx_table(
            document,
            [
                ["No.", "Meeting Date", "Item", "Action", "Officer responsible",
                 "Progress Update", "To be completed/ progressed", "Status"],
                ["1", "2nd February, 2024", "Business planning", _LONDON[0], "Town Clerk",
                 "Sent on 9 February.", "Done", "Closed"],
                ["2", "2nd February, 2024", "Finance system", _LONDON[1], "Chamberlain",
                 "A first set of measures is drafted.", "May 2024", "Open"],
                ["3", "21st March, 2024", "IT outages", _LONDON[2],
                 "Director of IT;\nTown Clerk", "Being tested.", "April 2024", "Open"],
            ],
        )  # fmt: skip

    write_docx(path, build)


# 6. Flintshire ---------------------------------------------------------------------------------

_FLINT = [
    "Facilitator to arrange a site visit to the new depot for Members.",
    "Chief Officer to share the shared CCTV service costs with Wrexham.",
    "A briefing session on the poverty strategy to be arranged for all Members.",
]


@doc(
    "flintshire-action-tracking.csv",
    "Flintshire County Council",
    "'Action Tracking' appendix saved from Excel in Europe: semicolon-delimited, Windows-1252 "
    "(Welsh place names), dotted dates (16.03.20), Meeting Date, Agenda item, Action Required, "
    "Action Officer(s), Action taken, Timescale, Status (Completed / Ongoing)",
    "https://committeemeetings.flintshire.gov.uk/ieIssueDetails.aspx?IId=30629&LLL=0&Opt=3",
    [
        Expected(date(2023, 5, 17), ("Overview & Scrutiny Facilitator",), "G", _FLINT[0],
                 "action"),
        Expected(date(2023, 5, 17), ("Chief Officer (Housing and Communities)",), "Y",
                 _FLINT[1], "action"),
        Expected(date(2023, 10, 12), ("Overview & Scrutiny Facilitator",
                                      "Corporate Manager – Anti-Poverty"), "Y", _FLINT[2],
                 "action"),
    ],
)  # fmt: skip
def flintshire(path: Path) -> None:
    write_csv(
        path,
        [
            ["Meeting Date", "Agenda item", "Action Required", "Action Officer(s)",
             "Action taken", "Timescale", "Status"],
            ["17.05.23", "Depot at Alltami", _FLINT[0], "Overview & Scrutiny Facilitator",
             "Visit held at the Alltami depot.", "June 2023", "Completed"],
            ["", "CCTV", _FLINT[1], "Chief Officer (Housing and Communities)",
             "Costs with Wrexham being agreed.", "Ongoing", "Ongoing"],
            ["12.10.23", "Poverty", _FLINT[2],
             "Overview & Scrutiny Facilitator / Corporate Manager – Anti-Poverty",
             "Dates being sought – café venue in Bagillt suggested.", "December 2023",
             "Ongoing"],
        ],
        delimiter=";",
        encoding="cp1252",
    )  # fmt: skip


# 7. Surrey -------------------------------------------------------------------------------------

_SURREY = [
    "That the Cabinet Member shares the bus strategy's consultation results with the Committee.",
    "That the Committee receives the road safety casualty figures by district.",
    "That officers explain the revenue cost of each large capital scheme.",
]


@doc(
    "surrey-recommendations-tracker.xlsx",
    "Surrey County Council",
    "a select committee's 'Recommendations Tracker' workbook: an open sheet and a completed "
    "sheet, a title merged across the top, Date of meeting, Item, Recommendations/ Actions, "
    "To (who it is for), Response; no status column (so the scheme's starting code)",
    "https://mycouncil.surreycc.gov.uk/mgAi.aspx?ID=18618",
    [
        Expected(date(2023, 11, 22), ("Cabinet Member for Transport",), "R", _SURREY[0]),
        Expected(date(2023, 11, 22), ("Director of Highways",), "R", _SURREY[1]),
        Expected(date(2023, 12, 16), ("Executive Director of Resources",), "R", _SURREY[2]),
    ],
)  # fmt: skip
def surrey(path: Path) -> None:
    header = ["Date of meeting", "Item", "Recommendations/ Actions", "To", "Response"]
    open_rows: list[list[Any]] = [
        ["Communities and Highways Select Committee: recommendations tracker", None, None,
         None, None],
        header,
        [datetime(2023, 11, 22), "Bus strategy", _SURREY[0], "Cabinet Member for Transport",
         "Results expected in the new year."],
        [datetime(2023, 11, 22), "Road safety", _SURREY[1], "Director of Highways",
         "Awaiting the police data."],
        [datetime(2023, 12, 16), "Capital programme", _SURREY[2],
         "Executive Director of Resources", ""],
    ]  # fmt: skip
    done_rows: list[list[Any]] = [
        header,
        [datetime(2023, 6, 1), "Flooding", "That the flood plan is shared.", "Head of Flooding",
         "Shared in July."],
    ]  # fmt: skip
    write_xlsx(path, [("Open", open_rows), ("Completed", done_rows)], {"Open": ["A1:E1"]})


# 8. Brent --------------------------------------------------------------------------------------

_BRENT = [
    "That a cumulative equality impact assessment of the savings is prepared.",
    "That planning enforcement performance is reported to the Committee twice a year.",
    "That the Council writes to landlords about the licensing scheme's renewal dates.",
]


@doc(
    "brent-recommendations-tracker.html",
    "London Borough of Brent",
    "an HTML 'Scrutiny Recommendations Tracker': Meeting Date, Agenda Item, Recommendation, "
    "Cabinet Member / Lead Officer, Accepted? (Accepted / Partially accepted / Not accepted), "
    "Cabinet Response, Progress Status (Not started / In progress / Completed)",
    "https://democracy.brent.gov.uk/mgAi.aspx?ID=67641",
    [
        Expected(date(2024, 1, 10), ("Deputy Leader", "Director of Finance"), "R", _BRENT[0]),
        Expected(date(2024, 1, 10), ("Cabinet Member for Regeneration",), "G", _BRENT[1]),
        Expected(date(2024, 2, 21), ("Cabinet Member for Housing",), "Y", _BRENT[2]),
    ],
)  # fmt: skip
def brent(path: Path) -> None:
    rows = [
        ["Meeting Date", "Agenda Item", "Recommendation", "Cabinet Member / Lead Officer",
         "Accepted?", "Cabinet Response", "Progress Status"],
        ["10/01/2024", "Budget", _BRENT[0], "Deputy Leader / Director of Finance",
         "Not accepted", "Not possible with the staff now in post.", "Not started"],
        ["10/01/2024", "Planning", _BRENT[1], "Cabinet Member for Regeneration", "Accepted",
         "Reports scheduled for June and December.", "Completed"],
        ["21/02/2024", "Private housing", _BRENT[2], "Cabinet Member for Housing",
         "Partially accepted", "Letters to the largest landlords first.", "In progress"],
    ]  # fmt: skip
    path.write_text(
        html_page("Resources and Public Realm Scrutiny Committee", [("Tracker", rows)]),
        encoding="utf-8",
    )


# 9. Bromsgrove ---------------------------------------------------------------------------------

_BROM = [
    "That residents receive a simple breakdown of how the Council spends its budget.",
    "That the alcohol free zones are reviewed a year after they start.",
    "That a Democracy Champion is appointed from among the Members.",
]


@doc(
    "bromsgrove-quarterly-tracker.docx",
    "Bromsgrove District Council",
    "a Word 'Quarterly Recommendation Tracker': Date considered by Overview Board, Task Group "
    "/ Item (merged down), Recommendation, Portfolio Holder, Cabinet date, Timescale, Outcome, "
    "RAG (R / A / G)",
    "https://moderngovwebpublic.bromsgrove.gov.uk/ieIssueDetails.aspx?IId=7308&Opt=3&PlanId=0",
    [
        Expected(date(2024, 2, 6), ("Portfolio Holder for Finance",), "Y", _BROM[0]),
        Expected(date(2024, 2, 6), ("Portfolio Holder for Community Safety",), "R", _BROM[1]),
        Expected(date(2024, 4, 2), ("Leader of the Council",), "G", _BROM[2]),
    ],
)  # fmt: skip
def bromsgrove(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Overview Board Quarterly Recommendation Tracker", level=1)
        table = docx_table(
            document,
            [
                ["Date considered by Overview Board", "Task Group / Item", "Recommendation",
                 "Portfolio Holder", "Cabinet date", "Timescale", "Outcome", "RAG"],
                ["06/02/2024", "Communications Review", _BROM[0],
                 "Portfolio Holder for Finance", "06/03/2024", "Annual", "Leaflet drafted.",
                 "A"],
                ["06/02/2024", "", _BROM[1], "Portfolio Holder for Community Safety",
                 "06/03/2024", "Spring 2025", "Not yet started.", "R"],
                ["02/04/2024", "Member Development", _BROM[2], "Leader of the Council",
                 "01/05/2024", "May 2024", "Appointed at Annual Council.", "G"],
            ],
        )  # fmt: skip
        table.cell(1, 1).merge(table.cell(2, 1))

    write_docx(path, build)


# 10. Plymouth ----------------------------------------------------------------------------------

_PLY = [
    "A confidential briefing note on the crematorium accounts to be sent to Members.",
    "The service to report the number of bereavement complaints at the next meeting.",
    "The panel to receive the housing allocations review before it goes to Cabinet.",
]


@doc(
    "plymouth-tracking-decisions.tsv",
    "Plymouth City Council",
    "'Tracking Decisions' exported as tab-separated text with a byte-order mark: Minute No., "
    "Date, Resolution, Officer, Target Date, Progress, Status; its header repeated where a new "
    "page began, and blank rows",
    "https://democracy.plymouth.gov.uk/ieIssueDetails.aspx?IId=99017&Opt=3&PlanId=0",
    [
        Expected(date(2022, 1, 12), ("Head of Bereavement Services",), "G", _PLY[0], "action"),
        Expected(date(2022, 1, 12), ("Head of Bereavement Services",), "Y", _PLY[1], "action"),
        Expected(date(2022, 3, 2), ("Strategic Director for Place",), "R", _PLY[2], "action"),
    ],
    "--kind", "action",
)  # fmt: skip
def plymouth(path: Path) -> None:
    header = ["Minute No.", "Date", "Resolution", "Officer", "Target Date", "Progress",
              "Status"]  # fmt: skip
    write_csv(
        path,
        [
            header,
            ["27", "12/01/2022", _PLY[0], "Head of Bereavement Services", "31/01/2022",
             "Emailed to Members.", "Complete"],
            ["", "", "", "", "", "", ""],
            ["28", "12/01/2022", _PLY[1], "Head of Bereavement Services", "02/03/2022",
             "Figures being gathered.", "In progress"],
            header,
            ["41", "02/03/2022", _PLY[2], "Strategic Director for Place", "June 2022",
             "Outstanding: officers chased.", "Outstanding"],
        ],
        delimiter="\t",
        bom=True,
    )  # fmt: skip


DOCS[-1].options += ["--status", "Outstanding=R"]


# 11. North Hertfordshire -----------------------------------------------------------------------

_NH = [
    "That the Scrutiny Officer canvasses Members for a date for the scrutiny training course.",
    "That a workshop on relations between the Committee and Cabinet is held.",
    "That completed resolutions are removed from the next report.",
]


@doc(
    "north-herts-resolutions.docx",
    "North Hertfordshire District Council",
    "a Word 'Resolutions of the Overview and Scrutiny Committee' report: a key table first, "
    "then one table of resolutions: Date of meeting, Minute No. ('Minute 111 – March 2023'), "
    "Resolution, Responsible officer, Update, Status (Complete / In progress)",
    "https://democracy.north-herts.gov.uk/ieIssueDetails.aspx?IId=3990&Opt=3",
    [
        Expected(date(2023, 7, 24), ("Scrutiny Officer",), "Y", _NH[0]),
        Expected(date(2023, 3, 21), ("Service Director – Legal",), "Y", _NH[1]),
        Expected(date(2023, 7, 24), ("Scrutiny Officer",), "G", _NH[2]),
    ],
)  # fmt: skip
def north_herts(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Resolutions of the Overview and Scrutiny Committee", level=1)
        docx_table(
            document,
            [["Key", "Meaning"], ["Complete", "To be removed"], ["In progress", "Still open"]],
        )
        document.add_heading("Resolutions", level=2)
        docx_table(
            document,
            [
                ["Date of meeting", "Minute No.", "Resolution", "Responsible officer",
                 "Update", "Status"],
                ["24 July 2023", "Minute 27 – July 2023", _NH[0], "Scrutiny Officer",
                 "Three dates offered.", "In progress"],
                ["21 March 2023", "Minute 111 – March 2023", _NH[1],
                 "Service Director – Legal", "Workshop draft agenda written.", "In progress"],
                ["24 July 2023", "Minute 30 – July 2023", _NH[2], "Scrutiny Officer",
                 "Done for this report.", "Complete"],
            ],
        )  # fmt: skip

    write_docx(path, build)


# 12. Tewkesbury --------------------------------------------------------------------------------

_TEWK = [
    "Head of Corporate Services to arrange a workshop on fuel poverty.",
    "The Growth Hub update to be folded into the economic development report.",
    "Officers to circulate the warm homes grant figures.",
]


@doc(
    "tewkesbury-action-list.xlsx",
    "Tewkesbury Borough Council",
    "an 'Overview and Scrutiny Committee Action List' sheet: Meeting date, Agenda item, "
    "Action, Responsible officer, Update, Date completed; no status column (a completed date "
    "means complete)",
    "https://minutes.tewkesbury.gov.uk/mgAi.aspx?ID=28248",
    [
        Expected(date(2021, 10, 12), ("Head of Corporate Services",), "R", _TEWK[0], "action"),
        Expected(date(2021, 10, 12), ("Head of Development Services",), "G", _TEWK[1],
                 "action"),
        Expected(date(2021, 11, 23), ("Head of Community Services",), "G", _TEWK[2], "action"),
    ],
)  # fmt: skip
def tewkesbury(path: Path) -> None:
    rows: list[list[Any]] = [
        ["Meeting date", "Agenda item", "Action", "Responsible officer", "Update",
         "Date completed"],
        [datetime(2021, 10, 12), "Warm and Well", _TEWK[0], "Head of Corporate Services",
         "Being arranged for the new year.", None],
        [datetime(2021, 10, 12), "Growth Hub", _TEWK[1], "Head of Development Services",
         "Included in the October report.", datetime(2021, 10, 30)],
        [datetime(2021, 11, 23), "Warm and Well", _TEWK[2], "Head of Community Services",
         "Sent to Members.", datetime(2021, 12, 1)],
    ]  # fmt: skip
    write_xlsx(path, [("Action list", rows)])


# 13. Canterbury --------------------------------------------------------------------------------

_CANT = [
    "Produce a leaflet on the allotment waiting list.",
    "Publish the number of allotment plots let each year.",
    "Work with parish councils to find land for new allotments.",
]


@doc(
    "canterbury-monitoring-sheet.html",
    "Canterbury City Council",
    "a review's 'monitoring sheet' six months on: Recommendation, Action, Lead Officer, Target "
    "date, Progress at six months, Status; the meeting date is not in the table (asked once)",
    "http://www.scrutiny.canterbury.gov.uk/monitoring.shtml",
    [
        Expected(date(2024, 5, 16), ("Parks Officer",), "G", _CANT[0], "action"),
        Expected(date(2024, 5, 16), ("Parks Officer",), "Y", _CANT[1], "action"),
        Expected(date(2024, 5, 16), ("Head of Open Spaces",), "R", _CANT[2], "action"),
    ],
    "--meeting", "16/05/2024",
)  # fmt: skip
def canterbury(path: Path) -> None:
    rows = [
        ["Action", "Lead Officer", "Target date", "Progress at six months", "Status"],
        [_CANT[0], "Parks Officer", "Sept 2024", "Printed and in libraries.", "Achieved"],
        [_CANT[1], "Parks Officer", "April 2025", "First year's figures in hand.", "On track"],
        [_CANT[2], "Head of Open Spaces", "2025", "No sites offered so far.", "Not achieved"],
    ]
    path.write_text(
        html_page("Allotments review: monitoring sheet", [("Action plan", rows)]),
        encoding="utf-8",
    )


# 14. South Ribble ------------------------------------------------------------------------------

_SR = [
    "That the Committee is updated on the town centre masterplans.",
    "That a site visit to Worden Hall is arranged once restrictions ease.",
    "That the Air Quality Strategy comes back with the latest monitoring results.",
]


@doc(
    "south-ribble-matters-arising.csv",
    "South Ribble Borough Council",
    "a 'Matters Arising' sheet: Date, Minute, Matter arising, Lead, Update (multi-line, 'As "
    "above'), RAG written as colours (Green / Amber / Red)",
    "https://southribble.moderngov.co.uk/ieIssueDetails.aspx?IId=13815&Opt=3",
    [
        Expected(date(2021, 10, 12), ("Director of Planning and Property",), "Y", _SR[0]),
        Expected(date(2021, 10, 12), ("Director of Commercial Services",), "Y", _SR[1]),
        Expected(date(2021, 7, 20), ("Director of Planning and Property",), "G", _SR[2]),
    ],
    "--kind",
    "recommendation",
)  # fmt: skip
def south_ribble(path: Path) -> None:
    write_csv(
        path,
        [
            ["Date", "Minute", "Matter arising", "Lead", "Update", "RAG"],
            ["12/10/21", "17", _SR[0], "Director of Planning and Property",
             "Draft masterplans out for comment.\nFinal versions due in spring.", "Amber"],
            ["12/10/21", "17", _SR[1], "Director of Commercial Services", "As above", "Amber"],
            ["20/07/21", "9", _SR[2], "Director of Planning and Property",
             "Results reported in September.", "Green"],
        ],
    )  # fmt: skip


# 15. Rotherham ---------------------------------------------------------------------------------

_ROTH = [
    "That young carers are offered a card that schools and pharmacies recognise.",
    "That the review of council tax support is shared with advice agencies.",
    "That the Cabinet Member reports on apprenticeships in the Council's own services.",
]


@doc(
    "rotherham-review-recommendations.xlsx",
    "Rotherham Metropolitan Borough Council",
    "an appendix of recommendations from scrutiny reviews: Review, Recommendation, Date agreed "
    "by OSMB, Date of Cabinet response, Cabinet response, Lead (a Cabinet Member whose title "
    "holds 'and', with an officer on a second line), Progress update, Status (Complete / On "
    "track / Off track)",
    "https://moderngov.rotherham.gov.uk/mgAi.aspx?ID=98165",
    [
        Expected(date(2023, 9, 13), ("Cabinet Member for Children and Young People",
                                     "Assistant Director, Early Help"), "G", _ROTH[0]),
        Expected(date(2023, 9, 13), ("Cabinet Member for Finance and the Local Economy",),
                 "Y", _ROTH[1]),
        Expected(date(2023, 11, 8), ("Cabinet Member for Jobs and the Local Economy",), "R",
                 _ROTH[2]),
    ],
)  # fmt: skip
def rotherham(path: Path) -> None:
    rows: list[list[Any]] = [
        ["Review", "Recommendation", "Date agreed by OSMB", "Date of Cabinet response",
         "Cabinet response", "Lead", "Progress update", "Status"],
        ["Young carers", _ROTH[0], datetime(2023, 9, 13), datetime(2023, 10, 16), "Accepted",
         "Cabinet Member for Children and Young People\nAssistant Director, Early Help",
         "Card launched in November.", "Complete"],
        ["Council tax support", _ROTH[1], datetime(2023, 9, 13), datetime(2023, 10, 16),
         "Accepted", "Cabinet Member for Finance and the Local Economy",
         "Shared with two of the four agencies.", "On track"],
        ["Apprenticeships", _ROTH[2], datetime(2023, 11, 8), datetime(2023, 12, 11),
         "Partially accepted", "Cabinet Member for Jobs and the Local Economy",
         "Report slipped to the spring.", "Off track"],
    ]  # fmt: skip
    write_xlsx(path, [("Appendix 2", rows)])


# 16. Redditch ----------------------------------------------------------------------------------

_RED = [
    "Officers to report the cost of communal cleaning in council flats.",
    "The Third Sector Task Group's report to go to the Executive Committee.",
    "Members to be told the dates of the Mayor's engagements in their wards.",
]


@doc(
    "redditch-actions-list.docx",
    "Redditch Borough Council",
    "a Word 'Actions List': Date of meeting ('17th December 2023'), Subject matter, Action "
    "requested, Officer / Member, Response (bullets in cells); no status column",
    "https://moderngovwebpublic.redditchbc.gov.uk/ieListDocuments.aspx?CId=200&MID=281",
    [
        Expected(date(2023, 12, 17), ("Head of Housing",), "R", _RED[0], "action"),
        Expected(date(2023, 12, 17), ("Cllr D Thorne",), "R", _RED[1], "action"),
        Expected(date(2024, 1, 28), ("Mayor's Officer",), "R", _RED[2], "action"),
    ],
)  # fmt: skip
def redditch(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Overview and Scrutiny Actions List", level=1)
        docx_table(
            document,
            [
                ["Date of meeting", "Subject matter", "Action requested", "Officer / Member",
                 "Response"],
                ["17th December 2023", "Flat cleaning", _RED[0], "Head of Housing",
                 "Figures so far:\n- three blocks costed\n- two to do"],
                ["17th December 2023", "Third Sector", _RED[1], "Cllr D Thorne",
                 "Going on 12 February."],
                ["28th January 2024", "Role of the Mayor", _RED[2], "Mayor's Officer",
                 "List to be sent monthly."],
            ],
        )  # fmt: skip

    write_docx(path, build)


# 17. Cotswold ----------------------------------------------------------------------------------

_COTS = [
    "That Cabinet asks the rail operator to restore the early morning service.",
    "That the public conveniences working group's findings are used in the budget.",
    "That Cabinet publishes its response to each recommendation within two months.",
]


@doc(
    "cotswold-recommendations-to-cabinet.html",
    "Cotswold District Council",
    "an HTML annex 'Recommendations to Cabinet from Overview and Scrutiny': O&S meeting, "
    "Item, Recommendation, Cabinet Member, Cabinet decision (Accepted / Rejected), Cabinet "
    "meeting, Implementation status (Implemented / Partially implemented / Not implemented)",
    "https://meetings.cotswold.gov.uk/ieIssueDetails.aspx?IId=5204&Opt=3",
    [
        Expected(date(2023, 9, 4), ("Cabinet Member for Economy",), "Y", _COTS[0]),
        Expected(date(2023, 10, 2), ("Cabinet Member for Finance",), "G", _COTS[1]),
        Expected(date(2024, 1, 8), ("Leader",), "R", _COTS[2]),
    ],
)  # fmt: skip
def cotswold(path: Path) -> None:
    rows = [
        ["O&S meeting", "Item", "Recommendation", "Cabinet Member", "Cabinet decision",
         "Cabinet meeting", "Implementation status"],
        ["04/09/2023", "Rail services", _COTS[0], "Cabinet Member for Economy", "Accepted",
         "05/10/2023", "Partially implemented"],
        ["02/10/2023", "Public conveniences", _COTS[1], "Cabinet Member for Finance",
         "Accepted", "02/11/2023", "Implemented"],
        ["08/01/2024", "Scrutiny protocol", _COTS[2], "Leader", "Rejected", "01/02/2024",
         "Not implemented"],
    ]  # fmt: skip
    path.write_text(
        html_page("Annex B: Recommendations to Cabinet", [("", rows)]), encoding="utf-8"
    )


def build(folder: Path) -> list[tuple[Doc, Path]]:
    """Write every document into `folder`; each with its path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for item in DOCS:
        path = folder / item.name
        item.write(path)
        out.append((item, path))
    return out
