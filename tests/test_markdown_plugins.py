"""Tests for the markdown-it layer: action lists, action references and safe defaults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.utils import read_fixture_file

from site_gen.commands.check import CheckOptions, check
from site_gen.markdown import ActionItem, ActionRef, make_markdown
from site_gen.markdown.action_lists import action_lists_plugin
from site_gen.markdown.action_refs import action_refs_plugin
from site_gen.pipeline import BuildOptions, build
from site_gen.problems import Problem
from tests.clerk_content import line_of, meeting, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def _fixture_cases(name: str) -> list[Any]:
    return [
        pytest.param(source, expected, id=f"{name}:{line}:{title}")
        for line, title, source, expected in read_fixture_file(FIXTURES / f"{name}.md")
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    _fixture_cases("action_lists")
    + _fixture_cases("action_refs")
    + _fixture_cases("safety")
    + _fixture_cases("withheld"),
)
def test_fixture_html(source: str, expected: str) -> None:
    assert make_markdown().render(source, {}) == expected


def _actions(text: str, **env: Any) -> list[ActionItem]:
    make_markdown().render(text, env)
    actions: list[ActionItem] = env["actions"]
    return actions


def _refs(text: str, **env: Any) -> list[ActionRef]:
    make_markdown().render(text, env)
    refs: list[ActionRef] = env["action_refs"]
    return refs


SEED = """\
Actions:

