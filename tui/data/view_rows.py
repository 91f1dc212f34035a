"""The wording of the analyst views' rows, shared by the views and the index.

The timeline, the disagreements and who-said-what list every event, every disagreement and
every claim of a source: at 10,000 articles, hundreds of thousands of rows. A view's ``/``
filter must not draw each of them to look for a word, so the index stores each row's text,
folded, and answers the filter with SQL. Both read the row's wording from here, so what the
filter finds is what the row shows: a row's :meth:`plain` is the text the view draws, and
:func:`searchable` folds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.corpus import Corpus
from tui.data.disagreements import Difference, Side
from tui.data.folding import fold
from tui.data.rows import article_short, words
from tui.data.sayings import Saying
from tui.data.timeline import Entry

STATUS_GLYPHS = {
    "occurred": "●",
    "planned": "○",
    "ongoing": "◐",
    "attended_virtually": "▣",
    "declined": "✗",
    "cancelled": "⊘",
    "postponed": "⇥",
    "holds": "=",
}

# A popular fact can have hundreds of reports: a disagreement's row shows this many sides,
# then says how many more.
SIDES_SHOWN = 6


def searchable(plain: str) -> str:
    """What a view's filter looks in: the row's text, folded as every filter folds."""
    return fold(plain)


def _glyph(status: str) -> str:
    """A status's glyph; a negated one ("not occurred") is marked ¬."""
    if status.startswith("not "):
        return "¬"
    return STATUS_GLYPHS.get(status, "·")


def status_text(entry: Entry) -> str:
    """``✗ declined``; where the articles differ, every status: ``≠ ✗ declined / ▣ …``."""
    variants = entry.status.variants
    shown = " / ".join(f"{_glyph(v.value)} {words(v.value)}" for v in variants)
    return f"≠ {shown}" if entry.status.disagree else shown


@dataclass(frozen=True, slots=True)
class TimelineRow:
    marker: str  # "≠" where the articles place the event at other times too
    when: str
    precision: str
    status: str
    label: str
    second: str  # the event's type, the words that date it, how many articles report it

    def plain(self) -> str:
        # The label at the same column in every row; the status, of any length (every value
        # where the articles differ), begins the line below.
        return (
            f"{self.marker} {self.when:<10} {self.precision:<8} {self.label}"
            f"\n    {self.status} · {self.second}"
        )


def timeline_row(corpus: Corpus, entry: Entry) -> TimelineRow:
    event = corpus.events[entry.fact_id]
    articles = f"{entry.articles} article{'s' * (entry.articles != 1)}"
    said = " · ".join(f"“{p}”" for p in entry.phrases)
    if entry.differs:
        givers = dict.fromkeys(corpus.reports[r].article_id for r in entry.report_ids)
        names = ", ".join(corpus.publisher_of(a) or a for a in givers)
        said = f"{said} ({names})" if said else names
    when, spelled = _interval(entry.time.value) if entry.time else ("—", "")
    return TimelineRow(
        "≠" if entry.differs else " ",
        when,
        entry.precision,
        status_text(entry),
        corpus.label(event),
        " · ".join(p for p in (spelled, words(event.type), said, articles) if p),
    )


def _interval(value: str) -> tuple[str, str]:
    """An interval's date for the row's date column (its start, else its end) and the whole
    interval spelled out for the line below: in the column it would push the rest aside."""
    start, slash, end = value.partition("/")
    if not slash:
        return value, ""
    if start == "..":
        return end, f"until {end}"
    if end == "..":
        return start, f"from {start} on"
    return start, f"{start} to {end}"


def _every_value_first(sides: tuple[Side, ...]) -> list[Side]:
    """One side per value before any repeat: what a cut row must not lose is the dissent."""
    seen: set[str] = set()
    first: list[Side] = []
    rest: list[Side] = []
    for side in sides:
        (rest if side.value in seen else first).append(side)
        seen.add(side.value)
    return first + rest


@dataclass(frozen=True, slots=True)
class DifferenceRow:
    label: str
    aspect: str
    sides: tuple[tuple[str, str, str], ...]  # (value, padded; the article; its words)
    more: int  # sides not shown

    def lines(self) -> list[str]:
        """The row's lines after the first (``≠ label — aspect``), as they read."""
        found = [f"  {value}  {article}: {said}" for value, article, said in self.sides]
        if self.more:
            found.append(f"  … and {self.more} more articles")
        return found

    def plain(self) -> str:
        return "\n".join((f"≠ {self.label} — {self.aspect}", *self.lines()))


def difference_row(corpus: Corpus, difference: Difference) -> DifferenceRow:
    fact = corpus.fact(difference.fact_id)
    width = max(len(words(s.value)) for s in difference.sides)
    sides: list[tuple[str, str, str]] = []
    for side in _every_value_first(difference.sides)[:SIDES_SHOWN]:
        said = " … ".join(f"“{w}”" for w in side.wording)
        if side.phrase:
            said = f"“{side.phrase}” in {said}"
        value = f"{words(side.value):<{width}}"
        sides.append((value, article_short(corpus, side.article_id), said))
    return DifferenceRow(
        corpus.label(fact) if fact else difference.fact_id,
        difference.aspect,
        tuple(sides),
        max(0, len(difference.sides) - SIDES_SHOWN),
    )


@dataclass(frozen=True, slots=True)
class SayingRow:
    verb: str  # "says", or "denies" where the source denies it
    label: str
    article: str
    cue: str  # the words that attribute it, verbatim
    how: str  # its commitment, "quoted", "cited by another source", or nothing

    def plain(self) -> str:
        how = f" ({self.how})" if self.how else ""
        return f"{self.verb}: {self.label}\n  {self.article}: “{self.cue}”{how}"


def saying_row(corpus: Corpus, saying: Saying) -> SayingRow:
    text = corpus.articles[saying.article_id].text
    how = [] if saying.commitment == "certain" else [saying.commitment]
    if saying.speech == "direct":
        how.append("quoted")
    if saying.depth:
        how.append("cited by another source")
    return SayingRow(
        "denies" if saying.polarity == "negative" else "says",
        corpus.label_of(saying.fact_id),
        article_short(corpus, saying.article_id),
        text[saying.cue.start : saying.cue.end],
        ", ".join(how),
    )
