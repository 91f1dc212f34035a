"""The resolved corpus: every reference checked, every quote anchored, indexes built.

These are plain frozen dataclasses; the UI and ``export`` read them and never see TOML.
Offsets are Python string indices (Unicode code points) into the article's text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.data.folding import fold
from tui.data.phrases import PREDICATE_PHRASES
from tui.data.problems import Problem
from tui.data.timex import TimeValue

if TYPE_CHECKING:
    from tui.data.disagreements import Difference
    from tui.data.facets import Facets
    from tui.data.listing import Listing
    from tui.data.mentions import AliasMatcher
    from tui.data.names import Name, NameHit, NameIndex
    from tui.data.rows import FactRow
    from tui.data.sayings import Saying
    from tui.data.timeline import Entry


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    count: int | None = None  # a group's size as the text gives it ("123 countries")
    members: tuple[str, ...] = ()  # a group's named members


@dataclass(frozen=True, slots=True)
class Published:
    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: str

    @property
    def estimated(self) -> bool:
        return self.date is None

    @property
    def value(self) -> str:
        if self.date is not None:
            return self.date.isoformat()
        assert self.earliest is not None and self.latest is not None
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"

    def describe(self) -> str:
        return f"{self.value} (estimated)" if self.estimated else self.value


class Mention(NamedTuple):
    start: int
    end: int
    entity_id: str


class Span(NamedTuple):
    """``[start, end)`` in an article's text."""

    start: int
    end: int


@dataclass(slots=True)
class TimeRef:
    phrase: str
    # None only for a time anchored to an event whose own time no article gives.
    value: TimeValue | None
    span: Span
    role: str = "point"  # point, start or end of the event
    basis: str = ""  # set when the value is the curator's inference, not the text's
    anchor: str | None = None  # the event the phrase counts from ("the day after the warrant")
    offset: str = ""  # ISO 8601 duration from the anchor, such as P1D or -P1W


@dataclass(frozen=True, slots=True)
class SourceLevel:
    """One level of a report's source chain (outermost first), as in FactBank."""

    entity_id: str
    cue: Span  # the words that introduce the source, inside the report's evidence
    commitment: str  # certain, probable, possible or uncommitted
    polarity: str  # positive, or negative for a denial
    speech: str  # direct (its own words quoted) or indirect
    statement: str | None = None  # the statement event in which it says so
    insertions: tuple[Span, ...] = ()  # the reporter's words inside a direct quote


class Participant(NamedTuple):
    entity_id: str
    role: str


@dataclass(slots=True)
class Report:
    """One article's account of an event or relation, with its own epistemics."""

    id: str
    fact_id: str
    article_id: str
    status: str
    certainty: str
    quotes: tuple[Span, ...]
    time: TimeRef | None
    according_to: tuple[str, ...]  # the chain's entities, outermost first: derived
    note: str
    sources: tuple[SourceLevel, ...] = ()
    commitment: str = "certain"  # the article's own commitment to the fact
    modality: str = "actual"
    negated: bool = False
    participants: tuple[Participant, ...] = ()  # added to the fact by this article
    qualifiers: tuple[tuple[str, str | int], ...] = ()  # this article's characterisation


@dataclass(slots=True)
class Link:
    """One article's statement that fact ``source`` bears on fact ``target`` (``type``)."""

    id: str
    type: str
    source: str
    target: str
    article_id: str
    quotes: tuple[Span, ...]
    note: str


@dataclass(slots=True)
class Event:
    id: str
    type: str
    summary: str
    participants: tuple[Participant, ...]
    place: str | None
    entity_ids: tuple[str, ...] = ()  # participants, then the place: set by the loader


@dataclass(slots=True)
class Relation:
    id: str
    subject: str
    predicate: str
    object: str
    negated: bool
    qualifiers: tuple[tuple[str, str | int], ...]
    entity_ids: tuple[str, ...] = ()  # subject and object: set by the loader


Fact = Event | Relation