- Dez to connect the review team with NICE implementation colleagues (3.1)
- The group to revisit the conversation on how to ensure the review has an impact, \
with this being for the Design Group to focus on (3.3)
- Review team to share WWCS evidence summaries and rapid review proposals with the Group.
- 3.4: Leon to write to the minister
"""


def test_seed_actions_are_recorded_in_full() -> None:
    assert _actions(SEED) == [
        ActionItem(
            line=3,
            text="Dez to connect the review team with NICE implementation colleagues (3.1)",
            owner_text="Dez",
            task="connect the review team with NICE implementation colleagues",
            action_id="3.1",
            anchor="action-3-1",
        ),
        ActionItem(
            line=4,
            text="The group to revisit the conversation on how to ensure the review has an "
            "impact, with this being for the Design Group to focus on (3.3)",
            owner_text="The group",
            task="revisit the conversation on how to ensure the review has an impact, "
            "with this being for the Design Group to focus on",
            action_id="3.3",
            anchor="action-3-3",
        ),
        ActionItem(
            line=5,
            text="Review team to share WWCS evidence summaries and rapid review proposals "
            "with the Group.",
            owner_text="Review team",
            task="share WWCS evidence summaries and rapid review proposals with the Group.",
            action_id=None,
            anchor="action-share-wwcs-evidence-summaries-and-rapid",
        ),
        ActionItem(
            line=6,
            text="3.4: Leon to write to the minister",
            owner_text="Leon",
            task="write to the minister",
            action_id="3.4",
            anchor="action-3-4",
        ),
    ]


@pytest.mark.parametrize(
    ("item", "action_id", "owner", "task"),
    [
        ("3.1 Dez to phone", "3.1", "Dez", "phone"),
        ("3.1 - Dez to phone", "3.1", "Dez", "phone"),
        ("(3.1) Dez to phone", "3.1", "Dez", "phone"),
        ("[3.1] Dez to phone", "3.1", "Dez", "phone"),
        ("Action 3.1: Dez to phone", "3.1", "Dez", "phone"),
        ("Dez to phone [3.1]", "3.1", "Dez", "phone"),
        ("Dez to phone (3.1).", "3.1", "Dez", "phone."),
        ("Dez to phone (12.10b)", "12.10b", "Dez", "phone"),
        ("Josh / Leon to phone", None, "Josh / Leon", "phone"),
        ("Dez & Geraldine to phone", None, "Dez & Geraldine", "phone"),
        (
            "Review team member and Chair to discuss",
            None,
            "Review team member and Chair",
            "discuss",
        ),
        ("**Dez** &amp; Geraldine to phone", None, "Dez & Geraldine", "phone"),
        ("Dez to check the 3.5 figure", None, "Dez", "check the 3.5 figure"),
        ("Circulate the slides (7.1)", "7.1", None, "Circulate the slides"),
        ("To be confirmed", None, None, "To be confirmed"),
        (
            "Dez to **chase** the [report](https://x.org)",
            None,
            "Dez",
            "**chase** the [report](https://x.org)",
        ),
    ],
)
def test_action_item_parsing(
    item: str, action_id: str | None, owner: str | None, task: str
) -> None:
    [action] = _actions(f"Actions:\n\n- {item}\n")
    assert (action.action_id, action.owner_text, action.task, action.text) == (
        action_id,
        owner,
        task,
        item,
    )


def test_owner_longer_than_twelve_words_is_no_owner() -> None:
    item = "It was agreed by everyone present at the meeting after a long discussion to wait"
    [action] = _actions(f"Actions:\n\n- {item}\n")
    assert action.owner_text is None
    assert action.task == item


def test_line_numbers_count_from_the_top_of_the_file_including_front_matter() -> None:
    text = (
        "---\n"  # 1
        "group: evidence-group\n"
        "date: 2021-07-30\n"
        "---\n"
        "\n"  # 5
        "## Agenda Item 1: Minutes of last meeting\n"
        "\n"
        "- Actions 1.5 and 2.3 are open.\n"  # 8
        "\n"
        "Actions:\n"  # 10
        "\n"
        "- Dez to phone (3.1)\n"  # 12
        "  - a sub-bullet (3.9)\n"
        "- Leon to follow up action 2.4\n"  # 14
    )
    env: dict[str, Any] = {}
    make_markdown().render(text, env)
    assert [(a.line, a.action_id) for a in env["actions"]] == [(12, "3.1"), (14, None)]
    item = "agenda-item-1-minutes-of-last-meeting"
    assert env["action_refs"] == [
        ActionRef(line=8, action_id="1.5", section=item),
        ActionRef(line=8, action_id="2.3", section=item),
        ActionRef(line=14, action_id="2.4", section=item),
    ]


def test_parse_fills_env_too() -> None:
    env: dict[str, Any] = {}
    make_markdown().parse(SEED + "\nSee action 3.1.\n", env)
    assert len(env["actions"]) == 4
    assert env["action_refs"] == [ActionRef(line=8, action_id="3.1")]


def test_env_lists_are_appended_to() -> None:
    env: dict[str, Any] = {"actions": ["earlier"], "action_refs": ["earlier"]}
    make_markdown().render("Actions:\n\n- Dez to phone (3.1)\n\nSee action 3.1.\n", env)
    assert [type(a).__name__ for a in env["actions"]] == ["str", "ActionItem"]
    assert [type(r).__name__ for r in env["action_refs"]] == ["str", "ActionRef"]


def test_nothing_found_still_leaves_empty_lists() -> None:
    env: dict[str, Any] = {}
    make_markdown().render("Just prose.\n", env)
    assert env == {
        "actions": [],
        "reviewed": [],
        "action_refs": [],
        "decisions": [],
        "decision_refs": [],
    }


def test_refs_in_document_order_with_multi_digit_ids() -> None:
    text = (
        "Actions 1.5, 1.8, 2.3 and 2.5 are all open; actions 1.10 and 2.7 will be covered "
        "later; and action 2.4 is closed.\n"
    )
    assert [r.action_id for r in _refs(text)] == ["1.5", "1.8", "2.3", "2.5", "1.10", "2.7", "2.4"]


def test_refs_line_is_the_line_they_are_written_on() -> None:
    assert _refs("Intro\nthen action 2.4\nand  \naction 2.5\n") == [
        ActionRef(line=2, action_id="2.4"),
        ActionRef(line=4, action_id="2.5"),
    ]


def test_agenda_item_ids_never_take_the_page_or_action_ids() -> None:
    html = make_markdown().render("## Main\n\n## Attendance heading\n\n## Action 3.1\n")
    assert 'id="item-main"' in html
    assert 'id="item-attendance-heading"' in html
    assert 'id="item-action-3-1"' in html


def test_refs_in_links_and_code_are_neither_linked_nor_recorded() -> None:
    text = "[action 2.4](https://x.org) `action 2.5`\n\n    action 2.6\n\n```\naction 2.7\n```\n"
    assert _refs(text) == []


def test_refs_inside_raw_html_links_are_left_alone_when_html_is_allowed() -> None:
    env: dict[str, Any] = {}
    html = make_markdown(allow_html=True).render(
        'See <a href="https://x.org">action 2.4</a> and action 2.5.\n', env
    )
    assert html == (
        '<p>See <a href="https://x.org">action 2.4</a> and action '
        '<a href="#action-2-5" class="action-ref">2.5</a>.</p>\n'
    )
    assert [r.action_id for r in env["action_refs"]] == ["2.5"]


def test_list_ids_are_not_recorded_as_refs() -> None:
    text = "Actions:\n\n- Action 3.1: Dez to phone\n- Leon to write (3.2)\n"
    assert _refs(text) == []


def test_action_href_from_env_is_used_for_ids_and_refs() -> None:
    env: dict[str, Any] = {"action_href": lambda action_id: f"../actions/#a{action_id}"}
    html = make_markdown().render("Actions:\n\n- Dez to phone (3.1)\n\nSee action 2.4.\n", env)
    assert '<a href="../actions/#a3.1" class="action-id">3.1</a>' in html
    assert '<a href="../actions/#a2.4" class="action-ref">2.4</a>' in html


def test_unnumbered_actions_with_the_same_words_get_distinct_anchors() -> None:
    text = (
        "Actions:\n\n"
        "- Review team to share the plan with the Design Group\n"
        "- Review team to share the plan with the Design Group again\n"
        "\n## Next item\n\nActions:\n\n"
        "- Chair to share the plan with the design group\n"
    )
    assert [a.anchor for a in _actions(text)] == [
        "action-share-the-plan-with-the-design",
        "action-share-the-plan-with-the-design-2",
        "action-share-the-plan-with-the-design-3",
    ]


def test_each_id_keeps_its_own_anchor_whatever_comes_first() -> None:
    # Neither a task slugging to "3-1" nor a repeated 3.1 may take the anchor 3.1.2 links to.
    text = (
        "Actions:\n\n- Dez to 3 1\n- Leon to phone (3.1)\n- Jo to phone (3.1)\n"
        "- Al to phone (3.1.2)\n"
    )
    assert [a.anchor for a in _actions(text)] == [
        "action-3-1-3",
        "action-3-1",
        "action-3-1-4",
        "action-3-1-2",
    ]


def test_anchor_slug_ignores_link_destinations_and_non_ascii() -> None:
    text = "Actions:\n\n- Dez to read [the report](https://example.org/x) with Siân\n- Dez to ???\n"
    assert [a.anchor for a in _actions(text)] == [
        "action-read-the-report-with-sian",
        "action",
    ]


def test_nested_sub_bullets_are_not_actions() -> None:
    text = "Actions:\n\n- Dez to phone (3.1)\n  - via the leads (3.2)\n    - deeper (3.3)\n"
    assert [a.action_id for a in _actions(text)] == ["3.1"]


def test_actions_label_before_a_non_list_finds_nothing() -> None:
    assert _actions("Actions:\n\nNot a list.\n\n- Dez to phone\n") == []


def test_agenda_headings_get_ascii_ids() -> None:
    html = make_markdown().render(
        "# Title\n\n## Agenda Item 1: Siân\u2019s update\n\n## ???\n\n### Notes\n", {}
    )
    assert html == (
        "<h1>Title</h1>\n"
        '<h2 id="agenda-item-1-sian-s-update">Agenda Item 1: Siân\u2019s update</h2>\n'
        '<h2 id="section">???</h2>\n'
        "<h3>Notes</h3>\n"
    )


def test_raw_html_passes_only_when_allowed() -> None:
    assert make_markdown().render("<b>x</b>\n") == "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"
    assert make_markdown(allow_html=True).render("<b>x</b>\n") == "<p><b>x</b></p>\n"


def test_unsafe_link_schemes_never_become_links() -> None:
    for html_allowed in (False, True):
        html = make_markdown(allow_html=html_allowed).render(
            "[x](javascript:alert(1)) <javascript:alert(1)> [y](vbscript:x) [z](file:///etc)\n"
        )
        assert "href" not in html


def test_tables_and_strikethrough_are_enabled() -> None:
    html = make_markdown().render("~~gone~~\n\n| a |\n|---|\n| b |\n")
    assert "<s>gone</s>" in html
    assert "<td>b</td>" in html


def test_rule_order_puts_lists_before_refs_after_text_join() -> None:
    rules = make_markdown().core.ruler.get_all_rules()
    assert rules.index("text_join") < rules.index("action_lists") < rules.index("action_refs")


def test_plugins_work_alone_and_in_either_order() -> None:
    text = "Actions:\n\n- Dez to phone (3.1)\n\nSee action 3.1.\n"
    expected = make_markdown().render(text, {})
    reversed_md = MarkdownIt("commonmark").use(action_refs_plugin).use(action_lists_plugin)
    assert reversed_md.render(text, {}) == expected
    rules = reversed_md.core.ruler.get_all_rules()
    assert rules.index("action_lists") < rules.index("action_refs")

    refs_only = MarkdownIt("commonmark").use(action_refs_plugin)
    env: dict[str, Any] = {}
    assert 'class="action-ref"' in refs_only.render(text, env)
    assert "actions" not in env


def test_withheld_blocks_report_problems_and_count_actions() -> None:
    env: dict[str, Any] = {}
    text = (
        '::: exempt "Staffing"\n## Staffing\n\nActions:\n\n- Dez to go (5.1)\n- Ann to stay\n:::\n'
        "\n::: exmept Reason\nsecret\n:::\n"
        "\n::: confidential Legal\nopen to the end\n"
    )
    make_markdown().render(text, env)
    problems = [(p.line, p.severity, p.message) for p in env["markdown_problems"]]
    assert problems == [
        (1, "error", "'::: exempt' needs a reason"),
        (10, "error", "unknown kind of withheld block '::: exmept'"),
        (
            14,
            "warning",
            "'::: confidential' block is not closed: everything after it, to the end of the "
            "minutes, is withheld",
        ),
    ]
    # The misspelt block is withheld whole, as a private note: not even recorded.
    exempt, confidential = env["withheld"]
    assert (exempt.kind, exempt.title, exempt.action_ids) == ("exempt", "Staffing", ("5.1", None))
    assert (confidential.kind, confidential.line) == ("confidential", 14)
    assert env["actions"] == []  # withheld actions are never listed as the page's actions


def test_unclosed_inline_comment_is_an_error() -> None:
    env: dict[str, Any] = {}
    make_markdown().render("Text\nmore <!-- private note\n", env)
    assert [(p.line, p.severity) for p in env["markdown_problems"]] == [(2, "error")]


SECRET_PLACES = {
    "action task": "Actions:\n\n- Ann to publish <!-- SECRET --> the report (1.1)\n",
    "unnumbered action": "Actions:\n\n- Ann to draft the letter <!-- SECRET -->\n",
    "action owner": "Actions:\n\n- Ann <!-- SECRET --> to do it (1.1)\n",
    "exempt title": '::: exempt "Staffing <!-- SECRET -->" Reason\ntext\n:::\n',
    "exempt heading": "::: exempt Reason\n## Staffing SECRET\ntext\n:::\n",
    "exempt reason": "::: exempt Para 3 <!-- SECRET -->\n## Staffing\n:::\n",
    "image alt": "![alt <!-- SECRET -->](pic.png)\n",
    "comment inside an HTML block": "<div>\n<!-- SECRET -->\n</div>\n",
    "code fence inside a withheld block": "::: private\n```\n::: x\n```\nSECRET\n:::\n",
}


@pytest.mark.parametrize("text", SECRET_PLACES.values(), ids=SECRET_PLACES.keys())
def test_private_text_never_reaches_html_or_env(text: str) -> None:
    env: dict[str, Any] = {}
    html = make_markdown().render(text, env)
    assert "SECRET" not in html
    assert "SECRET" not in repr(env.get("actions", [])) + repr(env.get("withheld", []))


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n::: private\nSECRET\n:::\n</div>\n",
        "Intro.\n\n\t::: private\n\tSECRET\n",
        "    ::: exempt Reason\n    SECRET\n",
    ],
    ids=["inside an HTML block", "tab-indented", "space-indented"],
)
def test_swallowed_fences_stop_the_build(text: str) -> None:
    env: dict[str, Any] = {}
    make_markdown().render(text, env)
    assert {p.severity for p in env["markdown_problems"]} == {"error"}


def test_links_stay_inside_the_site_and_images_stay_local() -> None:
    html = make_markdown().render(
        "[a](../../../etc/passwd) [b](/etc/passwd) [c](//evil.example/x) [d](../../people/x.html)"
        " ![e](https://tracker.example/p.gif)\n"
    )
    assert '<a href="../../people/x.html">d</a>' in html
    for refused in ('href="../../../etc', 'href="/etc', 'href="//evil'):
        assert refused not in html
    assert "<img" not in html and '<a href="https://tracker.example/p.gif">e</a>' in html


# --- new actions listed inside a review of earlier actions -------------------------------------

# The ways minutes list the new actions that came out of an earlier action's review: a label
# ending the item's sentence or its last line, a label of its own as a sub-item, a label over
# the review's list, in bullet or numbered lists. {new} is the new action's line.
IN_REVIEW_SHAPES = {
    "label ends the sentence": "- 1.1 Budget: the draft was discussed. Actions:\n  - {new}\n",
    "label on the item's last line": "- 1.1 Budget: discussed.\n  Actions:\n  - {new}\n",
    "label as a sub-item": "- 1.1 Budget: the draft was discussed.\n  - Actions:\n    - {new}\n",
    "label over the list": "Actions:\n\n- {new}\n",
    "numbered lists": "1. 1.1 Budget: discussed. New actions:\n   1. {new}\n",
    "bold label": "- 1.1 Budget: discussed. **Actions arising:**\n  - {new}\n",
}  # fmt: skip


def _listed(shape: str, *news: str) -> str:
    """The shape with each of `news` as an item of its list of new actions."""
    lines = IN_REVIEW_SHAPES[shape].splitlines()
    (at,) = [n for n, line in enumerate(lines) if "{new}" in line]
    return "\n".join(
        [*lines[:at], *(lines[at].replace("{new}", n) for n in news), *lines[at + 1 :]]
    )


REVIEW_HEADINGS = ["Matters arising", "Review of actions", "Actions from the last meeting"]
REVIEW_HEADINGS += ["Carried forward", "Progress on actions"]


@pytest.mark.parametrize("heading", REVIEW_HEADINGS)
@pytest.mark.parametrize("shape", sorted(IN_REVIEW_SHAPES))
def test_new_actions_listed_in_a_review_are_found_and_marked_in_review(
    shape: str, heading: str
) -> None:
    new = "Dez Holmes to write to the council (1.4)"
    text = f"## {heading}\n\n" + _listed(shape, new)
    found = [a for a in _actions(text) if a.action_id == "1.4"]
    assert [(a.owner_text, a.task, a.in_review) for a in found] == [
        ("Dez Holmes", "write to the council", True)
    ]


@pytest.mark.parametrize("shape", sorted(IN_REVIEW_SHAPES))
def test_the_same_lists_outside_a_review_are_not_in_review(shape: str) -> None:
    text = "## Budget\n\n" + _listed(shape, "Dez to write (1.4)")
    assert not [a for a in _actions(text) if a.in_review]


def test_a_sentence_ending_in_a_colon_is_no_label_of_actions() -> None:
    text = "## Matters arising\n\n- 1.1 Budget: discussed. We noted:\n  - Dez to write (1.4)\n"
    assert [a.action_id for a in _actions(text)] == []


def _review_site(tmp_path: Path, shape: str, *news: str) -> tuple[Path, list[Problem]]:
    first = meeting("2021-06-10", 1, "Actions:\n\n- Dez Holmes to draft the budget (1.1)\n")
    body = "Notes.\n\n## Item 2: Matters arising\n\n" + _listed(shape, *news) + "\n"
    content = write_site(
        tmp_path, {"2021-06-10.md": first, "2021-07-30.md": meeting("2021-07-30", 2, body)}
    )
    return content, list(check(CheckOptions(content=content, stale_after=0)).problems)


@pytest.mark.parametrize("shape", sorted(IN_REVIEW_SHAPES))
def test_a_new_action_with_this_meetings_number_in_a_review_is_raised(
    tmp_path: Path, shape: str
) -> None:
    content, problems = _review_site(tmp_path, shape, "Dez Holmes to write to the council (2.1)")
    assert not [p.format() for p in problems if p.code == "unknown-action"]
    out = tmp_path / "out"
    assert not build(BuildOptions(content=content, out=out)).failed
    actions = json.loads((out / "data/actions.json").read_text())["actions"]
    (raised,) = [a for a in actions if a["number"] == "2.1"]
    assert raised["raised_in"] == "evidence-group/2021-07-30"
    assert raised["task"] == "write to the council"


@pytest.mark.parametrize(
    "news",
    [
        ["Dez Holmes to write to the council (1.4)"],  # alone: raised, and reported
        # beside this meeting's own: carried forward as an update, and reported
        ["Dez Holmes to write to the council (1.4)", "Dez Holmes to ring the mayor (2.1)"],
    ],
    ids=["alone", "beside-this-meetings-own"],
)
@pytest.mark.parametrize("shape", sorted(IN_REVIEW_SHAPES))
def test_an_earlier_meetings_number_no_action_has_is_reported_with_a_hint(
    tmp_path: Path, shape: str, news: list[str]
) -> None:
    content, problems = _review_site(tmp_path, shape, *news)
    (found,) = [p for p in problems if p.code == "unknown-action" and "1.4" in p.message]
    assert found.line == line_of(content, "2021-07-30.md", "(1.4)")
    assert found.format().startswith(f"{found.path}:{found.line}: warning: action 1.4 ")
    assert "meeting 1 is published without it" in found.hint
