"""meetings/<group>/<date>.md: front matter (what is data) and the minutes (Markdown)."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import PurePosixPath
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from site_gen import urls
from site_gen.conventions.action_text import ACTION_ID
from site_gen.conventions.short_names import split_given
from site_gen.load import SourceFile
from site_gen.markdown import ActionItem, ActionRef, ReviewedItem, WithheldItem
from site_gen.markdown.problems import ENV_KEY as MARKDOWN_PROBLEMS
from site_gen.markdown.withheld_backstop import withheld_lines_published
from site_gen.meeting_details import DETAIL_KEYS, MeetingDetails
from site_gen.parse.fields import FieldReader, as_mapping, close_key
from site_gen.parse.lifecycle import parse_lifecycle
from site_gen.parse.papers import parse_papers
from site_gen.parse.records import (
    EntryRecord,
    HeadingRecord,
    MeetingRecord,
    SectionRecord,
    UpdateRecord,
)
from site_gen.problems import Problems
from site_gen.slugs import slugify
from site_gen.unicode_text import clean_name
from site_gen.vocabulary import (
    AUTHOR_ACTION_STATUSES,
    ActionStatus,
    AttendanceKind,
    MeetingStatus,
    choices,
)
from site_gen.yaml_lines import YamlMap, parse_yaml

_ACTION_ID = re.compile(ACTION_ID)
MEETING_KEYS = {
    "group",
    "date",
    "number",
    "status",
    "approved_at",
    "corrections",
    *DETAIL_KEYS,
    "attendance",
    "action_updates",
    "papers",
    "private",  # anything the clerk keeps for the record: never read, never published
}
# Keys whose loss to a slip drops a part of the meeting's page.
DROPPING_KEYS = frozenset({"attendance", "action_updates", "papers", "corrections"})
SECTION_KEYS = {"label", "kind", "people", "private"}
ENTRY_KEYS = {"name", "person", "role", "body", "for", "arrived", "left", "private"}
UPDATE_KEYS = {"status", "note", "task", "private"}


def _entry(value: Any, line: int, path: str, problems: Problems) -> EntryRecord | None:
    if isinstance(value, str):
        # "Name, role or affiliation": the first comma separates them. Whether
        # "Jane Doe for John Smith" is a substitute is known only when linking.
        name, _, role = clean_name(value).partition(",")
        name, initials, handle = split_given(name)
        if not name:
            return None
        return EntryRecord(name, role.strip(), False, line, initials=initials, handle=handle)
    mapping = as_mapping(value, path, line, problems, "an attendance entry")
    if mapping is None:
        return None
    fields = FieldReader(mapping, path, problems, "an attendance entry")
    fields.unknown_keys(ENTRY_KEYS)
    if "body" in mapping:
        return EntryRecord(clean_name(fields.text("body")), fields.text("role"), True, line)
    name = clean_name(fields.text("person") or fields.text("name"))
    if not name:
        problems.error(
            path,
            line,
            "attendance entry names no one",
            "write 'person: Full Name'",
            code="missing-key",
        )
        return None
    name, initials, handle = split_given(name)
    return EntryRecord(
        name,
        fields.text("role"),
        False,
        line,
        substitute_for=clean_name(fields.text("for")),
        arrived=fields.text("arrived"),
        left=fields.text("left"),
        initials=initials,
        handle=handle,
    )


def _section(value: Any, line: int, path: str, problems: Problems) -> SectionRecord | None:
    mapping = as_mapping(value, path, line, problems, "an attendance section")
    if mapping is None:
        return None
    fields = FieldReader(mapping, path, problems, "an attendance section")
    fields.unknown_keys(SECTION_KEYS)
    reported = len(problems.errors)
    kind_text = fields.text("kind", required=True)
    try:
        kind = AttendanceKind(kind_text)
    except ValueError:
        if len(problems.errors) == reported:  # not already reported as missing or not text
            fields.error(
                "kind",
                f"unknown kind of attendance {kind_text!r}",
                f"use one of {choices(AttendanceKind)}",
                code="unknown-attendance-kind",
            )
        # Keep the section's people so owners named in the minutes still resolve (no
        # knock-on warnings); the error above stops the build, so this kind is never shown.
        kind = AttendanceKind.ABSENT
    entries = (_entry(v, ln, path, problems) for v, ln in fields.items("people"))
    label = fields.text("label", default=kind.label.capitalize())
    return SectionRecord(label, kind, tuple(e for e in entries if e), line)


# An id inside more words ("Action 3.1", "#3.1", "(3.1)"), or with other separators ("3-1").
_ID_INSIDE = re.compile(rf"(?<![\w.])({ACTION_ID})(?![\w.])")
_ID_OTHER_SEPARATORS = re.compile(r"(?<!\w)(\d{1,6})[-_/ ,](\d{1,6})([a-z]?)(?!\w)")


def _update_key_hint(key: str) -> str:
    """How to write `key` as the update key it was meant to be."""
    if inside := _ID_INSIDE.search(key):
        return f'the key is the action id alone: write "{inside[1]}"'
    if other := _ID_OTHER_SEPARATORS.search(key):
        return f'an action id is numbers with dots: write "{other[1]}.{other[2]}{other[3]}"'
    return (
        'write the action id as the minutes number the action, e.g. "2.4" or "1.10a"; an '
        "action without an id is updated by its page name, the end of its address without "
        '.html, e.g. "2021-07-30-share-the-research"'
    )


def _update(
    action_id: str, value: Any, line: int, path: str, problems: Problems
) -> UpdateRecord | None:
    if not (_ACTION_ID.fullmatch(action_id) or urls.is_unnumbered_action_key(action_id)):
        # "3-1" is not 3.1, and "index" or "a/b/c" would make pages where no action is.
        shown = action_id if len(action_id) <= 40 else action_id[:40] + "..."
        problems.error(
            path,
            line,
            f"{shown!r} in 'action_updates' is not an action id",
            _update_key_hint(action_id),
            code="bad-action-id",
        )
        return None
    note = task = ""
    status_text = value
    if isinstance(value, YamlMap):
        fields = FieldReader(value, path, problems, f"the update of action {action_id}")
        fields.unknown_keys(UPDATE_KEYS)
        status_text, note = fields.text("status", required=True), fields.text("note")
        task = fields.text("task")
    try:
        status = ActionStatus(str(status_text).strip().replace(" ", "_"))
        if status not in AUTHOR_ACTION_STATUSES:
            raise ValueError(status)
    except ValueError:
        problems.error(
            path,
            line,
            f"unknown action status {status_text!r} for action {action_id}",
            f"use one of {choices(AUTHOR_ACTION_STATUSES)}",
            code="unknown-action-status",
        )
        return None
    return UpdateRecord(action_id, status, note, line, task)


def _headings(tokens: list[Token]) -> tuple[HeadingRecord, ...]:
    """The agenda items: "##" headings, and the stubs of withheld items in their place."""
    found = []
    for token, inline in pairwise([*tokens, Token("end", "", 0)]):
        if token.type == "withheld" and token.meta["item"].anchor and token.map:
            item: WithheldItem = token.meta["item"]
            found.append(
                HeadingRecord(item.anchor, f"{item.heading} (not published)", token.map[0] + 1)
            )
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            title = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            )
            found.append(HeadingRecord(str(token.attrGet("id") or ""), title, token.map[0] + 1))
    return tuple(found)


def _action_href_from_meeting(action_id: str) -> str:
    return urls.ACTION_FROM_MEETING.format(key=urls.numbered_action_key(action_id))


def _decision_href_from_meeting(decision_id: str) -> str:
    return urls.DECISION_FROM_MEETING.format(key=urls.numbered_decision_key(decision_id))


_NAMED_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")


def _check_file_name_date(source: SourceFile, day: date, fields: FieldReader) -> None:
    """A file named for one day whose 'date:' says another: one of them is a slip."""
    named = _NAMED_DATE.match(PurePosixPath(source.relative).name)
    if named and named[1] != day.isoformat():
        fields.problems.warning(
            fields.path,
            fields.line("date"),
            f"the file is named for {named[1]} but its 'date' is {day.isoformat()}",
            "correct the date, or rename the file after it",
            code="file-name-date",
        )


def _check_attendance(fields: FieldReader, status: MeetingStatus) -> None:
    """Minutes with no one recorded as there: every member's attendance would read "not
    recorded". (A misspelt 'attendance:' is an error already.)"""
    if status is MeetingStatus.SCHEDULED or "attendance" in fields.mapping:
        return
    if any(close_key(str(key), MEETING_KEYS) == "attendance" for key in fields.mapping):
        return
    fields.problems.warning(
        fields.path,
        fields.mapping.line,
        "the meeting has no attendance",
        "add 'attendance:' with a section '- kind: present' and 'people:' listing who came "
        "(and 'kind: apologies' for those who sent them)",
        code="no-attendance",
    )


