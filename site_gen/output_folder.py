"""Which `--out` folders a build may replace: never one it could not replace whole, nor one
whose loss would hurt.

A build replaces its output folder as a whole (site_gen.swap), so `--out` must be a folder
(or not exist yet, under folders), not a mount point (which cannot be renamed). It never
replaces the content, the folder the user is in or any folder above it, the root, the home
folder or a folder above it, or a git repository; and a non-empty folder that site_gen did
not make only with `--force`, which still never deletes anything of a git repository.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MARKER = ".site-gen"  # marks a folder as ours to replace

_KINDS = {
    stat.S_IFREG: "a file",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFLNK: "a link",
}


class UnsafeOutput(Exception):
    """The output folder is one we must not replace."""


def check_output_folder(out: Path, content: Path, force: bool) -> None:
    """Refuse an `--out` that is not a folder we may replace (UnsafeOutput says why)."""
    _check_kind(out)
    given, out, content = out, out.resolve(), content.resolve()
    if out == content or out in content.parents:
        raise UnsafeOutput(f"{out} holds the content folder {content}; choose another --out")
    if content in out.parents:
        raise UnsafeOutput(f"{out} is inside the content folder; choose an --out outside it")
    _check_precious(out)
    if os.path.ismount(out):
        raise UnsafeOutput(
            f"{out} is a mount point, which cannot be replaced as a whole; "
            f"choose a folder inside it, e.g. --out {given / 'site'}"
        )
    if (out / ".git").exists():
        raise UnsafeOutput(f"{out} is a git repository; choose another --out")
    if not out.is_dir() or not any(out.iterdir()) or (out / MARKER).exists():
        return
    if not force:
        raise UnsafeOutput(
            f"{out} is not empty and was not made by site_gen; "
            "choose an empty or new folder, or pass --force to replace it"
        )
    repository = _git_repository(out)
    if repository is not None:
        raise UnsafeOutput(
            f"{out} was not made by site_gen and is part of the git repository {repository}: "
            "--force never deletes files of a repository; choose another --out"
        )


def _check_kind(out: Path) -> None:
    """`out` is a folder, or nothing yet under folders."""
    try:
        found = os.stat(out)  # where a link leads
    except FileNotFoundError:
        if os.path.islink(out):
            raise UnsafeOutput(f"{out} is a link to nothing; choose another --out") from None
        found = None
    except NotADirectoryError:
        found = None
    if found is not None and not stat.S_ISDIR(found.st_mode):
        kind = _KINDS.get(stat.S_IFMT(found.st_mode), "not a folder")
        raise UnsafeOutput(f"{out} is {kind}, not a folder; choose another --out")
    for parent in Path(os.path.abspath(out)).parents:
        if os.path.lexists(parent):
            if not parent.is_dir():
                raise UnsafeOutput(
                    f"{out} cannot be made: {parent} is not a folder; choose another --out"
                )
            break


def _check_precious(out: Path) -> None:
    """Never the root, the home folder, the working folder or a folder above either."""
    for name, folder in (("your home folder", _home()), ("the folder you are in", Path.cwd())):
        if folder is not None and (out == folder or out in folder.parents):
            raise UnsafeOutput(f"{out} holds {name} ({folder}); choose another --out")
    if out == Path(out.anchor):
        raise UnsafeOutput(f"{out} is the root of the file system; choose another --out")


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):  # no home folder known
        return None


def _git_repository(out: Path) -> Path | None:
    """The git repository `out` is inside of or holds, or None."""
    for folder in out.parents:
        if (folder / ".git").exists():
            return folder
    for below, dirs, files in os.walk(out):
        if ".git" in dirs or ".git" in files:  # a submodule's .git is a file
            return Path(below)
    return None


_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "your disk quota is used up: free some space and build again",
    errno.EROFS: "the file system is read-only: build into a folder you can write",
    errno.EACCES: "check the permissions of the --out folder and the folder that holds it",
    errno.EPERM: "check the permissions of the --out folder and the folder that holds it",
    errno.EBUSY: "another program holds it (a mount point, or an open window on Windows)",
}


def write_failure(exc: OSError, out: Path) -> str:
    """A build stopped by the file system (a full disk, say), said plainly: the previous
    site is kept."""
    where = f" {exc.filename}" if exc.filename else ""
    what = exc.strerror or str(exc)
    hint = _HINTS.get(exc.errno or 0, "")
    return f"the build stopped:{where}: {what}; {out} was left as it was" + (
        f"\n  hint: {hint}" if hint else ""
    )
