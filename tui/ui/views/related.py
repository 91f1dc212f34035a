"""Related events: from one event or relation, every link in both directions, and the times
that count from it, each with the words that state it and the article that says so.

The detail pane lists the same links among everything else about the fact; this view shows
them alone, grouped by how they read ("because of", "the reason for", "after", …), so a chain
of causes or a sequence can be walked with Enter, and Backspace walks back.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.rows import article_short
from tui.ui.panes import Target
from tui.ui.text import link_phrase, offset_words, plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState

# Temporal links read from the fact on screen: "after: X" alone leaves the reader to work
# out which came first.
_HEADINGS = {"after": "this came after", "before": "this came before"}


class RelatedView(ViewScreen):
    name_ = "related"
    view_title = "Related events"

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__(corpus, state)
        fact_id = self.state.arg
        # (phrase, other fact, article, wording): links first, then times anchored here.
        self.items: list[tuple[str, str, str, str]] = []
        if corpus.fact(fact_id) is None:
            return
        for link_id in corpus.links_by_fact.get(fact_id, ()):
            link = corpus.links[link_id]
            outgoing = link.source == fact_id
            other = link.target if outgoing else link.source
            text = corpus.articles[link.article_id].text
            wording = " … ".join(f"“{text[q.start : q.end]}”" for q in link.quotes)
            self.items.append((link_phrase(link.type, outgoing), other, link.article_id, wording))
        for report in corpus.reports_anchored_to(fact_id):
            time = report.time
            if time is not None:
                phrase = (
                    f"dated from it ({offset_words(time.offset)})"
                    if time.offset
                    else ("dated from it")
                )
                self.items.append((phrase, report.fact_id, report.article_id, f"“{time.phrase}”"))
        for report in corpus.fact_reports(fact_id):
            time = report.time
            if time is not None and time.anchor is not None:
                phrase = (
                    f"dated from ({offset_words(time.offset)})" if time.offset else ("dated from")
                )
                self.items.append((phrase, time.anchor, report.article_id, f"“{time.phrase}”"))
        self.items.sort(key=lambda item: (item[0], corpus.label_of(item[1]), item[2]))

    def heading(self) -> str:
        return f"Related to · {self.corpus.label_of(self.state.arg)}"

    def empty(self) -> Content:
        return Content("No other fact is linked to this one or dated from it.")

    def rows(self) -> list[str]:
        rows: list[str] = []
        phrase = None
        for n, item in enumerate(self.items):
            if item[0] != phrase:
                phrase = item[0]
                rows.append(f"heading:{phrase}")
            rows.append(f"item:{n}")
        return rows

    def render_row(self, row_id: str) -> Content:
        kind, _, key = row_id.partition(":")
        if kind == "heading":
            return Content.assemble((key, "bold"))
        phrase, other, article_id, wording = self.items[int(key)]
        return Content.assemble(
            (f"{phrase}: ", "dim"),
            plain(self.corpus.label_of(other), "bold"),
            "\n",
            ("  ", ""),
            plain(f"{article_short(self.corpus, article_id)}: ", "italic"),
            plain(wording),
        )

    def choose(self, row_id: str) -> ViewChoice | None:
        kind, _, key = row_id.partition(":")
        if kind != "item":
            return None
        return ViewChoice(Target("fact", self.items[int(key)][1]), self.state)
