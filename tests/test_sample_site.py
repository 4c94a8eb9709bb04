"""Acceptance checks of the sample site against the published minutes it was made from.

The facts come from the seed: the minutes as published, as text out of a PDF, kept in
tests/fixtures/seed/. Pages are found by following the site's own links, not by guessing paths.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_PATH = REPO / "tests" / "fixtures" / "seed" / "evidence-group-2021-07-30.txt"
MEETING = "groups/evidence-group/2021-07-30.html"
YOUNG_CARERS = (
    "https://www.childrenscommissioner.gov.uk/2016/12/27/"
    "an-estimated-four-out-of-five-young-carers-receive-no-support/"
)
MEMBERS_PRESENT = [
    "Leon Feinstein",
    "Paul Bywaters",
    "Lisa Harker",
    "Dez Holmes",
    "Janet Kay",
    "Geraldine Macdonald",
    "John Simmonds",
    "Oliver Southwick",
]
IN_ATTENDANCE = ["Josh MacAlister", "Duncan Dunlop"]
OBSERVING = ["Michael Sanders"]
APOLOGIES = ["Karen Broadhurst", "Haroon Chowdry", "Donald Forrester", "Chris Wild"]
PEOPLE = MEMBERS_PRESENT + IN_ATTENDANCE + OBSERVING + APOLOGIES
BODY = "Review Team members"
EARLIER_OPEN = ["1.5", "1.8", "2.3", "2.5"]
EARLIER_CLOSED = ["2.4"]
EARLIER_STATUS_UNRECORDED = ["1.10", "2.7"]  # "will be covered later on in the meeting"
EARLIER = EARLIER_OPEN + EARLIER_CLOSED + EARLIER_STATUS_UNRECORDED


# --- a small DOM, enough to read our own pages ---------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def text(self) -> str:
        """The text content with runs of whitespace made one space, as a reader sees it."""
        return " ".join(self._raw_text().split())

    def _raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw_text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, id: str | None = None
    ) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and (id is None or e.attrs.get("id") == id)
        ]

    def find(
        self, tag: str | None = None, *, cls: str | None = None, id: str | None = None
    ) -> Element:
        found = self.find_all(tag, cls=cls, id=id)
        assert found, f"no <{tag or '*'} class={cls} id={id}> in <{self.tag}>"
        return found[0]

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.stack) - 1, 0, -1):
            if self.stack[n].tag == tag:
                del self.stack[n:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


class Site:
    """The built site, read page by page through its own relative links."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, Element] = {}

    def page(self, path: str) -> Element:
        if path not in self._pages:
            file = self.root / path
            assert file.is_file(), f"no page {path}"
            self._pages[path] = parse_html(file.read_text(encoding="utf-8"))
        return self._pages[path]

    @staticmethod
    def resolve(from_page: str, href: str) -> tuple[str, str]:
        """(output path, fragment) of a relative link on `from_page`."""
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"not a relative link: {href}"
        if not parts.path:
            return from_page, unquote(parts.fragment)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), unquote(parts.path)))
        return path, unquote(parts.fragment)

    def follow(self, from_page: str, link: Element) -> str:
        """The page a link leads to; it must exist, and so must its #fragment."""
        path, fragment = self.resolve(from_page, link.attrs["href"])
        target = self.page(path)
        if fragment:
            assert target.find_all(id=fragment), (
                f"{link.attrs['href']} on {from_page}: no #{fragment}"
            )
        return path


def facts(page: Element) -> dict[str, Element]:
    """The <dd> of each <dt> of a page's first <dl class="facts">, by the <dt>'s text."""
    items = page.find("dl", cls="facts").elements()
    return {dt.text: dd for dt, dd in zip(items[::2], items[1::2], strict=True)}


def status_of(page: Element) -> str:
    """An action page's status, from the class of its status badge ("status-open" -> "open")."""
    badge = facts(page)["Status"].find("span", cls="status")
    return next(c.removeprefix("status-") for c in badge.classes if c.startswith("status-"))


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Site:
    return Site(sample_site)


