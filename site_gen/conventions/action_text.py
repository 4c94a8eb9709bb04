"""One action as minutes write it: an id, who owns it, what is to be done, perhaps a status.

Read from the Markdown source of a list item or paragraph. The forms:

- a marker that says "this is an action", anywhere in the minutes: "Action: ...",
  "ACTION AB: ...", "**Action 3.2:** ...", "Action item: ...", "AI: ...", "AI -- ...",
  "AI Name - ...", "[AI:Name] ...", "@name: ...";
- an id at the start ("3.1 ", "(3.1)", "[3.1]", "Action 3.1:") or at the end ("(3.1)");
- an owner: "Name to ...", "Name: ...", "Name - ...", "Name will ...", "(AB) ...",
  "[Name] ...", several joined by "and", "&", "/" or commas, "All", a team;
  after a marker, the capitalised words before the verb ("AI: Phil clarify ...") are a
  guess that only counts if it names someone the meeting knows;
- a status at the end ("... - Closed", "... (done)", "... Status: still not done") and a
  check box ("[x]", "[ ]") at the start.

A speaker's words ("Mara: we should ...") are not an action unless a marker or an action
list says so: these rules read a text already known to be an action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it.common.utils import unescapeAll

from site_gen.conventions.statuses import (
    Trailing,
    leading_status,
    status_for_owner,
    trailing_status,
)
from site_gen.vocabulary import ActionStatus

# "3.1", "1.10", "2.4a": at least one dot, so a bare number or a year never counts; at most
# six numbers of six digits, so an id always makes a file name.
ACTION_ID = r"\d{1,6}(?:\.\d{1,6}){1,5}[a-z]?"
_EM = r"(?:\*\*|__|\*|_)?"
_DASH = r"(?:--?|\u2013|\u2014)"

# An id written first: "3.1 ", "3.1:", "3.1 -", "(3.1) ", "[3.1] ", "Action 3.1:".
START_ID = re.compile(
    rf"(?:(?i:action)\s+)?(?:\((?P<p>{ACTION_ID})\)|\[(?P<b>{ACTION_ID})\]|(?P<n>{ACTION_ID}))"
    r"(?:\s*[:.\-\u2013\u2014]\s*|\s+)(?=\S)"
)
# An id written last, bracketed: "... colleagues (3.1)", "... the Group [3.1].".
END_ID = re.compile(rf"\s*(?:\((?P<p>{ACTION_ID})\)|\[(?P<b>{ACTION_ID})\])(?P<tail>[.;]?)\s*$")

# "Action:", "ACTION AB:", "**Action 3.2:**", "Action item (AB) -", "Actions: ..."
_ACTION_MARKER = re.compile(
    rf"^{_EM}\s*(?i:action(?:[\s-]*(?:items?|points?))?|actions)"
    rf"(?:\s+#?(?P<id>{ACTION_ID}))?"
    r"(?:\s*\((?P<paren>[^()]{1,60})\)|\s+(?P<caps>[A-Z]{2,4}(?:\s*[,/&]\s*[A-Z]{2,4})*)"
    # "ACTION ITEM for OASIS: ...": the owner named after "for"
    r"|\s+for\s+(?P<for>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}))?"
    rf"\s*{_EM}\s*(?:[:\u2013\u2014]|-{{1,2}})\s*{_EM}\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
# "AI:", "AI --", "[AI]:", "AI (everyone):", "[AI:Phil]", "AI Phil - ...", "AI to Phil"
_AI_MARKER = re.compile(
    rf"^{_EM}\s*(?:\[AIs?\]|AIs?)(?:\s*\((?P<paren>[^()]{{1,60}})\))?\s*{_EM}\s*"
    rf"(?:(?::|{_DASH})\s*{_EM}\s*(?P<rest>\S.*)|\s+(?P<named>[@A-Z].*))$",
    re.DOTALL,
)
_AI_BRACKET = re.compile(r"^\[AIs?\s*:\s*(?P<owner>[^\]]{1,60})\]\s*(?P<rest>\S.*)$", re.DOTALL)
_AI_TO = re.compile(r"^AIs?\s+to\s+(?P<owner>[@A-Z][^\s,.;:]*(?:\s+[A-Z][^\s,.;:]*)?)\s*$")
# "AI for bob this week": an action for someone, the rest of the line its words.
_AI_FOR = re.compile(r"^AIs?\s+for\s+(?P<owner>@?[A-Za-z][\w.-]*)\b\s*(?P<rest>.*)$", re.DOTALL)
# "@jim: clarify the report"
_HANDLE_MARKER = re.compile(r"^(?P<owner>@[\w][\w.-]*)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)
# "[Aaron] AI: ..." - a speaker, then a marker.
_SPEAKER = re.compile(r"^\[(?P<speaker>[^\[\]]{1,40})\]\s+(?=\S)")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s+")

_JOINERS = re.compile(r"\s*(?:,|&|/|\+|\band\b)\s*")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_SHORT_FORM = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]?$")  # "PhilO", "TimSt", "KimW"
_HANDLE = re.compile(r"^@[\w][\w.-]*$")
_BRACKETED_SHORT = re.compile(r"\s*\([^()]{1,20}\)$")
_EMPHASIS_MARKS = re.compile(r"(?<!\\)\*+|(?<![\w\\])_+|(?<!\\)_+(?!\w)")
_BOLD_TOPIC = re.compile(
    r"^(?:\*\*|__)(?P<topic>[^*_]{1,60}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*"
)
_LEADING_BRACKETS = re.compile(r"^\((?P<owner>[^()]{1,60})\)\s+(?=\S)")
_LEADING_SQUARE = re.compile(r"^\[(?P<owner>[^\[\]]{1,60})\]\s+(?=\S)")

# Words that begin a part of an owner as a capital would: "the", and words for everyone.
_LOWER_OWNERS = {"the", "all", "everyone", "everybody", "we"}
# Words after a name's first word: a team, its members, a role.
_COLLECTIVE = {
    "team", "teams", "member", "members", "group", "groups", "chair", "chairs", "co-chairs",
    "committee", "staff", "lead", "leads", "reps", "representative", "representatives",
    "secretariat", "officer", "officers", "board", "maintainers", "owners", "folks",
    "liaison", "liaisons", "editors", "editor", "secretary", "treasurer", "director",
    "directors", "wg", "sig", "of", "for", "the", "and", "working", "office",
}  # fmt: skip
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "bin", "al"}
# Capitalised words that begin sentences and are no one's name.
_NOT_NAMES = {
    "i", "we", "you", "they", "he", "she", "it", "this", "that", "these", "those", "there",
    "here", "need", "needs", "please", "also", "plan", "plans", "try", "continue", "ask",
    "make", "create", "review", "update", "send", "follow", "check", "discuss", "add", "get",
    "set", "look", "find", "write", "draft", "share", "reach", "schedule", "consider",
    "investigate", "explore", "prepare", "propose", "provide", "ensure", "work", "move",
    "keep", "start", "finish", "complete", "close", "open", "let", "let's", "lets", "will",
    "should", "could", "would", "can", "may", "must", "maybe", "perhaps", "next", "then",
    "after", "before", "once", "if", "when", "while", "until", "not", "no", "yes", "nothing",
    "none", "everything", "something", "someone", "somebody", "anyone", "agreed", "decided",
    "decision", "action", "actions", "note", "notes", "status", "updates", "question",
    "questions", "topic", "comment", "comments", "re", "fyi", "tbd", "time", "date",
    "deadline", "due", "goal", "idea", "proposal", "motion", "vote", "result", "summary",
    "discussion", "request", "reminder", "today", "tomorrow", "right", "more", "some", "any",
    "each", "every", "other", "another", "our", "their", "his", "her", "its", "my", "your",
    "what", "who", "how", "why", "where", "which", "about", "for", "from", "with", "on",
    "in", "at", "by", "to", "of", "new", "old", "first", "second", "last", "final",
    "general", "overall", "current", "ai", "ar", "aob", "na", "n/a", "ok", "okay", "thanks",
    "thank", "done", "closed", "ongoing", "pending",
}  # fmt: skip
# Capitals that are no one's initials.
_NOT_INITIALS = {"AI", "AIS", "AR", "ARS", "AOB", "TBD", "TBC", "FYI", "NA", "NB", "PS", "RE", "QA"}
_OWNER_SEPARATORS = re.compile(
    rf"\s+to\s+|\s*:\s+|\s+{_DASH}\s*|(?<=\w){_DASH}\s+|\s+will\s+|\s+shall\s+"
)
_MAX_OWNER_WORDS = 8
_MAX_LENIENT_OWNER_WORDS = 12
_MAX_GUESSED_WORDS = 4


@dataclass(frozen=True)
class ActionText:
    """What one action's text says; `owner` and `task` are Markdown source, as written."""

    action_id: str | None
    owner: str | None
    task: str
    # After a marker, leading capitalised words that may be a name ("AI: Phil clarify ..."):
    # each (owner, task) reading is tried in order, and one counts only if it names people.
    guesses: tuple[tuple[str, str], ...] = ()
    status: ActionStatus | None = None
    status_written: bool = False  # a status, or an empty "Status:", ends the text
    note: str = ""
    checked: bool | None = None  # "[x]": True, "[ ]": False, no box: None
    said_new: bool = False  # "[new for Ann]": the text says it is raised here


