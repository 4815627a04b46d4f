"""Every document of the corpus (council trackers in seventeen councils' layouts, written for
these tests) imports into an empty R/Y/G tracker as the records an officer would expect:
the right meeting date, leads, status code, kind and text, and nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.domain.records import Record
from scrutui.store.workspace import load_tracker
from tests.conftest import DATA, REPO_ROOT
from tests.table_corpus import DOCS, Doc, Expected, build
from tests.test_import_table import empty_copy

SAMPLE = "oxfordshire-pcs-tracker"  # its settings: a committee tracker, R/Y/G


def as_expected(record: Record, doc: Doc) -> Expected:
    """What the officer would check of a record; its reference where the document has them."""
    assert record.meeting is not None
    refs = any(e.reference for e in doc.expected)
    reference = str(record.get("reference") or "") if refs else ""
    return Expected(
        record.meeting, record.leads, record.status or "", record.text, record.kind, reference
    )


def score(doc: Doc, records: list[Record]) -> tuple[int, int]:
    """(expected records imported right, records invented)."""
    got = [as_expected(r, doc) for r in records]
    right = sum(1 for e in doc.expected if e in got)
    invented = sum(1 for g in got if g not in doc.expected)
    return right, invented


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {d.name: p for d, p in build(tmp_path_factory.mktemp("corpus"))}


def test_the_corpus_imitates_at_least_fifteen_councils_each_noting_where_its_style_was_seen() -> (
    None
):
    councils = {d.council for d in DOCS}
    assert len(councils) >= 15
    assert all(d.seen_at and d.style for d in DOCS)
    assert {Path(d.name).suffix for d in DOCS} >= {".csv", ".xlsx", ".docx", ".html"}


def test_the_binary_documents_are_the_same_bytes_every_time_they_are_made(
    tmp_path: Path,
) -> None:
    first = {d.name: p.read_bytes() for d, p in build(tmp_path / "a")}
    second = {d.name: p.read_bytes() for d, p in build(tmp_path / "b")}
    assert first == second


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_council_tracker_imports_as_its_expected_records_and_nothing_more(
    doc: Doc,
    corpus: dict[str, Path],
    tmp_path: Path,
    officer: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = empty_copy(tmp_path, SAMPLE)
    argv = ["-w", str(root), "import", "table", str(corpus[doc.name]), "--tracker", "t",
            "--yes", *doc.options]  # fmt: skip
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err + out
    records = list(load_tracker(root / "t").records.values())
    right, invented = score(doc, records)
    assert [as_expected(r, doc) for r in records if as_expected(r, doc) not in doc.expected] == []
    assert (right, invented) == (len(doc.expected), 0), out
    assert (root / "t" / "import-rules.toml").is_file()
    # the same file again adds nothing, and uses the rules kept for its headings
    assert main(argv) == 0
    assert "Nothing new to import" in capsys.readouterr().out


def test_the_readme_gives_the_corpus_score_as_it_is_now(corpus: dict[str, Path]) -> None:
    from scrutui.cli import build_parser
    from scrutui.cli.imports import table_choices
    from scrutui.importers.table import import_table

    tracker = load_tracker(DATA / SAMPLE).tracker
    assert tracker is not None
    right = invented = documents = 0
    for doc in DOCS:
        args = build_parser().parse_args(
            ["import", "table", str(corpus[doc.name]), "--tracker", "t", *doc.options]
        )
        found = import_table(corpus[doc.name], tracker, choices=table_choices(args))
        refs = any(e.reference for e in doc.expected)
        got = [
            Expected(
                p.meeting,  # type: ignore[arg-type]
                p.leads,
                p.values["status"],
                p.text,
                p.kind,
                str(p.values.get("reference") or "") if refs else "",
            )
            for p in found.proposals
        ]
        right += sum(1 for e in doc.expected if e in got)
        invented += sum(1 for g in got if g not in doc.expected)
        documents += 1
    expected = sum(len(d.expected) for d in DOCS)
    line = (
        f"**{right} of {expected} expected records imported right, {invented} invented, "
        f"{documents} of {len(DOCS)} documents imported**"
    )
    readme = " ".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").split())
    assert line in readme
