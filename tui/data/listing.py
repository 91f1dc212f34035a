"""A computed list that a view shows a screen at a time.

The timeline and the disagreements are worked out over the whole corpus; at 10,000 articles
that is hundreds of thousands of entries, which the index stores once instead of working
out on every start. A view needs every row's position and one small value per row up front
(an entry's year heading, a difference's number of sides), and the rows themselves only as
they are shown: a :class:`Listing` gives both, from a list in memory or from the index.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class Listing(Sequence[T], Generic[T]):
    """``items`` with ``marks``: one small value per item, known without reading it.

    ``texts`` gives every item's row as the view draws it, folded, in order, for the view's
    filter: asked for once, at the first filter (drawn from the items, or the index's stored
    texts), then kept, so each letter typed is one pass over strings in memory."""

    def __init__(
        self,
        items: Sequence[T],
        marks: Sequence[Any],
        texts: Callable[[], Sequence[str]] | None = None,
    ) -> None:
        self._items = items
        self.marks = marks
        self._load_texts = texts
        self._texts: Sequence[str] | None = None

    def matching(self, needle: str, within: Iterable[int] | None = None) -> list[int]:
        """The positions, ascending, of the items whose folded row holds ``needle`` (folded);
        only among ``within`` (ascending) when given: what a shorter filter kept, as a
        longer one only narrows it."""
        texts = self._texts
        if texts is None:
            if self._load_texts is None:
                raise TypeError("a listing without texts cannot be filtered")
            texts = self._texts = self._load_texts()
        if within is None:
            return [n for n, text in enumerate(texts) if needle in text]
        return [n for n in within if needle in texts[n]]

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._items[index]


class Runs(Sequence[Any]):
    """Marks given as runs, ``(mark, count)`` in order: a timeline's year headings are a
    few dozen runs over hundreds of thousands of entries, read without a row each."""

    def __init__(self, runs: list[tuple[Any, int]]) -> None:
        self.runs = runs
        self._ends = list(itertools.accumulate(count for _, count in runs))

    @classmethod
    def of(cls, marks: Sequence[Any]) -> Runs:
        """``marks`` as runs (taken as they are when they already are)."""
        if isinstance(marks, Runs):
            return marks
        return cls([(mark, sum(1 for _ in group)) for mark, group in itertools.groupby(marks)])

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.runs[bisect.bisect_right(self._ends, index)][0]

    def __iter__(self) -> Iterator[Any]:
        return itertools.chain.from_iterable(itertools.repeat(m, n) for m, n in self.runs)
