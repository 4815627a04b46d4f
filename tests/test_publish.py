"""`scrutui publish OUT`: the public website of every tracker.

The site is read as files (every link relative and resolving, exempt records on no page,
the same bytes from the same workspace) and in a real browser: headless Chromium (Debian's
`chromium` and `chromium-driver`) driven by selenium, with axe-core (the copy bundled in the
axe-playwright-python package) run on every page type: zero violations of WCAG 2.2 A and AA
or of axe's best practices; and every link reached with Tab, showing a visible focus.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from scrutui.cli import main
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.store.service import Service
from tests.conftest import Clock

SECRET = "the sale of County Hall to the harbour board"


@pytest.fixture(autouse=True)
def needs_pandoc() -> None:
    try:
        pandoc_path()
    except PandocMissing:
        pytest.skip("pandoc is not installed (pypandoc_binary brings it with the README's command)")


def _changes(root: Path, clock: Clock) -> None:
    """A history with meetings in it: changes in February and May 2024, an exempt record."""
    service = Service(root)
    clock.set("2024-02-01T10:00:00")
    service.add_update(
        "R-2023-09-29-1", "The CLES report is out: https://example.gov.uk/a_b.", on=date(2024, 2, 1)
    )
    clock.set("2024-02-02T10:00:00")
    service.new_record(
        "oxfordshire-pcs-tracker",
        "action",
        {
            "meeting": date(2024, 1, 19),
            "item": "Property",
            "text": f"Members to be briefed on {SECRET}.",
            "status": "R",
            "exempt": True,
        },
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample trackers published, with a meeting (19/01/24) inside their history."""
    monkeypatch = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("home")
    for name, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / "data"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "SCRUTUI_CONFIG": str(home / "config.toml"),
    }.items():
        monkeypatch.setenv(name, value)
    clock = Clock(monkeypatch)
    from scrutui.store.config import set_config_value
    from scrutui.store.git import Identity
    from scrutui.store.workspace import create_from_samples
    from tests.conftest import DATA

    set_config_value(home / "config.toml", ("officer", "name"), "Test Officer")
    set_config_value(home / "config.toml", ("officer", "email"), "test.officer@example.gov.uk")
    root = tmp_path_factory.mktemp("ws") / "workspace"
    create_from_samples(root, DATA, Identity("Test Officer", "test.officer@example.gov.uk"))
    _changes(root, clock)
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["-w", str(root), "publish", str(out)]) == 0
    yield out
    monkeypatch.undo()
    shutil.rmtree(root, ignore_errors=True)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.scripts = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "link" and values.get("href"):
            self.srcs.append(values["href"] or "")
        if tag == "script":
            self.scripts += 1
        if values.get("id"):
            self.ids.append(values["id"] or "")


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_index_links_to_every_tracker(site: Path) -> None:
    hrefs = parse(site / "index.html").hrefs
    for name in (
        "oxfordshire-pcs-tracker",
        "oxfordshire-pcs-minutes-2022-01-17",
        "oxford-city-peer-challenge-2024",
        "oxford-city-oiep-you-said-we-did-2023-07",
    ):
        assert f"{name}/index.html" in hrefs


def test_each_tracker_has_its_paper_a_page_per_record_and_its_meeting_papers(site: Path) -> None:
    committee = site / "oxfordshire-pcs-tracker"
    assert (committee / "meeting-2024-01-19.html").is_file()  # inside the history
    assert not (committee / "meeting-2023-09-29.html").exists()  # before it: named instead
    index = (committee / "index.html").read_text()
    assert "No paper is published for 28 April 2023, 21 July 2023, 29 September 2023" in index
    assert len(list((site / "oxford-city-peer-challenge-2024" / "records").glob("*.html"))) == 65
    record = (committee / "records" / "R-2023-09-29-1.html").read_text()
    assert '<time datetime="2024-04-11">11 April 2024</time>' in record
    assert '<time datetime="2024-02-01">1 February 2024</time>' in record
    assert '<a href="https://example.gov.uk/a_b">https://example.gov.uk/a_b</a>.' in record


