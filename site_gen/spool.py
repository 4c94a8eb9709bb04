"""Files made in another process, handed back through a folder on disk one at a time.

The outputs (open data, feeds, calendars) are made in a worker while the pages render. Sent
back whole through a pipe, every byte of them would be held three times at once: the
worker's list, the pickle between the processes, and the list the build receives. Spooled,
each file is written as it is made and read back as the write stage places it: neither
process holds more than the one file it works on.

The folder is beside the output folder, named as a staging folder is, so that one a killed
build left behind is removed by the next build (site_gen.write.remove_stale_staging).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from site_gen.swap import staging_prefix


class Spool:
    """A folder of files by number, each read once and removed."""

    def __init__(self, out: Path) -> None:
        out = out.resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        prefix = f"{staging_prefix(out)}{os.getpid()}-spool-"
        self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))

    def fill(self, files: Iterable[tuple[str, bytes]]) -> list[str]:
        """Write each file as it comes; their names, in order, to `drain` them by."""
        names = []
        for number, (name, data) in enumerate(files):
            (self.folder / str(number)).write_bytes(data)
            names.append(name)
        return names

    def drain(self, names: list[str]) -> Iterator[tuple[str, bytes]]:
        """Each file `fill` wrote, in order, read as it is asked for and then removed."""
        for number, name in enumerate(names):
            path = self.folder / str(number)
            data = path.read_bytes()
            path.unlink()
            yield name, data

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
