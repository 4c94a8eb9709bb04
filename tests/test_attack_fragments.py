"""Attacks on the fragments rendered once a build (site_gen.render.Fragments): a row cached
by its values and the page's folder must never show one action's or meeting's text for
another's. The archive is built to tempt it: the same action numbers in both groups with the
same owner, a withheld action numbered as a published one elsewhere, a person known by two
spellings, and meetings on the same day in both groups."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from site_gen import render
from site_gen.pipeline import BuildOptions, build
from tests.attack_archive import tree, write_archive


def _tempting(content: Path) -> Path:
    write_archive(content)
    finance = content / "meetings/finance/2024-02-21.md"
    finance.write_text(
        finance.read_text(encoding="utf-8").replace(
            "FINANCE-TWO-BODY on accounts.\n",
            "FINANCE-TWO-BODY on accounts.\n\n::: confidential Legal advice\n"
            "Agreed: WITHHELD-DECISION to settle (D2.1)\n\n"
            "Actions:\n\n- Bob Second to WITHHELD-ACTION count the lamps (2.1)\n:::\n\n"
            "Actions:\n\n- Ann to BOARD-TWO-ACTION order bulbs (2.2)\n",
        ),
        encoding="utf-8",
    )
    same_day = content / "meetings/finance/2024-02-14.md"  # a board meeting's day too
    same_day.write_text(
        "---\ndate: 2024-02-14\nstatus: approved\n---\n\n## Item 1: Audit\n\nSAME-DAY-BODY\n\n"
        "Actions:\n\n- Bob Second to BOARD-TWO-ACTION order bulbs (2.1a)\n",
        encoding="utf-8",
    )
    people = content / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "  - name: Ann Owner\n", "  - name: Ann Owner\n    aliases: [Ann, A. Owner]\n"
        ),
        encoding="utf-8",
    )
    return content


def _every_row_made_afresh(
    self: render.Fragments, origin: str, *values: object, caller: object, **_: object
) -> str:
    return caller()  # type: ignore[operator,no-any-return]


def test_fragments_rendered_once_are_the_rows_each_page_would_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of a build equals the build that renders every row afresh."""
    content = _tempting(tmp_path / "content")
    once = build(BuildOptions(content=content, out=tmp_path / "once", jobs=1, cache=False))
    assert not once.failed, [p.format() for p in once.problems]
    monkeypatch.setattr(render.Fragments, "once", _every_row_made_afresh)
    fresh = build(BuildOptions(content=content, out=tmp_path / "fresh", jobs=1, cache=False))
    assert not fresh.failed
    a, b = tree(tmp_path / "once"), tree(tmp_path / "fresh")
    assert sorted(n for n in a.keys() | b.keys() if a.get(n) != b.get(n)) == []


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr[ >].*?</tr>", page, re.S)


# Each action's page, and a word only its row may show.
OWN_WORDS = {
    "groups/board/actions/1-1.html": "BOARD-ONE-ACTION",
    "groups/finance/actions/1-1.html": "FINANCE-ONE-ACTION",
    "groups/board/actions/2-1.html": "BOARD-TWO-ACTION",
    "groups/finance/actions/2-1.html": "Not published",
    "groups/finance/actions/2-2.html": "BOARD-TWO-ACTION",
    "groups/finance/actions/2-1a.html": "BOARD-TWO-ACTION",
}
LISTS = [
    "actions/index.html",
    "actions/status-open.html",
    "groups/board/actions/index.html",
    "groups/finance/actions/index.html",
    "groups/finance/index.html",
    "people/ann-owner.html",
    "people/bob-second.html",
]


def test_rows_numbered_alike_in_two_groups_each_show_their_own_action(tmp_path: Path) -> None:
    """Wherever an action is listed, its row links to its own group and shows its own task
    (a withheld one's row says it is not published), for actions numbered alike."""
    content = _tempting(tmp_path / "content")
    out = tmp_path / "out"
    assert not build(BuildOptions(content=content, out=out, jobs=1)).failed
    everything = b"".join(tree(out).values())
    assert b"WITHHELD-ACTION" not in everything and b"WITHHELD-DECISION" not in everything
    seen = set()
    for name in LISTS:
        for row in _rows((out / name).read_text(encoding="utf-8")):
            action = re.search(r'<th scope="row"><a href="([^"]+)"', row)
            if action is None:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), action[1]))
            if target not in OWN_WORDS:
                continue
            seen.add(target)
            group = target.split("/")[1]
            assert OWN_WORDS[target] in row, (name, row)
            others = re.findall(r'href="[^"]*groups/(\w+)/', row)
            assert set(others) <= {group}, (name, row)
    assert seen == OWN_WORDS.keys()
    meetings = (out / "index.html").read_text(encoding="utf-8")
    for group in ("board", "finance"):
        assert f"groups/{group}/2024-02-14.html" in meetings
