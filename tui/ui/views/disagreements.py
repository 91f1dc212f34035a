"""Disagreements: every fact whose articles differ, each article's value beside its words.

One row per fact and aspect (status, time, certainty): the fact, then a line per article
with the value it gives, its name and its wording. Enter opens the fact, whose detail names
every value too.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.disagreements import Difference
from tui.data.view_rows import SIDES_SHOWN, difference_row
from tui.ui.entry_rows import EntryRows
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState, remembered


class DisagreementsView(ViewScreen):
    name_ = "disagreements"
    view_title = "Where the articles disagree"

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        self.differences = remembered(corpus, self.name_, corpus.differences)
        longest = max(self.differences.marks, default=1)
        self.row_height = 1 + min(longest, SIDES_SHOWN + 1)
        super().__init__(corpus, state)

    def empty(self) -> Content:
        return Content("No two articles tell a fact differently.")

    def rows(self) -> EntryRows:
        return EntryRows("difference:", range(len(self.differences)))

    def render_row(self, row_id: str) -> Content:
        difference: Difference = self.differences[int(row_id.partition(":")[2])]
        row = difference_row(self.corpus, difference)
        lines: list[Content] = [
            Content.assemble(("≠ ", "bold"), plain(row.label, "bold"), (f" — {row.aspect}", "dim"))
        ]
        for value, article, said in row.sides:
            lines.append(
                Content.assemble(
                    (f"  {value}  ", "bold"), plain(f"{article}: ", "italic"), plain(said)
                )
            )
        if row.more:
            lines.append(Content(f"  … and {row.more} more articles"))
        return Content("\n").join(lines)

    def matching_rows(self, needle: str, kept: Sequence[str] | None) -> EntryRows:
        within = kept.positions if isinstance(kept, EntryRows) else None
        return EntryRows("difference:", self.differences.matching(needle, within))

    def choose(self, row_id: str) -> ViewChoice | None:
        difference = self.differences[int(row_id.partition(":")[2])]
        return ViewChoice(Target("fact", difference.fact_id), self.state)
