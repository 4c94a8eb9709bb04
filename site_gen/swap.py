"""Swapping a finished site in place of the live one, so that some site is always there.

Where the system can (Linux's renameat2 with RENAME_EXCHANGE, on most local file systems),
the two folders trade places in one step: there is no moment without a site. Elsewhere it
takes two renames, the live site into a retired folder beside it, then the new site into
place; a build killed between them leaves no site at that name, only the retired one. So
every build first looks for a retired site whose build is gone and, if the site is missing,
puts it back (`recover`): the complete site that was live before.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

RETIRED = "site"  # the live site's name inside a retired folder
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Tests set this to a file's path: the swap then takes two renames, makes the file between
# them and waits there to be killed (tests/test_faults.py), the one moment a kill matters.
PAUSE_BETWEEN_RENAMES = "SITE_GEN_TEST_PAUSE_BETWEEN_RENAMES"


def retired_prefix(out: Path) -> str:
    return f".{out.name}.old-"


def staging_prefix(out: Path) -> str:
    return f".{out.name}.new-"


def beside(out: Path, prefix: str) -> list[Path]:
    """The entries beside `out` whose names start with `prefix` (taken literally, unlike a
    glob pattern: an output folder may be named "site[1]")."""
    try:
        names = os.listdir(out.parent)
    except OSError:
        return []
    return [out.parent / name for name in sorted(names) if name.startswith(prefix)]


def swap_in(staging: Path, out: Path, marker: str) -> None:
    """Put the finished site `staging` at `out`; the previous site there is removed."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return
    pause = os.environ.get(PAUSE_BETWEEN_RENAMES)
    if not pause and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    retired = Path(tempfile.mkdtemp(prefix=f"{retired_prefix(out)}{os.getpid()}-", dir=out.parent))
    try:
        os.rename(out, retired / RETIRED)
    except BaseException:
        retired.rmdir()
        raise
    try:
        if pause:
            _pause(Path(pause))
        os.rename(staging, out)
    except BaseException:
        os.rename(retired / RETIRED, out)  # put the previous site back
        raise
    finally:
        if (out / marker).exists():  # a site is in place: the retired folder is not needed
            shutil.rmtree(retired, ignore_errors=True)


def _exchange(staging: Path, out: Path) -> bool:
    """Trade the two folders' places atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(out), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # this file system or kernel cannot: two renames instead
    raise OSError(code, os.strerror(code), str(out))


def _pause(signal_file: Path) -> None:
    signal_file.write_text(str(os.getpid()))
    while True:
        time.sleep(60)


def recover(out: Path, marker: str) -> Path | None:
    """Put back the site a killed build retired, if there is none at `out`: the retired
    folder it came from, or None. A build still running has its folders left to it."""
    if os.path.lexists(out):
        return None
    prefix = retired_prefix(out)
    found = []
    for folder in beside(out, prefix):
        site = folder / RETIRED
        pid = folder.name.removeprefix(prefix).split("-", 1)[0]
        if (site / marker).is_file() and not running(pid):  # its build was killed
            found.append((site.stat().st_mtime_ns, site))
    if not found:
        return None
    newest = max(found)[1]  # of several killed builds, the site retired last was live last
    os.rename(newest, out)
    return newest.parent


def running(pid: str) -> bool:
    """Whether the build of process `pid` may still be running (then its folder is its own)."""
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True
