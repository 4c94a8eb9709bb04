"""YAML parsing that remembers where each key and item was written.

Problems found later (an unknown attendance kind, a bad date) must be reported at the
line the author wrote them on, so mappings and sequences carry their source lines.
"""

from __future__ import annotations

from typing import Any

import yaml

from site_gen.problems import Problems

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    line_offset = 0


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        # Keys are names in our formats; "1.5" or 2021 written bare are still meant as text.
        text_key = str(key)
        result[text_key] = loader.construct_object(value_node, deep=True)
        result.key_lines[text_key] = key_node.start_mark.line + 1 + loader.line_offset
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse_yaml(text: str, path: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text whose first line is line `first_line` of `path`.

    Returns None (and records an error) when the text is not valid YAML.
    """

    class Loader(_LineLoader):
        line_offset = first_line - 1

    try:
        return yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        problems.error(
            path,
            line,
            f"invalid YAML: {exc.problem or exc.context}",
            "check indentation and that values containing ': ' or '#' are quoted",
        )
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"invalid YAML: {exc}", "check the file's syntax")
    return None
