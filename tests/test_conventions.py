"""The shared rules for the record (site_gen/conventions): one case per convention, each a
fixture of our own that writes the convention the way minutes do."""

from __future__ import annotations

import pytest

from site_gen.conventions.action_labels import LabelKind, label_kind
from site_gen.conventions.action_text import action_marker, owner_like, read_action
from site_gen.conventions.prose_actions import prose_action
from site_gen.conventions.same_action import same_owner, same_task
from site_gen.conventions.short_names import fits, handle_fits, initials_of, split_given
from site_gen.conventions.statuses import status_statement, trailing_status, whole_status
from site_gen.vocabulary import ActionStatus

RAISE, REVIEW = LabelKind.RAISE, LabelKind.REVIEW
OPEN, DOING, CLOSED, DROPPED = (
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.CLOSED,
    ActionStatus.DROPPED,
)


# --- labels and headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Actions", RAISE),
        ("Actions:", RAISE),
        ("**Action points**", RAISE),
        ("New actions", RAISE),
        ("Open and new actions", RAISE),
        ("Action items", RAISE),
        ("Action Items (AIs)", RAISE),
        ("Actions arising", RAISE),
        ("AIs", RAISE),
        ("Action items as a result of this meeting:", RAISE),
        ("4. Actions agreed", RAISE),
        ("Decisions and actions", RAISE),
        ("Todo list", RAISE),
        ("Matters arising", REVIEW),
        ("Matters arising from the minutes", REVIEW),
        ("Review of actions", REVIEW),
        ("2. Review of previous actions", REVIEW),
        ("Item 2 - Review of action log", REVIEW),
        ("Actions from the last meeting", REVIEW),
        ("Carried forward", REVIEW),
        ("Review outstanding action items", REVIEW),
        ("Action item follow-up", REVIEW),
        ("Any AI followups?", REVIEW),
        ("Open actions", REVIEW),
        ("Action log", REVIEW),
        # Not labels: sentences that mention actions, "AI" the technology, other headings.
        ("Actions taken by the council were reviewed at length by the members", None),
        ("AI / ML working group", None),
        ("AI & Risk", None),
        ("Transactions", None),
        ("Agenda", None),
        ("Next steps", None),
    ],
)
def test_labels_that_introduce_actions(label: str, kind: LabelKind | None) -> None:
    assert label_kind(label) is kind


# --- markers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rest", "action_id", "owner"),
    [
        ("Action: Ola to book the hall", "Ola to book the hall", None, None),
        ("ACTION: Ola to book the hall", "Ola to book the hall", None, None),
        ("Action item: confirm the date", "confirm the date", None, None),
        ("ACTION OK: send the letter", "send the letter", None, "OK"),
        ("**Action 7.2:** Ola to book the hall", "Ola to book the hall", "7.2", None),
        ("Action 7.2 (OK): book the hall", "book the hall", "7.2", "OK"),
        ("AI: Ola - book the hall", "Ola - book the hall", None, None),
        ("AI -- Ola to book the hall", "Ola to book the hall", None, None),
        ("AI Ola - book the hall", "Ola - book the hall", None, None),
        ("[AI:Ola] book the hall", "book the hall", None, "Ola"),
        ("AI (everyone): read the draft", "read the draft", None, "everyone"),
        ("AI for ola this week", "this week", None, "ola"),
        ("@ola: book the hall", "book the hall", None, "@ola"),
        ("**AI: Ola books the hall**", "Ola books the hall", None, None),
        ("ACTION ITEM for Weir Group: write the plan", "write the plan", None, "Weir Group"),
        ("Action: for the record, none", "for the record, none", None, None),
    ],
)
def test_action_markers(text: str, rest: str, action_id: str | None, owner: str | None) -> None:
    marker = action_marker(text)
    assert marker is not None
    assert (marker.rest, marker.action_id, marker.owner) == (rest, action_id, owner)


