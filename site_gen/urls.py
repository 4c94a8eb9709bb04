"""Where every page lives in output/, and relative links between pages.

Pages link to files (never to folders), so the site works opened from disk as well
as served under any path.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

HOME = "index.html"
PEOPLE = "people/index.html"
ACTIONS = "actions/index.html"
DECISIONS = "decisions/index.html"
NOT_FOUND = "404.html"
STYLESHEET = "static/style.css"


# The site's sections, as its navigation names them, by the first folder of their pages.
_SECTION_OF_FOLDER = {"people": PEOPLE, "actions": ACTIONS, "decisions": DECISIONS}


def section(path: str) -> str:
    """The navigation entry a page belongs to: the address of the section's first page."""
    parts = path.split("/")
    if parts[0] == "groups" and len(parts) > 2 and parts[2] in _SECTION_OF_FOLDER:
        return _SECTION_OF_FOLDER[parts[2]]  # a group's actions and decisions
    if parts[0] in _SECTION_OF_FOLDER:
        return _SECTION_OF_FOLDER[parts[0]]
    return HOME if parts[0] in ("groups", HOME) else path


def static_file(name: str) -> str:
    """A file of the theme's static/ folder ("style.css"), where the site serves it."""
    return f"static/{name}"


def site_logo(written: str) -> str:
    """Where the site's logo (named in site.yaml as a file of the content folder) is served."""
    return f"static/site-logo{posixpath.splitext(written)[1].lower()}"


def group_page(group: str) -> str:
    return f"groups/{group}/index.html"


def meeting_page(group: str, day: date) -> str:
    return f"groups/{group}/{day.isoformat()}.html"


def person_page(person_id: str) -> str:
    return f"people/{person_id}.html"


def action_page(group: str, key: str) -> str:
    # Beside the group's meeting pages, so a meeting's minutes link to an action as
    # "actions/3-1.html" whatever the group: the body renders before linking.
    return f"groups/{group}/{ACTION_FROM_MEETING.format(key=key)}"


ACTION_FROM_MEETING = "actions/{key}.html"


def actions_by_status_page(status: str) -> str:
    return f"actions/status-{status.replace('_', '-')}.html"


def group_actions_page(group: str) -> str:
    return f"groups/{group}/actions/index.html"


def numbered_action_key(action_id: str) -> str:
    return action_id.replace(".", "-")


def unnumbered_action_key(day: date, anchor: str) -> str:
    return f"{day.isoformat()}-{anchor.removeprefix('action-')}"


# An action without an id is known by its page name, the day raised and the task's words
# ("2021-07-30-dez-to-share-the-research"): what action_updates may write for it.
UNNUMBERED_ACTION_KEY = r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+){0,30}"
_UNNUMBERED_ACTION_KEY = re.compile(UNNUMBERED_ACTION_KEY)


def is_unnumbered_action_key(text: str) -> bool:
    return len(text) <= 200 and _UNNUMBERED_ACTION_KEY.fullmatch(text) is not None


def decision_page(group: str, key: str) -> str:
    # Beside the group's meeting pages, like actions: minutes link "decisions/d3-1.html".
    return f"groups/{group}/{DECISION_FROM_MEETING.format(key=key)}"


DECISION_FROM_MEETING = "decisions/{key}.html"


def group_decisions_page(group: str) -> str:
    return f"groups/{group}/decisions/index.html"


def numbered_decision_key(decision_id: str) -> str:
    return decision_id.lower().replace(".", "-")


def unnumbered_decision_key(day: date, anchor: str) -> str:
    return f"{day.isoformat()}-{anchor.removeprefix('decision-')}"


def paper_file(group: str, name: str) -> str:
    return f"groups/{group}/papers/{name}"


def relative(from_page: str, to: str) -> str:
    """The link from page `from_page` to `to` (both output paths; `to` may carry a #fragment)."""
    target, _, fragment = to.partition("#")
    if not target:
        return f"#{fragment}"
    folder, _, name = target.rpartition("/")
    if name in ("", ".", ".."):
        link = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    else:
        # A site has few folders and many pages: the way between two folders is computed
        # once (relpath is slow, and a big site makes millions of links).
        link = _between_folders(posixpath.dirname(from_page), folder) + name
    return f"{link}#{fragment}" if fragment else link


# Files for readers' tools rather than pages: feeds, calendars, open data, search.
SEARCH = "search.html"
MINUTES_FEED = "feeds/minutes.atom"
ACTIONS_FEED = "feeds/actions.atom"
CALENDAR = "calendars/all.ics"
DATA_INDEX = "data/index.html"
ACTIONS_CSV = "data/actions.csv"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def group_minutes_feed(group: str) -> str:
    return f"feeds/groups/{group}/minutes.atom"


def group_actions_feed(group: str) -> str:
    return f"feeds/groups/{group}/actions.atom"


def person_actions_feed(person_id: str) -> str:
    return f"feeds/people/{person_id}/actions.atom"


def group_calendar(group: str) -> str:
    return f"calendars/groups/{group}.ics"


def data_file(name: str) -> str:
    return f"data/{name}.json"


def data_schema(name: str) -> str:
    return f"data/schema/{name}.schema.json"


def actions_by_year_page(year: int) -> str:
    return f"actions/year-{year}.html"


@lru_cache(maxsize=4096)
def _between_folders(start: str, folder: str) -> str:
    """The relative way from folder `start` to folder `folder`: '' or ending with '/'."""
    way = posixpath.relpath(folder or ".", start or ".")
    return "" if way == "." else way + "/"


def is_site_address(value: str) -> bool:
    """Whether `value` can be the site's public address (base_url): http(s), a host, no
    query or fragment, and nothing a feed, calendar or header line could not carry."""
    if not value.isprintable() or any(ch.isspace() or ch == "\\" for ch in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and not parts.query
        and not parts.fragment
    )


def list_page(first: str, number: int) -> str:
    """Page `number` (from 1) of a paged index whose first page is `first`:
    actions/index.html, actions/index-2.html, ..."""
    return first if number == 1 else f"{first.removesuffix('.html')}-{number}.html"


def find_action_page(group: str) -> str:
    """A group's actions by number: the "find an action" form's answer, without script."""
    return f"groups/{group}/actions/find.html"


FIND_ACTION = "actions/find.html"  # the site-wide form's answer: it names the group's page
ACTION_ROWS = "actions/rows.json"  # every action in brief, for the script filter
DECISION_ROWS = "decisions/rows.json"
DECISIONS_CSV = "data/decisions.csv"


def search_ids(major: str) -> str:
    """The actions and decisions whose number starts `major.` (or is `major`): what the
    search page looks up first for a query that is a number."""
    return f"search/ids/{major}.json"
