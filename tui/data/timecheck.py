"""Check a normalised time against the words it came from and the article's date.

A curator works out "on Monday" → 2023-08-28 by hand; a slip of a day gives a value that
looks right. What the words fix is checked: a weekday must fall on that weekday, and "last
week", "this month", "next year" and the like must agree with the publication date (with
any day of an estimated range). TimeML anchors such expressions to the document's creation
time in the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.data.corpus import Published
from tui.data.timex import TimeValue

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(last|this|next)\s+(week|month|year)\b", re.IGNORECASE)
_STEP = {"last": -1, "this": 0, "next": 1}
# An estimated publication range longer than this is not expanded day by day.
_MAX_DAYS = 366

Period = tuple[dt.date, dt.date]


def _period(unit: str, day: dt.date, step: int) -> Period:
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=step)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + step
        first = dt.date(index // 12, index % 12 + 1, 1)
        after = dt.date((index + 1) // 12, (index + 1) % 12 + 1, 1)
        return first, after - dt.timedelta(days=1)
    return dt.date(day.year + step, 1, 1), dt.date(day.year + step, 12, 31)


def _days(published: Published) -> list[dt.date]:
    if published.date is not None:
        return [published.date]
    assert published.earliest is not None and published.latest is not None
    count = min(_MAX_DAYS, (published.latest - published.earliest).days + 1)
    return [published.earliest + dt.timedelta(days=n) for n in range(count)]


def _show(period: Period) -> str:
    start, end = period
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def disagreement(phrase: str, value: TimeValue, published: Published) -> str | None:
    """Why ``value`` cannot be what ``phrase`` says, or None when it can."""
    weekday = _WEEKDAY.search(phrase)
    if weekday and value.precision in ("day", "time"):
        named = weekday.group(1).capitalize()
        if value.start.strftime("%A") != named:
            return f"{value.value} is a {value.start.strftime('%A')}, not a {named}"
    relative = _RELATIVE.search(phrase)
    if relative:
        which, unit = relative.group(1).casefold(), relative.group(2).casefold()
        periods = list(dict.fromkeys(_period(unit, d, _STEP[which]) for d in _days(published)))
        if not any(start <= value.start and value.end <= end for start, end in periods):
            said = " or ".join(_show(p) for p in periods[:3]) + (" …" if len(periods) > 3 else "")
            return (
                f"“{relative.group(0)}” from an article published {published.describe()} is "
                f"{said}, and {value.value} is not within it"
            )
    return None
