"""The sample content plus later meetings of the Evidence Group, for tests of what changes
over time: feeds, calendars, overdue actions, drafts kept out of every extra output.

    from later_meetings import DRAFT_SENTINEL, content_with_later_meetings
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DRAFT_SENTINEL = "UNPUBLISHED-DRAFT-7f3a9c"  # appears only in the draft meeting

MEETINGS = {
    "2021-09-10.md": """---
date: 2021-09-10
number: 4
status: corrected
corrections:
  - {date: 2021-10-20, note: Action 3.1 was closed at this meeting}
attendance:
  - label: Evidence Group members
    kind: present
    people:
      - Leon Feinstein, Evidence Group Chair
      - Dez Holmes, Evidence Group
action_updates:
  "3.1": {status: closed, note: Introductions made to NICE implementation colleagues}
  "1.5": closed
---

## Agenda Item 1: Matters arising

- Dez reported on action 3.1.

Actions:

- Leon to write to the Design Group about poverty and the Case for Change (4.1)
""",
    "2021-10-08.md": """---
date: 2021-10-08
number: 5
attendance:
  - label: Evidence Group members
    kind: present
    people:
      - Leon Feinstein, Evidence Group Chair
---

## Agenda Item 1: Matters arising

- Action 3.2 remains open.
""",
    "2021-11-12.md": """---
date: 2021-11-12
number: 6
attendance:
  - label: Evidence Group members
    kind: present
    people:
      - Leon Feinstein, Evidence Group Chair
---

## Agenda Item 1: Matters arising

- No updates.
""",
    "2022-01-14.md": """---
date: 2022-01-14
status: scheduled
time: 10:00 to 12:00
location: Sanctuary Buildings, London
---

## Agenda Item 1: Matters arising
""",
    "2021-12-10.md": f"""---
date: 2021-12-10
number: 7
status: draft
attendance:
  - label: Evidence Group members
    kind: present
    people:
      - Leon Feinstein, Evidence Group Chair
action_updates:
  "3.2": {{status: closed, note: {DRAFT_SENTINEL} note}}
---

## Agenda Item 1: {DRAFT_SENTINEL} item

- {DRAFT_SENTINEL} text.

Actions:

- Leon to {DRAFT_SENTINEL} task (7.1)
""",
}


def content_with_later_meetings(root: Path, site_yaml_extra: str = "") -> Path:
    """A copy of content/ under `root` with meetings 4 (corrected) to 6, a draft meeting 7,
    and a meeting scheduled for 2022."""
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    folder = content / "meetings" / "evidence-group"
    for name, text in MEETINGS.items():
        (folder / name).write_text(text, encoding="utf-8")
    if site_yaml_extra:
        with (content / "site.yaml").open("a", encoding="utf-8") as f:
            f.write(site_yaml_extra)
    return content


BASE_URL = "https://minutes.example.org/review/"


def build_later(root: Path, *, drafts: bool = False, base_url: str | None = None) -> Path:
    """Build the content with later meetings into root/output through the real pipeline."""
    from site_gen.pipeline import BuildOptions, build

    content = content_with_later_meetings(root)
    out = root / "output"
    result = build(BuildOptions(content=content, out=out, drafts=drafts, base_url=base_url))
    assert not result.failed, [p.format() for p in result.problems]
    assert not result.problems, [p.format() for p in result.problems]
    return out
