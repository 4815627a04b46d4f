"""The minutes corpus: every document, in one council's style, scored against its proposals.

Each document in `tests/minutes_corpus/` says what it must give. The scores (recall and
precision of actions and of recommendations, owners, dates) are checked against the targets
the README states; each document's own misses are listed when a score falls short.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from scrutui.importers.minutes_file import read_minutes_file
from scrutui.importers.proposal import Proposal

CORPUS = Path(__file__).parent / "minutes_corpus"
DOCUMENTS = sorted(CORPUS.glob("*.toml"))
TARGETS = {"recall": 0.90, "precision": 0.95, "owners": 0.90}


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def build(doc: dict[str, Any], folder: Path, name: str) -> Path:
    """The document as the file a council publishes: text, HTML, Word or PDF."""
    text = doc["text"].strip("\n")
    form = doc.get("form", "text")
    if form == "html":
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
    elif form == "word":
        path = folder / f"{name}.docx"
        word_file(text.split("\n"), path)
    elif form == "pdf":
        path = folder / f"{name}.pdf"
        pdf_file(text.split("\n"), path)
    else:
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
    return path


def word_file(lines: list[str], path: Path) -> None:
    document = Document()
    rows: list[list[str]] = []
    for line in [*lines, ""]:
        if rows and not line.startswith("#t "):
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for cells, row in zip(rows, table.rows, strict=True):
                for text, cell in zip(cells, row.cells, strict=True):
                    cell.text = text
            rows = []
        if not line.strip():
            continue
        if line.startswith("#t "):
            rows.append([cell.strip() for cell in line[3:].split("|")])
        elif line.startswith("#n "):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith("#b "):
            document.add_paragraph(line[3:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))


def wrap(paragraph: str, width: int = 88) -> list[str]:
    out, current = [], ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*out, current] if current else out


def pdf_file(lines: list[str], path: Path) -> None:
    """A text PDF as a council's PDF export is: lines wrapped at the page width, no blanks."""
    wrapped: list[str] = []
    for line in lines:
        wrapped += wrap(line) if line.strip() else []
    pages = [wrapped[i : i + 60] for i in range(0, len(wrapped), 60)] or [[]]
    objects: list[bytes] = []

    def escape(text: str) -> bytes:
        raw = text.encode("cp1252", errors="replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    page_ids = []
    font_id = 3
    objects = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"]  # fmt: skip
    for page in pages:
        stream = (
            b"BT /F1 9 Tf 40 800 Td 12 TL "
            + b" ".join(b"(" + escape(line) + b") Tj T*" for line in page)
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        page_ids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def norm(text: str) -> str:
    return " ".join(re.sub(r"[\s]+", " ", text.replace("·", "-").replace("•", "-")).split())


@dataclass
class Score:
    """Counts over the corpus, and what each document missed."""

    expected: dict[str, int] = field(default_factory=lambda: {"action": 0, "recommendation": 0})
    found: dict[str, int] = field(default_factory=lambda: {"action": 0, "recommendation": 0})
    right: dict[str, int] = field(default_factory=lambda: {"action": 0, "recommendation": 0})
    owners: int = 0
    owners_right: int = 0
    dated: int = 0
    dates_right: int = 0
    unticked: int = 0
    unticked_right: int = 0
    nothing: int = 0
    nothing_right: int = 0
    misses: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.right[kind] / self.expected[kind] if self.expected[kind] else 1.0

    def precision(self, kind: str) -> float:
        return self.right[kind] / self.found[kind] if self.found[kind] else 1.0


def matches(proposal: Proposal, expect: dict[str, Any]) -> bool:
    return proposal.kind == expect["kind"] and norm(proposal.text).startswith(
        norm(expect["starts"])
    )


def score_document(path: Path, folder: Path, score: Score) -> None:
    doc = load(path)
    file = build(doc, folder, path.stem)
    reading = read_minutes_file(file)[1]
    name = path.stem
    if doc.get("nothing"):
        score.nothing += 1
        if not reading.proposals:
            score.nothing_right += 1
        else:
            score.misses.append(f"{name}: must yield nothing, gave {len(reading.proposals)}")
    if "meeting" in doc:
        score.dated += 1
        if reading.meeting == doc["meeting"]:
            score.dates_right += 1
        else:
            score.misses.append(f"{name}: meeting {reading.meeting}, expected {doc['meeting']}")
    expects = doc.get("expect", [])
    ticked = [p for p in reading.proposals if p.ticked]
    used: set[int] = set()
    for expect in expects:
        want_ticked = expect.get("ticked", True)
        pool = ticked if want_ticked else [p for p in reading.proposals if not p.ticked]
        found = next((p for p in pool if id(p) not in used and matches(p, expect)), None)
        if not want_ticked:
            score.unticked += 1
            if found is not None:
                score.unticked_right += 1
                used.add(id(found))
            else:
                score.misses.append(f"{name}: not proposed unticked: {expect['starts'][:60]!r}")
            continue
        score.expected[expect["kind"]] += 1
        if found is None:
            score.misses.append(f"{name}: missed {expect['kind']} {expect['starts'][:60]!r}")
            continue
        used.add(id(found))
        score.right[expect["kind"]] += 1
        if expect["kind"] == "action":
            score.owners += 1
            owner = "; ".join(found.leads)
            if owner == expect.get("owner", ""):
                score.owners_right += 1
            else:
                score.misses.append(
                    f"{name}: owner {owner!r}, expected {expect.get('owner', '')!r}"
                )
    for proposal in ticked:
        if proposal.kind in score.found:
            score.found[proposal.kind] += 1
        if id(proposal) not in used:
            score.misses.append(
                f"{name}: extra {proposal.kind} ({proposal.source}) {proposal.text[:60]!r}"
            )


@pytest.fixture(scope="module")
def corpus_score(tmp_path_factory: pytest.TempPathFactory) -> Score:
    folder = tmp_path_factory.mktemp("corpus")
    score = Score()
    for path in DOCUMENTS:
        score_document(path, folder, score)
    return score


def report(score: Score) -> str:
    lines = [
        f"actions: recall {score.recall('action'):.0%} ({score.right['action']}/"
        f"{score.expected['action']}), precision {score.precision('action'):.0%}",
        f"recommendations: recall {score.recall('recommendation'):.0%} "
        f"({score.right['recommendation']}/{score.expected['recommendation']}), "
        f"precision {score.precision('recommendation'):.0%}",
        f"owners right: {score.owners_right}/{score.owners}",
        f"dates right: {score.dates_right}/{score.dated}",
        f"procedural proposed unticked: {score.unticked_right}/{score.unticked}",
        f"must-yield-nothing documents that yielded nothing: {score.nothing_right}/{score.nothing}",
        *score.misses,
    ]
    return "\n".join(lines)


def test_the_corpus_has_documents_from_at_least_20_councils() -> None:
    # "Kent County Council (budget table)" is Kent again: a council counts once
    councils = {re.sub(r"\s*\(.*\)", "", load(path)["council"]) for path in DOCUMENTS}
    assert len(councils) >= 20, sorted(councils)
    for path in DOCUMENTS:
        doc = load(path)
        assert doc["style"] and doc["seen"], path.name
        assert doc.get("nothing") or doc.get("expect"), f"{path.name} expects nothing"


@pytest.mark.parametrize("kind", ["action", "recommendation"])
def test_recall_and_precision_meet_the_targets(corpus_score: Score, kind: str) -> None:
    assert corpus_score.recall(kind) >= TARGETS["recall"], report(corpus_score)
    assert corpus_score.precision(kind) >= TARGETS["precision"], report(corpus_score)


def test_owners_are_right_for_nine_in_ten_actions(corpus_score: Score) -> None:
    assert corpus_score.owners_right >= TARGETS["owners"] * corpus_score.owners
    assert corpus_score.owners, "the corpus has actions with owners"


def test_the_meeting_date_is_found_in_every_document_that_states_it(corpus_score: Score) -> None:
    assert corpus_score.dates_right == corpus_score.dated, report(corpus_score)


def test_procedural_decisions_are_proposed_unticked(corpus_score: Score) -> None:
    assert corpus_score.unticked_right == corpus_score.unticked, report(corpus_score)


def test_documents_that_must_yield_nothing_yield_nothing(corpus_score: Score) -> None:
    assert corpus_score.nothing >= 2
    assert corpus_score.nothing_right == corpus_score.nothing, report(corpus_score)


def test_the_readme_states_the_corpus_figures_as_they_are(corpus_score: Score) -> None:
    """The README's table is this test's figures (`pytest -s` prints them)."""
    print("\n" + report(corpus_score))
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    score = corpus_score
    for kind, label in [("action", "actions"), ("recommendation", "recommendations")]:
        row = (
            f"| {label}: recall / precision | 90% / 95% | {score.recall(kind):.0%} "
            f"({score.right[kind]}/{score.expected[kind]}) / {score.precision(kind):.0%} |"
        )
        assert row in readme
    assert f"| owners right | 90% | {score.owners_right}/{score.owners} |" in readme
    assert (
        f"| meeting date found where stated | all | {score.dates_right}/{score.dated} |" in readme
    )
    assert f"`tests/minutes_corpus/`: {len(DOCUMENTS)} documents" in readme
    councils = {re.sub(r"\s*\(.*\)", "", load(path)["council"]) for path in DOCUMENTS}
    assert f"in the styles of {len(councils)} councils" in readme
