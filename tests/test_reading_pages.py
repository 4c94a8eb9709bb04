"""Pages that orient a reader (issue 14, items 3 to 6), read from a real build of the record
fixture (two groups over two years, members who join, leave and change role) and of the
sample: which group and day a meeting is, where a page sits in the site, what a person is
and was, and as at which day the record stands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_sample_site import Element, parse_html

from site_gen.pipeline import BuildOptions, build

RECORD = Path(__file__).resolve().parent / "fixtures" / "record-site" / "content"
LATEST = "10 September 2023"  # the record's latest meeting with minutes


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reading") / "out"
    result = build(BuildOptions(content=RECORD, out=folder, search=False))
    assert not result.failed, [p.format() for p in result.problems]
    return folder


def page(out: Path, path: str) -> Element:
    return parse_html((out / path).read_text(encoding="utf-8"))


def nav(html: Element, label: str) -> Element:
    found = [n for n in html.find_all("nav") if n.attrs.get("aria-label") == label]
    assert len(found) == 1, label
    return found[0]


def order(html: Element, *ids: str) -> list[int]:
    """Where each id comes in the page, in document order."""
    everything = [e.attrs.get("id") for e in html.iter()]
    return [everything.index(i) for i in ids]


def test_a_meeting_says_which_group_and_day_and_where_it_sits(out: Path) -> None:
    html = page(out, "groups/board/2023-03-20.html")
    assert html.find("h1").text == "Board meeting 2, 20 March 2023"
    assert html.find("title").text.startswith("Board meeting 2, 20 March 2023 · ")
    crumbs = nav(html, "Breadcrumb").find_all("li")
    assert [c.text for c in crumbs] == ["Home", "Board", "20 March 2023"]
    assert crumbs[-1].attrs.get("aria-current") == "page" and not crumbs[-1].find_all("a")
    # Previous and next before the heading as well as after the minutes.
    pagers = [n for n in html.find_all("nav") if "pager" in n.classes]
    assert len(pagers) == 2
    everything = list(html.iter())
    assert everything.index(pagers[0]) < everything.index(html.find("h1"))
    for pager in pagers:
        links = {a.attrs.get("rel"): a.text for a in pager.find_all("a") if "rel" in a.attrs}
        assert links == {
            "prev": "Previous meeting 15 June 2022",
            "next": "Next meeting 10 September 2023",
        }
    labels = {p.attrs["aria-label"] for p in pagers}
    assert len(labels) == 2, "two navigation landmarks of one kind need different names"


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("index.html", "Groups and meetings"),
        ("groups/board/index.html", "Groups and meetings"),
        ("groups/board/2023-03-20.html", "Groups and meetings"),
        ("people/index.html", "People"),
        ("people/ann-lee.html", "People"),
        ("actions/index.html", "Actions"),
        ("groups/board/actions/2-1.html", "Actions"),
        ("groups/board/decisions/d1-1.html", "Decisions"),
        ("decisions/index.html", "Decisions"),
    ],
)
def test_the_navigation_marks_the_section_of_every_page(out: Path, path: str, section: str) -> None:
    marked = [a for a in nav(page(out, path), "Site").find_all("a") if "aria-current" in a.attrs]
    assert [a.text for a in marked] == [section]
    first_of_section = path in (
        "index.html",
        "people/index.html",
        "actions/index.html",
        "decisions/index.html",
    )
    assert marked[0].attrs["aria-current"] == ("page" if first_of_section else "true")


def test_every_page_has_a_search_box_and_says_as_at_which_day(out: Path) -> None:
    for path in ("index.html", "groups/board/index.html", "people/ann-lee.html"):
        html = page(out, path)
        form = html.find("form", cls="header-search")
        assert form.attrs["action"].endswith("search.html") and form.attrs["role"] == "search"
        assert form.find("input").attrs["name"] == "q"
        dated = html.find("p", cls="record-date")
        assert dated.text.startswith(f"Record as at {LATEST}")
        assert dated.find("time").attrs["datetime"] == "2023-09-10"
        assert html.find("p", cls="print-address").text == path
        assert "today" not in html.text.lower()


def test_earlier_actions_say_what_they_were(out: Path) -> None:
    html = page(out, "groups/board/2023-03-20.html")
    table = html.find("table", cls="followups-table")
    headings = [th.text for th in table.find("thead").find_all("th")]
    assert headings == ["Action", "What", "At this meeting", f"Status as at {LATEST}"]
    row = table.find("tbody").find("tr")
    assert row.find("th").text == "1.1"
    assert row.find_all("td")[0].text.startswith("draft the budget")


def test_a_person_page_opens_with_a_summary_then_actions_then_meetings(out: Path) -> None:
    html = page(out, "people/ann-lee.html")
    summary, actions, meetings = order(
        html, "summary-heading", "actions-heading", "attendance-heading"
    )
    assert summary < actions < meetings
    facts = html.find("section", cls="summary").find("dl")
    terms = {
        dt.text: dd.text for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)
    }
    assert "Chair, Board (from 1 January 2023)" in terms["Roles"]
    assert terms["Former role"] == "Member, Board (1 January 2022 to 31 December 2022)"
    assert "Member, Board" not in terms["Roles"]
    assert re.search(r"\d+% at the Board \(\d+ of \d+ meetings\)", terms["Attendance"])
    assert re.fullmatch(r"\d+ open(, \d+ overdue)?, \d+ in all|None", terms["Actions"])
    # The meeting log, year by year, newest first.
    years = [c.text for c in html.find_all("caption") if c.text.startswith("Meetings in ")]
    assert years == sorted(years, reverse=True) and len(years) >= 2


def test_the_people_index_shows_former_roles_as_former_with_dates(out: Path) -> None:
    html = page(out, "people/index.html")
    entries = {
        li.find("a").text: li
        for people in html.find_all("ul", cls="people")
        for li in people.elements()
        if li.find_all("ul")
    }
    bob = [li.text for li in entries["Bob Ray"].find("ul", cls="roles").find_all("li")]
    assert bob == [
        "Former Member, Board (1 January 2023 to 30 June 2023)",
        "Former Chair, Board (1 January 2022 to 31 December 2022)",
    ]
    ann = entries["Ann Lee"].find("ul", cls="roles").find_all("li")
    assert ann[0].text == "Chair, Board (from 1 January 2023)" and "former" not in ann[0].classes
    assert "former" in ann[-1].classes


def test_a_group_page_opens_with_its_latest_meeting_and_a_jump_to_each_year(out: Path) -> None:
    html = page(out, "groups/board/index.html")
    latest = html.find("section", cls="latest-meeting")
    assert latest.find("a").text == f"Board meeting 3, {LATEST}"
    latest_at, meetings_at = order(html, "latest-heading", "meetings-heading")
    assert latest_at < meetings_at
    jumps = [a.attrs["href"] for a in nav(html, "Meetings by year").find_all("a")]
    assert jumps == ["#year-2023", "#year-2022"]
    assert all(html.find_all(id=j[1:]) for j in jumps)


def test_no_link_says_only_unnumbered(sample_site: Path) -> None:
    """Every link to an unnumbered action or decision says which one, on every page."""
    bare = {"unnumbered", "unnumbered action", "unnumbered decision", "unnumbered:"}
    found = []
    for path in sorted(sample_site.rglob("*.html")):
        for a in parse_html(path.read_text(encoding="utf-8")).find_all("a"):
            if a.text.lower().strip() in bare:
                found.append(f"{path.relative_to(sample_site)}: {a.text!r}")
    assert found == []
    meeting = (sample_site / "groups" / "evidence-group" / "2021-07-30.html").read_text("utf-8")
    assert '<span class="unnumbered">Unnumbered:</span> arrange teach-ins for' in meeting


def test_the_404_page_links_from_the_hosts_root_or_the_base_url(out: Path, tmp_path: Path) -> None:
    links = [a.attrs["href"] for a in page(out, "404.html").find_all("a")]
    links = [href for href in links if not href.startswith("#")]  # the skip link
    assert links and all(href.startswith("/") and not href.startswith("//") for href in links)
    based = tmp_path / "based"
    result = build(
        BuildOptions(RECORD, based, search=False, base_url="https://example.org/minutes/")
    )
    assert not result.failed
    links = [a.attrs["href"] for a in page(based, "404.html").find_all("a")]
    links = [href for href in links if not href.startswith("#")]
    assert links and all(href.startswith("https://example.org/minutes/") for href in links), links
    assert page(based, "index.html").find("p", cls="print-address").text == (
        "https://example.org/minutes/index.html"
    )