def parse_meeting(source: SourceFile, md: MarkdownIt, problems: Problems) -> MeetingRecord | None:
    """Parse one meeting file; None (with problems recorded) when it cannot be used."""
    path = source.path
    # Action and decision ids become links to their pages, relative to the meeting's page.
    env: dict[str, Any] = {
        "action_href": _action_href_from_meeting,
        "decision_href": _decision_href_from_meeting,
    }
    tokens = md.parse(source.text, env)
    fields = _front_matter(tokens, source, problems)
    if fields is None:
        return None
    folder_group = PurePosixPath(source.relative).parent.name
    # By file name or address: "Evidence Group" and "evidence-group" are the same group.
    group = slugify(fields.text("group") or folder_group)
    day = fields.day("date", required=True)
    lifecycle = parse_lifecycle(fields)
    sections = [_section(v, ln, path, problems) for v, ln in fields.items("attendance")]
    updates = _updates(fields, problems)
    number = fields.integer("number")
    papers, private_papers = parse_papers(fields)
    if day is None:
        return None
    _check_file_name_date(source, day, fields)
    _check_attendance(fields, lifecycle.status)
    body_html = md.renderer.render(tokens, md.options, env)
    _check_withheld(source, tokens, body_html, problems)
    actions, refs, updates, reviewed = _action_records(env, updates, number, path, problems)
    _report_markdown_problems(env, path, problems)
    return MeetingRecord(
        path=path,
        group=group,
        group_line=fields.line("group") if "group" in fields.mapping else 1,
        date=day,
        number=number,
        lifecycle=lifecycle,
        details=MeetingDetails(**{key: fields.text(key) for key in DETAIL_KEYS}),
        sections=tuple(s for s in sections if s),
        updates=tuple(updates),
        body_html=body_html,
        headings=_headings(tokens),
        actions=tuple(actions),
        refs=tuple(refs),
        withheld=tuple(env.get("withheld", [])),
        date_line=fields.line("date"),
        number_line=fields.line("number"),
        decisions=tuple(env.get("decisions", [])),
        decision_refs=tuple(env.get("decision_refs", [])),
        papers=papers,
        reviewed=reviewed,
        private_papers=private_papers,
    )