@pytest.fixture(scope="module")
def meeting(site: Site) -> Element:
    return site.page(MEETING)


@pytest.fixture(scope="module")
def minutes(meeting: Element) -> Element:
    return meeting.find("section", cls="minutes")


# --- the seed ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedAction:
    text: str  # the bullet as written
    owner: str
    task: str
    action_id: str | None


@dataclass(frozen=True)
class Seed:
    attendance: list[tuple[str, list[str]]]  # (label, entries as written)
    agenda: list[str]
    bullets: list[str]  # every bullet under the agenda items, page breaks repaired
    paragraphs: list[str]  # the other lines of the minutes ("Discussion:", "Actions:")
    actions: list[SeedAction]


AGENDA_ITEM = re.compile(r"^Agenda Item \d+: ")
SEED_ACTION = re.compile(r"^(?P<owner>.+?) to (?P<task>.+?)(?: \((?P<id>\d+\.\d+)\))?$")


def read_seed(text: str) -> Seed:
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Attendees")
    body = next(n for n, line in enumerate(lines) if AGENDA_ITEM.match(line))
    attendance: list[tuple[str, list[str]]] = []
    for line in lines[start + 1 : body]:
        if line.endswith(":"):
            attendance.append((line.removesuffix(":"), []))
        elif line.startswith("- "):
            attendance[-1][1].append(line[2:])
    agenda: list[str] = []
    bullets: list[str] = []
    paragraphs: list[str] = []
    action_bullets: list[str] = []
    in_actions = last_was_bullet = False
    for line in lines[body:]:
        if not line:
            continue
        if AGENDA_ITEM.match(line):
            agenda.append(line)
            in_actions = last_was_bullet = False
        elif line.startswith("- "):
            bullets.append(line[2:])
            if in_actions:
                action_bullets.append(line[2:])
            last_was_bullet = True
        elif last_was_bullet and line[0].islower():
            # A sentence split by a page break of the PDF: "not an issue / of poverty alone".
            bullets[-1] += " " + line
        else:
            paragraphs.append(line)
            in_actions, last_was_bullet = line == "Actions:", False
    actions = []
    for bullet in action_bullets:
        match = SEED_ACTION.match(bullet)
        assert match, bullet
        actions.append(SeedAction(bullet, match["owner"], match["task"], match["id"]))
    return Seed(attendance, agenda, bullets, paragraphs, actions)


def as_read(markdown_text: str) -> str:
    """What a reader sees of a seed line: its *emphasis* and <autolink> marks are markup."""
    text = re.sub(r"\*([^*]+)\*", r"\1", markdown_text)
    return re.sub(r"<(https?://[^>\s]+)>", r"\1", text)


@pytest.fixture(scope="module")
def seed() -> Seed:
    return read_seed(SEED_PATH.read_text(encoding="utf-8"))


def test_the_seed_reads_as_expected(seed: Seed) -> None:
    """The reader of the seed itself: if this fails, the other seed tests prove nothing."""
    assert [label for label, _ in seed.attendance] == [
        "Evidence Group members",
        "Review Team",
        "Observing",
        "Apologies",
    ]
    named = [e.split(",")[0] for _, entries in seed.attendance for e in entries if "," in e]
    assert named == PEOPLE
    assert [e for _, entries in seed.attendance for e in entries if "," not in e] == [BODY]
    assert len(seed.agenda) == 4
    assert len(seed.bullets) == 32  # 2 + 20 + 9 + 1 under the four items
    assert sum("it is not an issue of poverty alone" in b for b in seed.bullets) == 1
    assert [a.action_id for a in seed.actions] == ["3.1", "3.2", "3.3", None, None, None]


# --- the meeting page -----------------------------------------------------------------------


def test_meeting_page_facts(meeting: Element) -> None:
    assert len(meeting.find_all("h1")) == 1
    assert meeting.find("time").attrs["datetime"] == "2021-07-30"
    meeting_facts = facts(meeting)
    assert meeting_facts["Group"].text == "Evidence Group"
    assert meeting_facts["Meeting"].text == "3"
    assert meeting_facts["Minutes"].text == "approved"


