"""`site-gen serve`: build, serve on this machine only, rebuild on every save, reload the browser.

Each rebuild is the ordinary build (site_gen.pipeline.build), so the preview is exactly what
`site-gen build --drafts` writes, and any speed-up of the build speeds up the preview too.
Between builds the server keeps the meetings as parsed and the model as linked in memory.
It runs threads (the server's, the watcher's), so its builds never fork: parsing goes to
worker processes started by the forkserver, and the rest runs in this process.
The dev server adds two things, only to the pages it serves and never to files on disk: a
small script that reloads the page when a new build is ready (Server-Sent Events), and,
while the content has errors, an overlay listing them above the last good build.
"""

from __future__ import annotations

import argparse
import gc
import html
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from queue import Empty, Queue
from typing import Any, TypeVar

import watchfiles

from site_gen.commands.options import add_content_option, add_templates_option
from site_gen.incremental.session import Memory
from site_gen.output_folder import UnsafeOutput, write_failure
from site_gen.pipeline import BuildOptions, build
from site_gen.problems import Problem
from site_gen.progress import Stopwatch, plural
from site_gen.serve_requests import BadRequest, host_allowed, request_path, site_file
from site_gen.theme import theme_dirs

HELP = "preview the site while you edit it"
DESCRIPTION = (
    "Build the site, serve it at http://127.0.0.1:PORT/, and rebuild it whenever a file in "
    "the content folder or the templates changes; open pages reload by themselves. Drafts "
    "are shown (as --drafts builds them). Content errors are printed here and shown in the "
    "browser above the last good build. The site is built into a temporary folder unless "
    "--out is given. Stop with Ctrl-C."
)

R = TypeVar("R")
HOST = "127.0.0.1"  # a preview of unpublished drafts is for this machine only
DEV_PREFIX = "/__site-gen__/"
EVENTS = DEV_PREFIX + "events"
KEEPALIVE_SECONDS = 15.0
IDLE_SECONDS = 1.0  # no change for this long: the clerk has paused
# While the clerk stays away, the output is surveyed again, so that a file or folder of it
# deleted or edited by hand then (nothing in the content changed) is made again all the same:
# every few seconds, and never more than a twentieth of the time (a survey of a big archive's
# output takes most of a second).
# A save is handed to the build once the content has been quiet this long (milliseconds): an
# editor's save (a swap file, a temporary file renamed over the minutes) takes a few; the
# watcher's default of 50 was a sixth of a reload at 5,000 meetings. Saves further apart are
# built one after the other, each from the files as they are then.
WATCH_QUIET_MS = 20
RECHECK_SECONDS = 3.0
RECHECK_SHARE = 20

RELOAD_JS = """\
// site-gen serve: reload this page when a new build is ready. Never part of a built site.
(() => {
  const build = document.currentScript.dataset.build;
  const events = new EventSource("/__site-gen__/events");
  events.addEventListener("build", (event) => {
    if (event.data !== build) location.reload();
  });
})();
"""

OVERLAY_CSS = """\
.site-gen-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  background: rgba(20, 20, 20, 0.94); color: #fff; padding: 2rem;
  font: 1rem/1.5 system-ui, sans-serif; }
.site-gen-overlay h2 { color: #ffb4a8; margin-top: 0; }
.site-gen-overlay pre { white-space: pre-wrap; font: 0.95rem/1.5 ui-monospace, monospace; }
.site-gen-overlay a { color: #9cd0ff; }
"""


