"""Build the frozen Site from parsed records, checking every cross-reference."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

from site_gen import urls
from site_gen.link.actions import ActionLinker
from site_gen.link.decisions import DecisionLinker
from site_gen.link.drafts import check_drafts
from site_gen.link.membership import members_present, note_non_member
from site_gen.link.near_names import NearNames
from site_gen.link.papers import GroupPapers, link_papers
from site_gen.link.registry import Registry
from site_gen.load import PaperFile
from site_gen.model import (
    AgendaItem,
    AttendanceSection,
    Attendee,
    Correction,
    Group,
    Meeting,
    Membership,
    Minutes,
    Site,
)
from site_gen.parse.content import ParsedContent
from site_gen.parse.records import (
    EntryRecord,
    GroupRecord,
    MeetingRecord,
)
from site_gen.problems import Problems
from site_gen.vocabulary import MeetingStatus


@dataclass
class _Linking:
    registry: Registry
    problems: Problems
    groups: dict[str, Group] = field(default_factory=dict)
    papers: Mapping[str, PaperFile] = field(default_factory=dict)
    paper_names: dict[str, GroupPapers] = field(default_factory=dict)  # by group
    known: frozenset[str] = frozenset()  # ids of the people known before any attendance
    near: NearNames = field(default_factory=NearNames)  # their names, to catch slips


def _person(name: str, path: str, line: int, state: _Linking) -> str:
    """The person of this name, alias or id; created if new; the first, with a warning, if many."""
    found = state.registry.people_named(name)
    if len(found) > 1:
        state.problems.warning(
            path,
            line,
            f"{name!r} is the name of {len(found)} people; took {found[0]!r}",
            "write the person's id from people.yaml instead of the name",
            code="ambiguous-name",
        )
    return found[0] if found else state.registry.person_for(name, path, line)


def _link_group(record: GroupRecord, state: _Linking) -> Group:
    memberships = tuple(
        Membership(
            record.slug,
            _person(m.name, record.path, m.line, state),
            m.role,
            m.start,
            m.end,
        )
        for m in record.members
    )
    return Group(record.slug, record.name, record.description, memberships)


_SUBSTITUTE = re.compile(r"\s+for\s+", re.IGNORECASE)


def _split_substitute(entry: EntryRecord, registry: Registry) -> EntryRecord:
    """'Jane Doe for John Smith' is a substitute when John Smith is someone we know and the
    whole is not a name ('Department for Education' stays a body, and a name stays a name)."""
    if entry.substitute_for or registry.people_named(entry.name):
        return entry
    parts = _SUBSTITUTE.split(entry.name, maxsplit=1)
    if len(parts) == 2 and registry.people_named(parts[1]):
        return replace(entry, name=parts[0].strip(), substitute_for=parts[1].strip())
    return entry


def _warn_near_name(entry: EntryRecord, person_id: str, path: str, state: _Linking) -> None:
    """A new name that is almost a known person's is probably that person, misspelt."""
    if person_id in state.known:
        return
    meant = state.near.near(entry.name)
    if meant is None:
        return
    state.problems.warning(
        path,
        entry.line,
        f"{entry.name!r} is not a known person: did you mean {meant!r}?",
        f"if it is {meant}, write {meant!r} (or add {entry.name!r} to their aliases in "
        "people.yaml); if it is someone else, give them an entry in people.yaml",
        code="near-name",
    )


def _attendee(entry: EntryRecord, record: MeetingRecord, state: _Linking) -> Attendee:
    registry = state.registry
    if entry.is_body or registry.body_named(entry.name):
        if not entry.name:
            state.problems.error(
                record.path,
                entry.line,
                "a body with no name",
                "write 'body: Name'",
                code="missing-key",
            )
        return Attendee(entry.name, entry.role, None, registry.body_for(entry.name))
    entry = _split_substitute(entry, registry)
    person_id = _person(entry.name, record.path, entry.line, state)
    _warn_near_name(entry, person_id, record.path, state)
    registry.note_role(person_id, entry.role)
    if entry.handle:
        registry.note_handle(person_id, entry.handle)
    absentee = (
        _person(entry.substitute_for, record.path, entry.line, state)
        if entry.substitute_for
        else None
    )
    # Written by id ("person: john-smith-york"): show the person's name, not the id.
    shown = registry.person_name(person_id) if entry.name == person_id else entry.name
    return Attendee(
        shown,
        entry.role,
        person_id,
        None,
        substitute_for=absentee,
        arrived=entry.arrived,
        left=entry.left,
        initials=entry.initials,
    )


