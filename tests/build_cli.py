"""Running the real `site-gen` command in a process of its own, and looking at what it left."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_gen(
    *args: str | Path, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`site-gen ARGS...` as a user runs it: its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "site_gen.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def build_args(content: Path, out: Path, *more: str | Path) -> list[str | Path]:
    return ["build", "--content", content, "--out", out, *more]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative name, with its bytes (links are not followed)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def assert_clean_failure(run: subprocess.CompletedProcess[str], *words: str) -> None:
    """A refusal or failure as the user should see it: non-zero, said plainly, no traceback."""
    said = run.stdout + run.stderr  # `check` reports on stdout, `build` on stderr
    assert run.returncode != 0, said
    assert "Traceback" not in said, said
    for word in words:
        assert word in said, said