def _front_matter(
    tokens: list[Token], source: SourceFile, problems: Problems
) -> FieldReader | None:
    """The front matter's fields; None (reported) when there is none, or none to read."""
    path = source.path
    if not tokens or tokens[0].type != "front_matter":
        if source.text.startswith("---"):
            problems.error(
                path,
                1,
                "front matter is not closed",
                "end it with a line '---' after its last key, before the minutes",
                code="front-matter-unclosed",
            )
        else:
            problems.error(
                path,
                1,
                "meeting has no front matter",
                "start the file with '---', group, date, '---'",
                code="no-front-matter",
            )
        return None
    data = parse_yaml(tokens[0].content, path, problems, first_line=2)
    if data is None:
        return None
    mapping = as_mapping(data, path, 2, problems, "front matter")
    if mapping is None:
        return None
    fields = FieldReader(mapping, path, problems, "the meeting")
    fields.unknown_keys(MEETING_KEYS, DROPPING_KEYS, withheld_by="status: draft")
    return fields


def _updates(fields: FieldReader, problems: Problems) -> list[UpdateRecord]:
    raw_updates = fields.mapping.get("action_updates") or YamlMap()
    if not isinstance(raw_updates, YamlMap):
        fields.error(
            "action_updates",
            "'action_updates' must map action ids to statuses",
            "e.g. '\"2.4\": closed'",
            code="not-a-mapping",
        )
        return []
    updates = []
    for action_id, value in raw_updates.items():
        update = _update(action_id, value, raw_updates.line_of(action_id), fields.path, problems)
        if update:
            updates.append(update)
    return updates


def _check_withheld(
    source: SourceFile, tokens: list[Token], body_html: str, problems: Problems
) -> None:
    for line in withheld_lines_published(source.text, tokens, body_html):
        problems.error(
            source.path,
            line + 1,
            "this line is inside a withheld block, yet its words are in the published minutes",
            "site_gen stops rather than publish it; if the words are meant to be public, write "
            "them outside the block too, and otherwise report this as a bug",
            code="withheld-published",
        )


