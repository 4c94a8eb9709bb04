"""The parse stage for a whole content folder: every file on its own, into frozen records.

Meetings are parsed over several cores when there are enough of them, and can be reused
from an earlier build: the caller may hand in a `reuse` function (site_gen.incremental's),
which is given the meeting files and the parser, and gives back every meeting parsed, from
wherever it found them. The stage itself keeps nothing between builds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TypeVar, cast

from site_gen.load import ContentFiles, FileReference, PaperFile, SourceFile
from site_gen.markdown import make_markdown
from site_gen.parallel import map_in_order
from site_gen.parse.group_file import parse_group
from site_gen.parse.meeting_file import parse_meeting
from site_gen.parse.people_file import parse_people
from site_gen.parse.records import GroupRecord, MeetingRecord, PeopleRecord
from site_gen.parse.site_file import parse_site
from site_gen.problems import Problem, Problems
from site_gen.settings import SiteConfig


@dataclass(frozen=True)
class ParsedMeeting:
    """One meeting file parsed: its record (None when the file cannot be used) and every
    problem found in it, to be reported again whenever the parse is reused."""

    record: MeetingRecord | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ParsedContent:
    config: SiteConfig
    people: PeopleRecord
    groups: tuple[GroupRecord, ...]
    meetings: tuple[MeetingRecord, ...]
    group_files: frozenset[str] = frozenset()  # slugs of every group file, readable or not
    papers: Mapping[str, PaperFile] = field(default_factory=dict)  # by the path as written


@dataclass(frozen=True)
class MeetingParser:
    """How meeting files are parsed: Markdown with raw HTML allowed or not, on `jobs` cores."""

    allow_html: bool = False
    jobs: int = 1

    def parse(self, sources: Sequence[SourceFile]) -> list[ParsedMeeting]:
        """Every file of `sources`, in order (in worker processes when there are enough)."""
        return list(map_in_order(partial(_parse_chunk, self.allow_html), sources, self.jobs))

    def configuration(self) -> str:
        """The Markdown parser as configured, its options and every active rule in order:
        a parse made by another configuration must not be reused."""
        md = make_markdown(allow_html=self.allow_html)
        # The raw HTML plugin's choice shows in neither: it is named itself.
        return repr((self.allow_html, sorted(md.options.items()), md.get_active_rules()))


# Given the meeting files and the parser, every meeting parsed, in the order of the files.
Reuse = Callable[[Sequence[SourceFile], MeetingParser], list[ParsedMeeting]]
F = TypeVar("F", SourceFile, SourceFile | None)
T = TypeVar("T")


def parse_everything(sources: Sequence[SourceFile], parser: MeetingParser) -> list[ParsedMeeting]:
    """The Reuse of a build that has nothing to reuse."""
    return parser.parse(sources)


def _parse_chunk(allow_html: bool, sources: Sequence[SourceFile]) -> list[ParsedMeeting]:
    md = make_markdown(allow_html=allow_html)  # one parser for the chunk: made in a millisecond
    found = []
    for source in sources:
        problems = Problems()
        record = parse_meeting(source, md, problems)
        found.append(ParsedMeeting(record, tuple(problems.items)))
    return found


# What parsing one file gave, and the problems it found, by (parser, file as read).
FileParses = dict[tuple[str, SourceFile | None], tuple[object, tuple[Problem, ...]]]


class _Once:
    """Parses site.yaml, people.yaml and group files, each taken from `kept` (serve's
    Memory) where it holds the very same file: a large people.yaml took half a second."""

    def __init__(self, kept: FileParses | None) -> None:
        self.kept, self.used = kept, FileParses()

    def __call__(self, parse: Callable[[F, Problems], T], source: F, problems: Problems) -> T:
        if self.kept is None:
            return parse(source, problems)
        key = (f"{parse.__module__}.{parse.__qualname__}", source)
        found = self.used.get(key) or self.kept.get(key)
        if found is None:
            said = Problems()
            found = (parse(source, said), tuple(said.items))
        self.used[key] = found
        problems.items.extend(found[1])  # reported again when reused
        return cast(T, found[0])

    def done(self) -> None:
        """`kept` holds this build's files alone: those of files since changed go."""
        if self.kept is not None:
            self.kept.clear()
            self.kept.update(self.used)


def parse_content(
    files: ContentFiles,
    problems: Problems,
    reuse: Reuse = parse_everything,
    jobs: int = 1,
    kept: FileParses | None = None,
) -> ParsedContent:
    """Every file parsed; meetings through `reuse`, the other files through `kept`."""
    once = _Once(kept)
    config = once(parse_site, files.site, problems)
    meetings = []
    for parsed in reuse(files.meetings, MeetingParser(config.allow_raw_html, jobs)):
        problems.items.extend(parsed.problems)  # reported again when reused
        if parsed.record:
            meetings.append(parsed.record)
    people = once(parse_people, files.people, problems)
    groups = [once(parse_group, f, problems) for f in files.groups]
    once.done()
    return ParsedContent(
        config=config,
        people=people,
        groups=tuple(g for g in groups if g),
        meetings=tuple(meetings),
        group_files=files.group_files,
    )


def paper_references(parsed: ParsedContent) -> tuple[FileReference, ...]:
    """Every paper file the meetings name, as written; and the site's logo, which is found
    and checked in the content folder as a paper is."""
    config = parsed.config
    logo = (FileReference(config.logo, *config.logo_named_at, kind="logo"),) if config.logo else ()
    return logo + tuple(
        FileReference(paper.file, meeting.path, paper.line)
        for meeting in parsed.meetings
        for paper in meeting.papers
        if paper.file
    )


def private_paper_references(parsed: ParsedContent) -> tuple[FileReference, ...]:
    """The files of papers the meetings mark private: never opened, published nowhere."""
    return tuple(
        FileReference(paper.file, meeting.path, paper.line)
        for meeting in parsed.meetings
        for paper in meeting.private_papers
    )


def with_papers(parsed: ParsedContent, papers: Mapping[str, PaperFile]) -> ParsedContent:
    return replace(parsed, papers=papers)
