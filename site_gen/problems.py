"""Content problems: collected across a whole build and reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pinned to a file and line."""

    path: str
    line: int
    severity: Severity
    message: str
    hint: str = ""
    # A stable name for the kind of problem ("unknown-key"), for editors and CI to act on;
    # messages may be reworded, codes may not.
    code: str = "content"

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


@dataclass
class Problems:
    """Problems from every stage; the build decides once, at the end, whether to stop."""

    items: list[Problem] = field(default_factory=list)

    def error(
        self, path: str, line: int, message: str, hint: str = "", *, code: str = "content"
    ) -> None:
        self.items.append(Problem(path, max(line, 1), Severity.ERROR, message, hint, code))

    def warning(
        self, path: str, line: int, message: str, hint: str = "", *, code: str = "content"
    ) -> None:
        self.items.append(Problem(path, max(line, 1), Severity.WARNING, message, hint, code))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def stop(self, strict: bool) -> bool:
        """Whether the build must stop: on any error, and with `strict` on any warning."""
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Problem]:
        """Problems in a stable order: by file, then line, errors before warnings."""
        return sorted(
            set(self.items),
            key=lambda p: (p.path, p.line, p.severity != "error", p.message, p.hint, p.code),
        )
