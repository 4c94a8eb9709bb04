"""A build session: what a build learns from the last one, and leaves for the next.

Like Eleventy's dependency map, it keeps what each output file was made from and, at the
next build, makes again only the files whose inputs changed. The stages know nothing of it;
the build asks it four things:

1. `replay`: is the output still current? Before parsing, a digest of every input (content
   files, theme, code, options, the papers on disk) is compared with the one recorded by
   the build that made the output: if they are equal and the output is as it was written,
   that build's problems and figures are all there is to report.
2. `reuse`, handed to the parse stage: meetings parsed by an earlier build from the very
   same file, by the very same parser, are taken as they were.
3. `plan`: which files must be made. A page declares what it depends on by what its view
   holds: the view's digest (the page's key) covers everything the page shows of the
   model, and the minutes it holds (model.Minutes) are named in the key, not digested, and
   compared meeting by meeting. So
   - after a change of code, theme or settings, every file is made;
   - after any other change to the model, every page's view is made and keyed, and a page
     is made when its key or any of its minutes changed; every other file (outputs, static
     files, papers) is made, and written only where its bytes changed;
   - after changes to minutes alone, only the pages that show those minutes are made, and
     nothing else, not even the views of the others.
   A file is kept only while it is on disk as the last build wrote it.
4. `record`: what was made, for the next build.

Without a cache (`--no-cache`) the session remembers nothing: every file is made.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from site_gen.cache import BuildCache, check_cache_dir, default_cache_dir, gc_paused
from site_gen.incremental.keys import (
    Outliner,
    PageNote,
    code_fingerprint,
    inputs_key,
    meeting_key,
    minutes_digests,
    page_note,
    papers_key,
    render_fingerprint,
    source_digest,
    unread_key,
)
from site_gen.incremental.output_picture import picture_now, recorded_picture
from site_gen.load import (
    ContentFiles,
    FileReference,
    LoadMemory,
    SourceFile,
    content_stats,
    load_papers,
)
from site_gen.output_folder import UnsafeOutput
from site_gen.problems import Problem, Problems
from site_gen.site_counts import SiteCounts
from site_gen.theme import theme_fingerprint
from site_gen.write import OnDisk, OutputState, Written, survey

if TYPE_CHECKING:  # only named: a build that finds its output current never parses
    from jinja2 import Environment

    from site_gen.model import Site
    from site_gen.pages.lookups import KeptLookups
    from site_gen.parse.content import FileParses, MeetingParser, ParsedContent, ParsedMeeting
    from site_gen.parse.records import MeetingRecord
    from site_gen.views.page import Page, PageSource

T = TypeVar("T")
Linker = Callable[[Problems], "Site"]  # links the model, reporting to the problems it is given

__all__ = ["BuildMemo", "Memory", "Plan", "Replay", "Session", "code_fingerprint"]


@dataclass(frozen=True)
class CachedParse:
    """A meeting's parse as the cache keeps it, with its outline (keys.Outliner): the record
    without its minutes nor its source lines, digested once, when the file is parsed."""

    record: MeetingRecord | None
    problems: tuple[Problem, ...]
    outline: bytes


@dataclass(frozen=True)
class KeptOutput:
    """An output folder as a write left it: every file as written, and the folder itself."""

    out: Path
    folder: tuple[int, int, int] | None  # _folder_identity of `out`
    on_disk: OnDisk

    @classmethod
    def written(cls, out: Path, state: OutputState) -> KeptOutput:
        return cls(out, _folder_identity(out), OnDisk(state, frozenset(state.files), True))

    def holds(self, out: Path, state: OutputState | None) -> bool:
        """Whether this is `out` as recorded by `state`, its folder untouched since."""
        folder = self.folder
        return out == self.out and self.on_disk.state is state and folder == _folder_identity(out)


def _folder_identity(folder: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_mtime_ns)


@dataclass
class Memory:
    """What a long-running process (`site-gen serve`) keeps between its builds, as Zola's
    serve does: every meeting as parsed, and the model as linked with the problems linking
    found. An edit to minutes alone then relinks nothing."""

    parses: dict[str, CachedParse] = field(default_factory=dict)  # by keys.meeting_key
    model: str = ""  # Session.model_key of the content `site` was linked from
    site: Site | None = None
    link_problems: tuple[Problem, ...] = ()
    loads: LoadMemory = field(default_factory=LoadMemory)  # the files, and what changed
    # What this process last put in (or got from) the build cache, by (kind, key): reading a
    # 5,000-meeting site's record again took longer than anything else in a reload.
    records: dict[tuple[str, str], object] = field(default_factory=dict)
    # The address of every page, kind by kind (pages.KINDS), and the model_key they are of.
    pages: tuple[str, tuple[tuple[str, ...], ...]] = ("", ())
    # serve's: records are written to the cache by `save`, after the page is reloaded (a
    # 5,000-meeting site's record took a second to write). One never saved (serve killed)
    # leaves the cache an older record: the files written since do not match it, so the
    # next build makes them again, as it does any file changed by hand.
    save_later: bool = False
    # keys.meeting_key of each meeting file as read, and (under None) the parser's settings.
    meeting_keys: dict[SourceFile | None, str] = field(default_factory=dict)
    unsaved: dict[tuple[Path, str, str], object] = field(default_factory=dict)
    parses_used: dict[Path, list[str]] = field(default_factory=dict)  # by cache: to keep
    # The theme's Jinja environment, with the templates it has compiled, and the theme
    # (folders and digest) it is of: compiling them again was a quarter of a reload.
    environment: tuple[tuple[tuple[Path, ...], bytes], Environment] | None = None
    # site.yaml, people.yaml and the group files as parsed (parse.content.FileParses).
    files: FileParses = field(default_factory=dict)
    # The files beside the meetings as the model was last linked or reused: the model leaves
    # their lines out, but the problems linking found in them cite lines.
    shared: dict[str, str] = field(default_factory=dict)
    # The output folder as this process's last write left it: a reload trusts it as it is
    # rather than survey its every file (three quarters of a second at 5,000 meetings), as
    # long as the folder itself is as written (another build swaps in a new one). The output
    # is not watched, so `output_as_written` surveys it when the clerk pauses: a file changed
    # or deleted by hand since is made again then (serve rebuilds), or by the next reload if
    # that comes first and finds the folder changed.
    output: KeptOutput | None = None
    lookups: KeptLookups | None = None  # what pages.lookups keeps between builds
    # Each meeting's minutes digested (keys.minutes_digests), by meeting key, with the very
    # minutes digested: a reload that puts new minutes in keeps the others' objects.
    minutes: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # The meeting records `site` was made from, by path: a reload that puts new minutes in
    # looks only at those not the very same (sorting all was a tenth of a reload).
    linked_from: dict[str, MeetingRecord] = field(default_factory=dict)
    # Which pages show which minutes (MinutesShown), for the model and render fingerprint
    # it is of: a reload after an edit to minutes alone finds the pages to make there
    # rather than look at every page's note (a quarter of such a reload at 5,000 meetings).
    shown: tuple[tuple[str, str], MinutesShown] | None = None
    # keys.source_digest of each content file as read: a reload digests only the files
    # read again (digesting all was a fifth of a reload at 5,000 meetings).
    digests: dict[SourceFile, bytes] = field(default_factory=dict)

    def output_as_written(self) -> bool:
        """Whether the output is on disk as this process last wrote it (a full survey);
        when not, it is forgotten, and the next build surveys and makes it again."""
        if self.output is None:
            return True
        kept = self.output.on_disk
        assert kept.state is not None
        found = survey(self.output.out, kept.state)
        if found.exact and found.trusted == kept.trusted:
            return True
        self.output = None
        return False

    def keep_parses(self, folder: Path, keys: list[str], made: dict[str, CachedParse]) -> None:
        """For `save`: the parses `made`, and the cache's other parses left out but for
        `keys` (forgetting them took a tenth of a reload at 5,000 meetings)."""
        self.unsaved.update(((folder, "meeting", key), parsed) for key, parsed in made.items())
        self.parses_used[folder] = keys

    def save(self) -> None:
        """Write the records kept for later to their caches."""
        unsaved, self.unsaved = self.unsaved, {}
        used, self.parses_used = self.parses_used, {}
        for folder in {folder for folder, _, _ in unsaved} | used.keys():
            cache = BuildCache(folder)
            for (where, kind, key), value in unsaved.items():
                if where == folder:
                    cache.put(kind, key, value)
            cache.flush()
            if folder in used:
                cache.forget_except("meeting", used[folder])
            cache.close()


@dataclass(frozen=True)
class MinutesShown:
    """Of an output record's pages: the paths of those that show each meeting's minutes,
    by meeting key, and of those with no key (made without a cache): always made."""

    by_minutes: dict[str, tuple[str, ...]]
    unkeyed: frozenset[str]

    @classmethod
    def of(cls, pages: Mapping[str, PageNote]) -> MinutesShown:
        found: dict[str, list[str]] = {}
        for path, note in pages.items():
            for key in note.minutes:
                found.setdefault(key, []).append(path)
        unkeyed = frozenset(path for path, note in pages.items() if not note.key)
        return cls({key: tuple(paths) for key, paths in found.items()}, unkeyed)

    def not_current(self, pages: Mapping[str, PageNote], changed: set[str]) -> set[str]:
        """The paths of `pages` that show minutes `changed`, or have no key; the model
        being the same, each page shows the same meetings' minutes as when this was made."""
        found = {path for key in changed for path in self.by_minutes.get(key, ())}
        found.update(path for path in self.unkeyed if not getattr(pages.get(path), "key", ""))
        return found


