"""Fragments that many pages repeat are rendered once a build, and never change a page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import jinja2

from site_gen.problems import Problems
from site_gen.render import Fragments, make_environment, page_renderer
from site_gen.stages import gather, site_pages
from site_gen.theme import default_theme

ROOT = Path(__file__).resolve().parent.parent


def rendered(source: str, origin: str, fragments: Fragments, **names: object) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    once = partial(fragments.once, origin)
    return env.from_string(source).render(once=once, **names)


def counter() -> Callable[[], int]:
    made = [0]

    def tick() -> int:
        made[0] += 1
        return made[0]

    return tick


def test_a_block_is_rendered_once_for_the_same_values() -> None:
    tick = counter()
    source = "{% for r in rows %}{% call once(r) %}{{ r }}{{ tick() }} {% endcall %}{% endfor %}"
    html = rendered(source, "actions", Fragments(), rows=["a", "b", "a", "b"], tick=tick)
    assert html == "a1 b2 a1 b2 "


def test_blocks_values_and_folders_are_kept_apart() -> None:
    fragments, tick = Fragments(), counter()
    block = "{% call once(1) %}NAME{{ tick() }}{% endcall %}"
    two_blocks = block.replace("NAME", "x") + block.replace("NAME", "y")
    assert rendered(two_blocks, "actions", fragments, tick=tick) == "x1y2"
    assert rendered(two_blocks, "actions", fragments, tick=tick) == "x1y2"  # both reused
    assert rendered(two_blocks, "people", fragments, tick=tick) == "x3y4"  # another folder
    escaped = "{% call once(v) %}{{ v }}{% endcall %}"
    assert rendered(escaped, "actions", fragments, v="<b>") == "&lt;b&gt;"
    assert rendered(escaped, "actions", fragments, v="<i>") == "&lt;i&gt;"


def test_only_the_latest_folders_blocks_are_kept() -> None:
    """Pages come a folder at a time: the pieces of a folder left behind are let go (made
    again, the same, should a page of that folder come later)."""
    fragments, tick = Fragments(), counter()
    block = "{% call once(1) %}x{{ tick() }}{% endcall %}"
    assert rendered(block, "actions", fragments, tick=tick) == "x1"
    assert rendered(block, "actions", fragments, tick=tick) == "x1"
    assert rendered(block, "people", fragments, tick=tick) == "x2"
    assert len(fragments._made) == 1
    assert rendered(block, "actions", fragments, tick=tick) == "x3"


def test_a_block_with_an_unhashable_value_or_not_kept_is_rendered_every_time() -> None:
    tick = counter()
    source = "{% for r in rows %}{% call once(r) %}{{ tick() }}{% endcall %}{% endfor %}"
    assert rendered(source, "actions", Fragments(), rows=[[1], [1]], tick=tick) == "12"
    source = (
        "{% for r in rows %}{% call once(r, keep=False) %}{{ tick() }}{% endcall %}{% endfor %}"
    )
    assert rendered(source, "actions", Fragments(), rows=[1, 1], tick=tick) == "34"


def test_every_page_is_the_same_with_fragments_shared_or_not() -> None:
    """A value a block reads but is not keyed by would show here: the sample's pages made by
    one renderer (fragments shared across the site) against each by a renderer of its own."""
    problems = Problems()
    _, site = gather(ROOT / "content", problems, drafts=False)
    assert not problems.errors
    env = make_environment([default_theme()])
    shared = page_renderer(site, env)
    pages = [source.make() for source in site_pages(site)]
    assert len({page.template for page in pages}) >= 9
    for page in pages:
        assert shared(page) == page_renderer(site, env)(page), page.path
