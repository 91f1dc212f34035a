"""Questions on facts: a small query language over the corpus's events and relations.

    status:declined,attended_virtually putin 2023

A query is terms separated by blanks; a fact must match every term (AND), and a term with
several values separated by commas matches any of them (OR). ``-`` before a term negates it.

=============== =================================================================
``type:``       the event type (``phone_call``), ``relation``, or a relation's predicate
``status:``     what any report says happened (``planned``, ``declined`` …)
``certainty:``  how sure any report is (``reported``, ``believed`` …)
``source:``     an entity a report cites (``according_to``): ``source:kremlin``
``article:``    an article that reports it (its id, or its publisher)
``who:``        an entity taking part (participant, place, subject or object)
``about:``      an entity whose facts list holds it: taking part, or cited for it
``date:``       any report's time overlaps ``2023``, ``2023-08``, ``2023-08-28``, or
                ``2023-08..2023-09`` (either end may be left out)
``text:``       words of the fact's summary
=============== =================================================================

A bare word is an entity when it names one (``putin``), a date when it is one (``2023``), and
otherwise words of the summary. Values ignore case, accents and quote styles, blanks may be
written as ``_`` or quoted (``who:"Sergey Lavrov"``), and a value may be cut short when only
one value starts that way (``status:virt``). A value the corpus does not have is an error that
lists what it has, so a typo never quietly matches nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from tui.data.corpus import Corpus
from tui.data.facets import COUNTABLE, Facets
from tui.data.folding import fold
from tui.data.timex import TimeValueError, parse_time_value

FIELDS = ("type", "status", "certainty", "source", "article", "who", "about", "date", "text")
ALIASES = {"participant": "who", "entity": "who", "by": "source", "according_to": "source"}
# Fields a frequency table can count.


class QueryError(ValueError):
    """A query that cannot be run; the message says what is wrong and what would do."""


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    values: tuple[str, ...]  # resolved: vocabulary values, entity or article ids, or dates
    negated: bool = False
    text: str = ""  # as typed, for the title


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    def run(self, corpus: Corpus) -> list[str]:
        """The matching facts, dated ones in time order, then the rest by label."""
        return corpus.facets().order(self.matching(corpus))

    def matching(self, corpus: Corpus) -> set[str]:
        """The matching facts, in no order: what a count needs."""
        facets = corpus.facets()
        found: set[str] | None = None
        for term in self.terms:
            hits = _term_facts(facets, term)
            if term.negated:
                hits = facets.facts() - hits
            found = hits if found is None else found & hits
        return facets.facts() if found is None else found


def _term_facts(facets: Facets, term: Term) -> set[str]:
    """The facts a term (not negated) matches."""
    # Unions in C: a letter or two of a word matches most facts.
    if term.field == "date":
        return set().union(*(facets.dated(*_range(text)) for text in term.values))
    if term.field == "text":
        return set().union(*(facets.labelled(v) for v in term.values))
    return facets.having(term.field, term.values)


def frequency(corpus: Corpus, fact_ids: Iterable[str], field: str) -> list[tuple[str, int]]:
    """How many of ``fact_ids`` have each value of ``field``, most first.

    A fact counts once per value, so the counts can add up to more than the facts: a fact
    that one article calls declined and another attended virtually counts for both. A fact
    with no value still counts, as ``(none)``, so the counts cover the whole selection: a
    report that cites nobody is the article's own word."""
    if field not in COUNTABLE:
        raise QueryError(f"cannot count by `{field}`; expected one of {', '.join(COUNTABLE)}")
    counts = corpus.facets().count(field, fact_ids)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# -- parsing --------------------------------------------------------------------------------


def parse(text: str, corpus: Corpus) -> Query:
    """Parse ``text`` against ``corpus``; raise :class:`QueryError` saying what is wrong."""
    try:
        words = _words(text)
    except ValueError as open_quote:
        raise QueryError(f"a quote is not closed; expected a closing `{open_quote}`") from None
    terms: list[Term] = []
    for word in words:
        negated = word.startswith("-") and len(word) > 1
        body = word[1:] if negated else word
        name, colon, value = body.partition(":")
        if colon and not value:
            raise QueryError(f"`{word}` has no value; expected `{name}:VALUE`")
        if colon:
            field = _field(name)
            values = tuple(_resolve(corpus, field, v) for v in value.split(",") if v)
        else:
            field, resolved = _bare(corpus, body)
            values = (resolved,)
        terms.append(Term(field, values, negated, word))
    return Query(text.strip(), tuple(terms))


def _words(text: str) -> list[str]:
    """``text`` split at spaces, a quoted part kept whole (``"…"``, or ``'…'`` opened at a
    word's or a value's start). An apostrophe inside a word (Kremlin's, won't) is a letter,
    as every filter reads it; raises ValueError for a quote not closed."""
    words: list[str] = []
    word: list[str] = []
    started = False  # a word is under way (an empty quoted part is a word too)
    quote = ""
    n = 0
    while n < len(text):
        char = text[n]
        n += 1
        if quote == '"':
            if char == '"':
                quote = ""
            else:
                word.append(char)
        elif quote == "'":
            if char == "'" and (n == len(text) or text[n].isspace() or text[n] == ","):
                quote = ""
            else:
                word.append(char)
        elif char.isspace():
            if started:
                words.append("".join(word))
                word, started = [], False
        elif char == '"' or (char == "'" and (not word or word[-1] in ":-,")):
            quote, started = char, True
        else:
            word.append(char)
            started = True
    if quote:
        raise ValueError(quote)  # the quote left open
    if started:
        words.append("".join(word))
    return words


