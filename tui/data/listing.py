"""A computed list that a view shows a screen at a time.

The timeline and the disagreements are worked out over the whole corpus; at 10,000 articles
that is hundreds of thousands of entries, which the index stores once instead of working
out on every start. A view needs every row's position and one small value per row up front
(an entry's year heading, a difference's number of sides), and the rows themselves only as
they are shown: a :class:`Listing` gives both, from a list in memory or from the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class Listing(Sequence[T], Generic[T]):
    """``items`` with ``marks``: one small value per item, known without reading it."""

    def __init__(self, items: Sequence[T], marks: Sequence[Any]) -> None:
        self._items = items
        self.marks = marks

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._items[index]
