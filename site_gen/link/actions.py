"""One group's actions: raised, updated and mentioned across its meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen import urls
from site_gen.link.common import id_order, resolve_people, unpublished_hint
from site_gen.link.registry import Registry
from site_gen.markdown import ActionItem
from site_gen.model import Action, ActionEvent, EventKind, Group, Meeting, Owner
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems
from site_gen.vocabulary import ActionStatus


@dataclass
class _Draft:
    key: str
    action_id: str | None
    anchor: str = ""
    task: str = ""
    owner_text: str = ""
    owners: tuple[Owner, ...] = ()
    raised: tuple[Meeting, str, int] | None = None  # meeting, source path, line
    events: list[ActionEvent] = field(default_factory=list)
    withheld: bool = False


def _event_order(event: ActionEvent) -> tuple[str, int]:
    return (event.meeting, list(EventKind).index(event.kind))


class ActionLinker:
    def __init__(self, group: Group, registry: Registry, problems: Problems) -> None:
        self.group = group
        self.registry = registry
        self.problems = problems
        self.drafts: dict[str, _Draft] = {}

    def link(self, meetings: list[tuple[MeetingRecord, Meeting]]) -> list[Action]:
        held = [(r, m) for r, m in meetings if self._has_minutes(r, m)]
        for record, meeting in held:
            for item in record.actions:
                self._raise(item, record, meeting)
            for withheld in record.withheld:
                for action_id in withheld.action_ids:
                    if action_id:
                        self._raise_withheld(action_id, record, withheld.line, meeting)
        numbers = frozenset(m.number for _, m in held if m.number is not None)
        for record, meeting in meetings:  # an agenda, too, may mention an action
            self._follow_up(record, meeting, numbers)
        return [self._freeze(d) for d in sorted(self.drafts.values(), key=self._order)]

    def _order(self, draft: _Draft) -> tuple[object, ...]:
        if draft.raised is None:
            return (0, "", id_order(draft.action_id))
        meeting, _, line = draft.raised
        return (1, meeting.date.isoformat(), line)

    def _has_minutes(self, record: MeetingRecord, meeting: Meeting) -> bool:
        """Scheduled meetings have an agenda at most: nothing in them raises or updates."""
        if meeting.has_minutes:
            return True
        if record.actions or record.updates:
            line = record.actions[0].line if record.actions else record.updates[0].line
            self.problems.error(
                record.path,
                line,
                "a scheduled meeting has no minutes yet, so it cannot raise or update actions",
                "record them when the minutes are written and the status is changed",
                code="scheduled-actions",
            )
        return False

    def _new_draft(self, key: str, action_id: str | None, path: str, line: int) -> _Draft | None:
        """A draft for an action raised here; None (reported) if the group raised it already."""
        existing = self.drafts.get(key)
        if existing and existing.raised:
            _, first_path, first_line = existing.raised
            self.problems.error(
                path,
                line,
                f"action {action_id or key} is raised twice in {self.group.slug} "
                f"(first at {first_path}:{first_line})",
                "give this action its own id, or remove the duplicate",
                code="duplicate-action",
            )
            return None
        return self.drafts.setdefault(key, _Draft(key, action_id))

    def _raise_withheld(
        self, action_id: str, record: MeetingRecord, line: int, meeting: Meeting
    ) -> None:
        """An action raised in an item that is not published: known to exist, nothing more."""
        draft = self._new_draft(urls.numbered_action_key(action_id), action_id, record.path, line)
        if draft is not None:
            draft.withheld = True
            draft.raised = (meeting, record.path, line)
            draft.events.append(ActionEvent(EventKind.RAISED, meeting.key, ActionStatus.OPEN))

    def _raise(self, item: ActionItem, record: MeetingRecord, meeting: Meeting) -> None:
        if item.action_id:
            key = urls.numbered_action_key(item.action_id)
        else:
            key = urls.unnumbered_action_key(meeting.date, item.anchor)
        draft = self._new_draft(key, item.action_id, record.path, item.line)
        if draft is None:
            return
        draft.anchor, draft.task = item.anchor, item.task
        draft.owner_text = item.owner_text or ""
        draft.owners = self._owners(item, record, meeting)
        draft.raised = (meeting, record.path, item.line)
        draft.events.append(
            ActionEvent(EventKind.RAISED, meeting.key, ActionStatus.OPEN, anchor=item.anchor)
        )

    def _owners(
        self, item: ActionItem, record: MeetingRecord, meeting: Meeting
    ) -> tuple[Owner, ...]:
        if not item.owner_text:
            self.problems.warning(
                record.path,
                item.line,
                f"action {item.action_id or item.task[:40]!r} names no owner",
                "write it as 'Owner to do something', e.g. 'Dez to share the research'",
                code="no-owner",
            )
            return ()
        return resolve_people(
            item.owner_text,
            "owner",
            registry=self.registry,
            group=self.group,
            meeting=meeting,
            problems=self.problems,
            where=(record.path, item.line),
        )

    def _earlier(
        self, action_id: str, record: MeetingRecord, line: int, numbers: frozenset[int]
    ) -> _Draft:
        """An action the record refers to but never raised: from a meeting that is not
        published, unless its number says it belongs to one that is, or to none yet."""
        key = urls.numbered_action_key(action_id)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(key, action_id)
            hint = unpublished_hint(action_id, numbers)
            if hint:
                self.problems.warning(
                    record.path,
                    line,
                    f"action {action_id} is not raised in any published meeting "
                    f"of {self.group.slug}",
                    hint,
                    code="unknown-action",
                )
        return draft

    def _follow_up(self, record: MeetingRecord, meeting: Meeting, numbers: frozenset[int]) -> None:
        updated = set()
        for update in record.updates if meeting.has_minutes else ():
            draft = self._earlier(update.action_id, record, update.line, numbers)
            if draft.raised and draft.raised[0].date > meeting.date:
                self.problems.warning(
                    record.path,
                    update.line,
                    f"action {update.action_id} is updated before the meeting that raised it",
                    "check the action id",
                    code="update-before-raised",
                )
            draft.events.append(
                ActionEvent(EventKind.UPDATED, meeting.key, update.status, update.note)
            )
            if update.task and not draft.raised:
                draft.task = update.task  # what an action from before the record was about
            updated.add(draft.key)
        mentioned = set()
        for ref in record.refs:
            draft = self._earlier(ref.action_id, record, ref.line, numbers)
            raised_here = draft.raised is not None and draft.raised[0] is meeting
            if raised_here or draft.key in updated or draft.key in mentioned:
                continue
            mentioned.add(draft.key)
            draft.events.append(ActionEvent(EventKind.MENTIONED, meeting.key, anchor=ref.section))

    def _freeze(self, draft: _Draft) -> Action:
        events = tuple(sorted(draft.events, key=_event_order))
        # The current status is the latest update's, in meeting order.
        status = ActionStatus.OPEN if draft.raised else ActionStatus.UNKNOWN
        for event in events:
            if event.kind is EventKind.UPDATED and event.status is not None:
                status = event.status
        return Action(
            group=self.group.slug,
            key=draft.key,
            action_id=draft.action_id,
            anchor=draft.anchor or f"action-{draft.key}",
            task=draft.task,
            owner_text=draft.owner_text,
            owners=draft.owners,
            raised_in=draft.raised[0].key if draft.raised else None,
            events=events,
            status=status,
            withheld=draft.withheld,
        )
