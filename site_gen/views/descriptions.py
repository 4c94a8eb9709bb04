"""One-sentence descriptions of pages, for <meta name="description">, previews and feeds."""

from __future__ import annotations

from site_gen.model import Action, Group, Meeting, Person, Site
from site_gen.views.common import long_date, meeting_title

MAX_LENGTH = 300  # search engines and previews cut longer text


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_LENGTH:
        return text
    return text[: MAX_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def home(site: Site) -> str:
    groups = ", ".join(g.name for g in site.groups)
    who = site.config.organisation or site.config.title
    return _clip(
        f"Published minutes of {groups or 'its groups'}: {who}. Meetings, people and actions."
    )


def group(group: Group, meetings: int) -> str:
    about = group.description or f"The {group.name}."
    return _clip(f"{about} {_count(meetings, 'published meeting')}, members and actions.")


def meeting(meeting: Meeting, site: Site, actions_raised: int) -> str:
    title = meeting_title(meeting, site)
    items = "; ".join(item.title for item in meeting.agenda)
    if not meeting.has_minutes:
        text = f"The {title}, scheduled for {long_date(meeting.date)}."
    else:
        text = f"Minutes of the {title}, {long_date(meeting.date)}."
    if items:
        text += f" Agenda: {items}."
    if actions_raised:
        text += f" {_count(actions_raised, 'action')} raised."
    return _clip(text)


def person(person: Person, meetings: int, actions: int) -> str:
    about = f"{person.name}, {person.affiliation}." if person.affiliation else f"{person.name}."
    return _clip(
        f"{about} Roles, {_count(meetings, 'meeting')} in the published minutes, "
        f"and {_count(actions, 'action')}."
    )


def action(action: Action, site: Site) -> str:
    group = site.group_by_slug[action.group].name
    what = action.task or "raised before the published record"
    return _clip(f"{action.label} of the {group}: {what}. Status: {action.status.label}.")
