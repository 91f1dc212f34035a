"""Who said what: every fact a source is cited for, with the words that cite it.

A source speaks in two ways the model records: as a level of a report's chain (``sources``,
with its cue, commitment and polarity), and as the speaker of a statement event. Both are
gathered here, so "what has the Kremlin said?" lists each claim once per article, with the
statement it was made in when the curator named one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.data.corpus import Corpus, Event, Report, Span

# Event types in which a participant with the role `speaker` says something.
SPEECH_TYPES = frozenset({"statement", "speech", "announcement", "denial", "criticism"})


@dataclass(frozen=True, slots=True)
class Saying:
    """One claim attributed to a source in one article."""

    entity_id: str
    article_id: str
    report_id: str
    fact_id: str  # what is claimed
    cue: Span  # the words that attribute it, in the article's text
    commitment: str
    polarity: str  # negative: the source denies it
    speech: str  # direct: the article quotes the source's own words
    statement: str | None  # the statement event it was said in
    depth: int  # 0 when the article cites the source itself, 1 when a cited source cites it


def sayings(corpus: Corpus, entity_id: str) -> list[Saying]:
    """What ``entity_id`` is cited for, in time order of the facts (undated last), then by
    article: each report once, at the level of the chain where the entity speaks."""
    reports = (corpus.reports[r] for r in corpus.reports_by_entity.get(entity_id, ()))
    return _ordered(corpus, _said(reports, entity_id).get(entity_id, []))


def every_saying(corpus: Corpus) -> dict[str, list[Saying]]:
    """:func:`sayings` of every source, in one pass over the reports."""
    found = _said(corpus.reports.values(), None)
    return {entity_id: _ordered(corpus, said) for entity_id, said in found.items()}


def _said(reports: Iterable[Report], only: str | None) -> dict[str, list[Saying]]:
    found: dict[str, list[Saying]] = {}
    for report in reports:
        for depth, level in enumerate(report.sources):
            if only is not None and level.entity_id != only:
                continue
            said = found.setdefault(level.entity_id, [])
            if said and said[-1].report_id == report.id:
                continue  # cited again deeper in the chain: the first level counts
            said.append(
                Saying(
                    level.entity_id,
                    report.article_id,
                    report.id,
                    report.fact_id,
                    level.cue,
                    level.commitment,
                    level.polarity,
                    level.speech,
                    level.statement,
                    depth,
                )
            )
    return found


def _ordered(corpus: Corpus, found: list[Saying]) -> list[Saying]:
    never = "9999"

    def order(saying: Saying) -> tuple[str, str, int]:
        time = corpus.fact_time.get(saying.fact_id)
        return (time.start.isoformat() if time else never, saying.article_id, saying.cue.start)

    return sorted(found, key=order)


def sources(corpus: Corpus, said: dict[str, list[Saying]] | None = None) -> list[tuple[str, int]]:
    """Every source with the number of reports citing it, most cited first (``said``: every
    source's sayings, when already gathered)."""
    counts = {e: len(s) for e, s in (every_saying(corpus) if said is None else said).items()}
    return sorted(counts.items(), key=lambda kv: (-kv[1], corpus.entity_name(kv[0]).casefold()))


def statements_by(corpus: Corpus, entity_id: str, said: list[Saying] | None = None) -> list[str]:
    """The statement events ``entity_id`` speaks in, as a participant or as the source a
    report names with the statement (``said``: its sayings, when already gathered)."""
    ids: dict[str, None] = {}
    for fact_id in corpus.facts_by_entity.get(entity_id, ()):
        fact = corpus.fact(fact_id)
        if (
            isinstance(fact, Event)
            and fact.type in SPEECH_TYPES
            and any(p.entity_id == entity_id and p.role == "speaker" for p in fact.participants)
        ):
            ids[fact_id] = None
    for saying in sayings(corpus, entity_id) if said is None else said:
        if saying.statement is not None:
            ids[saying.statement] = None
    return list(ids)


def what_it_says(corpus: Corpus, statement_id: str) -> list[tuple[str, str]]:
    """The facts a statement asserts or denies: (link type, fact id), in corpus order."""
    found: dict[tuple[str, str], None] = {}
    for link_id in corpus.links_by_fact.get(statement_id, ()):
        link = corpus.links[link_id]
        if link.source == statement_id and link.type in ("asserts", "denies"):
            found[(link.type, link.target)] = None
    return list(found)
