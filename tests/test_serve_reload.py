"""A reload in site-gen serve: the watcher says which files changed, the build reads those
alone and plans from what changed, and what it writes is, file for file, what a cold
`--no-cache` build of the same content writes."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import pytest

from benchmarks import scenarios
from site_gen import pages
from site_gen.cache import BuildCache, default_cache_dir
from site_gen.incremental import session as session_module
from site_gen.incremental.keys import source_digest
from site_gen.incremental.session import CachedParse, Memory, Session
from site_gen.load import LoadMemory, SourceFile, load_content
from site_gen.parse.records import MeetingRecord
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.problems import Problems
from site_gen.theme import default_theme
from site_gen.views.page import PageSource
from tests.opened_files import opened

Edit = Callable[[str], str]


def _first_action_status(text: str) -> str:
    """An action update's status changed (or one added to a meeting that updates none)."""
    if "{status: closed" in text:
        return text.replace("{status: closed", "{status: dropped", 1)
    return text.replace("status: approved\n", "status: approved\naction_updates: {}\n", 1)


def _new_action(text: str) -> str:
    number = re.search(r"^number: (\d+)$", text, re.M)
    assert number is not None
    action = f"\n\nActions:\n\n- Sarah Martin to write to every partner ({number.group(1)}.9)\n"
    return text.replace("\n\n## Item 3:", action + "\n## Item 3:", 1)


def _attendee(text: str) -> str:
    return re.sub(r"(    people:\n)", r"\1      - Joan Newcomer\n", text, count=1)


def _private_block(text: str) -> str:
    block = "\n\n::: confidential Legal advice\nThe SECRET-SENTINEL figures were noted.\n:::\n"
    return text.replace("\n\n## Item 3:", block + "\n## Item 3:", 1)


def _date(text: str) -> str:
    return re.sub(r"^date: (\d{4})-(\d\d)-(\d\d)$", r"date: \1-\2-01", text, count=1, flags=re.M)


EDITS: dict[str, Edit] = {
    "body text": lambda text: text.replace("\n\n## Item 2:", "\n\nA sentence added.\n\n## Item 2:"),
    "an action's status": _first_action_status,
    "a new action": _new_action,
    "an attendee": _attendee,
    "a private block": _private_block,
    "the meeting's date": _date,
}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _cold(content: Path, out: Path) -> BuildResult:
    return build(BuildOptions(content=content, out=out, jobs=1, cache=False))


def _served(content: Path, out: Path, save_later: bool = False) -> tuple[Memory, BuildOptions]:
    """A Memory as serve's (told each change) after its first build of `content`."""
    memory = Memory(loads=LoadMemory(watched=True), save_later=save_later)
    options = BuildOptions(content=content, out=out, jobs=1)
    assert not build(options, memory).failed
    return memory, options


def test_each_kind_of_one_meeting_edit_reloads_as_a_cold_build_writes(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out)
    meeting = scenarios.edited_meeting(content)
    for n, (kind, edit) in enumerate(EDITS.items()):
        before = meeting.read_text(encoding="utf-8")
        after = edit(before)
        assert after != before, f"the {kind} edit changed nothing"
        meeting.write_text(after, encoding="utf-8")
        memory.loads.saw([str(meeting.resolve())])
        served = build(options, memory)
        cold = _cold(content, tmp_path / f"cold-{n}" / "out")
        assert served.problems == cold.problems, kind
        assert not cold.failed, (kind, [p.format() for p in cold.problems])
        assert _tree(out) == _tree(tmp_path / f"cold-{n}" / "out"), kind
    assert b"SECRET-SENTINEL" not in b"".join(_tree(out).values())


def test_a_reload_reads_only_the_files_the_watcher_saw_change(small_corpus_copy: Path) -> None:
    content, memory = small_corpus_copy, LoadMemory(watched=True)
    first = load_content(content, Problems(), memory)
    meeting = scenarios.edit_meeting(content, 1)
    memory.saw([str(meeting.resolve())])
    with opened() as files:
        again = load_content(content, Problems(), memory)
    assert [Path(p).name for p in files] == [meeting.name]
    assert [f.relative for f in again.meetings] == [f.relative for f in first.meetings]
    edited = next(f for f in again.meetings if f.path == str(meeting))
    assert "Correction 1:" in edited.text
    assert again == load_content(content, Problems())  # what a full read finds


