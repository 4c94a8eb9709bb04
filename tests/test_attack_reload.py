"""Attacks on site-gen serve's reloads: a clerk's edits that change other pages than the one
saved, made on a small archive of our own, each followed by a reload (the build with serve's
Memory, told what the watcher would see) whose every output file must equal, byte for byte,
what a cold `--no-cache` build of the same content writes. And a leaker's: text withheld or
a meeting made a draft after it was published must vanish from every file at once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen.incremental.session import Memory
from site_gen.load import LoadMemory
from site_gen.pipeline import BuildOptions, BuildResult, build
from tests.attack_archive import PEOPLE, tree, write_archive

REPO = Path(__file__).resolve().parent.parent
Edit = Callable[[Path], list[Path]]  # edits the content, and says what the watcher saw


def _edit(content: Path, name: str, old: str, new: str) -> list[Path]:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [path]


def _rename_person(content: Path) -> list[Path]:
    # Known by a new name; the minutes still write the old one, now an alias.
    return _edit(
        content,
        "people.yaml",
        "  - name: Ann Owner\n",
        "  - name: Ann Renamed\n    aliases: [Ann Owner]\n",
    )


def _close_in_later_meeting(content: Path) -> list[Path]:
    return _edit(
        content,
        "meetings/board/2024-03-20.md",
        "status: approved\n",
        'status: approved\naction_updates:\n  "1.1": {status: closed, note: CLOSED-LATER}\n',
    )


def _new_date(content: Path) -> list[Path]:
    return _edit(content, "meetings/finance/2024-02-21.md", "date: 2024-02-21", "date: 2024-02-28")


def _new_number(content: Path) -> list[Path]:
    return _edit(content, "meetings/board/2024-03-20.md", "number: 3", "number: 4")


def _move_to_other_group(content: Path) -> list[Path]:
    old = content / "meetings/board/2024-03-20.md"
    new = content / "meetings/finance/2024-03-20.md"
    old.rename(new)
    return [old, new]


def _delete(content: Path) -> list[Path]:
    gone = content / "meetings/finance/2024-01-17.md"
    gone.unlink()
    return [gone]


def _new_group(content: Path) -> list[Path]:
    group = content / "groups/planning.yaml"
    group.write_text("name: Planning\nmembers:\n  - Bob Second\n", encoding="utf-8")
    folder = content / "meetings/planning"
    folder.mkdir()
    minutes = folder / "2024-04-03.md"
    minutes.write_text(
        "---\ndate: 2024-04-03\nnumber: 1\nstatus: approved\nattendance:\n  - label: Present\n"
        "    kind: present\n    people: [Bob Second]\n---\n\n## Item 1: Plans\n\nPLANNING-BODY\n"
        "\nActions:\n\n- Bob Second to PLANNING-ACTION survey (1.1)\n",
        encoding="utf-8",
    )
    return [group, folder, minutes]


def _atomic_save(content: Path) -> list[Path]:
    # As vim, VS Code or gedit save: a temporary file beside it, renamed over the meeting.
    path = content / "meetings/board/2024-02-14.md"
    temporary = path.with_name(".2024-02-14.md.tmp-save")
    text = path.read_text(encoding="utf-8").replace("BOARD-TWO-BODY", "BOARD-TWO-ATOMIC")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return [temporary, path]


def _swap_files(content: Path) -> list[Path]:
    # An editor's swap and test files beside the meeting, then a save: none is minutes.
    folder = content / "meetings/board"
    swaps = [folder / ".2024-02-14.md.swp", folder / "4913", folder / "2024-02-14.md~"]
    for swap in swaps:
        swap.write_bytes(b"\x00binary swap BOARD-SWAP-LEAK\xff")
    return [*swaps, *_edit(content, "meetings/board/2024-02-14.md", "on lamps", "on all lamps")]


def _two_quick_saves(content: Path) -> list[Path]:
    first = _edit(content, "meetings/finance/2024-02-21.md", "on accounts", "FIRST-SAVE")
    return first + _edit(content, "meetings/finance/2024-02-21.md", "FIRST-SAVE", "SECOND-SAVE")


def _site_yaml(content: Path) -> list[Path]:
    return _edit(content, "site.yaml", "Attack parish", "Attack town council")


def _paper_added(content: Path) -> list[Path]:
    paper = content / "papers/lamps.pdf"
    paper.write_bytes(b"%PDF-1.4\n% lamps\n%%EOF\n")
    return [
        paper,
        *_edit(
            content,
            "meetings/board/2024-02-14.md",
            "status: approved\n",
            "status: approved\npapers:\n  - {title: Lamp plan, file: papers/lamps.pdf}\n",
        ),
    ]


def _paper_replaced(content: Path) -> list[Path]:
    # The paper's bytes alone change: no content file does.
    paper = content / "papers/survey.pdf"
    paper.write_bytes(b"%PDF-1.4\n% survey, second edition, longer\n%%EOF\n")
    return [paper]


def _template_edit(content: Path) -> list[Path]:
    # An override of the row that the fragments render once (templates/_macros.html).
    macros = content.parent / "theme" / "_macros.html"
    text = macros.read_text(encoding="utf-8")
    macros.write_text(text.replace('class="cell-status"', 'class="cell-status edited"'), "utf-8")
    return [macros]


def _prose_references(content: Path) -> list[Path]:
    # Prose that names actions, one known in the other group and one known nowhere.
    return _edit(
        content,
        "meetings/board/2024-03-20.md",
        "nothing else.",
        "nothing else; see action 2.1 and action 7.7.",
    )


def _both(*edits: Edit) -> Edit:
    """Edits saved together, before one reload (each kind of edit still has a step)."""
    return lambda content: [path for edit in edits for path in edit(content)]


# Edits that change pages other than the one saved, grouped into steps to keep the test short.
EDITS: dict[str, Edit] = {
    "a person renamed in people.yaml, actions named in prose": _both(
        _rename_person, _prose_references
    ),
    "an action closed in a later meeting": _close_in_later_meeting,
    "a meeting's date, another's number": _both(_new_date, _new_number),
    "a meeting moved to another group's folder, another deleted": _both(
        _move_to_other_group, _delete
    ),
    "a new group and its folder": _new_group,
    "an atomic rename, swap files, two quick saves": _both(
        _atomic_save, _swap_files, _two_quick_saves
    ),
    "site.yaml, a template": _both(_site_yaml, _template_edit),
    "a paper added, another's bytes replaced": _both(_paper_added, _paper_replaced),
}


def _served(content: Path, out: Path) -> tuple[BuildOptions, Memory]:
    """Options and memory as site-gen serve's (told every change), after a first build."""
    theme = content.parent / "theme"
    if not theme.exists():
        theme.mkdir()
        shutil.copy(REPO / "templates" / "_macros.html", theme / "_macros.html")
    options = BuildOptions(content=content, out=out, templates=theme, drafts=False, jobs=1)
    memory = Memory(loads=LoadMemory(watched=True), save_later=True)
    first = build(options, memory)
    assert not first.failed, [p.format() for p in first.problems]
    memory.save()
    return options, memory


