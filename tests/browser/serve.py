"""A built site served on localhost by the standard library, in a thread, as a static host
would serve it: optionally under a sub-path, as GitHub Pages serves a project site."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    not_found = ""  # a page sent, with status 404, for a missing file (as static hosts do)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / self.not_found if self.not_found else None
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:  # quiet in test output
        pass


@contextmanager
def serve(folder: Path, prefix: str = "/", not_found: str = "") -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<free port><prefix>; yields that URL. With
    `not_found` (e.g. "404.html"), that page answers every missing address, at any depth."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "not_found": not_found})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