@dataclass(frozen=True)
class Marker:
    """An action marker at the start of a text, and what it already says."""

    rest: str  # the text after the marker
    action_id: str | None = None
    owner: str | None = None  # "ACTION AB:", "[AI:Phil]", "@jim:"
    speaker: str | None = None  # "[Aaron] AI: ...": who spoke, perhaps the owner


def plain_owner(owner: str) -> str:
    """An owner without emphasis marks or spare spaces: "**Dez** & Leon" -> "Dez & Leon"."""
    return " ".join(unescapeAll(_EMPHASIS_MARKS.sub("", owner)).split())


def action_marker(text: str) -> Marker | None:
    """The action marker a paragraph or list item starts with, if any."""
    text = text.strip()
    speaker = _SPEAKER.match(text)
    if speaker and (found := _marker(text[speaker.end() :])):
        return Marker(found.rest, found.action_id, found.owner, speaker["speaker"].strip())
    return _marker(text)


def _named_owner(found: re.Match[str]) -> str | None:
    """ "ACTION AB:", "Action for Ann:", "Action (AB):": the owner the marker names."""
    return found["caps"] or found["for"] or found["paren"] or None


def _marker(text: str) -> Marker | None:
    if text.startswith(("**", "__")) and text.endswith(text[:2]) and text.count(text[:2]) == 2:
        text = text[2:-2]  # "**AI: Tim volunteers**": the whole item in bold
    if found := _ACTION_MARKER.match(text):
        return Marker(found["rest"].strip(), found["id"], _named_owner(found))
    if found := _AI_BRACKET.match(text):
        return Marker(found["rest"].strip(), None, found["owner"].strip())
    if found := _AI_TO.match(text):
        return Marker("", None, found["owner"].strip())
    if found := _AI_FOR.match(text):
        return Marker(found["rest"].strip() or text, None, found["owner"].strip())
    if found := _AI_MARKER.match(text):
        rest = found["rest"] if found["rest"] is not None else found["named"]
        return Marker(rest.strip(), None, found["paren"].strip() if found["paren"] else None)
    if found := _HANDLE_MARKER.match(text):
        return Marker(found["rest"].strip(), None, found["owner"])
    return None


