"""The resolved corpus as one JSON document with a stable order, for jq and scripts."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from tui.data.corpus import Corpus, Link, Report, SourceLevel, Span, TimeRef

FORMAT = "diplo-tui/2"
# JSON escapes C0 controls itself; C1 controls, bidi overrides and marks, which a terminal
# may act on, are written as \uXXXX too. Lossless: any JSON reader gets the same strings.
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _span(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


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


def to_document(corpus: Corpus) -> dict[str, Any]:
    mentions: dict[str, list[dict[str, Any]]] = {}
    for article in sorted(corpus.articles.values(), key=lambda a: a.id):
        for m in corpus.mentions(article):
            mentions.setdefault(m.entity_id, []).append(
                {"article": article.id, "start": m.start, "end": m.end}
            )
    return {
        "format": FORMAT,
        "articles": [
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
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "description": e.description,
                "count": e.count,
                "members": list(e.members),
                "mentions": mentions.get(e.id, []),
            }
            for e in sorted(corpus.entities.values(), key=lambda e: e.id)
        ],
        "events": [
            {
                "id": ev.id,
                "type": ev.type,
                "summary": ev.summary,
                "participants": [{"entity": p.entity_id, "role": p.role} for p in ev.participants],
                "place": ev.place,
                "reports": sorted(corpus.reports_by_fact.get(ev.id, [])),
            }
            for ev in sorted(corpus.events.values(), key=lambda e: e.id)
        ],
        "relations": [
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
        ],
        "reports": [_report(corpus, corpus.reports[rid]) for rid in sorted(corpus.reports)],
        "links": [_link(corpus, corpus.links[lid]) for lid in sorted(corpus.links)],
    }


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
    text = json.dumps(to_document(corpus), ensure_ascii=False, indent=2) + "\n"
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
