"""What the preview server accepts: requests to this machine by its own names, for files
inside the built site.

DNS rebinding: a page on any web site can point its own host name at 127.0.0.1 and read the
preview (drafts included) as if it were its own. The browser still sends that name in the
Host header, so only 127.0.0.1, localhost and [::1] with the server's port are answered.

A request's path is decoded once, to bytes, and must be UTF-8 without NUL, of bounded length,
with no ".." part: anything else is answered with an error page, never a handler crash.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_PATH_BYTES = 1024
MAX_PART_BYTES = 255  # a file name's limit on Linux and macOS


class BadRequest(Exception):
    """A request path the server will not look up: its status says why."""

    def __init__(self, status: HTTPStatus, why: str) -> None:
        super().__init__(why)
        self.status = status


def host_allowed(hosts: list[str], port: int) -> bool:
    """Whether a request's Host headers (all of them) name this machine and port: exactly one,
    "localhost:8000" or "127.0.0.1:8000" or "[::1]:8000" (any case; the port may be left out
    only when it is 80, as browsers do)."""
    if len(hosts) != 1:
        return False
    host = hosts[0].strip().lower()
    allowed = {f"{name}:{port}" for name in LOCAL_NAMES}
    if port == 80:
        allowed.update(LOCAL_NAMES)
    return host in allowed


def request_path(target: str) -> str:
    """The decoded path of a request target ("/a%20b.html?x" -> "/a b.html"), or BadRequest.
    http.server gives the request line as Latin-1 text: its bytes are the bytes sent."""
    try:
        raw = urlsplit(target).path.encode("latin-1")
    except (UnicodeEncodeError, ValueError) as exc:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "not a path") from exc
    data = unquote_to_bytes(raw)
    if len(data) > MAX_PATH_BYTES:
        raise BadRequest(HTTPStatus.REQUEST_URI_TOO_LONG, "the path is too long")
    if b"\0" in data:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the path holds a NUL byte")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the path is not UTF-8") from exc


def site_file(path: str, root: Path) -> Path:
    """The file under `root` that decoded `path` names (a folder's index.html), or BadRequest.
    Neither ".." nor a link inside the site can lead out of it."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the path leaves the site")
    if any(len(part.encode("utf-8")) > MAX_PART_BYTES for part in parts):
        raise BadRequest(HTTPStatus.REQUEST_URI_TOO_LONG, "a name in the path is too long")
    file = root.joinpath(*parts)
    try:
        if file.is_dir():
            file = file / "index.html"
        inside = file.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError) as exc:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the path cannot be looked up") from exc
    if not inside:
        raise BadRequest(HTTPStatus.NOT_FOUND, "not in the site")
    return file
