"""The installed package (not a checkout) carries the default theme and builds a site."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_theme_and_builds_the_sample(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("site_gen-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    assert "site_gen/templates/base.html" in names
    assert "site_gen/templates/static/style.css" in names

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
