"""Warnings: facts that pass ``check`` but are probably not what the curator meant.

A problem makes a corpus wrong; a warning marks something that is allowed but usually a
slip, for a reviewer to look at:

- evidence that names none of the fact's participants: no alias of any of them occurs in any
  of the report's quotes, nor an adjective made from a country's or place's name ("Russian"
  for Russia), nor in the sentences holding the quotes or the sentence before each (where
  "the two leaders" and "he" find their names). A quote copied from the wrong paragraph is
  what this catches;
- a ``planned`` status on a relation: relations hold or do not; what is planned is an event;
- an event whose ``place`` is not a place or a country (a person, a forum).

They are found on the resolved corpus, so they cost nothing while it is clean of them. Only
when one is found are the fact files read again, to say where it was written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.data import files
from tui.data.corpus import Article, Corpus, Event, Relation, Report
from tui.data.problems import Problem, display_path
from tui.data.tomlpos import KeyPath, Positions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

PLACE_KINDS = ("place", "country")
_WORD = re.compile(r"[^\W\d_]+")


def participants(corpus: Corpus, report: Report) -> tuple[str, ...]:
    """The entities a report's evidence is expected to name: the event's participants (not
    its place), a relation's subject and object, and any the report adds itself."""
    fact = corpus.fact(report.fact_id)
    ids: tuple[str, ...] = ()
    if isinstance(fact, Event):
        ids = tuple(p.entity_id for p in fact.participants)
    elif isinstance(fact, Relation):
        ids = (fact.subject, fact.object)
    # The fact model v2 lets a report name participants of its own.
    extra = getattr(report, "participants", ())
    return (*ids, *(getattr(p, "entity_id", p) for p in extra))


class _Locator:
    """Where a report or an event was written, read back from the fact files on demand."""

    def __init__(self, corpus: Corpus) -> None:
        self.facts = corpus.root / "facts"
        self._docs: dict[Path, tuple[dict[str, Any], Positions] | None] = {}

    def _doc(self, path: Path) -> tuple[dict[str, Any], Positions] | None:
        if path not in self._docs:
            try:
                text = files.read_regular(path, files.Limits().facts).decode("utf-8")
                self._docs[path] = (tomllib.loads(text), Positions(text))
            except (
                OSError,
                files.Refused,
                UnicodeDecodeError,
                RecursionError,
                tomllib.TOMLDecodeError,
            ):
                self._docs[path] = None
        return self._docs[path]

    def report(self, report: Report, key: str) -> tuple[str, int, int]:
        path = self.facts / f"{report.article_id}.toml"
        doc = self._doc(path)
        if doc is not None:
            data, positions = doc
            # A report's id ends in /2, /3 for an article's second and third of one fact.
            wanted = int(report.id.rsplit("/", 1)[1]) if report.id.count("/") > 1 else 1
            seen = 0
            for index, item in enumerate(data.get("reports", [])):
                if isinstance(item, dict) and item.get("of") == report.fact_id:
                    seen += 1
                    if seen == wanted:
                        return self._at(path, positions, ("reports", index, key))
        return display_path(path), 1, 1

    def fact(self, section: str, fact_id: str, key: str) -> tuple[str, int, int]:
        try:
            paths = files.list_toml(self.facts)
        except OSError:
            paths = []
        for path in paths:
            doc = self._doc(path)
            if doc is not None and fact_id in doc[0].get(section, {}):
                return self._at(path, doc[1], (section, fact_id, key))
        return display_path(self.facts), 1, 1

    @staticmethod
    def _at(path: Path, positions: Positions, key: KeyPath) -> tuple[str, int, int]:
        line, col = positions.locate(key)
        return display_path(path), line, col


def _found(corpus: Corpus) -> Iterator[tuple[str, str, str, str | Report]]:
    """(what, message, key, where) for each warning: ``where`` is a report, or an event id."""
    for report in corpus.reports.values():
        fact = corpus.fact(report.fact_id)
        article = corpus.articles.get(report.article_id)
        if isinstance(fact, Relation) and report.status == "planned":
            yield (
                "planned",
                f"`{report.fact_id}` is a relation reported as `planned`; relations hold or "
                "do not: expected `holds`, or an event for what is planned",
                "status",
                report,
            )
        if article is None or not report.quotes:
            continue
        expected = set(participants(corpus, report))
        if expected and not _named(corpus, article, report, expected):
            names = ", ".join(f"`{e}`" for e in dict.fromkeys(participants(corpus, report)))
            yield (
                "unnamed",
                f"the evidence for `{report.fact_id}` names none of its participants ({names}), "
                "nor does its sentence or the one before; expected a quote that mentions one "
                "of them, or an alias for the article's wording",
                "evidence",
                report,
            )
    for event in corpus.events.values():
        if event.place is None:
            continue
        place = corpus.entities.get(event.place)
        if place is not None and place.kind not in PLACE_KINDS:
            yield (
                "place",
                f"the place of `{event.id}` is `{place.id}`, a {place.kind}; expected an "
                f"entity of kind {' or '.join(PLACE_KINDS)}, or it as a participant",
                "place",
                event.id,
            )


def _adjective_stems(corpus: Corpus, ids: set[str]) -> list[tuple[str, str]]:
    """(stem, entity id) for the one-word names of countries and places among ``ids``:
    "Russia" → "Russi", whose words "Russian" and "Russian-Indian" name Russia too."""
    stems: list[tuple[str, str]] = []
    for entity_id in ids:
        entity = corpus.entities.get(entity_id)
        if entity is None or entity.kind not in PLACE_KINDS:
            continue
        for alias in entity.aliases:
            if alias.isalpha() and alias[:1].isupper() and len(alias) >= 4:
                stems.append((alias[:-1] if alias[-1] in "aeiouy" else alias, entity_id))
    return stems


def _named(corpus: Corpus, article: Article, report: Report, expected: set[str]) -> bool:
    """Whether the report's evidence, or the sentences around it, name an expected entity."""
    for quote in report.quotes:
        if any(
            m.entity_id in expected
            for m in corpus.mentions_between(article, quote.start, quote.end)
        ):
            return True
        words = _WORD.findall(article.text, quote.start, quote.end)
        for stem, _entity_id in _adjective_stems(corpus, expected):
            if any(w.startswith(stem) and len(w) > len(stem) + 1 for w in words):
                return True
    sentences = article.sentences
    for quote in report.quotes:
        first = article.sentence_at(quote.start)
        last = article.sentence_at(max(quote.start, quote.end - 1))
        lo = sentences[max(0, first - 1)].start
        hi = sentences[last].end
        if any(m.entity_id in expected for m in corpus.mentions_between(article, lo, hi)):
            return True
    return False


def warnings(corpus: Corpus) -> list[Problem]:
    """Every warning, sorted, as problems whose message starts with ``warning:``."""
    locator = _Locator(corpus)
    found: list[Problem] = []
    for _what, message, key, where in _found(corpus):
        if isinstance(where, str):
            path, line, col = locator.fact("events", where, key)
        else:
            path, line, col = locator.report(where, key)
        found.append(Problem(path, line, col, f"warning: {message}"))
    return sorted(found)
