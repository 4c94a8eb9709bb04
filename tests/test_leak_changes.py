"""What a clerk changes between builds, and what later text says about withheld items, never
publishes them. Issue 11, reviewed as an attacker and a careless clerk would.

Each is built through the real pipeline with the build cache on, into the same output folder
as the build before, and scanned byte by byte (search index and gzip included, as
tests.test_no_leak.leaked does): a draft built with --drafts and then without, minutes made a
draft again, a private block added around text that was public, an exempt item made private.
And a private block's actions and decisions, mentioned or updated in public text, leave the
site exactly as it is without the block.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_gen.commands.new import new_meeting
from site_gen.outputs.search import find_pagefind
from site_gen.pipeline import BuildOptions, BuildResult, build
from tests.test_no_leak import leaked, meeting_file, output_state, write_content

SEARCH = find_pagefind() is not None


def _build(content: Path, out: Path, *, drafts: bool = False) -> BuildResult:
    cache = out.parent / "cache"
    result = build(
        BuildOptions(content, out, drafts=drafts, cache_dir=cache, search=SEARCH, jobs=1)
    )
    assert not result.failed, [p.format() for p in result.problems]
    return result


def _public_files(out: Path) -> dict[str, bytes | None]:
    """The site, less site_gen's own record and the search index (Pagefind's bytes differ
    from run to run; leaked() reads it)."""
    return {
        name: data
        for name, data in output_state(out).items()
        if not name.startswith((".site-gen", "pagefind"))
    }


SPOKE = "The SENTINEL-A officer spoke at length about the staffing review."
# (the first build's meeting, options; the second's, options): the second must show nothing
# of what it withholds, though the first built (and the cache kept) it.
CHANGES = {
    "a draft built with drafts, then without": (
        ("SENTINEL-A in the draft.\n", "status: draft\ntitle: SENTINEL-B\n", True),
        ("SENTINEL-A in the draft.\n", "status: draft\ntitle: SENTINEL-B\n", False),
    ),
    "approved minutes made a draft again": (
        ("SENTINEL-A in the minutes.\n", "", False),
        ("SENTINEL-A in the minutes.\n", "status: draft\n", False),
    ),
    "a private block put around public text": (
        (f"{SPOKE}\n", "", False),
        (f"::: private\n{SPOKE}\n:::\n", "", False),
    ),
    "an exempt item made private": (
        ('::: exempt "SENTINEL-A" Paragraph 1\nActions:\n\n- Ann to go (1.5)\n:::\n', "", False),
        ('::: private "SENTINEL-A" Paragraph 1\nActions:\n\n- Ann to go (1.5)\n:::\n', "", False),
    ),
    "an exempt item's title taken off": (
        ('::: exempt "SENTINEL-A" Paragraph 1\n## SENTINEL-A\nText.\n:::\n', "", False),
        ("::: exempt Paragraph 1\n## SENTINEL-A\nText.\n:::\n", "", False),
    ),
}  # fmt: skip


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_what_an_earlier_build_published_is_gone_after_the_change(
    tmp_path: Path, change: tuple[tuple[str, str, bool], tuple[str, str, bool]]
) -> None:
    (body, front, drafts), (later_body, later_front, later_drafts) = change
    out = tmp_path / "out"
    content = write_content(tmp_path, meeting_file(body, front=front))
    _build(content, out, drafts=drafts)
    assert leaked(out)  # the first build showed it: the scan can see it
    write_content(tmp_path, meeting_file(later_body, front=later_front))
    _build(content, out, drafts=later_drafts)
    assert leaked(out) == {}
    # And the output is what a build from scratch makes of the later content.
    fresh = tmp_path / "fresh"
    _build(write_content(fresh, meeting_file(later_body, front=later_front)), fresh / "out")
    assert _public_files(out) == _public_files(fresh / "out")


PRIVATE = (
    "::: private\nActions:\n\n- Ann Public to call SENTINEL-A (1.5)\n\n"
    "Agreed: SENTINEL-B (D1.9)\n:::\n\n"
)
MENTIONS = {
    "in the same minutes": ("See action 1.5 and decision D1.9.\n", "", False),
    "in later minutes, with an update": (
        "Action 1.5 is done; decision D1.9 stands.\n",
        'action_updates:\n  "1.5": {status: closed, note: Done}\n',
        True,
    ),
}


@pytest.mark.parametrize("mention", MENTIONS.values(), ids=MENTIONS.keys())
def test_a_private_action_mentioned_in_public_shows_nothing_of_the_block(
    tmp_path: Path, mention: tuple[str, str, bool]
) -> None:
    """'action 1.5' in public text, where 1.5 was raised in a private block: its task, owner
    and existence stay unknown; the site is byte for byte the site without the block."""
    text, front, later = mention
    sites = []
    for name, block in (("with", PRIVATE), ("without", "")):
        files = meeting_file(block + ("" if later else text))
        if later:
            files.update(meeting_file(text, front=front, day="2024-02-10", number=2))
        out = tmp_path / name / "out"
        _build(write_content(tmp_path / name, files), out)
        assert leaked(out) == {}
        sites.append(_public_files(out))
    assert sites[0] == sites[1]


def test_the_next_meeting_file_names_no_withheld_action_task(tmp_path: Path) -> None:
    """`new meeting` lists open actions: an exempt or confidential one by its id only (as its
    stub counts it), a private one not at all."""
    body = (
        '::: exempt "Staffing" Paragraph 1\nActions:\n\n- Ann Public to do SENTINEL-A (1.5)\n:::\n'
        "::: private\nActions:\n\n- Ann Public to do SENTINEL-B (1.6)\n:::\n"
        "::: confidential Legal\nActions:\n\n- Ann Public to do SENTINEL-C (1.7)\n:::\n"
    )
    content = write_content(tmp_path, meeting_file(body))
    text = new_meeting(content, "board", date(2024, 3, 1)).text
    assert "SENTINEL" not in text and "1.6" not in text
    assert "Action 1.5 (task not recorded)" in text and "Action 1.7 (task not recorded)" in text
