"""Lookups across the model that several kinds of page need, each worked out once, when a
page first asks for it: a rebuild that makes one meeting's page needs only a few."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from site_gen.model import (
    Action,
    AttendanceSection,
    Attendee,
    Decision,
    EventKind,
    Meeting,
    Site,
)
from site_gen.overdue import overdue_actions
from site_gen.views.attendance import GroupAttendance, attendance_by_group
from site_gen.views.common import ActionRow, Link, MembershipView, action_row, term
from site_gen.views.decisions import DecisionIndex

Attended = tuple[Meeting, AttendanceSection, Attendee]


@dataclass(frozen=True)
class _ActionLookups:
    of_group: dict[str, list[Action]]
    of_person: dict[str, list[Action]]  # the actions each person owns
    raised_at: dict[str, list[Action]]  # by the key of the meeting that raised them
    follow_ups: dict[str, list[tuple[Action, int]]]  # (action, event number) by meeting key


def _action_lookups(actions: tuple[Action, ...]) -> _ActionLookups:
    found = _ActionLookups(
        defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    )
    for action in actions:
        found.of_group[action.group].append(action)
        for person_id in dict.fromkeys(o.person_id for o in action.owners if o.person_id):
            found.of_person[person_id].append(action)
        if action.raised_in:
            found.raised_at[action.raised_in].append(action)
        for n, event in enumerate(action.events):
            if event.kind is not EventKind.RAISED:
                found.follow_ups[event.meeting].append((action, n))
    return found


@dataclass
class KeptLookups:
    """Lookups kept between the builds of one process (serve's incremental.Memory): the
    last model's action lookups, with its actions (the very tuple, held so they cannot be
    another model's). serve puts a reload's minutes into the model it keeps, whose actions
    are the same objects, and working these out again for a meeting's page was a sixth of
    a reload."""

    actions: tuple[tuple[Action, ...], _ActionLookups] | None = None
    # The overdue actions of the model with these actions: they depend on the actions, the
    # meetings' dates and statuses and site.yaml, which a model with the very same actions
    # (new minutes put in) shares. A sixth of a reload, worked out again.
    overdue: tuple[tuple[Action, ...], frozenset[str]] | None = None
    # The decisions' index, with the decisions and actions it was made from: a model with
    # the very same ones shares it (a tenth of a reload that makes one meeting's page).
    decisions: tuple[tuple[Decision, ...], tuple[Action, ...], DecisionIndex] | None = None


class Lookups:
    def __init__(self, site: Site, kept: KeptLookups | None = None) -> None:
        """`kept`: what an earlier build of this process worked out, to reuse where it holds."""
        self.site = site
        self._kept = kept if kept is not None else KeptLookups()
        self._rows: dict[tuple[str, str], ActionRow] = {}

    @cached_property
    def overdue(self) -> frozenset[str]:
        kept = self._kept.overdue
        if kept is None or kept[0] is not self.site.actions:
            kept = self._kept.overdue = (self.site.actions, overdue_actions(self.site))
        return kept[1]

    @cached_property
    def meetings_of(self) -> dict[str, list[Meeting]]:
        meetings_of: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.site.meetings:
            meetings_of[meeting.group].append(meeting)
        return meetings_of

    @cached_property
    def attended_by(self) -> dict[str, list[Attended]]:
        attended_by: dict[str, list[Attended]] = defaultdict(list)
        for meeting in self.site.meetings:
            if not meeting.has_minutes:
                continue  # an agenda's expected attendance is not attendance
            for section in meeting.sections:
                for attendee in section.attendees:
                    if attendee.person_id:
                        attended_by[attendee.person_id].append((meeting, section, attendee))
        return attended_by

    @cached_property
    def attendance(self) -> dict[str, GroupAttendance]:
        return attendance_by_group(self.site, self.meetings_of)

    @cached_property
    def as_of(self) -> date | None:
        # "Current" members are those of the latest date in the record, not of the build day:
        # the same content must build the same site whatever day it is built.
        return max((m.date for m in self.site.meetings), default=None)

    @cached_property
    def decisions(self) -> DecisionIndex:
        site, kept = self.site, self._kept.decisions
        if kept is None or kept[0] is not site.decisions or kept[1] is not site.actions:
            kept = self._kept.decisions = (site.decisions, site.actions, DecisionIndex(site))
        return kept[2].for_site(site)

    @cached_property
    def roles(self) -> dict[str, list[MembershipView]]:
        """Each person's memberships, group by group: current ones first, then former ones,
        each newest first. Former: ended before the latest date in the record."""
        roles: dict[str, list[MembershipView]] = defaultdict(list)
        as_of = self.as_of
        for group in self.site.groups:
            ordered = sorted(group.memberships, key=lambda m: m.start or date.min, reverse=True)
            for m in ordered:
                former = m.end is not None and as_of is not None and m.end < as_of
                view = MembershipView(
                    Link(group.name, group.url), m.role, term(m.start, m.end), former
                )
                roles[m.person_id].append(view)
        for found in roles.values():
            found.sort(key=lambda r: r.former)  # stable: groups and dates keep their order
        return roles

    @cached_property
    def _actions_by(self) -> _ActionLookups:
        kept = self._kept.actions
        if kept is None or kept[0] is not self.site.actions:
            kept = self._kept.actions = (self.site.actions, _action_lookups(self.site.actions))
        return kept[1]

    @property
    def actions_of_group(self) -> dict[str, list[Action]]:
        return self._actions_by.of_group

    @property
    def actions_of_person(self) -> dict[str, list[Action]]:
        return self._actions_by.of_person

    @property
    def raised_at(self) -> dict[str, list[Action]]:
        return self._actions_by.raised_at

    @property
    def follow_ups(self) -> dict[str, list[tuple[Action, int]]]:
        return self._actions_by.follow_ups

    def row(self, action: Action) -> ActionRow:
        """An action's row, made once however many pages list it."""
        key = (action.group, action.key)
        if key not in self._rows:
            row = action_row(action, self.site)
            self._rows[key] = replace(row, overdue=action.url in self.overdue)
        return self._rows[key]

    def open_rows(self, actions: list[Action]) -> list[ActionRow]:
        return [self.row(a) for a in actions if a.status.is_open]