def test_the_index_links_to_an_annual_report_for_each_year_that_holds_recommendations(
    site: Path,
) -> None:
    reports = [h for h in parse(site / "index.html").hrefs if h.startswith("annual-report-")]
    assert reports == [
        "annual-report-2023-24.html",
        "annual-report-2022-23.html",
        "annual-report-2021-22.html",
    ]
    page = (site / "annual-report-2023-24.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Scrutiny annual report\s+2023/24</h1>", page)
    assert page.count("<svg ") == 4 and "<script" not in page
    assert '<title id="figure-1-title">Executive decisions' in page
    assert "Recommendations made" in page
    # the same figures as `scrutui report` gives for that year (exempt records left out)
    assert "Responses with no date recorded" in page


def test_a_record_marked_exempt_appears_on_no_page(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "County Hall" not in text and "A-2024-01-19-1" not in text, path


def test_every_link_is_relative_and_leads_to_a_page_of_the_site(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert page.scripts == 0, path
        for href in page.hrefs + page.srcs:
            if href.startswith(("https://", "http://", "mailto:")):
                continue
            target, _, fragment = href.partition("#")
            assert not target.startswith("/") and ":" not in target, (path, href)
            resolved = (path.parent / target) if target else path
            assert resolved.resolve().is_file(), (path, href)
            if fragment:
                assert fragment in parse(resolved).ids, (path, href)


def test_publish_twice_from_the_same_workspace_is_byte_for_byte_the_same(
    workspace: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["-w", str(workspace), "publish", str(first)]) == 0
    assert main(["-w", str(workspace), "publish", str(second)]) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_the_site_is_never_written_into_the_workspace(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(workspace), "publish", str(workspace / "site")]) == 2
    assert "inside the workspace" in capsys.readouterr().err
    assert not (workspace / "site").exists()


# In a real browser ----------------------------------------------------------------------------


def _axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("axe-core is needed: pip install axe-playwright-python (the test extra)")
    path = Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"
    if not path.is_file():
        pytest.skip(f"axe-core's axe.min.js is missing from {path.parent}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip(
            "headless Chromium is needed: apt-get install chromium chromium-driver "
            "(.ci/run installs them in CI)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service as ChromeService
    except ImportError:
        pytest.skip("selenium is needed: pip install selenium (the test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=ChromeService(executable_path=driver_path), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()


PAGE_TYPES = {
    "the index": "index.html",
    "a committee tracker": "oxfordshire-pcs-tracker/index.html",
    "a meeting paper": "oxfordshire-pcs-tracker/meeting-2024-01-19.html",
    "a committee record": "oxfordshire-pcs-tracker/records/R-2023-09-29-1.html",
    "a peer plan": "oxford-city-peer-challenge-2024/index.html",
    "a peer recommendation": "oxford-city-peer-challenge-2024/records/PR-8.html",
    "a peer action": "oxford-city-peer-challenge-2024/records/PA-1-7.html",
    "an engagement log": "oxford-city-oiep-you-said-we-did-2023-07/index.html",
    "an engagement record": "oxford-city-oiep-you-said-we-did-2023-07/records/E-25.html",
    "an annual report": "annual-report-2023-24.html",
}
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));
"""
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_finds_no_accessibility_violation_on_any_page_type(
    kind: str, site: Path, browser: Any
) -> None:
    source = _axe_source()
    browser.get((site / PAGE_TYPES[kind]).as_uri())
    browser.execute_script(source)
    assert browser.execute_script("return axe.version").startswith("4.")
    violations = browser.execute_async_script(AXE_RUN, TAGS)
    assert violations == [], kind


def _visible_focus(browser: Any) -> bool:
    style = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return [s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow];"
    )
    outline, width, background, shadow = style
    return (outline != "none" and float(width.rstrip("px") or 0) >= 2) or (
        background not in ("rgba(0, 0, 0, 0)", "transparent") and shadow != "none"
    )


@pytest.mark.parametrize(
    "kind", ["the index", "a committee tracker", "a committee record", "a peer plan"]
)
def test_every_link_is_reached_with_tab_and_shows_a_visible_focus(
    kind: str, site: Path, browser: Any
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get((site / PAGE_TYPES[kind]).as_uri())
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => a.outerHTML)"
    )
    reached: list[str] = []
    for _ in range(len(links) + 5):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        here = browser.execute_script(
            "const e = document.activeElement; return e && e.tagName === 'A' ? e.outerHTML : null"
        )
        if here is None or (reached and here == reached[0]):
            break
        assert _visible_focus(browser), here
        reached.append(here)
    assert reached == links
    first = re.search(r'href="([^"]+)"', reached[0])
    assert first and first.group(1) == "#content"  # the skip link comes first


def test_axe_reports_a_page_that_breaks_the_rules(tmp_path: Path, browser: Any) -> None:
    """The check above can fail: a page with no language, an image with no text and an
    empty link gives violations."""
    source = _axe_source()
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<img src="x.png"><a href="#x"></a></body></html>',
        encoding="utf-8",
    )
    browser.get(bad.as_uri())
    browser.execute_script(source)
    found = {v["id"] for v in browser.execute_async_script(AXE_RUN, TAGS)}
    assert {"html-has-lang", "image-alt", "link-name"} <= found


def test_a_printed_page_drops_the_navigation_and_keeps_table_headers_on_each_page(
    site: Path, browser: Any
) -> None:
    browser.get((site / PAGE_TYPES["a committee tracker"]).as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "return ['nav', '.skip', 'footer.site', 'thead'].map("
            "s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert shown == ["none", "none", "none", "table-header-group"]
        after = browser.execute_script(
            "const a = document.querySelector('main a[href^=\"http\"]');"
            "return getComputedStyle(a, '::after').content"
        )
        assert after == '" (" attr(href) ")"' or "example.gov.uk" in after  # addresses print
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.print_page()
    assert len(pdf) > 10_000  # base64 of a PDF of several pages


class HtmlSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "html"


@pytest.mark.parametrize(
    "kind", ["the index", "a committee record", "a peer action", "an engagement record"]
)
def test_the_published_pages_match_their_golden_files(
    kind: str, site: Path, snapshot: SnapshotAssertion
) -> None:
    page = (site / PAGE_TYPES[kind]).read_text(encoding="utf-8")
    assert page == snapshot.use_extension(HtmlSnapshot)


def test_a_record_exempt_at_a_meeting_but_not_now_is_still_on_no_page(tmp_path: Path) -> None:
    from scrutui.papers.site import MeetingPaper, publish, site_for
    from tests.test_papers import TRACKER, rec

    then = rec(1, exempt=True, text="Closed: the harbour lease.")
    now = rec(1, text="Closed: the harbour lease.")
    site = site_for(
        "pcs", TRACKER, [now, rec(2)], [MeetingPaper(date(2024, 4, 11), TRACKER, (then,))]
    )
    publish(tmp_path, [site], date(2024, 11, 1))
    for path in tmp_path.rglob("*.html"):
        assert "harbour lease" not in path.read_text(encoding="utf-8"), path
    assert (tmp_path / "pcs" / "records" / "R-2024-01-19-2.html").is_file()


@pytest.mark.parametrize(
    "name",
    [
        "oxfordshire-pcs-tracker",
        "oxford-city-peer-challenge-2024",
        "oxford-city-oiep-you-said-we-did-2023-07",
    ],
)
def test_the_html_paper_from_render_has_no_accessibility_violation(
    name: str, tmp_path: Path, browser: Any
) -> None:
    from scrutui.papers.convert import convert
    from scrutui.papers.layout import layout_for
    from scrutui.papers.render import render
    from scrutui.store.workspace import load_workspace
    from tests.conftest import DATA

    state = load_workspace(DATA).trackers[name]
    assert state.tracker is not None
    out = tmp_path / "paper.html"
    paper = render(state.tracker, list(state.records.values()), today=date(2024, 11, 1))
    convert(paper, "html", out, state.tracker.title, layout_for(state.tracker))
    browser.get(out.as_uri())
    browser.execute_script(_axe_source())
    assert browser.execute_async_script(AXE_RUN, TAGS) == []
