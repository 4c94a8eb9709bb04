"""`site-gen serve`, run as a real process on a free port of 127.0.0.1.

Each test edits a copy of the sample content and polls the server until the edit shows,
with a bounded wait: no test asserts how long a rebuild takes.
"""

from __future__ import annotations

import http.client
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SITE_GEN = Path(sys.executable).parent / "site-gen"
MEETING = "meetings/evidence-group/2021-07-30.md"
MEETING_PAGE = "groups/evidence-group/2021-07-30.html"
WAIT = 30.0  # seconds: a generous bound, never an expectation


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, test: Callable[[int, str], bool]) -> tuple[int, str]:
        deadline = time.monotonic() + WAIT
        while True:
            status, page = self.get(path)
            if test(status, page):
                return status, page
            assert time.monotonic() < deadline, f"{path} never changed as expected:\n{page}"
            time.sleep(0.1)


def _read_lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


@contextmanager
def serving(content: Path, *extra: str) -> Iterator[Server]:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    process = subprocess.Popen(
        [str(SITE_GEN), "serve", "--content", str(content), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + WAIT
        while not any(line.startswith("Serving ") for line in seen):
            assert process.poll() is None, "".join(seen)
            assert time.monotonic() < deadline, "the server never said where it serves"
            with suppress(queue.Empty):
                seen.append(lines.get(timeout=0.5))
        url = next(w for line in seen for w in line.split() if w.startswith("http://"))
        assert url.startswith("http://127.0.0.1:"), url
        server = Server(process, url, seen)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        while not lines.empty():
            seen.append(lines.get())


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_site_and_shows_an_edit(content: Path) -> None:
    with serving(content) as server:
        status, page = server.get(MEETING_PAGE)
        assert status == 200
        assert "Minutes of last meeting" in page
        assert 'src="/__site-gen__/reload.js"' in page, "served pages carry the reload script"
        status, home = server.get("")
        assert status == 200 and "Evidence Group" in home

        _edit(content / MEETING, "Minutes of last meeting", "Minutes of the previous meeting")
        server.wait_for(MEETING_PAGE, lambda s, p: "Minutes of the previous meeting" in p)

        status, missing = server.get("no/such/page.html")
        assert status == 404 and "reload.js" in missing
        status, css = server.get("static/style.css")
        assert status == 200 and "reload.js" not in css
    assert server.process.returncode == 0
    assert "Stopped." in "".join(server.lines)


def test_content_errors_show_in_the_browser_and_the_server_lives_on(content: Path) -> None:
    with serving(content) as server:
        _edit(content / MEETING, "kind: present", "kind: presnt")
        status, page = server.wait_for(MEETING_PAGE, lambda s, p: "site-gen-overlay" in p)
        assert status == 200, "the last good page stays, under the overlay"
        assert "unknown kind of attendance &#x27;presnt&#x27;" in page
        assert f"{MEETING}:8: error" in page
        assert "Minutes of last meeting" in page

        # A file that is not even YAML: still no dead server.
        (content / "groups" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
        server.wait_for(MEETING_PAGE, lambda s, p: "broken.yaml" in p)

        (content / "groups" / "broken.yaml").unlink()
        _edit(content / MEETING, "kind: presnt", "kind: present")
        server.wait_for(MEETING_PAGE, lambda s, p: s == 200 and "site-gen-overlay" not in p)
    output = "".join(server.lines)
    assert "unknown kind of attendance 'presnt'" in output, "errors are printed in the terminal"
    assert "Traceback" not in output


def test_a_site_that_never_built_shows_its_errors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with serving(content) as server:
        status, page = server.get("")
        assert status == 503
        assert "site.yaml is missing" in page
        (content / "site.yaml").write_text("title: Fixed\n", encoding="utf-8")
        status, page = server.wait_for("", lambda s, p: s == 200)
        assert "Fixed" in page


def test_drafts_are_shown_unless_asked_not_to(content: Path) -> None:
    draft = content / "meetings" / "evidence-group" / "2021-09-10.md"
    draft.write_text(
        "---\ndate: 2021-09-10\nnumber: 4\nstatus: draft\n---\n\n## Agenda Item 1: Draft item\n",
        encoding="utf-8",
    )
    with serving(content) as server:
        status, page = server.get("groups/evidence-group/2021-09-10.html")
        assert status == 200 and "Draft item" in page
    with serving(content, "--no-drafts") as server:
        status, _ = server.get("groups/evidence-group/2021-09-10.html")
        assert status == 404


def test_out_holds_the_plain_build_without_the_reload_script(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    with serving(content, "--out", str(out)) as server:
        _, page = server.get(MEETING_PAGE)
        assert "reload.js" in page
    on_disk = (out / MEETING_PAGE).read_text(encoding="utf-8")
    assert "Minutes of last meeting" in on_disk
    for path in out.rglob("*"):
        if path.is_file():
            assert b"__site-gen__" not in path.read_bytes(), f"{path} carries dev-server code"


def test_events_announce_each_new_build(content: Path) -> None:
    with serving(content) as server:
        host, port = server.url.removeprefix("http://").rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=WAIT)
        connection.request("GET", "/__site-gen__/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"

        def next_build() -> str:
            while True:
                line = response.readline().decode("utf-8")
                assert line, "the event stream ended"
                if line.startswith("data: "):
                    return line.removeprefix("data: ").strip()

        first = next_build()
        _edit(content / MEETING, "Agenda Item 4: AOB", "Agenda Item 4: Any other business")
        second = next_build()
        assert second != first
        connection.close()


def test_a_busy_port_is_a_clear_error(content: Path) -> None:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(SITE_GEN), "serve", "--content", str(content), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def _watch_a_tab_reload(sync_api: Any, chromium: str, url: str, meeting: Path) -> None:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        try:
            page = browser.new_page()
            page.goto(url)
            assert "Minutes of last meeting" in page.content()
            # No need to wait for the event stream: a tab that connects after the rebuild
            # is told of a build newer than its page, and reloads all the same.
            _edit(meeting, "Minutes of last meeting", "Minutes, reloaded")
            page.wait_for_function(
                "() => document.body.innerText.includes('Minutes, reloaded')",
                timeout=WAIT * 1000,
            )
        finally:
            browser.close()


def test_an_open_tab_reloads_itself(content: Path) -> None:
    """In real Chromium: the page changes after an edit with no navigation by the test."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        pytest.skip("Chromium is not installed")
    with serving(content) as server, ThreadPoolExecutor(max_workers=1) as worker:
        # A thread of its own: Playwright's sync API refuses a thread that already runs an
        # event loop, as the browser tests' session-wide Playwright does in this one.
        job = worker.submit(
            _watch_a_tab_reload, sync_api, chromium, server.url + MEETING_PAGE, content / MEETING
        )
        job.result(timeout=WAIT * 3)


def test_an_out_folder_not_made_by_site_gen_is_refused(content: Path, tmp_path: Path) -> None:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me\n", encoding="utf-8")
    result = subprocess.run(
        [str(SITE_GEN), "serve", "--content", str(content), "--out", str(mine), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert result.returncode == 2
    assert "not made by site_gen" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_a_rebuild_prints_only_new_problems_and_counts_the_rest(tmp_path: Path) -> None:
    from tests.clerk_content import ATTENDANCE, meeting, write_site

    odd = ATTENDANCE + "colour: blue\nflavour: mint\n"  # two warnings: unknown keys
    content = write_site(tmp_path, {"2021-07-30.md": meeting("2021-07-30", 3, "Hi.\n", odd)})
    with serving(content) as server:
        edited = meeting("2021-07-30", 3, "Edited.\n", odd + "size: 9\n")  # one warning more
        (content / "meetings/evidence-group/2021-07-30.md").write_text(edited, encoding="utf-8")
        server.wait_for("groups/evidence-group/2021-07-30.html", lambda s, p: "Edited." in p)
    output = "".join(server.lines)  # all of it: the build that wrote the page had finished
    assert output.count("unknown key 'colour'") == 1, output  # printed once, not again
    assert output.count("unknown key 'size'") == 1, output  # the new one, printed
    assert "(2 earlier warnings unchanged)" in output, output
    assert "3 warnings" in output  # the rebuild's summary still counts them all


def test_output_edited_or_deleted_by_hand_is_made_again_when_the_clerk_pauses(
    content: Path, tmp_path: Path
) -> None:
    out, cold = tmp_path / "preview", tmp_path / "cold"
    with serving(content, "--out", str(out)) as server:
        _edit(content / MEETING, "Minutes of last meeting", "Minutes of the previous meeting")
        server.wait_for(MEETING_PAGE, lambda s, p: "Minutes of the previous meeting" in p)
        edited, deleted = out / MEETING_PAGE, out / "index.html"
        edited.write_text("EDITED-BY-HAND", encoding="utf-8")
        deleted.unlink()
        server.wait_for(MEETING_PAGE, lambda s, p: "Minutes of the previous meeting" in p)
        server.wait_for("", lambda s, p: s == 200)
    built = subprocess.run(
        [
            str(SITE_GEN),
            "build",
            "--content",
            str(content),
            "--out",
            str(cold),
            "--no-cache",
            "--no-search",
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr

    def tree(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    assert tree(out) == tree(cold)