@pytest.mark.parametrize(
    "text",
    [
        "AI models were discussed at length",  # AI, the technology
        "AI / ML working group update",
        "AI & Risk: consider which elements belong in the core",
        "Actions:",  # a label, not an action
        "The action was agreed by all",
        "Ola: we should book the hall",  # a speaker, not an owner
    ],
)
def test_no_marker(text: str) -> None:
    assert action_marker(text) is None


# --- one action's text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "action_id", "owner", "task"),
    [
        ("Ola to book the hall (7.1)", "7.1", "Ola", "book the hall"),
        ("7.1 Ola to book the hall", "7.1", "Ola", "book the hall"),
        ("7.1 - OK/RT to book the hall", "7.1", "OK/RT", "book the hall"),
        ("Okafor: book the hall", None, "Okafor", "book the hall"),
        (
            "Ola, Tem, Project leads: draft the survey",
            None,
            "Ola, Tem, Project leads",
            "draft the survey",
        ),
        ("Ola - book the hall", None, "Ola", "book the hall"),
        ("OlaK- book the hall", None, "OlaK", "book the hall"),
        ("Ola will book the hall", None, "Ola", "book the hall"),
        ("(OK) book the hall", None, "OK", "book the hall"),
        ("[Ola Kay] book the hall", None, "Ola Kay", "book the hall"),
        ("Ola Kay (OK) to book the hall", None, "Ola Kay (OK)", "book the hall"),
        ("@ola & @tem to close the item", None, "@ola & @tem", "close the item"),
        ("All to read the draft", None, "All", "read the draft"),
        ("The working group to read the draft", None, "The working group", "read the draft"),
        # No owner: a topic before the colon, a deadline, an exhortation.
        ("Chair nominations: close on Monday", None, None, "Chair nominations: close on Monday"),
        ("Keep sending ideas!", None, None, "Keep sending ideas!"),
        ("Need to book the hall", None, None, "Need to book the hall"),
        ("Open Issue to clarify the rules", None, None, "Open Issue to clarify the rules"),
        ("Ola to check the 3.5 figure", None, "Ola", "check the 3.5 figure"),
        # When it is due, before the owner.
        ("For next session: Ola - brief us on the plan", None, "Ola", "brief us on the plan"),
        ("By the next meeting, Tem Obi to book the hall", None, "Tem Obi", "book the hall"),
        ("For next session: think about roles", None, None, "For next session: think about roles"),
    ],
)
def test_action_text(text: str, action_id: str | None, owner: str | None, task: str) -> None:
    reading = read_action(text)
    assert (reading.action_id, reading.owner, reading.task) == (action_id, owner, task)


def test_after_a_marker_the_names_before_the_verb_are_guesses() -> None:
    reading = read_action("Ola/Tem Review the draft and reply", marked=True)
    assert reading.owner is None
    assert reading.guesses == (
        ("Ola/Tem Review", "the draft and reply"),
        ("Ola/Tem", "Review the draft and reply"),
    )
    assert read_action("Need to review the draft", marked=True).guesses == ()


def test_a_bold_label_is_a_name_only_if_it_names_someone() -> None:
    person = read_action("**Ola Kay:** book the hall")
    topic = read_action("[ ] **Room audit:** list the rooms")
    assert person.owner is None and person.guesses == (("Ola Kay", "book the hall"),)
    assert topic.owner is None and topic.checked is False
    assert topic.task == "**Room audit:** list the rooms"


def test_lenient_owners_in_an_actions_list() -> None:
    reading = read_action("Review team member and Chair to discuss", lenient=True)
    assert (reading.owner, reading.task) == ("Review team member and Chair", "discuss")


@pytest.mark.parametrize(
    ("owner", "like"),
    [
        ("Ola", True),
        ("Ola Kay", True),
        ("OK", True),
        ("OlaK", True),
        ("@ola", True),
        ("Ola van Dam", True),
        ("Review team", True),
        ("Ola & Tem", True),
        ("Need", False),
        ("Making a start", False),
        ("It", False),
        ("Next steps", False),
    ],
)
def test_what_can_be_an_owner(owner: str, like: bool) -> None:
    assert owner_like(owner) is like


