"""One group's actions: raised, updated and mentioned across its meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import count

from site_gen import urls
from site_gen.conventions.same_action import owner_key, same_task
from site_gen.link.numbered import (
    Draft,
    Held,
    Kind,
    NumberedLinker,
    id_order,
    numbers_of,
    unpublished_hint,
)
from site_gen.link.owners import resolve_owners
from site_gen.link.registry import Registry
from site_gen.markdown import ActionItem, ReviewedItem
from site_gen.model import Action, ActionEvent, EventKind, Group, Meeting, Owner
from site_gen.parse.records import MeetingRecord, UpdateRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify, unique_slug
from site_gen.vocabulary import ActionStatus

ACTIONS = Kind("action", "raised", "raise or update actions", urls.numbered_action_key)
_SLUG_WORDS = 6


@dataclass
class _Draft(Draft):
    task: str = ""
    owner_text: str = ""
    owners: tuple[Owner, ...] = ()
    events: list[ActionEvent] = field(default_factory=list)
    made: int = 0  # the order drafts were made in, which is their order in `drafts`


_KIND_ORDER = {kind: n for n, kind in enumerate(EventKind)}  # as declared


def _event_order(event: ActionEvent) -> tuple[str, int]:
    return (event.meeting, _KIND_ORDER[event.kind])


def numbered_here(action_id: str, meeting: Meeting) -> bool:
    """Does the id carry this meeting's number first ("32.01" at meeting 32)? An action log
    kept with the minutes lists the actions raised there with the status each reached later;
    such an id is raised at this meeting, never an update of one from before the record."""
    return meeting.number is not None and action_id.split(".")[0] == str(meeting.number)


def _carry(draft: _Draft, item: ActionItem, meeting: Meeting) -> None:
    """An earlier action listed again at `meeting`: updated there, open unless it says."""
    if any(e.meeting == meeting.key and e.kind is EventKind.UPDATED for e in draft.events):
        return
    status = item.status or ActionStatus.OPEN
    note = item.note or ("" if item.status else "carried forward")
    draft.events.append(ActionEvent(EventKind.UPDATED, meeting.key, status, note, item.anchor))


def _repeated_while_open(draft: _Draft, item: ActionItem, meeting: Meeting) -> bool:
    """An action without an id, written again word for word with its owner at a later
    meeting while it is still open, is carried forward there, not raised twice. (Done,
    the same words raise a new one: "circulate the minutes" comes round every month.)"""
    if draft.written is None or draft.written[0].date >= meeting.date:
        return False
    statuses = [e.status for e in draft.events if e.status is not None]
    return (not statuses or statuses[-1].is_open) and _words(draft.task) == _words(item.task)


def _words(task: str) -> list[str]:
    return task.replace("*", "").replace("_", " ").casefold().split()


def _first_line(record: MeetingRecord) -> int | None:
    """Where a meeting raises or updates its first action, if it does."""
    if record.actions:
        return record.actions[0].line
    return record.updates[0].line if record.updates else None


class ActionLinker(NumberedLinker[_Draft]):
    kind = ACTIONS
    numbers: frozenset[int] = frozenset()  # of the group's meetings with minutes

    def __init__(self, group: Group, registry: Registry, problems: Problems) -> None:
        super().__init__(group, registry, problems)
        self._made = count()
        # The actions without an id, by owner (owner_key) and key: _earlier_action looks
        # among one owner's, not through every action of the group at every meeting.
        self._unnumbered: dict[str, dict[str, _Draft]] = {}
        self._filed_under: dict[str, str] = {}

    def make_draft(self, key: str, item_id: str | None, task: str = "") -> _Draft:
        return _Draft(key, item_id, task=task, made=next(self._made))

    def _set_owner_text(self, draft: _Draft, owner_text: str | None) -> None:
        """The owner as written, with the draft filed under it when it has no id."""
        draft.owner_text = owner_text or ""
        if draft.item_id is not None:
            return
        before = self._filed_under.pop(draft.key, None)
        if before is not None:
            del self._unnumbered[before][draft.key]
        under = self._filed_under[draft.key] = owner_key(draft.owner_text)
        self._unnumbered.setdefault(under, {})[draft.key] = draft

    def link(self, meetings: Held) -> list[Action]:
        held = self.held(meetings, _first_line)
        self.numbers = numbers_of(held)
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
        if item.earlier and self._follows_up(item, meeting):
            return
        if item.action_id:
            key = urls.numbered_action_key(item.action_id)
        else:
            key = urls.unnumbered_action_key(meeting.date, item.anchor)
            same = self._earlier_action(item.owner_text, item.task, meeting.date)
            if same is not None and same.written and same.written[0] is meeting:
                return  # written twice in one meeting (in the notes and a summary)
            if same is not None and _repeated_while_open(same, item, meeting):
                _carry(same, item, meeting)
                return
        if self._written_again(key, item, meeting):
            return
        if item.in_review and item.action_id:
            self._new_in_review(item, record, meeting)
        draft = self.written_at(key, item.action_id, record, item.line, meeting)
        if draft is None:
            return
        owner_text, task = self._guessed(item, meeting)
        draft.anchor, draft.task = item.anchor, task
        self._set_owner_text(draft, owner_text)
        draft.owners = self._owners(item, owner_text, record, meeting)
        draft.events.append(
            ActionEvent(EventKind.RAISED, meeting.key, ActionStatus.OPEN, anchor=item.anchor)
        )
        if item.status is not None:  # raised and, by the same minutes, already done
            draft.events.append(
                ActionEvent(EventKind.UPDATED, meeting.key, item.status, item.note, item.anchor)
            )

    def _new_in_review(self, item: ActionItem, record: MeetingRecord, meeting: Meeting) -> None:
        """An action listed as new in a review of earlier actions, with the id of another
        meeting that is published without it: a new action given an old number, or an
        update of an earlier action written without its status. Raised, and reported."""
        assert item.action_id is not None
        named = id_order(item.action_id)[0]
        if numbered_here(item.action_id, meeting) or (
            meeting.number is None and named not in self.numbers
        ):
            return  # this meeting's number, or one that cannot be told from it
        hint = unpublished_hint(item.action_id, self.numbers)
        here = f" ({meeting.number}.1, {meeting.number}.2 ...)" if meeting.number else ""
        if hint is None:
            return  # from a meeting that is not published: an earlier action, as written
        self.problems.warning(
            record.path,
            item.line,
            f"action {item.action_id} is listed as new under a review of earlier actions, "
            f"but no published meeting of {self.group.slug} raised it",
            f"{hint}; a new action takes this meeting's number{here}; an earlier action "
            "keeps its own id and needs its status ('- Done', 'ongoing')",
            code="unknown-action",
        )

    def _written_again(self, key: str, item: ActionItem, meeting: Meeting) -> bool:
        """Is this the same action written a second time: listed again at a later meeting
        (carried forward: still open), or twice in one meeting (in the notes and a summary)?"""
        existing = self.drafts.get(key)
        if existing is None or existing.written is None:
            return False
        first = existing.written[0]
        if not same_task(existing.task, item.task) or first.date > meeting.date:
            return False
        if first is not meeting:
            _carry(existing, item, meeting)
        return True

    def _follows_up(self, item: ActionItem, meeting: Meeting) -> bool:
        """An action written with a marker among earlier actions: if it is one of them, its
        status (or a mention) is recorded there and it is not raised again."""
        if item.action_id:
            if numbered_here(item.action_id, meeting):
                return False  # "32.01" at meeting 32: raised here, beside the status it reached
            draft = self.drafts.get(urls.numbered_action_key(item.action_id))
            if draft is None and item.status is not None:
                return self._updated_before_record(item, meeting)
        else:
            draft = self._earlier_action(item.owner_text, item.task, meeting.date)
        if draft is None or draft.written is None or draft.written[0].date >= meeting.date:
            return False
        if item.status is not None:
            event = ActionEvent(EventKind.UPDATED, meeting.key, item.status, item.note)
        else:
            event = ActionEvent(EventKind.MENTIONED, meeting.key, anchor=item.anchor)
        draft.events.append(event)
        return True

    def _updated_before_record(self, item: ActionItem, meeting: Meeting) -> bool:
        """ "Action 1.1: ... _Closed_" among earlier actions, 1.1 raised nowhere before: an
        id with a status is an update of an action from before the published record."""
        assert item.action_id is not None and item.status is not None
        key = urls.numbered_action_key(item.action_id)
        draft = self.drafts[key] = self.make_draft(key, item.action_id, item.task)
        self._set_owner_text(draft, item.owner_text)
        draft.events.append(ActionEvent(EventKind.UPDATED, meeting.key, item.status, item.note))
        return True

    def _earlier_action(self, owner: str | None, task: str, day: date) -> _Draft | None:
        """The action without an id, raised on or before `day` (latest first), or from
        before the record, that has this owner and this task."""
        found = [
            d
            for d in self._unnumbered.get(owner_key(owner), {}).values()
            if (d.written is None or d.written[0].date <= day) and same_task(d.task, task)
        ]
        found.sort(key=lambda d: d.made)  # as they are in `drafts`, for the ties below
        found.sort(key=lambda d: d.written[0].date if d.written else date.min, reverse=True)
        return found[0] if found else None

    def _guessed(self, item: ActionItem, meeting: Meeting) -> tuple[str | None, str]:
        """The owner as written, or the first guess ("AI: Phil clarify ...") that names
        people of the meeting; with no such guess, no owner."""
        if item.owner_text or not item.owner_guesses:
            return item.owner_text, item.task
        context = self.owner_context(meeting, "owner")
        for owner, task in item.owner_guesses:
            found = resolve_owners(owner, context)
            if all(r.owner.person_id or r.owner.body_id or r.owner.group for r in found):
                return owner, task
        return None, item.task

    def _owners(
        self, item: ActionItem, owner_text: str | None, record: MeetingRecord, meeting: Meeting
    ) -> tuple[Owner, ...]:
        if not owner_text:
            self.problems.warning(
                record.path,
                item.line,
                f"action {item.action_id or item.task[:40]!r} names no owner",
                "write it as 'Owner to do something', e.g. 'Dez to share the research'",
                code="no-owner",
            )
            return ()
        return self.people(owner_text, "owner", meeting, (record.path, item.line))

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
        for item in record.reviewed if meeting.has_minutes else ():
            self._reviewed(item, meeting)
        mentioned = set()
        for ref in record.refs:
            draft = self.earlier(ref.action_id, record, ref.line, numbers)
            raised_here = draft.written is not None and draft.written[0] is meeting
            if raised_here or draft.key in updated or draft.key in mentioned:
                continue
            mentioned.add(draft.key)
            draft.events.append(ActionEvent(EventKind.MENTIONED, meeting.key, anchor=ref.section))

    def _reviewed(self, item: ReviewedItem, meeting: Meeting) -> None:
        """An earlier action a review lists without an id: its status (or a mention) goes to
        the action it is; one from before the record is known from here on, if it has a status."""
        draft = self._earlier_action(item.owner_text, item.task, meeting.date)
        if draft is not None and draft.written is not None and draft.written[0] is meeting:
            return  # raised in these minutes: not an earlier action
        if draft is None:
            if item.status is None or not item.task:
                return  # named, with nothing said about it: the text is enough
            draft = self._from_before_the_record(item, meeting)
        if item.status is None:
            draft.events.append(ActionEvent(EventKind.MENTIONED, meeting.key, anchor=item.section))
        else:
            draft.events.append(ActionEvent(EventKind.UPDATED, meeting.key, item.status, item.note))

    def _from_before_the_record(self, item: ReviewedItem, meeting: Meeting) -> _Draft:
        """An action without an id that a review is the first to name."""
        key = "earlier-" + (slugify(item.task, max_words=_SLUG_WORDS) or "action")
        key = unique_slug(key, set(self.drafts))
        draft = self.drafts[key] = self.make_draft(key, None, item.task)
        self._set_owner_text(draft, item.owner_text)
        if item.owner_text:
            context = self.owner_context(meeting, "owner")
            draft.owners = tuple(r.owner for r in resolve_owners(item.owner_text, context))
        return draft

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
