"""A site's own templates: problems in them are reported where they are, never as a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(ROOT / "content"), *args],
        capture_output=True,
        text=True,
    )


def test_an_error_while_rendering_names_the_template_and_line(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "404.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n<p>{{ nosuch }}</p>\n{% endblock %}\n'
    )
    run = run_build("--templates", str(theme), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == (
        f"{theme / '404.html'}:3: error: template error: 'nosuch' is undefined"
    )
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_theme_failing_in_its_own_code_is_a_template_error_not_a_traceback(
    tmp_path: Path,
) -> None:
    # Not Jinja's errors: Python's, raised by what the template does with the values.
    failures = {
        "404.html": "{{ 1 // 0 }}",  # ZeroDivisionError
        "person.html": "{% set a, b = [1, 2, 3] %}",  # ValueError: too many to unpack
        "group.html": '{{ "%d" % "ten" }}',  # TypeError: a format given the wrong value
    }
    for name, code in failures.items():
        theme = tmp_path / name
        theme.mkdir()
        (theme / name).write_text(
            f'{{% extends "base.html" %}}\n{{% block content %}}\n\n{code}\n{{% endblock %}}\n'
        )
        out = tmp_path / f"out-{name}"
        run = run_build("--templates", str(theme), "--out", str(out))
        assert run.returncode == 1, run.stderr
        first = run.stderr.splitlines()[0]
        assert first.startswith(f"{theme / name}:4: error: template error: "), run.stderr
        assert "Traceback" not in run.stderr
        assert not out.exists()


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "person.html").write_text("line one\n{% if %}\n")
    run = run_build("--templates", str(theme), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert run.stderr.startswith(f"{theme / 'person.html'}:2: error: template error:")


def test_a_missing_templates_folder_is_a_usage_error(tmp_path: Path) -> None:
    run = run_build("--templates", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert "templates folder" in run.stderr and "does not exist" in run.stderr
