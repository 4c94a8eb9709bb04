"""YAML's quick way (one walk that makes the values of a plain document) gives the very
values, lines and problems of the full way: yaml_bounds' checks, then the loader's making."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.comments import blank_comments
from site_gen.problems import Problems
from site_gen.yaml_bounds import check_graph
from site_gen.yaml_lines import _LineLoader, _NotPlain, _plain_values, parse_yaml

fixed = settings(max_examples=200, deadline=None, derandomize=True, database=None)


def _full_way(text: str, first_line: int) -> tuple[Any, list[tuple[int, str]]]:
    """The values and problems by yaml_bounds' checks and the loader alone."""
    loader = _LineLoader(blank_comments(text)[0], first_line - 1)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        found = check_graph(node)
        problems = [(p.line + first_line, p.code) for p in found]
        if any(p.fatal for p in found):
            return None, problems
        data = loader.construct_document(node)
        problems += [(line, "duplicate-key") for _, line, _ in loader.duplicates]
        return data, problems
    except yaml.YAMLError:
        return None, [(0, "invalid-yaml")]  # placed by yaml_error_place, on either way
    finally:
        loader.dispose()


def _lines(value: Any) -> Any:
    """`value` with the lines it carries, so that equal values on other lines differ."""
    if isinstance(value, dict):
        return (value.line, [(k, value.key_lines[k], _lines(v)) for k, v in value.items()])
    if isinstance(value, list):
        return (value.line, value.item_lines, [_lines(v) for v in value])
    return value


def _both_ways(text: str, first_line: int = 2) -> None:
    expected, expected_problems = _full_way(text, first_line)
    problems = Problems()
    got = parse_yaml(text, "f.md", problems, first_line=first_line)
    said = [(0 if p.code == "invalid-yaml" else p.line, p.code) for p in problems.items]
    assert said == expected_problems
    if expected is None or expected == "":
        assert got is None or (got == {} and not expected_problems)
    else:
        assert _lines(got) == _lines(expected)


DOCUMENTS = [
    "group: board\ndate: 2024-01-02\n",
    "group: board\nattendance:\n  - kind: present\n    people: [Ann, Bob]\n",
    "title: 'It''s: quoted'\nnote: |\n  two\n  lines\n",
    "a: 1\na: 2\n",  # a key given twice
    "a: {b: 1, b: 2}\n",  # twice, deeper
    "a: &x [1, 2]\nb: *x\n",  # an alias
    "a: &x 1\nb: *x\n",  # an alias to a text
    "private: &n secret\npublic: *n\n",  # an alias out of private
    "a: !secret value\n",  # a tag
    "? [a, b]\n: c\n",  # a key that is no text
    'a: "bell \\a here"\n',  # a control character by an escape
    "a: " + "[" * 45 + "]" * 45 + "\n",  # too deep
    "a: " + "[" * 39 + "]" * 39 + "\n",  # just deep enough
    "- one\n- two\n",  # a list at the top
    "just text\n",  # text at the top
    "",  # nothing
    "a:\n",  # a key with no value
    "a: b\n<!-- note -->\nc: d\n",  # a comment, blanked
    "a: [b\n",  # not YAML
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_each_kind_of_document_gives_what_the_full_way_gives(text: str) -> None:
    _both_ways(text)
    _both_ways(text, first_line=1)


def test_only_plain_documents_take_the_quick_way() -> None:
    def quick(text: str) -> Any:
        loader = _LineLoader(text, 0)
        try:
            return _plain_values(loader.get_single_node(), 0)
        finally:
            loader.dispose()

    assert quick("a: [b, c]\n") == {"a": ["b", "c"]}
    for refused in ("a: &x [1]\nb: *x\n", "a: !t b\n", "a: 1\na: 2\n", "? [a]\n: b\n"):
        with pytest.raises(_NotPlain):
            quick(refused)


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
values = st.recursive(
    st.one_of(texts, st.sampled_from(["1.10", "No", "14:00", "", "a: b", "- x", "\x07"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


@fixed
@given(values, st.booleans())
def test_documents_as_yaml_writes_them_give_what_the_full_way_gives(
    value: Any, shared: bool
) -> None:
    # Shared parts are written as anchors and aliases.
    document = {"a": value, "b": value if shared else None}
    _both_ways(yaml.safe_dump(document, allow_unicode=True))
