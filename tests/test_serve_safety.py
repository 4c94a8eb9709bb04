"""The preview server is for this machine only, survives its content folder being replaced,
and answers every bad request with an error page. A real `site-gen serve` process on a free
port, spoken to over raw sockets so that every byte of a request is the test's choice."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_serve import MEETING, MEETING_PAGE, REPO, Server, serving

DRAFT_WORDS = "DRAFT-ONLY-SENTINEL"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = Path(shutil.copytree(REPO / "content", tmp_path / "content"))
    meeting = content / MEETING
    meeting.write_text(meeting.read_text().replace("status: approved", "status: draft"))
    meeting.write_text(meeting.read_text() + f"\n\n## Late item\n\n{DRAFT_WORDS}\n")
    return content


def raw(server: Server, request: bytes) -> tuple[int, bytes]:
    """Send `request` as it is; the status and body of the answer."""
    port = urlsplit(server.url).port
    assert port is not None
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def get(
    server: Server, path: bytes, host: bytes | None, version: bytes = b"HTTP/1.1"
) -> tuple[int, bytes]:
    lines = [b"GET " + path + b" " + version]
    if host is not None:
        lines.append(b"Host: " + host)
    lines += [b"Connection: close", b"", b""]
    return raw(server, b"\r\n".join(lines))


def test_only_requests_to_this_machine_are_answered(content: Path) -> None:
    with serving(content) as server:
        port = str(urlsplit(server.url).port).encode()
        page = "/" + MEETING_PAGE
        for host in (b"127.0.0.1:", b"localhost:", b"LocalHost:", b"[::1]:"):
            status, body = get(server, page.encode(), host + port)
            assert status == 200 and DRAFT_WORDS.encode() in body, host
        refused = [
            b"evil.example:" + port,  # a rebound name
            b"evil.example",
            b"localhost.:" + port,  # trailing dot
            b"127.0.0.1.nip.io:" + port,
            b"localhost",  # no port
            b"127.0.0.1",
            b"localhost:" + str(int(port) + 1).encode(),  # another port
            b"localhost:" + port + b"@evil.example",
            b"[::ffff:127.0.0.1]:" + port,  # other spellings of the loopback address
            b"[0:0:0:0:0:0:0:1]:" + port,
            b"127.1:" + port,
            b"2130706433:" + port,
            b"",
        ]
        for host in refused:
            for path in (page.encode(), b"/", b"/__site-gen__/events", b"/__site-gen__/reload.js"):
                status, body = get(server, path, host)
                assert status in (400, 403), (host, path, status)
                assert DRAFT_WORDS.encode() not in body and b"EventSource" not in body
        # No Host at all (HTTP/1.0 allows it), and two of them.
        assert get(server, page.encode(), None, b"HTTP/1.0")[0] == 403
        two = f"GET {page} HTTP/1.1\r\nHost: 127.0.0.1:{int(port)}\r\nHost: evil.example\r\n"
        assert raw(server, two.encode() + b"Connection: close\r\n\r\n")[0] == 403
    assert "Traceback" not in "".join(server.lines)


BAD_PATHS = [
    b"/%00",
    b"/groups/%00.html",
    b"/" + b"a" * 5000,
    b"/" + b"b" * 300 + b".html",  # one name longer than a file system allows
    b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/..%2f..%2f..%2fetc%2fpasswd",
    b"/%252e%252e/%252e%252e/etc/passwd",  # encoded twice
    b"/groups/../../../../etc/passwd",
    b"/%5c..%5c..%5cetc%5cpasswd",
    b"//etc/passwd",
    b"/%ff%fe.html",  # invalid UTF-8, encoded
    b"/\xff\xfe.html",  # invalid UTF-8, raw
    b"/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 for "."
    b"/%ed%a0%80.html",  # a lone surrogate
    b"/people/%0a%0dSet-Cookie:%20x=1",
    b"/index.html%00.png",
]


def test_bad_paths_get_an_error_page_never_a_traceback(content: Path) -> None:
    with serving(content) as server:
        host = urlsplit(server.url).netloc.encode()
        for path in BAD_PATHS:
            status, body = get(server, path, host)
            assert status in (400, 404, 414), (path, status)
            assert body.lstrip().lower().startswith(b"<!doctype html"), (path, body[:80])
            assert b"root:" not in body
        # Still serving, and no handler ever crashed.
        assert get(server, b"/", host)[0] == 200
    said = "".join(server.lines)
    assert "Traceback" not in said and "Exception" not in said, said


def test_keeps_watching_after_the_content_folder_is_deleted_and_made_again(
    content: Path, tmp_path: Path
) -> None:
    spare = Path(shutil.copytree(content, tmp_path / "spare"))
    with serving(content) as server:
        server.wait_for(MEETING_PAGE, lambda status, page: DRAFT_WORDS in page)
        shutil.rmtree(content)
        server.wait_for("", lambda status, page: "The site could not be built" in page)
        shutil.copytree(spare, content)  # made again, then edited
        meeting = content / MEETING
        meeting.write_text(meeting.read_text().replace(DRAFT_WORDS, "BACK-AGAIN-ONE"))
        server.wait_for(MEETING_PAGE, lambda status, page: "BACK-AGAIN-ONE" in page)
        # Replaced by a rename, as a sync tool does: the new folder is watched too.
        staged = Path(shutil.copytree(content, tmp_path / "staged"))
        (staged / MEETING).write_text((staged / MEETING).read_text().replace("ONE", "TWO"))
        content.rename(tmp_path / "old-content")
        staged.rename(content)
        server.wait_for(MEETING_PAGE, lambda status, page: "BACK-AGAIN-TWO" in page)
        meeting.write_text(meeting.read_text().replace("TWO", "THREE"))
        server.wait_for(MEETING_PAGE, lambda status, page: "BACK-AGAIN-THREE" in page)
    assert "Traceback" not in "".join(server.lines)
