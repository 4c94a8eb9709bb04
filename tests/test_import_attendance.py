"""Attendance as minutes write it (site_gen/importer/attendance.py): one case per convention,
each a fixture of our own."""

from __future__ import annotations

import textwrap

import pytest

from site_gen.importer.attendance import read_attendance
from site_gen.importer.document import Line


def read(text: str, group: str = "") -> list[tuple[str, str, list[str]]]:
    lines = tuple(Line(n, t) for n, t in enumerate(textwrap.dedent(text).split("\n"), start=1))
    found = read_attendance(lines, set(), group)
    return [(s.label, str(s.kind), [e.name for e in s.entries]) for s in found.sections]


def kinds(text: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for _, kind, names in read(text):
        result.setdefault(kind, []).extend(names)
    return result


CASES = {
    "a heading of any level and bullets": (
        "### Attendees\n\n* Ola Kay\n* Tem Obi\n\n### Regrets\n\n* Uma Vale\n",
        {"present": ["Ola Kay", "Tem Obi"], "apologies": ["Uma Vale"]},
    ),
    "a bold label with the colon outside": (
        "**Board Attendees**:\n\n* Ola Kay\n\n**Community Attendees**:\n\n**Votes**\n",
        {"present": ["Ola Kay"]},
    ),
    "a comma list on the label's line": (
        "Present: Ola Kay (OK) (Chair), Tem Obi, Uma Vale\nApologies: Vic Wu\n",
        {"present": ["Ola Kay", "Tem Obi", "Uma Vale"], "apologies": ["Vic Wu"]},
    ),
    "a comma list on the line after the label": (
        "Apologies:\nVic Wu, Wes Abel, Xia Bo\n\n1. Welcome\n",
        {"apologies": ["Vic Wu", "Wes Abel", "Xia Bo"]},
    ),
    "a comma list wrapped inside a name": (
        "Present:\n  Ola Kay, Tem Obi, Uma \n  Vale, Vic Wu\nAudio:\n  a link\n",
        {"present": ["Ola Kay", "Tem Obi", "Uma Vale", "Vic Wu"]},
    ),
    "indented lines of names, then the agenda": (
        "    Directors Present:\n\n        Ola Kay\n        Tem Obi joined at 18:50\n\n"
        "    Directors Absent:\n\n        Uma Vale\n\n    Guests:\n\n        (none)\n\n"
        " 3. Minutes\n",
        {"present": ["Ola Kay", "Tem Obi"], "absent": ["Uma Vale"]},
    ),
    "a roll call, unticked is absent unless apologies say more": (
        "## Member attendance\n\n* [x] Ola Kay - Chair, Acme\n* [ ] Tem Obi, Bolt\n"
        "* [ ] Uma Vale, Cog\n\n## Apologies\n\n* Tem Obi, Bolt\n",
        {"present": ["Ola Kay"], "absent": ["Uma Vale"], "apologies": ["Tem Obi"]},
    ),
    "member classes under one heading": (
        "## Voting member attendance\n\n### Company representatives\n\n- [x] Ola Kay\n\n"
        "### Project representatives\n\n- [x] Tem Obi\n- [ ] Uma Vale\n\n## Agenda\n\n- Budget\n",
        {"present": ["Ola Kay", "Tem Obi"], "absent": ["Uma Vale"]},
    ),
    "a table with a column of x marks": (
        "## Attendance (mark an X if you are here)\n\n|  | Name/Affiliation |\n| --- | --- |\n"
        "| x | Ola Kay (Acme) |\n|  | Tem Obi (Bolt) |\n| X | Uma Vale |\n",
        {"present": ["Ola Kay", "Uma Vale"], "absent": ["Tem Obi"]},
    ),
    "a nested list under a list item, struck names, colleagues": (
        "* **Bosun**: Ola Kay\n* **Attendees**\n    * Ola Kay [Acme]\n"
        "    * Tem Obi, Uma Vale [Bolt]\n    * ~~Vic Wu [Cog]~~\n* **Absent**\n"
        "    * Wes Abel\t[Dot]\n* **Topics**\n    * Budget\n",
        {"present": ["Ola Kay", "Tem Obi", "Uma Vale"], "absent": ["Vic Wu", "Wes Abel"]},
    ),
    "handles, delegates and late arrivals": (
        "Present:\n\n- Ola Kay (@olak\n- Tem Obi, Acme (delegate for Uma Vale)\n"
        "- Vic Wu (at 10:40am)\n",
        {"present": ["Ola Kay", "Tem Obi", "Vic Wu"]},
    ),
    "a list at the end of the file": (
        "# Tools team, June 14\n\n## Notes\n\n* The checker works.\n\n## Attendees\n\n"
        "  - Ola Kay, Acme\n  - Tem Obi\n",
        {"present": ["Ola Kay", "Tem Obi"]},
    ),
    "sentences that send regrets": (
        "Present: Ola Kay, Tem Obi, Uma Vale\n\nNote: Vic Wu is not able to join today\n"
        "* Wes Abel - sends regrets\nUma Vale: Regrets+\n",
        {"present": ["Ola Kay", "Tem Obi"], "apologies": ["Vic Wu", "Wes Abel", "Uma Vale"]},
    ),
    "labels of no kind under an attendance heading": (
        "## Attendance\n\nCouncil: Ola Kay, tem, Uma Vale\nObservers: Vic Wu\n\n## Agenda\n",
        {"present": ["Ola Kay", "tem", "Uma Vale"], "observer": ["Vic Wu"]},
    ),
    "an agenda step that records attendance, with lists below it": (
        "- Check-in\n- Record attendance\n    - Council: Ola Kay, Tem Obi\n"
        "    - Observers: Uma Vale\n- Consent to agenda\n",
        {"present": ["Ola Kay", "Tem Obi"], "observer": ["Uma Vale"]},
    ),
    "a meeting role and nicknames in a list": (
        "- Members: TC, Ola Kay, tem, Uma Vale\n- Facilitator: Vic Wu\n- Observers: Wes Abel\n",
        {
            "present": ["TC", "Ola Kay", "tem", "Uma Vale"],
            "in_attendance": ["Vic Wu"],
            "observer": ["Wes Abel"],
        },
    ),
    "a table of label rows, as Word lays attendance out": (
        "| Attendance |  |\n| --- | --- |\n"
        "| Present | Ola Kay (OK - chair), Tem Obi (TO), Uma Vale (UV - minutes) |\n"
        "| Apologies | Vic Wu, Wes Abel (second half) |\n",
        {"present": ["Ola Kay", "Tem Obi", "Uma Vale"], "apologies": ["Vic Wu", "Wes Abel"]},
    ),
    "a comma list that runs on over the lines below its label": (
        "Participants: Ola Kay (OK), Tem Obi (TO),\nUma Vale (UV), Vic Wu (VW),\n"
        "Wes Abel (WA)\n\nApologies: Yan Zed\n\nThe chair opened the meeting.\n",
        {
            "present": ["Ola Kay", "Tem Obi", "Uma Vale", "Vic Wu", "Wes Abel"],
            "apologies": ["Yan Zed"],
        },
    ),
    "an 'Attended by' roll call of ticked boxes, by class": (
        "## Notes\n\nText.\n\n## Attended by\n\n### Voting members\n\n"
        "* [X] [Ola Kay](https://example.org/ola), Lock Co\n* [ ] [Tem Obi](https://example.org/t)\n"
        "* [x] Uma Vale, Weir Ltd\n\n### Additional attendees\n\n* Vic Wu, Canal Co\n",
        {"present": ["Ola Kay", "Uma Vale"], "absent": ["Tem Obi"], "in_attendance": ["Vic Wu"]},
    ),
    "a roll call with no box ticked is a template, not absences": (
        "## Attended by\n\n* [ ] Ola Kay, Lock Co\n* [ ] Tem Obi, Weir Ltd\n* [ ] Uma Vale\n",
        {},
    ),
    "an ampersand inside a bracket, an emphasis mark left open": (
        "**Present:** Ola Kay (AT&T), Tem Obi (B&Q)\n\n### Attendance\n"
        "_Uma Vale, Vic Wu, Wes Abel\n",
        {"present": ["Ola Kay", "Tem Obi", "Uma Vale", "Vic Wu", "Wes Abel"]},
    ),
    "people the meeting approved are not attendance": (
        "Board members in attendance:\n- Ola Kay\n- Tem Obi\n\n## Members approved\n\n"
        "- Uma Vale\n- Vic Wu\n\n## New members\n\n- Wes Abel\n",
        {"present": ["Ola Kay", "Tem Obi"]},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attendance_conventions(name: str) -> None:
    text, expected = CASES[name]
    assert kinds(text) == expected


def test_the_group_named_in_a_label_lists_its_members() -> None:
    assert read("Canal Trust:\n\n- Ola Kay, Chair\n", group="Canal Trust") == [
        ("Canal Trust", "present", ["Ola Kay"])
    ]


def test_a_label_that_names_no_kind_after_attendance_is_a_guess() -> None:
    found = read(
        "Present:\n\n- Ola Kay\n\nReview Team:\n\n- Tem Obi, Adviser\n\n"
        "Agenda:\n\n- Budget\n- Rooms\n"
    )
    assert found == [
        ("Present", "present", ["Ola Kay"]),
        ("Review Team", "in_attendance", ["Tem Obi"]),
    ]


def test_far_down_a_long_file_only_words_of_attendance_make_a_label() -> None:
    filler = "Some report text.\n" * 100
    text = (
        "Present: Ola Kay, Tem Obi\n\n" + filler + "New project members:\n\n- Uma Vale\n- Vic Wu\n"
    )
    assert kinds(text) == {"present": ["Ola Kay", "Tem Obi"]}


@pytest.mark.parametrize(
    "text",
    [
        "## Agenda\n\n- Budget\n- Staffing\n",  # an agenda is no attendance
        "* got a sense from attendees on the history\n",  # a sentence about attendees
        "Attendance - 19\n",  # a headcount names no one
        "Members were asked to read the report.\n",
    ],
)
def test_no_attendance(text: str) -> None:
    assert read(text) == []


def test_initials_beside_a_role_in_one_bracket() -> None:
    lines = (Line(1, "Present: Ola Kay (OK - chair), Tem Obi (TO \u2013 minutes)"),)
    (section,) = read_attendance(lines, set(), "").sections
    assert [(e.name, e.initials, e.role) for e in section.entries] == [
        ("Ola Kay", "OK", "chair"),
        ("Tem Obi", "TO", "minutes"),
    ]


def test_word_bullets_from_a_pdf_are_markdown_bullets() -> None:
    from site_gen.importer.text import markdown_bullets

    lines, notes = markdown_bullets([Line(1, "\uf0b7 First point"), Line(2, "  \uf0a7 Nested")])
    assert [ln.text for ln in lines] == ["- First point", "  - Nested"]
    assert notes


@pytest.mark.parametrize("mark", ["+", "x", "X", "\u2713", "\u2714", "Y", "yes", "P"])
def test_a_roll_call_marked_with_any_tick_under_present_and_apologies_columns(mark: str) -> None:
    text = (
        "### Attendance 12\n\n| | | | |\n| --- | --- | --- | --- |\n"
        "| Init | Name | Present | Apologies |\n"
        f"| OB | Orla Byrne | {mark} | |\n| PN | Pavel Novak | | {mark} |\n| RS | Rhea Sato | | |\n"
    )
    assert kinds(text) == {
        "present": ["Orla Byrne"],
        "apologies": ["Pavel Novak"],
        "absent": ["Rhea Sato"],
    }


def test_a_character_reference_in_a_list_item_is_the_character_it_names() -> None:
    """Editors that export Markdown leave "&#x20;" and "&nbsp;" in names: the list goes on."""
    text = (
        "## Participants:\n\n* Orla Byrne\n* Pavel&#x20;\n* Rhea&nbsp;Sato\n* Theo Udall&#160;\n"
        "* Uma &amp; Vic Wu\n\n## Notes\n\n1. Welcome&#x20;\n"
    )
    assert kinds(text)["present"][:4] == ["Orla Byrne", "Pavel", "Rhea Sato", "Theo Udall"]