_ANY_ID = re.compile(ACTION_ID)


def may_hold_id(text: str) -> bool:
    """Could read_action find an action id in `text`? Only where one is written in it: a
    cheap test that spares reading prose that cannot be a numbered action."""
    return _ANY_ID.search(text) is not None


def split_id(text: str) -> tuple[str | None, str]:
    """The id written at the start or the end of an action, and the text without it."""
    if start := START_ID.match(text):
        return _id(start), text[start.end() :]
    if end := END_ID.search(text):
        return _id(end), text[: end.start()] + end["tail"]
    return None, text


def _id(match: re.Match[str]) -> str:
    return next(match[g] for g in ("p", "b", "n") if g in match.re.groupindex and match[g])


def _is_name_word(word: str, first: bool) -> bool:
    """A word of a name: "Dez", "O'Brien", "AB", "PhilO", "@joe"; after the first, also
    "team", "members", "van", "B." ."""
    if _HANDLE.match(word) or _INITIALS.match(word) or _SHORT_FORM.match(word):
        return True
    bare = word.strip("'\u2019")
    if not bare or not bare[0].isalpha():
        return False
    if bare[0].isupper():
        return True
    folded = bare.casefold()
    if first:
        return folded in _LOWER_OWNERS
    return folded in _COLLECTIVE or folded in _PARTICLES


