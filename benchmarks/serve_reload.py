"""Save to reloaded page in `site-gen serve`: the time from writing one meeting's file to the
served page showing the edit, through the real command (its watcher, its build, its server),
followed as a browser follows it: told of each build on serve's event stream, then asking for
the page (polling the page instead would slow the build it waits for).

    python -m benchmarks.serve_reload CONTENT [--edits N]

CONTENT is edited in place (one meeting, as benchmarks.scenarios.edit_meeting does): give
it a generated archive (python -m benchmarks.corpus), never a real one.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from queue import Empty, Queue

from benchmarks.scenarios import edit_meeting, edited_meeting

_SERVING = re.compile(r"^Serving .* at (http://[^/]+/)")
_READY_TIMEOUT = 3600.0  # the first build of a big archive on a busy machine
_RELOAD_TIMEOUT = 120.0


def measure(content: Path, edits: int) -> list[float]:
    """Seconds from each of `edits` saves of one meeting to its page served as edited."""
    with tempfile.TemporaryDirectory(prefix="serve-reload-") as scratch:
        command = [sys.executable, "-m", "site_gen.cli", "serve", "--content", str(content)]
        command += ["--out", str(Path(scratch) / "out"), "--port", "0"]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            base = _served_at(server)
            meeting = edited_meeting(content)
            page = f"{base}groups/{meeting.parent.name}/{meeting.stem}.html"
            builds = _build_events(base)
            times = []
            for revision in range(1, edits + 1):
                edit_meeting(content, revision)
                saved = time.perf_counter()
                _wait_for(page, f"Correction {revision}:", builds)
                times.append(time.perf_counter() - saved)
                time.sleep(0.5)  # let the build's last writes settle before the next save
            return times
        finally:
            server.terminate()
            server.wait(timeout=60)


def _served_at(server: subprocess.Popen[str]) -> str:
    """The address the server prints once its first build is done."""
    lines: Queue[str] = Queue()
    assert server.stdout is not None
    stdout = server.stdout

    def read() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            found = _SERVING.match(lines.get(timeout=1))
        except Empty:
            if server.poll() is not None:
                raise RuntimeError("site-gen serve stopped before serving") from None
            continue
        if found:
            return found.group(1)
    raise TimeoutError("site-gen serve did not start serving")


def _build_events(base: str) -> Queue[str]:
    """Each build id serve announces from now on (its first line is the build now)."""
    ids: Queue[str] = Queue()
    stream = urllib.request.urlopen(f"{base}__site-gen__/events", timeout=_RELOAD_TIMEOUT)

    def read() -> None:
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data: "):
                ids.put(line.removeprefix("data: "))

    threading.Thread(target=read, daemon=True).start()
    ids.get(timeout=_RELOAD_TIMEOUT)  # the build already served
    return ids


def _wait_for(url: str, text: str, builds: Queue[str]) -> None:
    """Until a build announced after the save serves `url` with `text` (an editor's save
    may start a build before the file is whole: then the next one shows it)."""
    deadline = time.monotonic() + _RELOAD_TIMEOUT
    while time.monotonic() < deadline:
        try:
            builds.get(timeout=max(0.0, deadline - time.monotonic()))
        except Empty:
            break
        with urllib.request.urlopen(url, timeout=10) as answer:
            if text in answer.read().decode("utf-8"):
                return
    raise TimeoutError(f"{url} never showed {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path, help="a generated archive, edited in place")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    times = measure(args.content, args.edits)
    print(" ".join(f"{t:.3f}" for t in times))
    print(f"median save to reloaded page: {statistics.median(times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
