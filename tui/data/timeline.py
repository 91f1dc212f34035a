"""Every event in time order, by the normalised time its reports give.

An event is placed by the most precise time its reports agree on. Where reports put it at
times that cannot both be true (the 22nd and the 23rd), it is placed once per time, each
entry marked as differing and naming the articles that give it: the difference is shown,
never resolved. An event no report dates is listed as undated, after the dated ones: its
article's publication date says when it was reported, not when it happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui.data.accounts import Account, account
from tui.data.corpus import Corpus, Event, Report
from tui.data.folding import fold
from tui.data.timex import TimeValue


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of one event on the timeline."""

    fact_id: str
    time: TimeValue | None  # None: no report dates the event
    report_ids: tuple[str, ...]  # the reports giving this time (all reports, when undated)
    phrases: tuple[str, ...]  # the words that give the time, once each
    articles: int  # how many articles report the event at all
    differs: bool  # other reports put the event at another time
    status: Account
    role: str = "point"  # "start" when the words give only when it began ("since March")

    @property
    def precision(self) -> str:
        if self.time is None:
            return "undated"
        if self.role == "start":
            return "since"
        if self.role == "end":
            return "until"
        return precision_word(self.time)

    @property
    def group(self) -> str:
        """The heading the entry sits under: its year, or "Undated"."""
        if self.time is None:
            return "Undated"
        return str(sort_date(self.time).year)


def precision_word(time: TimeValue) -> str:
    if time.precision != "interval":
        return time.precision
    if time.start == dt.date.min:
        return "until"
    if time.end == dt.date.max:
        return "since"
    return "interval"


def sort_date(time: TimeValue) -> dt.date:
    """Where a time sits: its start, or its end when it is open at the start."""
    return time.end if time.start == dt.date.min else time.start


def _entry(corpus: Corpus, event: Event, value: str | None, reports: list[Report]) -> Entry:
    given = (
        [r for r in reports if r.time and r.time.value and r.time.value.value == value]
        if value
        else reports
    )
    time = given[0].time.value if value and given and given[0].time else None
    # "last week" and "Last week" are the same words, at a sentence's start or not.
    phrases = tuple({fold(r.time.phrase): r.time.phrase for r in given if r.time}.values())
    everyone = {r.article_id for r in reports}
    roles = {r.time.role for r in given if r.time} if time else set()
    return Entry(
        event.id,
        time,
        tuple(r.id for r in given),
        phrases,
        len(everyone),
        False,
        account(corpus, event.id, "status"),
        roles.pop() if len(roles) == 1 else "point",
    )


def timeline(corpus: Corpus, entity_id: str | None = None) -> list[Entry]:
    """The events of the corpus, or of one entity, dated first in time order, then undated."""
    if entity_id is None:
        ids: list[str] = list(corpus.events)
    else:
        ids = [f for f in corpus.facts_by_entity.get(entity_id, ()) if f in corpus.events]
    entries: list[Entry] = []
    for fact_id in ids:
        event = corpus.events[fact_id]
        reports = corpus.fact_reports(fact_id)
        if not reports:
            continue
        when = account(corpus, fact_id, "time")
        if not when.variants:
            entries.append(_entry(corpus, event, None, reports))
        elif when.disagree:
            for variant in when.variants:
                entry = _entry(corpus, event, variant.value, reports)
                entries.append(
                    Entry(
                        entry.fact_id,
                        entry.time,
                        entry.report_ids,
                        entry.phrases,
                        entry.articles,
                        True,
                        entry.status,
                        entry.role,
                    )
                )
        else:
            entries.append(_entry(corpus, event, when.single, reports))

    # The id settles ties, so one entity's timeline is the whole one's in the same order.
    def key(entry: Entry) -> tuple[int, dt.date, dt.date, str, str]:
        label = corpus.label(corpus.events[entry.fact_id]).casefold()
        if entry.time is None:
            return (1, dt.date.max, dt.date.max, label, entry.fact_id)
        return (0, sort_date(entry.time), entry.time.end, label, entry.fact_id)

    return sorted(entries, key=key)