def _approvals(records: list[MeetingRecord], state: _Linking) -> dict[str, str]:
    """Meeting key of the minutes -> key of the published meeting that approved them."""
    keys = {(r.group, r.date): f"{r.group}/{r.date.isoformat()}" for r in records}
    approved_by = {}
    for record in records:
        day = record.lifecycle.approved_at
        if day is None:
            continue
        if day <= record.date:
            state.problems.warning(
                record.path,
                record.lifecycle.approved_at_line,
                f"minutes approved on {day.isoformat()}, not after the meeting itself",
                "'approved_at' is the date of the later meeting that approved these minutes",
                code="approval-date",
            )
        elif (record.group, day) in keys:
            approved_by[keys[(record.group, record.date)]] = keys[(record.group, day)]
    return approved_by


def _link_meeting(record: MeetingRecord, state: _Linking, approved_by: dict[str, str]) -> Meeting:
    sections = tuple(
        AttendanceSection(
            section.label,
            section.kind,
            tuple(_attendee(entry, record, state) for entry in section.entries),
        )
        for section in record.sections
    )
    _note_non_members(record, sections, state)
    key = f"{record.group}/{record.date.isoformat()}"
    lifecycle = record.lifecycle
    return Meeting(
        group=record.group,
        date=record.date,
        number=record.number,
        status=lifecycle.status,
        details=record.details,
        sections=sections,
        agenda=tuple(AgendaItem(h.anchor, h.title) for h in record.headings),
        body_html=Minutes(record.body_html, key),
        approved_at=lifecycle.approved_at,
        approved_by=approved_by.get(key),
        approves=tuple(sorted(k for k, by in approved_by.items() if by == key)),
        corrections=tuple(Correction(c.date, c.note) for c in lifecycle.corrections),
        withheld_actions=sum(len(w.action_ids) for w in record.withheld),
        withheld_decisions=sum(len(w.decision_ids) for w in record.withheld),
        papers=link_papers(record, state.papers, _paper_names(record.group, state)),
    )


def _note_non_members(
    record: MeetingRecord, sections: tuple[AttendanceSection, ...], state: _Linking
) -> None:
    """Members present on a day their membership of the group does not cover (the group
    file's dates, or the date of the minutes, are wrong). Guests who were never members
    are for `site-gen check` (link.membership, everyone=True)."""
    group = state.groups[record.group]
    for entry, attendee in members_present(record, sections):
        if attendee.person_id not in state.known and state.near.near(entry.name):
            continue  # a slip, reported as one
        note_non_member(record, group, entry, attendee, state.problems, everyone=False)


def _paper_names(group: str, state: _Linking) -> GroupPapers:
    return state.paper_names.setdefault(group, GroupPapers(group, state.problems))


def _published(
    content: ParsedContent, include_drafts: bool, state: _Linking
) -> list[MeetingRecord]:
    """Meetings of known groups, once per group and date, drafts only when asked for."""
    seen: dict[str, MeetingRecord] = {}
    kept = []
    for record in sorted(content.meetings, key=lambda m: (m.group, m.date, m.path)):
        if record.lifecycle.status is MeetingStatus.DRAFT and not include_drafts:
            continue
        if record.group not in state.groups:
            if record.group in content.group_files:
                continue  # its group file exists but could not be read: that error is enough
            known = ", ".join(sorted(state.groups)) or "none yet"
            state.problems.error(
                record.path,
                record.group_line,
                f"group {record.group!r} does not exist",
                f"create groups/{record.group}.yaml, or use a known group ({known})",
                code="unknown-group",
            )
            continue
        page = urls.meeting_page(record.group, record.date)
        if page in seen:
            state.problems.error(
                record.path,
                record.date_line,
                f"{record.group} already has a meeting on {record.date.isoformat()} "
                f"({seen[page].path})",
                "merge the two files, or correct the date",
                code="duplicate-meeting",
            )
            continue
        seen[page] = record
        kept.append(record)
    return kept


def _warn_shared_numbers(records: list[MeetingRecord], problems: Problems) -> None:
    """Two meetings of a group with one number: their actions' ids (3.1 ...) would clash."""
    first: dict[tuple[str, int], MeetingRecord] = {}
    for record in records:
        if record.number is None:
            continue
        earlier = first.setdefault((record.group, record.number), record)
        if earlier is not record:
            problems.warning(
                record.path,
                record.number_line,
                f"meeting number {record.number} of {record.group} is also the number of "
                f"{earlier.path}",
                "give each meeting of a group its own number",
                code="duplicate-number",
            )


