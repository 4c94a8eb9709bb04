"""Mistakes that used to corrupt the record in silence, and owners as clerks write them:
each is now a message at its line, with a hint that says what to write."""

from __future__ import annotations

from pathlib import Path

from site_gen.commands.check import CheckOptions, check
from site_gen.pipeline import BuildOptions, build
from site_gen.problems import Problem
from tests.clerk_content import ATTENDANCE, GROUP, line_of, meeting, write_site

DAY = "2021-07-30.md"


def _problems(
    tmp_path: Path, body: str = "Hi.\n", front: str = ATTENDANCE, **extra: str
) -> list[Problem]:
    content = write_site(tmp_path, {DAY: meeting("2021-07-30", 3, body, front)}, extra)
    return list(check(CheckOptions(content=content, stale_after=0)).problems)


def _one(problems: list[Problem], code: str) -> Problem:
    (found,) = [p for p in problems if p.code == code]
    return found


# --- item 3: no silent corruption -------------------------------------------------------------


def test_a_name_one_letter_off_a_member_is_a_slip_not_a_new_person(tmp_path: Path) -> None:
    front = ATTENDANCE.replace("Geraldine Macdonald", "Geraldine Macdonal")
    found = _one(_problems(tmp_path, front=front), "near-name")
    assert found.severity == "warning"
    assert "did you mean 'Geraldine Macdonald'?" in found.message
    assert found.line == line_of(tmp_path / "content", DAY, "Macdonal")
    assert "write 'Geraldine Macdonald'" in found.hint


def test_initials_accents_and_case_are_slips_too(tmp_path: Path) -> None:
    group = GROUP.replace("Dez Holmes", "Siân Holmes")
    front = ATTENDANCE.replace("Dez Holmes", "Sian HOLMES").replace(
        "Geraldine Macdonald", "G. Macdonald"
    )
    content = write_site(
        tmp_path,
        {DAY: meeting("2021-07-30", 3, "Hi.\n", front)},
        {"groups/evidence-group.yaml": group},
    )
    found = [p for p in check(CheckOptions(content=content)).problems if p.code == "near-name"]
    assert sorted(p.message for p in found) == [
        "'G. Macdonald' is not a known person: did you mean 'Geraldine Macdonald'?",
        "'Sian HOLMES' is not a known person: did you mean 'Siân Holmes'?",
    ]
    # The same slip is not reported again as two spellings of one name.
    assert not [
        p for p in check(CheckOptions(content=content)).problems if p.code == "similar-names"
    ]


def test_two_people_a_letter_apart_are_not_a_guess(tmp_path: Path) -> None:
    group = GROUP + "  - name: Jane Smith\n  - name: Jane Smyth\n"
    front = ATTENDANCE.replace("Dez Holmes", "Jane Smth")  # as near Smith as Smyth
    content = write_site(
        tmp_path,
        {DAY: meeting("2021-07-30", 3, "Hi.\n", front)},
        {"groups/evidence-group.yaml": group},
    )
    assert not [p for p in check(CheckOptions(content=content)).problems if p.code == "near-name"]


def test_a_guest_listed_with_the_members_is_noted_by_check(tmp_path: Path) -> None:
    front = ATTENDANCE.replace("      - Dez Holmes\n", "      - Dez Holmes\n      - Jane Guest\n")
    found = _one(_problems(tmp_path, front=front), "not-a-member")
    assert found.message == "Jane Guest is listed as present but is not a member of Evidence Group"
    assert "kind: in_attendance" in found.hint
    assert found.line == line_of(tmp_path / "content", DAY, "Jane Guest")


def test_a_member_present_outside_their_term_is_warned_by_the_build(tmp_path: Path) -> None:
    group = GROUP.replace("  - name: Dez Holmes\n", "  - name: Dez Holmes\n    until: 2020-12-31\n")
    content = write_site(
        tmp_path, {DAY: meeting("2021-07-30", 3, "Hi.\n")}, {"groups/evidence-group.yaml": group}
    )
    result = build(BuildOptions(content=content, out=tmp_path / "out", cache=False, jobs=1))
    found = _one(list(result.problems), "not-a-member")
    assert "outside their membership of Evidence Group (until 2020-12-31)" in found.message
    assert "groups/evidence-group.yaml" in found.hint