# --- statuses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rest", "status", "note"),
    [
        ("7.1 Ola to book the hall - Closed", "7.1 Ola to book the hall", CLOSED, ""),
        ("Ola to book the hall \u2013 done", "Ola to book the hall", CLOSED, ""),
        ("Ola to book the hall (done)", "Ola to book the hall", CLOSED, ""),
        ("Ola to book the hall [Done].", "Ola to book the hall", CLOSED, ""),
        ("Ola to book the hall _Done_", "Ola to book the hall", CLOSED, ""),
        ("Ola to book the hall. DONE", "Ola to book the hall.", CLOSED, ""),
        ("Ola to book the hall IN PROCESS", "Ola to book the hall", DOING, ""),
        (
            "Ola to book the hall: in progress; two quotes in",
            "Ola to book the hall",
            DOING,
            "two quotes in",
        ),
        (
            "Ola to book the hall - Withdrawn. Not needed.",
            "Ola to book the hall",
            DROPPED,
            "Not needed",
        ),
        ("Ola to book the hall Carry forward", "Ola to book the hall", OPEN, ""),
        ("Ola to book the hall still not done", "Ola to book the hall", OPEN, ""),
        ("Ola to book the hall\n   Status: still not done", "Ola to book the hall", OPEN, ""),
        (
            "Ola to book the hall. Status: Done. Hall booked.",
            "Ola to book the hall.",
            CLOSED,
            "Hall booked",
        ),
    ],
)
def test_a_status_at_the_end(text: str, rest: str, status: ActionStatus, note: str) -> None:
    found = trailing_status(text)
    assert found is not None
    assert (found.rest, found.status, found.note) == (rest, status, note)


def test_an_empty_status_line_is_no_status() -> None:
    found = trailing_status("Ola to book the hall\n    Status:")
    assert found is not None and found.status is None and found.labelled


@pytest.mark.parametrize(
    "text",
    [
        "Ola to get it done",  # a status word inside a sentence
        "Ola to book the hall - open questions remain",
        "Ola to complete the form",
        "Ola to book the hall",
    ],
)
def test_no_status_at_the_end(text: str) -> None:
    assert trailing_status(text) is None


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("still not done", OPEN),
        ("Done. Progress is slow", CLOSED),
        ("report received", CLOSED),
        ("chair pinged", DOING),
        ("item can be closed", CLOSED),
        ("keep the item open until a reply", OPEN),
        ("will be done next week", None),
        ("Ola can roll this into the next letter", None),
    ],
)
def test_what_a_status_line_says(said: str, status: ActionStatus | None) -> None:
    found = status_statement(said)
    assert (found[0] if found else None) is status


def test_a_sub_bullet_that_is_only_a_status() -> None:
    assert whole_status("_Closed_.") is CLOSED
    assert whole_status("Hall booked") is None


# --- short names ----------------------------------------------------------------------------------


def test_initials_given_in_attendance() -> None:
    assert split_given("Ola Kay (OK)") == ("Ola Kay", "OK", "")
    assert split_given("Ola Kay (@olak") == ("Ola Kay", "", "@olak")
    assert split_given("Ola Kay (ACME)") == ("Ola Kay (ACME)", "", "")  # not her initials


@pytest.mark.parametrize(
    ("short", "name", "fit"),
    [
        ("OK", "Ola Kay", True),
        ("OVK", "Ola van Kay", True),
        ("Kay", "Ola Kay", True),  # a surname
        ("OlaK", "Ola Kay", True),  # first name and the start of the surname
        ("Ola K", "Ola Kay", True),
        ("Tem", "Temperance Obi", True),  # the start of a first name
        ("Ola", "Ola Kay", False),  # a bare first name is matched before this, not here
        ("TK", "Ola Kay", False),
        ("Te", "Temperance Obi", False),  # too short to be a name
    ],
)
def test_short_forms(short: str, name: str, fit: bool) -> None:
    assert fits(short, name) is fit