def test_meeting_has_every_agenda_item_with_an_anchor_in_the_contents(
    meeting: Element, minutes: Element, seed: Seed
) -> None:
    headings = [h for h in minutes.find_all("h2") if h.attrs.get("id") != "minutes-heading"]
    assert [h.text for h in headings] == seed.agenda
    contents = meeting.find("nav", cls="contents").find_all("a")
    assert [(a.text, a.attrs["href"]) for a in contents] == [
        (h.text, "#" + h.attrs["id"]) for h in headings
    ]


def test_meeting_has_every_bullet_of_the_seed_in_order(minutes: Element, seed: Seed) -> None:
    assert [li.text for li in minutes.find_all("li")] == [as_read(b) for b in seed.bullets]
    assert [p.text for p in minutes.find_all("p")] == seed.paragraphs


def test_the_page_break_is_repaired(minutes: Element) -> None:
    sentence = "it is not an issue of poverty alone"
    assert sum(sentence in li.text for li in minutes.find_all("li")) == 1
    assert not any(p.text.startswith("of poverty alone") for p in minutes.find_all("p"))


def test_the_young_carers_link_is_a_link(minutes: Element) -> None:
    links = [a for a in minutes.find_all("a") if a.attrs.get("href") == YOUNG_CARERS]
    assert len(links) == 1
    assert links[0].text == YOUNG_CARERS


def test_the_emphasis_is_kept(minutes: Element) -> None:
    items = [li for li in minutes.find_all("li") if li.find_all("em")]
    assert len(items) == 1
    assert [em.text for em in items[0].find_all("em")] == ["and"]
    assert "strengthening families and supporting children in care" in items[0].text


def test_attendance_sections_keep_the_authors_order_and_labels(
    site: Site, meeting: Element, seed: Seed
) -> None:
    section = meeting.find("section", cls="attendance")
    headings = section.find_all("h3")
    lists = section.find_all("ul")
    assert len(headings) == len(lists) == len(seed.attendance)
    for heading, entries, (label, expected) in zip(headings, lists, seed.attendance, strict=True):
        assert heading.text == label or heading.text.startswith(f"{label} ("), heading.text
        assert [li.text for li in entries.find_all("li")] == expected


def test_every_attendee_links_to_their_page_and_the_body_to_none(
    site: Site, meeting: Element
) -> None:
    section = meeting.find("section", cls="attendance")
    for li in section.find_all("li"):
        links = li.find_all("a")
        if li.text == BODY:
            assert links == [], "a body never gets a person page"
            continue
        assert len(links) == 1, li.text
        name = links[0].text
        assert li.text.startswith(f"{name}, ")
        target = site.follow(MEETING, links[0])
        assert target.startswith("people/")
        assert site.page(target).find("h1").text == name


# --- people ---------------------------------------------------------------------------------


def _directory(site: Site) -> list[tuple[str, str]]:
    """(name, page) of each person in the people directory, in its order."""
    index = site.page("people/index.html")
    links = [a for ul in index.find_all("ul", cls="people") for a in ul.find_all("a")]
    # Entries also link to groups; the person is the link into people/.
    return [
        (a.text, site.follow("people/index.html", a))
        for a in links
        if site.resolve("people/index.html", a.attrs["href"])[0].startswith("people/")
    ]


def test_a_page_for_each_of_the_15_people_and_none_for_a_body(
    site: Site, sample_site: Path
) -> None:
    directory = _directory(site)
    assert sorted(name for name, _ in directory) == sorted(PEOPLE)
    pages = {path for _, path in directory}
    assert len(pages) == 15
    on_disk = {p.relative_to(sample_site).as_posix() for p in (sample_site / "people").glob("*")}
    assert on_disk == pages | {"people/index.html"}
    for name, path in directory:
        assert site.page(path).find("h1").text == name
    assert not any("review" in p for p in pages)


