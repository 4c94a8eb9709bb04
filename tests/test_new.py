"""`site-gen new meeting`: the next meeting's file, from the content as it stands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.pipeline import BuildOptions, build
from site_gen.vocabulary import ActionStatus

REPO = Path(__file__).resolve().parent.parent
SITE_GEN = Path(sys.executable).parent / "site-gen"
MEMBERS = [
    "Leon Feinstein, Chair",
    "Paul Bywaters",
    "Lisa Harker",
    "Dez Holmes",
    "Janet Kay",
    "Geraldine Macdonald",
    "John Simmonds",
    "Oliver Southwick",
    "Karen Broadhurst",
    "Haroon Chowdry",
    "Donald Forrester",
    "Chris Wild",
]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


def site_gen(*args: str | Path) -> subprocess.CompletedProcess[str]:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    return subprocess.run(
        [str(SITE_GEN), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def front_matter_list(text: str, key: str) -> list[str]:
    """The '- ' items under the first `key:` line of the front matter."""
    lines = text.split("\n---\n")[0].splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(key))
    indent = len(lines[start]) - len(lines[start].lstrip()) + 2
    items = []
    for line in lines[start + 1 :]:
        if not line.startswith(" " * indent + "- "):
            break
        items.append(line.strip().removeprefix("- "))
    return items


def test_writes_the_next_meeting(content: Path) -> None:
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "2021-09-10", "--content", content
    )
    assert result.returncode == 0, result.stderr
    path = content / "meetings" / "evidence-group" / "2021-09-10.md"
    assert result.stdout.splitlines()[0] == (
        f"Wrote {path}: meeting 4, 12 members expected, 10 open actions under Matters arising."
    )
    text = path.read_text(encoding="utf-8")
    assert "\nnumber: 4\n" in text
    assert "\nstatus: draft " in text
    assert front_matter_list(text, "people:") == MEMBERS

    arising = text.split("## Matters arising")[1]
    items = [line for line in arising.splitlines() if line.startswith("- ")]
    assert items[4] == (
        "- Action 3.1 (Dez Holmes): connect the review team with NICE implementation "
        "colleagues. Raised at meeting 3, 30 July 2021."
    )
    assert items[0] == "- Action 1.5 (task not recorded). Raised before the published record."
    assert items[-1] == (
        "- Unnumbered action (Review Team and Leon Feinstein): discuss mechanisms for the Group "
        "to input into the review more constructively and to share a proposal with the Group. "
        "Raised at meeting 3, 30 July 2021."
    )
    ids = [re.match(r"- Action (\S+) ", item) for item in items]
    assert [m[1] for m in ids if m] == ["1.5", "1.8", "2.3", "2.5", "3.1", "3.2", "3.3"]
    # 2.4 was closed at meeting 3: not open, not listed.
    assert "2.4" not in arising
    assert '  # "3.2": open  # Geraldine Macdonald: share research on assessments' in text


def test_the_new_file_builds_and_its_updates_work(content: Path, tmp_path: Path) -> None:
    assert (
        main(
            ["new", "meeting", "Evidence Group", "--date", "2021-09-10", "--content", str(content)]
        )
        == 0
    )
    path = content / "meetings" / "evidence-group" / "2021-09-10.md"
    text = path.read_text(encoding="utf-8")

    result = build(BuildOptions(content, tmp_path / "site", drafts=True))
    assert not result.failed and result.problems == ()
    assert result.site is not None
    action = next(a for a in result.site.actions if a.action_id == "3.1")
    assert action.events[-1].meeting == "evidence-group/2021-09-10", "matters arising mention it"

    # Uncommenting an update line is all it takes to record a status.
    path.write_text(re.sub(r'  # "3.1": open .*', '  "3.1": closed', text), encoding="utf-8")
    result = build(BuildOptions(content, tmp_path / "site", drafts=True))
    assert result.site is not None and not result.failed
    action = next(a for a in result.site.actions if a.action_id == "3.1")
    assert action.status is ActionStatus.CLOSED

    # An action without an id is offered by its page name, and updated by it too.
    text = path.read_text(encoding="utf-8")
    unnumbered = re.findall(r'  # "(\d{4}-\d\d-\d\d-[a-z0-9-]+)": open', text)
    assert unnumbered
    key = unnumbered[0]
    path.write_text(re.sub(rf'  # "{key}": open .*', f'  "{key}": dropped', text), encoding="utf-8")
    result = build(BuildOptions(content, tmp_path / "site", drafts=True))
    assert result.site is not None and not result.failed, result.problems
    action = next(a for a in result.site.actions if a.key == key)
    assert action.action_id is None and action.status is ActionStatus.DROPPED

    # And the meeting after that no longer lists it.
    assert (
        main(
            ["new", "meeting", "evidence-group", "--date", "2021-10-08", "--content", str(content)]
        )
        == 0
    )
    later = (content / "meetings" / "evidence-group" / "2021-10-08.md").read_text("utf-8")
    assert "\nnumber: 5\n" in later
    assert "Action 3.1 " not in later and "Action 3.2 " in later


def test_never_overwrites(content: Path) -> None:
    path = content / "meetings" / "evidence-group" / "2021-09-10.md"
    path.write_text("my own notes\n", encoding="utf-8")
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "2021-09-10", "--content", content
    )
    assert result.returncode == 1
    assert "already" in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "my own notes\n"

    existing = content / "meetings" / "evidence-group" / "2021-07-30.md"
    before = existing.read_bytes()
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "2021-07-30", "--content", content
    )
    assert result.returncode == 1
    assert "already has a meeting on 2021-07-30" in result.stderr
    assert existing.read_bytes() == before


@pytest.mark.parametrize("linked", ["meetings/evidence-group", "meetings"])
def test_never_writes_through_a_link_out_of_the_content_folder(
    content: Path, tmp_path: Path, linked: str
) -> None:
    """The build refuses to read a folder linked from outside, so a meeting written there
    would be lost; and `new` must never write outside the content folder."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(content / linked, elsewhere)
    (content / linked).symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.name for p in elsewhere.rglob("*"))
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "2021-09-10", "--content", content
    )
    assert result.returncode == 1
    assert "outside the content folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in elsewhere.rglob("*")) == before


