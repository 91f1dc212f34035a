"""A view's computed rows read as the list of row ids they stand for."""

from __future__ import annotations

import itertools
import random

import pytest

from tui.data.listing import Runs
from tui.ui.entry_rows import EntryRows


def spelled_out(prefix: str, positions: list[int], marks: list[str | None] | None) -> list[str]:
    """The rows as a list: a heading before each run of equal marks that keeps a position."""
    rows: list[str] = []
    shown = set(positions)
    if marks is None:
        return [f"{prefix}{n}" for n in positions]
    start = 0
    for mark, group in itertools.groupby(marks):
        count = len(list(group))
        kept = [n for n in range(start, start + count) if n in shown]
        if kept and mark is not None:
            rows.append(f"heading:{mark}")
        rows.extend(f"{prefix}{n}" for n in kept)
        start += count
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_rows_index_and_membership_match_the_spelled_out_list(seed: int) -> None:
    rng = random.Random(seed)
    total = rng.randrange(0, 60)
    with_headings = seed % 4 != 0
    marks: list[str | None] | None = None
    if with_headings:
        marks = sorted(rng.choice(["2021", "2022", "2023", "undated"]) for _ in range(total))
        if seed % 5 == 0 and marks:
            marks[0] = None
    positions = sorted(rng.sample(range(total), rng.randrange(0, total + 1)))
    runs = Runs.of(marks).runs if marks is not None else None
    rows = EntryRows("entry:", positions, runs)
    expected = spelled_out("entry:", positions, marks)
    assert list(rows) == expected
    assert len(rows) == len(expected)
    assert rows.entries == len(positions)
    assert [rows[i] for i in range(-len(expected), 0)] == expected
    for place, row_id in enumerate(expected):
        assert rows.index(row_id) == place
        assert row_id in rows
    for missing in ("entry:999", "entry:-1", "entry:01", "heading:1999", "other:1", "entry:x"):
        assert missing not in rows
        with pytest.raises(ValueError):
            rows.index(missing)
    with pytest.raises(IndexError):
        rows[len(expected)]


def test_the_whole_range_is_not_spelled_out() -> None:
    # Every event of 10,000 articles: no list of 231,721 strings is made to show them.
    rows = EntryRows("entry:", range(231_721), [("2022", 100_000), ("2023", 131_721)])
    assert len(rows) == 231_723
    assert rows[0] == "heading:2022" and rows[1] == "entry:0"
    assert rows[100_001] == "heading:2023" and rows[-1] == "entry:231720"
    assert rows.index("entry:150000") == 150_002
