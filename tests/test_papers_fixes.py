"""What the papers got wrong (issue 19, "Wrong today", and issue 15 point 9): one test each.

Compared with the seed papers in tests/seeds/ (the published trackers, plan and log).
"""

from __future__ import annotations

import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import docx
import pytest
from cmarkgfm.cmark import Options

from scrutui.cli import main
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.records import Answer, Record
from scrutui.domain.status import PRESETS
from scrutui.domain.tracker import PaperSettings, PledgeArea, Tracker
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers.chase import chase_markdown
from scrutui.papers.convert import convert
from scrutui.papers.layout import COMPLETE_FILL, layout_for
from scrutui.papers.render import render
from scrutui.store.service import Service
from scrutui.store.workspace import load_workspace
from tests.conftest import DATA, Clock
from tests.test_papers import TRACKER, rec

TODAY = date(2024, 11, 1)
STATE = load_workspace(DATA)


def sample(name: str) -> tuple[Tracker, list[Record]]:
    state = STATE.trackers[name]
    assert state.tracker is not None
    return state.tracker, list(state.records.values())


def gfm_html(markdown: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown,
        options=Options.CMARK_OPT_UNSAFE,
        extensions=["table", "strikethrough", "autolink"],
    )


def pandoc_html(markdown: str) -> str:
    try:
        pandoc = pandoc_path()
    except PandocMissing:
        pytest.skip("pandoc is not installed (pypandoc_binary brings it)")
    return subprocess.run(
        [pandoc, "-f", "gfm", "-t", "html"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()


class Links(HTMLParser):
    """Every link's href and text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[list[str]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.links[-1][1] += data


def links_in(html: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(html)
    return [(href, " ".join(text.split())) for href, text in parser.links]


URL = "https://www.oxford.gov.uk/info/20044/grants/1496/oxford_community_impact_fund/11"
ODD_URL = "https://example.gov.uk/a_b_c*d~e$f/page"
EMAIL = "jo_bloggs@oxfordshire.gov.uk"


def linked_record() -> Record:
    return rec(
        1,
        text=f"See {ODD_URL} and write to {EMAIL}.",
        response=f"The report: {URL}\n- a bullet after the link",
    )


# Links -----------------------------------------------------------------------------------


def test_a_web_address_holding_underscores_stars_tildes_or_dollars_links_to_itself() -> None:
    paper = render(TRACKER, [linked_record()], today=TODAY)
    assert "\\_" not in paper.split("## Recommendations:")[1].split("|")[3]
    for html in (gfm_html(paper), pandoc_html(paper)):
        links = links_in(html)
        assert (ODD_URL, ODD_URL) in links
        assert (URL, URL) in links
        assert not any("\\" in href or "%5C" in href for href, _ in links)


def test_the_engagement_log_s_own_link_keeps_its_underscores() -> None:
    tracker, records = sample("oxford-city-oiep-you-said-we-did-2023-07")
    paper = render(tracker, records, today=TODAY)
    assert (URL, URL) in links_in(gfm_html(paper))
    assert (URL, URL) in links_in(pandoc_html(paper))


def test_an_email_address_with_an_underscore_links_to_the_whole_address() -> None:
    paper = render(TRACKER, [linked_record()], today=TODAY)
    for html in (gfm_html(paper), pandoc_html(paper)):
        assert (f"mailto:{EMAIL}", EMAIL) in links_in(html)
        assert "mailto:bloggs@" not in html


def test_a_web_address_at_the_end_of_a_line_does_not_swallow_the_next_line() -> None:
    paper = render(TRACKER, [linked_record()], today=TODAY)
    for html in (gfm_html(paper), pandoc_html(paper)):
        assert (URL, URL) in links_in(html)
        assert "• a bullet after the link" in " ".join(html.split())
        assert not any("bullet" in text or "<br" in href for href, text in links_in(html))


def test_the_word_paper_s_hyperlinks_go_to_the_whole_address_with_their_text(
    tmp_path: Path,
) -> None:
    pandoc_html("")  # skips without pandoc
    out = tmp_path / "p.docx"
    paper = render(TRACKER, [linked_record()], today=TODAY)
    convert(paper, "docx", out, TRACKER.title, layout_for(TRACKER))
    document = docx.Document(str(out))
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    officer = f"mailto:{TRACKER.officer_email}"
    assert targets == {ODD_URL, URL, f"mailto:{EMAIL}", officer}
    texts = [
        "".join(t.text or "" for t in link.iter(docx.oxml.ns.qn("w:t")))
        for link in document.element.iter(docx.oxml.ns.qn("w:hyperlink"))
    ]
    assert sorted(texts) == sorted([TRACKER.officer_email, ODD_URL, EMAIL, URL])


# A paper for a past meeting --------------------------------------------------------------


def test_a_paper_for_a_past_meeting_shows_the_tracker_as_it_stood_at_that_meeting(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    service = Service(workspace)
    clock.set("2024-05-01T10:00:00")
    service.new_record(
        "pcs",
        "recommendation",
        {
            "meeting": date(2024, 4, 11),
            "item": "Budget",
            "text": "That the Council publishes its reserves policy.",
            "status": "Y",
        },
    )
    clock.set("2024-06-01T10:00:00")
    service.mark_complete("R-2024-04-11-1", on=date(2024, 6, 1))
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "11/04/24"]) == 0
    april = capsys.readouterr()
    assert "reserves policy" not in april.out
    assert "✔" not in april.out  # nothing was complete by 11/04/24
    assert "warning" not in april.err
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "20/11/24"]) == 0
    november = capsys.readouterr().out
    row = next(line for line in november.splitlines() if "reserves policy" in line)
    assert "| **G** ✔ |" in row  # completed since the meeting before, 11/04/24


def test_as_of_still_decides_when_it_is_given(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    service = Service(workspace)
    clock.set("2024-05-01T10:00:00")
    service.set_fields("A-2023-09-29-1", {"text": "Members to be sent the contract data."})
    args = ["-w", str(workspace), "render", "pcs", "--meeting", "11/04/24", "--as-of", "02/05/24"]
    assert main(args) == 0
    assert "Members to be sent the contract data." in capsys.readouterr().out


def test_a_meeting_not_in_the_calendar_is_named_in_a_warning(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "12/12/24"]) == 0
    err = capsys.readouterr().err
    assert "warning: 12/12/2024 is not a meeting in pcs's calendar" in err
    assert "20/11/24" in err


# Shading comes from the status alone ------------------------------------------------------


def test_a_tick_typed_in_a_field_never_shades_the_row(tmp_path: Path) -> None:
    pandoc_html("")
    ticked = rec(1, text="Done ✔ at last", response="✔ agreed", status="Y")
    complete = rec(2, "G", completed=date(2024, 10, 1))
    paper = render(TRACKER, [ticked, complete], today=TODAY)
    html = tmp_path / "p.html"
    convert(paper, "html", html, TRACKER.title, layout_for(TRACKER))
    assert html.read_text().count('<tr class="complete">') == 1
    out = tmp_path / "p.docx"
    convert(paper, "docx", out, TRACKER.title, layout_for(TRACKER))
    table = docx.Document(str(out)).tables[1]
    shaded = [COMPLETE_FILL in row._tr.xml for row in table.rows[1:]]
    texts = [row.cells[2].text for row in table.rows[1:]]
    assert dict(zip(texts, shaded, strict=True)) == {
        "Done ✔ at last": False,
        "Recommendation 2.": True,
    }


def test_a_peer_plan_never_shades_even_a_complete_action_or_a_ticked_one(tmp_path: Path) -> None:
    pandoc_html("")
    tracker, records = sample("oxford-city-peer-challenge-2024")
    paper = render(tracker, records, today=TODAY).replace("Complete |", "Complete ✔ |", 1)
    html = tmp_path / "p.html"
    convert(paper, "html", html, tracker.title, layout_for(tracker))
    assert 'class="complete"' not in html.read_text()
    out = tmp_path / "p.docx"
    convert(paper, "docx", out, tracker.title, layout_for(tracker))
    assert COMPLETE_FILL not in docx.Document(str(out)).element.xml


# Texts kept as typed ----------------------------------------------------------------------


def test_numbered_lines_keep_their_numbers_with_no_backslash_each_on_its_own_line() -> None:
    record = rec(1, text="Two steps:\n1. survey residents\n2) publish the results")
    paper = render(TRACKER, [record], today=TODAY)
    for html in (gfm_html(paper), pandoc_html(paper)):
        assert "\\" not in html
        flat = " ".join(html.split())
        assert "Two steps:<br>1. survey residents<br>2) publish the results" in flat.replace(
            "<br />", "<br>"
        )


def test_numbered_lines_in_an_explanation_start_their_own_line() -> None:
    tracker = Tracker(
        name="t",
        kind="committee",
        title="T",
        scheme=PRESETS["ryg"],
        explanation="The tracker has two parts:\n1. recommendations\n2. actions",
    )
    paper = render(tracker, [], today=TODAY)
    for html in (gfm_html(paper), pandoc_html(paper)):
        assert "\\" not in html
        flat = " ".join(html.replace("<br />", "<br>").split())
        assert "two parts:<br> 1. recommendations<br> 2. actions" in flat.replace(
            "<br>1", "<br> 1"
        ).replace("<br>2", "<br> 2")


def test_an_emoji_shortcode_stays_as_typed() -> None:
    record = rec(1, text="Risk :warning: noted")
    paper = render(TRACKER, [record], today=TODAY)
    html = pandoc_html(paper)
    assert "Risk :warning: noted" in html and "emoji" not in html and "⚠" not in html
    assert "Risk :warning: noted" in gfm_html(paper)


def test_a_right_to_left_override_reaches_no_output(tmp_path: Path) -> None:
    pandoc_html("")
    record = rec(1, text="invoice\u202egnp.exe and \u2066isolated\u2069", leads=("Ann\u202d",))
    paper = render(TRACKER, [record], today=TODAY)
    assert "invoicegnp.exe and isolated" in paper
    html = tmp_path / "p.html"
    out = tmp_path / "p.docx"
    convert(paper, "html", html, TRACKER.title, layout_for(TRACKER))
    convert(paper, "docx", out, TRACKER.title, layout_for(TRACKER))
    for text in (paper, html.read_text(), docx.Document(str(out)).element.xml):
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# The chase list -----------------------------------------------------------------------------


def test_the_engagement_log_s_chase_list_gives_each_team_the_points_referred_to_it() -> None:
    tracker, records = sample("oxford-city-oiep-you-said-we-did-2023-07")
    chase = chase_markdown(tracker, records, Meeting(None, None), TODAY)
    assert "Nothing is owed" not in chase
    headings = [line for line in chase.splitlines() if line.startswith("## ")]
    assert any(h.startswith("## People Team (") for h in headings)
    assert any(h.startswith("## Ox Place (") for h in headings)
    assert "Status: none recorded" in chase
    referred = sum(any(a.team for a in r.answers) for r in records)
    listed = {line.split("**")[1] for line in chase.splitlines() if line.startswith("- **")}
    assert len(listed) == len(records) and referred < len(records)  # "No lead named" too


def test_the_peer_plan_s_chase_list_flags_target_dates_that_have_passed() -> None:
    tracker, records = sample("oxford-city-peer-challenge-2024")
    chase = chase_markdown(tracker, records, Meeting(None, None), date(2025, 1, 15))
    assert "**Target date passed:** December 2024." in chase
    assert "**Target date passed:** March 2025" not in chase
    assert "PR-1**" not in chase  # the peers' recommendation is not itself owed
    early = chase_markdown(tracker, records, Meeting(None, None), date(2024, 11, 1))
    assert "**Target date passed:** December 2024." not in early
    assert "**Target date passed:** September 2024." in early


def test_a_record_agreed_at_the_last_meeting_is_not_stale_at_the_next() -> None:
    agreed_last_time = rec(1, meeting=date(2024, 4, 11), last_reviewed=None)
    older = rec(2, meeting=date(2024, 1, 19), last_reviewed=date(2024, 1, 19))
    meeting = Meeting(date(2024, 11, 20), date(2024, 4, 11))
    assert not is_stale(TRACKER, agreed_last_time, meeting)
    assert is_stale(TRACKER, older, meeting)
    chase = chase_markdown(TRACKER, [agreed_last_time, older], meeting, TODAY)
    assert chase.count("**Stale:**") == 1


# Exempt records are kept out of everything meant for others (issue 15, point 9) -------------


def test_the_chase_list_leaves_exempt_records_out_unless_asked(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Service(workspace).set_fields("A-2023-09-29-1", {"exempt": True})
    assert main(["-w", str(workspace), "chase", "pcs", "--meeting", "20/11/24"]) == 0
    chase = capsys.readouterr().out
    assert "A-2023-09-29-1" not in chase and "data on contracts" not in chase
    assert "R-2023-09-29-1" in chase
    args = ["-w", str(workspace), "chase", "pcs", "--meeting", "20/11/24", "--include-exempt"]
    assert main(args) == 0
    assert "A-2023-09-29-1" in capsys.readouterr().out


def test_the_changes_list_leaves_exempt_records_out_unless_asked(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    service = Service(workspace)
    clock.set("2024-05-01T10:00:00")
    service.set_fields("A-2023-09-29-1", {"exempt": True})
    service.add_update("A-2023-09-29-1", "The closed-session figures are in.")
    service.add_update("R-2023-09-29-1", "The CLES report is out.")
    for extra in ([], ["--json"]):
        assert main(["-w", str(workspace), "changes", "pcs", "--since", "01/04/24", *extra]) == 0
        out = capsys.readouterr().out
        assert "A-2023-09-29-1" not in out and "closed-session" not in out
        assert "R-2023-09-29-1" in out
    args = ["-w", str(workspace), "changes", "pcs", "--since", "01/04/24", "--include-exempt"]
    assert main(args) == 0
    assert "A-2023-09-29-1" in capsys.readouterr().out


# Layout as published --------------------------------------------------------------------------


def test_the_committee_paper_s_headings_keep_their_colons() -> None:
    tracker, records = sample("oxfordshire-pcs-tracker")
    headings = [
        line for line in render(tracker, records, today=TODAY).splitlines() if line[:3] == "## "
    ]
    assert headings == ["## Recommendations:", "## Actions:"]  # as in the seed's extract-1


def test_the_tick_legend_is_printed_only_when_the_tracker_s_settings_ask_for_it() -> None:
    tracker, records = sample("oxfordshire-pcs-tracker")
    assert "✔ Completed since the last meeting" not in render(tracker, records, today=TODAY)
    asking = Tracker(**{**_fields(tracker), "paper": PaperSettings(legend=True)})
    assert "✔ Completed since the last meeting" in render(asking, records, today=TODAY)


def _fields(tracker: Tracker) -> dict[str, object]:
    return {name: getattr(tracker, name) for name in Tracker.__slots__}  # type: ignore[attr-defined]


def test_each_peer_table_has_the_published_columns_and_headings() -> None:
    tracker, records = sample("oxford-city-peer-challenge-2024")
    paper = render(tracker, records, today=TODAY)
    lines = paper.splitlines()
    headers = [lines[n - 1] for n, line in enumerate(lines) if line.startswith("| --- ")]
    assert headers[0] == "| CO-DESIGN SHARED OUTCOMES |  |  | October 2024 & final update |"
    # recommendations 3 and 8 have no target dates: three columns, as published
    assert (
        headers[2] == "| CORPORATE CENTRE / PROJECT MANAGEMENT |  | October 2024 & final update |"
    )
    assert headers[7] == "|  |  | October 2024 & final update |"
    assert sum(h.count("|") == 4 for h in headers) == 2
    assert "| Action | Target date | Status |" not in paper


def test_each_organisation_s_table_has_its_own_headings_and_no_inferred_area() -> None:
    tracker, records = sample("oxford-city-oiep-you-said-we-did-2023-07")
    lines = render(tracker, records, today=TODAY).splitlines()
    headers = [lines[n - 1] for n, line in enumerate(lines) if line.startswith("| --- ")]
    assert headers == [
        "| Pledge area | You said: Comment/Questions/Ideas(s) | We did: Actions/Revisions |",
        "| Pledge area | Comment/Questions/Ideas(s) | Actions/Revisions |",
        "| Pledge area | Comment/Questions/Ideas(s) | Actions/Revisions |",
    ]
    volunteering = next(line for line in lines if "**Volunteering:**" in line)
    assert volunteering.startswith("|   | **Volunteering:**")
    assert not any(line.startswith("| Community Services |") for line in lines)


def test_an_inferred_area_is_left_blank_in_a_log_of_its_own() -> None:
    tracker = Tracker(
        name="e",
        kind="engagement",
        title="Log",
        scheme=PRESETS["engagement"],
        areas=(PledgeArea("Org", "People"),),
    )
    records = [
        Record(id="E-1", kind="engagement", organisation="Org", area="People", said=("a",)),
        Record(
            id="E-2",
            kind="engagement",
            organisation="Org",
            area="Volunteering",
            area_inferred=True,
            said=("b",),
            answers=(Answer("c", "Q&A"),),
        ),
    ]
    rows = [line for line in render(tracker, records, today=TODAY).splitlines() if "• " in line]
    assert [row.split("|")[1].strip() for row in rows] == ["People", ""]


def test_a_record_made_exempt_since_is_left_out_of_a_past_meeting_s_paper(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.set("2024-05-01T10:00:00")
    Service(workspace).set_fields("A-2023-09-29-1", {"exempt": True})
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "11/04/24"]) == 0
    assert "data on contracts" not in capsys.readouterr().out
    args = ["-w", str(workspace), "render", "pcs", "--meeting", "11/04/24", "--include-exempt"]
    assert main(args) == 0
    assert "data on contracts" in capsys.readouterr().out


def test_a_meeting_before_the_history_starts_is_said_and_the_records_shown_as_now(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "29/09/23"]) == 0
    out, err = capsys.readouterr()
    assert "warning: the history of pcs starts after 29/09/2023" in err
    assert "social value policy" in out
