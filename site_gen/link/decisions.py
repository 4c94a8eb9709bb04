"""One group's decisions: taken, referred to later, and tied to the actions they mention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from site_gen import urls
from site_gen.link.common import id_order, resolve_people, unpublished_hint
from site_gen.link.registry import Registry
from site_gen.markdown import DecisionItem, DecisionRef
from site_gen.model import Action, Decision, DecisionMention, Group, Meeting, Owner
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problems
from site_gen.vocabulary import Votes


@dataclass
class _Draft:
    key: str
    decision_id: str | None
    anchor: str = ""
    text: str = ""
    taken: tuple[Meeting, str, int] | None = None  # meeting, source path, line
    votes: Votes | None = None
    movers: tuple[Owner, ...] = ()
    seconders: tuple[Owner, ...] = ()
    withheld: bool = False
    mentions: list[DecisionMention] = field(default_factory=list)
    # Cross references, as keys; dicts keep the first-seen order without repeats.
    cites_actions: dict[str, None] = field(default_factory=dict)
    cited_by_actions: dict[str, None] = field(default_factory=dict)
    cites_decisions: dict[str, None] = field(default_factory=dict)
    cited_by_decisions: dict[str, None] = field(default_factory=dict)


class DecisionLinker:
    def __init__(
        self, group: Group, registry: Registry, problems: Problems, actions: Sequence[Action]
    ) -> None:
        self.group = group
        self.registry = registry
        self.problems = problems
        self.drafts: dict[str, _Draft] = {}
        # (meeting key, anchor on its page) -> key, to know which action or decision cites what.
        self.actions_at = {(a.raised_in, a.anchor): a.key for a in actions if a.raised_in}
        self.decisions_at: dict[tuple[str, str], str] = {}

    def link(self, meetings: list[tuple[MeetingRecord, Meeting]]) -> list[Decision]:
        held = [(r, m) for r, m in meetings if self._has_minutes(r, m)]
        for record, meeting in held:
            for item in record.decisions:
                self._take(item, record, meeting)
            for withheld in record.withheld:
                for decision_id in withheld.decision_ids:
                    if decision_id:
                        self._take_withheld(decision_id, record, withheld.line, meeting)
        numbers = frozenset(m.number for _, m in held if m.number is not None)
        for record, meeting in meetings:  # an agenda, too, may refer to a decision
            for ref in record.decision_refs:
                self._refer(ref, record, meeting, numbers)
        return [self._freeze(d) for d in sorted(self.drafts.values(), key=self._order)]

    def _order(self, draft: _Draft) -> tuple[object, ...]:
        if draft.taken is None:
            return (0, "", id_order(draft.decision_id))
        meeting, _, line = draft.taken
        return (1, meeting.date.isoformat(), line)

    def _has_minutes(self, record: MeetingRecord, meeting: Meeting) -> bool:
        """Scheduled meetings have an agenda at most: nothing in them is decided yet."""
        if meeting.has_minutes:
            return True
        if record.decisions:
            self.problems.error(
                record.path,
                record.decisions[0].line,
                "a scheduled meeting has no minutes yet, so it cannot take decisions",
                "record them when the minutes are written and the status is changed",
                code="scheduled-decisions",
            )
        return False

    def _new_draft(self, key: str, decision_id: str | None, path: str, line: int) -> _Draft | None:
        """A draft for a decision taken here; None (reported) if the group took it already."""
        existing = self.drafts.get(key)
        if existing and existing.taken:
            _, first_path, first_line = existing.taken
            self.problems.error(
                path,
                line,
                f"decision {decision_id or key} is taken twice in {self.group.slug} "
                f"(first at {first_path}:{first_line})",
                "give this decision its own id, or remove the duplicate",
                code="duplicate-decision",
            )
            return None
        return self.drafts.setdefault(key, _Draft(key, decision_id))

    def _take(self, item: DecisionItem, record: MeetingRecord, meeting: Meeting) -> None:
        if item.decision_id:
            key = urls.numbered_decision_key(item.decision_id)
        else:
            key = urls.unnumbered_decision_key(meeting.date, item.anchor)
        draft = self._new_draft(key, item.decision_id, record.path, item.line)
        if draft is None:
            return
        draft.anchor, draft.text, draft.votes = item.anchor, item.text, item.votes
        draft.taken = (meeting, record.path, item.line)
        draft.movers = self._people(item.mover, "mover", item, record, meeting)
        draft.seconders = self._people(item.seconder, "seconder", item, record, meeting)
        for action_id in item.action_ids:
            draft.cites_actions[urls.numbered_action_key(action_id)] = None
        self.decisions_at[(meeting.key, item.anchor)] = key

    def _take_withheld(
        self, decision_id: str, record: MeetingRecord, line: int, meeting: Meeting
    ) -> None:
        """A decision taken in an item that is not published: known to exist, nothing more."""
        key = urls.numbered_decision_key(decision_id)
        draft = self._new_draft(key, decision_id, record.path, line)
        if draft is not None:
            draft.withheld = True
            draft.taken = (meeting, record.path, line)

    def _people(
        self, text: str, noun: str, item: DecisionItem, record: MeetingRecord, meeting: Meeting
    ) -> tuple[Owner, ...]:
        """Who moved or seconded: resolved like an action's owner, on the meeting's date."""
        if not text:
            return ()
        return resolve_people(
            text,
            noun,
            registry=self.registry,
            group=self.group,
            meeting=meeting,
            problems=self.problems,
            where=(record.path, item.line),
        )

    def _earlier(
        self, decision_id: str, record: MeetingRecord, line: int, numbers: frozenset[int]
    ) -> _Draft:
        """A decision the record refers to but never took: from a meeting that is not
        published, unless its number says it belongs to one that is, or to none yet."""
        key = urls.numbered_decision_key(decision_id)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(key, decision_id)
            hint = unpublished_hint(decision_id, numbers)
            if hint:
                self.problems.warning(
                    record.path,
                    line,
                    f"decision {decision_id} is not taken in any published meeting "
                    f"of {self.group.slug}",
                    hint,
                    code="unknown-decision",
                )
        return draft

    def _refer(
        self, ref: DecisionRef, record: MeetingRecord, meeting: Meeting, numbers: frozenset[int]
    ) -> None:
        draft = self._earlier(ref.decision_id, record, ref.line, numbers)
        action = self.actions_at.get((meeting.key, ref.action_anchor))
        if ref.action_anchor and action:
            draft.cited_by_actions[action] = None
        citing = self.decisions_at.get((meeting.key, ref.decision_anchor))
        if citing and citing != draft.key:
            draft.cited_by_decisions[citing] = None
            self.drafts[citing].cites_decisions[draft.key] = None
        taken_here = draft.taken is not None and draft.taken[0] is meeting
        if citing == draft.key or taken_here:
            return
        if all(m.meeting != meeting.key for m in draft.mentions):
            draft.mentions.append(DecisionMention(meeting.key, ref.section))

    def _freeze(self, draft: _Draft) -> Decision:
        public = not draft.withheld
        return Decision(
            group=self.group.slug,
            key=draft.key,
            decision_id=draft.decision_id,
            anchor=draft.anchor or f"decision-{draft.key}",
            text=draft.text if public else "",
            taken_in=draft.taken[0].key if draft.taken else None,
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
