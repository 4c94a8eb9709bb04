"""The linked model of a site: produced whole by the link stage, then only read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from site_gen import urls
from site_gen.meeting_details import MeetingDetails
from site_gen.settings import SiteConfig
from site_gen.vocabulary import ActionStatus, AttendanceKind, MeetingStatus, Votes

Day = date  # for fields declared after a field named "date"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    sort_key: tuple[str, str]  # (surname, full name), both casefolded
    affiliation: str
    aliases: tuple[str, ...]

    @property
    def url(self) -> str:
        return urls.person_page(self.id)


@dataclass(frozen=True)
class Body:
    """A team or organisation named in minutes: owns actions, never gets a person page."""

    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    group: str
    person_id: str
    role: str
    start: date | None
    end: date | None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Group:
    slug: str
    name: str
    description: str
    memberships: tuple[Membership, ...]

    @property
    def url(self) -> str:
        return urls.group_page(self.slug)


@dataclass(frozen=True)
class Attendee:
    name: str  # as written in the minutes
    role: str
    person_id: str | None
    body_id: str | None
    substitute_for: str | None = None  # person id of the member this attendee stood in for
    arrived: str = ""  # late arrival, as written
    left: str = ""  # early departure, as written
    initials: str = ""  # as the attendance gives them: "Jane Smith (JS)"


@dataclass(frozen=True)
class AttendanceSection:
    label: str
    kind: AttendanceKind
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class AgendaItem:
    anchor: str
    title: str


@dataclass(frozen=True)
class Correction:
    date: date
    note: str


@dataclass(frozen=True)
class Paper:
    """A paper of a meeting: a file copied into the site, or a link to a page elsewhere."""

    title: str
    url: str  # the copy's output path, or the external address
    external: bool
    size: int = 0  # bytes, for a file
    kind: str = ""  # "PDF", "Word document": for people deciding whether to download it
    media_type: str = ""  # "application/pdf"
    source: str = ""  # the file inside the content folder that is copied


class Minutes(str):
    """A meeting's minutes, as HTML: a string that knows whose minutes it is.

    The minutes are the part of the model that changes most often and shows least: a page
    whose view holds them depends on them, and the build session finds them in the view
    (site_gen.incremental) to remake the page when they change. A view that copied their
    text into a plain string would hide that: hand templates the Minutes themselves.
    """

    meeting: str  # Meeting.key

    def __new__(cls, html: str, meeting: str) -> Minutes:
        minutes = super().__new__(cls, html)
        minutes.meeting = meeting
        return minutes

    def __reduce__(self) -> tuple[type[Minutes], tuple[str, str]]:
        return (Minutes, (str(self), self.meeting))


@dataclass(frozen=True)
class Meeting:
    group: str
    date: date
    number: int | None
    status: MeetingStatus
    details: MeetingDetails
    sections: tuple[AttendanceSection, ...]
    agenda: tuple[AgendaItem, ...]
    body_html: Minutes
    approved_at: Day | None = None  # when the group approved these minutes
    approved_by: str | None = None  # Meeting.key of that meeting, when it is published
    approves: tuple[str, ...] = ()  # Meeting.keys of the minutes approved at this meeting
    corrections: tuple[Correction, ...] = ()
    withheld_actions: int = 0  # raised in items that are not published: counted only
    withheld_decisions: int = 0  # taken in items that are not published: counted only
    papers: tuple[Paper, ...] = ()

    @property
    def has_minutes(self) -> bool:
        return self.status is not MeetingStatus.SCHEDULED

    @property
    def key(self) -> str:
        return f"{self.group}/{self.date.isoformat()}"

    @property
    def url(self) -> str:
        return urls.meeting_page(self.group, self.date)


@dataclass(frozen=True)
class Owner:
    """Who an action belongs to: a person, a body, the whole group, or unresolved text."""

    text: str
    person_id: str | None = None
    body_id: str | None = None
    group: str | None = None


class EventKind(StrEnum):
    RAISED = "raised"
    UPDATED = "updated"
    MENTIONED = "mentioned"


@dataclass(frozen=True)
class ActionEvent:
    kind: EventKind
    meeting: str  # Meeting.key
    status: ActionStatus | None = None
    note: str = ""
    anchor: str = ""  # where on the meeting page: the action item, or the agenda item


@dataclass(frozen=True)
class Action:
    group: str
    key: str  # page address within the group: "3-1", or date and words for unnumbered
    action_id: str | None
    anchor: str  # the item's id on the meeting page that raised it
    task: str
    owner_text: str
    owners: tuple[Owner, ...]
    raised_in: str | None  # Meeting.key; None when raised before the published record
    events: tuple[ActionEvent, ...]  # in meeting order
    status: ActionStatus
    withheld: bool = False  # raised in an item that is not published: no task, no owners

    @property
    def url(self) -> str:
        return urls.action_page(self.group, self.key)

    @property
    def label(self) -> str:
        return f"Action {self.action_id}" if self.action_id else "Unnumbered action"

    @property
    def short_name(self) -> str:
        """Tells actions apart in links and titles: "3.1", or the task's first words."""
        if self.action_id:
            return self.action_id
        words = self.task.split()
        return " ".join(words[:5]) + ("…" if len(words) > 5 else "")


@dataclass(frozen=True)
class DecisionMention:
    meeting: str  # Meeting.key of a later meeting that refers to the decision
    anchor: str = ""  # the agenda item it is referred to under


@dataclass(frozen=True)
class Decision:
    group: str
    key: str  # page address within the group: "d3-1", or date and words for unnumbered
    decision_id: str | None  # "D3.1"
    anchor: str  # the decision's id on the meeting page that took it
    text: str  # what was decided, plain text
    taken_in: str | None  # Meeting.key; None when taken before the published record
    votes: Votes | None = None
    movers: tuple[Owner, ...] = ()
    seconders: tuple[Owner, ...] = ()
    mentions: tuple[DecisionMention, ...] = ()  # in meeting order
    cites_actions: tuple[str, ...] = ()  # keys of the group's actions its text refers to
    cited_by_actions: tuple[str, ...] = ()  # keys of the group's actions whose text refers to it
    cites_decisions: tuple[str, ...] = ()  # keys of the group's decisions its text refers to
    cited_by_decisions: tuple[str, ...] = ()
    withheld: bool = False  # taken in an item that is not published: no text, no votes

    @property
    def url(self) -> str:
        return urls.decision_page(self.group, self.key)

    @property
    def label(self) -> str:
        return f"Decision {self.decision_id}" if self.decision_id else "Unnumbered decision"

    @property
    def short_name(self) -> str:
        """Tells decisions apart in links and titles: "D3.1", or the text's first words."""
        if self.decision_id:
            return self.decision_id
        words = self.text.split()
        return " ".join(words[:5]) + ("…" if len(words) > 5 else "")


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    groups: tuple[Group, ...]  # by name
    people: tuple[Person, ...]  # A to Z by surname
    bodies: tuple[Body, ...]
    meetings: tuple[Meeting, ...]  # by group, then date
    actions: tuple[Action, ...]  # by group, then raising order
    decisions: tuple[Decision, ...] = ()  # by group, then the order they were taken

    @cached_property
    def group_by_slug(self) -> dict[str, Group]:
        return {g.slug: g for g in self.groups}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def body_by_id(self) -> dict[str, Body]:
        return {b.id: b for b in self.bodies}

    @cached_property
    def meeting_by_key(self) -> dict[str, Meeting]:
        return {m.key: m for m in self.meetings}
