"""Link stage, on meetings parsed in memory: no files, no rendering."""

from __future__ import annotations

import textwrap

from site_gen.link import link_site
from site_gen.load import SourceFile
from site_gen.markdown import make_markdown
from site_gen.model import EventKind, Site
from site_gen.parse import PeopleRecord, SiteConfig, parse_group, parse_meeting, parse_people
from site_gen.parse.content import ParsedContent
from site_gen.problems import Problems
from site_gen.vocabulary import ActionStatus

GROUP = """\
name: Audit Board
members:
  - name: Ada Lovelace
    role: Chair
    until: 2021-12-31
  - name: Grace Hopper
    role: Chair
    from: 2022-01-01
  - Sam Okafor
  - Sam Price
"""


def meeting(day: str, number: int, attendance: str, body: str, extra: str = "") -> SourceFile:
    text = f"---\ngroup: audit\ndate: {day}\nnumber: {number}\n{extra}attendance:\n"
    text += textwrap.indent(textwrap.dedent(attendance), "  ") + "---\n\n" + textwrap.dedent(body)
    return SourceFile(f"meetings/audit/{day}.md", text, f"meetings/audit/{day}.md")


def line_of(source: SourceFile, needle: str) -> int:
    """The 1-based line of the file where `needle` is written."""
    return source.text[: source.text.index(needle)].count("\n") + 1


def link(*meetings: SourceFile, people: str | None = None) -> tuple[Site, Problems]:
    problems = Problems()
    md = make_markdown()
    people_record = (
        parse_people(SourceFile("people.yaml", people, "people.yaml"), problems)
        if people
        else PeopleRecord()
    )
    group = parse_group(SourceFile("groups/audit.yaml", GROUP, "groups/audit.yaml"), problems)
    assert group is not None
    parsed = [parse_meeting(m, md, problems) for m in meetings]
    content = ParsedContent(
        SiteConfig("Test"), people_record, (group,), tuple(p for p in parsed if p)
    )
    site = link_site(content, problems)
    # The fixture lists both chairs at every meeting, whatever their terms: those warnings
    # (not-a-member) are tested in test_clerk_checks, not in each test here.
    problems.items = [p for p in problems.items if p.code != "not-a-member"]
    return site, problems


PRESENT = """\
- label: Members
  kind: present
  people:
    - Ada Lovelace, Chair
    - Sam Okafor
    - Sam Price
    - Grace Hopper
"""


def test_owner_resolution_by_first_name_role_body_group_and_joined() -> None:
    source = meeting(
        "2021-06-01",
        1,
        PRESENT,
        """
            Actions:

            - Grace to draft the terms (1.1)
            - Chair to write to the minister (1.2)
            - The group to review the budget (1.3)
            - Ada and Grace to meet the auditors (1.4)
            - Sam to take notes (1.5)
            - Nobody Known to do something (1.6)
            """,
    )
    site, problems = link(source)
    owners = {a.action_id: [(o.person_id, o.group) for o in a.owners] for a in site.actions}
    assert owners["1.1"] == [("grace-hopper", None)]
    assert owners["1.2"] == [("ada-lovelace", None)]  # the Chair on 2021-06-01
    assert owners["1.3"] == [(None, "audit")]
    assert owners["1.4"] == [("ada-lovelace", None), ("grace-hopper", None)]
    assert owners["1.5"] == [(None, None)]  # two Sams attended: ambiguous
    assert owners["1.6"] == [(None, None)]
    messages = [(p.line, p.severity, p.message) for p in problems.sorted()]
    assert messages == [
        (
            line_of(source, "- Sam to"),
            "warning",
            "owner 'Sam' is ambiguous: Sam Okafor and Sam Price attended",
        ),
        (
            line_of(source, "- Nobody"),
            "warning",
            "owner 'Nobody Known' matches no attendee, member, role or body",
        ),
    ]


