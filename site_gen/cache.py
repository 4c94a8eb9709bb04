"""The build cache: what earlier builds worked out, so a rebuild does only what changed.

It lives in a folder beside the output (`.site-gen-cache/` by default), is safe to delete
at any time, and is never needed for a correct build: a build without it, or with a broken
one, makes the same files. It holds one SQLite database with

entries of a few kinds, each a key and a value of a declared type. The build session
(site_gen.incremental) decides what they hold: parsed meetings, each only ever found by the
key of exactly the input it was made from, and what the last build made of an output folder.

Entries are data, never code: JSON read back by declared types (site_gen.cache_codec),
each sealed with a keyed digest of its kind, key and bytes (the key is in the folder,
readable by its owner only). An entry that fails its seal, does not fit its type, or belongs
to another key is ignored and made again; a database that cannot be read is replaced; a
folder that another user owns or can write is not used (site_gen.cache_folder).
"""

from __future__ import annotations

import gc
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from site_gen.cache_codec import DecodeError, decode, encode
from site_gen.cache_folder import cache_key, private_file_ok, unsafe_cache_folder

DEFAULT_NAME = ".site-gen-cache"
DATABASE = "cache.sqlite"
SCHEMA = 7  # bump when the tables or the payloads change shape
_TAG = (  # https://bford.info/cachedir/: backup tools skip folders with this file
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is site_gen's build cache: safe to delete, rebuilt as needed.\n"
)
_BATCH = 500  # keys per SELECT: below SQLite's limit on parameters
T = TypeVar("T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while many objects that hold no cycle are made (decoded
    entries, the linked model): each collection walks every object made so far, and they
    took a third of the time of decoding 5,000 meetings. Collected as usual after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_cache_dir(out: Path) -> Path:
    return out.resolve().parent / DEFAULT_NAME


class BuildCache:
    """The cache folder's database. Every failure to read or write it is a cache miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db: sqlite3.Connection | None = None
        self._key = b""  # seals the entries (cache_folder.cache_key)
        self._pending: list[tuple[str, str, bytes, bytes]] = []
        self.notice = ""  # why the cache was not used, for the build to tell

    # Opening ---------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if self.notice:
            return None
        unsafe = unsafe_cache_folder(self.folder)
        if unsafe:
            self.notice = unsafe
            return None
        try:
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
            self._key = cache_key(self.folder)
            self._db = self._open(self.folder / DATABASE)
        except (OSError, sqlite3.Error):
            self._db = None
        return self._db

    def _seal(self, kind: str, key: str, data: bytes) -> bytes:
        """The keyed digest that proves an entry was written by this cache's owner."""
        text = f"{kind}\0{key}\0".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(text + data, key=self._key, digest_size=32).digest()

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        """The database at `path`, replaced by an empty one if it is not a usable cache."""
        for attempt in range(2):
            for own in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
                if not private_file_ok(own):  # not ours alone: start again without it
                    own.unlink()
            db = sqlite3.connect(path, isolation_level=None)
            try:
                # A cache can always be rebuilt: no need to wait for the disk on every commit.
                db.execute("PRAGMA synchronous = OFF")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA:
                    db.execute("DROP TABLE IF EXISTS entries")
                    db.execute(
                        "CREATE TABLE entries (kind TEXT, key TEXT, digest BLOB, data BLOB,"
                        " PRIMARY KEY (kind, key)) WITHOUT ROWID"
                    )
                    db.execute(f"PRAGMA user_version = {SCHEMA}")
                db.execute("SELECT count(*) FROM entries WHERE kind = 'none'").fetchone()
                return db
            except sqlite3.DatabaseError:
                db.close()
                if attempt:
                    raise
                # Not a database, or a damaged one: start again with an empty cache.
                for leftover in path.parent.glob(path.name + "*"):
                    leftover.unlink()
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    # Entries -----------------------------------------------------------------------

    def _get_many(
        self, kind: str, keys: Sequence[str], of: type[T], names: dict[str, object] | None = None
    ) -> Iterator[tuple[str, T]]:
        """The entries of `kind` found for `keys` that are sealed and hold an `of`."""
        db = self._connect()
        if db is None:
            return
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            try:
                rows = db.execute(
                    f"SELECT key, digest, data FROM entries WHERE kind = ? AND key IN ({marks})",
                    (kind, *batch),
                ).fetchall()
            except sqlite3.Error:
                return
            for key, seal, data in rows:
                if not isinstance(data, bytes) or seal != self._seal(kind, key, data):
                    continue  # damaged, or not written by this cache's owner
                try:
                    stored_key, value = decode(tuple[str, of], data, names)  # type: ignore[valid-type]
                except DecodeError:
                    continue
                if stored_key == key:
                    yield key, value

    def _put(self, kind: str, key: str, value: Any) -> None:
        self._pending.append((kind, key, b"", encode((key, value))))

    def flush(self) -> None:
        """Store what was put since the last flush, in one transaction."""
        pending, self._pending = self._pending, []
        db = self._connect()
        if db is None or not pending:
            return
        sealed = [(kind, key, self._seal(kind, key, data), data) for kind, key, _, data in pending]
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", sealed)
        except sqlite3.Error:
            pass  # a cache that cannot be written is only slower

    def forget_except(self, kind: str, keep: Iterable[str]) -> None:
        """Drop entries of `kind` that the last build did not use, so the cache stays small."""
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM keep")
                db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
                db.execute(
                    "DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM keep)",
                    (kind,),
                )
        except sqlite3.Error:
            pass

    # Reading and writing -------------------------------------------------------------

    def get_many(
        self, kind: str, keys: Sequence[str], of: type[T], names: dict[str, object] | None = None
    ) -> dict[str, T]:
        """The entries of `kind` found for `keys`, each an `of`; `names` resolves the
        annotations of `of` that name types imported only for type checking."""
        with gc_paused():
            return dict(self._get_many(kind, keys, of, names))

    def get(self, kind: str, key: str, of: type[T]) -> T | None:
        return next((value for _, value in self._get_many(kind, [key], of)), None)

    def put(self, kind: str, key: str, value: object) -> None:
        """Stored at the next flush."""
        self._put(kind, key, value)


def check_cache_dir(cache_dir: Path, content: Path, out: Path) -> str | None:
    """Why `cache_dir` must not be used (it would be published or read as content), or None."""
    folder, content, out = cache_dir.resolve(), content.resolve(), out.resolve()
    for inside, what in ((content, "the content folder"), (out, "the output folder")):
        if folder == inside or inside in folder.parents:
            return f"the cache folder {cache_dir} is inside {what}; choose another --cache-dir"
    if folder == out or folder in out.parents or folder in content.parents:
        return f"the cache folder {cache_dir} holds the site's folders; choose another --cache-dir"
    return None