def test_initials_of_a_name() -> None:
    assert initials_of("Jean-Luc Obi") == {"JLO", "JO"}
    assert initials_of("Cllr Ola Kay") == {"OK"}


@pytest.mark.parametrize(
    ("handle", "name", "fit"),
    [
        ("@olakay", "Ola Kay", True),
        ("@OlaKay", "Ola Kay", True),
        ("@okay", "Ola Kay", True),
        ("@olak", "Ola Kay", True),
        ("@kayla", "Ola Kay", False),
        ("@tembo", "Ola Tembowski", True),  # the start of the surname
    ],
)
def test_handles_that_spell_a_name(handle: str, name: str, fit: bool) -> None:
    assert handle_fits(handle, name) is fit


# --- actions in sentences, and the same action twice ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ola has the action item to book the hall.", ("Ola", "book the hall")),
        ("We met. Tem owns the action item.", ("Tem", "Tem owns the action item.")),
        ("Ola: also took an action item for the rota.", ("Ola", "the rota")),
        ("Chair: action item is Tem revise the plan.", ("Tem", "revise the plan")),
        (
            "Ola: ask the school about parking; taking as an action",
            ("Ola", "ask the school about parking"),
        ),
        ("He has the action item to book the hall.", None),  # no one named
        ("The action items were discussed.", None),
        ("Ola will follow up with the school.", None),  # no action said in so many words
    ],
)
def test_actions_given_in_a_sentence(text: str, found: tuple[str, str] | None) -> None:
    assert prose_action(text) == found


def test_the_same_action_written_twice() -> None:
    assert same_task("book the hall", "book the hall for May [ Hall ]")
    assert same_task("Follow up with the school about parking", "follow up with the school")
    assert not same_task("book the hall", "write to the council about the budget")
    assert same_owner("@Ola", "ola") and not same_owner("Ola", "Tem")


@pytest.mark.parametrize(
    "text, owner, task, status",
    [
        ("( Pending ) Jay to give Ann the rights", "Jay", "give Ann the rights", "open"),
        ("(**DONE**) Ola to draft the FAQ", "Ola", "draft the FAQ", "closed"),
        ("[OBE] All to comment on the draft", "All", "comment on the draft", "dropped"),
        ("(STANDING) Everyone to read the charter", "Everyone", "read the charter", "open"),
    ],
)
def test_a_status_in_brackets_before_the_action(
    text: str, owner: str, task: str, status: str
) -> None:
    reading = read_action(text, marked=True)
    assert (reading.owner, reading.task, str(reading.status)) == (owner, task, status)


@pytest.mark.parametrize(
    "text, owner, task, status",
    [
        ("Survey the towpath [new for Ola Kay]", "Ola Kay", "Survey the towpath", None),
        ("Paint the gates. Two quotes in. [ongoing for Tem Obi]", "Tem Obi",
         "Paint the gates. Two quotes in.", "in_progress"),
        ("TO to book the hall [Done by Tem Obi]", "Tem Obi", "TO to book the hall", "closed"),
        ("Write to the council [new for Ola Kay/Weir Group]", "Ola Kay/Weir Group",
         "Write to the council", None),
    ],
)  # fmt: skip
def test_a_status_and_its_owner_in_brackets_after_the_task(
    text: str, owner: str, task: str, status: str | None
) -> None:
    reading = read_action(text, lenient=True)
    found = str(reading.status) if reading.status else None
    assert (reading.owner, reading.task, found) == (owner, task, status)


def test_an_emphasised_status_after_the_bold_action_then_a_note() -> None:
    found = trailing_status("ask Ann about the gates.** _Ongoing._ Ann has replied once.")
    assert found is not None
    assert (found.rest, found.status, found.note) == (
        "ask Ann about the gates.",
        ActionStatus.IN_PROGRESS,
        "Ann has replied once",
    )
