"""Normalised time values: ISO 8601 at their true precision, TimeML-style.

A value is a year (``2023``), a month (``2023-09``), a day (``2023-08-28``), an ISO week
(``2023-W34``) or an interval of two of these (``2023-08-28/2023-08-31``). The precision is
derived from the form, so a curator never writes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "week", "day", "time", "interval"]

_FORMS = re.compile(
    r"(?P<year>\d{4})(?:-(?:W(?P<week>\d{2})|(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?)?))?\Z"
)
EXPECTED = (
    "ISO 8601 YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, YYYY-Www, or an interval "
    "START/END, open at one end as START/.. or ../END"
)
OPEN = ".."  # the open end of an interval: "since February 24, 2022" is 2022-02-24/..


class TimeValueError(ValueError):
    """A time value that is malformed or names a date that does not exist."""


@dataclass(frozen=True, slots=True)
class TimeValue:
    value: str
    precision: Precision
    start: dt.date
    end: dt.date


def _point(text: str) -> tuple[Precision, dt.date, dt.date]:
    match = _FORMS.match(text)
    if match is None:
        raise TimeValueError(f"malformed time value `{text}`; expected {EXPECTED}")
    year = int(match["year"])
    try:
        if match["week"]:
            week = int(match["week"])
            start = dt.date.fromisocalendar(year, week, 1)
            return "week", start, start + dt.timedelta(days=6)
        if match["day"]:
            day = dt.date(year, int(match["month"]), int(match["day"]))
            if match["hour"]:
                dt.time(int(match["hour"]), int(match["minute"]))  # raises if impossible
                return "time", day, day
            return "day", day, day
        if match["month"]:
            month = int(match["month"])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return "month", first, nxt - dt.timedelta(days=1)
        return "year", dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as exc:
        raise TimeValueError(
            f"impossible date `{text}`: {exc}; expected a date that exists"
        ) from None


@functools.lru_cache(maxsize=4096)
def parse_time_value(text: str) -> TimeValue:
    """Parse and check a normalised value; raise :class:`TimeValueError` with a clear message."""
    if "/" in text:
        first, _, last = text.partition("/")
        if first == last == OPEN:
            raise TimeValueError(f"interval `{text}` is open at both ends; expected one date")
        try:
            start = dt.date.min if first == OPEN else _point(first)[1]
            end = dt.date.max if last == OPEN else _point(last)[2]
        except TimeValueError as exc:
            raise TimeValueError(f"in interval `{text}`: {exc}") from None
        if end < start:
            raise TimeValueError(
                f"interval `{text}` ends before it starts; expected START/END in order"
            )
        return TimeValue(text, "interval", start, end)
    precision, start, end = _point(text)
    return TimeValue(text, precision, start, end)


_DURATION = re.compile(r"(?P<sign>-?)P(?P<n>\d+)(?P<unit>[DWMY])\Z")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def shift(value: TimeValue, offset: str) -> TimeValue | None:
    """``value`` moved by an ISO 8601 duration (``P1D``, ``-P2W``, ``P3M``, ``P1Y``), at the
    precision it had: a day stays a day, a month a month; None when it cannot be moved
    (an open interval, or a date out of range)."""
    if not offset:
        return value
    match = _DURATION.match(offset)
    if match is None or value.start == dt.date.min or value.end == dt.date.max:
        return None
    n = int(match["n"]) * (-1 if match["sign"] else 1)
    unit = match["unit"]
    try:
        if unit in "DW":
            delta = dt.timedelta(days=n * (7 if unit == "W" else 1))
            start, end = value.start + delta, value.end + delta
        else:
            months = n * (12 if unit == "Y" else 1)
            start, end = _add_months(value.start, months), _add_months(value.end, months)
    except (OverflowError, ValueError):
        return None
    if value.precision in ("day", "time"):
        return parse_time_value(start.isoformat())
    if value.precision == "month" and unit in "MY":
        return parse_time_value(start.isoformat()[:7])
    if value.precision == "year" and unit == "Y":
        return parse_time_value(str(start.year))
    return parse_time_value(
        start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    )
