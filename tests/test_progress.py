"""Progress: a counter redrawn in place on a terminal, plain lines (or nothing) elsewhere."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.progress import PLAIN_EVERY, Progress, counted

REPO = Path(__file__).resolve().parent.parent
SITE_GEN = Path(sys.executable).parent / "site-gen"


def test_on_a_terminal_the_counter_is_redrawn_then_wiped() -> None:
    stream = io.StringIO()
    progress = Progress(stream, tty=True)
    assert list(counted(range(3), progress, "rendering", 3)) == [0, 1, 2]
    progress.clear()
    text = stream.getvalue()
    assert text.startswith("\r\x1b[Krendering ")
    assert text.endswith("\r\x1b[Krendering 3/3\r\x1b[K"), "the last count, then wiped"


def test_in_a_log_short_stages_print_nothing_and_long_ones_plain_lines() -> None:
    stream = io.StringIO()
    progress = Progress(stream, tty=False)
    list(counted(range(PLAIN_EVERY - 1), progress, "rendering", PLAIN_EVERY - 1))
    progress.clear()
    assert stream.getvalue() == ""
    total = PLAIN_EVERY * 2 + 10
    list(counted(range(total), progress, "writing", total))
    assert stream.getvalue().splitlines() == [
        f"writing {PLAIN_EVERY}/{total}",
        f"writing {PLAIN_EVERY * 2}/{total}",
        f"writing {total}/{total}",
    ]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_a_build_on_a_terminal_shows_a_counter_and_ends_with_its_summary(
    tmp_path: Path,
) -> None:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    shutil.copytree(REPO / "content", tmp_path / "content")
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(SITE_GEN), "build", "--out", "site"],
            cwd=tmp_path,
            stdout=follower,
            stderr=follower,
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the command has finished
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
    text = output.decode("utf-8")
    assert "\x1b[Krendering " in text and "\x1b[Kwriting " in text
    last = text.replace("\r\n", "\n").split("\x1b[K")[-1]
    summary = re.fullmatch(
        r"Built (\d+) files into site: .* \((\d+) files changed, 0 unchanged\) in \d+\.\d\d s\.\n",
        last,
    )
    assert summary, repr(last)
    assert summary[1] == summary[2], "a first build changes every file"