def _field(name: str) -> str:
    key = fold(name)
    key = ALIASES.get(key, key)
    if key in FIELDS:
        return key
    starts = [f for f in FIELDS if f.startswith(key)]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(key, FIELDS, n=1)
    hint = f"; did you mean `{close[0]}:`?" if close else ""
    raise QueryError(f"unknown field `{name}:`{hint} expected one of {', '.join(FIELDS)}")


def _bare(corpus: Corpus, word: str) -> tuple[str, str]:
    entity = _entity(corpus, word, exact_only=True)
    if entity is not None:
        return "who", entity
    try:
        _range(word)
    except QueryError:
        return "text", fold(word).replace("_", " ")
    return "date", word


def _resolve(corpus: Corpus, field: str, value: str) -> str:
    if field == "date":
        _range(value)
        return value
    if field == "text":
        return fold(value).replace("_", " ")
    if field in ("who", "source", "about"):
        found = _entity(corpus, value)
        if found is None:
            raise QueryError(_unknown(field, value, _entity_names(corpus)))
        return found
    if field == "article":
        return _pick(field, value, _article_names(corpus), keep=True)
    vocabulary = corpus.facets().vocabulary(field)
    return _pick(field, value, {v: v for v in sorted(vocabulary)})


def _starts(name: str, key: str) -> bool:
    """``key`` begins ``name`` or one of its words: ``virt`` finds ``attended virtually``."""
    return name.startswith(key) or any(word.startswith(key) for word in name.split())


def _key(text: str) -> str:
    return fold(text).replace("_", " ").replace("-", " ").strip()


def _keys(texts: list[str]) -> list[str]:
    """:func:`_key` of each of ``texts``, folded in one piece: at 10,000 articles the query
    line's first letter keyed 141,769 names, a call each."""
    joined = "\0".join(texts)
    parts = fold(joined).replace("_", " ").replace("-", " ").split("\0")
    if len(parts) != len(texts):  # a NUL in a text: one at a time
        return [_key(text) for text in texts]
    return [part.strip() for part in parts]


def _pick(field: str, value: str, names: dict[str, str], keep: bool = False) -> str:
    """The id whose name is ``value``, or the one name that starts with it."""
    by_key = _keyed(names, keep)
    key = _key(value)
    if key in by_key and len(by_key[key]) == 1:
        return next(iter(by_key[key]))
    starts = {i for k, ids in by_key.items() if _starts(k, key) for i in ids}
    if len(starts) == 1:
        return next(iter(starts))
    if len(starts) > 1:
        shown = ", ".join(sorted(starts)[:8])
        raise QueryError(f"`{field}:{value}` could be any of {shown}; type more of it")
    raise QueryError(_unknown(field, value, names))


def _unknown(field: str, value: str, names: dict[str, str]) -> str:
    known = sorted(set(names.values()))
    close = difflib.get_close_matches(_key(value), [_key(n) for n in names], n=1)
    hint = f" (did you mean `{_names_by_key(names)[close[0]]}`?)" if close else ""
    shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
    what = {"who": "entity"}.get(field, field)
    return f"no fact has {what} `{value}`{hint}; the corpus has: {shown}"


# The names by their key, for the last few name tables: each letter typed parses the query
# again, and at 10,000 articles folding every name each time cost more than the search.
_KEYED: list[tuple[dict[str, str], dict[str, set[str]]]] = []


def _keyed(names: dict[str, str], keep: bool = False) -> dict[str, set[str]]:
    """``names`` by :func:`_key`: each key with the ids of the names that have it; ``keep``
    for a table of names the corpus keeps (entities', articles')."""
    for known, keyed in _KEYED:
        if known is names:
            return keyed
    keyed = {}
    for key, ident in zip(_keys(list(names)), names.values(), strict=True):
        found = keyed.get(key)
        if found is None:
            keyed[key] = {ident}
        else:
            found.add(ident)
    if keep:
        _KEYED[:] = [(names, keyed), *_KEYED[:3]]
    return keyed


def _names_by_key(names: dict[str, str]) -> dict[str, str]:
    return {_key(n): i for n, i in names.items()}


def _entity_names(corpus: Corpus) -> dict[str, str]:
    return corpus.facets().names("entity")


def _article_names(corpus: Corpus) -> dict[str, str]:
    return corpus.facets().names("article")


def _entity(corpus: Corpus, value: str, exact_only: bool = False) -> str | None:
    keyed = _keyed(_entity_names(corpus), keep=True)
    key = _key(value)
    exact = keyed.get(key, set())
    if len(exact) == 1:
        return next(iter(exact))
    if exact_only:
        return None
    starts = {i for k, ids in keyed.items() if _starts(k, key) for i in ids}
    return next(iter(starts)) if len(starts) == 1 else None


def _range(text: str) -> tuple[dt.date, dt.date]:
    """``2023``, ``2023-08``, ``2023-08-28``, ``2023-W34`` or ``A..B`` (an end may be left
    out) as the first and last day it covers."""
    first, dots, last = text.partition("..")
    try:
        if not dots:
            value = parse_time_value(text)
            return value.start, value.end
        start = parse_time_value(first).start if first else dt.date.min
        end = parse_time_value(last).end if last else dt.date.max
    except TimeValueError:
        raise QueryError(
            f"`{text}` is not a date; expected 2023, 2023-08, 2023-08-28 or 2023-08..2023-09"
        ) from None
    if end < start:
        raise QueryError(f"`{text}` ends before it starts")
    return start, end
