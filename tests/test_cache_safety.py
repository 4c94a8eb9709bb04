"""No code runs from the build cache, and a cache that is not this user's alone is not used.

Entries are JSON read back by declared types and sealed with a key only the owner can read:
a pickle (even one sealed with the right key) never runs, a forged or damaged entry is
rebuilt, and a cache folder that another user owns or can write is left alone."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import pytest

from benchmarks import scenarios
from site_gen import cache as build_cache
from site_gen.cache_codec import DecodeError, decode, encode
from site_gen.cache_folder import KEY
from site_gen.digests import digest
from site_gen.parse.records import MeetingRecord
from site_gen.pipeline import BuildOptions, build
from site_gen.problems import Problem, Severity
from site_gen.vocabulary import MeetingStatus
from tests.build_cli import build_args, site_gen, snapshot

OTHER_USER = 65534  # nobody
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder away")


class RunsCode:
    """Unpickling this makes a folder: proof that the cache ran code."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.canary),)


@pytest.fixture
def built(small_corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The small archive, built once with the cache; then one of its meetings edited."""
    content, out = small_corpus_copy, tmp_path / "site" / "out"
    first = site_gen(*build_args(content, out, "--no-search", "--jobs", "1"))
    assert first.returncode == 0, first.stderr
    scenarios.edit_meeting(content, 1)
    return content, out


def cache_folder(out: Path) -> Path:
    return out.parent / build_cache.DEFAULT_NAME


def rows(out: Path) -> list[tuple[str, str, bytes]]:
    with sqlite3.connect(cache_folder(out) / build_cache.DATABASE) as db:
        found = db.execute("SELECT kind, key, data FROM entries").fetchall()
    return [(kind, key, bytes(data)) for kind, key, data in found]


def rewrite(out: Path, new: dict[tuple[str, str], tuple[bytes, bytes]]) -> None:
    """Replace entries' (seal, data), as someone with write access to the file could."""
    with sqlite3.connect(cache_folder(out) / build_cache.DATABASE) as db:
        for (kind, key), (seal, data) in new.items():
            db.execute(
                "UPDATE entries SET digest = ?, data = ? WHERE kind = ? AND key = ?",
                (seal, data, kind, key),
            )


def sealed_with(secret: bytes, kind: str, key: str, data: bytes) -> bytes:
    """The seal the cache computes (BuildCache._seal), with any key."""
    text = f"{kind}\0{key}\0".encode()
    return hashlib.blake2b(text + data, key=secret, digest_size=32).digest()


def reference(content: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "reference" / "out"
    run = site_gen(*build_args(content, out, "--no-search", "--no-cache", "--jobs", "1"))
    assert run.returncode == 0, run.stderr
    return snapshot(out)


def rebuild(content: Path, out: Path) -> str:
    run = site_gen(*build_args(content, out, "--no-search", "--jobs", "1"))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return run.stderr


def test_a_pickle_in_the_cache_never_runs_even_when_sealed(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = built
    canary = tmp_path / "code-ran"
    payload = pickle.dumps(RunsCode(canary))
    secret = (cache_folder(out) / KEY).read_bytes()
    entries = rows(out)
    assert {kind for kind, _, _ in entries} == {"meeting", "output", "memo", "written"}
    # Every entry a pickle that runs code: half sealed with the owner's own key (as if the
    # key had leaked), half with the unkeyed digest that the cache once checked.
    forged = {
        (kind, key): (
            sealed_with(secret, kind, key, payload) if n % 2 else digest(payload),
            payload,
        )
        for n, (kind, key, _) in enumerate(entries)
    }
    rewrite(out, forged)
    rebuild(content, out)
    assert not canary.exists(), "unpickling an entry ran code"
    assert snapshot(out) == reference(content, tmp_path)


# Where a meeting record's minutes are among its fields, as the cache writes them.
BODY_HTML = [f.name for f in fields(MeetingRecord)].index("body_html")


def test_forged_or_damaged_entries_are_rebuilt_never_trusted(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = built
    forged: dict[tuple[str, str], tuple[bytes, bytes]] = {}
    for n, (kind, key, data) in enumerate(rows(out)):
        value = json.loads(data)
        if kind == "meeting" and value[1][0]:  # well-formed, but its minutes say otherwise
            assert "<h2" in value[1][0][BODY_HTML]
            value[1][0][BODY_HTML] = "<p>FORGED-MINUTES</p><script>alert(1)</script>"
            data = json.dumps(value).encode()
        else:  # damaged: a byte flipped, or cut short
            data = data[:-1] + bytes([data[-1] ^ 1]) if n % 2 else data[: len(data) // 2]
        # Sealed with a key of the forger's own, or with no key at all.
        seal = sealed_with(b"x" * 32, kind, key, data) if n % 2 else hashlib.sha256(data).digest()
        forged[kind, key] = (seal, data)
    rewrite(out, forged)
    rebuild(content, out)
    built_site = snapshot(out)
    assert not any(b"FORGED-MINUTES" in body for body in built_site.values())
    assert built_site == reference(content, tmp_path)


def sealed_rows(out: Path, kind: str) -> dict[tuple[str, str], tuple[bytes, bytes]]:
    """The entries of `kind` as stored, seal and data: to be put back later."""
    with sqlite3.connect(cache_folder(out) / build_cache.DATABASE) as db:
        found = db.execute("SELECT key, digest, data FROM entries WHERE kind = ?", (kind,))
        return {(kind, key): (bytes(seal), bytes(data)) for key, seal, data in found}


def test_the_output_state_of_another_build_never_stands_for_this_one(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A replay checks the output folder against the state its own build wrote, kept apart
    from the memo: one of an earlier build (sealed by the owner, played back), or a damaged
    one, is not taken: the build is made, as cold."""
    content, out = built
    earlier = sealed_rows(out, "written")
    assert len(earlier) == 1
    options = BuildOptions(content=content, out=out, jobs=1)
    assert build(options).site is not None  # the edit: built
    assert build(options).site is None  # nothing changed: the memo's answer
    ((key, (seal, data)),) = earlier.items()
    for stored in [(seal, data), (seal, data[:-2] + b"]]"), (b"x" * 32, data)]:
        rewrite(out, {key: stored})
        result = build(options)
        assert result.site is not None and not result.failed  # built, not replayed
        assert snapshot(out) == reference(content, tmp_path)
    assert build(options).site is None  # and its own state recorded again


def _poisoned(out: Path, canary: Path) -> bytes:
    """Every entry a code-running pickle sealed with the cache's own key: a cache that is
    read at all would be caught out (by a wrong site, if not by the canary)."""
    payload = pickle.dumps(RunsCode(canary))
    secret = (cache_folder(out) / KEY).read_bytes()
    rewrite(
        out,
        {(k, key): (sealed_with(secret, k, key, payload), payload) for k, key, _ in rows(out)},
    )
    return (cache_folder(out) / build_cache.DATABASE).read_bytes()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777, 0o722])
def test_a_cache_folder_others_can_write_is_not_used(
    built: tuple[Path, Path], tmp_path: Path, mode: int
) -> None:
    content, out = built
    folder = cache_folder(out)
    database = _poisoned(out, tmp_path / "code-ran")
    folder.chmod(mode)
    warning = rebuild(content, out)
    assert "can be written by other users" in warning and str(folder) in warning
    assert (folder / build_cache.DATABASE).read_bytes() == database  # neither read nor written
    assert not (tmp_path / "code-ran").exists()
    assert snapshot(out) == reference(content, tmp_path)


@as_root
@pytest.mark.parametrize("how", ["owned", "linked", "given"])
def test_a_cache_folder_of_another_user_is_not_used(
    built: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    content, out = built
    database = _poisoned(out, tmp_path / "code-ran")
    theirs = cache_folder(out)
    if how != "owned":  # the cache is elsewhere: a link to it, or named by --cache-dir
        theirs = Path(shutil.move(theirs, tmp_path / "theirs"))
    if how == "linked":
        cache_folder(out).symlink_to(theirs)
    os.chown(theirs, OTHER_USER, OTHER_USER)
    more = ["--cache-dir", str(theirs)] if how == "given" else []
    run = site_gen(*build_args(content, out, "--no-search", "--jobs", "1", *more))
    assert run.returncode == 0, run.stderr
    assert "belongs to another user" in run.stderr
    assert (theirs / build_cache.DATABASE).read_bytes() == database
    assert not (tmp_path / "code-ran").exists()
    assert snapshot(out) == reference(content, tmp_path)


def test_a_key_or_database_others_could_touch_is_replaced(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = built
    folder = cache_folder(out)
    key, database = folder / KEY, folder / build_cache.DATABASE
    old_key = key.read_bytes()
    key.chmod(0o644)  # readable by others: anyone could have sealed entries with it
    elsewhere = tmp_path / "elsewhere.sqlite"
    os.link(database, elsewhere)  # the database is also another name's file
    kept = elsewhere.read_bytes()
    rebuild(content, out)
    assert key.read_bytes() != old_key and key.stat().st_mode & 0o777 == 0o600
    assert database.stat().st_nlink == 1 and elsewhere.read_bytes() == kept
    assert folder.stat().st_mode & 0o777 == 0o700
    assert snapshot(out) == reference(content, tmp_path)
    # The key as a link to a file of someone else's choosing: replaced, the target untouched.
    chosen = tmp_path / "chosen-key"
    chosen.write_bytes(b"k" * 32)
    key.unlink()
    key.symlink_to(chosen)
    rebuild(content, out)
    assert not key.is_symlink() and chosen.read_bytes() == b"k" * 32


@dataclass(frozen=True)
class _Inner:
    when: date | None
    status: MeetingStatus
    raw: bytes


@dataclass(frozen=True)
class _Outer:
    name: str
    count: int
    flag: bool
    items: tuple[_Inner, ...]
    names: frozenset[str]
    table: dict[str, Problem]
    pair: tuple[str, int]


def test_the_codec_reads_back_exactly_what_it_wrote_and_nothing_else() -> None:
    problem = Problem("a.md", 3, Severity.WARNING, "odd", "fix it", "odd-code")
    inner = _Inner(date(2021, 7, 30), MeetingStatus.DRAFT, b"\x00\xff")
    value = _Outer("\udcff path", 2, True, (inner, _Inner(None, MeetingStatus.APPROVED, b"")),
                   frozenset({"b", "a"}), {"p": problem}, ("x", 1))  # fmt: skip
    assert decode(_Outer, encode(value)) == value
    data = json.loads(encode(value))
    wrong = [
        [*data[:2], 1, *data[3:]],  # 1 is not True
        [data[0], True, *data[2:]],  # True is not 2
        data[:-1],  # a field missing
        [*data, 0],  # one too many
        [*data[:3], [[*data[3][0][:1], "secret", data[3][0][2]]], *data[4:]],  # no such status
        [*data[:3], [["2021-02-30", "draft", ""]], *data[4:]],  # no such day
        {"name": "x"},  # a mapping is not a record
        ["os.system", "echo hi"],
    ]
    for bad in wrong:
        with pytest.raises(DecodeError):
            decode(_Outer, json.dumps(bad).encode())
    with pytest.raises(DecodeError):
        decode(_Outer, pickle.dumps(value))


@dataclass(frozen=True, kw_only=True)
class _Listed:
    names: tuple[str, ...]
    note: str | None
    count: int = 0
    statuses: tuple[MeetingStatus, ...] = ()


def test_the_codecs_shortcuts_check_every_value_they_take_as_it_is() -> None:
    """The decoders that take JSON's own values (strings in a tuple, an optional string, an
    enum looked up by value) refuse what is not exactly that, as the general path does."""
    value = _Listed(names=("a", "b"), note=None, count=3, statuses=(MeetingStatus.DRAFT,))
    assert decode(_Listed, encode(value)) == value
    assert decode(_Listed, encode(value)).names == ("a", "b")
    data = json.loads(encode(value))
    wrong = [
        [["a", 1], *data[1:]],  # an int among the strings
        [["a", None], *data[1:]],  # no None where the tuple holds strings
        ["a", *data[1:]],  # a string is not a tuple of them
        [data[0], 5, *data[2:]],  # an int is not an optional string
        [data[0], data[1], True, data[3]],  # True is not 3
        [*data[:3], [["draft"]]],  # an unhashable value is no status
        [*data[:3], [None]],  # nor is null
    ]
    for bad in wrong:
        with pytest.raises(DecodeError):
            decode(_Listed, json.dumps(bad).encode())
