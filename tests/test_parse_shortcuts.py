"""The parse stage's cheap tests before its costly readings give the same records as the
readings alone: each shortcut is checked against the full work it spares."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.conventions.action_text import ACTION_ID, may_hold_id, read_action
from site_gen.conventions.prose_actions import _first_given, prose_action
from site_gen.markdown.action_lists import _written_at
from site_gen.markdown.marker_readings import _LOOKS_LIKE_MARKER, marker_role
from site_gen.markdown.withheld import MARKER
from site_gen.unicode_text import folded

fixed = settings(max_examples=300, deadline=None, derandomize=True, database=None)

# Text made of what ids, names and sentences are made of, so collisions are frequent.
pieces = st.sampled_from(
    [
        "3.1", "13.1", "3.1a", "3.1.2", "3.12", ".", " ", "(", ")", "[", "]", ":", "-",
        "a", "_", "Action", "action", "ACTION", "AcTiOn", "item", "Pat", "to", "order",
        "Dez", "has", "the", "took", "an", "Jo:", "I've", "got", "\u0663", "\u00b2", "x",
        "done", "Done.", "\n", "2.4", "4.",
    ]
)  # fmt: skip
texts = st.lists(pieces, max_size=14).map("".join)


def _by_pattern(text: str, action_id: str) -> int | None:
    found = re.search(rf"(?<![\w.]){re.escape(action_id)}(?![\w]|\.\d)", text)
    return found.start() if found else None


@fixed
@given(texts, st.sampled_from(["3.1", "13.1", "3.1a", "2.4", "1.2.3"]))
def test_an_id_is_found_where_the_pattern_finds_it(text: str, action_id: str) -> None:
    assert _written_at(text, action_id) == _by_pattern(text, action_id)


def test_an_id_inside_a_longer_number_or_word_is_not_the_id() -> None:
    assert _written_at("see 13.1 and 3.1.2 and 3.1a, then (3.1).", "3.1") == 35
    assert _written_at("3.1x 3.1_ 3.1\u0663 x3.1", "3.1") is None
    assert _written_at("3.1. Pat to order", "3.1") == 0  # a full stop after it ends it


@fixed
@given(texts)
def test_text_without_an_id_reads_as_no_numbered_action(text: str) -> None:
    if not may_hold_id(text):
        assert read_action(text).action_id is None
        assert re.search(ACTION_ID, text) is None


def test_an_id_written_anywhere_is_worth_reading() -> None:
    assert may_hold_id("Pat to order wood chip (4.3)")
    assert read_action("Pat to order wood chip (4.3)").action_id == "4.3"
    assert not may_hold_id("Pat to order 4 loads of wood chip")


@fixed
@given(texts)
def test_prose_reads_as_the_patterns_read_it(text: str) -> None:
    assert prose_action(text) == _first_given(text)


def test_prose_that_gives_an_action_still_does() -> None:
    said = "Brian has the action item to define the process."
    assert prose_action(said) == ("Brian", "define the process")
    assert prose_action("Brian has the item to define the process.") is None


# Lines as minutes write them, with the characters that make or spoil a withheld marker.
line_pieces = st.sampled_from(
    [":", "::", ":::", " ", "> ", "- ", "1. ", "private", "exempt", "\uff1a", "\u2236", "x",
     "\u200b", "#", "|", "&#58;", "\t", "*"]
)  # fmt: skip
lines = st.lists(line_pieces, max_size=8).map("".join)


@fixed
@given(lines)
def test_a_line_in_ascii_without_three_colons_is_never_a_marker(line: str) -> None:
    if line.isascii() and ":::" not in line:
        assert _LOOKS_LIKE_MARKER.search(folded(line)) is None
        assert MARKER.match(line) is None
    assert marker_role(line) is None or ":::" in folded(line) or not line.isascii()


@fixed
@given(texts)
def test_a_lenient_reading_tells_statuses_as_a_strict_one(text: str) -> None:
    # A list's items are read leniently to tell a review, whatever the list turns out to be.
    strict, lenient = read_action(text), read_action(text, lenient=True)
    assert (strict.status_written, strict.said_new) == (lenient.status_written, lenient.said_new)
    assert (strict.status, strict.checked) == (lenient.status, lenient.checked)


def test_a_marker_line_still_reads_as_one() -> None:
    assert marker_role("::: private") == "open"
    assert marker_role("> :::") == "close"
    assert marker_role("\uff1a\uff1a\uff1a exempt") == "open"  # full-width colons
    assert marker_role("a: b: c") is None
