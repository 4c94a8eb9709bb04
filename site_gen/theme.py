"""The theme: the folders templates and static files are looked up in, and their digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def default_theme() -> Path:
    """The default templates: inside the installed package, or templates/ in a checkout."""
    packaged = Path(str(resources.files("site_gen"))) / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"


def theme_dirs(override: Path | None) -> list[Path]:
    """Where templates and static files are looked up: the site's own folder first."""
    return [override, default_theme()] if override else [default_theme()]


def theme_fingerprint(dirs: list[Path]) -> bytes:
    """A digest of every file of the theme, templates and static files alike."""
    h = hashlib.blake2b(digest_size=20)
    for n, theme in enumerate(dirs):
        for path in sorted(p for p in theme.rglob("*") if p.is_file()):
            h.update(f"{n} {path.relative_to(theme).as_posix()}\0".encode())
            h.update(path.read_bytes())
    return h.digest()


def static_files(dirs: list[Path]) -> Iterator[tuple[str, bytes]]:
    """The theme's static/ files; a file in the site's theme replaces the default of that name."""
    found: dict[str, Path] = {}
    for theme in reversed(dirs):
        static = theme / "static"
        if static.is_dir():
            for path in static.rglob("*"):
                if path.is_file():
                    found[path.relative_to(theme).as_posix()] = path
    for name in sorted(found):
        yield name, found[name].read_bytes()
