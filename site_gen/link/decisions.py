"""One group's decisions: taken, referred to later, and tied to the actions they mention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from site_gen import urls
from site_gen.link.numbered import Draft, Held, Kind, NumberedLinker, numbers_of
from site_gen.link.registry import Registry
from site_gen.markdown import DecisionItem, DecisionRef
from site_gen.model import Action, Decision, DecisionMention, Group, Meeting, Owner
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems
from site_gen.vocabulary import Votes

DECISIONS = Kind("decision", "taken", "take decisions", urls.numbered_decision_key)


@dataclass
class _Draft(Draft):
    text: str = ""
    votes: Votes | None = None
    movers: tuple[Owner, ...] = ()
    seconders: tuple[Owner, ...] = ()
    mentions: list[DecisionMention] = field(default_factory=list)
    # Cross references, as keys; dicts keep the first-seen order without repeats.
    cites_actions: dict[str, None] = field(default_factory=dict)
    cited_by_actions: dict[str, None] = field(default_factory=dict)
    cites_decisions: dict[str, None] = field(default_factory=dict)
    cited_by_decisions: dict[str, None] = field(default_factory=dict)


def _first_line(record: MeetingRecord) -> int | None:
    """Where a meeting takes its first decision, if it does."""
    return record.decisions[0].line if record.decisions else None


class DecisionLinker(NumberedLinker[_Draft]):
    kind = DECISIONS

    def __init__(
        self, group: Group, registry: Registry, problems: Problems, actions: Sequence[Action]
    ) -> None:
        super().__init__(group, registry, problems)
        # (meeting key, anchor on its page) -> key, to know which action or decision cites what.
        self.actions_at = {(a.raised_in, a.anchor): a.key for a in actions if a.raised_in}
        self.decisions_at: dict[tuple[str, str], str] = {}

    def make_draft(self, key: str, item_id: str | None) -> _Draft:
        return _Draft(key, item_id)

    def link(self, meetings: Held) -> list[Decision]:
        held = self.held(meetings, _first_line)
        for record, meeting in held:
            for item in record.decisions:
                self._take(item, record, meeting)
            self.withheld_at(record, meeting, lambda w: w.decision_ids)
        numbers = numbers_of(held)
        for record, meeting in meetings:  # an agenda, too, may refer to a decision
            for ref in record.decision_refs:
                self._refer(ref, record, meeting, numbers)
        return [self._freeze(d) for d in self.ordered()]

    def _take(self, item: DecisionItem, record: MeetingRecord, meeting: Meeting) -> None:
        if item.decision_id:
            key = urls.numbered_decision_key(item.decision_id)
        else:
            key = urls.unnumbered_decision_key(meeting.date, item.anchor)
        draft = self.written_at(key, item.decision_id, record, item.line, meeting)
        if draft is None:
            return
        draft.anchor, draft.text, draft.votes = item.anchor, item.text, item.votes
        where = (record.path, item.line)
        # Who moved or seconded: resolved like an action's owner, on the meeting's date.
        draft.movers = self.people(item.mover, "mover", meeting, where) if item.mover else ()
        if item.seconder:
            draft.seconders = self.people(item.seconder, "seconder", meeting, where)
        for action_id in item.action_ids:
            draft.cites_actions[urls.numbered_action_key(action_id)] = None
        self.decisions_at[(meeting.key, item.anchor)] = key

    def _refer(
        self, ref: DecisionRef, record: MeetingRecord, meeting: Meeting, numbers: frozenset[int]
    ) -> None:
        draft = self.earlier(ref.decision_id, record, ref.line, numbers)
        action = self.actions_at.get((meeting.key, ref.action_anchor))
        if ref.action_anchor and action:
            draft.cited_by_actions[action] = None
        citing = self.decisions_at.get((meeting.key, ref.decision_anchor))
        if citing and citing != draft.key:
            draft.cited_by_decisions[citing] = None
            self.drafts[citing].cites_decisions[draft.key] = None
        taken_here = draft.written is not None and draft.written[0] is meeting
        if citing == draft.key or taken_here:
            return
        if all(m.meeting != meeting.key for m in draft.mentions):
            draft.mentions.append(DecisionMention(meeting.key, ref.section))

    def _freeze(self, draft: _Draft) -> Decision:
        public = not draft.withheld
        return Decision(
            group=self.group.slug,
            key=draft.key,
            decision_id=draft.item_id,
            anchor=draft.anchor or f"decision-{draft.key}",
            text=draft.text if public else "",
            taken_in=draft.written[0].key if draft.written else None,
            votes=draft.votes if public else None,
            movers=draft.movers if public else (),
            seconders=draft.seconders if public else (),
            mentions=tuple(sorted(draft.mentions, key=lambda m: m.meeting)),
            cites_actions=tuple(draft.cites_actions),
            cited_by_actions=tuple(draft.cited_by_actions),
            cites_decisions=tuple(draft.cites_decisions),
            cited_by_decisions=tuple(draft.cited_by_decisions),
            withheld=draft.withheld,
        )
