"""One-sentence descriptions of pages, for <meta name="description">, previews and feeds."""

from __future__ import annotations

from site_gen.model import Action, Decision, Group, Meeting, Person, Site
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


def decision(decision: Decision, site: Site) -> str:
    group = site.group_by_slug[decision.group].name
    meeting = site.meeting_by_key.get(decision.taken_in or "")
    if decision.withheld:
        what = "taken in an item that is not published"
    elif decision.text:
        what = decision.text.rstrip(".")
    else:
        what = "taken before the published record"
    when = f" Taken at the meeting of {long_date(meeting.date)}." if meeting else ""
    return _clip(f"{decision.label} of the {group}: {what}.{when}")


def decisions(scope: str, count: int) -> str:
    if not count:
        return _clip(f"{scope}: none is recorded in the published minutes yet.")
    return _clip(
        f"{scope}: {_count(count, 'decision')} in the published minutes, "
        "with their votes, movers and seconders."
    )
