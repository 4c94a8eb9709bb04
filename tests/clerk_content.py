"""A small content folder written to disk for the clerk-facing checks: one group of three
members, meetings given as front matter and minutes."""

from __future__ import annotations

from pathlib import Path

GROUP = """\
name: Evidence Group
members:
  - name: Leon Feinstein
    role: Chair
  - name: Dez Holmes
  - name: Geraldine Macdonald
"""

ATTENDANCE = """\
attendance:
  - label: Members
    kind: present
    people:
      - Leon Feinstein, Chair
      - Dez Holmes
      - Geraldine Macdonald
"""


def meeting(day: str, number: int, body: str, front: str = ATTENDANCE, status: str = "") -> str:
    status_line = f"status: {status}\n" if status else ""
    return (
        f"---\ngroup: evidence-group\ndate: {day}\nnumber: {number}\n{status_line}{front}---\n\n"
        f"## Item 1: Update\n\n{body}"
    )


def write_site(root: Path, meetings: dict[str, str], extra: dict[str, str] | None = None) -> Path:
    """A content folder under `root` with the group, and each meeting by file name."""
    content = root / "content"
    files = {"site.yaml": "title: Test minutes\n", "groups/evidence-group.yaml": GROUP}
    files.update({f"meetings/evidence-group/{name}": text for name, text in meetings.items()})
    files.update(extra or {})
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def line_of(content: Path, name: str, needle: str) -> int:
    """The 1-based line of the first line of meetings/evidence-group/`name` holding `needle`."""
    text = (content / "meetings" / "evidence-group" / name).read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)
