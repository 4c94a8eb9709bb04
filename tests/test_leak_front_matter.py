"""Front matter ends only at its own closing line, and YAML does bounded work and keeps what
is under `private:` private. Issue 11, classes 2, 11 (YAML) and 13 (aliases to private).

Built through the real pipeline as in tests/test_leak_markdown.py: no sentinel in any output
byte, or an error at the line, the previous site untouched, and check agreeing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.test_no_leak import Held, line_in, meeting_file

Build = Callable[..., Held]

# --- Class 2: a private note's lines never end the front matter ------------------------------
NOTES_THAT_BUILD = {
    "an indented '---' in a block scalar": "private: |\n  Kept.\n  ---\n  SENTINEL-A\n",
    "'---' as a block scalar's first line": "private: |\n  ---\n  SENTINEL-A\n",
    "an indented '---' with spaces after it": "private: >\n  Kept.\n   ---   \n  SENTINEL-A\n",
    "an indented '---' two levels down": "private:\n  note: |\n    ---\n    SENTINEL-A\n",
    "an indented '-----'": "private: |\n  -----\n  SENTINEL-A\n",
    "a '---' inside a quoted value": 'private: "Kept\n  ---\n  SENTINEL-A"\n',
    "an indented '...'": "private: |\n  ...\n  SENTINEL-A\n",
}


@pytest.mark.parametrize("front", NOTES_THAT_BUILD.values(), ids=NOTES_THAT_BUILD.keys())
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_private_note_is_never_read_as_minutes(held: Build, front: str, newline: str) -> None:
    outcome = held(meeting_file("Minutes.\n", front=front, newline=newline))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]


NOTES_THAT_STOP = {
    "'----' at column 0": ("private: |\n  Kept.\n----\nSENTINEL-A\n", "----"),
    "'...' at column 0": ("private: |\n  Kept.\n...\nSENTINEL-A\n", "SENTINEL-A"),
    "a '---' after a tab": ("private: |\n  Kept.\n\t---\nSENTINEL-A\n", "\t---"),
}


@pytest.mark.parametrize("case", NOTES_THAT_STOP.values(), ids=NOTES_THAT_STOP.keys())
def test_a_line_that_is_not_exactly_the_closing_line_never_ends_the_front_matter(
    held: Build, case: tuple[str, str]
) -> None:
    """The front matter runs on to the real '---'; what lies between is YAML, and YAML
    that cannot be read stops the build."""
    front, _ = case
    files = meeting_file("Minutes.\n", front=front)
    outcome = held(files)
    assert outcome.result.failed
    (path, line), *_ = outcome.errors
    assert path == "meetings/board/2024-01-10.md" and 2 <= line <= line_in(files, "SENTINEL-A")


def test_front_matter_never_closed_stops_the_build(held: Build) -> None:
    outcome = held(
        {"meetings/board/2024-01-10.md": "---\ndate: 2024-01-10\nprivate: |\n  SENTINEL-A\n"}
    )
    assert outcome.result.failed
    assert outcome.errors == [("meetings/board/2024-01-10.md", 1)]


def test_the_closing_line_may_end_in_spaces(held: Build) -> None:
    outcome = held(
        {"meetings/board/2024-01-10.md": "---   \ndate: 2024-01-10\n---  \n\nPUBLIC-CONTROL-BODY\n"}
    )
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]


# --- Class 11: YAML is read with bounded work ------------------------------------------------
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
NESTED = "title:\n" + "".join(f"{' ' * depth}- \n" for depth in range(1, 100))
PRIVATE_BOMB = "private:\n" + "".join(f"  {line}\n" for line in BOMB.splitlines())
YAML_STOPS = {
    "a billion laughs under private": (PRIVATE_BOMB, "e: &e"),
    "a billion laughs as a key": (BOMB + "? *i\n: x\n", "e: &e"),
    "an alias inside its own value": ("private: &r [SENTINEL-A, *r]\n", "private"),
    "a list as a key": ("? [SENTINEL-A, b]\n: x\n", "? ["),
    "a mapping as a key": ("? {SENTINEL-A: b}\n: x\n", "? {"),
    "lists nested 100 deep": (NESTED, " " * 40 + "-"),
}  # fmt: skip


@pytest.mark.parametrize("case", YAML_STOPS.values(), ids=YAML_STOPS.keys())
def test_hostile_yaml_is_an_error_at_its_line(held: Build, case: tuple[str, str]) -> None:
    front, needle = case
    files = meeting_file("Minutes.\n", front=front)
    outcome = held(files)
    assert outcome.result.failed
    assert ("meetings/board/2024-01-10.md", line_in(files, needle)) in outcome.errors


@pytest.mark.parametrize("name", ["people.yaml", "groups/board.yaml", "site.yaml"])
def test_a_yaml_bomb_in_any_file_is_an_error(held: Build, name: str) -> None:
    start = {"people.yaml": "", "groups/board.yaml": "name: Board\n", "site.yaml": "title: T\n"}
    text = start[name] + PRIVATE_BOMB
    outcome = held({name: text})
    assert outcome.result.failed
    line = next(n for n, found in enumerate(text.splitlines(), 1) if "e: &e" in found)
    assert (name, line) in outcome.errors


# --- Class 13: an alias never copies what is under private: into a published field -----------
ALIASES_TO_PRIVATE = {
    "a title": ("private:\n  note: &n SENTINEL-A\ntitle: *n\n", "title"),
    "a location, from a nested note": ("private: &p\n  SENTINEL-A\nlocation: *p\n", "location"),
    "an attendee": (
        "private:\n  who: &w SENTINEL-A\n"
        "attendance:\n  - {label: P, kind: present, people: [*w]}\n",
        "- {label",
    ),
    "an action update's note": (
        'action_updates:\n  "0.1": {status: open, note: *n}\nprivate: {n: &n SENTINEL-A}\n',
        "0.1",
    ),
    "a key": ("private:\n  id: &k SENTINEL-A\naction_updates:\n  *k : closed\n", "*k"),
    "a merge key at the top": ("private: &p {title: SENTINEL-A}\n<<: *p\n", "<<"),
    "a merge key in an attendee": (
        "private:\n  x: &p {name: SENTINEL-A}\nattendance:\n  - label: P\n    kind: present\n"
        "    people:\n      - <<: *p\n",
        "<<",
    ),
    "an alias in a flow mapping": (
        "attendance: [{label: P, kind: present, private: &x SENTINEL-A, people: [*x]}]\n",
        "attendance",
    ),
}


@pytest.mark.parametrize("case", ALIASES_TO_PRIVATE.values(), ids=ALIASES_TO_PRIVATE.keys())
def test_an_alias_to_a_private_value_is_an_error(held: Build, case: tuple[str, str]) -> None:
    front, needle = case
    files = meeting_file("Minutes.\n", front=front)
    outcome = held(files)
    assert outcome.result.failed
    line = line_in(files, needle)
    assert any(
        path.endswith(".md") and line - 1 <= found <= line for path, found in outcome.errors
    ), (line, outcome.errors)


def test_an_alias_in_people_yaml_to_a_private_value_is_an_error(held: Build) -> None:
    people = (
        "people:\n  - name: Ann Public\n    private: {email: &e SENTINEL-A}\n    affiliation: *e\n"
    )
    outcome = held({"people.yaml": people, **meeting_file("Minutes.\n")})
    assert outcome.result.failed
    assert outcome.errors == [("people.yaml", 4)]


def test_public_values_may_be_copied_into_private_and_aliased_freely(held: Build) -> None:
    front = (
        "title: &t Annual meeting\nprivate:\n  copy: *t\n"
        "attendance:\n  - &s {label: Present, kind: present, people: [Ann Public]}\n"
    )
    outcome = held(meeting_file("Minutes.\n", front=front))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert b"Annual meeting" in outcome.output()


# --- YAML tags: no part of the format, and never a way to mark a value secret ---------------
TAGS = {
    "a Python object": "title: !!python/object/apply:os.system [echo SENTINEL-A]\n",
    "a custom tag meant to hide": "title: !secret SENTINEL-A\n",
    "binary data": "title: !!binary U0VOVElORUwtQQ==\n",
    "a tag on a list": "attendance: !!set {SENTINEL-A: null}\n",
}


@pytest.mark.parametrize("front", TAGS.values(), ids=TAGS.keys())
def test_a_yaml_tag_is_an_error_at_its_line(held: Build, front: str) -> None:
    files = meeting_file("Minutes.\n", front=front)
    outcome = held(files)
    assert outcome.result.failed
    line = line_in(files, "!")
    assert ("meetings/board/2024-01-10.md", line) in outcome.errors, outcome.errors


# --- A careless clerk: a key meant to withhold that would not --------------------------------
MEETING_SLIPS = {
    "'Status' capitalised": "Status: draft\n",
    "'STATUS'": "STATUS: draft\n",
    "'staus' misspelt": "staus: draft\n",
    "'status ' with a space": "'status ': draft\n",
    "a 'draft' flag": "draft: true\n",
    "a 'published' flag": "published: false\n",
    "a 'confidential' flag": "confidential: yes\n",
    "'private: true' on a meeting": "private: true\n",
    "'Private: yes' on a meeting": "Private: yes\n",
}


@pytest.mark.parametrize("front", MEETING_SLIPS.values(), ids=MEETING_SLIPS.keys())
def test_a_meeting_key_meant_to_withhold_it_stops_the_build(held: Build, front: str) -> None:
    """Ignored with a warning, each of these published minutes meant to be withheld."""
    files = meeting_file("SENTINEL-A in minutes meant to be withheld.\n", front=front)
    outcome = held(files)
    assert outcome.result.failed
    key_line = line_in(files, front.split(":")[0])
    assert outcome.errors == [("meetings/board/2024-01-10.md", key_line)]
    assert "status: draft" in outcome.result.problems[0].hint


PAPER_SLIPS = {
    "'Private'": "Private: true",
    "'privat'": "privat: yes",
    "'pirvate'": "pirvate: true",
    "'confidential'": "confidential: true",
    "'hidden'": "hidden: true",
    "'public: false'": "public: false",
}


@pytest.mark.parametrize("key", PAPER_SLIPS.values(), ids=PAPER_SLIPS.keys())
def test_a_paper_key_meant_to_withhold_it_stops_the_build(held: Build, key: str) -> None:
    front = f"papers:\n  - title: SENTINEL-A\n    file: papers/p.pdf\n    {key}\n"
    files = {**meeting_file("Minutes.\n", front=front), "papers/p.pdf": b"%PDF-1.4\n"}
    outcome = held(files)
    assert outcome.result.failed
    assert outcome.errors == [("meetings/board/2024-01-10.md", line_in(files, key))]
    assert "private: true" in outcome.result.problems[0].hint


def test_notes_under_a_misspelt_private_key_are_only_warned_of(held: Build) -> None:
    """'Private: notes' on a meeting is ignored, as notes are: a warning, and nothing shown."""
    outcome = held(meeting_file("Minutes.\n", front="Private: SENTINEL-A notes\n"))
    assert not outcome.result.failed
    assert outcome.messages("warning") == ["unknown key 'Private' in the meeting is ignored"]


@pytest.mark.parametrize("name", ["people.yaml", "groups/board.yaml"])
def test_private_true_on_a_person_or_group_is_an_error(held: Build, name: str) -> None:
    text = {
        "people.yaml": "people:\n  - name: Ann Public\n    private: true\n",
        "groups/board.yaml": "name: Board\nprivate: yes\nmembers:\n  - Ann Public\n",
    }[name]
    outcome = held({name: text, **meeting_file("Minutes.\n")})
    assert outcome.result.failed
    line = next(n for n, found in enumerate(text.splitlines(), 1) if "private" in found)
    assert outcome.errors == [(name, line)]


def test_a_message_about_a_private_value_does_not_repeat_it(held: Build) -> None:
    """Messages reach terminals and CI logs: a control character in a private note is
    reported by its line and code point, not with the note's text."""
    files = meeting_file("Minutes.\n", front='private: "SENTINEL-A note\\a"\n')
    outcome = held(files)
    assert outcome.result.failed
    assert outcome.errors == [("meetings/board/2024-01-10.md", line_in(files, "private"))]
    (problem,) = outcome.result.problems
    assert "U+0007" in problem.message
    assert "SENTINEL" not in problem.message + problem.hint
