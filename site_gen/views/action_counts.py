"""How many actions have each status: the one count the home page, the action indexes and
the status pages all show, so the numbers agree wherever a reader meets them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from site_gen.model import Action
from site_gen.vocabulary import ActionStatus


@dataclass(frozen=True)
class StatusCounts:
    by_status: dict[str, int]  # every status's value, in ActionStatus order, zeros included
    total: int

    def of(self, status: ActionStatus) -> int:
        return self.by_status[status.value]

    @property
    def still_open(self) -> int:
        """Open or in progress: what "outstanding" means on every page."""
        return self.of(ActionStatus.OPEN) + self.of(ActionStatus.IN_PROGRESS)


def status_counts(actions: Iterable[Action]) -> StatusCounts:
    counted = Counter(a.status.value for a in actions)
    by_status = {s.value: counted[s.value] for s in ActionStatus}
    return StatusCounts(by_status, sum(by_status.values()))
