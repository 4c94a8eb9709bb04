"""The installed package (not a checkout) carries the default theme and builds a site."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site_gen's wheel, built from this checkout without a network."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (built,) = dist.glob("site_gen-*.whl")
    return built


def test_wheel_carries_the_theme_and_builds_the_sample(wheel: Path, tmp_path: Path) -> None:
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    assert "site_gen/templates/base.html" in names
    assert "site_gen/templates/static/style.css" in names
    assert "site_gen/schemas/meeting.schema.json" in names
    assert "site_gen/starter/dot-github/workflows/pages.yml" in names  # what `init` writes

    # Run from outside the checkout, with the unpacked wheel first on the path.
    code = (
        "import site_gen, sys; from site_gen.cli import main; "
        "print(site_gen.__file__, file=sys.stderr); "
        f"sys.exit(main(['build', '--content', {str(ROOT / 'content')!r}, '--out', 'site']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith(str(installed))  # the wheel's code ran, not the checkout's
    assert (tmp_path / "site" / "static" / "style.css").read_bytes() == (
        ROOT / "templates" / "static" / "style.css"
    ).read_bytes()
    assert (tmp_path / "site" / "groups" / "evidence-group" / "2021-07-30.html").is_file()


def test_init_from_the_installed_wheel_makes_a_site_that_builds(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    code = (
        "import sys; from site_gen.cli import main; "
        "sys.exit(main(sys.argv[1:]) or main(['build', '--content', 'new/content', "
        "'--out', 'new/output', '--strict', '--no-search']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "init", "new", "--date", "2025-01-09"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    for name in (
        "schemas/group.schema.json",
        ".vscode/settings.json",
        ".github/workflows/pages.yml",
    ):
        assert (tmp_path / "new" / name).is_file(), name
    assert (tmp_path / "new/output/groups/committee/2025-01-09.html").is_file()
