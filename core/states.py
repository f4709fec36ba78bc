"""The states of a stateful model and the transitions allowed between them, declared once in a
table beside the model.

    class Meeting(models.Model):
        class Status(models.TextChoices): ...
        TRANSITIONS = Transitions({
            Status.DRAFT: {Status.OPEN, Status.IN_REVIEW, Status.CANCELLED},
            ...
        })

Each service that moves the state asks the table (``Meeting.TRANSITIONS.require(meeting.status,
Status.OPEN, error)``); rules predicates and querysets ask it what a state allows
(``Meeting.TRANSITIONS.sources(Status.CANCELLED)``: every state a meeting can be cancelled from).

A small table of our own rather than django-fsm-2: the transitions here need no decorators on
model methods, every change of state already goes through one service (which locks the row,
records the event and queues mail), and a plain dict can be read by the rules and the
querysets alike.
"""

from collections.abc import Iterable


class Transitions:
    def __init__(self, table: dict[str, Iterable[str]]):
        self.table = {source: frozenset(targets) for source, targets in table.items()}
        unknown = {target for targets in self.table.values() for target in targets} - set(self.table)
        if unknown:
            raise ValueError(f"Transitions to states that are not in the table: {sorted(unknown)}")

    def allows(self, source: str, target: str) -> bool:
        return target in self.table.get(source, frozenset())

    def sources(self, target: str) -> frozenset[str]:
        """The states from which `target` can be reached."""
        return frozenset(source for source, targets in self.table.items() if target in targets)

    def targets(self, source: str) -> frozenset[str]:
        return self.table.get(source, frozenset())

    def is_final(self, state: str) -> bool:
        return not self.table.get(state)

    def final_states(self) -> frozenset[str]:
        return frozenset(state for state in self.table if self.is_final(state))

    def leading_to(self, target: str) -> frozenset[str]:
        """The states from which `target` can still be reached, through any number of transitions."""
        before, frontier = set(), {target}
        while frontier:
            frontier = {source for state in frontier for source in self.sources(state)} - before
            before |= frontier
        return frozenset(before - {target})

    def require(self, source: str, target: str, error: Exception) -> None:
        """Raise `error` (a domain error with a message for the user) unless source → target
        is allowed."""
        if not self.allows(source, target):
            raise error