@runtime_checkable
class ListsSome(Protocol):
    """A kind of page that can list only the pages at some addresses (pages.KindPages)."""

    def __iter__(self) -> Iterator[PageSource]: ...

    def at(self, paths: Collection[str]) -> list[PageSource]: ...


@dataclass(frozen=True)
class BuildMemo:
    """What a successful build leaves for the next one to compare with."""

    inputs: str  # keys.inputs_key of the build
    papers: tuple[FileReference, ...]  # every paper the meetings named, as written
    papers_key: str  # keys.papers_key of those papers as they were on disk
    problems: tuple[Problem, ...]  # the warnings the build reported
    counts: SiteCounts
    # keys.unread_key of the content as that build found it before reading it, when its
    # load was clean; "" when not known (then every build reads the content to know).
    unread: str = ""


@dataclass(frozen=True)
class WrittenBy:
    """The output as the build of `inputs` wrote it: what `replay` checks the output folder
    against, kept apart from the OutputRecord, whose pages' notes it does not need (reading
    them was a third of a replay). Not every file's state either: their digest
    (output_picture), which the folder as it is now must give (decoding them was a third)."""

    inputs: str  # BuildMemo.inputs of that build
    made: int  # the site's own files (Written.files)
    picture: str  # output_picture.recorded_picture of the state that build wrote


