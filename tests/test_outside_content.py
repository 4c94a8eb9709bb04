"""Nothing is read from outside the content folder, and no setting writes outside the output.

Every content file (site, people, group, meeting, paper) that is a link, or sits in a linked
folder, leading out of the content folder is refused at `path:line`, through the real
command (build and check alike), and the text of the file it leads to appears in no message
and no file. Settings that reach file names are validated."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.outputs.search import find_pagefind
from tests.build_cli import assert_clean_failure, build_args, site_gen, snapshot
from tests.fs_faults import copy_tree

SENTINEL = "SENTINEL-OUTSIDE-7"
MEETING = "meetings/evidence-group/2021-07-30.md"
# What lies outside: text that would fail as YAML or Markdown and so be quoted, if read.
OUTSIDE_TEXT = f"title: [{SENTINEL}\n{SENTINEL}: {{\n---\n{SENTINEL}\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "minutes").mkdir(parents=True)
    (folder / "secret.yaml").write_text(OUTSIDE_TEXT)
    (folder / "minutes" / "2022-01-01.md").write_text(OUTSIDE_TEXT)
    (folder / "groups").mkdir()
    (folder / "groups" / "evidence-group.yaml").write_text(OUTSIDE_TEXT)
    return folder


def relative_link(link: Path, target: Path) -> None:
    link.symlink_to(os.path.relpath(target, link.parent))


Shape = Callable[[Path, Path], str]


def site_file(content: Path, outside: Path) -> str:
    (content / "site.yaml").unlink()
    (content / "site.yaml").symlink_to(outside / "secret.yaml")  # absolute
    return "site.yaml"


def people_file(content: Path, outside: Path) -> str:
    (content / "people.yaml").unlink()
    relative_link(content / "people.yaml", outside / "secret.yaml")  # relative
    return "people.yaml"


def group_file(content: Path, outside: Path) -> str:
    (content / "groups" / "board.yaml").symlink_to(outside / "secret.yaml")
    return "groups/board.yaml"


def meeting_file(content: Path, outside: Path) -> str:
    link = content / "meetings" / "evidence-group" / "2021-08-01.md"
    relative_link(link, outside / "minutes" / "2022-01-01.md")
    return "meetings/evidence-group/2021-08-01.md"


def meeting_through_a_chain(content: Path, outside: Path) -> str:
    """A link to a link inside the content folder, which leads out."""
    (content / "archive").mkdir()
    relative_link(content / "archive" / "hop.md", outside / "minutes" / "2022-01-01.md")
    link = content / "meetings" / "evidence-group" / "2021-08-02.md"
    relative_link(link, content / "archive" / "hop.md")
    return "meetings/evidence-group/2021-08-02.md"


def linked_meeting_folder(content: Path, outside: Path) -> str:
    (content / "meetings" / "old").symlink_to(outside / "minutes")
    return "meetings/old"


def linked_meetings(content: Path, outside: Path) -> str:
    """The whole meetings folder a link out."""
    (outside / "minutes" / "evidence-group").mkdir()
    (outside / "minutes" / "evidence-group" / "2021-09-01.md").write_text(OUTSIDE_TEXT)
    target = outside / "all-minutes"
    os.rename(content / "meetings", target)
    (content / "meetings").symlink_to(outside / "minutes")
    return "meetings/evidence-group/2021-09-01.md"


def linked_groups(content: Path, outside: Path) -> str:
    os.rename(content / "groups", outside / "old-groups")
    (content / "groups").symlink_to(outside / "groups")
    return "groups/evidence-group.yaml"


def system_file(content: Path, outside: Path) -> str:
    """A link to a file of the system whose lines would say much (the environment)."""
    (content / "people.yaml").unlink()
    (content / "people.yaml").symlink_to("/proc/self/environ")
    return "people.yaml"


@pytest.mark.parametrize(
    "shape",
    [
        site_file,
        people_file,
        group_file,
        meeting_file,
        meeting_through_a_chain,
        linked_meeting_folder,
        linked_meetings,
        linked_groups,
        system_file,
    ],
)
def test_a_file_linked_from_outside_is_refused_unread(
    sample_content: Path, tmp_path: Path, outside: Path, shape: Shape
) -> None:
    content = copy_tree(sample_content, tmp_path / "content")
    out = tmp_path / "out"
    shown = shape(content, outside)
    for command in (build_args(content, out, "--no-search"), ["check", "--content", content]):
        run = site_gen(*command, env={"SITE_GEN_PROBE": SENTINEL})
        assert_clean_failure(run, f"{content}/{shown}:1: error: this f", "outside the content")
        assert SENTINEL not in run.stdout + run.stderr
    assert not out.exists()


def test_links_that_stay_inside_the_content_folder_are_read(
    sample_content: Path, tmp_path: Path
) -> None:
    content = copy_tree(sample_content, tmp_path / "content")
    (content / "shared").mkdir()
    os.rename(content / "people.yaml", content / "shared" / "people.yaml")
    relative_link(content / "people.yaml", content / "shared" / "people.yaml")
    run = site_gen(*build_args(content, tmp_path / "out", "--no-search"))
    assert run.returncode == 0, run.stderr
    reference = site_gen(*build_args(sample_content, tmp_path / "ref", "--no-search"))
    assert reference.returncode == 0
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "ref")


def _with_language(content: Path, language: str) -> None:
    site = content / "site.yaml"
    lines = [x for x in site.read_text().splitlines() if not x.startswith("language:")]
    site.write_text("\n".join([*lines, f"language: {language}"]) + "\n")


@pytest.mark.parametrize(
    "language",
    ['"en/../../x"', '"../x"', '"en\\\\..\\\\x"', '"en GB"', '"en_GB"', '"en\\nx"', "e",
     '"en-"', '"-en"', '"en-GB/"', '"\\u0435n"', '"en-toolongsubtag"', "[en]"],
)  # fmt: skip
def test_a_language_that_is_not_a_tag_is_refused(
    sample_content: Path, tmp_path: Path, language: str
) -> None:
    content = copy_tree(sample_content, tmp_path / "content")
    _with_language(content, language)
    run = site_gen(*build_args(content, tmp_path / "site" / "out"))
    assert_clean_failure(run, "site.yaml:")
    assert "language" in run.stderr
    assert made_outside(tmp_path) == ["site"]  # no output, nothing beside it but the cache


def made_outside(root: Path) -> list[str]:
    """Everything under `root` but the content and the build cache."""
    skip = ("content", "site/.site-gen-cache")
    names = (p.relative_to(root).as_posix() for p in root.rglob("*"))
    return sorted(n for n in names if not any(n == s or n.startswith(s + "/") for s in skip))


@pytest.mark.skipif(find_pagefind() is None, reason="Pagefind is not installed")
def test_a_language_tag_names_only_files_inside_the_search_bundle(
    sample_content: Path, tmp_path: Path
) -> None:
    content = copy_tree(sample_content, tmp_path / "content")
    _with_language(content, "zh-Hant-TW")
    out = tmp_path / "site" / "out"
    run = site_gen(*build_args(content, out))
    assert run.returncode == 0, run.stderr
    assert (out / "pagefind" / "wasm.zh.pagefind").is_file() or any(
        (out / "pagefind").glob("pagefind.zh-hant-tw_*.pf_meta")
    )
    assert [n for n in made_outside(tmp_path) if not n.startswith("site/out/")] == [
        "site",
        "site/out",
    ]