def _cold(options: BuildOptions, out: Path) -> BuildResult:
    return build(
        BuildOptions(
            content=options.content, out=out, templates=options.templates, jobs=1, cache=False
        )
    )


def _reload(options: BuildOptions, memory: Memory, saw: list[Path]) -> BuildResult:
    memory.loads.saw(str(path.resolve()) for path in saw)
    result = build(options, memory)
    memory.save()
    return result


def _differences(served: Path, cold: Path) -> list[str]:
    a, b = tree(served), tree(cold)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.mark.parametrize("way", ["serve", "cached build"])
def test_a_clerks_session_of_edits_reloads_as_cold_builds_write(tmp_path: Path, way: str) -> None:
    """One serve session (or one cached build after each save), one edit after another:
    after each, the site is the site a cold build of the same content makes, and the build
    reports the same problems."""
    content = write_archive(tmp_path / "content")
    options, memory = _served(content, tmp_path / "served")
    if way == "cached build":
        options = replace(options, out=tmp_path / "built")
        assert not build(options).failed
    wrong = {}
    for n, (kind, edit) in enumerate(EDITS.items()):
        before = tree(options.out)
        saw = edit(content)
        result = _reload(options, memory, saw) if way == "serve" else build(options)
        cold = _cold(options, tmp_path / f"cold-{n}")
        assert not cold.failed, (kind, [p.format() for p in cold.problems])
        differences = _differences(options.out, tmp_path / f"cold-{n}")
        if result.problems != cold.problems or differences or tree(options.out) == before:
            wrong[kind] = differences[:5]
        shutil.rmtree(tmp_path / f"cold-{n}")
    assert not wrong


# --- the leaker ---------------------------------------------------------------------------------

PUBLISHED = "meetings/board/2024-01-10.md"


def _private_block(text: str) -> str:
    # A published paragraph taken into a private block.
    said = "BOARD-ONE-BODY about potholes.\n"
    return text.replace(said, f"::: private\n{said}:::\n", 1)


def _confidential_item(text: str) -> str:
    # The published action 1.1 and decision D1.1 are taken into a confidential item.
    start = text.index("Agreed:")
    return text[:start] + "::: confidential Legal advice\n" + text[start:] + ":::\n"


