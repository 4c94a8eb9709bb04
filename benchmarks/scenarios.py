"""The edits an author makes between two builds, applied to a generated corpus.

Each takes a `revision` number so that every call makes a change never seen before: a
benchmark that repeats an edit must not find it in the cache from an earlier repetition.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from benchmarks.corpus import _yaml_text
from site_gen.theme import default_theme

_PREFIXES = ("Brennan", "Okafor", "Lloyd", "Quinn", "Reid", "Shah", "Ward", "Young", "Kaur")


def _insert(text: str, anchor: str, replacement: str, path: Path) -> str:
    """`text` with its first `anchor` replaced; a benchmark whose edit found nothing to
    change would time a build with nothing changed under another name, so it stops."""
    if anchor not in text:
        raise SystemExit(f"{path}: no {anchor.strip()!r} to edit: the scenario must follow it")
    return text.replace(anchor, replacement, 1)


def edited_meeting(content: Path) -> Path:
    """The meeting the edit scenario changes: one in the middle of the archive."""
    meetings = sorted((content / "meetings").rglob("*.md"))
    return meetings[len(meetings) // 2]


def edit_meeting(content: Path, revision: int) -> Path:
    """Correct a sentence in one meeting's minutes, as a clerk does after approval."""
    path = edited_meeting(content)
    text = path.read_text(encoding="utf-8")
    marker = "\n\n## Item 2:"
    text = re.sub(r"\n\nCorrection \d+:[^\n]*", "", text)
    note = f"\n\nCorrection {revision}: the figures in this item were updated after the meeting."
    path.write_text(_insert(text, marker, note + marker, path), encoding="utf-8")
    return path


def theme_override(folder: Path) -> Path:
    """A site's own templates folder holding a copy of the default base.html."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(default_theme() / "base.html", folder / "base.html")
    return folder


def edit_template(folder: Path, revision: int) -> Path:
    """Change the footer of base.html, which every page extends: the most a template edit
    can cost, since every page must be rendered again and every file changes."""
    path = folder / "base.html"
    text = (default_theme() / "base.html").read_text(encoding="utf-8")
    footer = '<footer class="site-footer">\n'
    line = f"  <p>Published by the secretariat (revision {revision}).</p>\n"
    path.write_text(_insert(text, footer, footer + line, path), encoding="utf-8")
    return path


def _first_person(lines: list[str]) -> int:
    return next(n for n, line in enumerate(lines) if line.startswith("  - name: "))


def _name(line: str) -> str:
    value = line.split(": ", 1)[1]
    return str(json.loads(value)) if value.startswith('"') else value


def renamed_person(content: Path) -> str:
    """The person the rename scenario renames (as first written): the first in people.yaml,
    a chair of the first group, who appears on many pages."""
    lines = (content / "people.yaml").read_text(encoding="utf-8").splitlines()
    return _original(_name(lines[_first_person(lines)]))


def _original(name: str) -> str:
    first, _, rest = name.partition(" ")
    for prefix in _PREFIXES:
        if rest.startswith(f"{prefix}-"):
            return f"{first} {rest.removeprefix(prefix + '-').split(' r', 1)[0]}"
    return name


def rename_person(content: Path, revision: int) -> str:
    """Give one person a new surname in people.yaml, keeping the old name as an alias so
    the minutes that use it still find them. Every page that names them changes."""
    people = content / "people.yaml"
    lines = people.read_text(encoding="utf-8").splitlines()
    n = _first_person(lines)
    original = _original(_name(lines[n]))
    first, _, surname = original.partition(" ")
    renamed = f"{first} {_PREFIXES[revision % len(_PREFIXES)]}-{surname} r{revision}"
    lines[n] = f"  - name: {_yaml_text(renamed)}"
    aliases = f"    aliases: [{_yaml_text(original)}]"
    if n + 1 < len(lines) and lines[n + 1].startswith("    aliases: ["):
        known = lines[n + 1].removeprefix("    aliases: [").removesuffix("]")
        if _yaml_text(original) not in known.split(", "):
            aliases = f"    aliases: [{_yaml_text(original)}, {known}]"
        else:
            aliases = lines[n + 1]
        lines[n + 1] = aliases
    else:
        lines.insert(n + 1, aliases)
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return renamed
