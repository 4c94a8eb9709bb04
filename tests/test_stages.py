"""The stages one by one, in memory: content files made here (never read from disk), no
build cache, no output folder. Each stage is a function of what the one before made."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from site_gen import parallel
from site_gen.link import link_site
from site_gen.load import ContentFiles, SourceFile
from site_gen.model import Site
from site_gen.outputs.registry import OUTPUTS, output_files
from site_gen.pages import KINDS, site_pages
from site_gen.parse.content import MeetingParser, ParsedMeeting, parse_content
from site_gen.problems import Problems
from site_gen.render import RenderError, make_environment, page_renderer, render_pages
from site_gen.theme import default_theme
from site_gen.views.page import Page


def source(relative: str, text: str) -> SourceFile:
    return SourceFile(f"content/{relative}", text, relative)


def a_meeting(day: str, number: int, body: str = "") -> SourceFile:
    text = (
        f"---\ngroup: board\ndate: {day}\nnumber: {number}\nstatus: approved\n"
        "attendance:\n  - kind: present\n    people:\n      - Ada Lovelace, Chair\n"
        "      - Grace Hopper\n---\n\n## Item 1: Minutes\n\nAgreed.\n\n"
        f"## Item 2: Budget\n\n{body or 'Discussed.'}\n\n"
        f"Actions:\n\n- Grace to cost the plan ({number}.1)\n"
    )
    return source(f"meetings/board/{day}.md", text)


def content(*meetings: SourceFile) -> ContentFiles:
    group = "name: Board\nmembers:\n  - name: Ada Lovelace\n    role: Chair\n  - Grace Hopper\n"
    return ContentFiles(
        site=source("site.yaml", "title: Minutes of the Board\n"),
        people=None,
        groups=(source("groups/board.yaml", group),),
        meetings=meetings,
        group_files=frozenset({"board"}),
    )


MEETINGS = (a_meeting("2021-01-10", 1), a_meeting("2021-02-14", 2, "See action 1.1."))


def linked(*meetings: SourceFile) -> tuple[Site, Problems]:
    problems = Problems()
    parsed = parse_content(content(*meetings), problems)
    return link_site(parsed, problems), problems


# Parse ---------------------------------------------------------------------------------------


def test_parse_reads_every_file_and_reports_each_problem_where_it_is() -> None:
    broken = source("meetings/board/2021-03-01.md", "---\ngroup: board\n---\nno date\n")
    problems = Problems()
    parsed = parse_content(content(*MEETINGS, broken), problems)
    assert [m.date.isoformat() for m in parsed.meetings] == ["2021-01-10", "2021-02-14"]
    assert [(p.path, p.code) for p in problems.items] == [(broken.path, "missing-key")]
    assert parsed.config.title == "Minutes of the Board" and parsed.group_files == {"board"}


def test_parse_takes_what_reuse_gives_and_knows_nothing_of_where_it_came_from() -> None:
    asked: list[tuple[Sequence[SourceFile], MeetingParser]] = []

    def reuse(sources: Sequence[SourceFile], parser: MeetingParser) -> list[ParsedMeeting]:
        asked.append((sources, parser))
        _, *rest = parser.parse(sources)  # say the first came from elsewhere, unusable
        return [ParsedMeeting(None, ()), *rest]

    problems = Problems()
    parsed = parse_content(content(*MEETINGS), problems, reuse)
    assert [sources for sources, _ in asked] == [MEETINGS]
    assert asked[0][1] == MeetingParser(allow_html=False, jobs=1)
    assert [m.number for m in parsed.meetings] == [2]


def test_meetings_parsed_by_workers_are_those_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    many = [a_meeting(f"2021-{month:02}-01", month) for month in range(1, 13)]
    assert MeetingParser(jobs=2).parse(many) == MeetingParser(jobs=1).parse(many)


def test_the_parser_names_its_configuration() -> None:
    assert MeetingParser(allow_html=True).configuration() != MeetingParser().configuration()


# Render --------------------------------------------------------------------------------------


def test_every_kind_of_page_renders_from_its_view() -> None:
    site, problems = linked(*MEETINGS)
    assert not problems.errors
    pages = list(site_pages(site))
    render = page_renderer(site, make_environment([default_theme()]))
    made = list(render_pages(pages, render, lambda page: page.template))
    assert [path for path, _, _ in made] == [page.path for page in pages]
    templates = {template for _, _, template in made}
    assert {
        "home.html",
        "group.html",
        "meeting.html",
        "action.html",
        "404.html",
        "find_action.html",
    } <= templates
    assert len(KINDS) == 11
    meeting = dict((path, html) for path, html, _ in made)["groups/board/2021-02-14.html"]
    assert b'<a href="actions/1-1.html" class="action-ref">' in meeting  # action 1.1, linked


def test_a_page_whose_template_fails_says_where(tmp_path: Path) -> None:
    site, _ = linked(*MEETINGS)
    (tmp_path / "action.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}{{ no_such_name }}{% endblock %}\n"
    )
    render = page_renderer(site, make_environment([tmp_path, default_theme()]))
    with pytest.raises(RenderError) as failed:
        list(render_pages(list(site_pages(site)), render, lambda page: None))
    assert (Path(failed.value.path).name, failed.value.line) == ("action.html", 2)
    assert "no_such_name" in failed.value.message


def test_outputs_are_made_from_the_model_and_list_their_pages() -> None:
    site, _ = linked(*MEETINGS)
    render = page_renderer(site, make_environment([default_theme()]))
    pages = [page.path for page in site_pages(site)]
    made = dict(output_files(site, render, pages))
    assert {"feeds/minutes.atom", "data/actions.csv", "data/index.html", "search.html"} <= set(made)
    assert {path for output in OUTPUTS for path in output.pages} == {
        "data/index.html",
        "search.html",
    }


def test_a_view_names_the_template_s_names_and_nothing_more() -> None:
    site, _ = linked(*MEETINGS)
    page: Page = next(p.make() for p in site_pages(site) if p.path.endswith("2021-01-10.html"))
    names = page.names()
    assert {"meeting", "sections", "raised", "follow_ups", "papers"} <= set(names)
    assert not {"site", "page", "rel", "urls", "generator"} & set(names)  # the renderer's own
