"""The record over years, built end to end from tests/fixtures/record-site/.

Two groups, the Board and the Review Panel, share members and number their actions and
decisions separately. The Board's file gives terms and role changes: Ann Lee is a member in
2022 and the Chair from 2023; Bob Ray chairs in 2022 and leaves in June 2023; Cat Diaz joins
in March 2023. Its minutes have substitutes, late arrivals and early departures, decisions
with votes, movers and seconders, papers (one private), and an exempt item with a decision.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_site_links import check_links, check_pages, external_links, unreachable_pages

from site_gen.pipeline import BuildOptions, BuildResult, build

CONTENT = Path(__file__).parent / "fixtures" / "record-site" / "content"


class _Tables(HTMLParser):
    """Every <table> of a page: its caption, and each row's cells as a screen reader reads them
    (text marked aria-hidden, such as the attendance table's symbols, left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._hidden: list[str] = []  # the tags of open aria-hidden elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ("aria-hidden", "true") in attrs or (self._hidden and tag == self._hidden[-1]):
            self._hidden.append(tag)
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th", "caption"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and tag == self._hidden[-1]:
            self._hidden.pop()
        if tag in ("td", "th") and self._row is not None and self._text is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "caption" and self._text is not None:
            caption = " ".join("".join(self._text).split())
            self.tables[-1] = (caption, self.tables[-1][1])
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._hidden:
            self._text.append(data)


def table(html: str, caption_starts: str) -> list[list[str]]:
    """The rows (header row included) of the table whose caption starts with the words."""
    parser = _Tables()
    parser.feed(html)
    found = [rows for caption, rows in parser.tables if caption.startswith(caption_starts)]
    assert len(found) == 1, [caption for caption, _ in parser.tables]
    return found[0]


def row(rows: list[list[str]], first_cell: str) -> dict[str, str]:
    """One row of a table, as {column heading: cell}."""
    header = rows[0]
    matches = [r for r in rows[1:] if r[0] == first_cell]
    assert len(matches) == 1, rows
    return dict(zip(header, matches[0], strict=True))


def meeting_log(html: str) -> list[list[str]]:
    """A person's meetings, newest first: the rows of the log's tables, a table per year."""
    parser = _Tables()
    parser.feed(html)
    tables = [rows for caption, rows in parser.tables if caption.startswith("Meetings in ")]
    assert tables, [caption for caption, _ in parser.tables]
    return [r for rows in tables for r in rows[1:]]


def text(html: str) -> str:
    """The page's text, tags dropped and spaces collapsed, for phrases a reader sees."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("record") / "out"
    result = build(BuildOptions(content=CONTENT, out=out))
    assert not result.failed, [p.format() for p in result.problems]
    return result, out


@pytest.fixture(scope="module")
def out(built: tuple[BuildResult, Path]) -> Path:
    return built[1]


def page(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def test_builds_without_a_problem(built: tuple[BuildResult, Path]) -> None:
    assert built[0].problems == ()


def test_links_and_page_structure(out: Path) -> None:
    assert check_links(out) == []
    assert check_pages(out) == []
    assert unreachable_pages(out) == set()
    # The external paper is the only external link, and it is allowed in the papers list.
    assert external_links(out) == {
        ("groups/board/2022-06-15.html", "https://example.org/annual-report-2021")
    }


# --- terms ---------------------------------------------------------------------------------


def rates(out: Path, person: str) -> dict[str, str]:
    rows = table(page(out, f"people/{person}.html"), "Attendance by group")
    return row(rows, "Board")


def test_an_absence_before_joining_is_not_counted(out: Path) -> None:
    # Cat Diaz is on the absent list of June 2022, before she joined in March 2023. She
    # attended in March and was absent in September: 50%, not 33%.
    assert rates(out, "cat-diaz") == {
        "Group": "Board",
        "Attended": "1",
        "Apologies": "0",
        "Absent": "1",
        "Sent a substitute": "0",
        "Not recorded": "0",
        "As a guest": "0",
        "Attendance rate": "50%",
    }
    grid = table(page(out, "groups/board/index.html"), "Members' attendance")
    # The rate beside the name, then the latest meetings, newest first.
    assert grid[0] == ["Member", "Rate", "10 September 2023", "20 March 2023", "15 June 2022"]
    assert row(grid, "Cat Diaz")["15 June 2022"] == "not a member"


def test_a_member_who_left_is_former_and_not_counted_after_leaving(out: Path) -> None:
    group = page(out, "groups/board/index.html")
    current, former = group.split("<h3>Former members</h3>")
    former = former.split("</ul>")[0]
    assert "bob-ray.html" in former and "bob-ray.html" not in current.split("members-heading")[1]
    assert 'Bob Ray</a>, Member <span class="muted">(1 January 2022 to 30 June 2023)' in former
    # Bob attended both meetings of his term; September 2023 is after he left.
    assert rates(out, "bob-ray")["Attended"] == "2"
    assert rates(out, "bob-ray")["Attendance rate"] == "100%"
    grid = table(group, "Members' attendance")
    assert row(grid, "Bob Ray")["10 September 2023"] == "not a member"


def test_person_pages_show_every_term_and_role(out: Path) -> None:
    roles = text(page(out, "people/ann-lee.html")).split("Roles")[1].split("Meetings")[0]
    assert "Member, Board (1 January 2022 to 31 December 2022)" in roles
    assert "Chair, Board (from 1 January 2023)" in roles
    assert "Member, Review Panel" in roles


# --- role changes --------------------------------------------------------------------------


def owner_of(out: Path, group: str, key: str) -> str:
    html = page(out, f"groups/{group}/actions/{key}.html")
    owner = re.search(r"<dt>Owner</dt><dd>(.*?)</dd>", html)
    assert owner is not None
    return owner.group(1)


def test_the_chair_resolves_by_the_meeting_date(out: Path) -> None:
    # "Chair to draft the budget" in June 2022 is Bob Ray's; "Chair to write to the
    # minister" in March 2023 is Ann Lee's, who became Chair on 1 January 2023.
    assert owner_of(out, "board", "1-1").startswith('<a href="../../../people/bob-ray.html">')
    assert owner_of(out, "board", "2-1").startswith('<a href="../../../people/ann-lee.html">')
    assert "the minutes say “Chair”" in owner_of(out, "board", "2-1")


def test_a_role_change_is_not_leaving_and_joining(out: Path) -> None:
    history = table(page(out, "groups/board/index.html"), "The Board year by year")
    assert row(history, "2023")["Joined"] == "Cat Diaz (1 March 2023)"
    assert row(history, "2023")["Left"] == "Bob Ray (30 June 2023)"
    assert row(history, "2022")["Joined"] == (
        "Ann Lee (1 January 2022), Bob Ray (1 January 2022), Eve Fox (1 January 2022)"
    )
    assert row(history, "2022")["Left"] == "—"


# --- substitutes, late arrivals and early departures ---------------------------------------


def test_a_substitute_is_credited_and_not_counted_against_the_member(out: Path) -> None:
    # Eve Fox: apologies in 2022, Jane Doe stood in for her in March 2023, present in
    # September. Counting the substitute against her would give 33%.
    eve = rates(out, "eve-fox")
    assert (eve["Attended"], eve["Apologies"], eve["Sent a substitute"]) == ("1", "1", "1")
    assert eve["Attendance rate"] == "50%"
    jane = meeting_log(page(out, "people/jane-doe.html"))
    assert jane[0] == ["20 March 2023", "Board", "Members present (present); for Eve Fox"]
    meeting = text(page(out, "groups/board/2023-03-20.html"))
    assert "Jane Doe (for Eve Fox)" in meeting
    grid = table(page(out, "groups/board/index.html"), "Members' attendance")
    assert row(grid, "Eve Fox")["20 March 2023"] == "substitute, represented by Jane Doe"
    assert "Jane Doe" not in [r[0] for r in grid]  # a substitute is not made a member


def test_late_arrivals_and_early_departures_are_shown(out: Path) -> None:
    assert "Dan Eze (arrived during item 2)" in text(page(out, "groups/board/2022-06-15.html"))
    assert "Bob Ray (left after item 2)" in text(page(out, "groups/board/2023-03-20.html"))
    grid = table(page(out, "groups/board/index.html"), "Members' attendance")
    assert row(grid, "Dan Eze")["15 June 2022"] == "attended, arrived during item 2"
    dan = meeting_log(page(out, "people/dan-eze.html"))
    assert ["15 June 2022", "Board", "Members present (present); arrived during item 2"] in dan


# --- decisions -----------------------------------------------------------------------------


def test_decisions_are_anchored_in_the_minutes_and_listed_on_their_meeting(out: Path) -> None:
    html = page(out, "groups/board/2022-06-15.html")
    assert '<p id="decision-d1-1" class="decision"><strong>Agreed:</strong>' in html
    assert '(<a href="decisions/d1-1.html" class="decision-id">D1.1</a>)' in html
    listed = table(html, "Decisions taken at this meeting")
    assert listed[1:] == [
        ["D1.1", "To adopt the terms of reference", "4 for, 0 against, 1 abstention"]
    ]
    later = page(out, "groups/board/2023-09-10.html")
    assert '<p id="decision-to-meet-monthly-from-october" class="decision">' in later


def facts(html: str) -> dict[str, str]:
    return {
        dt: text(dd)
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, flags=re.DOTALL)
    }


def test_a_decision_page_has_votes_mover_and_seconder(out: Path) -> None:
    html = page(out, "groups/board/decisions/d1-1.html")
    assert facts(html) == {
        "Decided": "To adopt the terms of reference",
        "Taken": "at the meeting of 15 June 2022",
        "Votes": "4 for, 0 against, 1 abstention",
        "Moved by": "Ann Lee",
        "Seconded by": "Dan Eze",
    }
    assert '<a href="../2022-06-15.html#decision-d1-1">' in html
    assert '<dd><a href="../../../people/ann-lee.html">Ann Lee</a></dd>' in html


def test_a_mover_named_by_role_resolves_by_date(out: Path) -> None:
    # "Proposed: the Chair" in March 2023: Ann Lee, not the Chair of 2022.
    html = page(out, "groups/board/decisions/d2-1.html")
    assert facts(html)["Moved by"] == "Ann Lee"
    assert facts(html)["Seconded by"] == "Cat Diaz"
    assert facts(html)["Decided"] == "Action 1.1 is closed and the budget stands."


def test_references_link_decisions_and_are_listed_on_the_decision(out: Path) -> None:
    later = page(out, "groups/board/2023-09-10.html")
    assert 'Decisions <a href="decisions/d1-1.html" class="decision-ref">D1.1</a> and' in later
    assert '<a href="decisions/d2-1.html" class="decision-ref">D2.1</a>' in later
    html = page(out, "groups/board/decisions/d1-1.html")
    mentions = html.split('id="mentions-heading"')[1].split("</section>")[0]
    assert "../2023-03-20.html#item-1-matters-arising" in mentions
    assert "../2023-09-10.html#item-1-review-of-the-year" in mentions


def test_actions_and_decisions_refer_to_each_other(out: Path) -> None:
    # Action 2.1 mentions decision D1.1: it links there, and D1.1 lists it.
    action_2_1 = page(out, "groups/board/2023-03-20.html")
    assert 'about decision <a href="decisions/d1-1.html" class="decision-ref">D1.1</a>' in (
        action_2_1
    )
    d1 = table(page(out, "groups/board/decisions/d1-1.html"), "Actions that refer to this")
    assert [r[0] for r in d1[1:]] == ["2.1"]
    related = table(page(out, "groups/board/actions/2-1.html"), "Decisions that refer to this")
    assert [r[0] for r in related[1:]] == ["D1.1"]
    # Decision D2.1 mentions action 1.1: the decision lists it, and the action lists D2.1.
    d2 = table(page(out, "groups/board/decisions/d2-1.html"), "Actions this decision refers")
    assert [r[0] for r in d2[1:]] == ["1.1"]
    related = table(page(out, "groups/board/actions/1-1.html"), "Decisions that refer to this")
    assert [r[0] for r in related[1:]] == ["D2.1"]


def test_decisions_index_group_page_and_nav(out: Path) -> None:
    index = table(page(out, "decisions/index.html"), "All decisions")
    # Newest first; of one meeting's, the highest number first.
    assert [(r[0], r[1], r[2]) for r in index[1:]] == [
        ("Unnumbered: to meet monthly from October.", "To meet monthly from October.", "Board"),
        ("D2.2", "Not published: decided in an item taken in private", "Board"),
        ("D2.1", "Action 1.1 is closed and the budget stands.", "Board"),
        ("D3.1", "To publish the report in March", "Review Panel"),
        ("D1.1", "To adopt the terms of reference", "Board"),
    ]
    group = table(page(out, "groups/board/index.html"), "Latest decisions of the Board")
    assert [r[0] for r in group[1:]] == [
        "Unnumbered: to meet monthly from October.",
        "D2.1",
        "D1.1",
    ]
    assert '<a href="../decisions/index.html">Decisions</a>' in page(out, "people/ann-lee.html")


def test_withheld_decisions_are_counted_never_described(out: Path) -> None:
    meeting = page(out, "groups/board/2023-03-20.html")
    assert "1 decision was taken in items that are not published." in meeting
    assert "appoint a clerk" not in meeting
    withheld = page(out, "groups/board/decisions/d2-2.html")
    assert "Not published: decided in an item taken in private" in withheld
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"appoint a clerk" not in everything


# --- papers --------------------------------------------------------------------------------


def test_papers_are_copied_with_their_size_and_type(out: Path) -> None:
    html = page(out, "groups/board/2022-06-15.html")
    papers = html.split('<section aria-labelledby="papers-heading" class="papers">')[1]
    papers = papers.split("</section>")[0]
    assert (
        '<a href="papers/terms-of-reference-final.pdf" type="application/pdf">'
        'Terms of reference</a> <span class="muted">(PDF, 3 KB)</span>'
    ) in papers
    assert '<a href="https://example.org/annual-report-2021">Annual report 2021</a>' in papers
    source = CONTENT / "papers" / "Terms of Reference (final).pdf"
    copy = out / "groups" / "board" / "papers" / "terms-of-reference-final.pdf"
    assert copy.read_bytes() == source.read_bytes()


def test_a_file_two_meetings_share_is_copied_once(out: Path) -> None:
    assert sorted(p.name for p in (out / "groups" / "board" / "papers").iterdir()) == [
        "budget.pdf",
        "terms-of-reference-final.pdf",
    ]
    for day in ("2023-03-20", "2023-09-10"):
        assert 'href="papers/budget.pdf"' in page(out, f"groups/board/{day}.html")
    assert "(PDF, 2 KB)" in page(out, "groups/board/2023-09-10.html")


def test_private_papers_never_reach_the_output(out: Path) -> None:
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Legal note on the lease" not in everything
    assert b"legal-note" not in everything
    assert b"PRIVATE legal note" not in everything


# --- two groups ----------------------------------------------------------------------------


def test_each_group_numbers_its_own_actions_and_decisions(out: Path) -> None:
    board = facts(page(out, "groups/board/actions/3-1.html"))
    panel = facts(page(out, "groups/review-panel/actions/3-1.html"))
    assert board["What"] == "book the venue"
    assert panel["What"] == "review the report before publication"
    assert facts(page(out, "groups/review-panel/decisions/d3-1.html"))["Decided"] == (
        "To publish the report in March"
    )
    assert not (out / "groups" / "board" / "decisions" / "d3-1.html").exists()


def test_person_pages_bring_both_groups_together(out: Path) -> None:
    html = page(out, "people/dan-eze.html")
    assert [r[0] for r in table(html, "Attendance by group")[1:]] == ["Board", "Review Panel"]
    owned = table(html, "Actions owned by Dan Eze")
    assert "Owner" not in owned[0], "the page's own subject is not a column"
    assert [(r[0], row(owned, r[0])["Group"]) for r in owned[1:]] == [("3.1", "Board")]
    gus = table(page(out, "people/gus-hale.html"), "Actions owned by Gus Hale")
    assert [(r[0], row(gus, r[0])["Group"]) for r in gus[1:]] == [("3.1", "Review Panel")]
    roles = text(html).split("Roles")[1].split("Meetings")[0]
    assert "Member, Board" in roles and "Chair, Review Panel" in roles


# --- history -------------------------------------------------------------------------------


def test_the_group_history_year_by_year(out: Path) -> None:
    history = table(page(out, "groups/board/index.html"), "The Board year by year")
    assert [r[:6] for r in history] == [
        ["Year", "Meetings", "Decisions", "Actions raised", "Actions closed", "Open at year end"],
        ["2023", "2", "3", "2", "2", "1"],
        ["2022", "1", "1", "1", "0", "1"],
    ]


def test_the_home_page_shows_what_changed_recently(out: Path) -> None:
    home = text(page(out, "index.html"))
    recent = home.split("What changed recently")[1]
    # The latest meeting is 10 September 2023: three months back from it, not from today.
    assert recent.startswith(
        " In the three months to the latest meeting, 11 June 2023 to 10 September 2023: "
        "1 meeting, 1 decision, 1 action closed, 0 members joined and 1 left."
    )
    assert "Action 2.1: write to the minister about decision D1.1 (Board, closed at 10" in recent
    assert "Bob Ray left the Board on 30 June 2023" in recent
    assert "Decision: To meet monthly from October." in recent
    assert "Action 1.1" not in recent  # closed in March: not recent
