"""The timeline: every event (or one entity's) in time order, grouped by year.

A row is the event's time with its precision in words (day, week, month, interval, since,
until), its status as a glyph and a word (both survive ``NO_COLOR``), and its summary; the
second line gives the words that date it and how many articles report it. An event the
articles place at different times has a row per time, each marked ``≠``. Enter opens the
event with the evidence of the report that gives that time.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.rows import words
from tui.data.timeline import Entry
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState

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


class TimelineView(ViewScreen):
    name_ = "timeline"
    view_title = "Timeline"

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__(corpus, state)
        entity = self.state.arg or None
        entity = entity if entity in corpus.entities else None
        self.entries = self.remember(entity, lambda: corpus.timeline(entity))

    def heading(self) -> str:
        entity = self.state.arg
        if entity in self.corpus.entities:
            return f"Timeline · {self.corpus.entity_name(entity)}"
        return "Timeline · every event"

    def rows(self) -> list[str]:
        rows: list[str] = []
        group = None
        for n, heading in enumerate(self.entries.marks):
            if heading != group:
                group = heading
                rows.append(f"heading:{group}")
            rows.append(f"entry:{n}")
        return rows

    def render_row(self, row_id: str) -> Content:
        corpus = self.corpus
        entry = self.entries[int(row_id.partition(":")[2])]
        event = corpus.events[entry.fact_id]
        when = entry.time.value if entry.time else "—"
        marker = "≠" if entry.differs else " "
        articles = f"{entry.articles} article{'s' * (entry.articles != 1)}"
        said = " · ".join(f"“{p}”" for p in entry.phrases)
        if entry.differs:
            givers = dict.fromkeys(corpus.reports[r].article_id for r in entry.report_ids)
            names = ", ".join(corpus.articles[a].publisher or a for a in givers)
            said = f"{said} ({names})" if said else names
        second = " · ".join(p for p in (words(event.type), said, articles) if p)
        return Content.assemble(
            (f"{marker} ", "bold"),
            (f"{when:<10} ", "bold"),
            (f"{entry.precision:<8} ", "dim"),
            (f"{status_text(entry)}  ", "italic"),
            plain(corpus.label(event)),
            "\n",
            plain(f"    {second}", "dim"),
        )

    def choose(self, row_id: str) -> ViewChoice | None:
        entry = self.entries[int(row_id.partition(":")[2])]
        report = entry.report_ids[0] if entry.report_ids else None
        return ViewChoice(Target("fact", entry.fact_id), self.state, report_id=report)
