"""The build session (site_gen.incremental): pages declare what they depend on by what their
views hold, and a rebuild makes exactly the pages whose inputs changed.

The whole-build comparisons of cached and cold builds are in test_cache_adversarial.py;
here, the session's rules themselves, and a page kind it has never seen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pytest

from benchmarks import scenarios
from site_gen import pages, urls
from site_gen.incremental.keys import Outliner, page_note
from site_gen.load import SourceFile
from site_gen.model import Meeting, Minutes
from site_gen.pages.lookups import Lookups
from site_gen.parse.content import ParsedMeeting
from site_gen.parse.records import HeadingRecord
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.views.common import meeting_title
from site_gen.views.page import Page, PageSource

RENDER = b"r" * 20


@dataclass(frozen=True)
class _View:
    title: str
    minutes: Minutes


def test_a_page_note_names_the_minutes_it_shows_and_leaves_their_text_out() -> None:
    first = page_note(_View("A", Minutes("<p>one</p>", "g/2021-01-01")), RENDER)
    edited = page_note(_View("A", Minutes("<p>two</p>", "g/2021-01-01")), RENDER)
    retitled = page_note(_View("B", Minutes("<p>one</p>", "g/2021-01-01")), RENDER)
    other = page_note(_View("A", Minutes("<p>one</p>", "g/2021-02-01")), RENDER)
    assert first.minutes == ("g/2021-01-01",)
    assert first.key == edited.key  # the minutes' text is compared apart, meeting by meeting
    assert first.key != retitled.key  # everything else the view holds is in the key
    assert first.key != other.key  # which minutes it shows is in it too
    same_view = _View("A", Minutes("<p>one</p>", "g/2021-01-01"))
    assert first.key != page_note(same_view, b"s" * 20).key  # and the code, theme, settings
    plain = page_note(_View("A", "<p>one</p>"), RENDER)  # type: ignore[arg-type]
    assert plain.minutes == ()  # text copied out of the Minutes is not known as minutes


def test_minutes_are_a_string_that_knows_its_meeting() -> None:
    minutes = Minutes("<p>text</p>", "g/2021-01-01")
    assert minutes == "<p>text</p>" and len(minutes) == 11 and minutes.meeting == "g/2021-01-01"
    import pickle

    assert pickle.loads(pickle.dumps(minutes)).meeting == "g/2021-01-01"


def test_an_outline_leaves_out_source_lines_only() -> None:
    outline = Outliner().outline
    heading = HeadingRecord("item-1", "Item 1", line=7)
    assert outline(heading) == outline(replace(heading, line=9))
    assert outline(heading) != outline(replace(heading, title="Item one"))
    assert outline([heading]) != outline([heading, heading])


# A kind of page the session has never seen --------------------------------------------------


@dataclass(frozen=True)
class PrintView:
    title: str
    minutes: Minutes  # the minutes, as model.Minutes: how any view shows them


def print_path(meeting: Meeting) -> str:
    return urls.meeting_page(meeting.group, meeting.date).replace(".html", "-print.html")


def print_page(meeting: Meeting, lookups: Lookups) -> Page:
    title = meeting_title(meeting, lookups.site)
    return Page(print_path(meeting), "print.html", title, PrintView(title, meeting.body_html))


def print_pages(lookups: Lookups) -> Iterator[PageSource]:
    """A printable page of each meeting's minutes: a kind the build session knows nothing
    of, which shows minutes on a page other than their meeting's."""
    for meeting in lookups.site.meetings:
        yield PageSource(print_path(meeting), partial(print_page, meeting, lookups))


PRINT_TEMPLATE = (
    '{% extends "base.html" %}{% block content %}<h1>{{ title }}</h1>'
    "{{ minutes|safe }}{% endblock %}\n"
)


