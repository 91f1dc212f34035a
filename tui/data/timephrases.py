"""Find the time phrases of a news text and propose their normalised values.

A curator drafting an article's facts spends much of the time on dates: "on Monday" is which
day, "last week" which week, "in December" which year. This module finds the phrases a news
text uses and proposes a value in the forms :mod:`tui.data.timex` accepts (a day, a month, a
year, an ISO week, or an interval, open at one end for "since …"), anchored to the publication
date as TimeML anchors them to the document's creation time.

Why not a natural-language date library end to end: ``dateparser`` and ``datefinder`` return a
single datetime, so "last week" becomes a day seven days back and "in October" the first of
the month; the precision, which is what a curator must record, is lost, and neither returns
intervals. So the phrases are found here by a small grammar of the forms news uses, and the
maintained ``python-dateutil`` does the calendar work: reading absolute dates ("Oct. 17",
"February 24, 2022") with :func:`dateutil.parser.parse`, and weekday and month arithmetic with
:class:`dateutil.relativedelta.relativedelta`.

Every value is a proposal: the tense decides whether a bare weekday or month is past or
future, and the draft says which way it guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from tui.data.timex import OPEN, TimeValueError, parse_time_value

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![\w])"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?:1[89]|20)\d\d(?![\w])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w])"
_DASH = r"\s*[-–—]\s*"
_PREP = (
    r"(?:(?P<prep>[Oo]n|[Ii]n|[Ff]rom|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Bb]etween)\s+)?"
)

# One alternative per form, longest forms first: at a position the first that matches wins.
_FORMS: list[tuple[str, str]] = [
    (
        "md_range",
        rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:{_DASH}|\s+(?:and|to)\s+)(?P<d2>{_DAY})"
        rf"(?:,?\s+(?P<y1>{_YEAR}))?",
    ),
    (
        "dm_range",
        rf"(?P<d3>{_DAY})(?:{_DASH}|\s+(?:and|to)\s+)(?P<d4>{_DAY})\s+(?P<m2>{_MONTH})"
        rf"(?:,?\s+(?P<y2>{_YEAR}))?",
    ),
    ("mdy", rf"(?P<m3>{_MONTH})\s+(?P<d5>{_DAY}),?\s+(?P<y3>{_YEAR})"),
    ("dmy", rf"(?P<d6>{_DAY})\s+(?P<m4>{_MONTH}),?\s+(?P<y4>{_YEAR})"),
    ("dm", rf"(?P<d7>{_DAY})\s+(?P<m5>{_MONTH})"),
    ("md", rf"(?P<m6>{_MONTH})\s+(?P<d8>{_DAY})(?!\s*[:.]\d)"),
    ("my", rf"(?P<m7>{_MONTH}),?\s+(?P<y5>{_YEAR})"),
    (
        "wd_range",
        rf"(?P<w1>{_WEEKDAY})(?:{_DASH}|\s+(?:to|and|through|until)\s+)(?P<w2>{_WEEKDAY})",
    ),
    ("weekday", rf"(?P<w3>{_WEEKDAY})"),
    (
        "relative",
        r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he\s+coming|[Tt]he\s+past)\s+"
        r"(?P<unit>week|weekend|month|year)(?:['’]s)?(?![\w])",
    ),
    (
        "deictic",
        r"(?P<dword>(?:[Ee]arlier|[Ll]ater)\s+(?:today|in\s+the\s+day|this\s+week)|[Tt]oday|"
        r"[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night)(?![\w])",
    ),
    (
        "span",
        r"(?:[Oo]ver\s+|[Ii]n\s+|[Ff]or\s+)?[Tt]he\s+(?P<sdir>past|last|next|coming)\s+"
        r"(?P<count>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
        r"(?P<sunit>days|weeks|months|years)(?![\w])",
    ),
    ("recent", r"(?P<rword>[Ii]n\s+recent\s+(?:days|weeks|months|years)|[Rr]ecently)(?![\w])"),
    ("month", rf"(?P<m8>{_MONTH})"),
    ("year", rf"(?P<y6>{_YEAR})"),
]
_PATTERN = re.compile(
    r"(?<![\w])" + _PREP + "(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _FORMS) + ")"
)
# "May" and "March" are words as well as months: alone they count only after a preposition.
_AMBIGUOUS = {"May", "March"}
# Words that make a sentence look forward in time, so a bare "in December" is the next one.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|to\s+be|is\s+due|are\s+due|due\s+to|expected|plans?|planned|"
    r"look(?:s|ing)?\s+forward|upcoming|scheduled|next|to\s+(?:attend|visit|travel|meet|hold))\b",
    re.IGNORECASE,
)
# dateutil reads "Sep" and "September" but not "Sept".
_SEPT = re.compile(r"\bSept\b")
# Spelt-out counts, from two: "the past two weeks".
_NUMBERS = "two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class TimePhrase:
    """A time phrase at ``[start, end)`` of the text, with a proposed value (None: the
    curator must decide) and how the value was reached."""

    phrase: str
    start: int
    end: int
    value: str | None
    role: str  # point, start (since/from …) or end (until …)
    how: str


def _day(text: str, year: int) -> dt.date:
    """An absolute day in words ("Oct. 17", "24 February"), read by dateutil."""
    cleaned = _SEPT.sub("Sep", re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text))
    default = dt.datetime(year, 1, 1)
    return date_parser.parse(cleaned, default=default).date()


def _month(text: str, year: int) -> int:
    return date_parser.parse(_SEPT.sub("Sep", text), default=dt.datetime(year, 1, 1)).month


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _weekday_on_or_before(name: str, published: dt.date) -> dt.date:
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return published - dt.timedelta(days=back)


def _weekday_after(name: str, published: dt.date) -> dt.date:
    ahead = (_WEEKDAYS.index(name.lower()) - published.weekday()) % 7
    return published + dt.timedelta(days=ahead)


def _span(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


class _Reader:
    def __init__(self, text: str, published: dt.date) -> None:
        self.text = text
        self.published = published

    def future(self, start: int) -> bool:
        """Whether the sentence around ``start`` speaks of the future."""
        lo = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start)) + 1
        ends = [i for i in (self.text.find(". ", start), self.text.find("\n", start)) if i >= 0]
        return _FUTURE.search(self.text, lo, min(ends, default=len(self.text))) is not None

    def future_clause(self, start: int) -> bool:
        """Whether the words before ``start`` in its clause speak of the future: "authorities
        said Wednesday" is past even in a sentence about next week's visit."""
        lo = max(self.text.rfind(c, 0, start) for c in (". ", "\n", ",", ";", "(")) + 1
        return _FUTURE.search(self.text, lo, start) is not None

    def year_for(self, month: int, day: int | None, start: int) -> tuple[int, str]:
        """The year of a date written without one: the publication's, or the one before when
        the date would lie ahead but the sentence speaks of the past."""
        pub = self.published
        ahead = (month, day or 1) > (pub.month, pub.day if day else 1)
        if ahead and not self.future(start):
            return pub.year - 1, "year before publication (past tense, date after it)"
        return pub.year, "year of publication"

    def value(self, kind: str, m: re.Match[str]) -> tuple[str | None, str]:
        pub = self.published
        g = m.group
        if kind in ("md_range", "dm_range"):
            month, d1, d2, y = (
                (g("m1"), g("d1"), g("d2"), g("y1"))
                if kind == "md_range"
                else (g("m2"), g("d3"), g("d4"), g("y2"))
            )
            how = "year as written"
            if y is None:
                year, how = self.year_for(
                    _month(month, pub.year), int(re.sub(r"\D", "", d1)), m.start()
                )
            else:
                year = int(y)
            return _span(_day(f"{month} {d1}", year), _day(f"{month} {d2}", year)), how
        if kind in ("mdy", "dmy"):
            words = (
                f"{g('m3')} {g('d5')} {g('y3')}"
                if kind == "mdy"
                else (f"{g('d6')} {g('m4')} {g('y4')}")
            )
            return _day(words, pub.year).isoformat(), "date as written"
        if kind in ("md", "dm"):
            month, day = (g("m6"), g("d8")) if kind == "md" else (g("m5"), g("d7"))
            year, how = self.year_for(
                _month(month, pub.year), int(re.sub(r"\D", "", day)), m.start()
            )
            return _day(f"{month} {day}", year).isoformat(), how
        if kind == "my":
            return f"{int(g('y5')):04d}-{_month(g('m7'), pub.year):02d}", "month as written"
        if kind == "month":
            month = _month(g("m8"), pub.year)
            year, how = self.year_for(month, None, m.start())
            return f"{year:04d}-{month:02d}", how
        if kind == "year":
            return g("y6"), "year as written"
        if kind == "wd_range":
            first = _weekday_on_or_before(g("w1"), pub)
            last = first + dt.timedelta(
                days=(_WEEKDAYS.index(g("w2").lower()) - first.weekday()) % 7
            )
            how = "the latest such days, up to publication"
            if last < pub and self.future_clause(m.start()):
                first = _weekday_after(g("w1"), pub)
                last = first + dt.timedelta(days=(last - first).days % 7)
                how = "the next such days (future tense)"
            return _span(first, last), how
        if kind == "weekday":
            if self.future_clause(m.start()):
                return _weekday_after(g("w3"), pub).isoformat(), "next such day (future tense)"
            return _weekday_on_or_before(g("w3"), pub).isoformat(), "latest such day (past tense)"
        if kind == "relative":
            return self.relative(g("rel"), g("unit"))
        if kind == "span":
            return self.span(g("sdir").lower(), g("count").lower(), g("sunit"))
        if kind == "deictic":
            words = " ".join(g("dword").lower().split())
            if words in ("yesterday", "last night"):
                return (pub - dt.timedelta(days=1)).isoformat(), "the day before publication"
            if words == "tomorrow":
                return (pub + dt.timedelta(days=1)).isoformat(), "the day after publication"
            if words.endswith("this week"):
                return _week(pub), "the week of publication"
            return pub.isoformat(), "the day of publication"
        return None, "vague: give a value only if the text fixes one"

    def span(self, direction: str, count: str, unit: str) -> tuple[str | None, str]:
        """ "over the past 10 years": from that long before publication up to it."""
        n = int(count) if count.isdigit() else _NUMBERS.index(count) + 2
        pub = self.published
        step = {
            "days": relativedelta(days=n),
            "weeks": relativedelta(weeks=n),
            "months": relativedelta(months=n),
        }.get(unit, relativedelta(years=n))
        how = f"{direction} {n} {unit} from publication"
        if direction in ("past", "last"):
            first, last = pub - step, pub
        else:
            first, last = pub, pub + step
        if unit == "years":
            return f"{first.year:04d}/{last.year:04d}", how
        if unit == "months":
            return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}", how
        return _span(first, last), how

    def relative(self, which: str, unit: str) -> tuple[str | None, str]:
        pub = self.published
        step = {"last": -1, "this": 0, "next": 1, "the coming": 1, "the past": -1}[
            " ".join(which.lower().split())
        ]
        how = f"{' '.join(which.lower().split())} {unit} from publication"
        if unit in ("week", "weekend"):
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
            if unit == "weekend":
                return _span(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)), how
            return _week(monday), how
        if unit == "month":
            first = pub.replace(day=1) + relativedelta(months=step)
            return f"{first.year:04d}-{first.month:02d}", how
        return f"{pub.year + step:04d}", how


