"""Real file-system faults for tests: small and read-only disks (tmpfs, mounted as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def mount_tmpfs(point: Path, size_kb: int) -> None:
    """A fresh tmpfs of `size_kb` at `point`; skips where this user cannot mount one (CI and
    the developer machines run as root)."""
    point.mkdir(exist_ok=True)
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=755", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")


def unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True, capture_output=True)


def read_write(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,rw", str(point)], check=True, capture_output=True)


def free_bytes(point: Path) -> int:
    found = os.statvfs(point)
    return found.f_bavail * found.f_frsize


def fill(point: Path, leave: int) -> Path:
    """Fill the disk at `point` until only `leave` bytes are free; the filler file."""
    filler = point / "filler"
    block = b"\0" * 65536
    with open(filler, "wb") as file:
        while (room := free_bytes(point) - leave) > 0:
            try:
                file.write(block[: min(room, len(block))])
                file.flush()
            except OSError:
                break
    return filler


def copy_tree(source: Path, target: Path) -> Path:
    return Path(shutil.copytree(source, target))