def owner_part_like(part: str) -> bool:
    """Could this be one owner: "Dez", "Jane Smith (JS)", "Review team", "@joe", "AB"?"""
    words = _BRACKETED_SHORT.sub("", plain_owner(part)).split()
    if not 1 <= len(words) <= 5 or any(c in part for c in ';?!"`<>[]{}=#'):
        return False
    first = words[0].casefold().strip(".")
    initials = _INITIALS.match(words[0]) is not None and words[0] not in _NOT_INITIALS
    if (
        first in _NOT_NAMES
        and not initials
        and (len(words) == 1 or words[1].casefold() not in _COLLECTIVE)
    ):
        return False  # "Need", "Open Issue"; but "Review team" is a team, "OK" initials
    if words[0].casefold().endswith("ing") and not words[0][0].isupper():
        return False
    return all(_is_name_word(w, i == 0) for i, w in enumerate(words))


def owner_like(text: str) -> bool:
    """Is all of `text` one or several owners ("Jane Smith/Alan Brown", "Kate & Karen")?"""
    plain = plain_owner(text)
    if not plain or len(plain.split()) > _MAX_OWNER_WORDS or plain.endswith((",", "&", "/")):
        return False
    parts = [p for p in _JOINERS.split(plain) if p.strip()]
    return bool(parts) and all(owner_part_like(p) for p in parts)


# When it is due, written before the owner: "For next session: Ann - brief the group".
_WHEN_FIRST = re.compile(
    r"(?i)^(?:for|by|before|ahead\s+of|prior\s+to)\s+(?:the\s+)?(?:next|following)\s+"
    rf"(?:session|meeting|call|week|workshop|month)\s*(?::|,|{_DASH})\s*(?=\S)"
)


def _owner_and_task(rest: str, lenient: bool) -> tuple[str | None, str]:
    """The owner written before the task, by the first separator that follows a name."""
    if (when := _WHEN_FIRST.match(rest)) is not None:
        owner, task = _owner_and_task(rest[when.end() :], lenient)
        if owner is not None:
            return owner, task
    for leading in (_LEADING_BRACKETS, _LEADING_SQUARE):
        if (found := leading.match(rest)) and owner_like(found["owner"]):
            return found["owner"].strip(), rest[found.end() :]
    for separator in _OWNER_SEPARATORS.finditer(rest):
        owner = rest[: separator.start()].strip()
        if len(owner.split()) > _MAX_OWNER_WORDS:
            break
        if owner and owner_like(owner) and rest[separator.end() :].strip():
            return owner, rest[separator.end() :]
    return _lenient_owner(rest) if lenient else (None, rest)


