"""The record as the build reads it from minutes written for site_gen: the same conventions
import recognises (issue 12, item 5), on meetings parsed and linked in memory."""

from __future__ import annotations

from test_link import line_of, link, meeting

from site_gen.model import Action, EventKind, Site
from site_gen.vocabulary import ActionStatus

MEMBERS = """\
- label: Members
  kind: present
  people:
    - Ada Lovelace (AL), Chair
    - Sam Okafor
    - Grace Hopper
    - Ben Elder (@bentheelder)
"""


def raised(site: Site, day: str) -> list[Action]:
    return [a for a in site.actions if a.raised_in == f"audit/{day}"]


def owners(action: Action) -> list[str | None]:
    return [o.person_id or o.body_id or o.group for o in action.owners]


def updates(site: Site, day: str) -> dict[str, ActionStatus | None]:
    return {
        a.action_id or a.task: e.status
        for a in site.actions
        for e in a.events
        if e.kind is EventKind.UPDATED and e.meeting == f"audit/{day}"
    }


def test_new_actions_under_any_label_with_owners_in_any_form() -> None:
    body = """\
    ## 1. Budget

    ### New actions

    - 3.1 Okafor: circulate the budget
    - 3.2 AL to write to the bank
    - 3.3 GH to book the room
    - @bentheelder & Grace to draft the policy (3.4)
    - (SO) chase the auditors
    - All to read the report
    """
    site, problems = link(meeting("2022-03-01", 3, MEMBERS, body))
    actions = {a.action_id or a.task: a for a in raised(site, "2022-03-01")}
    assert {k: owners(a) for k, a in actions.items()} == {
        "3.1": ["sam-okafor"],  # a surname
        "3.2": ["ada-lovelace"],  # initials the attendance gives
        "3.3": ["grace-hopper"],  # initials only one attendee has
        "3.4": ["ben-elder", "grace-hopper"],  # a handle the attendance gives, a first name
        "chase the auditors": ["sam-okafor"],
        "read the report": ["audit"],
    }
    assert actions["3.1"].task == "circulate the budget"
    assert not problems.items


def test_action_markers_anywhere_and_guessed_owners() -> None:
    body = """\
    ## 1. Premises

    - The lease was discussed.
        - Action: Grace to call the landlord
        - AI: Sam clarify the service charge
        - AI: Need to check the insurance
    - **Action 3.5:** Ada to sign the lease

    The chair thanked everyone.
    ACTION: Ben to file the papers
    ACTION: Grace to scan them
    """
    site, problems = link(meeting("2022-03-01", 3, MEMBERS, body))
    found = {a.action_id or a.task: owners(a) for a in raised(site, "2022-03-01")}
    assert found == {
        "call the landlord": ["grace-hopper"],
        "clarify the service charge": ["sam-okafor"],  # the guess names someone present
        "Need to check the insurance": [],  # the guess names no one: no owner, as written
        "3.5": ["ada-lovelace"],
        "file the papers": ["ben-elder"],
        "scan them": ["grace-hopper"],
    }
    assert [p.code for p in problems.items] == ["no-owner"]


def test_a_review_updates_and_mentions_earlier_actions_by_id() -> None:
    first = meeting(
        "2022-03-01",
        3,
        MEMBERS,
        "Actions:\n\n- Sam to call (3.1)\n- Ada to write (3.2)\n- Grace to book (3.3)\n",
    )
    body = """\
    ## 1. Matters arising

    - 3.1 Sam to call - Done
    - 3.2 Ada to write
        - Status: in progress, letter drafted
    - 3.3 Grace to book
    """
    second = meeting("2022-04-05", 4, MEMBERS, body)
    site, problems = link(first, second)
    assert updates(site, "2022-04-05") == {
        "3.1": ActionStatus.CLOSED,
        "3.2": ActionStatus.IN_PROGRESS,
    }
    booked = next(a for a in site.actions if a.action_id == "3.3")
    assert [e.kind for e in booked.events] == [EventKind.RAISED, EventKind.MENTIONED]
    assert raised(site, "2022-04-05") == []  # nothing raised again
    assert not problems.items


def test_an_update_in_the_front_matter_wins_over_the_body() -> None:
    first = meeting("2022-03-01", 3, MEMBERS, "Actions:\n\n- Sam to call (3.1)\n")
    extra = 'action_updates:\n  "3.1": dropped\n'
    second = meeting(
        "2022-04-05", 4, MEMBERS, "## Review of actions\n\n- 3.1 Sam to call - Done\n", extra
    )
    site, _ = link(first, second)
    assert updates(site, "2022-04-05") == {"3.1": ActionStatus.DROPPED}


def test_an_id_listed_again_later_is_carried_forward_not_raised_twice() -> None:
    first = meeting("2022-03-01", 3, MEMBERS, "Actions:\n\n- Sam to call the bank (3.1)\n")
    second = meeting(
        "2022-04-05", 4, MEMBERS, "Actions:\n\n- Sam to call the bank (3.1)\n- Ada to file (4.1)\n"
    )
    site, problems = link(first, second)
    carried = next(a for a in site.actions if a.action_id == "3.1")
    assert carried.raised_in == "audit/2022-03-01"
    assert [(e.kind, e.status, e.note) for e in carried.events][1:] == [
        (EventKind.UPDATED, ActionStatus.OPEN, "carried forward")
    ]
    assert [a.action_id for a in raised(site, "2022-04-05")] == ["4.1"]
    assert not problems.errors