def link_site(content: ParsedContent, problems: Problems, *, include_drafts: bool = False) -> Site:
    """The model of the published meetings (and with `include_drafts`, of the drafts too).
    Without them, the drafts are still linked, apart, for their problems (link.drafts)."""
    site = _link_site(content, problems, include_drafts)
    if include_drafts:
        return site
    left_out = check_drafts(content, problems, partial(_link_site, include_drafts=True))
    return replace(site, drafts_left_out=left_out)


def _link_site(content: ParsedContent, problems: Problems, include_drafts: bool) -> Site:
    registry = Registry.from_records(content.people, problems)
    state = _Linking(registry, problems, papers=content.papers)
    for group_record in sorted(content.groups, key=lambda g: (g.slug, g.path)):
        if group_record.slug in state.groups:
            problems.error(
                group_record.path,
                1,
                f"another group file also gives the address {group_record.slug!r}",
                "keep one file per group",
                code="duplicate-group",
            )
            continue
        state.groups[group_record.slug] = _link_group(group_record, state)
    state.known = frozenset(p.id for p in registry.people())
    for person in registry.people():
        for name in (person.name, *person.aliases):
            state.near.add(name)

    records = _published(content, include_drafts, state)
    _warn_shared_numbers(records, problems)
    approved_by = _approvals(records, state)
    meetings = [_link_meeting(record, state, approved_by) for record in records]
    by_group: dict[str, list[tuple[MeetingRecord, Meeting]]] = defaultdict(list)
    for record, meeting in zip(records, meetings, strict=True):
        by_group[record.group].append((record, meeting))

    actions, decisions = [], []
    for slug in sorted(by_group):
        linker = ActionLinker(state.groups[slug], registry, problems)
        group_actions = linker.link(by_group[slug])
        actions.extend(group_actions)
        deciding = DecisionLinker(state.groups[slug], registry, problems, group_actions)
        decisions.extend(deciding.link(by_group[slug]))

    return Site(
        config=content.config,
        groups=tuple(sorted(state.groups.values(), key=lambda g: (g.name.casefold(), g.slug))),
        people=registry.people(),
        bodies=registry.bodies(),
        meetings=tuple(meetings),
        actions=tuple(actions),
        decisions=tuple(decisions),
    )


def linked_records(parsed: ParsedContent, site: Site) -> dict[str, MeetingRecord]:
    """The record each meeting of the site was linked from, by Meeting.key."""
    return _linked_from(parsed.meetings, site)


def _linked_from(records: Iterable[MeetingRecord], site: Site) -> dict[str, MeetingRecord]:
    found: dict[str, MeetingRecord] = {}
    for record in sorted(records, key=lambda r: r.path):
        key = f"{record.group}/{record.date.isoformat()}"
        meeting = site.meeting_by_key.get(key)
        if meeting is not None and key not in found and record.lifecycle.status == meeting.status:
            found[key] = record
    return found


def with_minutes(
    site: Site, parsed: ParsedContent, changed: Iterable[MeetingRecord] | None = None
) -> Site:
    """`site` with each meeting's minutes taken from `parsed`: the model linked from
    `parsed`, when `site` was linked from content that differs from it in minutes alone.
    `changed`: the records that may differ from those `site` was made from (serve knows
    the few it parsed again; by default, all): only their meetings are looked at."""
    records: Iterable[MeetingRecord] = parsed.meetings
    if changed is not None:
        touched = {(r.group, r.date) for r in changed}
        records = [r for r in parsed.meetings if (r.group, r.date) in touched]
    by_key, new = site.meeting_by_key, dict[int, Meeting]()
    for key, record in _linked_from(records, site).items():
        meeting = by_key[key]
        new[id(meeting)] = _with_minutes(meeting, record.body_html)
    return replace(site, meetings=tuple(new.get(id(m), m) for m in site.meetings))


def _with_minutes(meeting: Meeting, html: str) -> Meeting:
    """`meeting` with minutes `html`: the very same meeting when they are its minutes (after
    a one-meeting edit, all others are), so what is kept by meeting stays valid."""
    if meeting.body_html == html:
        return meeting
    return replace(meeting, body_html=Minutes(html, meeting.key))
