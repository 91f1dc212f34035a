"""What the query line asks of every fact, kept so that a letter typed does not read them all.

A query (``tui.data.query``) is answered from *facets*: for each fact, each value it has for
each field (its type, each report's status and certainty, its sources, articles and
participants, its reports' years, the entities whose list holds it), each report's time as
a range of days, its folded label, and the key it is listed by; and the names entities and
articles are known by. A loaded corpus works them out once, in memory (:class:`MemoryFacets`);
the index stores them as rows (``facets`` in :mod:`tui.data.index`) and answers with SQL
(``StoredFacets`` there), so at 10,000 articles a letter of the query line does not decode
481,035 reports.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tui.data.corpus import Event, Fact, Relation
from tui.data.folding import fold

if TYPE_CHECKING:
    from tui.data.corpus import Corpus

COUNTABLE = ("type", "status", "certainty", "source", "article", "who", "year")
# A fact's place in a list of answers: dated facts by their time, then the rest; by label.
OrderKey = tuple[int, int, str]
# (key, field, value, lo, hi): a fact's value for a field; for "date", a report's time as
# day ordinals; for "order", the fact's OrderKey; for "name:entity"/"name:article", a name
# (value) and what it names (key).
Row = tuple[str, str, str, int, int]


def _types(fact: Fact) -> set[str]:
    if isinstance(fact, Event):
        return {fact.type}
    assert isinstance(fact, Relation)
    return {"relation", fact.predicate}


def fact_values(corpus: Corpus, fact: Fact) -> dict[str, set[str]]:
    """Every value ``fact`` has for each countable field, across its reports."""
    reports = corpus.fact_reports(fact.id)
    years: set[str] = set()
    for report in reports:
        if report.time is not None and report.time.value is not None:
            time = report.time.value
            if time.start != dt.date.min:
                years.add(str(time.start.year))
            elif time.end != dt.date.max:
                years.add(str(time.end.year))
    return {
        "type": _types(fact),
        "status": {r.status for r in reports},
        "certainty": {r.certainty for r in reports},
        "source": {e for r in reports for e in r.according_to},
        "article": {r.article_id for r in reports},
        "who": set(fact.entity_ids),
        "year": years or {"undated"},
    }


def rows(corpus: Corpus) -> Iterator[Row]:
    """The facets of ``corpus``, as the index stores them."""
    # "about": the entities whose facts list in the explorer holds the fact (taking part,
    # or cited for it): what `Enter` on a count narrows an entity's list by.
    about: dict[str, list[str]] = {}
    for entity_id, fact_ids in corpus.facts_by_entity.items():
        for fact_id in fact_ids:
            about.setdefault(fact_id, []).append(entity_id)
    for table in (corpus.events, corpus.relations):
        for fact in table.values():
            for field, values in fact_values(corpus, fact).items():
                for value in sorted(values):
                    yield (fact.id, field, value, 0, 0)
            for entity_id in sorted(about.get(fact.id, ())):
                yield (fact.id, "about", entity_id, 0, 0)
            days = {
                (r.time.value.start.toordinal(), r.time.value.end.toordinal()): None
                for r in corpus.fact_reports(fact.id)
                if r.time is not None and r.time.value is not None
            }
            for lo, hi in days:  # each range once: a row is known by what it says
                yield (fact.id, "date", "", lo, hi)
            label = corpus.label(fact)
            yield (fact.id, "text", fold(label), 0, 0)
            time = corpus.fact_time.get(fact.id)
            start = time.start.toordinal() if time else dt.date.max.toordinal()
            yield (fact.id, "order", label.casefold(), 0 if time else 1, start)
    for entity in corpus.entities.values():
        for name in dict.fromkeys((entity.id, entity.name, *entity.aliases)):
            yield (entity.id, "name:entity", name, 0, 0)
    for article in corpus.articles.values():
        for name in dict.fromkeys(n for n in (article.id, article.publisher) if n):
            yield (article.id, "name:article", name, 0, 0)


class Facets:
    """The questions a query asks; :class:`MemoryFacets` and the index's answer them."""

    def facts(self) -> set[str]:
        """Every fact."""
        raise NotImplementedError

    def having(self, field: str, values: Iterable[str]) -> set[str]:
        """The facts with any of ``values`` for ``field``."""
        raise NotImplementedError

    def dated(self, start: dt.date, end: dt.date) -> set[str]:
        """The facts a report of which gives a time overlapping ``[start, end]``."""
        raise NotImplementedError

    def labelled(self, fragment: str) -> set[str]:
        """The facts whose folded label holds ``fragment``."""
        raise NotImplementedError

    def vocabulary(self, field: str) -> set[str]:
        """Every value some fact has for ``field``."""
        raise NotImplementedError

    def names(self, kind: str) -> dict[str, str]:
        """The names of entities or articles (``kind``), each with what it names; the first
        name given wins, in the corpus's order."""
        raise NotImplementedError

    def order(self, fact_ids: Iterable[str]) -> list[str]:
        """``fact_ids`` dated first in time order, then the rest, each by label."""
        raise NotImplementedError

    def count(self, field: str, fact_ids: Iterable[str]) -> Counter[str]:
        """How many of ``fact_ids`` have each value of ``field``; a fact with none counts
        as ``(none)``."""
        raise NotImplementedError


NONE = "(none)"


class MemoryFacets(Facets):
    """The facets of a loaded corpus, worked out once."""

    def __init__(self, found: Iterable[Row]) -> None:
        self._by: dict[tuple[str, str], set[str]] = {}
        self._of: dict[tuple[str, str], set[str]] = {}
        self._dates: list[tuple[str, int, int]] = []
        self._labels: dict[str, str] = {}
        self._order: dict[str, OrderKey] = {}
        self._names: dict[str, dict[str, str]] = {"name:entity": {}, "name:article": {}}
        for key, field, value, lo, hi in found:
            if field == "date":
                self._dates.append((key, lo, hi))
            elif field == "text":
                self._labels[key] = value
            elif field == "order":
                self._order[key] = (lo, hi, value)
            elif field in self._names:
                self._names[field].setdefault(value, key)
            else:
                self._by.setdefault((field, value), set()).add(key)
                self._of.setdefault((key, field), set()).add(value)

    def facts(self) -> set[str]:
        return set(self._order)

    def having(self, field: str, values: Iterable[str]) -> set[str]:
        return {f for v in values for f in self._by.get((field, v), ())}

    def dated(self, start: dt.date, end: dt.date) -> set[str]:
        lo, hi = start.toordinal(), end.toordinal()
        return {f for f, s, e in self._dates if s <= hi and lo <= e}

    def labelled(self, fragment: str) -> set[str]:
        return {f for f, label in self._labels.items() if fragment in label}

    def vocabulary(self, field: str) -> set[str]:
        return {v for (f, v) in self._by if f == field}

    def names(self, kind: str) -> dict[str, str]:
        return self._names[f"name:{kind}"]

    def order(self, fact_ids: Iterable[str]) -> list[str]:
        return sorted(fact_ids, key=lambda f: (self._order[f], f))

    def count(self, field: str, fact_ids: Iterable[str]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for fact_id in fact_ids:
            counts.update(self._of.get((fact_id, field)) or {NONE})
        return counts
