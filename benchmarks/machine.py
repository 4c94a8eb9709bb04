"""The facts of the machine and the software a benchmark ran on, recorded with its figures."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from site_gen import __version__
from site_gen.parallel import available_cores

REPOSITORY = Path(__file__).resolve().parent.parent


def tool_version(command: Sequence[str]) -> str:
    """The first version number (1.2.3) a tool prints for its version."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found = re.search(r"\d+\.\d+(\.\d+)?", result.stdout or result.stderr)
    return found.group() if found else "unknown"


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


def machine_sentence(facts: dict[str, object]) -> str:
    """The machine as a sentence for the report, e.g. 'AMD EPYC, 2 cores used (2 logical
    CPUs), 23.5 GiB, Linux 6.1, Python 3.11.7, site_gen 0.1.0 (abc1234), Hugo 0.168.0,
    Pelican 4.12.0; load average 1.00 0.90 0.80 at the start, 1.80 1.70 1.40 at the end'."""
    parts = [
        str(facts.get("cpu", "unknown")),
        f"{facts.get('cores')} cores used ({facts.get('logical_cpus')} logical CPUs)",
        f"{facts.get('memory_gib')} GiB",
        str(facts.get("system")),
        f"Python {facts.get('python')}",
        f"site_gen {facts.get('site_gen')}",
    ]
    parts += [f"{name.title()} {facts[name]}" for name in ("hugo", "pelican") if name in facts]
    load = f"load average {facts.get('load_average_at_start')} at the start"
    if "load_average_at_end" in facts:
        load += f", {facts['load_average_at_end']} at the end"
    return ", ".join(parts) + "; " + load