def test_chair_resolves_to_whoever_held_the_role_on_the_date() -> None:
    site, _ = link(meeting("2022-03-01", 4, PRESENT, "Actions:\n\n- Chair to sign (4.1)\n"))
    assert site.actions[0].owners[0].person_id == "grace-hopper"


def test_updates_and_mentions_build_history_and_current_status() -> None:
    first = meeting("2021-06-01", 1, PRESENT, "Actions:\n\n- Ada to draft the plan (1.1)\n")
    second = meeting(
        "2021-07-01",
        2,
        PRESENT,
        "We discussed action 1.1 at length.\n",
        extra='action_updates:\n  "1.1": in progress\n',
    )
    third = meeting(
        "2021-08-01",
        3,
        PRESENT,
        "See action 1.1 again.\n",
        extra='action_updates:\n  "1.1": {status: closed, note: Plan published}\n',
    )
    site, problems = link(third, first, second)  # order of files must not matter
    (action,) = site.actions
    assert [(e.kind, e.meeting, e.status) for e in action.events] == [
        (EventKind.RAISED, "audit/2021-06-01", ActionStatus.OPEN),
        (EventKind.UPDATED, "audit/2021-07-01", ActionStatus.IN_PROGRESS),
        (EventKind.UPDATED, "audit/2021-08-01", ActionStatus.CLOSED),
    ]
    assert action.events[-1].note == "Plan published"
    assert action.status is ActionStatus.CLOSED
    assert not problems.items


def test_actions_from_before_the_record_get_pages_and_unknown_ones_warn() -> None:
    only = meeting(
        "2021-08-01",
        3,
        PRESENT,
        "Actions 1.5 and 2.10 were noted; action 3.9 too.\n",
        extra='action_updates:\n  "2.4": closed\n',
    )
    site, problems = link(only)
    by_id = {a.action_id: a for a in site.actions}
    assert list(by_id) == ["1.5", "2.4", "2.10", "3.9"]  # numeric order, not text order
    assert all(a.raised_in is None for a in site.actions)
    assert by_id["2.4"].status is ActionStatus.CLOSED
    assert by_id["1.5"].status is ActionStatus.UNKNOWN
    assert [e.kind for e in by_id["2.10"].events] == [EventKind.MENTIONED]
    (warning,) = problems.items
    assert warning.message == "action 3.9 is not raised in any published meeting of audit"


def test_ids_are_scoped_to_their_group_and_duplicates_are_errors() -> None:
    first = meeting("2021-06-01", 1, PRESENT, "Actions:\n\n- Ada to plan (1.1)\n")
    again = meeting("2021-07-01", 2, PRESENT, "Actions:\n\n- Ada to plan again (1.1)\n")
    _, problems = link(first, again)
    (error,) = problems.errors
    line = line_of(again, "- Ada to")
    assert (error.path, error.line) == ("meetings/audit/2021-07-01.md", line)
    assert "raised twice" in error.message
    assert f"meetings/audit/2021-06-01.md:{line_of(first, '- Ada to')}" in error.message


def test_people_registry_aliases_bodies_and_namesakes() -> None:
    people = """\
people:
  - name: Ada Lovelace
    aliases: [Ada King]
  - name: John Smith
    id: john-smith-leeds
  - name: John Smith
    id: john-smith-york
bodies:
  - name: Secretariat
    aliases: [the secretariat team]
"""
    attendance = """\
- label: Present
  kind: present
  people:
    - Ada King, Chair
    - person: john-smith-york
    - The secretariat team
"""
    site, problems = link(
        meeting("2021-06-01", 1, attendance, "Actions:\n\n- Secretariat team to file (1.1)\n"),
        people=people,
    )
    ids = [p.id for p in site.people]
    assert "ada-lovelace" in ids and "ada-king" not in ids  # the alias merged
    assert {"john-smith-leeds", "john-smith-york"} <= set(ids)  # namesakes stay two
    section = site.meetings[0].sections[0]
    assert [(a.person_id, a.body_id) for a in section.attendees] == [
        ("ada-lovelace", None),
        ("john-smith-york", None),
        (None, "secretariat"),
    ]
    # "Secretariat team" matches the alias "the secretariat team": a leading "the" is optional.
    assert site.actions[0].owners[0].body_id == "secretariat"
    assert not problems.items
    assert site.body_by_id["secretariat"].name == "Secretariat"


