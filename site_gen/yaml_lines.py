"""YAML parsing that remembers where each key and item was written.

Problems found later (an unknown attendance kind, a bad date) must be reported at the
line the author wrote them on, so mappings and sequences carry their source lines.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from site_gen.comments import blank_comments
from site_gen.problems import Problems
from site_gen.yaml_bounds import CONTROL, MAX_DEPTH, PLAIN_TAGS, check_graph

# Every scalar stays text: YAML's guessing would read "1.10" as the number 1.1, "14:00" as
# 840 and "No" as false. Dates, numbers and flags are read explicitly by parse.fields.
_BaseLoader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class YamlMap(dict[str, Any]):
    """A mapping with the 1-based line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence with the 1-based line of the sequence and of each item."""

    line: int
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def __init__(self, text: str, line_offset: int) -> None:
        super().__init__(text)
        self.line_offset = line_offset
        self.duplicates: list[tuple[str, int, int]] = []  # key, line, line of its first use


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        line = key_node.start_mark.line + 1 + loader.line_offset
        if key in result.key_lines:
            # YAML would keep the last silently: "status: draft" then "status: approved".
            loader.duplicates.append((key, line, result.key_lines[key]))
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


class _NotPlain(Exception):
    """The document needs yaml_bounds' checks, or the loader's own making of its values."""


def _plain_values(root: yaml.Node, line_offset: int) -> Any:
    """The values of a document with no alias, tag, key that is not text, control
    character, nesting deeper than yaml_bounds allows or key given twice: what
    check_graph passes without a word and `_LineLoader` makes, made in one walk (nearly
    every file). Raises _NotPlain at anything else, which takes the full way."""
    seen: set[int] = set()

    def value(node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH or node.tag not in PLAIN_TAGS or id(node) in seen:
            raise _NotPlain
        seen.add(id(node))
        line = node.start_mark.line + 1 + line_offset
        if isinstance(node, yaml.ScalarNode):
            if CONTROL.search(node.value):
                raise _NotPlain
            return node.value
        if isinstance(node, yaml.SequenceNode):
            items = YamlList(value(child, depth + 1) for child in node.value)
            items.line = line
            items.item_lines = [child.start_mark.line + 1 + line_offset for child in node.value]
            return items
        mapping = _empty(line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NotPlain
            key = value(key_node, depth + 1)
            if key in mapping.key_lines:
                raise _NotPlain  # reported by the loader's way, which skips the value
            mapping[key] = value(value_node, depth + 1)
            mapping.key_lines[key] = key_node.start_mark.line + 1 + line_offset
        return mapping

    return value(root, 1)


def _empty(line: int) -> YamlMap:
    mapping = YamlMap()
    mapping.line, mapping.key_lines = line, {}
    return mapping


_GLUED_DASH = re.compile(r"^\s*-(?=[^\s-])")
_YAML_HINT = "check indentation and that values containing ': ' or '#' are quoted"


def yaml_error_place(text: str, mark_line: int) -> tuple[int, str]:
    """The 0-based line to report a YAML error at, and a hint. The parser notices a slip
    only where it stops making sense, often the line after (or the end of the block): a
    list item with no space after its dash ("-Lisa Harker"), or a tab in the indent, is
    reported at its own line."""
    lines = text.splitlines()
    last = min(mark_line, len(lines) - 1)
    for index in range(last, max(last - 3, -1), -1):
        line = lines[index] if index >= 0 else ""
        if _GLUED_DASH.match(line):
            item = line.strip()[1:]
            return index, f"put a space after the '-' of a list item: '- {item}'"
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return index, "indent with spaces: YAML does not allow tabs there"
    while 0 < last < len(lines) and mark_line >= len(lines) and not lines[last].strip():
        last -= 1  # stopped at the end: the slip is in the last line written
    return max(min(mark_line, last), 0), _YAML_HINT


_REFUSED = object()  # yaml_bounds found the document unsafe: no value is made from it


def _values(loader: _LineLoader, node: yaml.Node, path: str, problems: Problems) -> Any:
    """The values of the document `node`, or _REFUSED (and its problems reported)."""
    try:
        return _plain_values(node, loader.line_offset)
    except _NotPlain:
        pass
    found = check_graph(node)
    for problem in found:
        problems.error(
            path,
            problem.line + loader.line_offset + 1,
            problem.message,
            problem.hint,
            code=problem.code,
        )
    if any(problem.fatal for problem in found):
        return _REFUSED
    return loader.construct_document(node)


def parse_yaml(text: str, path: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text whose first line is line `first_line` of `path`.

    Scalars are strings. An empty document is an empty mapping, so that required keys are
    reported missing. Returns None (and records an error) when the text is not valid YAML,
    or is YAML that site_gen refuses (site_gen.yaml_bounds): no value is made from it.
    """
    # An author's <!-- note --> is hidden in YAML values as in the minutes.
    text, unclosed = blank_comments(text)
    if unclosed is not None:
        problems.error(
            path,
            unclosed + first_line - 1,
            "an HTML comment opened here is never closed",
            "end it with '-->'; until then everything after it is hidden",
            code="html-comment-unclosed",
        )
    loader = _LineLoader(text, first_line - 1)
    try:
        node = loader.get_single_node()
        data = _values(loader, node, path, problems) if node is not None else None
        if data is _REFUSED:
            return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at, hint = yaml_error_place(text, mark.line if mark else 0)
        problems.error(
            path,
            at + first_line,
            f"invalid YAML: {exc.problem or exc.context}",
            hint,
            code="invalid-yaml",
        )
        return None
    except yaml.YAMLError as exc:
        problems.error(
            path, first_line, f"invalid YAML: {exc}", "check the file's syntax", code="invalid-yaml"
        )
        return None
    finally:
        loader.dispose()
    for key, line, first in loader.duplicates:
        problems.error(
            path,
            line,
            f"'{key}' is given twice (first on line {first})",
            "keep one: YAML would silently use the last",
            code="duplicate-key",
        )
    return _empty(first_line) if data is None or data == "" else data
