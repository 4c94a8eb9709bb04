"""What the meetings folder holds, found in one walk: the minutes to read, the linked
folders, and the other files the load may warn about.

Paths are kept as text, sorted as their parts are (as Path sorts them): two walks and sorting
Path objects were most of the time a build with nothing changed took to load 5,000 meetings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from site_gen.hidden_files import hidden


@dataclass
class MeetingsFolder:
    """Below the meetings folder, each by its path from it ("group/2021-07-30.md")."""

    # Every .md file to read, hidden ones and those in hidden folders left out, with whether
    # it is a plain file (not a link), so inside the folder wherever the folder is.
    minutes: list[tuple[str, bool]] = field(default_factory=list)
    linked_folders: list[str] = field(default_factory=list)  # links to folders, anywhere
    # Every other name that is not a folder, outside hidden folders: maybe minutes saved
    # in another format, which the load warns of.
    others: list[str] = field(default_factory=list)

    def sort(self) -> None:
        for names in (self.linked_folders, self.others):
            names.sort(key=_parts)
        self.minutes.sort(key=lambda found: _parts(found[0]))


def _parts(relative: str) -> list[str]:
    return relative.split("/")


def walk_meetings(folder: str) -> MeetingsFolder:
    """Everything under `folder` (the meetings folder) that the load looks at, in path
    order. Linked folders are noted, never walked into, as Path.rglob and os.walk do; a
    folder that cannot be listed is passed over, as they pass it over."""
    found = MeetingsFolder()
    stack: list[tuple[str, bool]] = [("", False)]  # a folder, and whether it is hidden
    while stack:
        below, in_hidden = stack.pop()
        try:
            with os.scandir(f"{folder}/{below}" if below else folder) as entries:
                for entry in entries:
                    _note(found, entry, below + entry.name, in_hidden, stack)
        except OSError:
            continue
    found.sort()
    return found


def _note(
    found: MeetingsFolder,
    entry: os.DirEntry[str],
    relative: str,
    in_hidden: bool,
    stack: list[tuple[str, bool]],
) -> None:
    """Files `entry` (at `relative`) under what it is: a folder to walk, a linked folder, a
    meeting's minutes, or another file."""
    try:
        if entry.is_dir(follow_symlinks=False):
            stack.append((relative + "/", in_hidden or hidden(entry.name)))
            return
        link = entry.is_symlink()
        if link and entry.is_dir():
            found.linked_folders.append(relative)
            return
        if in_hidden:
            return  # never read, so nothing to warn of
        name = entry.name
        if not name.endswith(".md"):
            found.others.append(relative)
        elif not hidden(name):
            if link and entry.is_file():
                found.minutes.append((relative, False))
            elif not link and entry.is_file(follow_symlinks=False):
                found.minutes.append((relative, True))
    except OSError:
        return
