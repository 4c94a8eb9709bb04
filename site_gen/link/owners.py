"""Who an action's owner text means, in the context of the meeting that raised it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from site_gen.link.registry import Registry, name_key
from site_gen.link.short_owners import INITIALS, initials_fit, looks_like_body
from site_gen.model import Group, Owner

# "Dez and Geraldine", "Josh & Leon", "Josh / Leon", "Dez, Lisa and Paul"
_JOINERS = re.compile(r"\s*(?:,|&|/|\band\b)\s*", re.IGNORECASE)
_GROUP_WORDS = {"the group", "group", "the whole group", "all", "all members", "members"}


@dataclass(frozen=True)
class OwnerContext:
    registry: Registry
    group: Group
    day: date
    attendees: tuple[str, ...]  # person ids in the meeting's attendance, any kind
    noun: str = "owner"  # what the name is, in problem reports: "owner", "mover" ...


@dataclass(frozen=True)
class Resolution:
    owner: Owner
    problem: str = ""  # why it could not be resolved, for a warning
    hint: str = ""
    code: str = "owner-ambiguous"


def _by_name(text: str, ctx: OwnerContext) -> Resolution | None:
    found = ctx.registry.people_named(text)
    if len(found) > 1:
        present = [p for p in found if p in ctx.attendees]
        found = present or found
    if len(found) == 1:
        return Resolution(Owner(text, person_id=found[0]))
    if found:
        return Resolution(
            Owner(text),
            f"{ctx.noun} {text!r} is the name of {len(found)} people ({', '.join(found)})",
            "write the person's id from people.yaml",
        )
    return None


def _among_attendees(
    text: str, ctx: OwnerContext, fits: Callable[[str], bool], ambiguous: str
) -> Resolution | None:
    """The one attendee whose id `fits` the short form `text`; several: `ambiguous`, with
    their names put in for {names}; none: None."""
    found = sorted({p for p in ctx.attendees if fits(p)})
    if len(found) == 1:
        return Resolution(Owner(text, person_id=found[0]))
    if found:
        names = " and ".join(ctx.registry.person_name(p) for p in found)
        return Resolution(
            Owner(text),
            f"{ctx.noun} {text!r} is ambiguous: " + ambiguous.format(names=names),
            "write the owner's full name",
        )
    return None


def _by_first_name(text: str, ctx: OwnerContext) -> Resolution | None:
    key = name_key(text)
    if " " in key:
        return None
    return _among_attendees(
        text, ctx, lambda p: ctx.registry.first_name(p) == key, "{names} attended"
    )


def _by_initials(text: str, ctx: OwnerContext) -> Resolution | None:
    if not INITIALS.match(text):
        return None
    return _among_attendees(
        text,
        ctx,
        lambda p: initials_fit(text, ctx.registry.person_name(p)),
        "the initials of {names}, who attended",
    )


def _by_role(text: str, ctx: OwnerContext) -> Resolution | None:
    key = name_key(text).removeprefix("the ")
    holders = sorted(
        {
            m.person_id
            for m in ctx.group.memberships
            if name_key(m.role) == key and m.active_on(ctx.day)
        }
    )
    if len(holders) == 1:
        return Resolution(Owner(text, person_id=holders[0]))
    if holders:
        return Resolution(
            Owner(text),
            f"{ctx.noun} {text!r} is a role held by {len(holders)} people on {ctx.day.isoformat()}",
            "write the owner's name",
        )
    return None


def resolve_one(text: str, ctx: OwnerContext) -> Resolution | None:
    key = name_key(text)
    if key in _GROUP_WORDS or key in (name_key(ctx.group.name), "the " + name_key(ctx.group.name)):
        return Resolution(Owner(text, group=ctx.group.slug))
    body = ctx.registry.body_named(text)
    if body:
        return Resolution(Owner(text, body_id=body))
    return (
        _by_name(text, ctx)
        or _by_role(text, ctx)
        or _by_first_name(text, ctx)
        or _by_initials(text, ctx)
    )


def resolve_owners(text: str, ctx: OwnerContext) -> list[Resolution]:
    """One resolution per owner named; unresolved ones carry the problem to report."""
    whole = resolve_one(text, ctx)
    if whole is not None:
        return [whole]
    if reads_as_task(text):
        return [
            Resolution(
                Owner(text),
                f"no {ctx.noun}: {text!r} reads as what is to be done, not who is to do it",
                f"write the {ctx.noun} first: 'Name to do something', e.g. 'Dez to share the "
                "paper'",
                "no-owner",
            )
        ]
    parts = [p.strip() for p in _JOINERS.split(text) if p.strip()]
    return [resolve_one(part, ctx) or _unresolved(part, ctx) for part in parts]


def _unresolved(text: str, ctx: OwnerContext) -> Resolution:
    if body := ctx.registry.body_within(text):
        return Resolution(
            Owner(text),
            f"{ctx.noun} {text!r} matches no attendee, member, role or body",
            f"write the body's name, {body!r}, or add {text!r} to its aliases under 'bodies:' "
            "in people.yaml",
            "owner-body-unknown",
        )
    if looks_like_body(text):
        return Resolution(
            Owner(text),
            f"{ctx.noun} {text!r} matches no attendee, member, role or body",
            f"if {text} is an organisation, add it under 'bodies:' in people.yaml "
            f"('- name: {text}'); if it is a person, write their full name",
            "owner-body-unknown",
        )
    return Resolution(
        Owner(text),
        f"{ctx.noun} {text!r} matches no attendee, member, role or body",
        "write the full name, or add the name as an alias in people.yaml",
        "owner-unresolved",
    )


# Words that start or fill a task, not a name: "Circulate the paper to members".
_TASK_WORDS = {"the", "a", "an", "this", "that", "these", "those", "all", "any", "our", "their"}


def reads_as_task(text: str) -> bool:
    """Owner text no one is named by: a verb first ("circulate the paper", "Circulate the
    paper"), seen by a lower-case first word or by an article straight after the first
    word. "The consultants", "Head of the service" and "Chair" stay names."""
    words = [w.casefold() for w in text.split()]
    if not words:
        return False
    if text[:1].islower() and words[0] not in _TASK_WORDS:
        return True
    return len(words) > 2 and words[0] not in _TASK_WORDS and words[1] in _TASK_WORDS
