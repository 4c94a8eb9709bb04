"""The facts of the machine and the software a benchmark ran on, recorded with its figures."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path

from site_gen import __version__
from site_gen.parallel import available_cores

REPOSITORY = Path(__file__).resolve().parent.parent


def tool_version(command: Sequence[str]) -> str:
    """The last line a tool prints for its version (its first 120 characters)."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[-1][:120] if lines else "unknown"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        return round(int(Path("/proc/meminfo").read_text().split()[1]) / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return 0.0


def _commit() -> str:
    """The commit of site_gen measured, marked when the working tree had changes."""
    git = ["git", "-C", str(REPOSITORY)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "unknown"
    dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    return head.stdout.strip() + (" with changes" if dirty.stdout.strip() else "")


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def machine(versions: dict[str, str]) -> dict[str, object]:
    """cpu, cores used, memory, system, Python, site_gen's version and commit, the peers'
    versions, and the load average (1, 5 and 15 minutes) as the session starts."""
    return {
        "cpu": _cpu(),
        "cores": available_cores(),
        "logical_cpus": os.cpu_count() or 0,
        "memory_gib": _memory_gib(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "site_gen": f"{__version__} ({_commit()})",
        **versions,
        "load_average_at_start": load_average(),
    }