def test_people_directory_is_a_to_z_by_surname(site: Site) -> None:
    names = [name for name, _ in _directory(site)]
    assert names == sorted(PEOPLE, key=lambda n: (n.split()[-1].casefold(), n.casefold()))
    sections = [s for s in site.page("people/index.html").find_all("section") if s.find_all("h2")]
    assert sections
    for section in sections:
        letter = section.find("h2").text
        under = [a.text for a in section.find("ul", cls="people").find_all("a") if a.text in PEOPLE]
        assert under, f"letter {letter} has nobody"
        assert all(n.split()[-1].upper().startswith(letter) for n in under), (letter, under)


# --- actions --------------------------------------------------------------------------------


def _raised_here(meeting: Element) -> list[Element]:
    """The action items of the minutes: the <li> of each list of actions."""
    return meeting.find("section", cls="minutes").find_all("li", cls="action")


def _person_page(site: Site, name: str) -> str:
    return dict(_directory(site))[name]


def _owner_people(site: Site, action_page: str) -> list[str]:
    """The person pages an action page links its owners to."""
    owner = facts(site.page(action_page))["Owner"]
    return [site.follow(action_page, a) for a in owner.find_all("a")]


def _action_pages_of(site: Site, meeting: Element) -> dict[str, str]:
    """Action page of each numbered action raised in the minutes, by id, through its link."""
    pages = {}
    for li in _raised_here(meeting):
        for a in li.find_all("a", cls="action-id"):
            pages[a.text] = site.follow(MEETING, a)
    return pages


def _links_back(site: Site, action_page: str, fragment: str | None = None) -> None:
    """The action page links to the meeting page (at `fragment`, when given) in its history."""
    history = site.page(action_page).find("ol", cls="history")
    targets = [site.resolve(action_page, a.attrs["href"]) for a in history.find_all("a")]
    assert (MEETING, fragment or "") in targets or (
        fragment is None and any(path == MEETING for path, _ in targets)
    ), f"{action_page} does not link back to {MEETING}#{fragment or ''}: {targets}"


def test_numbered_actions_raised_at_the_meeting(site: Site, meeting: Element, seed: Seed) -> None:
    pages = _action_pages_of(site, meeting)
    numbered = [a for a in seed.actions if a.action_id]
    assert sorted(pages) == sorted(a.action_id for a in numbered if a.action_id)
    for action in numbered:
        assert action.action_id is not None
        path = pages[action.action_id]
        page = site.page(path)
        assert action.action_id in page.find("h1").text
        assert facts(page)["What"].text == action.task
        assert status_of(page) == "open"
        li = next(li for li in _raised_here(meeting) if action.action_id in li.text)
        raised = facts(page)["Raised"].find("a")
        assert site.resolve(path, raised.attrs["href"]) == (MEETING, li.attrs["id"])
        _links_back(site, path, li.attrs["id"])


def test_owners_of_numbered_actions(site: Site, meeting: Element) -> None:
    pages = _action_pages_of(site, meeting)
    assert _owner_people(site, pages["3.1"]) == [_person_page(site, "Dez Holmes")]
    assert _owner_people(site, pages["3.2"]) == [_person_page(site, "Geraldine Macdonald")]
    assert _owner_people(site, pages["3.3"]) == [], "the group owns 3.3: no person"
    owner = facts(site.page(pages["3.3"]))["Owner"].text
    assert owner.startswith("The Evidence Group"), owner


def test_owners_see_their_actions_on_their_page(site: Site, meeting: Element) -> None:
    pages = _action_pages_of(site, meeting)
    for name, action in (("Dez Holmes", "3.1"), ("Geraldine Macdonald", "3.2")):
        person = _person_page(site, name)
        table = site.page(person).find("table", cls="actions-table")
        linked = {site.follow(person, a) for a in table.find_all("a")}
        assert pages[action] in linked, f"{name}'s page does not list action {action}"


