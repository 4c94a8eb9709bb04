"""Checks of a composed YAML document before any value is made from it.

YAML's anchors and aliases let a few hundred bytes stand for billions of values (a "YAML
bomb"), a node contain itself, and a mapping use a list as a key; an alias can also copy a
note kept under `private:` into a published field, and an escape in a quoted value can put
a NUL or another control character into a name. Each is found here on the node graph,
in time proportional to its size, and reported at its line; only then are values made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

MAX_DEPTH = 40  # nested lists and mappings; real content files nest five or six
MAX_ALIAS_VALUES = 10_000  # values that aliases may add to a document, in all
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class GraphProblem:
    line: int  # 0-based line of the document
    message: str
    hint: str
    code: str
    # No value may be made from the document (it is too big, or would copy a private value);
    # otherwise the values are made, so that the file's other problems are reported too.
    fatal: bool = True


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_graph(root: yaml.Node) -> list[GraphProblem]:
    """Problems of the document `root`, or none. Never expands an alias."""
    shape = _shape(root)
    if isinstance(shape, GraphProblem):
        return [shape]
    sizes, heights, shared = shape
    problems = list(_non_scalar_keys(sizes))
    problems.extend(_tags(sizes))
    problems.extend(_control_characters(sizes))
    if heights[id(root)] > MAX_DEPTH:
        problems.append(
            GraphProblem(
                _too_deep(root, heights).start_mark.line,
                f"lists and mappings are nested more than {MAX_DEPTH} deep",
                "nest a few levels at most",
                "yaml-too-deep",
            )
        )
    if sizes[id(root)][0] - len(sizes) > MAX_ALIAS_VALUES:
        problems.append(
            GraphProblem(
                _overgrown(root, sizes).start_mark.line,
                f"aliases ('*name') expand this file to more than {MAX_ALIAS_VALUES:,} values",
                "write the values out, or use fewer aliases",
                "yaml-aliases",
            )
        )
    elif shared:
        problems.extend(_aliases_to_private(root))
    return problems


def _shape(
    root: yaml.Node,
) -> GraphProblem | tuple[dict[int, tuple[int, yaml.Node]], dict[int, int], bool]:
    """For each node (by id): how many values it stands for, aliases expanded, and how deep
    it goes; and whether any node is reached twice (an alias). Or an alias to itself."""
    sizes: dict[int, tuple[int, yaml.Node]] = {}
    heights: dict[int, int] = {}
    open_nodes: set[int] = set()  # whose children are being visited: its ancestors
    shared = False
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children = _children(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = (1 + sum(sizes[id(c)][0] for c in children), node)
            heights[key] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        if key in sizes:
            shared = True
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                return GraphProblem(
                    child.start_mark.line,
                    "an alias ('*name') refers to a value that contains it",
                    "write the value out",
                    "yaml-aliases",
                )
            if id(child) in sizes:
                shared = True
            else:
                stack.append((child, False))
    return sizes, heights, shared


def _too_deep(root: yaml.Node, heights: dict[int, int]) -> yaml.Node:
    """The node MAX_DEPTH levels down the deepest path: where the nesting goes too far."""
    node = root
    for _ in range(MAX_DEPTH):
        node = max(_children(node), key=lambda child: heights[id(child)])
    return node


def _overgrown(root: yaml.Node, sizes: dict[int, tuple[int, yaml.Node]]) -> yaml.Node:
    """The first node that alone stands for too many values while none of its parts does:
    the line where aliases multiply past the limit (else the document's first line)."""
    crossing = [
        node
        for size, node in sizes.values()
        if size > MAX_ALIAS_VALUES
        and all(sizes[id(c)][0] <= MAX_ALIAS_VALUES for c in _children(node))
    ]
    return min(crossing, key=lambda node: node.start_mark.index, default=root)


def _non_scalar_keys(sizes: dict[int, tuple[int, yaml.Node]]) -> Iterator[GraphProblem]:
    for _, node in sizes.values():
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, _value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                yield GraphProblem(
                    key.start_mark.line,
                    "a key must be text, not a list or mapping",
                    "write 'name: value' lines",
                    "yaml-key",
                )


PLAIN_TAGS = {
    yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}


def _tags(sizes: dict[int, tuple[int, yaml.Node]]) -> Iterator[GraphProblem]:
    """A tag ('!!python/object', '!!binary', '!secret') is no part of the format: every
    value is text, read as its field says. A tag would be ignored, and the value published
    as written, whatever the author meant by it."""
    for _, node in sizes.values():
        if node.tag not in PLAIN_TAGS:
            yield GraphProblem(
                node.start_mark.line,
                f"a YAML tag ({node.tag[:60]!r}) is not part of the content format",
                "write the value without a tag; keep what is not for publication under 'private:'",
                "yaml-tag",
            )


def _control_characters(sizes: dict[int, tuple[int, yaml.Node]]) -> Iterator[GraphProblem]:
    """A NUL, escape or other control character (written as an escape such as "\\0" in a
    quoted value) would make a name that only looks like another and break XML feeds."""
    for _, node in sizes.values():
        found = CONTROL.search(node.value) if isinstance(node, yaml.ScalarNode) else None
        if found is not None:
            # The value itself is not shown: it may be a private note, and messages go to
            # terminals and CI logs.
            yield GraphProblem(
                node.start_mark.line,
                f"a value has a control character (U+{ord(found.group()):04X})",
                "take it out (tabs and line breaks are fine)",
                "control-character",
                fatal=False,
            )


def _private_regions(root: yaml.Node) -> list[tuple[int, int]]:
    """Where in the text the values under `private:` keys are written, as index ranges.

    Any anchor ('&name') in such a range marks a private value."""
    regions: list[tuple[int, int]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(_children(node))
        if not isinstance(node, yaml.MappingNode):
            continue
        keys = [key for key, _ in node.value]
        for index, key in enumerate(keys):
            if isinstance(key, yaml.ScalarNode) and key.value == "private":
                end = keys[index + 1] if index + 1 < len(keys) else None
                regions.append(
                    (key.end_mark.index, end.start_mark.index if end else node.end_mark.index)
                )
    return regions


def _aliases_to_private(root: yaml.Node) -> Iterator[GraphProblem]:
    """An alias outside `private:` to a value written inside it would publish the value."""
    regions = _private_regions(root)
    if not regions:
        return

    def is_private(node: yaml.Node) -> bool:
        return any(start <= node.start_mark.index < end for start, end in regions)

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or is_private(node):
            continue
        seen.add(id(node))
        # (where the alias is written, the node it stands for): a key's own mark would be
        # its anchor's, so a key is placed at its mapping, a value at its key.
        pairs: list[tuple[yaml.Node, yaml.Node]]
        if isinstance(node, yaml.MappingNode):
            pairs = [(node, k) for k, _ in node.value]
            pairs += [(k, v) for k, v in node.value if k.value != "private"]
        else:
            pairs = [(node, child) for child in _children(node)]
        for place, child in pairs:
            if is_private(child):
                yield GraphProblem(
                    place.start_mark.line,
                    "an alias ('*name') here copies a value kept under 'private:'",
                    "write the public value out; what is under 'private:' is never published",
                    "yaml-private-alias",
                )
            else:
                stack.append(child)
