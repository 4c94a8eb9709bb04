"""The decisions plugins: what each decision records in env, and the fixture-file cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

from site_gen.markdown import DecisionItem, DecisionRef, Votes, make_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "markdown" / "decisions.md"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(source, expected, id=f"decisions:{line}:{title}")
        for line, title, source, expected in read_fixture_file(FIXTURE)
    ],
)
def test_fixture_html(source: str, expected: str) -> None:
    assert make_markdown().render(source, {}) == expected


def decisions(text: str) -> list[DecisionItem]:
    env: dict[str, Any] = {}
    make_markdown().render(text, env)
    found: list[DecisionItem] = env["decisions"]
    return found


def only(text: str) -> DecisionItem:
    found = decisions(text)
    assert len(found) == 1, found
    return found[0]


def test_a_decision_in_full() -> None:
    text = (
        "Intro.\n\n**Agreed:** to adopt the budget, moved by Ann Lee, seconded by Bob Ray "
        "(for 7, against 2, abstentions 1) (D3.1)\n"
    )
    assert only(text) == DecisionItem(
        line=3,
        text="to adopt the budget",
        decision_id="D3.1",
        anchor="decision-d3-1",
        votes=Votes(in_favour=7, against=2, abstentions=1),
        mover="Ann Lee",
        seconder="Bob Ray",
    )


@pytest.mark.parametrize(
    ("written", "votes"),
    [
        ("(for 7, against 2, abstentions 1)", Votes(7, 2, 1)),
        ("(7 for, 2 against, 1 abstention)", Votes(7, 2, 1)),
        ("(in favour 5; against 0)", Votes(5, 0, None)),
        ("(For: 3, Against: 1 and 2 abstained)", Votes(3, 1, 2)),
    ],
)
def test_vote_counts_in_any_order_of_words(written: str, votes: Votes) -> None:
    decision = only(f"Resolved: to close the library {written}\n")
    assert decision.votes == votes
    assert decision.text == "to close the library"


def test_brackets_that_are_not_votes_stay_in_the_text() -> None:
    decision = only("Agreed: to plan for spring (for the second time)\n")
    assert decision.votes is None
    assert decision.text == "to plan for spring (for the second time)"


@pytest.mark.parametrize(
    ("written", "mover", "seconder"),
    [
        ("to adopt, moved by Ann Lee, seconded by Bob Ray.", "Ann Lee", "Bob Ray"),
        ("to adopt (moved by Ann Lee and seconded by the Chair)", "Ann Lee", "the Chair"),
        ("to adopt. Proposed: Cllr. J. Smith; Seconded: Bob Ray.", "Cllr. J. Smith", "Bob Ray"),
        ("to adopt; proposed by Ann Lee", "Ann Lee", ""),
        ("to adopt, seconded by Bob Ray", "", "Bob Ray"),
    ],
)
def test_mover_and_seconder(written: str, mover: str, seconder: str) -> None:
    decision = only(f"Agreed: {written}\n")
    assert (decision.mover, decision.seconder) == (mover, seconder)
    assert decision.text in ("to adopt", "to adopt.")


def test_proposed_inside_a_sentence_is_not_a_mover() -> None:
    decision = only("Agreed: the plan as proposed by the Chair stands.\n")
    assert (decision.mover, decision.text) == ("", "the plan as proposed by the Chair stands.")


def test_ids_and_anchors_numbered_and_unnumbered() -> None:
    found = decisions(
        "Agreed: to adjourn.\n\nd2.4: Agreed: lower case id.\n\n"
        "Agreed: an id claims its anchor first (D2.4)\n"
    )
    assert [(d.decision_id, d.anchor) for d in found] == [
        (None, "decision-to-adjourn"),
        ("D2.4", "decision-d2-4"),
        ("D2.4", "decision-d2-4-2"),  # a duplicate id: reported by the link stage
    ]


def test_decisions_record_the_actions_they_mention() -> None:
    decision = only("Agreed: actions 3.1 and 3.2 are closed, and action 3.1 stays so.\n")
    assert decision.action_ids == ("3.1", "3.2")


def test_references_record_where_they_are_made() -> None:
    env: dict[str, Any] = {}
    text = (
        "## Item 1\n\nSee decision D1.1.\n\n"
        "Agreed: decision D1.2 is replaced (D2.1)\n\n"
        "Actions:\n\n- Ann to apply decisions D2.1 and D1.1 (2.1)\n"
    )
    make_markdown().render(text, env)
    assert env["decision_refs"] == [
        DecisionRef(3, "D1.1", "item-1"),
        DecisionRef(5, "D1.2", "item-1", decision_anchor="decision-d2-1"),
        DecisionRef(9, "D2.1", "item-1", action_anchor="action-2-1"),
        DecisionRef(9, "D1.1", "item-1", action_anchor="action-2-1"),
    ]


def test_a_reference_spanning_lines_is_reported_on_its_line() -> None:
    env: dict[str, Any] = {}
    make_markdown().render("First line,\nthen decision D1.1.\n", env)
    assert env["decision_refs"] == [DecisionRef(2, "D1.1")]


def test_the_href_comes_from_env() -> None:
    env: dict[str, Any] = {"decision_href": lambda d: f"decisions/{d}.html"}
    html = make_markdown().render("Agreed: x, see decision D0.9 (D1.1)\n", env)
    assert 'href="decisions/D1.1.html" class="decision-id"' in html
    assert 'href="decisions/D0.9.html" class="decision-ref"' in html