@dataclass(frozen=True)
class BuildState:
    """The latest build as the browser should see it."""

    build_id: str  # changes on every build, good or bad
    ok: bool
    report: str  # the problems (or the crash) of a failed build, as printed
    have_site: bool  # a good build exists to show beneath the errors


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the process alive

    def __init__(self, port: int, out: Path) -> None:
        self.out = out
        self.changed = threading.Condition()
        self.stopping = False
        self.started = False
        self.state = BuildState("", False, "The first build has not finished yet.", False)
        super().__init__((HOST, port), PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A connection that fails outside a handler (a client gone mid-request): one line.
        print(f"site-gen serve: a request failed: {sys.exc_info()[1]!r}", file=sys.stderr)

    def publish(self, state: BuildState) -> None:
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
        if self.started:
            self.shutdown()  # waits for serve_forever to return: only once it has run
        self.server_close()

    def start(self) -> None:
        self.started = True
        threading.Thread(target=self.serve_forever, name="preview", daemon=True).start()


def inject(page: str, state: BuildState) -> str:
    """The page with the reload script, and the error overlay if the last build failed."""
    extra = (
        f'<script src="{DEV_PREFIX}reload.js" data-build="{html.escape(state.build_id)}"></script>'
    )
    if not state.ok:
        extra = overlay(state) + extra
    index = page.lower().rfind("</body>")
    return page + extra if index < 0 else page[:index] + extra + page[index:]


def overlay(state: BuildState) -> str:
    below = (
        "The page beneath is from the last good build."
        if state.have_site
        else "There is no good build to show yet."
    )
    return (
        f'<link rel="stylesheet" href="{DEV_PREFIX}overlay.css">'
        '<div class="site-gen-overlay" role="alertdialog" aria-labelledby="site-gen-errors">'
        '<h2 id="site-gen-errors">The site could not be built</h2>'
        f"<p>{below} Fix the content and save: this page reloads by itself.</p>"
        f"<pre>{html.escape(state.report)}</pre></div>"
    )


MISDIRECTED = (
    "This preview answers only requests to this machine: open it at "
    "http://127.0.0.1:PORT/ or http://localhost:PORT/"
)


def _refusal(why: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>site-gen serve</title></head><body><p>{html.escape(why)}</p></body></html>"
    )


def error_page() -> str:
    """A page to carry the overlay when there is no built page to show."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Build failed · site-gen serve</title></head><body></body></html>"
    )


class PreviewHandler(SimpleHTTPRequestHandler):
    server: PreviewServer

    def setup(self) -> None:
        self.directory = str(self.server.out)  # what translate_path serves from
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for builds and content problems, not for every request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview is always the latest build
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def _answer(self) -> None:
        """Every GET and HEAD: refused unless addressed to this machine, and never a crash
        (a bad path gets an error page; anything unforeseen a 500 and one line here)."""
        try:
            if not host_allowed(self.headers.get_all("Host") or [], self.server.port):
                self._send(HTTPStatus.FORBIDDEN, "text/html", _refusal(MISDIRECTED))
                return
            path = request_path(self.path)
            if path == EVENTS:
                self._events()
            elif path == DEV_PREFIX + "reload.js":
                self._send(HTTPStatus.OK, "text/javascript", RELOAD_JS)
            elif path == DEV_PREFIX + "overlay.css":
                self._send(HTTPStatus.OK, "text/css", OVERLAY_CSS)
            else:
                self._page(path)
        except BadRequest as exc:
            self._send(exc.status, "text/html", _refusal(str(exc)))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away
        except Exception as exc:  # a bug: say it in one line, answer, keep serving
            print(f"site-gen serve: {self.path[:200]!r}: {exc!r}", file=sys.stderr, flush=True)
            with suppress(OSError):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html", _refusal("server error"))

    def _page(self, path: str) -> None:
        state = self.server.state
        if not state.have_site:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html", inject(error_page(), state))
            return
        file = site_file(path, self.server.out)
        if not file.is_file():
            missing = self.server.out / "404.html"
            body = missing.read_text("utf-8") if missing.is_file() else error_page()
            self._send(HTTPStatus.NOT_FOUND, "text/html", inject(body, state))
        elif file.suffix == ".html":
            page = file.read_text("utf-8", errors="replace")
            self._send(HTTPStatus.OK, "text/html", inject(page, state))
        else:
            data = file.read_bytes()
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(str(file)))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

    def _send(self, status: HTTPStatus, kind: str, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _events(self) -> None:
        """A Server-Sent Events stream: the build id now, then each new one as it comes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        server, sent = self.server, ""
        try:
            while True:
                with server.changed:
                    if not server.stopping and server.state.build_id == sent:
                        server.changed.wait(timeout=KEEPALIVE_SECONDS)
                    if server.stopping:
                        return
                    current = server.state.build_id
                if current != sent:
                    self.wfile.write(f"event: build\ndata: {current}\n\n".encode())
                    sent = current
                else:
                    self.wfile.write(b": still here\n\n")  # finds tabs that were closed
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class Previewer:
    """Runs builds for the server and tells it, and the terminal, how each went."""

    def __init__(self, options: BuildOptions, server: PreviewServer) -> None:
        self.options = options
        self.server = server
        self.instance = uuid.uuid4().hex[:8]  # a restarted server reloads every open tab
        # The meetings as parsed and the model as linked, kept between builds: an edit to
        # one meeting's minutes parses that file alone and relinks nothing.
        self.memory = Memory(save_later=True)  # saved once the browser is told
        self.count = 0
        self.have_site = False
        self.reported = Reported()  # on a big archive, only new problems are worth printing

    def build(self, reason: str) -> None:
        self.count += 1
        build_id = f"{self.instance}-{self.count}"
        took = Stopwatch()
        try:
            result = _held_still(partial(build, self.options, self.memory))
        except UnsafeOutput as exc:
            if self.count == 1:
                raise  # a wrong --out: refuse to start
            report = f"site-gen: error: {exc}"  # something changed the folder since: say so
            print(report, file=sys.stderr, flush=True)
            self.server.publish(BuildState(build_id, False, report, self.have_site))
            return
        except OSError as exc:  # a full disk, say: the last good build stays
            report = f"site-gen: error: {write_failure(exc, self.options.out)}"
            print(report, file=sys.stderr, flush=True)
            self.server.publish(BuildState(build_id, False, report, self.have_site))
            return
        except Exception:  # a bug must not take the preview down: show it, keep serving
            report = traceback.format_exc()
            print(report, file=sys.stderr, flush=True)
            self.server.publish(BuildState(build_id, False, report, self.have_site))
            return
        report = "\n".join(p.format() for p in result.problems)
        fresh, unchanged = self.reported.news(result.problems)
        if fresh or unchanged:
            print("\n".join([*(p.format() for p in fresh), unchanged]).strip(), file=sys.stderr)
            sys.stderr.flush()
        if result.failed:
            print(
                f"{reason}: build failed ({_failure(result.problems)}); the browser shows the "
                "problems above the last good build.",
                file=sys.stderr,
                flush=True,
            )
            self.server.publish(BuildState(build_id, False, report, self.have_site))
            return
        self.have_site = True
        written = result.written
        assert written is not None
        warnings = sum(1 for p in result.problems if p.severity == "warning")
        print(
            f"{reason}: built {plural(written.files, 'file')} "
            f"({written.changed} changed, {written.files - written.changed} unchanged), "
            f"{plural(warnings, 'warning')}, in {took}.",
            flush=True,
        )
        self.server.publish(BuildState(build_id, True, "", True))

    def idle(self, first: bool = True) -> float:
        """The clerk has paused: make again what was changed by hand in the output since
        it was written (reloads trust it as written); the first time in a pause, also write
        what the cache is owed and collect the garbage. The seconds until the next look."""
        took = time.monotonic()
        as_written = self.memory.output_as_written()
        took = time.monotonic() - took
        if not as_written:
            self.build("Output changed by hand")
        if first:
            self.memory.save()
            gc.collect()
        return max(RECHECK_SECONDS, RECHECK_SHARE * took)


def _held_still(work: Callable[[], R]) -> R:
    """`work`, with every object this process holds now (the model and parses Memory
    keeps: millions on a big archive) left out of the garbage collector's walks until it
    is done; they took a second of a reload at 5,000 meetings. Collected when idle."""
    gc.freeze()
    try:
        return work()
    finally:
        gc.unfreeze()


class Reported:
    """The problems printed so far: a rebuild prints only the new or changed ones, and a
    count of the rest (the whole list is in the browser's overlay when the build fails)."""

    def __init__(self) -> None:
        self.seen: frozenset[Problem] = frozenset()

    def news(self, problems: Iterable[Problem]) -> tuple[list[Problem], str]:
        """The problems not printed before, and a line counting those that were."""
        found = list(problems)
        fresh = [p for p in found if p not in self.seen]
        again = [p for p in found if p in self.seen]
        self.seen = frozenset(found)
        if not again:
            return fresh, ""
        errors = sum(1 for p in again if p.severity == "error")
        counted = [plural(errors, "earlier error")] if errors else []
        if len(again) > errors:
            counted.append(plural(len(again) - errors, "earlier warning"))
        return fresh, f"({' and '.join(counted)} unchanged)"


def _failure(problems: Iterable[Problem]) -> str:
    found = list(problems)
    errors = sum(1 for p in found if p.severity == "error")
    return plural(errors, "error") + (
        f", {plural(len(found) - errors, 'warning')}" if len(found) > errors else ""
    )


def _changed_names(changes: set[tuple[watchfiles.Change, str]], roots: list[Path]) -> str:
    """ "Changed meetings/x.md": the files saved, without an editor's short-lived temporaries."""
    kinds: dict[str, set[watchfiles.Change]] = {}
    for change, name in changes:
        kinds.setdefault(name, set()).add(change)
    temporary = {watchfiles.Change.added, watchfiles.Change.deleted}
    names = []
    for name in sorted(n for n, k in kinds.items() if not temporary <= k):
        path = Path(name)
        for root in roots:
            if path.is_relative_to(root):
                path = path.relative_to(root)
                break
        names.append(path.as_posix())
    if not names:
        return "Changed files"
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"Changed {shown}"


Changes = set[tuple[watchfiles.Change, str]]


def _watch(
    paths: list[Path], stop: threading.Event, ready: threading.Event, found: Queue[Changes]
) -> None:
    """Watch in a thread of its own, so saves made during a build are never missed.

    The operating system's watch on a folder ends with the folder: one deleted and made again
    (a checkout, a sync, a restore) is watched anew, and its return is a change to build."""
    while not stop.is_set():
        seen = {path: _identity(path) for path in paths}
        present = [path for path in paths if seen[path] is not None]
        try:
            for changes in watchfiles.watch(
                *present,
                stop_event=stop,
                yield_on_timeout=True,
                step=WATCH_QUIET_MS,
                rust_timeout=200,
                raise_interrupt=False,
            ):
                ready.set()  # the first yield, even an empty one, means the watcher is running
                if changes:
                    found.put(changes)
                now = {path: _identity(path) for path in paths}
                if now != seen:  # a folder went, or came (back): watch what is there now
                    back = {p for p in paths if now[p] is not None and now[p] != seen[p]}
                    if back:
                        found.put({(watchfiles.Change.added, str(p)) for p in back})
                    break
        except (OSError, RuntimeError):  # a folder went as the watch started: look again
            stop.wait(0.2)


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is at `folder` now (device and inode), or None if none is."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None


def _next_changes(
    found: Queue[Changes],
    stop: threading.Event,
    idle: Callable[[bool], float] = lambda _: RECHECK_SECONDS,
) -> Changes | None:
    """Every change saved since the last build (an editor's save can be several), or None;
    `idle(True)` is called when nothing has changed for a second, then `idle(False)` as
    often as the last call says while nothing does (the output is not watched: its survey
    finds hand edits)."""
    due = time.monotonic() + IDLE_SECONDS
    first = True
    while not stop.is_set():
        try:
            changes = found.get(timeout=0.25)
        except Empty:
            if time.monotonic() >= due:
                wait = idle(first)
                first, due = False, time.monotonic() + wait
            continue
        while not found.empty():
            changes |= found.get_nowait()
        return changes
    return None


def serve(options: BuildOptions, port: int, stop: threading.Event | None = None) -> int:
    """Build, serve and rebuild until Ctrl-C (or until `stop` is set)."""
    stop = stop or threading.Event()
    try:
        server = PreviewServer(port, options.out.resolve())
    except OSError as exc:
        print(f"site-gen: error: cannot serve on {HOST}:{port}: {exc.strerror}", file=sys.stderr)
        print(
            "  hint: another program uses that port: try --port 0 for any free one", file=sys.stderr
        )
        return 2
    watched = [options.content.resolve(), *(d.resolve() for d in theme_dirs(options.templates))]
    found: Queue[Changes] = Queue()
    ready = threading.Event()
    watcher = threading.Thread(target=_watch, args=(watched, stop, ready, found), daemon=True)
    watcher.start()
    ready.wait(timeout=10)
    previewer = Previewer(options, server)
    previewer.memory.loads.watched = ready.is_set()  # it tells each build what changed
    try:
        try:
            previewer.build("First build")
        except UnsafeOutput as exc:
            print(f"site-gen: error: {exc}", file=sys.stderr)
            return 2
        server.start()
        drafts = "drafts shown" if options.drafts else "drafts left out"
        print(
            f"Serving {options.content} at http://{HOST}:{server.server_address[1]}/ ({drafts}). "
            "Watching the content and templates; Ctrl-C to stop.",
            flush=True,
        )
        # The cache's record of each build is written when the clerk pauses, not between a
        # save and its reload (at 5,000 meetings it takes a second): Memory.save_later.
        while (changes := _next_changes(found, stop, previewer.idle)) is not None:
            previewer.memory.loads.saw(name for _, name in changes)  # read again: these alone
            previewer.build(_changed_names(changes, watched))
    except KeyboardInterrupt:
        pass  # Ctrl-C: stop as cleanly as when asked to
    finally:
        stop.set()
        server.stop()
        watcher.join(timeout=5)
        previewer.memory.save()
    print("Stopped.", flush=True)
    return 0


# --- the command ---------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_content_option(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to build the preview (default: a temporary folder, removed on exit)",
    )
    add_templates_option(parser)
    parser.add_argument(
        "--port", type=int, default=8000, help="the port on 127.0.0.1 (default: 8000; 0: any free)"
    )
    parser.add_argument(
        "--no-drafts",
        dest="drafts",
        action="store_false",
        help="leave draft meetings out, as the published site will",
    )


def run(args: argparse.Namespace) -> int:
    content: Path = args.content
    if not content.is_dir():
        print(f"site-gen: error: content folder {content} does not exist", file=sys.stderr)
        return 2
    scratch = None if args.out else Path(tempfile.mkdtemp(prefix="site-gen-serve-"))
    out: Path = args.out if scratch is None else scratch / "site"
    options = BuildOptions(content=content, out=out, templates=args.templates, drafts=args.drafts)
    stop = threading.Event()
    # A service manager (or a test) stops the preview with SIGTERM: clean up as for Ctrl-C.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        return serve(options, args.port, stop)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
