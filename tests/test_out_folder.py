"""Which --out a build refuses, with or without --force: anything that is not a folder it can
replace whole, and anything whose loss would hurt. Each refusal is a plain message and a
non-zero exit, and what was there is untouched."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.build_cli import ROOT, assert_clean_failure, build_args, site_gen, snapshot

Mount = Callable[..., Path]
FORCE = [[], ["--force"]]


@pytest.fixture
def content(sample_content: Path) -> Path:
    return sample_content


def kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


@pytest.mark.parametrize("force", FORCE, ids=["plain", "force"])
def test_an_out_that_is_not_a_folder_is_refused(
    content: Path, tmp_path: Path, unix_socket: Path, force: list[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    file = tmp_path / "notes.txt"
    file.write_text("my notes\n")
    to_fifo, dangling = tmp_path / "to-fifo", tmp_path / "dangling"
    to_fifo.symlink_to(fifo)
    dangling.symlink_to(tmp_path / "nowhere")
    cases = {
        fifo: "named pipe (FIFO)",
        unix_socket: "socket",
        Path("/dev/null"): "character device",
        file: "a file",
        to_fifo: "named pipe (FIFO)",
        dangling: "link to nothing",
        file / "site": "is not a folder",  # under a file
        file / "a" / "b": "is not a folder",
    }
    for out, said in cases.items():
        existed = os.path.lexists(out)
        was = kind(out) if existed else None
        run = site_gen(*build_args(content, out, "--no-search", *force))
        assert_clean_failure(run, said, "choose another --out")
        assert run.returncode == 2
        if existed:
            assert kind(out) == was, out
    assert file.read_text() == "my notes\n"
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["fifo", "notes.txt", "to-fifo", "dangling", "sock"]
    )


def _foreign(folder: Path) -> dict[str, bytes]:
    """A folder of someone's own files, not made by site_gen."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "plan.md").write_text("the plan\n")
    return snapshot(folder)


def test_force_never_deletes_a_folder_of_a_git_repository(content: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    inside = repo / "docs"
    before = _foreign(repo)
    nested = tmp_path / "project"
    (nested / "vendor" / "lib" / ".git").mkdir(parents=True)  # a repository below it
    (nested / "vendor" / "lib" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    submodule = tmp_path / "withsub"
    (submodule / "sub").mkdir(parents=True)
    (submodule / "sub" / ".git").write_text("gitdir: ../.git/modules/sub\n")  # a file
    for out in (inside, repo, nested, submodule):
        kept = snapshot(out)
        run = site_gen(*build_args(content, out, "--no-search", "--force"))
        assert_clean_failure(run, "repository")
        assert snapshot(out) == kept
    assert snapshot(repo) == before
    # A site of site_gen's own inside a repository is replaced as always (--out docs/site).
    site = repo / "site"
    assert site_gen(*build_args(content, site, "--no-search")).returncode == 0
    assert site_gen(*build_args(content, site, "--no-search", "--force")).returncode == 0


def test_force_never_deletes_home_or_its_parents_or_the_working_folder(
    content: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home" / "clerk"
    _foreign(home)
    before = snapshot(tmp_path / "home")
    for out in (home, home.parent, home / ".." / "clerk"):
        run = site_gen(*build_args(content, out, "--no-search", "--force"), env={"HOME": str(home)})
        assert_clean_failure(run, "home folder")
    assert snapshot(tmp_path / "home") == before
    # The folder the command runs in, and the one above it.
    work = tmp_path / "work" / "minutes"
    _foreign(work)
    kept = snapshot(tmp_path / "work")
    for out in (work, work.parent, Path(".")):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "site_gen.cli",
                *map(str, build_args(content, out, "--no-search", "--force")),
            ],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert_clean_failure(run, "the folder you are in")
    assert snapshot(tmp_path / "work") == kept


@pytest.mark.parametrize("force", FORCE, ids=["plain", "force"])
def test_an_out_that_is_a_mount_point_is_refused(
    content: Path, tmpfs: Mount, force: list[str]
) -> None:
    out = tmpfs("mounted", 4096)
    (out / "keep.txt").write_text("kept\n")
    before = snapshot(out)
    run = site_gen(*build_args(content, out, "--no-search", *force))
    assert_clean_failure(run, "mount point", f"--out {out / 'site'}")
    assert snapshot(out) == before and sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    # As the message says: a folder inside it works.
    assert site_gen(*build_args(content, out / "site", "--no-search")).returncode == 0