def _report_markdown_problems(env: dict[str, Any], path: str, problems: Problems) -> None:
    for problem in env.get(MARKDOWN_PROBLEMS, []):
        report = problems.error if problem.severity == "error" else problems.warning
        report(path, problem.line, problem.message, problem.hint, code=problem.code)


def _action_records(
    env: dict[str, Any],
    updates: list[UpdateRecord],
    number: int | None,
    path: str,
    problems: Problems,
) -> tuple[list[ActionItem], list[ActionRef], list[UpdateRecord], tuple[ReviewedItem, ...]]:
    """The actions the minutes raise, mention and update, reviews and carried-forward ids
    read; and the reviewed items without an id, which the link stage finds."""
    actions: list[ActionItem] = env.get("actions", [])
    refs: list[ActionRef] = env.get("action_refs", [])
    reviewed: list[ReviewedItem] = env.get("reviewed", [])
    updates, refs = _with_reviewed(updates, refs, reviewed, path, problems)
    actions, refs, updates = _numbered_elsewhere(actions, refs, updates, number)
    return actions, refs, updates, tuple(r for r in reviewed if r.action_id is None)


def _prefix(action_id: str) -> int:
    return int(action_id.split(".", 1)[0])


def _numbered_elsewhere(
    actions: list[ActionItem],
    refs: list[ActionRef],
    updates: list[UpdateRecord],
    number: int | None,
) -> tuple[list[ActionItem], list[ActionRef], list[UpdateRecord]]:
    """Actions whose id names another meeting, where this meeting has a number:

    - under no label ("- Dez to phone (2.3)" in meeting 3's notes): that action, mentioned;
    - in an actions list of a meeting that numbers its actions by meeting (3.1, 3.2 ...),
      an id of an earlier meeting (2.3) is that action carried forward: an update (open,
      unless a status is written), never a second raise.
    """
    if number is None:
        return actions, refs, updates
    by_meeting = any(a.action_id and _prefix(a.action_id) == number for a in actions)
    named, carried, kept = [], [], []
    updated = {u.action_id for u in updates}
    for action in actions:
        other = _other_meeting(action, number)
        if other is not None and action.unlabelled:
            named.append(ActionRef(action.line, action.action_id or ""))
        elif other is not None and by_meeting and other < number:
            if action.action_id not in updated:
                carried.append(_carried_forward(action))
                updated.add(action.action_id or "")
        else:
            kept.append(action)
    return kept, sorted([*refs, *named], key=lambda r: r.line), [*updates, *carried]


def _other_meeting(action: ActionItem, number: int) -> int | None:
    """The number of the meeting an action's id names, if not this meeting's `number`."""
    if not action.action_id:
        return None
    prefix = _prefix(action.action_id)
    return prefix if prefix != number else None


def _carried_forward(action: ActionItem) -> UpdateRecord:
    """An earlier meeting's action listed again: still open, unless a status is written."""
    status = action.status or ActionStatus.OPEN
    note = action.note or ("" if action.status else "carried forward")
    task = f"{action.owner_text} to {action.task}" if action.owner_text else action.task
    return UpdateRecord(action.action_id or "", status, note, action.line, task)


def _with_reviewed(
    updates: list[UpdateRecord],
    refs: list[ActionRef],
    reviewed: list[ReviewedItem],
    path: str,
    problems: Problems,
) -> tuple[list[UpdateRecord], list[ActionRef]]:
    """Earlier actions a review lists by id: a status there is an update (the front matter's
    own update of the same action wins), no status a mention."""
    by_id = {u.action_id: u for u in updates}
    from_body: dict[str, UpdateRecord] = {}
    mentions = list(refs)
    for item in reviewed:
        if item.action_id is None:
            continue
        if item.status is None:
            mentions.append(ActionRef(item.line, item.action_id, item.section))
            continue
        if item.action_id in by_id:
            continue
        earlier = from_body.get(item.action_id)
        if earlier is not None:
            if earlier.status != item.status:
                problems.warning(
                    path,
                    item.line,
                    f"action {item.action_id} is {item.status} here but {earlier.status} "
                    f"at line {earlier.line}",
                    "keep one status for the action at each meeting; the first is used",
                    code="update-conflict",
                )
            continue
        task = f"{item.owner_text} to {item.task}" if item.owner_text else item.task
        from_body[item.action_id] = UpdateRecord(
            item.action_id, item.status, item.note, item.line, task
        )
    return [*updates, *from_body.values()], sorted(mentions, key=lambda r: r.line)
