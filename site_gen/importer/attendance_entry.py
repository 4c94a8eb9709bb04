"""One person (or team) as an attendance list writes them.

"Jane Smith", "Jane Smith, Treasurer", "Jane Smith (JS) (Chair)", "Jane Smith - Chair, Acme",
"Quinton Hoole [Huawei]", "Joe Sepi (@joesepi)", "Aeva Black (Microsoft, **TAC**)",
"Cary Gooding, Cisco ( delegate for Michael O'Gorman )", "Ben Laurie (at 10:40am)",
"~~Derek Carr~~" (struck out: not there), "Review Team members" (a team).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.conventions.short_names import INITIALS
from site_gen.importer.text import plain
from site_gen.importer.words import COLLECTIVE, ROLE_WORDS

_TITLES = {
    "cllr", "councillor", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir",
    "dame", "rev", "revd", "lord", "lady", "baroness", "baron",
}  # fmt: skip
_BRACKETS = re.compile(r"\(\s*([^()]*?)\s*\)|\[\s*([^\[\]]*?)\s*\]|\{\s*([^{}]*?)\s*\}")
# The name: up to a comma, a bracket, a tab or a spaced dash.
_NAME_THEN = re.compile(r"^(?P<name>[^,(\[{\t]+?)\s*(?P<rest>[(\[{,\t].*|\s[-\u2013\u2014]+\s.*)?$")
_LAST_BRACKETS = re.compile(r"\(\s*([^()]*?)\s*\)\s*$")
_ROLE_START = re.compile(r"^(?:,|\t+|[-\u2013\u2014]+)\s*")
_UNCLOSED = re.compile(r"\s*\(\s*(@[\w.-]+)\s*$")  # "Nabarun Pal (@palnabarun"
_STRUCK = re.compile(r"^~~(?P<inside>.+)~~$")
_SUBSTITUTE = re.compile(
    r"^(?:as\s+)?(?:delegate|proxy|substitute|deputy|sub|standing in|alternate)\s+(?:for\s+)?"
    r"(?P<name>.+)$|^(?:for|on behalf of)\s+(?P<other>.+)$",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"^(?:arrived\s+|joined\s+)?(?P<when>(?:at|from)\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?.*|"
    r"late|(?:during|after|before)\s+item\s+\S+)$",
    re.IGNORECASE,
)
_LEFT = re.compile(r"^(?:left|departed)\s+(?P<when>.+)$", re.IGNORECASE)
# "Rich Bowen joined at 11:02", "Ann Lee left at 4pm", "Bob Ray (late)": said after the name.
_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_CAME_LATE = re.compile(
    rf"\s+(?:joined|arrived|came|arriving)\s+(?P<when>(?:at\s+)?{_TIME}|late|later)\s*$", re.I
)
_WENT_EARLY = re.compile(
    rf"\s+(?:left|departed|leaving)\s+(?P<when>(?:at\s+)?{_TIME}|early)\s*$", re.I
)
_HANDLE = re.compile(r"^@[\w.-]+$")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "bin", "al"}
_NOBODY = {"none", "(none)", "nobody", "no one", "n/a", "na", "nil", "-", "tbd", "tbc"}
_MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class Entry:
    name: str
    role: str
    is_body: bool
    initials: str  # as the minutes give them, "Jane Smith (JS)"; "" if not given
    line: int
    handle: str = ""  # "@joesepi", as given
    substitute_for: str = ""
    arrived: str = ""
    left: str = ""
    struck: bool = False  # written struck out in a list of those present: not there

    def written(self) -> str:
        """The name as the content format writes it, short name and role included."""
        short = self.initials or self.handle
        name = f"{self.name} ({short})" if short else self.name
        return f"{name}, {self.role}" if self.role else name


def nobody(text: str) -> bool:
    """ "(none)", "None", "n/a": a list that names no one."""
    return plain(text).strip(" .").casefold() in _NOBODY


def looks_like_name(text: str, listed: bool = False) -> bool:
    """A person's name: capitalised words, no digits or punctuation. `listed`: a part of a
    list under an attendance label, where "Paul Dietrich GS1" and "TallTed // Ted
    Thibodeau" are names as written."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or "http" in text or "@" in text:
        return False
    if any(c in text for c in ':;!?()[]{}<>|=*`#"\\' + ("" if listed else "/")):
        return False
    if any(c.isdigit() for c in (words[0] if listed else text)):
        return False
    start = 1 if words[0].rstrip(".").casefold() in _TITLES and len(words) > 1 else 0
    if not words[start][:1].isupper():
        return False
    # A name's words start with a capital ("Tony van Dam" and "de la" aside).
    return all(
        w[:1].isupper()
        or w.casefold() in _PARTICLES
        or (listed and (not w[:1].isalpha() or any(c.isdigit() for c in w)))
        for w in words[start:]
    )


def _is_body(name: str, role: str, bodies: set[str]) -> bool:
    return name.casefold() in bodies or (not role and COLLECTIVE.search(name) is not None)


