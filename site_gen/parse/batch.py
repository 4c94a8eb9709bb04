"""All the meetings of a site: reused from the build cache, or parsed, over several cores."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from markdown_it import MarkdownIt

from site_gen.cache import BuildCache, ParsedMeeting, meeting_key
from site_gen.load import SourceFile
from site_gen.markdown import make_markdown
from site_gen.parallel import map_in_order
from site_gen.parse.meeting_file import parse_meeting
from site_gen.parse.outline import meeting_outline
from site_gen.problems import Problems

_parsers: dict[bool, MarkdownIt] = {}  # one parser per process and setting, made on first use


def parse_one(source: SourceFile, allow_html: bool = False) -> ParsedMeeting:
    """One meeting file, with the problems found in it kept beside the record."""
    if allow_html not in _parsers:
        _parsers[allow_html] = make_markdown(allow_html=allow_html)
    problems = Problems()
    record = parse_meeting(source, _parsers[allow_html], problems)
    outline = meeting_outline(record) if record else b""
    return ParsedMeeting(record, tuple(problems.items), outline)


def _parse_chunk(sources: Sequence[SourceFile], allow_html: bool) -> list[ParsedMeeting]:
    return [parse_one(source, allow_html) for source in sources]


def parse_meetings(
    sources: Sequence[SourceFile], cache: BuildCache | None, jobs: int, allow_html: bool = False
) -> list[ParsedMeeting]:
    """Every meeting, in `sources` order: from the cache where it holds the very same file
    parsed the same way, else parsed (in worker processes when there are enough to share)
    and then cached. `allow_html` is site.yaml's choice to let raw HTML through."""
    if cache is None:
        return _parse(sources, jobs, allow_html)
    keys = [meeting_key(source, allow_html) for source in sources]
    found = cache.meetings(keys)
    missing = [n for n, key in enumerate(keys) if key not in found]
    parsed = _parse([sources[n] for n in missing], jobs, allow_html)
    for n, meeting in zip(missing, parsed, strict=True):
        found[keys[n]] = meeting
        cache.put_meeting(keys[n], meeting)
    cache.flush()
    cache.forget_except("meeting", keys)
    return [found[key] for key in keys]


def _parse(sources: Sequence[SourceFile], jobs: int, allow_html: bool) -> list[ParsedMeeting]:
    return list(map_in_order(partial(_parse_chunk, allow_html=allow_html), sources, jobs))
