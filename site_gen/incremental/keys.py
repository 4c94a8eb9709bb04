"""The digests a build session compares with the last build's: of site_gen's code, of what
each page is made from, of the model without its minutes, of the inputs before parsing.

A key names everything something is made from: equal keys, equal results. None of them is
ever read back into a value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_gen import __version__
from site_gen.cache import SCHEMA
from site_gen.digests import Reducer, digest, value_digest, with_copyreg
from site_gen.load import ContentFiles, PaperFile, SourceFile
from site_gen.settings import SiteConfig

if TYPE_CHECKING:  # a build with nothing to do never loads the model
    from site_gen.model import Minutes, Site

# Every library whose version can change what a build writes.
LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "PyYAML",
    "Jinja2",
    "MarkupSafe",
    "anyascii",
    "icalendar",
)
_PACKAGE = Path(__file__).resolve().parent.parent  # site_gen/


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """site_gen's own code, the Python and library versions: what turns input into output."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"site_gen {__version__}; python {sys.version}; schema {SCHEMA}\n".encode())
    for found in installed(LIBRARIES):
        h.update(f"{found}\n".encode())
    # Its code and the files it publishes as they are (the JSON Schemas of the open data).
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def _project(name: str) -> str:
    """A project's name as packaging compares them: "PyYAML", "pyyaml" and "py_yaml" alike."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed(projects: Iterable[str]) -> list[str]:
    """The metadata folders of `projects` on sys.path, each named with its project and
    version as packaging writes them ("jinja2-3.1.6.dist-info"), where importlib.metadata
    finds them. Read by name, not through importlib.metadata: loading it (and the e-mail
    parser it needs) was a tenth of a build with nothing to do."""
    wanted = {_project(name) for name in projects}
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            project = _project(name.partition("-")[0].removesuffix(".egg-info"))
            if name.endswith((".dist-info", ".egg-info")) and project in wanted:
                found.add(name)
    return sorted(found)


def _source_parts(source: SourceFile) -> Iterable[bytes]:
    for part in (source.path, source.relative, source.text):
        yield b"\0" + part.encode("utf-8", "surrogatepass")


def meeting_key(source: SourceFile, parser: str) -> str:
    """Everything a meeting's parse depends on: the code, the parser's configuration, where
    the file is and its text."""
    h = hashlib.blake2b(f"{code_fingerprint()}\n{parser}".encode(), digest_size=20)
    for part in _source_parts(source):
        h.update(part)
    return h.hexdigest()


def source_digest(source: SourceFile) -> bytes:
    """A digest of a content file: where it is and its text."""
    h = hashlib.blake2b(digest_size=20)
    for part in _source_parts(source):
        h.update(part)
    return h.digest()


def inputs_key(
    files: ContentFiles,
    theme: bytes,
    settings: Iterable[object],
    digest: Callable[[SourceFile], bytes] = source_digest,
) -> str:
    """A digest of what a build reads before it parses: content files, theme, code, options.

    `theme` is the theme's digest; `settings` everything else that changes the output (the
    options and what indexes the site for search); `digest` gives each file's source_digest
    (a long-running process keeps those of the files it has not read again)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{code_fingerprint()}\n{[repr(s) for s in settings]!r}\n".encode())
    h.update(theme)
    for source in [files.site, files.people, *files.groups, *files.meetings]:
        h.update(b"\1" if source is None else digest(source))
    h.update("\0".join(sorted(files.group_files)).encode())
    return h.hexdigest()


def unread_key(stats: str, theme: bytes, settings: Iterable[object]) -> str:
    """inputs_key's code, theme and options, with the content told by load.content_stats
    (its files' states on disk) in place of their text."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{code_fingerprint()}\n{[repr(s) for s in settings]!r}\n".encode())
    h.update(theme)
    h.update(stats.encode())
    return h.hexdigest()


def papers_key(papers: Mapping[str, PaperFile]) -> str:
    """The papers as they are on disk (their bytes are read only when written)."""
    found = []
    for paper in sorted(papers.values(), key=lambda p: p.relative):
        try:
            stat = os.stat(paper.path)
        except OSError:
            return "unreadable"  # never taken for unchanged
        # The change time too: a file rewritten with its size and time kept (cp -p) has a
        # new one, which no program can set.
        found.append(
            f"{paper.relative} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino}"
        )
    return "\n".join(found)


def render_fingerprint(theme: bytes, config: SiteConfig) -> bytes:
    """What every page's HTML is made from besides its view: the code, the theme (`theme`,
    theme.theme_fingerprint), the settings."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{code_fingerprint()}\n{config!r}\n".encode())
    h.update(theme)
    return h.digest()


# Outlines: records without their minutes nor their source lines --------------------------


def _is_line(name: str) -> bool:
    return name == "line" or name.endswith("_line")


def _fields_but_lines(name: str, fields: tuple[str, ...], value: Any) -> tuple[Any, ...]:
    return (tuple, ((name, tuple(getattr(value, f) for f in fields)),))


def _as_usual(value: Any) -> Any:
    return value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


class Outliner(dict[type, Reducer]):
    """Digests of records, every field named `line` or `*_line` left out.

    The site is made from the order of a file's parts, never from their source lines, which
    only problem reports show: an edit that adds a paragraph leaves every later part's
    outline as it was. (A pickler's table of reducers, each made when its type is first met.)
    """

    def __init__(self) -> None:
        super().__init__(with_copyreg({}))

    def __missing__(self, kind: type) -> Reducer:
        if issubclass(kind, type):
            raise KeyError(kind)  # a class itself: pickle saves it by name, as usual
        if dataclasses.is_dataclass(kind):
            names = tuple(f.name for f in dataclasses.fields(kind) if not _is_line(f.name))
            reducer: Reducer = partial(_fields_but_lines, kind.__qualname__, names)
        else:
            reducer = _as_usual
        self[kind] = reducer
        return reducer

    def outline(self, value: object) -> bytes:
        return value_digest(value, self)


def minutes_digests(site: Site) -> dict[str, bytes]:
    """Each meeting's minutes (its body HTML), by meeting key."""
    return {m.key: digest(m.body_html.encode("utf-8", "surrogatepass")) for m in site.meetings}


# Pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageNote:
    """What a page was made from: its key, a digest of its view (everything it hands its
    template) and of what every page is made from; and the meetings whose minutes it shows,
    which the key names but leaves out."""

    key: str  # "" when it could not be worked out: then the page is always made
    minutes: tuple[str, ...]  # Meeting.key of each


def _by_name(met: dict[str, None], minutes: Minutes) -> tuple[Any, ...]:
    met[minutes.meeting] = None
    return (type(minutes), ("", minutes.meeting))


def page_note(view: object, render: bytes) -> PageNote:
    """The note of a page whose view is `view` (the page, and all it holds)."""
    from site_gen.model import Minutes

    met: dict[str, None] = {}
    try:
        key = value_digest(view, with_copyreg({Minutes: partial(_by_name, met)}))
    except (pickle.PicklingError, TypeError, ValueError, AttributeError, RecursionError):
        return PageNote("", ())
    return PageNote(hashlib.blake2b(render + key, digest_size=20).hexdigest(), tuple(met))
