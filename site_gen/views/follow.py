"""The feeds and calendars a page offers to follow, as links."""

from __future__ import annotations

from site_gen import urls
from site_gen.model import Group
from site_gen.views.common import Link


def site_feeds() -> tuple[Link, Link]:
    return (
        Link("New minutes (Atom)", urls.MINUTES_FEED),
        Link("Action updates (Atom)", urls.ACTIONS_FEED),
    )


def group_feeds(group: Group) -> tuple[Link, Link]:
    return (
        Link(f"New minutes of the {group.name} (Atom)", urls.group_minutes_feed(group.slug)),
        Link(f"Action updates of the {group.name} (Atom)", urls.group_actions_feed(group.slug)),
    )


def site_calendar() -> Link:
    return Link("All meetings (iCalendar)", urls.CALENDAR)


def group_calendar(group: Group) -> Link:
    return Link(f"Meetings of the {group.name} (iCalendar)", urls.group_calendar(group.slug))