def test_unnumbered_actions_are_actions(site: Site, meeting: Element, seed: Seed) -> None:
    unnumbered = [a for a in seed.actions if a.action_id is None]
    items = [li for li in _raised_here(meeting) if not li.find_all("a", cls="action-id")]
    assert [li.text for li in items] == [a.text for a in unnumbered]
    anchors = [li.attrs.get("id", "") for li in items]
    assert all(anchors) and len(set(anchors)) == len(anchors), anchors
    # Each has its page: found from the table of actions raised at this meeting.
    rows = meeting.find("table", cls="actions-table").find("tbody").find_all("tr")
    by_anchor: dict[str, str] = {}
    for row in rows:
        links = row.find_all("a")
        for a in links:
            path, fragment = site.resolve(MEETING, a.attrs["href"])
            if path == MEETING and fragment in anchors:
                by_anchor[fragment] = site.follow(MEETING, links[0])
    assert sorted(by_anchor) == sorted(anchors)
    leon = _person_page(site, "Leon Feinstein")
    expected_people = [[], [], [leon]]  # "Review team", "Review team", "... and Chair"
    for action, anchor, people in zip(unnumbered, anchors, expected_people, strict=True):
        path = by_anchor[anchor]
        page = site.page(path)
        assert "Unnumbered" in page.find("h1").text
        assert facts(page)["What"].text == action.task
        assert status_of(page) == "open"
        _links_back(site, path, anchor)
        assert _owner_people(site, path) == people
        assert "Review Team" in facts(page)["Owner"].text


def test_earlier_actions_are_the_ones_the_seed_mentions(seed: Seed) -> None:
    mentioned: set[str] = set()
    for bullet in seed.bullets:
        for match in re.finditer(r"\bactions? (\d+\.\d+(?:(?:, | and )\d+\.\d+)*)", bullet):
            mentioned.update(re.findall(r"\d+\.\d+", match[1]))
    assert mentioned == set(EARLIER)


def test_earlier_actions_are_marked_raised_before_the_record(site: Site, minutes: Element) -> None:
    refs: dict[str, set[str]] = {}
    for a in minutes.find_all("a", cls="action-ref"):
        refs.setdefault(a.text, set()).add(site.follow(MEETING, a))
    assert sorted(refs) == sorted(EARLIER)
    for action_id in EARLIER:
        assert len(refs[action_id]) == 1, f"action {action_id} links to several pages"
        path = next(iter(refs[action_id]))
        page = site.page(path)
        assert action_id in page.find("h1").text
        raised = facts(page)["Raised"]
        assert raised.find_all("a") == []
        assert "before the published record" in raised.text.lower()
        _links_back(site, path)
        expected = (
            "open"
            if action_id in EARLIER_OPEN
            else "closed"
            if action_id in EARLIER_CLOSED
            else "unknown"
        )
        assert status_of(page) == expected, action_id


def test_the_closing_note_of_2_4_is_on_its_page(site: Site, minutes: Element) -> None:
    ref = next(a for a in minutes.find_all("a", cls="action-ref") if a.text == "2.4")
    history = site.page(site.follow(MEETING, ref)).find("ol", cls="history").text
    assert "closed" in history
    assert "review research library" in history


def test_meeting_lists_the_earlier_actions_it_updated_or_mentioned(
    site: Site, meeting: Element
) -> None:
    heading = meeting.find("h2", id="followups-heading")
    assert heading.text == "Earlier actions updated or mentioned"
    table = next(
        s
        for s in meeting.find_all("section")
        if s.attrs.get("aria-labelledby") == "followups-heading"
    ).find("table")
    ids = [row.find("th").text for row in table.find("tbody").find_all("tr")]
    # In action order, numerically: 1.5 and 1.8 come before 1.10.
    assert ids == sorted(EARLIER, key=lambda i: tuple(int(n) for n in i.split(".")))


def test_home_counts_the_open_actions(site: Site) -> None:
    home = site.page("index.html")
    link = next(
        a
        for a in home.find_all("a")
        if site.resolve("index.html", a.attrs["href"])[0] == "actions/status-open.html"
    )
    count = int(link.text.split()[0])
    rows = site.page("actions/status-open.html").find("tbody").find_all("tr")
    assert count == len(rows) == len(EARLIER_OPEN) + 6
