"""The build cache's folder: this user's alone, or not used at all.

The cache holds parsed minutes, drafts included, and what the next build will trust. So its
folder must belong to the user who builds and be writable by no one else (a folder shared
with other users, or planted by one, is refused: the build goes on without a cache and says
why), and it is made readable by its owner only. Each entry is sealed with a secret key kept
in the folder, readable by its owner only: an entry written or changed by anyone who cannot
read the key fails its seal and is rebuilt, never trusted.
"""

from __future__ import annotations

import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

KEY = "key"
_KEY_BYTES = 32


def unsafe_cache_folder(folder: Path) -> str | None:
    """Make `folder` if it is missing; why it must not be used, or None when it is ours.
    A folder that cannot be made is not a danger: the build simply has no cache."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.stat(folder)  # where a link leads: the folder that would be used
    except OSError as exc:
        return f"the build cache {folder} cannot be used ({exc.strerror}); building without it"
    fix = "remove it, or choose another --cache-dir"
    if not stat.S_ISDIR(found.st_mode):
        return f"the build cache {folder} is not a folder; building without it ({fix})"
    if found.st_uid != os.geteuid():
        return f"the build cache {folder} belongs to another user; building without it ({fix})"
    if found.st_mode & 0o022:
        return (
            f"the build cache {folder} can be written by other users; building without it "
            f"({fix}, or make it private: chmod 700)"
        )
    if found.st_mode & 0o077:
        with suppress(OSError):
            os.chmod(folder, 0o700)  # ours: keep its drafts from other users' eyes
    return None


def private_file_ok(path: Path) -> bool:
    """Whether `path`, if it exists, is a plain file of ours that no one else can write."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return True
    return (
        stat.S_ISREG(found.st_mode)
        and found.st_uid == os.geteuid()
        and not found.st_mode & 0o022
        and found.st_nlink == 1  # a hard link could be another's file, written elsewhere
    )


def cache_key(folder: Path) -> bytes:
    """The secret that seals this cache's entries, made on first use. A key file that anyone
    else could have read or written is replaced, which turns every entry into a miss."""
    path = folder / KEY
    for _ in range(3):  # another build may be making it at the same moment
        key = _read_key(path)
        if key is not None:
            return key
        key = secrets.token_bytes(_KEY_BYTES)
        temp = folder / f".{KEY}.{os.getpid()}"
        temp.unlink(missing_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
        os.replace(temp, path)
    raise OSError(f"cannot make the key of the build cache {folder}")


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        found = os.fstat(fd)
        data = os.read(fd, _KEY_BYTES + 1) if stat.S_ISREG(found.st_mode) else b""
    finally:
        os.close(fd)
    private = found.st_uid == os.geteuid() and not found.st_mode & 0o077
    return data if private and found.st_nlink == 1 and len(data) == _KEY_BYTES else None
