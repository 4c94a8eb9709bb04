"""A raw IRC log ("[2024-01-09T16:56:30Z] <nick> text", "12:01 <nick> text") read the way
W3C's scribe tool (scribe.perl) turns one into minutes.

The scribe's lines are the minutes ("Name: what they said"); "present+" and "regrets+" make
the attendance, listed at the top as scribe.perl lists them; "Meeting:" is the title and
"Topic:" a heading; other people's lines stay as "<nick> text" chat. Queue and bot commands
("q+", "ack", "Zakim, ...") are not minutes: they are left out and counted. Nicks write
spaces as underscores ("Jack_Tanner_(CTO)"), read back as spaces. The first timestamp's
date is the log's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.importer.document import Document, Line, Said

_MESSAGE = re.compile(
    r"^\[?(?P<stamp>\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?|\d{1,2}:\d{2}(?::\d{2})?)\]?\s*"
    r"<(?P<nick>[^>\s]+)>\s*(?P<text>.*)$"
)
_PRESENT = re.compile(r"^present\s*\+\s*(?P<who>.*)$", re.IGNORECASE)
_REGRETS = re.compile(r"^regrets?\s*\+\s*(?P<who>.*)$", re.IGNORECASE)
_SCRIBE = re.compile(r"^scribe(?:nick)?\s*(?:\+|:\s*(?P<who>\S+))\s*$", re.IGNORECASE)
_TITLE = re.compile(r"^meeting\s*:\s*(?P<title>\S.*)$", re.IGNORECASE)
_TOPIC = re.compile(r"^(?:sub)?topic\s*:\s*(?P<title>\S.*)$", re.IGNORECASE)
_COMMAND = re.compile(
    r"^(?:q[+\-?]|q\s*[+\-?]|ack\s+\S+|queue\s*[+\-=]|(?:zakim|rrsagent|trackbot)\b.*)\s*$",
    re.IGNORECASE,
)
_MIN_SHARE = 0.6  # of the non-blank lines: a log, not minutes that quote a few log lines


def is_irc_log(text: str) -> bool:
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if len(lines) < 3:
        return False
    return sum(1 for line in lines if _MESSAGE.match(line)) >= _MIN_SHARE * len(lines)


def _name(nick: str) -> str:
    return " ".join(nick.replace("_", " ").split())


@dataclass
class _Log:
    present: list[Line] = field(default_factory=list)
    regrets: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    said: list[Said] = field(default_factory=list)
    commands: int = 0
    scribes: set[str] = field(default_factory=set)


def read_irc(path: str, lines: list[Line], notes: tuple[str, ...]) -> Document:
    log = _Log()
    seen: set[str] = set()
    other = 0
    for line in lines:
        match = _MESSAGE.match(line.text)
        if match is None:
            if line.text.strip():
                log.body.append(line)  # a line of its own (a join notice, a wrapped line)
                other += 1
            continue
        if not log.said and "-" in match["stamp"]:
            log.said.append(Said("date", match["stamp"][:10], line.number))
        _message(line.number, match["nick"], match["text"].strip(), log, seen)
    out: list[Line] = []
    if log.present:
        out += [Line(log.present[0].number, "Present:"), *log.present, Line(0, "")]
    if log.regrets:
        out += [Line(log.regrets[0].number, "Regrets:"), *log.regrets, Line(0, "")]
    out += log.body
    out = [Line(ln.number or (out[i + 1].number if i + 1 < len(out) else 1), ln.text)
           for i, ln in enumerate(out)]  # fmt: skip
    more = [
        f"an IRC log: read as scribe minutes ({len(log.present)} present+, "
        f"{len(log.regrets)} regrets+)"
    ]
    if log.commands:
        more.append(f"{log.commands} IRC queue and bot commands (q+, ack, Zakim ...) left out")
    return Document(path, tuple(out), notes=notes + tuple(more), said=tuple(log.said))


def _message(number: int, nick: str, text: str, log: _Log, seen: set[str]) -> None:
    if (present := _PRESENT.match(text)) is not None:
        for who in [w for w in re.split(r"\s*,\s*", present["who"]) if w] or [nick]:
            if _name(who).casefold() not in seen:
                seen.add(_name(who).casefold())
                log.present.append(Line(number, f"- {_name(who)}"))
        return
    if (regrets := _REGRETS.match(text)) is not None:
        for who in [w for w in re.split(r"\s*,\s*", regrets["who"]) if w] or [nick]:
            log.regrets.append(Line(number, f"- {_name(who)}"))
        return
    if (scribe := _SCRIBE.match(text)) is not None:
        log.scribes.add((scribe["who"] or nick).casefold())
        log.body.append(Line(number, f"Scribe: {_name(scribe['who'] or nick)}"))
        return
    if (title := _TITLE.match(text)) is not None:
        log.body.append(Line(number, f"Meeting: {title['title']}"))
        return
    if (topic := _TOPIC.match(text)) is not None:
        log.body += [Line(number, ""), Line(number, f"## {topic['title']}"), Line(number, "")]
        return
    if _COMMAND.match(text):
        log.commands += 1
        return
    if nick.casefold() in log.scribes:
        speaker, colon, words = text.partition(":")
        if colon and speaker and " " not in speaker.strip():
            text = f"{_name(speaker)}: {words.strip()}"
        log.body.append(Line(number, text))
    else:
        log.body.append(Line(number, f"<{_name(nick)}> {text}"))