@dataclass(slots=True)
class Article:
    id: str
    title: str
    publisher: str  # the publisher's name, for display
    url: str
    published: Published
    language: str
    text_path: str
    text: str
    note: str
    publisher_id: str | None = None  # a media entity
    wire: tuple[str, ...] = ()  # agencies credited: media entities
    dateline: Span | None = None
    # (alias, entity id) pairs that hold in this article only ("the court" → icc).
    local_aliases: tuple[tuple[str, str], ...] = ()
    _mentions: list[Mention] | None = field(default=None, compare=False)
    # (start, end, report id), sorted by start: the reverse index from text to facts.
    citations: list[tuple[int, int, str]] = field(default_factory=list)
    _sentences: list[Span] | None = field(default=None, compare=False)
    # Mentions of a long article, found a block at a time as the blocks are shown.
    _blocks: dict[int, list[Mention]] = field(default_factory=dict, compare=False)

    def citing(self, start: int, end: int) -> list[str]:
        """Ids of the reports whose evidence overlaps ``[start, end)``, in text order."""
        found: list[str] = []
        hi = bisect.bisect_left(self.citations, (end, -1, ""))
        for _c_start, c_end, report_id in self.citations[:hi]:
            if c_end > start and report_id not in found:
                found.append(report_id)
        return found

    @property
    def sentences(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        return self._sentences

    def sentence_at(self, offset: int) -> int:
        starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


# Articles longer than four blocks have their mentions found a block at a time.
# Between a fact's row and its roles in what the facts filter looks in: folded text never
# holds it, so no word typed is found across the two.
ROLES_APART = "\0"
MENTION_BLOCK = 1 << 16


def _overlapping(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Mentions (sorted, not overlapping each other) that overlap ``[start, end)``."""
    index = bisect.bisect_right(mentions, start, key=lambda m: m.end)  # the first ending after
    found: list[Mention] = []
    while index < len(mentions) and mentions[index].start < end:
        found.append(mentions[index])
        index += 1
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*[ \t]+(?=[\"“‘(\[A-Z0-9])|\n+")


# Words that end in a full stop without ending the sentence ("Oct. 17", "Mr. Li").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|No|Gen|Col|"
    r"Lt|Sgt|Gov|Sen|Rep|Prof|vs|approx|[A-Z])\.)\Z"
)


def split_sentences(text: str) -> list[Span]:
    """Sentences and headings: split at full stops followed by a capital, and at newlines;
    not after an abbreviation ("BEIJING, Oct. 17 (Xinhua)" is one sentence)."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if text[match.start()] != "\n":
            if _ABBREVIATION.search(text, max(start, end - 8), end):
                continue
            end = match.start() + len(match.group().rstrip(" \t"))
        if text[start:end].strip():
            spans.append(Span(start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(Span(start, len(text)))
    return spans


@dataclass(slots=True)
class Corpus:
    root: Path
    # Mappings, not dicts: the loader fills dicts, the explorer reads the same names from the
    # index (tui.data.index), a row at a time.
    articles: MutableMapping[str, Article] = field(default_factory=dict)
    entities: MutableMapping[str, Entity] = field(default_factory=dict)
    events: MutableMapping[str, Event] = field(default_factory=dict)
    relations: MutableMapping[str, Relation] = field(default_factory=dict)
    reports: MutableMapping[str, Report] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reports_by_fact: MutableMapping[str, list[str]] = field(default_factory=dict)
    links: MutableMapping[str, Link] = field(default_factory=dict)
    links_by_fact: MutableMapping[str, list[str]] = field(default_factory=dict)  # both ends
    facts_by_entity: MutableMapping[str, list[str]] = field(default_factory=dict)
    reports_by_entity: MutableMapping[str, list[str]] = field(default_factory=dict)
    # The most precise time any report gives each fact.
    fact_time: MutableMapping[str, TimeValue] = field(default_factory=dict)
    # Every article text the loader tried to read, found or not (for the cache's check).
    text_paths: list[str] = field(default_factory=list)
    _matcher: AliasMatcher | None = None
    _local_matchers: dict[str, AliasMatcher] = field(default_factory=dict)
    _names: NameIndex | None = None
    _facets: Facets | None = None
    _article_order: dict[str, int] | None = None
    # Whether each fact's reports disagree, as the facts list's row found it (rows.fact_row):
    # the index's build asks it of every fact twice (the rows, then the disagreements).
    _disagrees: dict[str, bool] = field(default_factory=dict)

    def article_order(self) -> dict[str, int]:
        """Each article's place in the order ``[`` and ``]`` step through: by id. Worked out
        once: the explorer asks on every article it shows, and the corpus never changes
        while it is shown."""
        if self._article_order is None:
            self._article_order = {a: n for n, a in enumerate(sorted(self.articles))}
        return self._article_order

    def mentions(self, article: Article) -> list[Mention]:
        """Every alias occurrence in ``article``, found on first use: the explorer shows one
        article at a time, so startup never pays for scanning them all."""
        if article._mentions is None:
            article._mentions = self._matcher_for(article).find(article.text)
        return article._mentions

    def _alias_matcher(self) -> AliasMatcher:
        if self._matcher is None:
            from tui.data.mentions import AliasMatcher

            self._matcher = AliasMatcher(self._alias_pairs())
        return self._matcher

    def _alias_pairs(self) -> list[tuple[str, str]]:
        return [(alias, e.id) for e in self.entities.values() for alias in e.aliases]

    def _matcher_for(self, article: Article) -> AliasMatcher:
        """The corpus-wide aliases, plus those that hold in this article alone."""
        if not article.local_aliases:
            return self._alias_matcher()
        matcher = self._local_matchers.get(article.id)
        if matcher is None:
            from tui.data.mentions import AliasMatcher

            # First named wins: in this article "the court" is the one it names here.
            matcher = AliasMatcher([*article.local_aliases, *self._alias_pairs()])
            self._local_matchers[article.id] = matcher
        return matcher

    def mentions_between(self, article: Article, start: int, end: int) -> list[Mention]:
        """The alias occurrences overlapping ``[start, end)``, in text order.

        A long article is not scanned whole to draw one screen of it: its mentions are found
        a block at a time, each block with a margin of the longest alias on either side, so
        a mention across a block's edge is found whole, in the block where it starts."""
        if article._mentions is not None or len(article.text) <= 4 * MENTION_BLOCK:
            return _overlapping(self.mentions(article), start, end)
        found: list[Mention] = []
        # A mention that starts in an earlier block can reach into the range.
        first = max(0, start - self._matcher_for(article).longest) // MENTION_BLOCK
        for block in range(first, max(start, end - 1) // MENTION_BLOCK + 1):
            found.extend(m for m in self._block(article, block) if m.start < end and m.end > start)
        return found

    def next_mention(self, article: Article, entity_id: str, after: int) -> Mention | None:
        """The first mention of ``entity_id`` starting at or after ``after``, block by block."""
        if article._mentions is not None or len(article.text) <= 4 * MENTION_BLOCK:
            return next(
                (
                    m
                    for m in self.mentions(article)
                    if m.entity_id == entity_id and m.start >= after
                ),
                None,
            )
        for block in range(after // MENTION_BLOCK, len(article.text) // MENTION_BLOCK + 1):
            for mention in self._block(article, block):
                if mention.entity_id == entity_id and mention.start >= after:
                    return mention
        return None

    def _block(self, article: Article, block: int) -> list[Mention]:
        found = article._blocks.get(block)
        if found is None:
            matcher = self._matcher_for(article)
            lo = block * MENTION_BLOCK
            hi = min(len(article.text), lo + MENTION_BLOCK)
            origin = max(0, lo - matcher.longest)
            window = article.text[origin : hi + matcher.longest]
            found = article._blocks[block] = [
                Mention(m.start + origin, m.end + origin, m.entity_id)
                for m in matcher.find(window)
                if lo <= m.start + origin < hi
            ]
        return found

    # -- what the lists ask; the index answers the same questions from its columns ---------

    def publisher_of(self, article_id: str) -> str | None:
        """The article's outlet ("" when unknown), or None when there is no such article."""
        article = self.articles.get(article_id)
        return None if article is None else article.publisher

    def fact_count(self, entity_id: str) -> int:
        return len(self.facts_by_entity.get(entity_id, ()))

    def entities_by_kind(self, query: str = "") -> dict[str, list[str]]:
        """Entity ids whose name, id or an alias holds ``query`` (folded), by kind; the most
        connected first, then by name."""
        query = fold(query).strip()
        by_kind: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            if not query or any(
                query in fold(t) for t in (entity.name, entity.id, *entity.aliases)
            ):
                by_kind.setdefault(entity.kind, []).append(entity)
        return {
            kind: [
                e.id
                for e in sorted(found, key=lambda e: (-self.fact_count(e.id), e.name.casefold()))
            ]
            for kind, found in by_kind.items()
        }

    def fact_row(self, fact: Fact) -> FactRow:
        """What the facts list shows for ``fact`` (see :mod:`tui.data.rows`)."""
        from tui.data.rows import fact_row

        return fact_row(self, fact)

    def timeline(self, entity_id: str | None = None) -> Listing[Entry]:
        """Every event (or ``entity_id``'s) in time order; each entry's mark is its heading."""
        from tui.data.listing import Listing
        from tui.data.timeline import timeline
        from tui.data.view_rows import searchable, timeline_row

        entries = timeline(self, entity_id)
        return Listing(
            entries,
            [e.group for e in entries],
            lambda: [searchable(timeline_row(self, e).plain()) for e in entries],
        )

    def differences(self) -> Listing[Difference]:
        """Every disagreement, in label order; each one's mark is its number of sides."""
        from tui.data.disagreements import differences
        from tui.data.listing import Listing
        from tui.data.view_rows import difference_row, searchable

        found = differences(self)
        return Listing(
            found,
            [len(d.sides) for d in found],
            lambda: [searchable(difference_row(self, d).plain()) for d in found],
        )

    def sayings_of(self, entity_id: str) -> Listing[Saying]:
        """What ``entity_id`` is cited for (:func:`tui.data.sayings.sayings`)."""
        from tui.data.listing import Listing
        from tui.data.sayings import sayings
        from tui.data.view_rows import saying_row, searchable

        said = sayings(self, entity_id)
        texts = lambda: [searchable(saying_row(self, s).plain()) for s in said]  # noqa: E731
        return Listing(said, [None] * len(said), texts)

    def statements_of(self, entity_id: str) -> list[str]:
        """The statement events ``entity_id`` speaks in (:func:`tui.data.sayings.statements_by`)."""
        from tui.data.sayings import statements_by

        return statements_by(self, entity_id)

    def sources(self) -> list[tuple[str, int]]:
        """Every source with the number of reports citing it, most cited first."""
        from tui.data.sayings import sources

        return sources(self)

    def facets(self) -> Facets:
        """What the query line asks of every fact (see :mod:`tui.data.facets`)."""
        if self._facets is None:
            from tui.data.facets import MemoryFacets, rows

            self._facets = MemoryFacets(rows(self))
        return self._facets

    def reports_anchored_to(self, fact_id: str) -> list[Report]:
        """The reports whose time counts from ``fact_id`` ("the day after the warrant")."""
        return [r for r in self.reports.values() if r.time is not None and r.time.anchor == fact_id]

    def disagreeing_facts(self) -> list[str]:
        """The facts whose reports disagree on some aspect (marked ≠ in the facts list)."""
        from tui.data.accounts import disagreements

        known = self._disagrees
        return [
            f
            for f in self.reports_by_fact
            if (known[f] if f in known else bool(disagreements(self, f)))
        ]

    def roles(self, fact: Fact, entity_id: str | None) -> str:
        """How ``entity_id`` takes part in ``fact`` (:func:`tui.data.rows.roles_of`)."""
        from tui.data.rows import roles_of

        return roles_of(self, fact, entity_id)

    def facts_matching(
        self, fact_ids: Sequence[str], entity_id: str | None, query: str
    ) -> list[str]:
        """The facts among ``fact_ids`` whose row (as the list shows it for ``entity_id``)
        holds ``query``, folded; in their order."""
        query = fold(query).strip()
        texts = self.fact_texts(fact_ids, entity_id)
        return [f for f, t in zip(fact_ids, texts, strict=True) if t is not None and query in t]

    def fact_texts(self, fact_ids: Sequence[str], entity_id: str | None) -> list[str | None]:
        """What the facts filter looks in for each of ``fact_ids``, folded: its row as the
        list shows it for ``entity_id``, the roles apart (a word never spans the two); None
        for an id that is no fact."""
        from tui.data.rows import roles_of

        texts: list[str | None] = []
        for fact_id in fact_ids:
            fact = self.fact(fact_id)
            if fact is None:
                texts.append(None)
                continue
            text = self.fact_row(fact).search_text(fact_id)
            if entity_id is not None:
                text += ROLES_APART + fold(roles_of(self, fact, entity_id))
            texts.append(text)
        return texts

    def find_names(self, query: str, limit: int) -> list[NameHit]:
        """The names (see :mod:`tui.data.names`) best matching ``query``, best first."""
        return self._name_search().search(query, limit)

    def first_names(self, count: int) -> list[Name]:
        """The first names in the palette's order, shown before anything is typed."""
        return self._name_search().first(count)

    def _name_search(self) -> NameIndex:
        if self._names is None:
            from tui.data.names import NameIndex, names

            self._names = NameIndex.in_memory(names(self))
        return self._names

    def fact(self, fact_id: str) -> Fact | None:
        return self.events.get(fact_id) or self.relations.get(fact_id)

    def fact_reports(self, fact_id: str) -> list[Report]:
        return [self.reports[r] for r in self.reports_by_fact.get(fact_id, ())]

    def label_of(self, fact_id: str) -> str:
        fact = self.fact(fact_id)
        return self.label(fact) if fact is not None else fact_id

    def entity_name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def label(self, fact: Fact) -> str:
        """A one-line description of a fact, for lists and the palette."""
        if isinstance(fact, Event):
            return fact.summary
        default = fact.predicate.replace("_", " ")
        asserted, negated = PREDICATE_PHRASES.get(fact.predicate, (default, f"not {default}"))
        verb = negated if fact.negated else asserted
        quals = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in fact.qualifiers)
        label = f"{self.entity_name(fact.subject)} {verb} {self.entity_name(fact.object)}"
        return f"{label} ({quals})" if quals else label
