"""The timeline: every event (or one entity's) in time order, grouped by year.

A row is the event's time with its precision in words (day, week, month, interval, since,
until), its status as a glyph and a word (both survive ``NO_COLOR``), and its summary; the
second line gives the words that date it and how many articles report it. An event the
articles place at different times has a row per time, each marked ``≠``. Enter opens the
event with the evidence of the report that gives that time.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.listing import Runs
from tui.data.view_rows import timeline_row
from tui.ui.entry_rows import EntryRows
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState


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

    def empty(self) -> Content:
        entity = self.state.arg
        if entity in self.corpus.entities:
            return Content.assemble(
                "No dated event or relation of ", plain(self.corpus.entity_name(entity)), "."
            )
        return Content("No event or relation of this corpus is dated.")

    def rows(self) -> EntryRows:
        return EntryRows("entry:", range(len(self.entries)), self._runs())

    def _runs(self) -> list[tuple[str, int]]:
        # Kept with the entries: an entity's marks are made into runs once.
        return self.remember(("runs", self.state.arg), lambda: Runs.of(self.entries.marks).runs)

    def render_row(self, row_id: str) -> Content:
        row = timeline_row(self.corpus, self.entries[int(row_id.partition(":")[2])])
        return Content.assemble(
            (f"{row.marker} ", "bold"),
            (f"{row.when:<10} ", "bold"),
            (f"{row.precision:<8} ", "dim"),
            plain(row.label),
            "\n    ",
            (row.status, "italic"),
            plain(f" · {row.second}", "dim"),
        )

    def matching_rows(self, needle: str, kept: Sequence[str] | None) -> EntryRows:
        within = kept.positions if isinstance(kept, EntryRows) else None
        return EntryRows("entry:", self.entries.matching(needle, within), self._runs())

    def choose(self, row_id: str) -> ViewChoice | None:
        entry = self.entries[int(row_id.partition(":")[2])]
        report = entry.report_ids[0] if entry.report_ids else None
        return ViewChoice(Target("fact", entry.fact_id), self.state, report_id=report)
