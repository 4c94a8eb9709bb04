"""Decisions written in the minutes' own words (site_gen/conventions/outcomes.py and
site_gen/importer/decisions.py): imported with the real command and built, each outcome is
a decision of the site, and what only looks like one is not. Fixtures of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.conventions.outcomes import names_outcomes, outcome_at
from tests.test_import import built, site_gen

OUTCOMES = [
    "It was agreed that the towpath survey goes ahead.",
    "We agreed to meet every two months.",
    "The board approved the budget for 2025.",
    "The steering committee unanimously resolved to close the account.",
    "A decision was made to form two sub-groups.",
    "Motion to adopt the new rules carried.",
    "The motion to move the meeting was defeated.",
    "Vote passed",
    "Consensus was to keep the old logo.",
    "General consensus is no.",
    "There was consensus that the draft is ready.",
    "Unanimous vote to wind up the working party",
    "Voted unanimously in favour (6 trustees present)",
    "Board vote: approved to move the records online.",
    "Board vote approved for a 12 month period",
    "Approved unanimously",
    "Approved by board vote",
    "Venue approved unanimously",
    "Lock gates repair - approved by trustee vote",
]
NOT_OUTCOMES = [
    "Ola proposed that we meet monthly.",
    "The board will vote on this next month.",
    "The group agreed to discuss it at the next meeting.",
    "We need to decide the date.",
    "Pre-approved sponsors (not final):",
    "Minutes are approved at the following meeting.",
    "Tem agreed to draft the letter.",
]


@pytest.mark.parametrize("text", OUTCOMES)
def test_an_outcome_in_words_of_the_minutes(text: str) -> None:
    assert outcome_at(text) is not None


@pytest.mark.parametrize("text", NOT_OUTCOMES)
def test_what_is_no_outcome(text: str) -> None:
    assert outcome_at(text) is None


def test_labels_that_name_a_list_of_outcomes() -> None:
    for label in ("Decisions reached", "Resolutions", "Grants approved", "Members admitted"):
        assert names_outcomes(label), label
    for label in ("Approvals pending", "PRs approved since the last meeting", "Agenda"):
        assert not names_outcomes(label), label


MINUTES = """\
# Canal Trust board

3 June 2024

Present: Ola Kay, Tem Obi, Uma Vale

## 1. Grants

The trust discussed the grant requests. It was agreed that the lock fund pays for the
paint. The rest waits for the autumn.

### Grants approved

- Weir Club: 500 pounds
- Towpath Friends: 300 pounds

## 2. Venue

- Three halls were visited
- Venue approved unanimously
- The board will vote on catering next month

## 3. Rules

Motion to adopt the new rules carried (for 3, against 0).

Ola proposed that meetings move to Tuesdays.

## 4. Decisions reached

- The towpath survey goes ahead
- The website moves to the new host

## Actions

- Tem Obi to write to the Weir Club
"""


def test_imported_outcomes_are_decisions_of_the_built_site(tmp_path: Path) -> None:
    source = tmp_path / "canal-trust-2024-06-03.md"
    source.write_text(MINUTES, encoding="utf-8")
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "written as a decision" in result.stdout, "each is reported with its line"
    site = built(content, tmp_path / "out").site
    assert site is not None
    texts = sorted(d.text for d in site.decisions)
    assert texts == sorted(
        [
            "It was agreed that the lock fund pays for the paint. The rest waits for the autumn.",
            "Weir Club: 500 pounds",
            "Towpath Friends: 300 pounds",
            "Venue approved unanimously",
            "Motion to adopt the new rules carried.",
            "The towpath survey goes ahead",
            "The website moves to the new host",
        ]
    ), texts
    (motion,) = [d for d in site.decisions if d.text.startswith("Motion")]
    assert motion.votes is not None and (motion.votes.in_favour, motion.votes.against) == (3, 0)
    (meeting,) = site.meetings
    assert "The trust discussed the grant requests." in meeting.body_html, "nothing is lost"
    assert "Ola proposed that meetings move to Tuesdays." in meeting.body_html
    (action,) = site.actions
    assert [o.person_id for o in action.owners] == ["tem-obi"]
