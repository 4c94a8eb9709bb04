"""Nothing private reaches any byte of any output file.

The fixture site under tests/fixtures/leaky-site/ puts a unique SENTINEL-... string in every
private place: draft minutes, exempt and confidential items, private notes, HTML comments,
private fields of meetings, people, bodies, groups, members, attendees and updates, keys
that are not part of the format, decisions taken in withheld items, and a private paper (its
title, its file name and its bytes). Every later output (search index, feeds, data files) must
keep this test green: it reads every file, decompressing gzip files such as search indexes.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from site_gen.pipeline import BuildOptions, build
from tests.test_site_links import check_links

CONTENT = Path(__file__).parent / "fixtures" / "leaky-site" / "content"
SENTINEL = re.compile(rb"SENTINEL-[A-Z0-9-]+")
DRAFT_ONLY = {b"SENTINEL-DRAFT-TITLE", b"SENTINEL-DRAFT-BODY", b"SENTINEL-DRAFT-HEADING"}


def planted() -> set[bytes]:
    """Every sentinel written anywhere in the fixture's content."""
    found: set[bytes] = set()
    for path in CONTENT.rglob("*"):
        if path.is_file():
            found.update(SENTINEL.findall(path.read_bytes()))
    return found


def readable_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # gzip: what a search index or a compressed feed would be
        data += gzip.decompress(data)
    return data


def leaked(out: Path) -> dict[str, set[bytes]]:
    found: dict[str, set[bytes]] = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            hits = set(SENTINEL.findall(readable_bytes(path)))
            if hits:
                found[path.relative_to(out).as_posix()] = hits
    return found


def test_the_fixture_plants_sentinels_in_every_private_place() -> None:
    names = {s.decode() for s in planted()}
    for place in (
        "DRAFT-BODY", "DRAFT-TITLE", "DRAFT-ACTION", "DRAFT-UPDATE-NOTE", "DRAFT-ROLE",
        "EXEMPT-BODY", "EXEMPT-ACTION", "CONFIDENTIAL-TITLE", "CONFIDENTIAL-ACTION",
        "PRIVATE-NOTE", "INLINE-COMMENT", "BLOCK-COMMENT", "FRONT-MATTER-NOTE",
        "PEOPLE-EMAIL", "PEOPLE-ADDRESS", "BODY-NOTE", "GROUP-NOTE", "MEMBER-NOTE",
        "ATTENDEE-PHONE", "UPDATE-NOTE", "UNKNOWN-KEY", "SCHEDULED-NOTE",
        "OWNER-COMMENT", "TASK-COMMENT", "UNNUMBERED-COMMENT", "TITLE-COMMENT",
        "REASON-COMMENT", "ALT-COMMENT", "COMMENT-IN-HTML-BLOCK", "AFTER-CODE-IN-PRIVATE",
        "EXEMPT-DECISION", "CONFIDENTIAL-DECISION", "DRAFT-DECISION",
        "PRIVATE-PAPER-TITLE", "PRIVATE-PAPER-FILE", "PRIVATE-PAPER-CONTENT",
    ):  # fmt: skip
        assert f"SENTINEL-{place}" in names


def test_no_sentinel_in_any_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(BuildOptions(content=CONTENT, out=out))
    assert not result.failed, [p.format() for p in result.problems]
    assert leaked(out) == {}
    # The scan reads real pages: the public text around the sentinels is there.
    everything = b"".join(readable_bytes(p) for p in out.rglob("*") if p.is_file())
    for control in (
        b"PUBLIC-CONTROL-BODY",
        b"PUBLIC-CONTROL-ACTION",
        b"PUBLIC-CONTROL-AGENDA",
        b"PUBLIC-CONTROL-PAPER",  # the public paper's bytes, copied beside the private one
    ):
        assert control in everything
    # No file name carries one either (an unnumbered action's address comes from its words).
    assert not [p for p in out.rglob("*") if "sentinel" in p.name.lower()]
    assert check_links(out) == []
    # Names that appear only in private places get no page and no mention.
    assert b"Exemptowner" not in everything and b"Confidentialowner" not in everything
    assert b"Xavier" not in everything


def test_drafts_appear_only_when_asked_for_and_private_parts_never(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(BuildOptions(content=CONTENT, out=out, drafts=True))
    assert not result.failed
    hits = set().union(*leaked(out).values())
    assert hits >= DRAFT_ONLY  # proves the scan finds what is really there
    assert {h for h in hits if not h.startswith(b"SENTINEL-DRAFT-")} == set()
    draft_page = (out / "groups" / "board" / "2024-02-14.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in draft_page
    assert "DRAFT" in draft_page


@pytest.mark.parametrize("kind", ["exempt", "confidential"])
def test_withheld_items_leave_a_stub_with_the_reason(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    build(BuildOptions(content=CONTENT, out=out))
    page = (out / "groups" / "board" / "2024-01-10.html").read_text()
    assert f'class="withheld withheld-{kind}"' in page
    if kind == "exempt":
        assert "Item 2: Staffing (a title that may be shown)" in page
        assert "Exempt under paragraph 1 of Schedule 12A" in page
        assert "1 action was raised under it and is not published" in page
        assert "1 decision was taken under it and is not published" in page
    else:
        assert "Item taken in private" in page and "Reason: Legal advice." in page
    assert "2 actions were raised in items that are not published." in page
    assert "2 decisions were taken in items that are not published." in page
