"""Where this site_gen was installed from: a git repository and a commit CI can install again.

`site-gen init` pins the new site's CI workflow to them, so every build of the site runs the
same code. pip, pipx and uv record the source of a package installed from a URL or a folder
in its direct_url.json (PEP 610); a local clone is asked for its remote and commit.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

_COMMIT = re.compile(r"[0-9a-f]{40}")
# git@github.com:owner/repo.git, the form `git clone` over SSH leaves as a remote.
_SCP_LIKE = re.compile(r"(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)")


@dataclass(frozen=True)
class InstallSource:
    repository: str | None  # a URL `pip install git+URL@COMMIT` can fetch
    commit: str | None  # 40 hex digits


def is_commit(text: str) -> bool:
    return bool(_COMMIT.fullmatch(text))


# What an address may hold, written into the publishing workflow: no spaces or line breaks
# (they would end the YAML value and start steps of their own), no quotes, "$" or braces
# (a "${{ secrets.X }}" there is evaluated by GitHub Actions).
_ADDRESS = re.compile(r"[A-Za-z0-9._~:/?#@!&*+,;=%-]+")


def fetchable(remote: str) -> str | None:
    """A remote as CI can fetch it without keys: https, or None for a local path (or for an
    address with characters no repository's address needs)."""
    if not _ADDRESS.fullmatch(remote):
        return None
    scp = _SCP_LIKE.fullmatch(remote)
    if scp:
        return f"https://{scp['host']}/{scp['path']}"
    parsed = urlparse(remote)
    if parsed.scheme == "ssh" and parsed.hostname:
        return f"https://{parsed.hostname}{parsed.path}"
    if parsed.scheme in ("https", "http"):
        return remote
    return None


def _git(folder: Path, *words: str) -> str | None:
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), *words], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def from_clone(folder: Path) -> InstallSource:
    commit = _git(folder, "rev-parse", "HEAD")
    remote = _git(folder, "remote", "get-url", "origin")
    return InstallSource(
        fetchable(remote) if remote else None,
        commit if commit and is_commit(commit) else None,
    )


def from_direct_url(record: dict[str, object]) -> InstallSource | None:
    """The source PEP 610 recorded, or None when it names no repository or folder."""
    url = record.get("url")
    if not isinstance(url, str):
        return None
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = vcs.get("commit_id")
        return InstallSource(fetchable(url), commit if isinstance(commit, str) else None)
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return from_clone(Path(unquote(parsed.path)))
    return None


def install_source() -> InstallSource:
    """This site_gen's repository and commit, each None when it cannot be known."""
    try:
        text = metadata.distribution("site-gen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    found = from_direct_url(json.loads(text)) if text else None
    if found is not None:
        return found
    checkout = Path(__file__).resolve().parent.parent  # run from a clone, not installed
    if (checkout / "pyproject.toml").is_file():
        return from_clone(checkout)
    return InstallSource(None, None)
