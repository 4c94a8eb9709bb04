"""The theme: the folders templates and static files are looked up in, and their digest."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from site_gen import urls
from site_gen.hidden_files import hidden
from site_gen.shipped import shipped_folder


def default_theme() -> Path:
    """The default templates: inside the installed package, or templates/ in a checkout."""
    return shipped_folder("templates")


def theme_dirs(override: Path | None) -> list[Path]:
    """Where templates and static files are looked up: the site's own folder first."""
    return [override, default_theme()] if override else [default_theme()]


def theme_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file under `folder` as (name with forward slashes, path), in name order.

    Symlinked folders are followed, as Jinja follows them when it loads a template by name
    (a folder reached twice through links is read once, so a loop ends)."""
    found: dict[str, Path] = {}
    seen: set[str] = set()
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        for name in files:
            path = Path(root, name)
            if path.is_file():
                found[path.relative_to(folder).as_posix()] = path
    return iter(sorted(found.items()))


def theme_fingerprint(dirs: list[Path]) -> bytes:
    """A digest of every file of the theme, templates and static files alike."""
    h = hashlib.blake2b(digest_size=20)
    for n, theme in enumerate(dirs):
        for name, path in theme_files(theme):
            h.update(f"{n} {name}\0".encode())
            h.update(path.read_bytes())
    return h.digest()


def static_files(dirs: list[Path]) -> Iterator[tuple[str, bytes]]:
    """The theme's static/ files; a file in the site's theme replaces the default of that name."""
    found: dict[str, Path] = {}
    for theme in reversed(dirs):
        static = theme / "static"
        if static.is_dir():
            for name, path in theme_files(static):
                if not hidden(name):
                    found[urls.static_file(name)] = path
    for name in sorted(found):
        yield name, found[name].read_bytes()