def test_an_action_written_in_the_notes_and_again_in_the_summary_is_one() -> None:
    body = """\
    ## 1. Rooms

    Action: Grace to book the hall for May

    ## Actions

    - Grace to book the hall for May
    - Sam to order chairs (3.2)
    """
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert sorted(a.action_id or a.task for a in raised(site, "2022-03-01")) == [
        "3.2",
        "book the hall for May",
    ]


def test_unnumbered_earlier_actions_are_followed_by_owner_and_task() -> None:
    first = meeting("2022-03-01", 3, MEMBERS, "Actions:\n\n- Sam: ask the school about parking\n")
    body = """\
    ## 1. Review of actions

    - Sam: ask the school about parking [ Parking ]
      Status: done, school agreed
    - Ada: renew the insurance
      Status: still not done
    - Grace: tidy the store
      Status:
    """
    second = meeting("2022-04-05", 4, MEMBERS, body)
    site, problems = link(first, second)
    parking = next(a for a in site.actions if a.task.startswith("ask the school"))
    assert parking.status is ActionStatus.CLOSED
    assert parking.events[-1].note == "school agreed"
    # Raised before the published record: known from its review, with its owner.
    earlier = next(a for a in site.actions if a.task == "renew the insurance")
    assert earlier.raised_in is None and earlier.status is ActionStatus.OPEN
    assert owners(earlier) == ["ada-lovelace"]
    # An empty status says nothing: no action is made of it.
    assert not any(a.task == "tidy the store" for a in site.actions)
    assert not problems.items


def test_a_marker_in_a_review_raises_only_what_is_new() -> None:
    first = meeting("2022-03-01", 3, MEMBERS, "- AI Sam: ping the council about the bins\n")
    body = """\
    * AI follow-up:
        * AI Sam: ping the council about the bins
        * AI Grace: write to the school (done)
        * AI Ada: order new keys
    """
    second = meeting("2022-04-05", 4, MEMBERS, body)
    site, _ = link(first, second)
    bins = next(a for a in site.actions if a.task.startswith("ping the council"))
    assert [e.kind for e in bins.events] == [EventKind.RAISED, EventKind.MENTIONED]
    assert sorted(a.task for a in raised(site, "2022-04-05")) == [
        "order new keys",
        "write to the school",
    ]


def test_a_list_of_statuses_under_an_actions_heading_is_a_review() -> None:
    body = """\
    ## Action Items

    - Sam- Update the rota. DONE
    - Ada- Renew the lease. IN PROCESS

    New

    - Grace- Book the hall
    """
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert [a.task for a in raised(site, "2022-03-01")] == ["Book the hall"]
    assert updates(site, "2022-03-01") == {
        "Update the rota.": ActionStatus.CLOSED,
        "Renew the lease.": ActionStatus.IN_PROGRESS,
    }


def test_a_sentence_that_gives_an_action() -> None:
    body = (
        "## 1. Premises\n\nThe lease was read. Sam has the action item to check the fire doors.\n"
    )
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    [action] = raised(site, "2022-03-01")
    assert (action.task, owners(action)) == ("check the fire doors", ["sam-okafor"])


def test_a_line_of_the_written_action_is_where_it_was_raised() -> None:
    source = meeting("2022-03-01", 3, MEMBERS, "## 1. Rooms\n\nACTION: Grace to book the hall\n")
    site, _ = link(source)
    [action] = raised(site, "2022-03-01")
    assert action.anchor == "action-book-the-hall"
    assert line_of(source, "ACTION: Grace") > 10


def test_an_id_and_an_owner_make_an_action_only_at_the_meeting_the_id_names() -> None:
    body = """\
    ## 1. Notes

    - Sam to order chairs (3.4)
    - Ada to write to the bank (2.7)
    """
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert [a.action_id for a in raised(site, "2022-03-01")] == ["3.4"]
    earlier = next(a for a in site.actions if a.action_id == "2.7")
    assert earlier.raised_in is None  # from before the record, mentioned here
    assert [e.kind for e in earlier.events] == [EventKind.MENTIONED]


def test_the_whole_group_in_its_own_words() -> None:
    body = "Actions:\n\n- The committee to approve the accounts\n- Audit members to read the report\n- Board to meet in May\n"  # noqa: E501
    site, problems = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert [owners(a) for a in raised(site, "2022-03-01")] == [["audit"], ["audit"], ["audit"]]
    assert not problems.items


def test_a_label_that_says_the_actions_are_new_raises_them_whatever_their_status() -> None:
    body = """\
    ## Action items as a result of this meeting:

    - Open an issue on the rules [done]
    - Open an issue on the rota [done]

    ## Todo list

    - [ ] Find a facilitator
        - [ ] Ask around
    """
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert sorted(a.task for a in raised(site, "2022-03-01")) == [
        "Find a facilitator",
        "Open an issue on the rota",
        "Open an issue on the rules",
    ]


