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
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen.commands.check import CheckOptions, check
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, BuildResult, build
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
        "EXEMPT-BODY", "EXEMPT-HEADING", "EXEMPT-ACTION", "CONFIDENTIAL-TITLE",
        "CONFIDENTIAL-ACTION",
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


# --- The same scan for content a test writes: tests/test_leak_*.py and the fuzz test --------
# build_and_scan builds through the real pipeline into an output folder that holds a good
# previous site, then asserts one of the two outcomes the publisher is promised: the build
# succeeds and no sentinel is in any byte of any output file; or it stops with problems at
# real lines of real files, leaves the previous site byte for byte, and `site-gen check`
# reports the same errors (one code path for both).

BASE_SITE: dict[str, str | bytes] = {
    "site.yaml": "title: Leak test council\n",
    "groups/board.yaml": "name: Board\nmembers:\n  - Ann Public\n",
}
PUBLIC_CONTROL = b"PUBLIC-CONTROL-BODY"


def meeting_file(
    body: str, *, front: str = "", day: str = "2024-01-10", number: int = 1, newline: str = "\n"
) -> dict[str, str | bytes]:
    """One meeting of the board: front matter, a public item, then `body`."""
    text = (
        f"---\ndate: {day}\nnumber: {number}\n{front}---\n\n"
        f"## Item 1: Welcome\n\n{PUBLIC_CONTROL.decode()} text.\n\n{body}"
    )
    return {f"meetings/board/{day}.md": text.replace("\n", newline).encode()}


def line_in(files: dict[str, str | bytes], needle: str, nth: int = 1) -> int:
    """The 1-based line of the `nth` line holding `needle` in the meeting of `files`."""
    (data,) = (v for k, v in files.items() if k.startswith("meetings/"))
    text = data.decode() if isinstance(data, bytes) else data
    # Lines as the parser counts them: a U+2028 or a form feed in a line does not end it.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = [n for n, line in enumerate(lines, 1) if needle in line]
    return found[nth - 1]


def write_content(root: Path, files: dict[str, str | bytes]) -> Path:
    content = root / "content"
    for name, data in {**BASE_SITE, **files}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return content


def output_state(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes, and every folder (None), by path inside `folder`."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def build_previous_site(out: Path) -> None:
    content = write_content(out.parent / "previous-content", meeting_file("Nothing withheld.\n"))
    result = build(BuildOptions(content=content, out=out, cache=False, jobs=1))
    assert not result.failed, [p.format() for p in result.problems]


@dataclass(frozen=True)
class Held:
    """What a build of hostile content did, once its promise was checked."""

    result: BuildResult
    content: Path
    out: Path

    @property
    def errors(self) -> list[tuple[str, int]]:
        """(file name relative to the content folder, line) of each error."""
        return [
            (Path(p.path).relative_to(self.content).as_posix(), p.line)
            for p in self.result.problems
            if p.severity == "error"
        ]

    def messages(self, severity: str = "error") -> list[str]:
        return [p.message for p in self.result.problems if p.severity == severity]

    def output(self) -> bytes:
        return b"".join(readable_bytes(p) for p in sorted(self.out.rglob("*")) if p.is_file())


def build_and_scan(
    root: Path, previous: Path, files: dict[str, str | bytes], *, search: bool | None = None
) -> Held:
    """Build `files` (over BASE_SITE) into a copy of the `previous` site; check the promise."""
    content = write_content(root, files)
    out = root / "out"
    shutil.copytree(previous, out)
    before = output_state(out)
    with_search = find_pagefind() is not None if search is None else search
    result = build(BuildOptions(content=content, out=out, search=with_search, cache=False, jobs=1))
    for problem in result.problems:
        source = Path(problem.path)
        assert source.is_file() and source.is_relative_to(content), problem.format()
        lines = len(source.read_bytes().splitlines()) or 1
        assert 1 <= problem.line <= lines, f"{problem.format()}: outside the file ({lines})"
        assert problem.hint, problem.format()
    if result.failed:
        assert output_state(out) == before, "a failed build changed the previous site"
    else:
        assert leaked(out) == {}
        page = out / "groups" / "board" / "2024-01-10.html"
        assert not page.exists() or PUBLIC_CONTROL in page.read_bytes()
    errors = {p.format() for p in result.problems if p.severity == "error"}
    checked = check(CheckOptions(content=content, stale_after=0))
    assert {p.format() for p in checked.problems if p.severity == "error"} == errors
    return Held(result, content, out)
