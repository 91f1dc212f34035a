"""Search across articles: every hit of a word or phrase, in context, with the facts citing it.

Each hit is two lines: the article and the hit's sentence cut around the match (the match in
reverse video and bold, so it shows without colour), then the facts whose evidence overlaps
it. Enter opens the article with the hit highlighted.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.rows import article_short
from tui.data.textsafe import neutralise_line
from tui.data.textsearch import Results, TextSearch, context
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState

# Underlined too: on the cursor row, itself in reverse video, the match must still show.
MATCH_STYLE = "bold reverse underline"
# The last corpus's searcher, kept between openings of the view: it holds every article's
# folded text, which a large corpus should pay for once, not at each `s`.
_SEARCHERS: dict[int, TextSearch] = {}


def _searcher(corpus: Corpus) -> TextSearch:
    found = _SEARCHERS.get(id(corpus))
    if found is None or found.corpus is not corpus:
        _SEARCHERS.clear()
        found = _SEARCHERS[id(corpus)] = TextSearch(corpus)
    return found


class SearchView(ViewScreen):
    name_ = "search"
    view_title = "Search across articles"
    has_query = True
    query_placeholder = "a word or phrase, in every article…"

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__(corpus, state)
        self.searcher = _searcher(corpus)
        self.results = Results("")

    def rows(self) -> list[str]:
        self.results = self.searcher.search(self.state.arg)
        return [f"hit:{n}" for n in range(len(self.results.hits))]

    def heading(self) -> str:
        results = self.results
        if not results.query.strip():
            return self.view_title
        more = "+" if results.more else ""
        return (
            f"“{results.query.strip()}” in {results.articles} article"
            f"{'s' * (results.articles != 1)}{more}"
        )

    def subtitle(self) -> Content | None:
        if self.results.query.strip() and not self.results.hits:
            return Content("no hits")
        return None

    def empty(self) -> Content:
        typed = self.results.query.strip()
        if not typed:
            return Content("Type a word or phrase: every article is searched.")
        return Content.assemble("No article holds “", plain(typed), "”.")

    def render_row(self, row_id: str) -> Content:
        hit = self.results.hits[int(row_id.partition(":")[2])]
        article = self.corpus.articles[hit.article_id]
        sentence = article.sentence_at(hit.span.start) + 1
        label = f"{article_short(self.corpus, hit.article_id)} · s{sentence} "
        # As much of the sentence as the row has room for (rows are re-rendered on resize).
        room = max(30, self.list.scrollable_content_region.width - len(label) - 2)
        shown, at = context(article.text, hit, width=room)
        shown = neutralise_line(shown)  # one character for one: the match stays where it was
        line = Content(shown).stylize(MATCH_STYLE, at.start, at.end)
        facts = [self.corpus.fact(f) for f in self.searcher.fact_ids(hit)]
        labels = [self.corpus.label(f) for f in facts if f is not None]
        cites = f"  cited by: {'; '.join(labels)}" if labels else "  no fact cites it"
        return Content.assemble(
            plain(label, "bold"),
            line,
            "\n",
            plain(cites, "dim"),
        )

    def choose(self, row_id: str) -> ViewChoice | None:
        hit = self.results.hits[int(row_id.partition(":")[2])]
        return ViewChoice(Target("article", hit.article_id), self.state, passage=hit.span)
