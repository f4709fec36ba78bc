"""Lists longer than a page."""


class Concatenated:
    """Two querysets listed one after the other, as one list a Paginator can page (count and
    slices). Each part keeps its own ordering, which an index can serve, so a page reads at most
    a slice of each part instead of sorting every row by a computed key."""

    def __init__(self, first, second):
        self.first, self.second = first, second
        self._first_count = None

    def _count_first(self) -> int:
        if self._first_count is None:
            self._first_count = self.first.count()
        return self._first_count

    def count(self) -> int:
        return self._count_first() + self.second.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Concatenated lists are read in slices.")
        start, stop = index.start or 0, index.stop
        split = self._count_first()
        rows = list(self.first[start : min(stop, split)]) if start < split else []
        if stop > split:
            rows += list(self.second[max(start - split, 0) : stop - split])
        return rows
