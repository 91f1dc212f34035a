"""What a fact's reports say, aspect by aspect: where the articles agree and where they differ.

A corpus-wide fact is the union of its reports. Where reports differ (one article says Putin
declined, another that he attended by video; one dates a visit the 20th, another the 22nd),
the difference is information to show, never to resolve silently: every view that shows a
fact's time, status or certainty reads it from here, so the list and the detail cannot
disagree about which value they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from tui.data.corpus import Corpus, Report
from tui.data.timex import TimeValue

Aspect = Literal["time", "status", "certainty"]
ASPECTS: tuple[Aspect, ...] = ("time", "status", "certainty")


@dataclass(frozen=True, slots=True)
class Variant:
    """One value of an aspect, and the articles whose reports give it."""

    value: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Account:
    """The values one aspect takes across a fact's reports, most reported first."""

    aspect: Aspect
    variants: tuple[Variant, ...]
    disagree: bool

    @property
    def single(self) -> str | None:
        """The value every report agrees on (the most precise, for times), if they agree."""
        if self.disagree or not self.variants:
            return None
        return self.variants[0].value


def _value(report: Report, aspect: Aspect) -> str | None:
    if aspect == "time":
        return report.time.value.value if report.time and report.time.value else None
    return report.status if aspect == "status" else report.certainty


def _disjoint(a: TimeValue, b: TimeValue) -> bool:
    return a.end < b.start or b.end < a.start


def account(corpus: Corpus, fact_id: str, aspect: Aspect) -> Account:
    by_value: dict[str, list[str]] = {}
    times: dict[str, TimeValue] = {}
    for report in corpus.fact_reports(fact_id):
        value = _value(report, aspect)
        if value is None:
            continue  # a report that gives no time does not disagree about it
        if report.time is not None and report.time.value is not None:
            times[report.time.value.value] = report.time.value
        articles = by_value.setdefault(value, [])
        if report.article_id not in articles:
            articles.append(report.article_id)
    if aspect == "time":
        # Times agree when they can all be true at once: "August" and "28 August" do.
        disagree = any(_disjoint(times[a], times[b]) for a, b in combinations(by_value, 2))
        if disagree:
            order = sorted(by_value, key=lambda v: (times[v].start, times[v].end))
        else:
            order = sorted(by_value, key=lambda v: (times[v].end - times[v].start, times[v].start))
    else:
        disagree = len(by_value) > 1
        order = sorted(by_value, key=lambda v: (-len(by_value[v]), v))
    variants = tuple(Variant(value, tuple(by_value[value])) for value in order)
    return Account(aspect, variants, disagree)


def disagreements(corpus: Corpus, fact_id: str) -> list[Account]:
    """The aspects on which the fact's reports differ."""
    found = (account(corpus, fact_id, aspect) for aspect in ASPECTS)
    return [a for a in found if a.disagree]
