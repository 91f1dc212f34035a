"""The resolved corpus as one JSON document with a stable order, for jq and scripts.

The document is written as it is made, one article, entity or report at a time
(:func:`write_json`), never built whole and never passed to ``json.dumps(indent=2)``:
with an indent, ``json`` falls back to its pure-Python encoder, which was most of
export's time, and the whole tree was most of its memory. The bytes are those that
``json.dumps(document, ensure_ascii=False, indent=2)`` would give (a test compares them).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TextIO

from tui.data.corpus import Corpus, Link, Report, SourceLevel, Span, TimeRef
from tui.data.packed import PackedReports

FORMAT = "diplo-tui/2"
# JSON escapes C0 controls itself; C1 controls, bidi overrides and marks, which a terminal
# may act on, are written as \uXXXX too. Lossless: any JSON reader gets the same strings.
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class _SpanOut(NamedTuple):
    """A span as the document has it, ``{"start", "end", "text"}``, and a mention as it has
    it, ``{"article", "start", "end"}``: most objects of the document are one or the other, and
    each is written from a template (:func:`_value`) instead of walked as a dict (which was
    a third of export). :func:`to_document` turns them into the dicts they stand for."""

    start: int
    end: int
    text: str


class _MentionOut(NamedTuple):
    article: str
    start: int
    end: int


class _ReportOut(NamedTuple):
    """A report of the document (:func:`_report`), written by :func:`_write_report` without
    making its dict: there are tens of reports per article, and they were half of export."""

    corpus: Corpus
    report: Report


def _span(text: str, span: Span) -> _SpanOut:
    return _SpanOut(span.start, span.end, text[span.start : span.end])


def _time(text: str, time: TimeRef) -> dict[str, Any]:
    value = time.value
    return {
        "phrase": time.phrase,
        "value": None if value is None else value.value,
        "precision": None if value is None else value.precision,
        # An open end ("2022-02-24/..") is null.
        "start": None if value is None or value.start == dt.date.min else value.start.isoformat(),
        "end": None if value is None or value.end == dt.date.max else value.end.isoformat(),
        "offsets": [time.span.start, time.span.end],
        "role": time.role,
        "inferred": time.basis or None,
        "anchor": time.anchor,
        "offset": time.offset or None,
    }


def _level(text: str, level: SourceLevel) -> dict[str, Any]:
    return {
        "by": level.entity_id,
        "cue": _span(text, level.cue),
        "commitment": level.commitment,
        "polarity": level.polarity,
        "speech": level.speech,
        "statement": level.statement,
        "insertions": [_span(text, s) for s in level.insertions],
    }


def _report(corpus: Corpus, report: Report) -> dict[str, Any]:
    text = corpus.articles[report.article_id].text
    return {
        "id": report.id,
        "of": report.fact_id,
        "article": report.article_id,
        "status": report.status,
        "certainty": report.certainty,
        "according_to": list(report.according_to),
        "sources": [_level(text, level) for level in report.sources],
        "commitment": report.commitment,
        "modality": report.modality,
        "negated": report.negated,
        "participants": [{"entity": p.entity_id, "role": p.role} for p in report.participants],
        "qualifiers": dict(report.qualifiers),
        "evidence": [_span(text, q) for q in report.quotes],
        "time": None if report.time is None else _time(text, report.time),
        "note": report.note,
    }


def _mentions(corpus: Corpus) -> tuple[list[str], dict[str, array[int]]]:
    """Every mention, by entity: (article index, start, end) triples in flat int arrays.

    A mention as a dict (or a named tuple) costs about 30 times as much memory, and every
    mention of the corpus is held until the entities are written; 32-bit ints when every
    offset fits (1.1 million mentions at 10,000 articles: 13 MB instead of 27)."""
    article_ids: list[str] = []
    by_entity: dict[str, array[int]] = {}
    articles = sorted(corpus.articles.values(), key=lambda a: a.id)
    wide = len(articles) >= 2**31 or any(len(a.text) >= 2**31 for a in articles)
    typecode = "q" if wide else "i"
    for index, article in enumerate(articles):
        article_ids.append(article.id)
        cached = article._mentions is not None
        for m in corpus.mentions(article):
            found = by_entity.get(m.entity_id)
            if found is None:
                found = by_entity[m.entity_id] = array(typecode)
            found.extend((index, m.start, m.end))
        if not cached:
            # Found for this export only: drop them, as a corpus that never showed the
            # article would not hold them (the explorer finds them again on first use).
            article._mentions = None
    return article_ids, by_entity


def _mention_dicts(article_ids: list[str], found: array[int] | None) -> Iterator[_MentionOut]:
    """An entity's mentions as they are written, one at a time: an entity named in every
    article has hundreds of thousands at 10,000 articles."""
    if found is None:
        return
    for i in range(0, len(found), 3):
        yield _MentionOut(article_ids[found[i]], found[i + 1], found[i + 2])


def _sections(corpus: Corpus) -> dict[str, Any]:
    """The document, each list a generator: an item is made when it is written."""
    article_ids, mentions = _mentions(corpus)
    return {
        "format": FORMAT,
        "articles": (
            {
                "id": a.id,
                "title": a.title,
                "publisher": a.publisher,
                "publisher_id": a.publisher_id,
                "wire": list(a.wire),
                "dateline": None if a.dateline is None else _span(a.text, a.dateline),
                "local_aliases": [{"alias": n, "entity": e} for n, e in a.local_aliases],
                "url": a.url,
                "published": {
                    "value": a.published.value,
                    "estimated": a.published.estimated,
                    "basis": a.published.basis,
                },
                "language": a.language,
                "text_path": a.text_path,
                "length": len(a.text),
                "note": a.note,
            }
            for a in sorted(corpus.articles.values(), key=lambda a: a.id)
        ),
        "entities": (
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "description": e.description,
                "count": e.count,
                "members": list(e.members),
                "mentions": _mention_dicts(article_ids, mentions.get(e.id)),
            }
            for e in sorted(corpus.entities.values(), key=lambda e: e.id)
        ),
        "events": (
            {
                "id": ev.id,
                "type": ev.type,
                "summary": ev.summary,
                "participants": [{"entity": p.entity_id, "role": p.role} for p in ev.participants],
                "place": ev.place,
                "reports": sorted(corpus.reports_by_fact.get(ev.id, [])),
            }
            for ev in sorted(corpus.events.values(), key=lambda e: e.id)
        ),
        "relations": (
            {
                "id": r.id,
                "subject": r.subject,
                "predicate": r.predicate,
                "object": r.object,
                "negated": r.negated,
                "qualifiers": dict(r.qualifiers),
                "label": corpus.label(r),
                "reports": sorted(corpus.reports_by_fact.get(r.id, [])),
            }
            for r in sorted(corpus.relations.values(), key=lambda r: r.id)
        ),
        "reports": (_ReportOut(corpus, report) for report in _by_id(corpus)),
        "links": (_link(corpus, corpus.links[lid]) for lid in sorted(corpus.links)),
    }


def _by_id(corpus: Corpus) -> Iterator[Report]:
    """The corpus's reports in the order of their ids; packed ones an article at a time,
    without a list of every id (481,000 strings at 10,000 articles)."""
    reports = corpus.reports
    if isinstance(reports, PackedReports):
        return reports.by_id()
    return (reports[report_id] for report_id in sorted(reports))


def to_document(corpus: Corpus) -> dict[str, Any]:
    """The whole document in memory (for tests and callers that want a tree)."""
    return {key: _plain(value) for key, value in _sections(corpus).items()}


def _plain(value: Any) -> Any:
    """``value`` with every span and mention a dict and every iterator a list."""
    kind = type(value)
    if kind is _SpanOut or kind is _MentionOut:
        return value._asdict()
    if kind is _ReportOut:
        return _plain(_report(value.corpus, value.report))
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is list or isinstance(value, Iterator):
        return [_plain(v) for v in value]
    return value


def _link(corpus: Corpus, link: Link) -> dict[str, Any]:
    text = corpus.articles[link.article_id].text
    return {
        "id": link.id,
        "from": link.source,
        "type": link.type,
        "to": link.target,
        "article": link.article_id,
        "evidence": [_span(text, q) for q in link.quotes],
        "derived": link.type in ("asserts", "denies"),
        "note": link.note,
    }


def to_json(corpus: Corpus) -> str:
    parts: list[str] = []
    _write(_sections(corpus), parts.append)
    return "".join(parts)


def write_json(corpus: Corpus, stream: TextIO) -> None:
    """Write the document to ``stream`` as it is made, in one pass."""
    _write(_sections(corpus), stream.write)


_encode_str = json.encoder.encode_basestring  # the C function json itself uses


def _escape_unsafe(text: str) -> str:
    # Of the characters escaped only DEL is ASCII, and a str knows whether it is ASCII
    # without a scan: most chunks skip the regular expression (a tenth of export).
    if text.isascii() and "\x7f" not in text:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write(document: dict[str, Any], write: Callable[[str], object]) -> None:
    """Write ``document`` as ``json.dumps(document, ensure_ascii=False, indent=2) + "\\n"``
    would, with any iterator written as a list, and the characters of ``_UNSAFE`` escaped
    (they only ever occur inside strings, so escaping chunk by chunk is the same).

    The top-level lists are written an item at a time, so no more than one article,
    entity or report is ever held as text."""
    out: list[str] = []
    first_key = True
    for key, value in document.items():
        out.append(("{" if first_key else ",") + "\n  " + _key(key) + ": ")
        first_key = False
        if isinstance(value, (dict, str)) or not isinstance(value, Iterable):
            _value(value, "\n  ", out)
            continue
        first = True
        for item in value:
            out.append(("[" if first else ",") + "\n    ")
            first = False
            _value(item, "\n    ", out)
            if len(out) > 4096:
                write(_escape_unsafe("".join(out)))
                out.clear()
        out.append("[]" if first else "\n  ]")
    out.append("{}\n" if first_key else "\n}\n")
    write(_escape_unsafe("".join(out)))


def _scalar(value: Any) -> str | None:
    """The JSON of a string, number, boolean or null; None for anything else."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _encode_str(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _value(value: Any, newline: str, out: list[str]) -> None:
    """Append one value; ``newline`` is a newline and the indent of the value's own line."""
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    inner = newline + "  "
    kind = type(value)
    if kind is _SpanOut:
        out.append(
            f'{{{inner}"start": {value[0]:d},{inner}"end": {value[1]:d},'
            f'{inner}"text": {_encode_str(value[2])}{newline}}}'
        )
        return
    if kind is _MentionOut:
        out.append(
            f'{{{inner}"article": {_encode_str(value[0])},{inner}"start": {value[1]:d},'
            f'{inner}"end": {value[2]:d}{newline}}}'
        )
        return
    if kind is _ReportOut:
        _write_report(value.corpus, value.report, newline, out)
        return
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        sep = "{" + inner
        for key, item in value.items():
            text = _scalar(item)
            if text is None:
                out.append(sep + _key(key) + ": ")
                _value(item, inner, out)
            else:
                out.append(sep + _key(key) + ": " + text)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, Iterable):
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _value(item, inner, out)
            sep = "," + inner
        out.append("[]" if sep[0] == "[" else newline + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _write_report(corpus: Corpus, report: Report, newline: str, out: list[str]) -> None:
    """Append what :func:`_value` would for ``_report(corpus, report)``, key for key; the
    lists most reports leave empty, the evidence and the time written here directly."""
    text = corpus.articles[report.article_id].text
    inner = newline + "  "
    i = "," + inner
    out.append(
        "{" + inner + '"id": ' + _scalar_of(report.id)
        + i + '"of": ' + _scalar_of(report.fact_id)
        + i + '"article": ' + _scalar_of(report.article_id)
        + i + '"status": ' + _scalar_of(report.status)
        + i + '"certainty": ' + _scalar_of(report.certainty)
        + i + '"according_to": '
    )  # fmt: skip
    _list(list(report.according_to), inner, out)
    out.append(i + '"sources": ')
    _list([_level(text, level) for level in report.sources], inner, out)
    out.append(
        i + '"commitment": ' + _scalar_of(report.commitment)
        + i + '"modality": ' + _scalar_of(report.modality)
        + i + '"negated": ' + _scalar_of(report.negated)
        + i + '"participants": '
    )  # fmt: skip
    _list([{"entity": p.entity_id, "role": p.role} for p in report.participants], inner, out)
    out.append(i + '"qualifiers": ')
    if report.qualifiers:
        _value(dict(report.qualifiers), inner, out)
    else:
        out.append("{}")
    out.append(i + '"evidence": ')
    _list([_span(text, q) for q in report.quotes], inner, out)
    out.append(i + '"time": ')
    if report.time is None:
        out.append("null")
    else:
        _write_time(_time(text, report.time), inner, out)
    out.append(i + '"note": ' + _scalar_of(report.note) + newline + "}")


def _list(items: list[Any], newline: str, out: list[str]) -> None:
    if items:
        _value(items, newline, out)
    else:
        out.append("[]")


def _write_time(time: dict[str, Any], newline: str, out: list[str]) -> None:
    """Append what :func:`_value` would for :func:`_time`'s dict: scalars but the offsets."""
    inner = newline + "  "
    sep = "{" + inner
    for key, item in time.items():
        if key == "offsets":
            start, end = item
            deeper = inner + "  "
            out.append(f'{sep}"offsets": [{deeper}{start:d},{deeper}{end:d}{inner}]')
        else:
            out.append(sep + _key(key) + ": " + _scalar_of(item))
        sep = "," + inner
    out.append(newline + "}")


def _scalar_of(value: Any) -> str:
    text = _scalar(value)
    if text is None:
        raise TypeError(f"not a JSON scalar: {type(value).__name__}")
    return text


_KEYS: dict[str, str] = {}  # a document has few distinct keys: each encoded once


def _key(key: Any) -> str:
    # json.dumps turns the scalar keys it accepts into strings the same way.
    if type(key) is str:
        encoded = _KEYS.get(key)
        if encoded is None:
            encoded = _encode_str(key)
            if len(_KEYS) < 1024:  # qualifier names come from the corpus: bounded
                _KEYS[key] = encoded
        return encoded
    if isinstance(key, str):
        return _encode_str(key)
    if key is None or isinstance(key, (bool, int, float)):
        return f'"{json.dumps(key)}"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