def _draft(text: str) -> str:
    return text.replace("status: approved", "status: draft", 1)


LEAKS: dict[str, tuple[str, Callable[[str], str], tuple[str, ...]]] = {
    "a private block": (PUBLISHED, _private_block, ("BOARD-ONE-BODY",)),
    "a confidential item with an action and a decision": (
        PUBLISHED,
        _confidential_item,
        ("BOARD-ONE-DECISION", "BOARD-ONE-ACTION", "BOARD-ONE-SECOND"),
    ),
    "status: draft": (
        "meetings/board/2024-02-14.md",
        _draft,
        ("BOARD-TWO-BODY", "BOARD-TWO-ACTION", "BOARD-TWO-NOTE"),
    ),
}


def _holding(root: Path, words: tuple[str, ...]) -> dict[str, list[str]]:
    """Which of `words` each file under `root` holds (as bytes, JSON-escaped or not)."""
    found: dict[str, list[str]] = {}
    for name, data in tree(root).items():
        held = [w for w in words if w.encode() in data]
        if held:
            found[name] = held
    return found


@pytest.mark.parametrize("way", ["serve", "cached build"])
@pytest.mark.parametrize("leak", list(LEAKS))
def test_text_withheld_after_publication_vanishes_everywhere_and_returns(
    tmp_path: Path, leak: str, way: str
) -> None:
    """Withheld, published again, withheld again: each time every file is as a cold build
    makes it, and while withheld no file holds a word of it."""
    name, withhold, words = LEAKS[leak]
    content = write_archive(tmp_path / "content")
    if way == "serve":
        options, memory = _served(content, tmp_path / "out")
    else:
        options = BuildOptions(content=content, out=tmp_path / "out", jobs=1)
        memory = None
        assert not build(options).failed
    path = content / name
    published = path.read_text(encoding="utf-8")
    assert _holding(options.out, words), "the words to withhold were never published"
    for step, text in enumerate([withhold(published), published, withhold(published)]):
        path.write_text(text, encoding="utf-8")
        result = _reload(options, memory, [path]) if memory else build(options)
        assert not result.failed, [p.format() for p in result.problems]
        if step != 1:
            assert _holding(options.out, words) == {}, step
        cold = _cold(options, tmp_path / f"cold-{step}")
        assert result.problems == cold.problems
        assert _differences(options.out, tmp_path / f"cold-{step}") == [], step


MESSY = (
    "\nSee action 9.9 in passing.\n\nActions:\n\n- Zed Unknown to mend the gate (3.1)\n"
    "- Geraldine to sweep (3.2)\n- to nobody at all (3.3)\n"
)


def test_problems_after_a_paragraph_is_added_above_them_cite_their_new_lines(
    tmp_path: Path,
) -> None:
    """Linking's warnings (an unknown owner, an action named nowhere) in a meeting whose
    minutes alone change: a paragraph added above them moves them down, and serve must say
    so, as a cold build does (the model reused as it was kept its old lines)."""
    content = write_archive(tmp_path / "content")
    messy = content / "meetings/board/2024-03-20.md"
    messy.write_text(messy.read_text(encoding="utf-8") + MESSY, encoding="utf-8")
    options, memory = _served(content, tmp_path / "out")
    edits = [
        (messy, "BOARD-THREE-BODY", "A paragraph.\n\nAnother.\n\nBOARD-THREE-BODY"),
        (content / "meetings/board/2024-02-14.md", "on lamps", "on lamps.\n\nAnd gates"),
        (messy, "A paragraph.\n\n", ""),
    ]
    for step, (path, old, new) in enumerate(edits):
        result = _reload(
            options, memory, _edit(content, path.relative_to(content).as_posix(), old, new)
        )
        cold = _cold(options, tmp_path / f"cold-{step}")
        assert [p.format() for p in result.problems] == [p.format() for p in cold.problems]
        assert any(p.path == str(messy) for p in cold.problems)
        assert _differences(options.out, tmp_path / f"cold-{step}") == [], step


@pytest.mark.parametrize("leak", ["a private block", "status: draft"])
def test_a_build_after_serve_was_killed_before_saving_its_record_is_a_cold_build(
    tmp_path: Path, leak: str
) -> None:
    """serve writes the cache's record after the reload: killed in between, it leaves files
    the record does not know. The next plain build must neither trust them nor the record,
    whichever way the edit went (withheld, then published again)."""
    name, withhold, words = LEAKS[leak]
    content = write_archive(tmp_path / "content")
    options, _ = _served(content, tmp_path / "out")
    path = content / name
    published = path.read_text(encoding="utf-8")
    for step, text in enumerate([withhold(published), published]):
        memory = Memory(loads=LoadMemory(watched=True), save_later=True)  # a new serve
        assert not build(options, memory).failed
        path.write_text(text, encoding="utf-8")
        assert not _reload_unsaved(options, memory, [path]).failed  # then killed: never saved
        built = build(options)  # a plain cached build, in a process of its own
        cold = _cold(options, tmp_path / f"cold-{step}")
        assert built.problems == cold.problems
        assert _differences(options.out, tmp_path / f"cold-{step}") == [], step
        assert bool(_holding(options.out, words)) == (step == 1)


