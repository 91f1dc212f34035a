"""Who said what: every claim a source is cited for, with the words that cite it.

Opened from an entity (the Kremlin, Peskov, Bloomberg, "anonymous sources"), the view lists
the statements it made, then each fact it is cited for: whether it asserts or denies it,
the cue as the article words it, how committed it is, and in which article. Opened with no
entity, it lists every source with how often it is cited; Enter picks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.content import Content
from textual.widgets import Input

from tui.data.corpus import Corpus
from tui.data.folding import fold
from tui.data.listing import Listing
from tui.data.sayings import Saying, what_it_says
from tui.data.view_rows import saying_row, searchable
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.typeahead import focus_now
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState, with_headings


class SayingsView(ViewScreen):
    name_ = "sayings"
    view_title = "Who said what"
    row_height = 2

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__(corpus, state)
        self._load()

    def _load(self) -> None:
        corpus = self.corpus
        entity = self.state.arg
        known = entity in corpus.entities
        self.said: Listing[Saying] = corpus.sayings_of(entity) if known else Listing([], [])
        self.statements = corpus.statements_of(entity) if known else []
        self.sources: list[tuple[str, int]] = []
        if not self.said and not self.statements:
            # Nothing said by this entity (or none selected): every source, to pick one.
            self.state = replace(self.state, arg="")
            self.sources = self.remember("sources", corpus.sources)
            self._counts = dict(self.sources)

    def _show(self, state: ViewState) -> None:
        self.state = state
        self.row_filter = fold(state.row_filter.strip())
        field = self.query_one("#view-filter", Input)
        field.value = state.row_filter
        field.display = bool(state.row_filter)
        self._load()
        self.refresh_rows()

    def action_close(self) -> None:
        back = self.state.back
        if back is None:
            super().action_close()
            return
        self._show(back)
        self.list.highlight_id(back.cursor)
        focus_now(self.list)

    def heading(self) -> str:
        entity = self.state.arg
        if entity in self.corpus.entities:
            return f"Who said what · {self.corpus.entity_name(entity)}"
        return "Who said what · every source"

    def empty(self) -> Content:
        return Content("No one is quoted or cited in this corpus.")

    def rows(self) -> list[str]:
        if self.sources:
            return [f"source:{entity_id}" for entity_id, _ in self.sources]
        rows: list[str] = []
        if self.statements:
            rows.append(f"heading:Statements ({len(self.statements)})")
            rows.extend(f"statement:{fact_id}" for fact_id in self.statements)
        if self.said:
            rows.append(f"heading:Cited for ({len(self.said)})")
            rows.extend(f"saying:{n}" for n in range(len(self.said)))
        return rows

    def render_row(self, row_id: str) -> Content:
        corpus = self.corpus
        kind, _, key = row_id.partition(":")
        if kind == "heading":
            return Content.assemble((key, "bold"))
        if kind == "source":
            count = self._counts[key]
            return Content.assemble(
                plain(corpus.entity_name(key), "bold"),
                (f"  cited in {count} report{'s' * (count != 1)}", "dim"),
            )
        if kind == "statement":
            claims = what_it_says(corpus, key)
            said = "; ".join(f"{verb} {corpus.label_of(fact)}" for verb, fact in claims)
            return Content.assemble(
                plain(corpus.label_of(key), "bold"),
                "\n",
                ("  ", ""),
                plain(said or "asserts no fact recorded", "dim"),
            )
        row = saying_row(corpus, self.said[int(key)])
        return Content.assemble(
            (f"{row.verb}: ", "bold"),
            plain(row.label),
            "\n",
            ("  ", ""),
            plain(f"{row.article}: ", "italic"),
            plain(f"“{row.cue}”"),
            (f" ({row.how})" if row.how else "", "dim"),
        )

    def matching_rows(self, needle: str, kept: Sequence[str] | None) -> list[str] | None:
        if self.sources:
            return None  # a name and a count a row: drawn to be filtered
        found = {f"saying:{n}" for n in self.said.matching(needle)}
        # Statements are drawn to be filtered (the busiest source at 10,000 articles speaks
        # in about a thousand), once per view: the letters that follow read the kept texts.
        texts = self.remember(("statement texts", self.state.arg), self._statement_texts)
        found.update(row for row, text in texts.items() if needle in text)
        return with_headings(self.rows() if kept is None else kept, found.__contains__)

    def _statement_texts(self) -> dict[str, str]:
        rows = (f"statement:{fact_id}" for fact_id in self.statements)
        return {row: searchable(self.render_row(row).plain) for row in rows}

    def choose(self, row_id: str) -> ViewChoice | None:
        kind, _, key = row_id.partition(":")
        if kind == "source":
            # The filter found the source; its sayings are shown whole. Esc or Backspace
            # goes back to the sources as they were.
            back = self.state
            self._show(replace(back, arg=key, cursor=None, row_filter="", back=back))
            self.list.action_cursor_down()
            return None
        if kind == "statement":
            return ViewChoice(Target("fact", key), self.state)
        saying = self.said[int(key)]
        return ViewChoice(Target("fact", saying.fact_id), self.state, report_id=saying.report_id)
