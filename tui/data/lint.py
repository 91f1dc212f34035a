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

import bisect
import sys
from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any

from tui.data import files, schema
from tui.data.corpus import Article, Corpus, Event, Fact, Relation, Report, Span, split_sentences
from tui.data.problems import Problem, display_path
from tui.data.tomlpos import KeyPath, Positions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

PLACE_KINDS = ("place", "country")


def participants(corpus: Corpus, report: Report) -> tuple[str, ...]:
    """The entities a report's evidence is expected to name: the event's participants (not
    its place), a relation's subject and object, and any the report adds itself."""
    ids = _fact_participants(corpus.fact(report.fact_id))
    # The fact model v2 lets a report name participants of its own.
    extra = getattr(report, "participants", ())
    return (*ids, *(getattr(p, "entity_id", p) for p in extra))


def _fact_participants(fact: Fact | None) -> tuple[str, ...]:
    if isinstance(fact, Event):
        return tuple(p.entity_id for p in fact.participants)
    if isinstance(fact, Relation):
        return (fact.subject, fact.object)
    return ()


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
    names = _Names(corpus)
    events, relations, articles = corpus.events, corpus.relations, corpus.articles
    # What each fact's evidence is expected to name, made once per fact, not per report (a
    # tenth of `check` after an edit): a report adds only the participants it names itself.
    # Kept for the article at hand only: one set per fact of the corpus was most of the
    # memory the warnings took at 10,000 articles, and a fact's reports mostly share one.
    expected_of: dict[str, frozenset[str]] = {}
    expected_in = ""  # the article expected_of is for
    for report in corpus.reports.values():
        fact_id = report.fact_id
        if report.article_id != expected_in:
            expected_of.clear()
            expected_in = report.article_id
        fact: Fact | None = events.get(fact_id) or relations.get(fact_id)
        article = articles.get(report.article_id)
        # One pass over the reports (packed ones are made again on each): the warnings are
        # sorted after.
        if isinstance(fact, Event):
            for participant in report.participants:
                if unusual := _unusual_role(fact.type, participant.role):
                    yield ("role", f"`{report.fact_id}`: {unusual}", "participants", report)
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
        expected = expected_of.get(fact_id)
        if expected is None:
            expected = expected_of[fact_id] = frozenset(_fact_participants(fact))
        if report.participants:
            expected = expected.union([p.entity_id for p in report.participants])
        if expected and not _named(names, article, report, expected):
            listed = ", ".join(f"`{e}`" for e in dict.fromkeys(participants(corpus, report)))
            yield (
                "unnamed",
                f"the evidence for `{report.fact_id}` names none of its participants ({listed}), "
                "nor does its sentence or the one before; expected a quote that mentions one "
                "of them, or an alias for the article's wording",
                "evidence",
                report,
            )
    for event in corpus.events.values():
        for participant in event.participants:
            if unusual := _unusual_role(event.type, participant.role):
                yield ("role", f"`{event.id}`: {unusual}", "participants", event.id)
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


def _unusual_role(event_type: str, role: str) -> str:
    """Why ``role`` does not fit an event of ``event_type``, or "" when it does."""
    fitting = (*schema.EVENT_ROLES.get(event_type, ()), *schema.GENERAL_ROLES)
    if role in fitting:
        return ""
    return (
        f"the role `{role}` does not go with a `{event_type}` event; expected one of "
        f"{', '.join(dict.fromkeys(fitting))} (docs/FORMAT.md, Events)"
    )


class _Names:
    """How each entity may be named: its aliases as whole words, and for a country or place
    with a one-word name, the adjectives made from it ("Russia" → "Russian", "Russian-Indian").

    Only the participants' names are looked for, and only in the quotes and the sentences
    around them: scanning every article for every alias (the explorer's mentions) would make
    ``check`` pay for the whole corpus's mentions, seconds at a thousand articles."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._forms: dict[str, tuple[tuple[str, bool], ...]] = {}
        # The sentences of the last article asked, and where they start: the reports come an
        # article at a time, and keeping every article's (or caching them on the article)
        # was most of what `check`'s warnings added to its peak memory.
        self._sentences: tuple[Article | None, list[Span], list[int]] = (None, [], [])
        self._local: dict[str, dict[str, tuple[tuple[str, bool], ...]]] = {}

    def forms(self, entity_id: str) -> tuple[tuple[str, bool], ...]:
        """(alias, False) and (adjective stem, True) pairs; plain strings, not regular
        expressions: compiling one per entity costs more than all the searches together."""
        if entity_id not in self._forms:
            entity = self.corpus.entities.get(entity_id)
            forms: list[tuple[str, bool]] = []
            if entity is not None:
                forms = [(a, False) for a in entity.aliases]
                if entity.kind in PLACE_KINDS:
                    for alias in entity.aliases:
                        if alias.isalpha() and alias[:1].isupper() and len(alias) >= 4:
                            stem = alias[:-1] if alias[-1] in "aeiouy" else alias
                            forms.append((stem, True))
            self._forms[entity_id] = tuple(forms)
        return self._forms[entity_id]

    def local_forms(self, article: Article) -> dict[str, tuple[tuple[str, bool], ...]]:
        """The names that hold in ``article`` alone, by entity: made once per article, not
        once per entity of each quote."""
        found = self._local.get(article.id)
        if found is None:
            by_entity: dict[str, list[tuple[str, bool]]] = {}
            for alias, entity_id in article.local_aliases:
                by_entity.setdefault(entity_id, []).append((alias, False))
            found = self._local[article.id] = {e: tuple(f) for e, f in by_entity.items()}
        return found

    def in_text(self, article: Article, start: int, end: int, expected: Set[str]) -> bool:
        text = article.text
        local_forms = self.local_forms(article)
        for entity_id in expected:
            local = local_forms.get(entity_id, ())
            for form, is_stem in (*self.forms(entity_id), *local):
                at = text.find(form, start, end)
                while at != -1:
                    after = at + len(form)
                    if not _word_at(text, at - 1) and (
                        # a stem must go on as a word: "Russi" + "an"
                        _word_at(text, after) and _word_at(text, after + 1)
                        if is_stem
                        else not _word_at(text, after)
                    ):
                        return True
                    at = text.find(form, at + 1, end)
        return False

    def window(self, article: Article, start: int, end: int) -> tuple[int, int]:
        """From the sentence before the one holding ``start`` to the end of the one holding
        ``end``: where "the two leaders" and "he" find their names."""
        held, sentences, starts = self._sentences
        if held is not article:
            sentences = split_sentences(article.text)
            starts = [s.start for s in sentences]
            self._sentences = (article, sentences, starts)
        if not sentences:
            return start, end
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(0, bisect.bisect_right(starts, max(start, end - 1)) - 1)
        return sentences[max(0, first - 1)].start, max(end, sentences[last].end)


def _word_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _named(names: _Names, article: Article, report: Report, expected: Set[str]) -> bool:
    """Whether the report's evidence, or the sentences around it, name an expected entity."""
    if any(names.in_text(article, q.start, q.end, expected) for q in report.quotes):
        return True
    return any(
        names.in_text(article, *names.window(article, q.start, q.end), expected)
        for q in report.quotes
    )


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
