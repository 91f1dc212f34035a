"""A view's rows worked out on demand: entries by position, a heading before each run.

The timeline of every event at 10,000 articles is 231,721 rows; making a string for each
took longer than drawing the screen, on every opening and every letter of its filter. Here
a row's id is made when the list asks for it (the rows on screen, the cursor's), from the
positions kept and the runs of headings.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import Any, overload

from tui.ui.virtual_list import HEADING


class EntryRows(Sequence[str]):
    """``prefix`` + each position of ``positions`` (ascending), with ``heading:`` + the
    mark before each run of ``runs`` ((mark, count) over every position, in order) that
    keeps a position; no headings when ``runs`` is None. A run whose mark is None has none.
    """

    def __init__(
        self,
        prefix: str,
        positions: Sequence[int],
        runs: Sequence[tuple[Any, int]] | None = None,
    ) -> None:
        self.prefix = prefix
        self.positions = positions
        # For each run that keeps a position: its first row, its first kept position's
        # place in ``positions``, and its heading (None: no heading row).
        self._rows: list[int] = []
        self._kept: list[int] = []
        self._headings: list[str | None] = []
        row = 0
        if runs is None:
            self._rows, self._kept, self._headings = [0], [0], [None]
            row = len(positions)
        else:
            start = kept = 0
            for mark, count in runs:
                end = start + count
                first = bisect.bisect_left(positions, start, kept)
                kept = bisect.bisect_left(positions, end, first)
                start = end
                if kept == first:
                    continue
                heading = None if mark is None else f"{HEADING}{mark}"
                self._rows.append(row)
                self._kept.append(first)
                self._headings.append(heading)
                row += (heading is not None) + kept - first
        self._len = row

    @property
    def entries(self) -> int:
        """How many rows are entries, not headings."""
        return len(self.positions)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        run = bisect.bisect_right(self._rows, index) - 1
        offset = index - self._rows[run]
        heading = self._headings[run]
        if heading is not None:
            if offset == 0:
                return heading
            offset -= 1
        return f"{self.prefix}{self.positions[self._kept[run] + offset]}"

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(self._len))

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """Where the row ``value`` is, found from its position (a heading: among the runs)."""
        found = self._place(value)
        if found is None or found < start or (stop is not None and found >= stop):
            raise ValueError(value)
        return found

    def __contains__(self, value: object) -> bool:
        return self._place(value) is not None

    def _place(self, value: object) -> int | None:
        if not isinstance(value, str):
            return None
        if value.startswith(HEADING):
            for row, heading in zip(self._rows, self._headings, strict=True):
                if heading == value:
                    return row
            return None
        if not value.startswith(self.prefix):
            return None
        try:
            position = int(value[len(self.prefix) :])
        except ValueError:
            return None
        if str(position) != value[len(self.prefix) :]:
            return None  # "entry:01" is not a row
        kept = bisect.bisect_left(self.positions, position)
        if kept == len(self.positions) or self.positions[kept] != position:
            return None
        run = bisect.bisect_right(self._kept, kept) - 1
        return self._rows[run] + (self._headings[run] is not None) + kept - self._kept[run]
