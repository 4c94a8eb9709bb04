"""Typed reading of YAML values, reporting each wrong value at its line."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from site_gen.parse.withholding_keys import misread_withholding
from site_gen.problems import Problems
from site_gen.yaml_lines import YamlList, YamlMap

_FLAGS = {"true": True, "yes": True, "false": False, "no": False}
# Dates a clerk can mean: the site works out days before and after each (calendars, overdue
# actions), which date.max or date.min would overflow.
FIRST_YEAR, LAST_YEAR = 1000, 2999
MAX_DIGITS = 9  # whole numbers in content (meeting numbers, counts) are small
_WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


class FieldReader:
    """Reads the fields of one YAML mapping of one file, recording problems as it goes."""

    def __init__(self, mapping: YamlMap, path: str, problems: Problems, what: str) -> None:
        self.mapping = mapping
        self.path = path
        self.problems = problems
        self.what = what

    def line(self, key: str) -> int:
        return self.mapping.line_of(key)

    def error(self, key: str, message: str, hint: str, *, code: str = "content") -> None:
        self.problems.error(self.path, self.line(key), message, hint, code=code)

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.mapping.get(key)
        if value is None or value == "":  # "title:" with nothing after it
            if required:
                self.problems.error(
                    self.path,
                    self.mapping.line,
                    f"{self.what} has no '{key}'",
                    f"add a line '{key}: ...'",
                    code="missing-key",
                )
            return default
        if isinstance(value, (YamlMap, YamlList)):
            self.error(
                key,
                f"'{key}' must be text, not a list or mapping",
                f"write '{key}: some text'",
                code="not-text",
            )
            return default
        return str(value).strip()

    def day(self, key: str, *, required: bool = False) -> date | None:
        value: Any = self.mapping.get(key)
        if value is None or value == "":
            if required:
                self.problems.error(
                    self.path,
                    self.mapping.line,
                    f"{self.what} has no '{key}'",
                    f"add a line '{key}: YYYY-MM-DD', e.g. '{key}: 2021-07-30'",
                    code="missing-key",
                )
            return None
        if isinstance(value, (YamlMap, YamlList)):
            self.error(
                key, f"'{key}' must be a date", f"write '{key}: YYYY-MM-DD'", code="not-a-date"
            )
            return None
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(
                key,
                f"'{key}' is not a date: {str(value)!r}",
                f"write the date as YYYY-MM-DD, e.g. '{key}: 2021-07-30'",
                code="not-a-date",
            )
            return None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.error(
                key,
                f"'{key}' is out of range: {day.isoformat()}",
                f"a date between the years {FIRST_YEAR} and {LAST_YEAR}",
                code="not-a-date",
            )
            return None
        return day

    def flag(self, key: str, *, invalid: bool = False) -> bool:
        """true/yes or false/no (false if absent); `invalid` after reporting anything else."""
        value = self.mapping.get(key, "false")
        word = value.strip().lower() if isinstance(value, str) else ""
        if word not in _FLAGS:
            self.error(
                key,
                f"'{key}' must be true or false, not {value!r}",
                f"'{key}: true'",
                code="not-a-boolean",
            )
            return invalid
        return _FLAGS[word]

    def integer(self, key: str) -> int | None:
        value = self.mapping.get(key)
        if value is None or value == "":
            return None
        # Digits 0 to 9 only: "³" and "④" are digits to str.isdigit but not to int().
        if not isinstance(value, str) or not _WHOLE_NUMBER.fullmatch(value.strip()):
            shown = value if len(str(value)) <= 40 else str(value)[:40] + "..."
            self.error(
                key,
                f"'{key}' must be a whole number of at most {MAX_DIGITS} digits, not {shown!r}",
                f"e.g. '{key}: 3'",
                code="not-a-number",
            )
            return None
        return int(value)

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.mapping.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.error(
                key,
                f"'{key}' must be a list of text",
                f"e.g. '{key}: [First, Second]'",
                code="not-a-list",
            )
            return ()
        return tuple(str(v).strip() for v in value if v is not None)

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The items of a list field with their lines (empty, with an error, if not a list)."""
        value = self.mapping.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, YamlList):
            self.error(
                key,
                f"'{key}' must be a list",
                f"write each entry of '{key}' on a '- ' line",
                code="not-a-list",
            )
            return []
        return list(zip(value, value.item_lines, strict=True))

    def unknown_keys(self, known: set[str], *, withheld_by: str = "") -> None:
        """Warn of each key not in `known`. A key that reads as meant to withhold and would
        not (site_gen.parse.withholding_keys) is an error instead. `withheld_by` is what
        does withhold here: "status: draft" for a meeting, "private: true" for a paper."""
        for key, value in self.mapping.items():
            misread = misread_withholding(key, value, known, withheld_by, self.what)
            if misread is not None:
                self.error(key, *misread, code="misspelt-key")
            elif key not in known:
                self.problems.warning(
                    self.path,
                    self.line(key),
                    f"unknown key '{key}' in {self.what} is ignored",
                    "known keys: "
                    + ", ".join(sorted(known))
                    + (
                        "; keep anything not for publication under 'private:'"
                        if "private" in known
                        else ""
                    ),
                    code="unknown-key",
                )


def as_mapping(value: Any, path: str, line: int, problems: Problems, what: str) -> YamlMap | None:
    if isinstance(value, YamlMap):
        return value
    problems.error(
        path,
        getattr(value, "line", line),
        f"{what} must be a mapping of 'key: value' lines",
        "see the content format in README.md",
        code="not-a-mapping",
    )
    return None