def parse_entry(text: str, line: int, bodies: set[str], listed: bool = False) -> Entry | None:
    """One entry of an attendance list; None if it names no one. `listed`: one of a comma
    list under an attendance label ("Susan Stroud @ Lifequipt" there is a name and where
    she works)."""
    text = plain(text).strip().rstrip(".;,").strip()
    if listed and " @ " in text:
        text = text.replace(" @ ", ", ", 1)
    if text.endswith(":"):
        return None  # a label
    struck = _STRUCK.match(text)
    if struck:
        text = struck["inside"].strip()
    text = text.replace("~~", "")
    initials = handle = substitute = arrived = left = ""
    roles: list[str] = []
    if came := _CAME_LATE.search(text):
        arrived, text = came["when"].strip(), text[: came.start()]
    if went := _WENT_EARLY.search(text):
        left, text = went["when"].strip(), text[: went.start()]
    unclosed = _UNCLOSED.search(text)
    if unclosed:
        handle, text = unclosed[1], text[: unclosed.start()]
    split = _NAME_THEN.match(text)
    if split is None:
        return None
    name, rest = split["name"].strip(), (split["rest"] or "").strip()
    # Brackets straight after the name: initials, a handle, a role, a delegate, an arrival.
    while (found := _BRACKETS.match(rest)) is not None:
        inside = next(g for g in found.groups() if g is not None)
        for part in (p.strip() for p in inside.split(",")):
            if not part:
                continue
            if INITIALS.match(part) and not initials and not roles:
                initials = part
            elif _HANDLE.match(part) and not handle:
                handle = part
            elif sub := _SUBSTITUTE.match(part):
                substitute = (sub["name"] or sub["other"]).strip()
            elif when := _ARRIVAL.match(part):
                arrived = when["when"].strip()
            elif gone := _LEFT.match(part):
                left = gone["when"].strip()
            else:
                roles.append(part)
        rest = rest[found.end() :].strip()
    written = _ROLE_START.sub("", rest).strip()  # "Name, role" or "Name - role" as written
    if (last := _LAST_BRACKETS.search(written)) and (sub := _SUBSTITUTE.match(last[1])):
        substitute = (sub["name"] or sub["other"]).strip()  # "..., Cisco (delegate for X)"
        written = written[: last.start()].strip()
    role = ", ".join(r for r in [*roles, written] if r)
    if name and initials and not _initials_fit(initials, name):
        role, initials = ", ".join(r for r in [initials, role] if r), ""  # "(MITRE)"
    if not name:
        return None
    if _is_body(name, role, bodies):
        return Entry(name, role, True, "", line)
    if not looks_like_name(name, listed):
        return None
    return Entry(name, role, False, initials, line, handle, substitute, arrived, left, bool(struck))


def _initials_fit(initials: str, name: str) -> bool:
    words = [w for w in name.split() if w.rstrip(".").casefold() not in _TITLES]
    capitals = {p[0].upper() for w in words for p in re.split(r"[-'\u2019]", w) if p}
    return bool(words) and initials[0] == words[0][0].upper() and initials[-1] in capitals


_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_]+\1:?$")
_NICKNAME = re.compile(r"[a-z][a-z0-9_.-]{1,24}")
_AND = re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)


def split_outside_brackets(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char in "([{") - (char in ")]}")
        if char == separator and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def entries_in(text: str, line: int, bodies: set[str]) -> list[Entry] | None:
    """ "A, B (Chair) and C" or "A, Chair; B, Treasurer": entries, or None if any part is
    not one. A role word after a comma belongs to the person before it."""
    if _BOLD_LINE.match(text.strip()):
        return None
    text = plain(text).rstrip(".").strip()
    if nobody(text):
        return []
    one = parse_entry(text, line, bodies)
    if ";" in text:
        parts = split_outside_brackets(text, ";")
    else:
        parts = []
        for part in split_outside_brackets(text, ","):
            parts.extend(p.strip() for p in _AND.split(part) if p.strip())
    entries: list[Entry] = []
    # In a list of three or more where most are written as names, a lone lowercase word is
    # someone's nickname ("TC, Mara Bos, oli, Ryan Levick").
    capitalised = sum(1 for p in parts if p[:1].isupper())
    nicknames = len(parts) > 2 and capitalised * 2 > len(parts)
    for part in parts:
        if nicknames and _NICKNAME.fullmatch(part):
            entries.append(Entry(part, "", False, "", line))
            continue
        if ";" not in text and part.casefold() in ROLE_WORDS and entries:
            last = entries.pop()
            role = f"{last.role}, {part}" if last.role else part
            entries.append(_with_role(last, role))
            continue
        entry = parse_entry(part, line, bodies, listed=len(parts) > 2)
        if entry is None:
            # "Jane Smith, Acme Ltd" is one person with an organisation, not two people.
            return [one] if one is not None and len(parts) == 2 else None
        entries.append(entry)
    return entries or None


def _with_role(entry: Entry, role: str) -> Entry:
    return Entry(
        entry.name,
        role,
        entry.is_body,
        entry.initials,
        entry.line,
        entry.handle,
        entry.substitute_for,
        entry.arrived,
        entry.left,
        entry.struck,
    )
