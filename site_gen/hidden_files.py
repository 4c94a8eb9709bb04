"""One rule for the files no build reads or publishes: those whose name, or a folder's on
their path, begins with a dot. Systems and tools keep their own there (a Mac's "._" twins and
.DS_Store, editors' swap and lock files, .git/, a sync tool's .trash/), as static site
generators have long assumed."""

from __future__ import annotations


def hidden(relative: str) -> bool:
    """Whether `relative` (a name, or a path with "/" between its parts) is hidden."""
    return any(part.startswith(".") for part in relative.split("/"))