@dataclass(frozen=True)
class Replay:
    """What the build that made the output reported, to be reported again."""

    problems: tuple[Problem, ...]
    counts: SiteCounts
    written: Written


@dataclass(frozen=True)
class OutputRecord:
    """What the last build made of an output folder."""

    written: OutputState  # every file as written
    render: str  # keys.render_fingerprint: code, theme, settings
    model: str  # a digest of everything the site is made from but the minutes
    minutes: dict[str, bytes]  # each meeting's minutes, digested, by Meeting.key
    pages: dict[str, PageNote]  # what each page was made from, by output path
    kinds: tuple[tuple[str, ...], ...] = ()  # every page's path, kind by kind (pages.KINDS)


@dataclass
class Plan:
    """What a build must make, page by page; every other file is kept as it is."""

    pages: list[PageSource]  # to be rendered, in the site's order
    every_page: list[str]  # the address of every page of the site, made or kept
    keep: list[str]  # files kept as the output holds them
    everything_else: bool  # outputs, static files and papers are made (else they are kept)
    on_disk: OnDisk
    notes: dict[str, PageNote] = field(default_factory=dict)  # of the pages kept

    def decide(self, page: PageSource, note: PageNote | None, current: bool) -> None:
        """`page` is kept (made from `note`) when `current`, else made."""
        if current and note is not None:
            self.keep.append(page.path)
            self.notes[page.path] = note
        else:
            self.pages.append(page)