@pytest.fixture
def with_print_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The print pages registered as a kind, and a theme with their template."""
    monkeypatch.setattr(pages, "KINDS", (*pages.KINDS, print_pages))
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "print.html").write_text(PRINT_TEMPLATE, encoding="utf-8")
    return theme


def built(content: Path, out: Path, theme: Path, cache: bool = True) -> BuildResult:
    options = BuildOptions(content=content, out=out, templates=theme, jobs=1, cache=cache)
    result = build(options)
    assert not result.failed, [p.format() for p in result.problems]
    return result


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_new_page_kind_that_shows_minutes_is_remade_when_they_change(
    small_corpus_copy: Path, with_print_pages: Path, tmp_path: Path
) -> None:
    content, theme = small_corpus_copy, with_print_pages
    out = tmp_path / "site" / "out"
    built(content, out, theme)
    meeting = scenarios.edit_meeting(content, 1)  # a sentence added to the minutes alone
    result = built(content, out, theme)
    printed = f"groups/{meeting.parent.name}/{meeting.stem}-print.html"
    assert b"Correction 1:" in (out / printed).read_bytes()
    # Made by the minutes path: the meeting's page and its print page, nothing else.
    assert result.written is not None and result.written.changed == 2
    cold = tmp_path / "cold" / "out"
    built(content, cold, theme, cache=False)
    assert tree(out) == tree(cold)


def test_raw_html_allowed_between_two_builds_is_not_taken_from_the_cache(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    """A meeting parsed with raw HTML escaped is not the same parse as one that lets it
    through: the parser's configuration says which (it once did not)."""
    content = small_corpus_copy
    meeting = scenarios.edited_meeting(content)
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("## Item 2:", '<span class="x">marked</span>\n\n## Item 2:', 1))
    out, theme = tmp_path / "site" / "out", tmp_path / "theme"
    theme.mkdir()
    built(content, out, theme)
    page = out / "groups" / meeting.parent.name / f"{meeting.stem}.html"
    assert b"&lt;span" in page.read_bytes()
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write("allow_raw_html: true\n")
    built(content, out, theme)
    assert b'<span class="x">marked</span>' in page.read_bytes()
    cold = tmp_path / "cold" / "out"
    built(content, cold, theme, cache=False)
    assert tree(out) == tree(cold)


# A process that keeps its last build (site-gen serve) ----------------------------------------


def test_kept_in_memory_an_edit_to_minutes_relinks_nothing_and_builds_as_cold(
    small_corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_gen import stages
    from site_gen.incremental.session import Memory

    linked: list[int] = []
    real_link = stages.link_site

    def counted_link(*args: object, **kwargs: object) -> object:
        linked.append(1)
        return real_link(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "link_site", counted_link)
    content, memory = small_corpus_copy, Memory()
    out = tmp_path / "site" / "out"

    def rebuild() -> BuildResult:
        result = build(BuildOptions(content=content, out=out, jobs=1, drafts=True), memory)
        assert not result.failed, [p.format() for p in result.problems]
        return result

    first = rebuild()
    meeting = scenarios.edit_meeting(content, 1)  # the minutes alone
    second = rebuild()
    assert len(linked) == 1  # the model was taken from memory, the new minutes put in
    assert second.problems == first.problems  # linking's warnings, reported again
    page = out / "groups" / meeting.parent.name / f"{meeting.stem}.html"
    assert b"Correction 1:" in page.read_bytes()
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("## Item 2:", "## Item 2 (renamed):", 1), encoding="utf-8")
    rebuild()
    assert len(linked) == 2  # an agenda item renamed shows elsewhere: linked again
    cold = tmp_path / "cold" / "out"
    build(BuildOptions(content=content, out=cold, jobs=1, drafts=True, cache=False))
    assert tree(out) == tree(cold)


def test_an_output_that_declares_it_shows_minutes_is_made_again_when_they_change(
    small_corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_gen.outputs import registry
    from site_gen.outputs.common import OutputContext

    def lengths(context: OutputContext) -> Iterator[tuple[str, bytes]]:
        text = "".join(f"{m.key} {len(m.body_html)}\n" for m in context.site.meetings)
        yield "minutes-lengths.txt", text.encode()

    declared = registry.Output(lengths, minutes=True)
    monkeypatch.setattr(registry, "OUTPUTS", (*registry.OUTPUTS, declared))
    content, theme = small_corpus_copy, tmp_path / "theme"
    theme.mkdir()
    out = tmp_path / "site" / "out"
    built(content, out, theme)
    scenarios.edit_meeting(content, 1)
    built(content, out, theme)
    cold = tmp_path / "cold" / "out"
    built(content, cold, theme, cache=False)
    assert (out / "minutes-lengths.txt").read_bytes() == (cold / "minutes-lengths.txt").read_bytes()
    assert tree(out) == tree(cold)


def test_a_rebuild_parses_only_the_files_that_changed(
    small_corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every parse is kept in the cache and read back (in the form the cache writes it)."""
    from site_gen.parse.content import MeetingParser

    parsed: list[str] = []
    real_parse = MeetingParser.parse

    def counted(self: MeetingParser, sources: Sequence[SourceFile]) -> list[ParsedMeeting]:
        parsed.extend(source.relative for source in sources)
        return real_parse(self, sources)

    monkeypatch.setattr(MeetingParser, "parse", counted)
    content, theme = small_corpus_copy, tmp_path / "theme"
    theme.mkdir()
    out = tmp_path / "site" / "out"
    built(content, out, theme)
    assert len(parsed) == len(list((content / "meetings").rglob("*.md")))
    parsed.clear()
    meeting = scenarios.edit_meeting(content, 1)
    built(content, out, theme)
    assert parsed == [meeting.relative_to(content).as_posix()]
