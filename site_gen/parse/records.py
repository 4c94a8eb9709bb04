"""What the parse stage produces: one record per file, each value with its source line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from site_gen.markdown import (
    ActionItem,
    ActionRef,
    DecisionItem,
    DecisionRef,
    ReviewedItem,
    WithheldItem,
)
from site_gen.meeting_details import MeetingDetails
from site_gen.settings import SiteConfig as SiteConfig  # what parse_site makes
from site_gen.vocabulary import ActionStatus, AttendanceKind, MeetingStatus


@dataclass(frozen=True)
class PersonRecord:
    name: str
    person_id: str | None  # explicit page address, to keep two people of one name apart
    aliases: tuple[str, ...]
    affiliation: str
    sort_as: str
    path: str
    line: int


@dataclass(frozen=True)
class BodyRecord:
    name: str
    aliases: tuple[str, ...]
    path: str
    line: int


@dataclass(frozen=True)
class PeopleRecord:
    people: tuple[PersonRecord, ...] = ()
    bodies: tuple[BodyRecord, ...] = ()


@dataclass(frozen=True)
class MembershipRecord:
    name: str  # a name, alias or person id
    role: str
    start: date | None
    end: date | None
    line: int


@dataclass(frozen=True)
class GroupRecord:
    slug: str
    name: str
    description: str
    members: tuple[MembershipRecord, ...]
    path: str
    line: int


@dataclass(frozen=True)
class EntryRecord:
    """One line of an attendance section: a person (by name or id) or a body."""

    name: str
    role: str
    is_body: bool
    line: int
    substitute_for: str = ""  # "Jane Doe for John Smith": Jane attends in John's place
    arrived: str = ""  # late arrival, as written: "during item 2"
    left: str = ""  # early departure, as written: "after item 3"
    initials: str = ""  # "Jane Smith (JS)": what owners may call them at this meeting
    handle: str = ""  # "Ben Elder (@bentheelder)"


@dataclass(frozen=True)
class SectionRecord:
    label: str
    kind: AttendanceKind
    entries: tuple[EntryRecord, ...]
    line: int


@dataclass(frozen=True)
class UpdateRecord:
    action_id: str
    status: ActionStatus
    note: str
    line: int
    task: str = ""  # what the action is, for one raised before the published record


@dataclass(frozen=True)
class HeadingRecord:
    anchor: str
    title: str
    line: int


@dataclass(frozen=True)
class Correction:
    date: date
    note: str
    line: int


@dataclass(frozen=True)
class Lifecycle:
    status: MeetingStatus
    approved_at: date | None = None  # the date of the later meeting that approved them
    approved_at_line: int = 1
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class PaperRecord:
    """A public paper of a meeting: a file inside the content folder, or a web address."""

    title: str
    file: str  # relative to the content folder, as written: "papers/2021-07-30-slides.pdf"
    url: str  # an http(s) address, when the paper is published elsewhere
    line: int  # of its 'file' or 'url'


@dataclass(frozen=True)
class MeetingRecord:
    path: str
    group: str
    group_line: int
    date: date
    number: int | None
    lifecycle: Lifecycle
    details: MeetingDetails
    sections: tuple[SectionRecord, ...]
    updates: tuple[UpdateRecord, ...]
    body_html: str
    headings: tuple[HeadingRecord, ...]
    actions: tuple[ActionItem, ...]
    refs: tuple[ActionRef, ...]
    withheld: tuple[WithheldItem, ...]
    date_line: int = 1
    decisions: tuple[DecisionItem, ...] = ()
    decision_refs: tuple[DecisionRef, ...] = ()
    papers: tuple[PaperRecord, ...] = ()
    number_line: int = 1
    # Earlier actions a review lists without an id: the link stage finds which they are.
    reviewed: tuple[ReviewedItem, ...] = ()
    # Files of papers marked private (title left out): never read, and published nowhere.
    private_papers: tuple[PaperRecord, ...] = ()