class Session:
    """The session of one build; a context manager that closes its cache."""

    def __init__(
        self,
        out: Path,
        content: Path,
        dirs: Sequence[Path],
        settings: Sequence[object],
        *,
        cache: bool = True,
        cache_dir: Path | None = None,
        memory: Memory | None = None,
    ) -> None:
        """`settings` are the build's options that change what it makes; `cache` whether to
        use the build cache at all, which lives in `cache_dir` (default: beside `out`);
        `memory` what this process kept of its last build, if it keeps anything."""
        self.out, self.content, self.dirs = out.resolve(), content, list(dirs)
        self.settings = tuple(settings)
        self.cache = _open_cache(cache_dir, content, out) if cache else None
        self.memory = memory
        self.inputs = self.model = self.papers_key = ""
        self.render = b""
        self.minutes: dict[str, bytes] = {}
        self._outlines: list[bytes] = []
        self._retyped: set[str] = set()  # meeting files whose text memory had not parsed
        self._shared: dict[str, str] = {}  # site.yaml, people.yaml and the groups, as read
        self.kinds: tuple[tuple[str, ...], ...] = ()  # every page's path, kind by kind
        self._previous: OutputRecord | None = None
        self._theme: bytes | None = None
        self._unread = ""  # keys.unread_key of the content before it was read, if known

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_: object) -> None:
        if self.cache is not None:
            self.cache.close()

    def notices(self, *others: str) -> tuple[str, ...]:
        """`others` that say something, and what the build should say about its cache (one
        it could not use safely)."""
        found = [*others, self.cache.notice if self.cache is not None else ""]
        return tuple(notice for notice in found if notice)

    def theme(self) -> bytes:
        """The theme's digest (theme.theme_fingerprint), read once a build."""
        if self._theme is None:
            self._theme = theme_fingerprint(self.dirs)
        return self._theme

    def environment(self, make: Callable[[Sequence[Path]], Environment]) -> Environment:
        """The theme's Jinja environment, made by `make`: the one this process kept while
        the theme's files are as they were (a template edited makes a new one)."""
        if self.memory is None:
            return make(self.dirs)
        theme = (tuple(self.dirs), self.theme())
        kept = self.memory.environment
        if kept is None or kept[0] != theme:
            kept = self.memory.environment = (theme, make(self.dirs))
        return kept[1]

    def kept_lookups(self) -> KeptLookups | None:
        """The pages' lookups this process keeps between builds, if it keeps anything."""
        if self.memory is None:
            return None
        if self.memory.lookups is None:
            from site_gen.pages.lookups import KeptLookups

            self.memory.lookups = KeptLookups()
        return self.memory.lookups

    def kept_files(self) -> FileParses | None:
        """The files other than minutes as this process parsed them, if it keeps them."""
        return self.memory.files if self.memory is not None else None

    def _record(self) -> OutputRecord | None:
        if self._previous is None:
            self._previous = self._get("output", OutputRecord)
        return self._previous

    def _get(self, kind: str, of: type[T]) -> T | None:
        """The cache's record of `kind` for this output (as this process last put it)."""
        if self.cache is None:
            return None
        kept = self.memory.records if self.memory is not None else {}
        remembered = kept.get((kind, str(self.out)))
        if isinstance(remembered, of):
            return remembered
        found = self.cache.get(kind, str(self.out), of)
        if found is not None and self.memory is not None:
            kept[(kind, str(self.out))] = found
        return found

    def _put(self, kind: str, value: object) -> None:
        assert self.cache is not None
        memory = self.memory
        if memory is not None:
            memory.records[(kind, str(self.out))] = value
        if memory is not None and memory.save_later:
            memory.unsaved[(self.cache.folder, kind, str(self.out))] = value
        else:
            self.cache.put(kind, str(self.out), value)

    # 1. Is the output still current? -------------------------------------------------

    def replay_unread(self) -> Replay | None:
        """`replay`, told before the content is read: when every content file is on disk
        as it was when the build that made the output read it (load.content_stats), that
        build's inputs are this one's. Not in a process that keeps what it read (`serve`
        reads again only the files its watcher saw change)."""
        if self.cache is None or self.memory is not None:
            return None
        stats = content_stats(self.content)
        if stats is None:
            return None
        self._unread = unread_key(stats, self.theme(), self.settings)
        memo = self._get("memo", BuildMemo)
        if memo is None or memo.unread != self._unread:
            return None
        return self._replayed(memo)

    def replay(self, files: ContentFiles, problems: Problems) -> Replay | None:
        """What the build that made the output reported, if this build would make the very
        same output (then there is nothing to do); None when there is work to do."""
        shared = (files.site, files.people, *files.groups)
        self._shared = {source.path: source.text for source in shared if source is not None}
        if self.cache is None or problems.items:
            return None
        if files.through_links:
            self._unread = ""  # a link's own state says nothing of the file it leads to
        self.inputs = inputs_key(files, self.theme(), self.settings, self._digests(files))
        memo = self._get("memo", BuildMemo)
        if memo is None or memo.inputs != self.inputs:
            return None
        replayed = self._replayed(memo)
        if replayed is not None and self._unread and memo.unread != self._unread:
            # The files' states were taken before their text was read and found to be
            # the text of the output: the next build can tell them by their states alone.
            assert self.cache is not None
            self._put("memo", replace(memo, unread=self._unread))
            self.cache.flush()
        return replayed

    def _replayed(self, memo: BuildMemo) -> Replay | None:
        """The report of the build that left `memo`, if the papers it named and the output
        are on disk as that build left them."""
        found = load_papers(self.content, memo.papers, Problems())
        if papers_key(found) != memo.papers_key:
            return None
        kept = self._get("written", WrittenBy)
        if kept is None or kept.inputs != memo.inputs:
            return None
        if picture_now(self.out) != kept.picture:
            return None  # changed by hand since
        return Replay(memo.problems, memo.counts, Written(kept.made, 0, _NOT_DECODED))

    # 2. Parses to reuse ------------------------------------------------------------------

    def reuse(self, sources: Sequence[SourceFile], parser: MeetingParser) -> list[ParsedMeeting]:
        """Every meeting of `sources` parsed: taken from memory or the cache where either
        holds the very same file parsed the same way, else parsed now (and kept)."""
        from site_gen.parse.content import ParsedMeeting

        if self.cache is None and self.memory is None:
            return parser.parse(sources)
        keys = self._meeting_keys(sources, parser.configuration())
        found = self._parses_kept(keys)
        missing = [n for n, key in enumerate(keys) if key not in found]
        outliner = Outliner()
        made = {}
        for n, parsed in zip(missing, parser.parse([sources[n] for n in missing]), strict=True):
            made[keys[n]] = CachedParse(parsed.record, parsed.problems, _outline(parsed, outliner))
        kept = [found.get(key) or made[key] for key in keys]
        if self.memory is not None:
            parsed_before = self.memory.parses
            self._retyped = {
                s.path for s, key in zip(sources, keys, strict=True) if key not in parsed_before
            }
        self._keep(keys, kept, made)
        self._outlines = [k.outline for k in kept if k.record is not None]
        return [ParsedMeeting(k.record, k.problems) for k in kept]

    def _digests(self, files: ContentFiles) -> Callable[[SourceFile], bytes]:
        """keys.source_digest, of each file digested before kept by this process: those
        of `files` are kept (for the next build), the others forgotten."""
        if self.memory is None:
            return source_digest
        kept, now = self.memory.digests, dict[SourceFile, bytes]()
        self.memory.digests = now

        def digest(source: SourceFile) -> bytes:
            found = now[source] = kept.get(source) or source_digest(source)
            return found

        return digest

    def _meeting_keys(self, sources: Sequence[SourceFile], configuration: str) -> list[str]:
        """keys.meeting_key of each source; in memory, by the very file as read (a reload
        reads again only the files that changed: the others are the same objects)."""
        if self.memory is None:
            return [meeting_key(source, configuration) for source in sources]
        known = self.memory.meeting_keys
        if known.get(None) != configuration:
            known = {None: configuration}
        keys: dict[SourceFile | None, str] = {
            s: known.get(s) or meeting_key(s, configuration) for s in sources
        }
        self.memory.meeting_keys = {None: configuration, **keys}
        return [keys[s] for s in sources]

    def _keep(self, keys: list[str], kept: list[CachedParse], made: dict[str, CachedParse]) -> None:
        """The parses of this build, for the next: new ones in the cache, all in memory."""
        if self.cache is not None and self.memory is not None and self.memory.save_later:
            self.memory.keep_parses(self.cache.folder, keys, made)
        elif self.cache is not None:
            for key, parsed in made.items():
                self.cache.put("meeting", key, parsed)
            self.cache.flush()
            self.cache.forget_except("meeting", keys)
        if self.memory is not None:
            self.memory.parses = dict(zip(keys, kept, strict=True))

    def _parses_kept(self, keys: Sequence[str]) -> dict[str, CachedParse]:
        from site_gen.parse.records import MeetingRecord

        kept = self.memory.parses if self.memory is not None else {}
        found = {key: kept[key] for key in keys if key in kept}
        wanted = [key for key in keys if key not in found]
        if self.cache is not None and wanted:
            names: dict[str, object] = {"MeetingRecord": MeetingRecord}
            found.update(self.cache.get_many("meeting", wanted, CachedParse, names))
        return found

    # 2b. A model to reuse ----------------------------------------------------------------

    def relink(self, parsed: ParsedContent, problems: Problems, link: Linker) -> Site:
        """The model linked from `parsed`: from memory when it was linked from the very
        same content but for the minutes (then only they are put in), else `link`ed now.
        Not from memory when linking reported a problem in a file whose text changed: the
        outline leaves lines out, so a line added above it would leave it citing the old one."""
        from site_gen.link.linker import with_minutes

        if self.memory is None:
            with gc_paused():
                return link(problems)
        memory, model = self.memory, self.model_key(parsed)
        retyped = self._retyped | {
            path for path, text in self._shared.items() if memory.shared.get(path) != text
        }
        memory.shared = self._shared
        stale = any(problem.path in retyped for problem in memory.link_problems)
        if memory.site is not None and memory.model == model and not stale:
            problems.items.extend(memory.link_problems)
            changed = self._records_changed(parsed)  # the others' meetings as they were
            memory.site = with_minutes(memory.site, parsed, changed)
            return memory.site
        found = Problems()
        with gc_paused():
            site = link(found)
        problems.items.extend(found.items)
        memory.model, memory.site, memory.link_problems = model, site, tuple(found.items)
        memory.linked_from = {record.path: record for record in parsed.meetings}
        return site

    def _records_changed(self, parsed: ParsedContent) -> list[MeetingRecord]:
        """The meeting records that are not the very ones the kept model was made from
        (those parsed again, and those gone), as Memory.linked_from becomes `parsed`'s."""
        assert self.memory is not None
        before = self.memory.linked_from
        now = self.memory.linked_from = {record.path: record for record in parsed.meetings}
        gone = [record for path, record in before.items() if path not in now]
        return [record for path, record in now.items() if before.get(path) is not record] + gone

    # 3. What must be made --------------------------------------------------------------------

    def plan(
        self,
        parsed: ParsedContent,
        site: Site,
        kinds: Sequence[Iterable[PageSource]],
        outputs_show_minutes: bool = False,
    ) -> Plan:
        """Which pages must be made (`kinds`: the site's pages, kind by kind, each listed
        only when asked for), and whether the files that are not pages must be
        (`outputs_show_minutes`: some of them show minutes, as outputs.registry declares)."""
        self.render = render_fingerprint(self.theme(), site.config)
        if self.cache is None:
            sources = self._listed(kinds)
            return Plan(sources, [p.path for p in sources], [], True, survey(self.out, None))
        self.model_key(parsed)
        self.minutes = self._minutes_digests(site)
        previous = self._record()
        on_disk = self._survey(previous.written if previous else None)
        if previous is None or previous.render != self.render.hex():
            sources = self._listed(kinds)  # no page's key can be the same
            return Plan(sources, [p.path for p in sources], [], True, on_disk)
        changed = {k for k, d in self.minutes.items() if previous.minutes.get(k) != d}
        if previous.model == self.model:  # and so the render fingerprint too
            remake = outputs_show_minutes and bool(changed)
            return self._by_minutes(kinds, previous, on_disk, changed, remake)
        return self._by_views(self._listed(kinds), previous, on_disk, changed)

    def _minutes_digests(self, site: Site) -> dict[str, bytes]:
        """keys.minutes_digests of `site`: in memory, only of the minutes not seen before
        (each Minutes knows its meeting's key: Meeting.key, worked out, was a tenth)."""
        if self.memory is None:
            return minutes_digests(site)
        kept, minutes = self.memory.minutes, [m.body_html for m in site.meetings]
        seen = [kept.get(each.meeting, ("",))[0] is each for each in minutes]
        new = [m for m, same in zip(site.meetings, seen, strict=True) if not same]
        if new:
            found = minutes_digests(replace(site, meetings=tuple(new)))
            kept = {**kept, **{m.key: (m.body_html, found[m.key]) for m in new}}
        self.memory.minutes = {each.meeting: kept[each.meeting] for each in minutes}
        return {key: digest for key, (_, digest) in self.memory.minutes.items()}

    def _survey(self, state: OutputState | None) -> OnDisk:
        """The output against `state`: as this process last wrote it when that is the very
        state recorded (taken, not shared: a build that fails from here on leaves the next
        one to survey), else surveyed now."""
        kept = self.memory.output if self.memory is not None else None
        if self.memory is not None:
            self.memory.output = None
        if kept is not None and state is not None and kept.holds(self.out, state):
            return kept.on_disk
        return survey(self.out, state)

    def _listed(self, kinds: Sequence[Iterable[PageSource]]) -> list[PageSource]:
        """Every page of `kinds`, in order; remembered kind by kind, with the model they
        were listed for, so that the next build in this process lists only what it must."""
        listed = [list(kind) for kind in kinds]
        self._listed_as(tuple(tuple(page.path for page in kind) for kind in listed))
        return [page for kind in listed for page in kind]

    def _listed_as(self, kinds: tuple[tuple[str, ...], ...]) -> None:
        self.kinds = kinds
        if self.memory is not None:
            self.memory.pages = (self.model, kinds)

    def _paths_known(self, count: int, previous: OutputRecord) -> Sequence[Sequence[str]] | None:
        """The pages of each kind as last listed for this very model (by this process, or
        by the build that made `previous`, whose model is this one)."""
        known: Sequence[Sequence[str]] = previous.kinds
        if self.memory is not None and self.model and self.memory.pages[0] == self.model:
            known = self.memory.pages[1]
        return known if len(known) == count else None

    def model_key(self, parsed: ParsedContent) -> str:
        """A digest of everything the model is linked from but the minutes: every file as
        parsed (each meeting by its outline), the papers on disk and the build's options."""
        if not self.model:
            self.papers_key = papers_key(parsed.papers)
            h = hashlib.blake2b(f"{self.settings!r}\n{self.papers_key}\0".encode(), digest_size=20)
            shared = [parsed.config, parsed.people, parsed.groups, sorted(parsed.group_files)]
            h.update(Outliner().outline(shared))
            for outline in self._outlines:
                h.update(outline)
            self.model = h.hexdigest()
        return self.model

    def _by_minutes(
        self,
        kinds: Sequence[Iterable[PageSource]],
        previous: OutputRecord,
        on_disk: OnDisk,
        changed: set[str],
        remake_others: bool,
    ) -> Plan:
        """Only minutes changed: the pages that show them are made; nothing else is, as
        long as it is on disk as written (and `remake_others` does not say otherwise). A
        kind whose pages this process knows and keeps all is not even listed, and of a kind
        that can list only some (ListsSome), only the pages to make are."""
        plan = Plan([], [], [], False, on_disk)
        known = self._paths_known(len(kinds), previous)
        stale = self._not_current(previous, on_disk, changed)
        listed: list[Sequence[str]] = []
        for n, kind in enumerate(kinds):
            paths: Sequence[str] | None = known[n] if known is not None else None
            if paths is None or not _kept_but_stale(plan, kind, paths, stale, previous.pages):
                paths = []
                for source in kind:
                    note = previous.pages.get(source.path)
                    plan.decide(source, note, source.path not in stale)
                    paths.append(source.path)
            listed.append(paths)
            plan.every_page.extend(paths)
        self._listed_as(tuple(tuple(paths) for paths in listed))
        others = sorted(previous.written.made - previous.pages.keys())
        if remake_others or not all(name in on_disk.trusted for name in others):
            plan.everything_else = True  # or changed by hand since: made again
        else:
            plan.keep.extend(others)
        return plan

    def _not_current(self, previous: OutputRecord, on_disk: OnDisk, changed: set[str]) -> set[str]:
        """The pages of `previous` not current (_not_current): in memory, found by the
        minutes each shows, kept for this model (and render fingerprint) between builds."""
        if self.memory is None:
            return _not_current(previous.pages, on_disk, changed)
        of = (self.model, previous.render)
        if self.memory.shown is None or self.memory.shown[0] != of:
            self.memory.shown = (of, MinutesShown.of(previous.pages))
        found = self.memory.shown[1].not_current(previous.pages, changed)
        found.update(previous.pages.keys() - on_disk.trusted)
        return found

    def _by_views(
        self,
        sources: list[PageSource],
        previous: OutputRecord,
        on_disk: OnDisk,
        changed: set[str],
    ) -> Plan:
        """The model changed: each page's view is made and keyed, to find those that changed.
        (In this process: forked workers reading the model would make the kernel copy what
        they touch, which was measured to cost more than a second core saves.)"""
        plan = Plan([], [page.path for page in sources], [], True, on_disk)
        for source in sources:
            note = self.note(source.make())
            old = previous.pages.get(source.path)
            same = old is not None and old.key == note.key
            plan.decide(source, note, same and _current(source.path, note, on_disk, changed))
        return plan

    def note(self, page: Page) -> PageNote:
        """What `page` is made from (asked for as each page is rendered, for `record`)."""
        return page_note(page, self.render) if self.cache is not None else _UNKNOWN

    # 4. What was made -----------------------------------------------------------------------

    def record(
        self,
        written: Written,
        notes: Mapping[str, PageNote],
        papers: tuple[FileReference, ...],
        problems: tuple[Problem, ...],
        counts: SiteCounts,
    ) -> None:
        """What this build made, and (for `replay`) what it was made from."""
        if self.cache is None:
            return
        record = OutputRecord(
            written.state, self.render.hex(), self.model, self.minutes, dict(notes), self.kinds
        )
        self._put("output", record)
        if self.memory is not None:
            self.memory.output = KeptOutput.written(self.out, written.state)
        if self.inputs:
            memo = BuildMemo(self.inputs, papers, self.papers_key, problems, counts, self._unread)
            self._put("memo", memo)
            picture = recorded_picture(written.state)
            self._put("written", WrittenBy(self.inputs, len(written.state.made), picture))
        self.cache.flush()


