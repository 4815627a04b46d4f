"""Record files: hand edits survive, long texts diff by line, bad files say what is wrong."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutui.store.tomlfile import FileError, edit_document, new_document, parse_toml

HAND_EDITED = '''\
# Social value: chased Melissa on 2 April, see email thread.
kind = "recommendation"   # do not change
meeting = 2023-09-29
item = "Social Value"

# The wording agreed at the meeting, as minuted:
text = """
That the Council clarifies the objectives it wishes to achieve through its \\
social value policy, choosing measures and weightings which support those \\
objectives.\\
"""
leads = [ "Melissa Sage" ]    # procurement lead
last_reviewed = 2024-04-11
status = "Y"  # Y until the CLES report lands

[[updates]]   # April review
date = 2024-04-11
text = "A report is expected in September."
'''


def test_changing_one_field_leaves_the_rest_of_a_hand_edited_file_byte_identical() -> None:
    old = tomllib.loads(HAND_EDITED)
    new = {**old, "status": "G"}
    edited = edit_document(HAND_EDITED, old, new)
    assert edited == HAND_EDITED.replace('status = "Y"  #', 'status = "G"  #')


def test_adding_an_update_appends_a_table_and_keeps_the_earlier_ones_as_written() -> None:
    old = tomllib.loads(HAND_EDITED)
    new = {**old, "updates": [*old["updates"], {"date": date(2024, 10, 15), "text": "Done."}]}
    edited = edit_document(HAND_EDITED, old, new)
    assert edited.startswith(HAND_EDITED)
    assert tomllib.loads(edited) == new


def test_a_new_key_goes_after_the_key_before_it_in_the_canonical_order() -> None:
    old = tomllib.loads(HAND_EDITED)
    new = {
        k: old[k] for k in ("kind", "meeting", "item", "text", "leads", "last_reviewed", "status")
    }
    new |= {"decision": "Accepted", "updates": old["updates"]}
    edited = edit_document(HAND_EDITED, old, new)
    lines = edited.splitlines()
    assert lines[lines.index('status = "Y"  # Y until the CLES report lands') + 1] == (
        'decision = "Accepted"'
    )


def test_a_long_text_is_stored_as_short_lines_so_a_diff_shows_the_changed_line() -> None:
    words = " ".join(f"word{n}" for n in range(200))
    before = new_document({"text": words})
    after = new_document({"text": words.replace("word150", "changed")})
    changed = [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert all(len(line) <= 80 for line in before.splitlines())
    assert len(changed) == 1 and "changed" not in changed[0]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_reads_back_exactly_as_it_was_written(text: str) -> None:
    assert tomllib.loads(new_document({"text": text}))["text"] == text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (
            b'kind = "action"\nmeeting = 2024-02-31\n',
            ":2: meeting: not a real date: February 2024 has 29 days; found 2024-02-31",
        ),
        (b'kind = "action"\nmeeting = 2024-13-01\n', ":2: meeting: there is no month 13"),
        (b'kind = "action"\nstatus = Y\n', ":2: status: not valid TOML"),
        (b'kind = "action"\ntext = "\xff\xfe"\n', ":2: not UTF-8 text: byte 0xff"),
        (b'kind = "action"\n\x00\x01\x02', ":2: holds a NUL byte"),
        (
            b'kind = "action"\n<<<<<<< HEAD\nstatus = "Y"\n=======\nstatus = "G"\n>>>>>>> x\n',
            ":2: holds git conflict markers",
        ),
    ],
    ids=["empty", "31-feb", "month-13", "bare-word", "not-utf8", "nul-bytes", "conflict"],
)
def test_a_file_that_is_not_toml_gets_a_message_with_its_line_and_field(
    content: bytes, expected: str
) -> None:
    with pytest.raises(FileError) as error:
        parse_toml(content, "pcs/A-2024-01-19-1.toml")
    assert expected in str(error.value)
    assert str(error.value).startswith("pcs/A-2024-01-19-1.toml")


def test_new_files_are_written_with_a_trailing_newline_and_lf_endings(tmp_path: Path) -> None:
    from scrutui.store.tomlfile import atomic_write

    target = tmp_path / "R-2024-01-19-1.toml"
    atomic_write(target, new_document({"kind": "recommendation", "text": "a\nb"}))
    raw = target.read_bytes()
    assert b"\r\n" not in raw and raw.endswith(b"\n")
    assert [p.name for p in tmp_path.iterdir()] == ["R-2024-01-19-1.toml"]
