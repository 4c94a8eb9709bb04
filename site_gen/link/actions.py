"""One group's actions: raised, updated and mentioned across its meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen import urls
from site_gen.link.numbered import Draft, Held, Kind, NumberedLinker, numbers_of
from site_gen.markdown import ActionItem
from site_gen.model import Action, ActionEvent, EventKind, Meeting, Owner
from site_gen.parse.records import MeetingRecord, UpdateRecord
from site_gen.vocabulary import ActionStatus

ACTIONS = Kind("action", "raised", "raise or update actions", urls.numbered_action_key)


@dataclass
class _Draft(Draft):
    task: str = ""
    owner_text: str = ""
    owners: tuple[Owner, ...] = ()
    events: list[ActionEvent] = field(default_factory=list)


def _event_order(event: ActionEvent) -> tuple[str, int]:
    return (event.meeting, list(EventKind).index(event.kind))


def _first_line(record: MeetingRecord) -> int | None:
    """Where a meeting raises or updates its first action, if it does."""
    if record.actions:
        return record.actions[0].line
    return record.updates[0].line if record.updates else None


class ActionLinker(NumberedLinker[_Draft]):
    kind = ACTIONS

    def make_draft(self, key: str, item_id: str | None) -> _Draft:
        return _Draft(key, item_id)

    def link(self, meetings: Held) -> list[Action]:
        held = self.held(meetings, _first_line)
        for record, meeting in held:
            for item in record.actions:
                self._raise(item, record, meeting)
            for draft in self.withheld_at(record, meeting, lambda w: w.action_ids):
                draft.events.append(ActionEvent(EventKind.RAISED, meeting.key, ActionStatus.OPEN))
        numbers = numbers_of(held)
        for record, meeting in meetings:  # an agenda, too, may mention an action
            self._follow_up(record, meeting, numbers)
        return [self._freeze(d) for d in self.ordered()]

    def _raise(self, item: ActionItem, record: MeetingRecord, meeting: Meeting) -> None:
        if item.action_id:
            key = urls.numbered_action_key(item.action_id)
        else:
            key = urls.unnumbered_action_key(meeting.date, item.anchor)
        draft = self.written_at(key, item.action_id, record, item.line, meeting)
        if draft is None:
            return
        draft.anchor, draft.task = item.anchor, item.task
        draft.owner_text = item.owner_text or ""
        draft.owners = self._owners(item, record, meeting)
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
        return self.people(item.owner_text, "owner", meeting, (record.path, item.line))

    def _follow_up(self, record: MeetingRecord, meeting: Meeting, numbers: frozenset[int]) -> None:
        updated = set()
        for update in record.updates if meeting.has_minutes else ():
            found = self._updated(update, record, numbers)
            if found is None:
                continue
            draft = found
            if draft.written and draft.written[0].date > meeting.date:
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
            if update.task and not draft.written:
                draft.task = update.task  # what an action from before the record was about
            updated.add(draft.key)
        mentioned = set()
        for ref in record.refs:
            draft = self.earlier(ref.action_id, record, ref.line, numbers)
            raised_here = draft.written is not None and draft.written[0] is meeting
            if raised_here or draft.key in updated or draft.key in mentioned:
                continue
            mentioned.add(draft.key)
            draft.events.append(ActionEvent(EventKind.MENTIONED, meeting.key, anchor=ref.section))

    def _updated(
        self, update: UpdateRecord, record: MeetingRecord, numbers: frozenset[int]
    ) -> _Draft | None:
        """The action an update is about: by id, or one without an id by its page name
        (None, reported, when no published meeting of the group raised it)."""
        if not urls.is_unnumbered_action_key(update.action_id):
            return self.earlier(update.action_id, record, update.line, numbers)
        draft = self.drafts.get(update.action_id)
        if draft is None or draft.item_id is not None:
            self.problems.warning(
                record.path,
                update.line,
                f"no action of {self.group.slug} has the page name {update.action_id!r}",
                "copy the name from the address of the action's page, "
                f"groups/{self.group.slug}/actions/<name>.html (it is the day the action was "
                "raised and the first words of its task)",
                code="unknown-action",
            )
            return None
        return draft

    def _freeze(self, draft: _Draft) -> Action:
        events = tuple(sorted(draft.events, key=_event_order))
        # The current status is the latest update's, in meeting order.
        status = ActionStatus.OPEN if draft.written else ActionStatus.UNKNOWN
        for event in events:
            if event.kind is EventKind.UPDATED and event.status is not None:
                status = event.status
        return Action(
            group=self.group.slug,
            key=draft.key,
            action_id=draft.item_id,
            anchor=draft.anchor or f"action-{draft.key}",
            task=draft.task,
            owner_text=draft.owner_text,
            owners=draft.owners,
            raised_in=draft.written[0].key if draft.written else None,
            events=events,
            status=status,
            withheld=draft.withheld,
        )