_UNKNOWN = PageNote("", ())
# A replay's Written: it wrote nothing, and checked the output by its digest, never decoding
# the state of every file (no caller of a replay reads it).
_NOT_DECODED = OutputState({}, frozenset())


def _not_current(pages: Mapping[str, PageNote], on_disk: OnDisk, changed: set[str]) -> set[str]:
    """The paths of `pages` (each with the note it was made from) that are not `_current`:
    one pass over them all, in place of a call for each."""
    found = {p for p, note in pages.items() if not note.key or not changed.isdisjoint(note.minutes)}
    found.update(pages.keys() - on_disk.trusted)
    return found


def _kept_but_stale(
    plan: Plan,
    kind: Iterable[PageSource],
    paths: Sequence[str],
    stale: set[str],
    notes: Mapping[str, PageNote],
) -> bool:
    """Into `plan`, the pages of `kind` (known to be at `paths`): those `stale` or without a
    note made, listed alone, the others kept. False (nothing planned) when `kind` cannot
    list only some, or does not find them all: it is then listed in full."""
    made = [path for path in paths if path in stale or path not in notes]
    if made:
        if not isinstance(kind, ListsSome):
            return False
        sources = kind.at(set(made))
        if [source.path for source in sources] != made:
            return False
        plan.pages.extend(sources)
    kept = [path for path in paths if path not in stale and path in notes]
    plan.keep.extend(kept)
    plan.notes.update((path, notes[path]) for path in kept)
    return True


def _current(path: str, note: PageNote, on_disk: OnDisk, changed: set[str]) -> bool:
    """Whether the page at `path`, made from `note`, is on disk as the last build wrote it
    and shows none of the minutes that changed."""
    return bool(note.key) and path in on_disk.trusted and changed.isdisjoint(note.minutes)


def _outline(parsed: ParsedMeeting, outliner: Outliner) -> bytes:
    if parsed.record is None:
        return b""
    return outliner.outline(replace(parsed.record, body_html=""))  # the minutes left out


def _open_cache(cache_dir: Path | None, content: Path, out: Path) -> BuildCache | None:
    """The build cache: in `cache_dir`, or beside the output folder by default."""
    folder = cache_dir or default_cache_dir(out)
    unsafe = check_cache_dir(folder, content, out)
    if unsafe and cache_dir:
        raise UnsafeOutput(unsafe)
    return None if unsafe else BuildCache(folder)