def test_a_table_of_actions_and_a_table_reviewing_them() -> None:
    first = """\
    ## 2. Actions

    | No. | Action | Owner | Due |
    | --- | --- | --- | --- |
    | 3.1 | Connect the team with the council | Sam | May |
    | 3.2 | Write to the bank | AL | June |
    """
    second = """\
    ## 1. Review of actions

    | Ref | Action | Who | Status |
    | --- | --- | --- | --- |
    | 3.1 | Connect the team with the council | Sam | Done |
    | 3.2 | Write to the bank | AL | Ongoing: letter drafted |
    """
    site, problems = link(
        meeting("2022-03-01", 3, MEMBERS, first), meeting("2022-04-05", 4, MEMBERS, second)
    )
    assert {a.action_id: owners(a) for a in raised(site, "2022-03-01")} == {
        "3.1": ["sam-okafor"],
        "3.2": ["ada-lovelace"],
    }
    assert updates(site, "2022-04-05") == {
        "3.1": ActionStatus.CLOSED,
        "3.2": ActionStatus.IN_PROGRESS,
    }
    assert not problems.items


def test_an_earlier_id_in_the_actions_of_a_meeting_numbered_by_meeting_is_carried() -> None:
    """The first meeting of an archive lists an action of a meeting not published."""
    body = "Actions:\n\n- Sam to call the bank (2.4)\n- Ada to file the return (3.1)\n"
    site, problems = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert [a.action_id for a in raised(site, "2022-03-01")] == ["3.1"]
    assert updates(site, "2022-03-01") == {"2.4": ActionStatus.OPEN}
    assert not problems.errors


def test_ids_numbered_by_agenda_item_are_all_raised() -> None:
    """Ids of agenda items (2.1, 4.1 at meeting 7), not of meetings: nothing is carried."""
    body = "Actions:\n\n- Sam to call the bank (2.1)\n- Ada to file the return (4.1)\n"
    site, _ = link(meeting("2022-03-01", 7, MEMBERS, body))
    assert sorted(a.action_id or "" for a in raised(site, "2022-03-01")) == ["2.1", "4.1"]


def test_a_marked_id_with_a_status_in_a_review_updates_an_action_from_before() -> None:
    body = """\
    ## Review of actions from previous meetings

    1. **Action 1.2: SO to book the hall.** _Closed_
    2. **Action 2.1: AL to write to the bank.** Letter drafted. _Ongoing_

    ## Actions

    - 3.1 Grace to find a printer
    """
    site, _ = link(meeting("2022-03-01", 3, MEMBERS, body))
    assert [a.action_id for a in raised(site, "2022-03-01")] == ["3.1"]
    assert updates(site, "2022-03-01") == {
        "1.2": ActionStatus.CLOSED,
        "2.1": ActionStatus.IN_PROGRESS,
    }


def test_an_action_log_with_an_empty_first_row_raises_its_meetings_ids_with_their_status() -> None:
    """ "Item | Description | Resp. | Status" after an empty header row: the ids that carry the
    meeting's number are raised there, with the status they reached; an earlier id is not."""
    body = """\
    ### Actions 5

    | | | | |
    | --- | --- | --- | --- |
    | Item | Description | Resp. | Status |
    | 4.02 | Write to the bank | AL | Done |
    | 5.01 | Book the hall | SO | Done |
    | 5.02 | Find a printer | Grace | Ongoing |
    | 5.03 | .. | .. | |
    | 5.04 | \u2013 | \u2013 | \u2013 |
    """
    site, problems = link(meeting("2022-03-01", 5, MEMBERS, body))
    assert {a.action_id: owners(a) for a in raised(site, "2022-03-01")} == {
        "5.01": ["sam-okafor"],
        "5.02": ["grace-hopper"],
    }
    assert {a.action_id: a.status for a in site.actions} == {
        "4.02": ActionStatus.CLOSED,
        "5.01": ActionStatus.CLOSED,
        "5.02": ActionStatus.IN_PROGRESS,
    }
    assert not problems.errors


def test_an_unnumbered_action_repeated_word_for_word_while_open_is_carried_forward() -> None:
    first = """\
    ## Action items
    - Sam Okafor: write up the voting rules for the chat channel
    - Grace Hopper: book the autumn venue
    """
    second = """\
    ## Action items
    - Sam Okafor:  Write up the voting rules for the chat channel
    - Grace Hopper: book the autumn venue and catering
    - Ada Lovelace: draft the newsletter
    """
    site, problems = link(
        meeting("2022-03-01", 3, MEMBERS, first), meeting("2022-04-05", 4, MEMBERS, second)
    )
    assert sorted(a.task for a in raised(site, "2022-04-05")) == [
        "book the autumn venue and catering",
        "draft the newsletter",
    ]
    assert updates(site, "2022-04-05") == {
        "write up the voting rules for the chat channel": ActionStatus.OPEN
    }
    assert not problems.errors
