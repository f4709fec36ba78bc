"""Lists longer than a page."""


class Concatenated:
    """Two querysets listed one after the other, as one list a Paginator can page (count and
    slices). Each part keeps its own ordering, which an index can serve, so a page reads at most
    a slice of each part instead of sorting every row by a computed key.

    total, when given, is both parts together (the second being what the first leaves of it):
    the count is then the first part's and the total's, since counting every row plainly (an
    index-only scan) is cheaper than counting the rows that fail the first part's condition."""

    def __init__(self, first, second, *, total=None):
        self.first, self.second, self.total = first, second, total
        self._first_count = None

    def _count_first(self) -> int:
        if self._first_count is None:
            self._first_count = self.first.count()
        return self._first_count

    def count(self) -> int:
        if self.total is not None:
            return self.total.count()
        return self._count_first() + self.second.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Concatenated lists are read in slices.")
        start, stop = index.start or 0, index.stop
        split = self._count_first()
        rows = _rows(self.first, start, min(stop, split)) if start < split else []
        if stop > split:
            rows += _rows(self.second, max(start - split, 0), stop - split)
        return rows


def _rows(queryset, start: int, stop: int) -> list:
    """queryset[start:stop], with the offset walked over the keys alone (a subquery an index can
    answer) and only the slice's rows joined to what the list shows of them: a page deep in a
    long list would otherwise join every row before it (at 46,000 issues, page 500 took 220 ms
    instead of 38 ms)."""
    return list(queryset.filter(pk__in=queryset.values("pk")[start:stop]))
