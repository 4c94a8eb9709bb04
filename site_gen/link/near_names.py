"""Names in attendance that are almost a known person's: a slip, not a new person.

An attendee whose name is new becomes a person of their own, and the member they were
meant to be reads "not recorded" for that meeting: silent damage to the record. So a new
name close to a known one (people.yaml, the groups' members) is a warning with the name
it is probably meant to be. Close means: the same letters once case, accents and dots are
set aside ("Sian o'Neill", "Siân O'Neill"); an initial for the first name ("G. Macdonald");
or a spelling a letter or two off ("Geraldine Macdonal"). Only one candidate counts: two
are no guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from anyascii import anyascii

# How alike two folded names must be (difflib's ratio) to be a slip: "Geraldine Macdonal"
# and "Geraldine Macdonald" are 0.97, "Jon Smith" and "John Smith" 0.95, while "Jane Smith"
# and "John Smith" (two people) are 0.8.
_SLIP = 0.88
_SHORTEST = 6  # letters: below this, one letter off is another name ("Ann Lee", "Ann Lea")


def fold(name: str) -> str:
    """A name as compared for slips: ASCII, lower case, no dots or commas, single spaces."""
    ascii_name = anyascii(name).casefold().replace(".", " ").replace(",", " ")
    return " ".join(ascii_name.split())


@dataclass
class NearNames:
    """The names known before any attendance is read, by their folded form."""

    known: dict[str, set[str]] = field(default_factory=dict)  # folded -> names as written
    _found: dict[str, str | None] = field(default_factory=dict)

    def add(self, name: str) -> None:
        self.known.setdefault(fold(name), set()).add(name)

    def near(self, name: str) -> str | None:
        """The one known name `name` is probably a slip of, or None."""
        if name not in self._found:
            self._found[name] = self._near(fold(name))
        return self._found[name]

    def _near(self, folded: str) -> str | None:
        if not folded or len(folded.replace(" ", "")) < _SHORTEST:
            return None
        if folded in self.known:
            return _one(self.known[folded])
        candidates = [k for k in self.known if _initial_fits(folded, k)]
        if not candidates:
            candidates = get_close_matches(folded, list(self.known), n=2, cutoff=_SLIP)
            if len(candidates) == 2 and _ratio(folded, candidates[1]) == _ratio(
                folded, candidates[0]
            ):
                return None  # two as close: no guess
            candidates = candidates[:1]
        return _one(self.known[candidates[0]]) if len(candidates) == 1 else None


def _initial_fits(written: str, known: str) -> bool:
    """ "g macdonald" for "geraldine macdonald": an initial, then the same surname."""
    words, full = written.split(), known.split()
    return (
        len(words) == 2
        and len(words[0]) == 1
        and len(full) >= 2
        and full[-1] == words[-1]
        and full[0].startswith(words[0])
        and len(full[0]) > 1
    )


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _one(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None
