"""What the written body holds: the actions and references the build will find, and updates."""

from __future__ import annotations

from site_gen.conventions.action_text import action_marker
from site_gen.importer.body import Body
from site_gen.importer.findings import Finding
from site_gen.importer.minutes import Minutes
from site_gen.importer.text import list_item, plain
from site_gen.importer.updates import Update, prose_updates, review_update
from site_gen.markdown import ReviewedItem, make_markdown


def _blocks(body: Body) -> list[tuple[str, int, bool]]:
    """Paragraphs and list items of the body, each as one text: (text, source line, review)."""
    blocks: list[tuple[str, int, bool]] = []
    current: list[str] = []
    start = 0
    for index, text in enumerate(body.lines):
        item = list_item(text)
        starts_new = (
            not text.strip()
            or item is not None
            or text.lstrip().startswith(("#", "|"))
            or (current and current[0].lstrip().startswith("|"))
        )
        if starts_new and current:
            blocks.append((" ".join(current), body.sources[start], body.review[start]))
            current = []
        if text.strip():
            if not current:
                start = index
            current.append(item if item is not None else text.strip())
    if current:
        blocks.append((" ".join(current), body.sources[start], body.review[start]))
    return blocks


def read_updates(body: Body, minutes: Minutes) -> None:
    found: list[Update] = []
    for text, line, review in _blocks(body):
        if review and text.lstrip().startswith("|"):  # the build reads review lists itself
            update = review_update(text, line)
            if update is not None:
                found.append(update)
                continue
        updates, unclear = prose_updates(plain(text), line)
        found.extend(updates)
        for clause in unclear:
            minutes.unsure.append(
                Finding(line, f"{clause!r} gives more than one status: no update recorded")
            )
    merged: dict[str, Update] = {}
    conflicting: set[str] = set()
    for update in found:
        earlier = merged.get(update.action_id)
        if earlier is None:
            merged[update.action_id] = update
        elif earlier.status != update.status:
            conflicting.add(update.action_id)
            minutes.unsure.append(
                Finding(
                    update.line,
                    f"action {update.action_id} is {update.status} here but "
                    f"{earlier.status} at line {earlier.line}: no update recorded",
                )
            )
    minutes.updates = tuple(u for i, u in merged.items() if i not in conflicting)


def parse_body(minutes: Minutes) -> None:
    """The actions and references the build will find, from the build's own parser."""
    env: dict[str, object] = {}
    make_markdown().parse(minutes.body, env)
    actions = env.get("actions", [])
    refs = env.get("action_refs", [])
    reviewed = env.get("reviewed", [])
    assert isinstance(actions, list) and isinstance(refs, list) and isinstance(reviewed, list)
    minutes.actions = tuple(actions)
    minutes.refs = tuple(refs)
    minutes.body_updates = tuple(
        Update(
            item.action_id,
            item.status,
            minutes.source_line(item.line),
            "review",
            note=item.note,
            task=f"{item.owner_text} to {item.task}" if item.owner_text else item.task,
        )
        for item in reviewed
        if isinstance(item, ReviewedItem) and item.action_id and item.status
    )
    minutes.reviewed_lines = frozenset(r.line for r in reviewed if isinstance(r, ReviewedItem))


def report_unread_markers(minutes: Minutes) -> None:
    """A line that starts like an action but that the build reads as none is to check."""
    read = {a.line for a in minutes.actions} | minutes.reviewed_lines
    for number, text in enumerate(minutes.body.split("\n"), start=1):
        marked = action_marker(list_item(text) or text)
        if marked is not None and number not in read and not marked.rest.endswith(":"):
            minutes.unsure.append(
                Finding(
                    minutes.source_line(number),
                    f"{plain(text)!r}: an action, but not written as 'owner to task': left as text",
                )
            )
