"""The group a meeting belongs to: a known group named in the title lines, or a new one."""

from __future__ import annotations

import re

from site_gen.importer.dates import find_date
from site_gen.importer.document import Line
from site_gen.importer.minutes import Finding, Known, KnownGroup, Minutes
from site_gen.importer.text import plain, word_count
from site_gen.slugs import slugify

_GROUP_FROM_MINUTES = re.compile(
    r"^(?:(?:draft|approved|unconfirmed)\s+)?minutes\s+of\s+(?:the\s+)?"
    r"(?:(?:\w+|\d+(?:st|nd|rd|th))\s+(?:meeting|session)\s+of\s+(?:the\s+)?)?"
    r"(?P<name>.+?)(?:\s+(?:meeting|session))?(?:\s+(?:held|on|at)\b.*|[,(].*)?$",
    re.IGNORECASE,
)
_GROUP_LINE_TAIL = re.compile(
    r"(?:\s*[-\u2013\u2014:,|]?\s*(?:draft\s+|approved\s+)?(?:meeting\s+)?minutes|\s+meeting)$",
    re.IGNORECASE,
)
_MAX_GROUP_WORDS = 8
_GROUP_NOUN = re.compile(
    r"\b(?:committee|sub-committee|board|group|panel|council|forum|commission|party|"
    r"assembly|cabinet|network|trustees|governors|steering)\b",
    re.IGNORECASE,
)


def _group_name(text: str) -> str | None:
    """ "Minutes of the Finance Committee meeting held on ..." or a line that is only a name."""
    words = plain(text).strip(" :-")
    match = _GROUP_FROM_MINUTES.match(words)
    if match:
        name = match["name"]
    elif not words or find_date(words) is not None or any(c.isdigit() for c in words):
        return None
    else:
        name = _GROUP_LINE_TAIL.sub("", words)
    name = name.strip(" .,:-\u2013\u2014")
    if name.isupper():
        name = _title_case(name)  # "ASHFORD PARISH COUNCIL", set in capitals as a heading
    if not name or not 1 <= word_count(name) <= _MAX_GROUP_WORDS or any(c.isdigit() for c in name):
        return None
    if name.lower() in ("minutes", "meeting", "agenda", "attendees", "attendance"):
        return None
    if not name[0].isupper() or any(c in name for c in ".;!?"):
        return None
    return name


def _title_case(name: str) -> str:
    small = {"and", "of", "the", "for", "on", "in", "to", "a"}
    words = name.lower().split()
    return " ".join(
        w if i and w in small else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def find_group(header: list[Line], known: Known, minutes: Minutes, forced: str | None) -> None:
    if forced:
        for group in known.groups:
            if forced in (group.slug, group.name) or forced.casefold() == group.name.casefold():
                minutes.group = group
                minutes.inferred.append(Finding(None, f"group: {group.name} (--group)"))
                return
        minutes.group = KnownGroup(slugify(forced), forced)
        minutes.group_is_new = True
        minutes.inferred.append(Finding(None, f"group: {forced} (--group), a new group"))
        return
    by_length = sorted(known.groups, key=lambda g: len(g.name), reverse=True)
    for line in header:
        words = plain(line.text).casefold()
        for group in by_length:
            if group.name.casefold() in words:
                minutes.group = group
                minutes.inferred.append(Finding(line.number, f"group: {group.name}"))
                return
    candidates = [(line, name) for line in header if (name := _group_name(line.text))]
    if candidates:
        # "Riverside Trust" then "Finance Committee": the one that names a kind of group.
        line, name = next(((ln, n) for ln, n in candidates if _GROUP_NOUN.search(n)), candidates[0])
        slug = slugify(name)
        existing = next((g for g in known.groups if g.slug == slug), None)
        minutes.group = existing or KnownGroup(slug, name)
        minutes.group_is_new = existing is None
        new = f", a new group (groups/{slug}.yaml)" if existing is None else ""
        minutes.inferred.append(Finding(line.number, f"group: {name}{new}"))
        for other, other_name in candidates:
            if other_name != name:
                minutes.unsure.append(
                    Finding(other.number, f"{other_name!r} could also be the group's name")
                )
        return
    minutes.unsure.append(
        Finding(None, "no group found in the heading of the minutes: give one with --group")
    )
