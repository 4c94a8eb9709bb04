"""Who an action's owner text means, in the context of the meeting that raised it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from site_gen.conventions.short_names import INITIALS, fits, handle_fits, split_given
from site_gen.conventions.short_names import handle as handle_of
from site_gen.link.bodies import looks_like_body
from site_gen.link.registry import Registry, name_key
from site_gen.model import Group, Owner

# "Dez and Geraldine", "Josh & Leon", "Josh / Leon", "Dez, Lisa and Paul"
_JOINERS = re.compile(r"\s*(?:,|&|/|\band\b)\s*", re.IGNORECASE)
# What a committee calls itself as an owner: "the committee", "SC members", "Board".
_COMMITTEE_WORDS = {
    "committee", "board", "council", "group", "steering", "steering committee", "sc", "tac",
    "tsc", "pmc", "gb", "trustees", "directors", "the members",
}  # fmt: skip
_MEMBERS_SUFFIX = re.compile(r"\s+(?:members?|member's|members')$")
_GROUP_WORDS = {
    "the group", "group", "the whole group", "all", "all members", "members", "everyone",
    "everybody", "all of us", "whole group",
}  # fmt: skip


@dataclass(frozen=True)
class OwnerContext:
    registry: Registry
    group: Group
    day: date
    attendees: tuple[str, ...]  # person ids in the meeting's attendance, any kind
    noun: str = "owner"  # what the name is, in problem reports: "owner", "mover" ...
    initials: Mapping[str, str] = field(default_factory=dict)  # given in attendance -> id

    @property
    def members(self) -> tuple[str, ...]:
        """Who was a member of the group on the day: a name no attendee has may be theirs."""
        return tuple(sorted({m.person_id for m in self.group.memberships if m.active_on(self.day)}))


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


def _attending(text: str, ctx: OwnerContext) -> Resolution | None:
    """A full name or alias of someone at the meeting."""
    found = [p for p in ctx.registry.people_named(text) if p in ctx.attendees]
    return Resolution(Owner(text, person_id=found[0])) if len(found) == 1 else None


def _by_first_name(text: str, ctx: OwnerContext, pool: str) -> Resolution | None:
    key = name_key(text)
    if " " in key:
        return None
    return _one_of(
        text, ctx, lambda p: ctx.registry.first_name(p) == key, "the owner's full name", pool
    )


def _by_short_name(text: str, ctx: OwnerContext, pool: str) -> Resolution | None:
    """Initials the attendance gave, else a short form only one person fits: initials,
    a surname, "PhilO", "Tim H", the start of a first name, a handle."""
    if INITIALS.match(text) and text in ctx.initials:
        return Resolution(Owner(text, person_id=ctx.initials[text]))
    if handle_of(text):
        return _one_of(
            text,
            ctx,
            lambda p: handle_fits(text, ctx.registry.person_name(p)),
            "the full name",
            pool,
        )
    return _one_of(
        text, ctx, lambda p: fits(text, ctx.registry.person_name(p)), "the owner's full name", pool
    )


def _one_of(
    text: str, ctx: OwnerContext, matches: Callable[[str], bool], hint: str, pool: str
) -> Resolution | None:
    """The one person of the pool ("attendees", the group's "members" that day, or everyone
    "known" to the record) that
    `matches` picks; two are ambiguous, and reported."""
    people, who = _POOLS[pool](ctx)  # only the pool asked for is worked out
    found = sorted({p for p in people if matches(p)})
    if len(found) == 1:
        return Resolution(Owner(text, person_id=found[0]))
    if found:
        names = " and ".join(ctx.registry.person_name(p) for p in found)
        return Resolution(
            Owner(text), f"{ctx.noun} {text!r} is ambiguous: {names} {who}", f"write {hint}"
        )
    return None


# Whom each pool holds, and how a warning says it. Built on demand: the members and everyone
# known were worked out for every call, and that was a tenth of the link.
_POOLS: dict[str, Callable[[OwnerContext], tuple[tuple[str, ...], str]]] = {
    "attendees": lambda ctx: (ctx.attendees, "attended"),
    "members": lambda ctx: (ctx.members, "are members"),
    "known": lambda ctx: (ctx.registry.person_ids(), "are in the record"),
}


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


def _names_the_group(key: str, group: Group) -> bool:
    """ "The committee", "SC members", "steering members": the whole group, in its own words."""
    bare = _MEMBERS_SUFFIX.sub("", key.removeprefix("the "))
    if bare in _COMMITTEE_WORDS:
        return True
    words = set(re.split(r"[\s-]+", name_key(group.name))) | set(group.slug.split("-"))
    return bool(bare) and bare in words and key != bare  # "<word of the name> members"


def _group_or_body(text: str, ctx: OwnerContext) -> Resolution | None:
    """The group itself ("the committee", its name) or a body of people.yaml, if `text`
    names one."""
    key = name_key(text)
    if key in _GROUP_WORDS or key in (name_key(ctx.group.name), "the " + name_key(ctx.group.name)):
        return Resolution(Owner(text, group=ctx.group.slug))
    body = ctx.registry.body_named(text)
    if body:
        return Resolution(Owner(text, body_id=body))
    if _names_the_group(key, ctx.group):
        return Resolution(Owner(text, group=ctx.group.slug))
    return None


def resolve_one(text: str, ctx: OwnerContext) -> Resolution | None:
    if (whole := _group_or_body(text, ctx)) is not None:
        return whole
    # Those at the meeting first: "Joe" is Joe Beda who attended, even where someone else
    # is listed elsewhere as plain "Joe".
    found = (
        _attending(text, ctx)
        or _by_first_name(text, ctx, "attendees")
        or _by_short_name(text, ctx, "attendees")
        or _by_name(text, ctx)
        or _by_role(text, ctx)
        or _by_first_name(text, ctx, "members")
        # Initials at a meeting whose minutes list no one: of the one person in the record
        # they fit (someone who sent apologies to an earlier meeting, too).
        or (_by_short_name(text, ctx, "known") if not ctx.attendees else None)
    )
    if found is not None:
        return found
    name, initials, handle = split_given(text)
    if (initials or handle) and (inner := resolve_one(name, ctx)) is not None:
        return replace(inner, owner=replace(inner.owner, text=text))  # "Jane Smith (JS)"
    if (at := handle_of(text)) and (inner := resolve_one(at[1:], ctx)) is not None:
        return replace(inner, owner=replace(inner.owner, text=text))  # "@Jim" is Jim
    return None


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
    message = f"{ctx.noun} {text!r} matches no attendee, member, role or body"
    if body := ctx.registry.body_within(text):
        hint = (
            f"write the body's name, {body!r}, or add {text!r} to its aliases under 'bodies:' "
            "in people.yaml"
        )
        return Resolution(Owner(text), message, hint, "owner-body-unknown")
    if looks_like_body(text):
        hint = (
            f"if {text} is an organisation, add it under 'bodies:' in people.yaml "
            f"('- name: {text}'); if it is a person, write their full name"
        )
        return Resolution(Owner(text), message, hint, "owner-body-unknown")
    hint = "write the full name, or add the name as an alias in people.yaml"
    return Resolution(Owner(text), message, hint, "owner-unresolved")


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
