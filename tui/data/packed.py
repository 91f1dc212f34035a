"""A corpus's reports packed a byte string per article, for ``check`` and ``export``.

A :class:`~tui.data.corpus.Report` as objects (a 15-slot dataclass, its spans as named
tuples, each offset an int object, its time, its id) is about 560 bytes, and a corpus has
about 48 of them per article: at 10,000 articles they were a third of ``check``'s and
``export``'s peak memory. Those commands read each report once, in order, so the loader
keeps them here as plain values, marshalled and compressed per article (about 30 bytes a
report), and a report is made again each time it is read: a pass decodes one article at a
time, and a lookup by id keeps the last article decoded.

Reports named ``kept`` in :meth:`PackedReports.add_article` stay objects: the loader still changes
the time of a report anchored to another event after every report is made.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterator, MutableMapping, Sequence, ValuesView
from typing import Any

from tui.data.corpus import Participant, Report, SourceLevel, Span, TimeRef
from tui.data.timex import TimeValue

_new = tuple.__new__
# How many bytes of marshalled reports are held as they are before the rest is compressed
# (about 750 articles' worth).
COMPRESS_AFTER = 4 << 20


class PackedReports(MutableMapping[str, Report]):
    """Reports by id, in the order added, as a dict of them would hold them."""

    def __init__(self) -> None:
        # article id → (its reports' ids, one per line; their plain values, marshalled, and
        # compressed when the third is true)
        self._articles: dict[str, tuple[str, bytes, bool]] = {}
        self._held = 0  # bytes of packed reports before compression
        self._kept: dict[str, Report] = {}  # reports held whole (see keep)
        self._times: list[TimeValue] = []  # each distinct time value once, by number
        self._time_numbers: dict[TimeValue, int] = {}
        self._count = 0
        self._quotes = 0
        self._decoded: tuple[str, dict[str, Report]] = ("", {})

    # -- filling ------------------------------------------------------------------------

    def add_article(
        self, article_id: str, made: list[tuple[str, Report | tuple[Any, ...]]]
    ) -> None:
        """Pack the reports of ``article_id`` (all of them, in order; none yet added), each
        given by its id with its plain values (see :meth:`values`), or as a Report, which
        also stays whole: the very object given is what is read back."""
        if not made:
            return
        assert article_id not in self._articles, article_id
        assert "/" not in article_id, article_id  # see by_id
        ids = "\n".join([report_id for report_id, _ in made])
        plain: list[tuple[Any, ...]] = []
        for report_id, report in made:
            if isinstance(report, Report):
                self._kept[report_id] = report
                report = self._pack(report)
            plain.append(report)
            self._quotes += len(report[3])
        packed = marshal.dumps(tuple(plain))
        # Compressed once the packed reports are past a few megabytes: a quarter of the size
        # again, for 0.05 s per 1,000 articles to pack and a third of that to read (a tenth
        # of a check served from the parse cache, for memory a small corpus can spare).
        self._held += len(packed)
        if self._held > COMPRESS_AFTER:
            self._articles[article_id] = (ids, zlib.compress(packed, 1), True)
        else:
            self._articles[article_id] = (ids, packed, False)
        self._count += len(made)

    def values_of(
        self,
        fact_id: str,
        status: str,
        certainty: str,
        quotes: Sequence[Sequence[int]],
        time: TimeRef | None,
        according_to: tuple[str, ...],
        note: str,
        sources: Sequence[tuple[Any, ...]],
        commitment: str,
        modality: str,
        negated: bool,
        participants: Sequence[Sequence[str]],
        qualifiers: Sequence[tuple[str, str | int]],
    ) -> tuple[Any, ...]:
        """A report's plain values, in the order of Report's fields (without its id and
        article): what the loader packs without making the Report, its spans as pairs of
        offsets and each source level as its fields, its cue and insertions so too."""
        return (fact_id, status, certainty, quotes, None if time is None else self._pack_time(time),
                according_to, note, sources, commitment, modality, negated, participants,
                qualifiers)  # fmt: skip

    def _pack(self, report: Report) -> tuple[Any, ...]:
        return self.values_of(
            report.fact_id,
            report.status,
            report.certainty,
            tuple([tuple(q) for q in report.quotes]),
            report.time,
            report.according_to,
            report.note,
            tuple(
                [
                    (s.entity_id, tuple(s.cue), s.commitment, s.polarity, s.speech, s.statement,
                     tuple([tuple(i) for i in s.insertions]))
                    for s in report.sources
                ]
            ),
            report.commitment,
            report.modality,
            report.negated,
            tuple([tuple(p) for p in report.participants]),
            report.qualifiers,
        )  # fmt: skip

    def _pack_time(self, time: TimeRef) -> tuple[Any, ...]:
        number = -1
        if time.value is not None:
            number = self._time_numbers.get(time.value, -1)
            if number < 0:
                number = self._time_numbers[time.value] = len(self._times)
                self._times.append(time.value)
        return (time.phrase, number, tuple(time.span), time.role, time.basis, time.anchor,
                time.offset)  # fmt: skip

    # -- reading ------------------------------------------------------------------------

    def _article(self, article_id: str) -> dict[str, Report]:
        """The reports of ``article_id`` made again, by id (the last article asked kept)."""
        if self._decoded[0] == article_id:
            return self._decoded[1]
        found = self._articles.get(article_id)
        made: dict[str, Report] = {}
        if found is not None:
            ids, packed, compressed = found
            if compressed:
                packed = zlib.decompress(packed)
            for report_id, values in zip(ids.split("\n"), marshal.loads(packed), strict=True):
                made[report_id] = self._kept.get(report_id) or self._unpack(
                    report_id, article_id, values
                )
        self._decoded = (article_id, made)
        return made

    def _unpack(self, report_id: str, article_id: str, values: tuple[Any, ...]) -> Report:
        (of, status, certainty, quotes, time, according_to, note, sources, commitment,
         modality, negated, participants, qualifiers) = values  # fmt: skip
        return Report(
            report_id,
            of,
            article_id,
            status,
            certainty,
            tuple([_new(Span, q) for q in quotes]),
            None if time is None else self._unpack_time(time),
            according_to,
            note,
            tuple(
                [
                    SourceLevel(by, _new(Span, cue), said, polarity, speech, statement,
                                tuple([_new(Span, s) for s in within]))
                    for by, cue, said, polarity, speech, statement, within in sources
                ]
            ),
            commitment,
            modality,
            negated,
            tuple([_new(Participant, p) for p in participants]),
            qualifiers,
        )  # fmt: skip

    def _unpack_time(self, values: tuple[Any, ...]) -> TimeRef:
        phrase, number, span, role, basis, anchor, offset = values
        value = None if number < 0 else self._times[number]
        return TimeRef(phrase, value, _new(Span, span), role, basis, anchor, offset)

    def __getitem__(self, report_id: str) -> Report:
        kept = self._kept.get(report_id)
        if kept is not None:
            return kept
        return self._article(report_id.split("/", 1)[0])[report_id]

    def __iter__(self) -> Iterator[str]:
        for ids, _packed, _compressed in self._articles.values():
            yield from ids.split("\n")

    def __len__(self) -> int:
        return self._count

    def values(self) -> ValuesView[Report]:
        return _Values(self)

    def each(self) -> Iterator[Report]:
        """Every report, an article decoded at a time (none held after)."""
        for article_id in self._articles:
            yield from self._article(article_id).values()
        self._decoded = ("", {})

    def by_id(self) -> Iterator[Report]:
        """Every report in the order of their ids, as ``sorted(self)`` would give them,
        without holding every id: an article's report ids all start with its id and "/",
        which no article id holds, so they sort together, the articles in the order of their
        ids followed by "/" (``a-b/…`` sorts before ``a/…``)."""
        for article_id in sorted(self._articles, key=lambda a: a + "/"):
            made = self._article(article_id)
            for report_id in sorted(made):
                yield made[report_id]
        self._decoded = ("", {})

    def count_in(self, article_id: str) -> int:
        """How many reports ``article_id`` gives (without decoding them)."""
        found = self._articles.get(article_id)
        return 0 if found is None else found[0].count("\n") + 1

    @property
    def quotes(self) -> int:
        """How many quotes all the reports hold (without decoding them)."""
        return self._quotes

    # A packed report is made again on each reading: changing one would be lost.
    def __setitem__(self, report_id: str, report: Report) -> None:
        raise TypeError("packed reports are read-only")

    def __delitem__(self, report_id: str) -> None:
        raise TypeError("packed reports are read-only")


class _Values(ValuesView[Report]):
    _mapping: PackedReports

    def __iter__(self) -> Iterator[Report]:
        return self._mapping.each()


class PackedReportIds(MutableMapping[str, list[str]]):
    """The ids of each fact's reports, in the order made, kept as their articles' ids.

    A report's id is its article's id, its fact's and, for an article's second or later
    report of one fact, its number there (``a1/ev``, ``a1/ev/2``): the articles, in order,
    give the ids back. The ids themselves were 33 MB at 10,000 articles; the articles' ids
    are shared, and a fact with one report (most) holds its article's id without a list."""

    def __init__(self) -> None:
        self._articles: dict[str, str | list[str]] = {}

    def add(self, fact_id: str, article_id: str) -> None:
        """A report of ``fact_id`` made in ``article_id``, after those added before."""
        held = self._articles.get(fact_id)
        if held is None:
            self._articles[fact_id] = article_id
        elif isinstance(held, str):
            self._articles[fact_id] = [held, article_id]
        else:
            held.append(article_id)

    def __getitem__(self, fact_id: str) -> list[str]:
        held = self._articles[fact_id]
        if isinstance(held, str):
            return [f"{held}/{fact_id}"]
        ids: list[str] = []
        seen: dict[str, int] = {}
        for article_id in held:
            n = seen[article_id] = seen.get(article_id, 0) + 1
            ids.append(f"{article_id}/{fact_id}/{n}" if n > 1 else f"{article_id}/{fact_id}")
        return ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._articles

    # Each reading makes the list again: changing one would be lost.
    def __setitem__(self, fact_id: str, report_ids: list[str]) -> None:
        raise TypeError("packed report ids are read-only: see add()")

    def __delitem__(self, fact_id: str) -> None:
        raise TypeError("packed report ids are read-only")