def _lenient_owner(rest: str) -> tuple[str | None, str]:
    """Under an actions label, anything short before "to" owns the task."""
    split = re.search(r"\sto\s", rest)
    owner = rest[: split.start()].strip() if split else ""
    if (
        split
        and owner
        and len(owner.split()) <= _MAX_LENIENT_OWNER_WORDS
        and ":" not in owner
        and owner.split()[0].casefold() not in _NOT_NAMES
    ):
        return owner, rest[split.end() :]
    return None, rest


def _guesses(rest: str) -> tuple[tuple[str, str], ...]:
    """After a marker, "Phil clarify ..." or "Dims/Aaron Review the PR": the leading names."""
    tokens = re.findall(r"\S+", rest)
    run: list[str] = []
    for token in tokens[: _MAX_GUESSED_WORDS + 1]:
        bare = plain_owner(token).rstrip(",")
        pieces = [p for p in re.split(r"[/&+]", bare) if p]
        if not pieces or not all(_is_name_word(p, True) and p[0].isupper() for p in pieces):
            break
        run.append(token)
    if not run or len(run) == len(tokens) or len(run) > _MAX_GUESSED_WORDS:
        return ()
    found = []
    for size in range(len(run), 0, -1):
        owner = " ".join(run[:size]).rstrip(",")
        task = rest.split(None, size)[size] if len(rest.split(None, size)) > size else ""
        if task and owner_like(owner):
            found.append((owner, task))
    return tuple(found)


def read_action(text: str, *, marked: bool = False, lenient: bool = False) -> ActionText:
    """Read one action's Markdown source.

    `marked`: the text followed an action marker, so leading names are worth a guess;
    `lenient`: an item of a list under an actions label, where "anything to ..." is an
    owner (the build's first convention: "Review team member and Chair to ...").
    """
    rest = text.strip()
    checked: bool | None = None
    if box := _CHECKBOX.match(rest):
        checked = box["mark"] != " "
        rest = rest[box.end() :]
    action_id, rest = split_id(rest.strip())
    if (said := status_for_owner(rest)) is not None:  # "... [new for Ann]": Ann owns it
        task = " ".join(said.rest.split())
        if said.status is None:
            return replace(_reading(action_id, said.owner, task, (), None, checked), said_new=True)
        return _reading(action_id, said.owner, task, (), said, checked)
    trailing = leading_status(rest) or trailing_status(rest)
    if trailing is not None:
        rest = trailing.rest
        if action_id is None and (end := END_ID.search(rest)):
            action_id, rest = _id(end), rest[: end.start()] + end["tail"]
    rest = " ".join(rest.split())
    topic = _BOLD_TOPIC.match(rest)
    if topic is not None:
        owner, task = _owner_and_task(rest[topic.end() :], lenient=False)
        if owner is not None:
            return _reading(action_id, owner, task, (), trailing, checked)
        # "**Tim Hockin:** own the list" or "**Feature Audit:** list the options": a name
        # only if it names someone (the link stage knows), else a topic.
        label = topic["topic"].strip()
        guess = ((label, rest[topic.end() :]),) if owner_like(label) else ()
        return _reading(action_id, None, rest, guess, trailing, checked)
    owner, task = _owner_and_task(rest, lenient)
    guesses = _guesses(rest) if owner is None and marked else ()
    return _reading(action_id, owner, task, guesses, trailing, checked)


def _reading(
    action_id: str | None,
    owner: str | None,
    task: str,
    guesses: tuple[tuple[str, str], ...],
    trailing: Trailing | None,
    checked: bool | None,
) -> ActionText:
    return ActionText(
        action_id=action_id,
        owner=owner,
        task=task.strip(),
        guesses=guesses,
        status=trailing.status if trailing else None,
        status_written=trailing is not None,
        note=trailing.note if trailing else "",
        checked=checked,
    )