def test_an_empty_agreed_records_nothing_and_says_so(tmp_path: Path) -> None:
    body = "Agreed:\n\nThe next item.\n\nAgreed:\n\n- to adopt the plan\n"
    problems = _problems(tmp_path, body)
    found = _one(problems, "empty-decision")
    assert found.line == line_of(tmp_path / "content", DAY, "Agreed:")
    assert "Agreed: to adopt the plan" in found.hint


def test_minutes_saved_as_txt_or_docx_are_not_ignored_in_silence(tmp_path: Path) -> None:
    extra = {
        "meetings/evidence-group/2021-09-10.txt": "Minutes",
        "meetings/evidence-group/2021-10-10.docx": "x",
        "meetings/evidence-group/2021-11-10.markdown": "x",
        # A meeting file already, front matter and all, saved with the wrong ending.
        "meetings/evidence-group/2021-12-10.txt": "---\r\ndate: 2021-12-10\r\n---\r\nHi.\r\n",
        "meetings/evidence-group/.2021-11-10.md.swp": "x",  # an editor's: not minutes
        "meetings/2022-01-10.docx": "x",  # straight in meetings/, in no group's folder
    }
    found = [p for p in _problems(tmp_path, **extra) if p.code == "not-markdown"]
    assert [Path(p.path).name for p in found] == [
        "2022-01-10.docx", "2021-09-10.txt", "2021-10-10.docx", "2021-11-10.markdown",
        "2021-12-10.txt"
    ]  # fmt: skip
    found = found[1:]
    assert "site-gen import" in found[0].hint and "site-gen import" in found[1].hint
    assert "rename it to 2021-11-10.md" in found[2].hint
    assert found[3].hint == "rename it to 2021-12-10.md", found[3].hint


def test_hidden_files_and_folders_under_meetings_are_not_minutes(tmp_path: Path) -> None:
    copy = meeting("2021-07-30", 3, "Hi.\n")
    extra = {
        "meetings/evidence-group/._2021-07-30.md": "\x00\x05\x16\x07 a Mac's twin",
        "meetings/.trash/2021-07-30.md": copy,  # a sync tool's deleted copy
        "meetings/evidence-group/.old/2021-06-30.txt": copy,  # would be "not-markdown"
    }
    content = write_site(tmp_path, {DAY: copy}, extra)
    result = build(BuildOptions(content=content, out=tmp_path / "out"))
    assert not result.failed and result.site is not None
    assert len(result.site.meetings) == 1
    assert not [p for p in result.problems if ".trash" in p.path or "._" in p.path]
    assert not [p for p in result.problems if p.code in ("not-markdown", "duplicate-meeting")]


def test_a_meeting_with_no_attendance_is_warned(tmp_path: Path) -> None:
    found = _one(_problems(tmp_path, front=""), "no-attendance")
    assert found.severity == "warning" and found.line == 2
    assert "kind: present" in found.hint


def test_a_misspelt_attendance_key_is_an_error_that_names_the_key(tmp_path: Path) -> None:
    front = ATTENDANCE.replace("attendance:", "atendance:")
    problems = _problems(tmp_path, front=front)
    found = _one(problems, "misspelt-key")
    assert found.severity == "error"
    assert "did you mean 'attendance'?" in found.message
    assert found.hint == "rename it to 'attendance'"
    assert not [p for p in problems if p.code == "no-attendance"]  # said once, as the error


def test_a_misspelt_detail_is_a_warning_with_the_key_meant(tmp_path: Path) -> None:
    found = _one(_problems(tmp_path, front=ATTENDANCE + "titel: Annual meeting\n"), "unknown-key")
    assert found.severity == "warning"
    assert found.message.endswith("did you mean 'title'?")


# --- item 4: owners as clerks write them -------------------------------------------------------


def _owners(
    tmp_path: Path, actions: str, front: str = ATTENDANCE
) -> tuple[list[Problem], list[object]]:
    content = write_site(tmp_path, {DAY: meeting("2021-07-30", 3, "Actions:\n\n" + actions, front)})
    result = check(CheckOptions(content=content, stale_after=0))
    return list(result.problems), [o.person_id for a in result.site.actions for o in a.owners]


def test_initials_and_first_names_resolve_against_the_attendance(tmp_path: Path) -> None:
    problems, owners = _owners(
        tmp_path, "- GM to share the research (3.1)\n- Leon to write (3.2)\n"
    )
    assert problems == []
    assert owners == ["geraldine-macdonald", "leon-feinstein"]


def test_without_attendance_first_names_resolve_against_the_members(tmp_path: Path) -> None:
    problems, owners = _owners(tmp_path, "- Dez to share the research (3.1)\n", front="")
    assert [p.code for p in problems] == ["no-attendance"]
    assert owners == ["dez-holmes"]


