"""Every kind of problem the code can report has a test that makes it happen and reads its
hint. The codes are collected from the source (every `code=` a problem is given), so a new
kind of message without a case here fails `test_every_code_has_a_case`.

A case is a small content folder (over tests/clerk_content's one group) and words the
hint must hold. The few problems that content files alone cannot cause (a file the build
may not read, a broken template, a backstop that should never fire) name the test that
does, which must name the code and read the hint.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_gen.commands.check import CheckOptions, check
from tests.clerk_content import ATTENDANCE, GROUP, meeting, write_site

ROOT = Path(__file__).resolve().parent.parent
DAY = "2021-07-30.md"
NOUNS = ("action", "decision")  # the kinds of numbered records (link.numbered.Kind.noun)


@dataclass(frozen=True)
class Case:
    hint: str  # words the hint must hold
    body: str = "Hi.\n"  # the minutes of the one meeting
    front: str = ATTENDANCE  # its front matter after group, date and number
    files: dict[str, str | bytes] = field(default_factory=dict)  # more files, or others
    status: str = ""
    day: str = "2021-07-30"
    links: dict[str, str] = field(default_factory=dict)  # symbolic links: name -> target
    locked: tuple[str, ...] = ()  # files made unreadable (a test run as root reads all)


def _front(extra: str) -> str:
    return ATTENDANCE + extra


_SECOND = meeting("2021-09-10", 4, "Hi.\n")
_PAPER = "papers:\n  - {title: Pack, %s}\n"
_PDF = b"%PDF-1.4\n%%EOF\n"

CASES: dict[str, Case] = {
    "missing-key": Case("add a line", front=_front("papers:\n  - {file: papers/a.pdf}\n")),
    "not-a-date": Case("no such day: September has 30 days", day="2021-09-31"),
    "not-a-mapping": Case("e.g. '\"2.4\": closed'", front=_front("action_updates: [3.1]\n")),
    "not-a-list": Case("on a '- ' line", front="attendance: everyone\n"),
    "not-text": Case("write 'title: some text'", front=_front("title: [a, b]\n")),
    "not-a-number": Case(
        "e.g. 'overdue_after: 3'", files={"site.yaml": "title: T\noverdue_after: x\n"}
    ),
    "not-a-boolean": Case(
        "'private: true'", front=_front(_PAPER % "url: 'https://e.org', private: maybe")
    ),
    "unknown-key": Case("rename it to 'title'", front=_front("titel: x\n")),
    "misspelt-key": Case(
        "rename it to 'attendance'", front=ATTENDANCE.replace("attendance", "atendance")
    ),
    "no-attendance": Case("kind: present", front=""),
    "empty-decision": Case("Agreed: to adopt the plan", body="Agreed:\n\nNext.\n"),
    "not-markdown": Case("site-gen import", files={"meetings/evidence-group/2021-09-10.txt": "x"}),
    "near-name": Case("write 'Dez Holmes'", front=ATTENDANCE.replace("Dez Holmes", "Dez Holms")),
    "not-a-member": Case(
        "kind: in_attendance",
        front=ATTENDANCE.replace("- Dez Holmes", "- Dez Holmes\n      - Ann Guest"),
    ),
    "invalid-yaml": Case(
        "put a space after the '-'", front=ATTENDANCE.replace("- Dez Holmes", "-Dez Holmes")
    ),
    "duplicate-key": Case("keep one", front=_front("title: a\ntitle: b\n")),
    "html-comment-unclosed": Case("end it with '-->'", body="<!-- a note\n"),
    "control-character": Case("take them out", body="A \x07 bell.\n"),
    "front-matter-unclosed": Case(
        "end it with a line '---'",
        files={"meetings/evidence-group/2021-09-10.md": "---\ndate: 2021-09-10\n"},
    ),
    "no-front-matter": Case(
        "start the file with '---'", files={"meetings/evidence-group/2021-09-10.md": "Minutes.\n"}
    ),
    "unknown-meeting-status": Case("use one of", status="aproved"),
    "missing-correction": Case("add 'corrections:'", status="corrected"),
    "approval-status": Case(
        "remove 'approved_at'", status="draft", front=_front("approved_at: 2021-09-10\n")
    ),
    "approval-date": Case(
        "the date of the later meeting", front=_front("approved_at: 2021-07-01\n")
    ),
    "unknown-attendance-kind": Case(
        "use one of", front=ATTENDANCE.replace("kind: present", "kind: presnt")
    ),
    "unknown-action-status": Case("use one of", front=_front('action_updates: {"3.1": shut}\n')),
    "bad-action-id": Case('write "3.1"', front=_front('action_updates: {"Action 3.1": closed}\n')),
    "file-name-date": Case(
        "rename the file",
        files={
            "meetings/evidence-group/2021-09-10.md": _SECOND.replace(
                "date: 2021-09-10", "date: 2021-09-11"
            )
        },
    ),
    "unknown-group": Case(
        "create groups/",
        files={
            "meetings/evidence-group/2021-09-10.md": _SECOND.replace(
                "group: evidence-group", "group: evidense"
            )
        },
    ),
    "duplicate-meeting": Case(
        "merge the two files",
        files={"meetings/evidence-group/copy.md": meeting("2021-07-30", 3, "Hi.\n")},
    ),
    "duplicate-number": Case(
        "its own number",
        files={"meetings/evidence-group/2021-09-10.md": meeting("2021-09-10", 3, "Hi.\n")},
    ),
    "duplicate-group": Case("keep one file per group", files={"groups/Evidence Group.yaml": GROUP}),
    "ambiguous-name": Case(
        "write the person's id",
        front=ATTENDANCE.replace("Dez Holmes", "Sam Lee"),
        files={
            "people.yaml": "people:\n  - {name: Sam Lee, id: sam-lee-a}\n"
            "  - {name: Sam Lee, id: sam-lee-b}\n"
        },
    ),
    "shared-address": Case(
        "add one name as an alias",
        files={"people.yaml": "people:\n  - name: Ann Lee\n  - name: Ann-Lee\n"},
    ),
    "duplicate-id": Case(
        "their own id",
        files={
            "people.yaml": "people:\n  - {name: Ann Lee, id: ann}\n  - {name: Bo Lee, id: ann}\n"
        },
    ),
    "bad-id": Case(
        "lowercase letters, digits and hyphens",
        files={"people.yaml": "people:\n  - {name: Ann Lee, id: Ann Lee}\n"},
    ),
    "bad-file-name": Case("rename it after the group", files={"groups/___.yaml": GROUP}),
    "membership-dates": Case(
        "check 'from' and 'until'",
        files={
            "groups/evidence-group.yaml": GROUP
            + "  - {name: Bo Lee, from: 2021-01-01, until: 2020-01-01}\n"
        },
    ),
    "bad-url": Case("write it in full", files={"site.yaml": "title: T\nbase_url: example\n"}),
    "bad-language": Case("BCP 47", files={"site.yaml": "title: T\nlanguage: English!\n"}),
    "out-of-range": Case("e.g. 3", files={"site.yaml": "title: T\noverdue_after: 0\n"}),
    "missing-file": Case("create it", files={"site.yaml": None}),  # type: ignore[dict-item]
    "not-utf8": Case(
        "save the file as UTF-8", files={"people.yaml": b"people:\n  - name: Jos\xe9\n"}
    ),
    "duplicate-action": Case(
        "its own id",
        body="Actions:\n\n- Dez to write the report (3.1)\n- Leon to book a room (3.1)\n",
    ),
    "duplicate-decision": Case("its own id", body="D3.1: Agreed: one.\n\nD3.1: Agreed: two.\n"),
    "unknown-action": Case("meeting 3 is published without it", body="Action 3.9 is closed.\n"),
    "unknown-decision": Case(
        "meeting 3 is published without it",
        body="Actions:\n\n- Dez to do (3.1)\n\nAs decision D3.9 said.\n",
    ),
    "scheduled-actions": Case(
        "when the minutes are written", status="scheduled", body="Actions:\n\n- Dez to do (3.1)\n"
    ),
    "scheduled-decisions": Case(
        "when the minutes are written", status="scheduled", body="D3.1: Agreed: one.\n"
    ),
    "update-before-raised": Case(
        "check the action id",
        files={
            "meetings/evidence-group/2021-09-10.md": meeting(
                "2021-09-10", 4, "Actions:\n\n- Dez to do (3.5)\n"
            )
        },
        front=_front('action_updates: {"3.5": closed}\n'),
    ),
    "owner-ambiguous": Case(
        "full name",
        front=ATTENDANCE.replace("Dez Holmes", "Leon Brittan"),
        body="Actions:\n\n- Leon to do (3.1)\n",
    ),
    "owner-unresolved": Case("add the name as an alias", body="Actions:\n\n- Zed to do (3.1)\n"),
    "owner-body-unknown": Case("under 'bodies:'", body="Actions:\n\n- NICE to do (3.1)\n"),
    "no-owner": Case(
        "Name to do something", body="Actions:\n\n- Circulate the paper to members (3.1)\n"
    ),
    "forgotten-action": Case(
        "action_updates",
        body="Actions:\n\n- Dez to do (3.1)\n",
        files={
            f"meetings/evidence-group/2021-{m:02}-10.md": meeting(f"2021-{m:02}-10", m, "Hi.\n")
            for m in (9, 10, 11)
        },
    ),
    "similar-names": Case(
        "if this is the same person", front=ATTENDANCE.replace("Dez Holmes", "dez holmes")
    ),
    "paper-source": Case(
        "write 'file: papers/name.pdf'",
        front=_front(_PAPER % "url: 'https://e.org', file: papers/a.pdf"),
    ),
    "paper-url": Case("starting with https://", front=_front(_PAPER % "url: 'e.org'")),
    "paper-kind": Case(
        "publish it as PDF",
        front=_front(_PAPER % "file: papers/a.html"),
        files={"papers/a.html": "x"},
    ),
    "paper-missing": Case("papers/", front=_front(_PAPER % "file: papers/a.pdf")),
    "paper-name": Case("as it is on disk", front=_front(_PAPER % 'file: "papers/a\\x07.pdf"')),
    "paper-name-clash": Case(
        "rename one of the files",
        front=_front(
            "papers:\n  - {title: A, file: papers/a b.pdf}\n  - {title: B, file: papers/a-b.pdf}\n"
        ),
        files={"papers/a b.pdf": _PDF, "papers/a-b.pdf": _PDF},
    ),
    "paper-outside-content": Case(
        "copy it into the content folder", front=_front(_PAPER % "file: ../a.pdf")
    ),
    "withheld-unclosed": Case("end the block with a line ':::'", body="::: private\nSecret.\n"),
    "withheld-unknown-kind": Case("'::: private'", body="::: secret\nSecret.\n:::\n"),
    "withheld-no-reason": Case("write it after the word", body="::: exempt\nSecret.\n:::\n"),
    "withheld-too-deep": Case("close each block", body="::: private\n" * 40 + "x\n" + ":::\n" * 40),
    "withheld-marker-not-taken": Case(
        "plain colons at the start of a line", body="- item\n\n      ::: private\n"
    ),
    "markdown-too-deep": Case("nest at most a few levels", body="> " * 120 + "deep\n"),
    "outside-content": Case(
        "copy the file into the content folder", links={"people.yaml": "../elsewhere.yaml"}
    ),
    "unreadable-file": Case(
        "check its permissions", locked=("people.yaml",), files={"people.yaml": "people: []\n"}
    ),
    "paper-unreadable": Case(
        "its permissions",
        locked=("papers/a.pdf",),
        front=_front(_PAPER % "file: papers/a.pdf"),
        files={"papers/a.pdf": _PDF},
    ),
    "withheld-heading-not-title": Case(
        "write it in quotes on this line",
        body="::: exempt Exempt under paragraph 3\n## Staffing\n\nText.\n:::\n",
    ),
    "withheld-title-unclosed": Case(
        "close it before the reason", body='::: exempt "Staffing Exempt\nText.\n:::\n'
    ),
    "withheld-title-dropped": Case(
        "make the item '::: exempt", body='::: confidential "Staffing" Legal advice\nText.\n:::\n'
    ),
    "paper-private-elsewhere": Case(
        "take it out of these papers",
        front=_front(_PAPER % "file: papers/a.pdf"),
        files={
            "papers/a.pdf": _PDF,
            "meetings/evidence-group/2021-09-10.md": _SECOND.replace(
                "attendance:",
                "papers:\n  - {title: Advice, file: papers/a.pdf, private: true}\nattendance:",
            ),
        },
    ),
    "update-conflict": Case(
        "keep one status",
        body="Actions:\n\n- Dez to connect the team (3.1)\n",
        files={
            "meetings/evidence-group/2021-09-10.md": meeting(
                "2021-09-10",
                4,
                "Matters arising:\n\n- 3.1 Dez to connect the team - Done\n"
                "- 3.1 Dez to connect the team - Open\n",
            )
        },
    ),
    "html-comment-look-alike": Case("plain characters '<!--'", body="\uff1c!-- hidden --\uff1e\n"),
}

# Problems that content files alone do not cause, by the test file that causes each and
# words of the message it checks.
ELSEWHERE = {
    "template": ("tests/test_templates.py", "template error"),
    # A backstop that no known content can trip: tested on a page made to leak.
    "withheld-published": ("tests/test_leak_markdown.py", "withheld_lines_published"),
    # The site's look, in site.yaml: each with its line and hint, by the real command.
    "bad-logo": ("tests/test_site_look.py", "crest.svg"),
    "bad-colour": ("tests/test_site_look.py", "write it as a hex colour"),
    "low-contrast": ("tests/test_site_look.py", "GRAPHIC_CONTRAST"),
}


def emitted_codes() -> set[str]:
    """Every code a problem is given in site_gen/: `code=` arguments (an f-string once per
    kind of numbered record), and the codes of owner resolutions."""
    found: set[str] = set()
    for path in (ROOT / "site_gen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = None
            if isinstance(node, ast.keyword) and node.arg == "code":
                value = node.value
            elif isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "code":
                value = node.value  # a default, as Resolution's "owner-ambiguous"
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Resolution":
                value = node.args[3] if len(node.args) == 4 else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(value.value)
            elif isinstance(value, ast.JoinedStr):
                text = ast.unparse(value)[2:-1]  # f'duplicate-{noun}' -> duplicate-{noun}
                found |= {text.replace("{noun}", n).replace("{self.kind.noun}", n) for n in NOUNS}
    return found - GENERIC


# The defaults of Problem and MarkdownProblem, for problems given no code of their own.
GENERIC = {"content", "markdown"}


def test_every_code_has_a_case() -> None:
    codes = emitted_codes()
    assert len(codes) > 60  # the scan finds them
    assert codes - set(CASES) - set(ELSEWHERE) == set(), "a kind of problem with no test"
    assert (set(CASES) | set(ELSEWHERE)) - codes == set(), "a case for a code no longer made"


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_case_makes_the_problem_with_its_hint(code: str, tmp_path: Path) -> None:
    case = CASES[code]
    name = f"{case.day}.md"
    text = meeting(case.day, 3, case.body, case.front, status=case.status)
    content = write_site(tmp_path, {name: text})
    if case.locked and os.geteuid() == 0:
        pytest.skip("root reads every file: run as another user to lock one")
    (tmp_path / "elsewhere.yaml").write_text("people: []\n", encoding="utf-8")
    for relative, target in case.links.items():
        (content / relative).unlink(missing_ok=True)
        (content / relative).symlink_to(target)
    for relative, data in case.files.items():
        path = content / relative
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    for relative in case.locked:
        (content / relative).chmod(0)
    problems = check(CheckOptions(content=content)).problems
    found = [p for p in problems if p.code == code]
    assert found, f"no {code}: " + "\n".join(p.format() for p in problems)
    assert any(case.hint in p.hint for p in found), "\n".join(p.format() for p in found)
    assert all(p.hint and p.line >= 1 for p in found)


@pytest.mark.parametrize("code", sorted(ELSEWHERE))
def test_the_named_test_makes_the_problem(code: str) -> None:
    test_file, words = ELSEWHERE[code]
    assert words in (ROOT / test_file).read_text(encoding="utf-8")