def test_an_unknown_group_is_named_with_the_known_ones(content: Path) -> None:
    result = site_gen("new", "meeting", "design-group", "--content", content)
    assert result.returncode == 1
    assert (
        "there is no group 'design-group' (known groups: evidence-group, "
        "experts-by-experience-board)"
    ) in result.stderr
    assert not (content / "meetings" / "design-group").exists()


def test_a_bad_date_is_a_usage_error(content: Path) -> None:
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "10/09/2021", "--content", content
    )
    assert result.returncode == 2
    assert "not a date" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_the_date_defaults_to_today(content: Path) -> None:
    before = date.today()
    result = site_gen("new", "meeting", "evidence-group", "--content", content)
    after = date.today()
    assert result.returncode == 0, result.stderr
    made = sorted((content / "meetings" / "evidence-group").glob("*.md"))
    assert {p.stem for p in made} - {"2021-07-30"} <= {before.isoformat(), after.isoformat()}
    assert len(made) == 2


def test_a_date_between_meetings_leaves_the_number_to_the_author(content: Path) -> None:
    result = site_gen(
        "new", "meeting", "evidence-group", "--date", "2021-06-01", "--content", content
    )
    assert result.returncode == 0, result.stderr
    text = (content / "meetings" / "evidence-group" / "2021-06-01.md").read_text("utf-8")
    assert "number:" not in text
    assert "note: number left out" in result.stdout
    # Nothing was open before that date that the content knows was raised then.
    assert "Action 3.1" not in text

    numbered = site_gen(
        "new",
        "meeting",
        "evidence-group",
        "--date",
        "2021-05-01",
        "--number",
        "2",
        "--content",
        content,
    )
    assert numbered.returncode == 0, numbered.stderr
    text = (content / "meetings" / "evidence-group" / "2021-05-01.md").read_text("utf-8")
    assert "\nnumber: 2\n" in text


def test_members_out_of_term_are_not_expected(content: Path) -> None:
    group = content / "groups" / "evidence-group.yaml"
    group.write_text(
        group.read_text(encoding="utf-8").replace(
            "  - name: Paul Bywaters\n", "  - name: Paul Bywaters\n    until: 2021-08-31\n"
        )
        + "  - name: Ada Newcomer\n    role: Vice-Chair\n    from: 2021-09-01\n",
        encoding="utf-8",
    )
    assert (
        main(
            ["new", "meeting", "evidence-group", "--date", "2021-09-10", "--content", str(content)]
        )
        == 0
    )
    text = (content / "meetings" / "evidence-group" / "2021-09-10.md").read_text("utf-8")
    people = front_matter_list(text, "people:")
    assert "Paul Bywaters" not in people
    assert people[-1] == "Ada Newcomer, Vice-Chair"


def test_a_first_meeting_without_open_actions(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "groups").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Minutes\n", encoding="utf-8")
    (content / "groups" / "board.yaml").write_text(
        "name: Board\nmembers:\n  - name: 'Ann: Smith'\n    role: Chair\n", encoding="utf-8"
    )
    result = site_gen("new", "meeting", "board", "--date", "2024-01-15", "--content", content)
    assert result.returncode == 0, result.stderr
    assert "0 open actions" in result.stdout and "number 1:" in result.stdout
    text = (content / "meetings" / "board" / "2024-01-15.md").read_text("utf-8")
    assert "Matters arising" not in text and "action_updates" not in text
    assert "      - 'Ann: Smith, Chair'" in text, "a name with ': ' is quoted for YAML"
    built = build(BuildOptions(content, tmp_path / "site", drafts=True))
    assert not built.failed, built.problems
    assert built.site is not None
    assert [p.name for p in built.site.people] == ["Ann: Smith"]


def test_help(content: Path) -> None:
    result = site_gen("new", "meeting", "--help")
    assert result.returncode == 0
    for option in ("GROUP", "--date", "--number", "--content"):
        assert option in result.stdout
