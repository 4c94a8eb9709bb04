"""A small, messy archive of two groups written to disk for the attacks on the fast paths
(serve's reloads and the fragments rendered once): actions raised in one group and closed in
the other's meetings, the same action numbers in both groups, a person known by an alias, a
paper, and a marker word in each piece of text so a test can say where it went."""

from __future__ import annotations

from pathlib import Path

SITE = "title: Attack parish\n"

PEOPLE = """\
people:
  - name: Ann Owner
    affiliation: Clerk
  - name: Bob Second
bodies:
  - name: Highways Office
"""

BOARD = """\
name: Board
members:
  - name: Ann Owner
    role: Chair
  - Bob Second
"""

FINANCE = """\
name: Finance
members:
  - Ann Owner
  - Bob Second
"""

ATTENDANCE = """\
attendance:
  - label: Present
    kind: present
    people:
      - Ann Owner
      - Bob Second
"""


def meeting(day: str, number: int, body: str, front: str = "") -> str:
    return f"---\ndate: {day}\nnumber: {number}\nstatus: approved\n{ATTENDANCE}{front}---\n\n{body}"


MEETINGS = {
    "meetings/board/2024-01-10.md": meeting(
        "2024-01-10",
        1,
        "## Item 1: Roads\n\nBOARD-ONE-BODY about potholes.\n\n"
        "Agreed: BOARD-ONE-DECISION to mend the lane (D1.1)\n\n"
        "Actions:\n\n- Ann Owner to BOARD-ONE-ACTION write to the council (1.1)\n"
        "- Bob Second to BOARD-ONE-SECOND count the lamps (1.2)\n",
        "papers:\n  - {title: Road survey, file: papers/survey.pdf}\n",
    ),
    "meetings/board/2024-02-14.md": meeting(
        "2024-02-14",
        2,
        "## Item 1: Lamps\n\nBOARD-TWO-BODY on lamps.\n\n"
        "Actions:\n\n- Bob Second to BOARD-TWO-ACTION order bulbs (2.1)\n",
        'action_updates:\n  "1.2": {status: open, note: BOARD-TWO-NOTE}\n',
    ),
    "meetings/board/2024-03-20.md": meeting(
        "2024-03-20",
        3,
        "## Item 1: Any other business\n\nBOARD-THREE-BODY nothing else.\n",
    ),
    "meetings/finance/2024-01-17.md": meeting(
        "2024-01-17",
        1,
        "## Item 1: Budget\n\nFINANCE-ONE-BODY on the budget.\n\n"
        "Actions:\n\n- Ann Owner to FINANCE-ONE-ACTION draft the budget (1.1)\n",
    ),
    "meetings/finance/2024-02-21.md": meeting(
        "2024-02-21",
        2,
        "## Item 1: Accounts\n\nFINANCE-TWO-BODY on accounts.\n",
    ),
}


def write_archive(content: Path) -> Path:
    """The archive under `content` (made), as the files above."""
    files = {
        "site.yaml": SITE,
        "people.yaml": PEOPLE,
        "groups/board.yaml": BOARD,
        "groups/finance.yaml": FINANCE,
        **MEETINGS,
    }
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (content / "papers").mkdir(exist_ok=True)
    (content / "papers" / "survey.pdf").write_bytes(b"%PDF-1.4\n% survey\n%%EOF\n")
    return content


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by its path from there."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