def test_drafts_are_left_out_unless_asked_for() -> None:
    draft = meeting("2021-06-01", 1, PRESENT, "Secret draft text.\n", extra="status: draft\n")
    site, _ = link(draft)
    assert site.meetings == ()


def test_substitutes_only_for_known_people_and_bodies_stay_bodies() -> None:
    people = "bodies:\n  - name: Department for Education\n"
    attendance = """\
- label: Present
  kind: present
  people:
    - Ada Lovelace
    - Jane Doe for Grace Hopper, Deputy
    - Department for Education
    - Secretary of State for Education, Minister
    - person: sam-okafor
"""
    site, problems = link(meeting("2021-06-01", 1, attendance, "Text.\n"), people=people)
    attendees = site.meetings[0].sections[0].attendees
    shown = [(a.name, a.person_id, a.body_id, a.substitute_for) for a in attendees]
    assert shown == [
        ("Ada Lovelace", "ada-lovelace", None, None),
        ("Jane Doe", "jane-doe", None, "grace-hopper"),  # Grace is a member: a substitute
        ("Department for Education", None, "department-for-education", None),
        ("Secretary of State for Education", "secretary-of-state-for-education", None, None),
        ("Sam Okafor", "sam-okafor", None, None),  # written by id, shown by name
    ]
    assert not problems.items


def test_no_one_takes_the_people_directory_address() -> None:
    attendance = "- {kind: present, people: [Index, Ada Lovelace]}\n"
    site, problems = link(meeting("2021-06-01", 1, attendance, "Text.\n"))
    assert "index" not in {p.id for p in site.people}
    assert "index-2" in {p.id for p in site.people}
    assert [p.severity for p in problems.items] == ["warning"]  # never silently


def test_ids_of_two_groups_are_apart() -> None:
    problems = Problems()
    md = make_markdown()
    groups = []
    for slug in ("audit", "budget"):
        source = SourceFile(f"groups/{slug}.yaml", GROUP, f"groups/{slug}.yaml")
        record = parse_group(source, problems)
        assert record is not None
        groups.append(record)
    texts = {
        "audit": "Actions:\n\n- Ada to audit (1.1)\n",
        "budget": "Actions:\n\n- Grace to budget (1.1)\n\nSee action 1.1.\n",
    }
    meetings = []
    for slug, body in texts.items():
        text = f"---\ngroup: {slug}\ndate: 2021-06-01\nnumber: 1\n{_present()}---\n\n{body}"
        parsed = parse_meeting(
            SourceFile(f"m/{slug}.md", text, f"meetings/{slug}/x.md"), md, problems
        )
        assert parsed is not None
        meetings.append(parsed)
    site = link_site(
        ParsedContent(SiteConfig("T"), PeopleRecord(), tuple(groups), tuple(meetings)), problems
    )
    # The same id in two groups is no duplicate (Grace's term is another matter).
    assert [p.code for p in problems.items] == ["not-a-member", "not-a-member"]
    by_group = {(a.group, a.action_id): a for a in site.actions}
    assert by_group[("audit", "1.1")].owners[0].person_id == "ada-lovelace"
    assert by_group[("budget", "1.1")].owners[0].person_id == "grace-hopper"
    assert by_group[("audit", "1.1")].url != by_group[("budget", "1.1")].url


def _present() -> str:
    return "attendance:\n" + textwrap.indent(PRESENT, "  ")