def test_ambiguous_initials_say_whose_they_are(tmp_path: Path) -> None:
    front = ATTENDANCE.replace("Dez Holmes", "Lisa Fell")  # LF, like Leon Feinstein
    problems, _ = _owners(tmp_path, "- LF to write (3.1)\n", front)
    found = _one(problems, "owner-ambiguous")
    assert "Leon Feinstein and Lisa Fell" in found.message


def test_an_organisation_as_owner_gets_the_bodies_hint(tmp_path: Path) -> None:
    problems, _ = _owners(tmp_path, "- NICE to publish the guidance (3.1)\n")
    found = _one(problems, "owner-body-unknown")
    assert "add it under 'bodies:' in people.yaml" in found.hint


def test_a_body_listed_under_bodies_resolves(tmp_path: Path) -> None:
    content = write_site(
        tmp_path,
        {DAY: meeting("2021-07-30", 3, "Actions:\n\n- NICE to publish the guidance (3.1)\n")},
        {"people.yaml": "bodies:\n  - name: NICE\n"},
    )
    result = check(CheckOptions(content=content, stale_after=0))
    assert result.problems == ()
    assert [o.body_id for a in result.site.actions for o in a.owners] == ["nice"]


def test_an_owner_naming_a_body_among_other_words_gets_its_name(tmp_path: Path) -> None:
    content = write_site(
        tmp_path,
        {DAY: meeting("2021-07-30", 3, "Actions:\n\n- NICE colleagues to publish (3.1)\n")},
        {"people.yaml": "bodies:\n  - name: NICE\n"},
    )
    (found,) = check(CheckOptions(content=content, stale_after=0)).problems
    assert found.code == "owner-body-unknown"
    assert "write the body's name, 'NICE', or add 'NICE colleagues' to its aliases" in found.hint


def test_an_action_without_an_owner_says_so(tmp_path: Path) -> None:
    problems, _ = _owners(tmp_path, "- Circulate the paper to all members (3.1)\n")
    found = _one(problems, "no-owner")
    assert found.message.startswith("no owner: 'Circulate the paper' reads as what is to be done")
    assert "unknown" not in found.message and "Name to do something" in found.hint


def test_an_unnumbered_action_is_updated_by_its_page_name(tmp_path: Path) -> None:
    first = meeting("2021-07-30", 3, "Actions:\n\n- Dez to share the research\n")
    update = '"2021-07-30-share-the-research": {status: closed, note: Shared.}\n'
    typo = '"2021-07-30-share-the-reserch": closed\n'
    later = meeting(
        "2021-09-10", 4, "Hi.\n", ATTENDANCE + "action_updates:\n  " + update + "  " + typo
    )
    content = write_site(tmp_path, {DAY: first, "2021-09-10.md": later})
    result = check(CheckOptions(content=content, stale_after=0))
    (action,) = result.site.actions
    assert action.key == "2021-07-30-share-the-research" and action.status == "closed"
    found = _one(list(result.problems), "unknown-action")
    assert "2021-07-30-share-the-reserch" in found.message
    assert "address of the action's page" in found.hint


# --- item 5: hints that are right -------------------------------------------------------------


def test_an_impossible_day_names_the_month_length(tmp_path: Path) -> None:
    content = write_site(tmp_path, {DAY: meeting("2021-09-31", 3, "Hi.\n")})
    found = _one(list(check(CheckOptions(content=content)).problems), "not-a-date")
    assert found.hint == "no such day: September has 30 days"


def test_an_update_key_with_words_around_the_id_says_to_write_the_id(tmp_path: Path) -> None:
    front = ATTENDANCE + 'action_updates:\n  "Action 3.1": closed\n  "3-2": open\n'
    problems = [p for p in _problems(tmp_path, front=front) if p.code == "bad-action-id"]
    assert [p.hint for p in problems] == [
        'the key is the action id alone: write "3.1"',
        'an action id is numbers with dots: write "3.2"',
    ]


def test_a_list_item_without_a_space_is_reported_at_its_own_line(tmp_path: Path) -> None:
    front = ATTENDANCE.replace("      - Dez Holmes\n", "      -Lisa Harker\n")
    found = _one(_problems(tmp_path, front=front), "invalid-yaml")
    assert found.line == line_of(tmp_path / "content", DAY, "-Lisa Harker")
    assert found.hint == "put a space after the '-' of a list item: '- Lisa Harker'"
