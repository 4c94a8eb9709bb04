"""Link stage for decisions, on meetings parsed in memory: no files, no rendering."""

from __future__ import annotations

from test_link import PRESENT, line_of, link, meeting

from site_gen.markdown import Votes


def test_movers_resolve_like_owners_and_unknown_ones_warn() -> None:
    source = meeting(
        "2022-03-01",
        4,
        PRESENT,
        "Agreed: to sign, moved by the Chair, seconded by Nobody Known (for 3) (D4.1)\n",
    )
    site, problems = link(source)
    (decision,) = site.decisions
    assert decision.movers[0].person_id == "grace-hopper"  # the Chair in 2022
    assert decision.seconders[0].person_id is None
    assert decision.votes == Votes(in_favour=3)
    assert [(p.line, p.message) for p in problems.sorted()] == [
        (
            line_of(source, "Agreed:"),
            "seconder 'Nobody Known' matches no attendee, member, role or body",
        )
    ]


def test_decisions_referred_to_but_never_taken() -> None:
    only = meeting("2021-08-01", 3, PRESENT, "Decisions D1.2 and D3.9 were noted.\n")
    site, problems = link(only)
    assert [(d.decision_id, d.taken_in, len(d.mentions)) for d in site.decisions] == [
        ("D1.2", None, 1),
        ("D3.9", None, 1),
    ]
    (warning,) = problems.items
    assert warning.message == "decision D3.9 is not taken in any published meeting of audit"
    assert warning.line == line_of(only, "Decisions D1.2")


def test_mentions_at_the_meeting_that_took_it_are_not_mentions() -> None:
    first = meeting("2021-06-01", 1, PRESENT, "Agreed: to plan (D1.1)\n\nAs decision D1.1 says.\n")
    second = meeting("2021-07-01", 2, PRESENT, "## Item 1: Review\n\nDecision D1.1 stands.\n")
    site, problems = link(second, first)
    (decision,) = site.decisions
    assert [(m.meeting, m.anchor) for m in decision.mentions] == [
        ("audit/2021-07-01", "item-1-review")
    ]
    assert not problems.items


def test_scheduled_meetings_take_no_decisions_but_their_agenda_may_refer_to_one() -> None:
    held = meeting("2021-08-01", 4, PRESENT, "Agreed: to review in September (D4.1)\n")
    agenda = meeting(
        "2021-09-01",
        5,
        PRESENT,
        "## Item 1: Review of decision D4.1\n\nAgreed: too early (D5.1)\n",
        "status: scheduled\n",
    )
    site, problems = link(held, agenda)
    assert [(d.decision_id, [m.meeting for m in d.mentions]) for d in site.decisions] == [
        ("D4.1", ["audit/2021-09-01"])
    ]
    (error,) = problems.items
    assert error.severity == "error" and error.line == line_of(agenda, "Agreed: too early")
    assert error.message == "a scheduled meeting has no minutes yet, so it cannot take decisions"


def test_a_decision_missing_from_a_published_meeting_warns() -> None:
    third = meeting("2021-08-01", 3, PRESENT, "Agreed: to plan (D3.1)\n\nSee decision D3.2.\n")
    _, problems = link(third)
    (warning,) = problems.items
    assert warning.message == "decision D3.2 is not taken in any published meeting of audit"
    assert warning.hint == "check the id: meeting 3 is published without it"
