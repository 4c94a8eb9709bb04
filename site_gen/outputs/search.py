"""Search: a Pagefind index of the staged site, made before it is swapped in.

Pagefind (https://pagefind.app) indexes the built HTML into static files under pagefind/,
searched in the browser: no server. Its binary comes from the `pagefind_bin` wheel
(`pip install 'site-gen[search]'`) or a `pagefind` on PATH. Without either, the site builds
all the same, with a warning, and the search page says search is not available.

What is indexed is decided in the templates: only elements marked data-pagefind-body (the
content of meeting, person, group and action pages), minus anything data-pagefind-ignore.
"""

from __future__ import annotations

import gzip
import importlib
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

BUNDLE = "pagefind"  # the folder Pagefind writes, inside the site
TIMEOUT_SECONDS = 600


class SearchIndexFailed(Exception):
    """Pagefind ran and failed: the build stops and the previous site is kept."""


def find_pagefind() -> Path | None:
    """The Pagefind binary: the one shipped in the pagefind_bin wheel, else one on PATH."""
    try:
        # Imported by name: an optional dependency, without type information.
        shipped = importlib.import_module("pagefind_bin")
        return Path(shipped.get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        return Path(found) if found else None


def index_site(site_dir: Path, binary: Path) -> None:
    """Write the search bundle into `site_dir`/pagefind/."""
    command = [
        str(binary),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--keep-index-url",  # pages link to files (…/index.html), so results must too
        "--quiet",
    ]
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"could not run {binary}: {exc}") from exc
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise SearchIndexFailed(
            f"{binary.name} exited with {run.returncode}: " + " / ".join(detail)
        )
    # Pagefind can exit 0 having written empty or cut-short files (on a full disk, say):
    # the index is read back before the site goes live.
    broken = check_bundle(site_dir / BUNDLE)
    if broken:
        raise SearchIndexFailed(f"{binary.name} wrote a broken index: {broken}")


# Pagefind's own data files: gzip, each starting with this signature once unpacked.
_PACKED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
_SIGNATURE = b"pagefind_dcd"


def check_bundle(bundle: Path) -> str:
    """What is wrong with the search bundle Pagefind wrote in `bundle`, or "" if nothing:
    every file it names is there, every file is whole (its gzip checksum holds), none empty."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
        languages = entry["languages"]
        named = ["pagefind.js"]
        for language in languages.values():
            named.append(f"pagefind.{language['hash']}.pf_meta")
            if language.get("wasm"):
                named.append(f"wasm.{language['wasm']}.pagefind")
        for name in named:
            if not (bundle / name).is_file():
                return f"{name} is missing"
        for path in sorted(bundle.rglob("*")):
            if path.is_dir():
                continue
            data = path.read_bytes()
            if not data:
                return f"{path.relative_to(bundle)} is empty"
            if path.suffix in _PACKED and not gzip.decompress(data).startswith(_SIGNATURE):
                return f"{path.relative_to(bundle)} is not an index file"
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError) as exc:
        return f"{type(exc).__name__}: {exc}"  # gzip.BadGzipFile is an OSError
    return ""


@dataclass(frozen=True)
class Finish:
    """Work on the finished site before it goes live, and a key that names what it makes:
    the same key, the same files (so an unchanged site keeps them)."""

    run: Callable[[Path], None]
    key: str


def search_indexer(wanted: bool) -> tuple[Finish | None, str]:
    """What indexes the staged site for search, and a notice for the reader of the build's
    output ('' when there is nothing to say)."""
    if not wanted:
        return None, ""
    binary = find_pagefind()
    if binary is None:
        return None, (
            "search index not built: Pagefind is not installed "
            "(pip install 'site-gen[search]'); the site works without it, and its search "
            "page says search is unavailable. Use --no-search to silence this."
        )
    stat = binary.stat()  # the same Pagefind makes the same index
    key = f"pagefind {binary} {stat.st_size} {stat.st_mtime_ns}"
    return Finish(partial(index_site, binary=binary), key), ""
