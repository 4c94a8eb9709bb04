"""Actions written inside sentences and lists of the minutes' own: imported with the real
command and built. Fixtures of our own."""

from __future__ import annotations

from pathlib import Path

from tests.test_import import built, site_gen

MINUTES = """\
# Lock keepers' forum

4 March 2024

Participants: Ola Kay (OK - chair), Tem Obi (TO),
Uma Vale (UV - minutes)

## 1. Gates

- TO said the east gate sticks in frost. **Action: UV to ask the engineer about it.**

1. We looked at the rota. It works. **Action: OK to send it round.**

The keys are with the keeper. Action: TO to copy
the keys for the lock house.

## 2. Actions

1. Survey the towpath [new for Uma Vale]
2. Order the paint [ongoing for Tem Obi]
3. Book the boat [Closed]
"""


def test_markers_inside_sentences_and_owners_in_brackets(tmp_path: Path) -> None:
    source = tmp_path / "forum-2024-03-04.md"
    source.write_text(MINUTES, encoding="utf-8")
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content, "--group", "Lock forum")
    assert result.returncode == 0, result.stdout + result.stderr
    site = built(content, tmp_path / "out").site
    assert site is not None
    owners = {
        " ".join(a.task.split()): [o.person_id for o in a.owners]
        for a in site.actions
        if a.raised_in
    }
    assert owners == {
        "ask the engineer about it.": ["uma-vale"],  # initials the attendance gives
        "send it round.": ["ola-kay"],
        "copy the keys for the lock house.": ["tem-obi"],  # bold lost, as from a PDF
        "Survey the towpath": ["uma-vale"],
        "Order the paint": ["tem-obi"],
        "Book the boat": [],  # mostly statuses, but "[new for ...]" says the list is new
    }, owners
    (meeting,) = site.meetings
    assert "the east gate sticks in frost." in meeting.body_html, "nothing is lost"
