"""Shared fixtures: the sample site built once per session, a small generated archive, and
the golden-file switch."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.corpus import CorpusSpec, generate
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.problems import Problem

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"
REGEN_ENV = "SITE_GEN_REGEN"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite every expected file (tests/golden/, tests/invalid/*/expected.txt) "
        f"instead of comparing; or set {REGEN_ENV}=1. Review the diff.",
    )


def regen_requested(config: pytest.Config) -> bool:
    return bool(config.getoption("--regen")) or os.environ.get(REGEN_ENV) == "1"


@pytest.fixture(scope="session")
def regen_golden(pytestconfig: pytest.Config) -> bool:
    """True when the golden files should be rewritten rather than compared."""
    return regen_requested(pytestconfig)


@dataclass(frozen=True)
class SampleBuild:
    out: Path
    result: BuildResult


def build_sample(out: Path) -> BuildResult:
    """Build the repository's content/ into `out` through the real pipeline; it must succeed."""
    result = build(BuildOptions(content=SAMPLE_CONTENT, out=out))
    problems = "\n".join(p.format() for p in result.problems)
    assert not result.failed, f"the sample site failed to build:\n{problems}"
    return result


@pytest.fixture(scope="session")
def build_sample_into() -> Callable[[Path], BuildResult]:
    """build_sample, for tests that need a fresh build of the sample into a folder of theirs."""
    return build_sample


@pytest.fixture(scope="session")
def sample_content() -> Path:
    """The repository's sample content folder (read only)."""
    return SAMPLE_CONTENT


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The sample site, built once per session. Tests must not change its files."""
    out = tmp_path_factory.mktemp("sample") / "output"
    return SampleBuild(out, build_sample(out))


@pytest.fixture(scope="session")
def sample_site(sample_build: SampleBuild) -> Path:
    """The output folder of the sample site, built once per session."""
    return sample_build.out


@pytest.fixture(scope="session")
def sample_problems(sample_build: SampleBuild) -> tuple[Problem, ...]:
    """Every problem (warnings included) reported while building the sample site."""
    return sample_build.result.problems


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of 30 meetings of 3 groups over 5 years, made once."""
    return generate(CorpusSpec(30, groups=3, years=5), tmp_path_factory.mktemp("c") / "content")


@pytest.fixture
def small_corpus_copy(small_corpus: Path, tmp_path: Path) -> Path:
    """A copy of the small archive, for one test to edit."""
    return Path(shutil.copytree(small_corpus, tmp_path / "content"))


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """mount(name="disk", size_kb=4096): a fresh tmpfs at tmp_path/name, unmounted after the
    test (tests/fs_faults.py); the test skips where this user cannot mount."""
    from tests.fs_faults import mount_tmpfs, unmount

    mounted: list[Path] = []

    def mount(name: str = "disk", size_kb: int = 4096) -> Path:
        mount_tmpfs(tmp_path / name, size_kb)
        mounted.append(tmp_path / name)
        return tmp_path / name

    yield mount
    for point in reversed(mounted):
        unmount(point)
