"""A build killed while it writes leaves the previous site whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_site(content: Path, meetings: int, words: str) -> None:
    (content / "groups").mkdir(parents=True)
    (content / "meetings" / "board").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Big council\n")
    (content / "groups" / "board.yaml").write_text("name: Board\nmembers: [Ann Lee, Bob Ray]\n")
    paragraph = f"{words} " * 60
    for n in range(meetings):
        day = f"{2000 + n // 300}-{1 + n % 300 // 25:02d}-{1 + n % 25:02d}"
        body = "\n\n".join(f"## Item {i}\n\n{paragraph}" for i in range(1, 9))
        (content / "meetings" / "board" / f"{day}.md").write_text(
            f"---\ndate: {day}\nnumber: {n + 1}\nattendance:\n"
            f"  - {{kind: present, people: [Ann Lee, Bob Ray]}}\n---\n\n{body}\n"
            f"\nActions:\n\n- Ann to report ({n + 1}.1)\n"
        )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _session_alive(session: int) -> bool:
    """Is any process of this session (the killed build's) still running?"""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # fields[3] is the session id
            return True
    return False


def build_command(content: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out)]


def test_killing_a_build_mid_write_keeps_the_previous_site(tmp_path: Path) -> None:
    content, out = tmp_path / "content", tmp_path / "out"
    make_site(content, 400, "before")
    subprocess.run(build_command(content, out), check=True, capture_output=True)
    before = snapshot(out)
    make_site_edit = content / "meetings" / "board"
    for path in make_site_edit.iterdir():
        path.write_text(path.read_text().replace("before", "after"))

    # Start the rebuild and kill it as soon as its staging folder appears: mid-write.
    # Only the build process is killed, not its group: its workers must end with it.
    build = subprocess.Popen(
        build_command(content, out), stdout=subprocess.DEVNULL, start_new_session=True
    )
    caught = False
    while build.poll() is None:
        if any(p.name.startswith(".out.new-") for p in tmp_path.iterdir()):
            os.kill(build.pid, signal.SIGKILL)
            caught = True
            break
        time.sleep(0.001)
    build.wait()
    # None of the build's processes outlive it (a worker blocked on a pipe would wait forever).
    deadline = time.monotonic() + 10
    while _session_alive(build.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _session_alive(build.pid), "a worker of the killed build is still running"
    assert caught, "the build finished before it could be interrupted: make the site bigger"
    assert snapshot(out) == before

    # The next build completes and publishes the new text.
    subprocess.run(build_command(content, out), check=True, capture_output=True)
    page = next((out / "groups" / "board").glob("2000-*.html")).read_text()
    assert "after" in page and "before" not in page
