"""What linking actions and decisions shares: a group's numbered records, each written down
at one meeting (an action is raised, a decision taken) and referred to at later ones.

A record's id ("3.1", "D3.1") gives it its page. The same id written twice in a group is an
error; an id that no published meeting wrote is a warning when its number says a published
meeting should have (see unpublished_hint), and otherwise simply from a meeting that is not
published. A scheduled meeting has no minutes, so it writes none. A record written in an
item that is not published is known to exist, and nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from site_gen.link.owners import OwnerContext, resolve_owners
from site_gen.link.registry import Registry
from site_gen.markdown import WithheldItem
from site_gen.model import Group, Meeting, Owner
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems


@dataclass(frozen=True)
class Kind:
    """How the minutes speak of one kind of record."""

    noun: str  # "action"
    written: str  # what a meeting does to one: "raised"
    scheduled: str  # what a scheduled meeting cannot do: "raise or update actions"
    key: Callable[[str], str]  # an id's page address within its group: urls.numbered_*_key


@dataclass
class Draft:
    """A record while its group's meetings are read."""

    key: str
    item_id: str | None
    anchor: str = ""
    written: tuple[Meeting, str, int] | None = None  # at: meeting, source path, line
    withheld: bool = False


D = TypeVar("D", bound=Draft)
Held = list[tuple[MeetingRecord, Meeting]]


def id_order(item_id: str | None) -> tuple[int, ...]:
    """'1.10' sorts after '1.9', and 'D3.1' with the 3s."""
    if item_id is None:
        return ()
    return tuple(int("".join(c for c in part if c.isdigit()) or 0) for part in item_id.split("."))


def unpublished_hint(item_id: str, numbers: frozenset[int]) -> str | None:
    """Why an id no published meeting wrote is suspect, or None when it is simply from a
    meeting that is not published (the normal case for a first publication)."""
    meeting_number = id_order(item_id)[0]
    if not numbers or (meeting_number not in numbers and meeting_number < max(numbers)):
        return None
    if meeting_number in numbers:
        return f"check the id: meeting {meeting_number} is published without it"
    return f"check the id: no meeting {meeting_number} is published yet"


class NumberedLinker(Generic[D]):
    """One group's records of one kind. A subclass names its Kind and makes its drafts."""

    kind: Kind

    def __init__(self, group: Group, registry: Registry, problems: Problems) -> None:
        self.group = group
        self.registry = registry
        self.problems = problems
        self.drafts: dict[str, D] = {}

    def make_draft(self, key: str, item_id: str | None) -> D:
        raise NotImplementedError

    def held(self, meetings: Held, first_line: Callable[[MeetingRecord], int | None]) -> Held:
        """The meetings with minutes. A scheduled one that writes records (`first_line` of
        the first, or None for none) is an error."""
        held = []
        for record, meeting in meetings:
            if meeting.has_minutes:
                held.append((record, meeting))
            elif (line := first_line(record)) is not None:
                self.problems.error(
                    record.path,
                    line,
                    f"a scheduled meeting has no minutes yet, so it cannot {self.kind.scheduled}",
                    "record them when the minutes are written and the status is changed",
                    code=f"scheduled-{self.kind.noun}s",
                )
        return held

    def written_at(
        self, key: str, item_id: str | None, record: MeetingRecord, line: int, meeting: Meeting
    ) -> D | None:
        """The record written here at `line`; None (reported) if the group wrote it already."""
        existing = self.drafts.get(key)
        if existing is not None and existing.written:
            _, first_path, first_line = existing.written
            noun = self.kind.noun
            self.problems.error(
                record.path,
                line,
                f"{noun} {item_id or key} is {self.kind.written} twice in {self.group.slug} "
                f"(first at {first_path}:{first_line})",
                f"give this {noun} its own id, or remove the duplicate",
                code=f"duplicate-{noun}",
            )
            return None
        draft = self.drafts.setdefault(key, self.make_draft(key, item_id))
        draft.written = (meeting, record.path, line)
        return draft

    def withheld_at(
        self,
        record: MeetingRecord,
        meeting: Meeting,
        ids: Callable[[WithheldItem], tuple[str | None, ...]],
    ) -> list[D]:
        """The records written in the items of `record` that are not published (`ids` of
        each item): known to exist, nothing more."""
        found = []
        for item in record.withheld:
            for item_id in ids(item):
                if not item_id:
                    continue
                draft = self.written_at(self.kind.key(item_id), item_id, record, item.line, meeting)
                if draft is not None:
                    draft.withheld = True
                    found.append(draft)
        return found

    def earlier(self, item_id: str, record: MeetingRecord, line: int, numbers: frozenset[int]) -> D:
        """A record the minutes refer to but no published meeting wrote: from a meeting that
        is not published, unless its number says it belongs to one that is, or to none yet."""
        key = self.kind.key(item_id)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = self.make_draft(key, item_id)
            hint = unpublished_hint(item_id, numbers)
            if hint:
                noun = self.kind.noun
                self.problems.warning(
                    record.path,
                    line,
                    f"{noun} {item_id} is not {self.kind.written} in any published meeting "
                    f"of {self.group.slug}",
                    hint,
                    code=f"unknown-{noun}",
                )
        return draft

    def ordered(self) -> list[D]:
        """Records from before the published record first, by id; then as they were written."""
        return sorted(self.drafts.values(), key=_order)

    def owner_context(self, meeting: Meeting, noun: str) -> OwnerContext:
        """Whom names in a meeting's minutes may mean: its attendees, with the initials it
        gives ("Jane Smith (JS)")."""
        attendees = tuple(
            a.person_id for s in meeting.sections for a in s.attendees if a.person_id is not None
        )
        initials = {
            a.initials: a.person_id
            for s in meeting.sections
            for a in s.attendees
            if a.initials and a.person_id is not None
        }
        return OwnerContext(
            self.registry, self.group, meeting.date, attendees, noun=noun, initials=initials
        )

    def people(
        self, text: str, noun: str, meeting: Meeting, where: tuple[str, int]
    ) -> tuple[Owner, ...]:
        """The people (or bodies, or the group) `text` names at `meeting`; each that cannot be
        told is reported at `where` and kept as written."""
        found = []
        for resolution in resolve_owners(text, self.owner_context(meeting, noun)):
            if resolution.problem:
                self.problems.warning(
                    *where, resolution.problem, resolution.hint, code=resolution.code
                )
            found.append(resolution.owner)
        return tuple(found)


def numbers_of(held: Held) -> frozenset[int]:
    """The numbers of the meetings with minutes."""
    return frozenset(m.number for _, m in held if m.number is not None)


def _order(draft: Draft) -> tuple[object, ...]:
    if draft.written is None:
        return (0, "", id_order(draft.item_id))
    meeting, _, line = draft.written
    return (1, meeting.date.isoformat(), line)