def _reload_unsaved(options: BuildOptions, memory: Memory, saw: list[Path]) -> BuildResult:
    memory.loads.saw(str(path.resolve()) for path in saw)
    return build(options, memory)


def _link_meeting(content: Path) -> tuple[Path, str, str]:
    real = content / "archive/2024-02-14.md"
    real.parent.mkdir()
    meeting = content / "meetings/board/2024-02-14.md"
    os.replace(meeting, real)
    meeting.symlink_to(Path("../../archive/2024-02-14.md"))
    return real, "BOARD-TWO-BODY", "LINKED-EDIT"


def _link_meetings_folder(content: Path) -> tuple[Path, str, str]:
    os.replace(content / "meetings", content / "minutes")
    (content / "meetings").symlink_to(Path("minutes"), target_is_directory=True)
    return content / "minutes/board/2024-02-14.md", "BOARD-TWO-BODY", "LINKED-EDIT"


def _link_people(content: Path) -> tuple[Path, str, str]:
    (content / "shared").mkdir()
    os.replace(content / "people.yaml", content / "shared/people.yaml")
    (content / "people.yaml").symlink_to(Path("shared/people.yaml"))
    return content / "shared/people.yaml", "- name: Bob Second", "- name: Bob Linked"


LINKS = {
    "a meeting file": _link_meeting,
    "the meetings folder": _link_meetings_folder,
    "people.yaml": _link_people,
}


@pytest.mark.parametrize("linked", list(LINKS))
def test_a_file_read_through_a_link_in_the_content_is_read_again_when_it_changes(
    tmp_path: Path, linked: str
) -> None:
    """A content file that is a link to another file of the content folder (or lies in a
    linked folder): the watcher sees the file linked to change, under its own name."""
    content = write_archive(tmp_path / "content")
    real, old, new = LINKS[linked](content)
    options, memory = _served(content, tmp_path / "out")
    result = _reload(
        options, memory, _edit(content, real.relative_to(content).as_posix(), old, new)
    )
    cold = _cold(options, tmp_path / "cold")
    assert result.problems == cold.problems
    assert _differences(options.out, tmp_path / "cold") == []
    assert new.removeprefix("- name: ").encode() in b"".join(tree(options.out).values())


@pytest.mark.parametrize("ending", [".MD", ".Md"])
def test_minutes_saved_with_a_capital_ending_are_warned_of_not_ignored(
    tmp_path: Path, ending: str
) -> None:
    """A Windows editor's "2024-04-17.MD" is not read (only .md is): said at once, in serve
    as in a cold build, with the name to give it."""
    content = write_archive(tmp_path / "content")
    options, memory = _served(content, tmp_path / "out")
    saved = content / f"meetings/board/2024-04-17{ending}"
    saved.write_text(MEETINGS_TEXT, encoding="utf-8")
    result = _reload(options, memory, [saved])
    cold = _cold(options, tmp_path / "cold")
    assert result.problems == cold.problems
    found = [p for p in cold.problems if p.code == "not-markdown"]
    assert [(Path(p.path).name, p.hint) for p in found] == [
        (saved.name, "rename it to 2024-04-17.md")
    ]


MEETINGS_TEXT = "---\ndate: 2024-04-17\nnumber: 4\nstatus: approved\n---\n\nAPRIL-BODY\n"


def test_a_problem_in_people_yaml_cites_its_new_line_after_lines_are_added_above_it(
    tmp_path: Path,
) -> None:
    """The same for the files beside the meetings: comments added at the top of people.yaml
    move its duplicate id down, and serve's error must cite the line a cold build cites."""
    content = write_archive(tmp_path / "content")
    options, memory = _served(content, tmp_path / "out")
    people = content / "people.yaml"
    twice = "  - name: Bob Second\n    id: bob\n  - name: Bobby Other\n    id: bob\n"
    for step, text in enumerate([PEOPLE.replace("  - name: Bob Second\n", twice)] * 2):
        people.write_text("# a comment\n" * step + text, encoding="utf-8")
        result = _reload(options, memory, [people])
        cold = _cold(options, tmp_path / f"cold-{step}")
        assert [p.format() for p in result.problems] == [p.format() for p in cold.problems]
        assert [p.code for p in cold.problems] == ["duplicate-id"]
