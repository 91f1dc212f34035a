"""Disagreements: every fact whose articles differ, each article's value beside its words.

One row per fact and aspect (status, time, certainty): the fact, then a line per article
with the value it gives, its name and its wording. Enter opens the fact, whose detail names
every value too.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.disagreements import Difference, Side
from tui.data.rows import article_short, words
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState, remembered

# A popular fact can have hundreds of reports: a row shows this many, then says how many more.
SIDES_SHOWN = 6


def _every_value_first(sides: tuple[Side, ...]) -> list[Side]:
    """One side per value before any repeat: what a cut row must not lose is the dissent."""
    seen: set[str] = set()
    first: list[Side] = []
    rest: list[Side] = []
    for side in sides:
        (rest if side.value in seen else first).append(side)
        seen.add(side.value)
    return first + rest


class DisagreementsView(ViewScreen):
    name_ = "disagreements"
    view_title = "Where the articles disagree"

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        self.differences = remembered(corpus, self.name_, corpus.differences)
        longest = max(self.differences.marks, default=1)
        self.row_height = 1 + min(longest, SIDES_SHOWN + 1)
        super().__init__(corpus, state)

    def rows(self) -> list[str]:
        return [f"difference:{n}" for n in range(len(self.differences))]

    def render_row(self, row_id: str) -> Content:
        corpus = self.corpus
        difference: Difference = self.differences[int(row_id.partition(":")[2])]
        fact = corpus.fact(difference.fact_id)
        label = corpus.label(fact) if fact else difference.fact_id
        lines: list[Content] = [
            Content.assemble(
                ("≠ ", "bold"), plain(label, "bold"), (f" — {difference.aspect}", "dim")
            )
        ]
        width = max(len(words(s.value)) for s in difference.sides)
        for side in _every_value_first(difference.sides)[:SIDES_SHOWN]:
            said = " … ".join(f"“{w}”" for w in side.wording)
            if side.phrase:
                said = f"“{side.phrase}” in {said}"
            lines.append(
                Content.assemble(
                    (f"  {words(side.value):<{width}}  ", "bold"),
                    plain(f"{article_short(corpus, side.article_id)}: ", "italic"),
                    plain(said),
                )
            )
        if len(difference.sides) > SIDES_SHOWN:
            lines.append(Content(f"  … and {len(difference.sides) - SIDES_SHOWN} more articles"))
        return Content("\n").join(lines)

    def choose(self, row_id: str) -> ViewChoice | None:
        difference = self.differences[int(row_id.partition(":")[2])]
        return ViewChoice(Target("fact", difference.fact_id), self.state)