@pytest.mark.parametrize(
    "change",
    [
        "a meeting added",
        "a meeting deleted",
        "a folder renamed",
        "minutes saved as .txt",
        "an editor's lock (a link to nothing)",
        "a link to a meeting outside",
        "a Mac's hidden twin of a meeting",
        "a meeting copied into a hidden folder",
    ],
)
def test_a_reload_reads_as_a_full_read_whatever_the_watcher_saw(
    small_corpus_copy: Path, change: str
) -> None:
    content, memory = small_corpus_copy, LoadMemory(watched=True)
    load_content(content, Problems(), memory)
    meeting = scenarios.edited_meeting(content)
    if change == "a meeting added":
        paths = [meeting.with_name("2030-01-01.md")]
        paths[0].write_text(meeting.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "a meeting deleted":
        meeting.unlink()
        paths = [meeting]
    elif change == "a folder renamed":  # the watcher sees the folder alone
        paths = [meeting.parent, meeting.parent.rename(meeting.parent.with_name("renamed"))]
    elif change == "minutes saved as .txt":
        paths = [meeting.with_suffix(".txt")]
        paths[0].write_text(meeting.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "an editor's lock (a link to nothing)":
        paths = [meeting.with_name(f".#{meeting.name}")]
        paths[0].symlink_to("someone@host.1234")
    elif change == "a Mac's hidden twin of a meeting":
        paths = [meeting.with_name(f"._{meeting.name}")]
        paths[0].write_bytes(b"\x00\x05\x16\x07 resource fork")
    elif change == "a meeting copied into a hidden folder":
        paths = [meeting.parent / ".trash" / meeting.name]
        paths[0].parent.mkdir()
        paths[0].write_text(meeting.read_text(encoding="utf-8"), encoding="utf-8")
        paths.insert(0, paths[0].parent)
    else:
        outside = content.parent / "outside.md"
        outside.write_text(meeting.read_text(encoding="utf-8"), encoding="utf-8")
        paths = [meeting.with_name("2030-01-01.md")]
        paths[0].symlink_to(outside)
    memory.saw(str(path.parent.resolve() / path.name) for path in paths)  # links as named
    found, full = Problems(), Problems()
    assert load_content(content, found, memory) == load_content(content, full)
    assert found.items == full.items


def test_without_a_watcher_every_load_reads_everything(small_corpus_copy: Path) -> None:
    content, memory = small_corpus_copy, LoadMemory()  # nobody tells it what changed
    load_content(content, Problems(), memory)
    meeting = scenarios.edit_meeting(content, 1)
    again = load_content(content, Problems(), memory)
    assert "Correction 1:" in next(f for f in again.meetings if f.path == str(meeting)).text


def test_records_saved_after_the_reload_let_the_next_plain_build_find_nothing_to_do(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out, save_later=True)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    unsaved = build(options)  # no record of serve's builds in the cache: all is made again
    assert unsaved.written is not None and unsaved.site is not None
    assert _tree(out) == _tree(_cold_out(content, tmp_path))
    memory.loads.saw([str(scenarios.edit_meeting(content, 2).resolve())])
    assert not build(options, memory).failed  # its record of the output is older now
    memory.save()
    replayed = build(options)
    assert replayed.site is None and replayed.written is not None  # nothing left to do
    assert _tree(out) == _tree(_cold_out(content, tmp_path / "again"))


def _cold_out(content: Path, where: Path) -> Path:
    out = where / "cold" / "out"
    assert not _cold(content, out).failed
    return out


def test_the_theme_kept_between_reloads_is_made_again_when_a_template_is_edited(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out, theme = small_corpus_copy, tmp_path / "served" / "out", tmp_path / "theme"
    theme.mkdir()
    template = theme / "meeting.html"
    template.write_bytes((default_theme() / "meeting.html").read_bytes())
    memory = Memory(loads=LoadMemory(watched=True))
    options = BuildOptions(content=content, out=out, templates=theme, jobs=1)
    assert not build(options, memory).failed
    kept = memory.environment
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    assert memory.environment is not None and kept is not None
    assert memory.environment[1] is kept[1]  # the theme unchanged: its templates as compiled
    # An edit that leaves the file's time as it was: the theme's digest alone can tell.
    stat = template.stat()
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{% block content %}", "{% block content %}THEME-EDITED", 1), encoding="utf-8"
    )
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not build(options, memory).failed
    assert memory.environment[1] is not kept[1]
    cold = tmp_path / "cold" / "out"
    assert not build(BuildOptions(content=content, out=cold, templates=theme, cache=False)).failed
    assert _tree(out) == _tree(cold)
    assert any(b"THEME-EDITED" in data for data in _tree(out).values())


@pytest.mark.parametrize("edited", ["people.yaml", "a group file"])
def test_people_and_groups_kept_between_reloads_are_parsed_again_when_edited(
    small_corpus_copy: Path, tmp_path: Path, edited: str
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out)
    kept = dict(memory.files)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    assert len(kept) > 2 and memory.files.keys() == kept.keys()  # parsed once
    assert all(memory.files[key][0] is parse[0] for key, parse in kept.items())
    path = content / "people.yaml" if edited == "people.yaml" else min(content.glob("groups/*"))
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(\n *(affiliation|description): )", r"\1FILE-EDITED ", text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    memory.loads.saw([str(path.resolve())])
    served = build(options, memory)
    cold = tmp_path / "cold" / "out"
    assert served.problems == _cold(content, cold).problems
    assert _tree(out) == _tree(cold)
    assert any(b"FILE-EDITED" in data for data in _tree(out).values())


def test_the_action_lookups_are_worked_out_once_per_linked_model(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out)
    meeting = scenarios.edited_meeting(content)
    lookups_before = None
    for kind in ("body text", "body text", "an action's status"):
        meeting.write_text(EDITS[kind](meeting.read_text(encoding="utf-8")), encoding="utf-8")
        memory.loads.saw([str(meeting.resolve())])
        assert not build(options, memory).failed
        assert memory.lookups is not None and memory.site is not None
        kept, overdue = memory.lookups.actions, memory.lookups.overdue
        assert kept is not None and kept[0] is memory.site.actions
        assert overdue is not None and overdue[0] is memory.site.actions
        lookups = (kept, overdue)  # each worked out with the actions it is of
        before = lookups_before or (None, None)
        same = [now is then for now, then in zip(lookups, before, strict=True)]
        assert same == [kind == "body text" and lookups_before is not None] * 2
        lookups_before = lookups
    cold = tmp_path / "cold" / "out"
    assert not _cold(content, cold).failed
    assert _tree(out) == _tree(cold)


RECORD_SITE = Path(__file__).parent / "fixtures" / "record-site" / "content"


def test_the_decision_index_is_kept_per_linked_model_and_a_decision_change_is_seen(
    tmp_path: Path,
) -> None:
    content = Path(shutil.copytree(RECORD_SITE, tmp_path / "content"))
    out, memory = tmp_path / "served" / "out", Memory(loads=LoadMemory(watched=True))
    options = BuildOptions(content=content, out=out, jobs=1)
    assert not build(options, memory).failed
    meeting = content / "meetings" / "board" / "2022-06-15.md"
    edits = [
        ("## Item 2: Budget\n", "## Item 2: Budget\n\nA sentence added.\n"),  # minutes only
        ("adopt the terms of reference", "adopt the REVISED-TERMS of reference"),  # a decision
    ]
    assert memory.lookups is not None and memory.lookups.decisions is not None
    indexes = [memory.lookups.decisions[2]]
    for old, new in edits:
        text = meeting.read_text(encoding="utf-8")
        assert old in text
        meeting.write_text(text.replace(old, new, 1), encoding="utf-8")
        memory.loads.saw([str(meeting.resolve())])
        assert not build(options, memory).failed
        assert memory.lookups is not None and memory.lookups.decisions is not None
        assert memory.site is not None and memory.lookups.decisions[0] is memory.site.decisions
        indexes.append(memory.lookups.decisions[2])
        cold = tmp_path / f"cold-{len(indexes)}" / "out"
        assert not _cold(content, cold).failed
        assert _tree(out) == _tree(cold)
    assert b"REVISED-TERMS" in b"".join(_tree(out).values())
    assert indexes[1] is indexes[0]  # kept while only minutes changed
    assert indexes[2] is not indexes[1]  # made again for the model with the new decision


def _by_hand(out: Path) -> tuple[Path, Path]:
    """A page of the output edited by hand, and another deleted (keeping the folder's own
    time as it was, as an edit in place does)."""
    pages = sorted(out.glob("groups/*/*.html"))
    edited, deleted = pages[0], pages[-1]
    folder = out.stat()
    edited.write_text("EDITED-BY-HAND", encoding="utf-8")
    deleted.unlink()
    os.utime(out, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    return edited, deleted


def test_output_changed_by_hand_during_serve_is_made_again_by_the_pause_at_latest(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out, save_later=True)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    assert memory.output_as_written()  # what a reload writes is what it keeps
    assert memory.output is not None
    _by_hand(out)
    memory.loads.saw([str(scenarios.edit_meeting(content, 2).resolve())])
    assert not build(options, memory).failed  # trusts the output as it wrote it
    assert not memory.output_as_written()  # the pause's survey sees the hand's work
    assert memory.output is None
    assert not build(options, memory).failed  # serve's build at the pause
    assert memory.output_as_written()
    assert _tree(out) == _tree(_cold_out(content, tmp_path))


def test_a_reload_after_another_build_swapped_the_output_surveys_it(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out, save_later=True)
    assert not build(BuildOptions(content=content, out=out, jobs=1, cache=False)).failed
    _by_hand(out)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed  # the folder is not the one it wrote
    assert _tree(out) == _tree(_cold_out(content, tmp_path))


def test_new_minutes_replace_only_their_meeting_in_the_kept_model(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out)
    assert memory.site is not None
    before, digests = {m.key: m for m in memory.site.meetings}, dict(memory.minutes)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    after = {m.key: m for m in memory.site.meetings}
    changed = [key for key, meeting in after.items() if meeting is not before[key]]
    assert len(changed) == 1 and "Correction 1:" in after[changed[0]].body_html
    assert [k for k, kept in memory.minutes.items() if kept != digests[k]] == changed
    assert _tree(out) == _tree(_cold_out(content, tmp_path))


def test_parses_a_reload_made_reach_the_cache_when_the_clerk_pauses(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out, save_later=True)
    memory.save()
    before = set(memory.parses)
    memory.loads.saw([str(scenarios.edit_meeting(content, 1).resolve())])
    assert not build(options, memory).failed
    (new,), (old,) = set(memory.parses) - before, before - set(memory.parses)

    def cached() -> set[str]:
        cache = BuildCache(default_cache_dir(out))
        names: dict[str, object] = {"MeetingRecord": MeetingRecord}
        found = set(cache.get_many("meeting", [new, old], CachedParse, names))
        cache.close()
        return found

    assert cached() == {old}  # the reload wrote nothing to the cache
    memory.save()
    assert cached() == {new}  # the new parse kept, the one no build uses forgotten


def test_a_minutes_only_reload_lists_only_the_pages_that_show_those_minutes(
    small_corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = small_corpus_copy, tmp_path / "served" / "out"
    memory, options = _served(content, out)
    listed_in_full: list[object] = []
    asked: list[set[str]] = []
    every, only = pages.KindPages.__iter__, pages.KindPages.at

    def spy_every(kind: pages.KindPages) -> Iterator[PageSource]:
        listed_in_full.append(kind)
        return every(kind)

    def spy_only(kind: pages.KindPages, paths: Collection[str]) -> list[PageSource]:
        asked.append(set(paths))
        return only(kind, paths)

    monkeypatch.setattr(pages.KindPages, "__iter__", spy_every)
    monkeypatch.setattr(pages.KindPages, "at", spy_only)
    shown = None
    for revision in (1, 2):
        edited = scenarios.edit_meeting(content, revision)
        memory.loads.saw([str(edited.resolve())])
        assert not build(options, memory).failed
        assert listed_in_full == []  # no kind listed in full
        assert len(asked) == 1 and any(edited.stem in path for path in asked[0]), asked
        assert all(path.startswith("groups/") for path in asked[0]), asked
        assert shown is None or memory.shown is shown  # worked out once per linked model
        assert _tree(out) == _tree(_cold_out(content, tmp_path / str(revision)))
        shown, asked, listed_in_full = memory.shown, [], []  # the cold build lists all
    meeting = scenarios.edited_meeting(content)
    meeting.write_text(EDITS["an action's status"](meeting.read_text(encoding="utf-8")))
    memory.loads.saw([str(meeting.resolve())])
    assert not build(options, memory).failed
    assert listed_in_full  # the model changed: every kind listed, its views keyed
    assert _tree(out) == _tree(_cold_out(content, tmp_path / "model"))


def test_the_inputs_key_kept_between_reloads_is_a_fresh_sessions_after_each_change(
    small_corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, memory = small_corpus_copy, Memory(loads=LoadMemory(watched=True))
    out, dirs, settings = tmp_path / "out", [default_theme()], ("options",)
    digested: list[str] = []

    def counted(source: SourceFile) -> bytes:
        digested.append(source.relative)
        return source_digest(source)

    def key(kept: Memory | None) -> str:
        problems = Problems()
        files = load_content(content, problems, kept.loads if kept else None)
        with Session(out, content, dirs, settings, memory=kept) as session:
            session.replay(files, problems)
            return session.inputs

    keys = [key(memory)]
    meeting = scenarios.edited_meeting(content)
    added = meeting.with_name("zz-added.md")
    relative = meeting.relative_to(content).as_posix()
    changes: dict[str, tuple[Callable[[], object], list[str]]] = {
        "an edit": (lambda: scenarios.edit_meeting(content, 1), [relative]),
        "an addition": (
            lambda: shutil.copyfile(meeting, added),
            [added.relative_to(content).as_posix()],
        ),
        "a deletion": (meeting.unlink, []),
    }
    for what, (change, read_again) in changes.items():
        change()
        memory.loads.saw([str(meeting.resolve()), str(added.resolve())])
        monkeypatch.setattr(session_module, "source_digest", counted)
        kept = key(memory)
        monkeypatch.undo()
        assert digested == read_again, what  # only the files read again are digested
        assert kept == key(None), what  # as a fresh session, digesting every file, finds
        assert kept not in keys, what
        keys.append(kept)
        digested.clear()
