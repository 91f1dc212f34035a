"""What a fact's reports say, aspect by aspect: where the articles agree and where they differ.

A corpus-wide fact is the union of its reports. Where reports differ (one article says Putin
declined, another that he attended by video; one dates a visit the 20th, another the 22nd),
the difference is information to show, never to resolve silently: every view that shows a
fact's time, status, certainty, added participants or characterisation reads it from here,
so the list and the detail cannot disagree about which value they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from tui.data.corpus import Corpus, Report
from tui.data.timex import TimeValue

Aspect = Literal["time", "status", "certainty", "participants", "qualifiers"]
ASPECTS: tuple[Aspect, ...] = ("time", "status", "certainty", "participants", "qualifiers")
# Aspects a report may leave out: two articles differ on them only where both give one.
_OPTIONAL: frozenset[Aspect] = frozenset({"participants", "qualifiers"})


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


def value_of(corpus: Corpus, report: Report, aspect: Aspect) -> str | None:
    """What one report says of an aspect, as one comparable string; None when it says nothing."""
    if aspect == "time":
        return report.time.value.value if report.time and report.time.value else None
    if aspect == "participants":
        added = sorted(f"{role}: {corpus.entity_name(e)}" for e, role in report.participants)
        return "; ".join(added) or None
    if aspect == "qualifiers":
        return "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.qualifiers) or None
    if aspect == "status":
        # "has not left Russia since": the article says it did not happen. A negated
        # ability ("won't be able to attend") is an inability, not a denial of the status.
        if report.negated and report.modality == "actual":
            return f"not {report.status}"
        return report.status
    return report.certainty


def _disjoint(a: TimeValue, b: TimeValue) -> bool:
    return a.end < b.start or b.end < a.start


def _any_disjoint(spans: list[TimeValue]) -> bool:
    """Whether two of ``spans`` cannot both be true."""
    if all(t.start <= t.end for t in spans):
        # Spans of days overlap pair by pair exactly when the latest start is not after the
        # earliest end: a popular event's hundred times are not compared in pairs.
        return max(t.start for t in spans) > min(t.end for t in spans)
    return any(_disjoint(a, b) for a, b in combinations(spans, 2))


def account(corpus: Corpus, fact_id: str, aspect: Aspect) -> Account:
    # Asked for every fact and aspect by each view of the whole corpus (and by the index's
    # build, several times): the values of the plain aspects are read here, not through
    # value_of, and times are kept only for the aspect that compares them.
    by_value: dict[str, list[str]] = {}
    times: dict[str, TimeValue] = {}
    value: str | None
    for report in corpus.fact_reports(fact_id):
        if aspect == "time":
            time = report.time
            if not (time and time.value):
                continue  # a report that gives no time does not disagree about it
            value = time.value.value
            times[value] = time.value
        elif aspect == "certainty":
            value = report.certainty
        elif aspect == "status":
            value = report.status
            if report.negated and report.modality == "actual":
                value = f"not {value}"  # as value_of words it
        else:
            value = value_of(corpus, report, aspect)
            if value is None:
                continue
        articles = by_value.get(value)
        if articles is None:
            by_value[value] = [report.article_id]
        elif report.article_id not in articles:
            articles.append(report.article_id)
    if len(by_value) < 2:  # most facts: one value, nothing to compare or sort
        variants = tuple(Variant(v, tuple(ids)) for v, ids in by_value.items())
        return Account(aspect, variants, False)
    if aspect == "time":
        # Times agree when they can all be true at once: "August" and "28 August" do.
        disagree = _any_disjoint([times[v] for v in by_value])
        if disagree:
            order = sorted(by_value, key=lambda v: (times[v].start, times[v].end))
        else:
            order = sorted(by_value, key=lambda v: (times[v].end - times[v].start, times[v].start))
    else:
        disagree = len(by_value) > 1
        if aspect in _OPTIONAL:
            # One article adding two participants is not a disagreement: two articles are.
            disagree = disagree and len({a for ids in by_value.values() for a in ids}) > 1
        order = sorted(by_value, key=lambda v: (-len(by_value[v]), v))
    variants = tuple(Variant(value, tuple(by_value[value])) for value in order)
    return Account(aspect, variants, disagree)


def disagreements(corpus: Corpus, fact_id: str) -> list[Account]:
    """The aspects on which the fact's reports differ."""
    found = (account(corpus, fact_id, aspect) for aspect in ASPECTS)
    return [a for a in found if a.disagree]