def find_time_phrases(text: str, published: dt.date) -> list[TimePhrase]:
    """Every time phrase of ``text`` in order, with a value proposed against ``published``."""
    reader = _Reader(text, published)
    found: list[TimePhrase] = []
    for m in _PATTERN.finditer(text):
        kind = next(name for name, _ in _FORMS if m.group(name) is not None)
        prep = (m.group("prep") or "").lower()
        start = m.start()
        if kind in ("relative", "deictic", "recent", "span") and prep:
            # "during last week's summit": the phrase is "last week's", not its preposition.
            start, prep = m.start(kind), ""
        if kind == "month" and m.group("m8") in _AMBIGUOUS and not prep:
            continue
        if kind == "year" and not prep and _is_number_context(text, m.start(kind), m.end()):
            continue
        try:
            value, how = reader.value(kind, m)
        except (ValueError, OverflowError):  # "February 30": no such day; leave it to the curator
            value, how = None, "not a date that exists"
        role = "point"
        if value is not None and prep in ("since", "from") and "/" not in value:
            value, role, how = f"{value}/{OPEN}", "start", how + "; open interval from it"
        elif value is not None and prep in ("until", "till") and "/" not in value:
            value, role, how = f"{OPEN}/{value}", "end", how + "; open interval up to it"
        if value is not None:
            try:
                parse_time_value(value)
            except TimeValueError:
                value, how = None, "no value in the accepted forms"
        found.append(TimePhrase(text[start : m.end()], start, m.end(), value, role, how))
    return found


def _is_number_context(text: str, start: int, end: int) -> bool:
    """A bare four-digit number that is a count, not a year ("2000 troops", "$2023")."""
    before = text[max(0, start - 1) : start]
    after = text[end : end + 2]
    return before in ("$", "£", "€", ".", ",") or after[:1] == "%"
