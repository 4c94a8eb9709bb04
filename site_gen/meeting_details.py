"""What a meeting's front matter says of it in words, shown on its page as written.

Each field is a front-matter key of the same name, read as text, carried as it is from the
parsed record to the model to the meeting page's view, where its template reads it as
`meeting.<name>`. A new one is a field here, a line in templates/meeting.html and a key in
schemas/meeting.schema.json (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, kw_only=True)
class MeetingDetails:
    title: str = ""  # when the group's name and number are not what it is called
    time: str = ""  # "7pm", "10:00 to 12:30"
    location: str = ""


DETAIL_KEYS = tuple(f.name for f in fields(MeetingDetails))
