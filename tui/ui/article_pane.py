"""The article pane: which article this is, its text, and a search line."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Input, Static

from tui.data.corpus import Corpus, Span
from tui.ui.article_view import ArticleView
from tui.ui.commands import bindings
from tui.ui.text import plain
from tui.ui.typeahead import focus_now


class ArticlePane(Vertical):
    BINDINGS = bindings("filter")

    article_id: var[str | None] = var(None)
    evidence: var[tuple[Span, ...]] = var(())
    time_span: var[Span | None] = var(None)
    entity_id: var[str | None] = var(None)
    sentence: var[int] = var(0)

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        yield Static(id="article-header", markup=False)
        yield ArticleView(self.corpus, id="article-view").data_bind(
            ArticlePane.article_id,
            ArticlePane.evidence,
            ArticlePane.time_span,
            ArticlePane.entity_id,
            ArticlePane.sentence,
        )
        yield Input(placeholder="search the article…", classes="filter", compact=True)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.query_one(Input).display = False
        self.watch_article_id()

    def watch_article_id(self) -> None:
        if not self.is_mounted:
            return
        header = self.query_one("#article-header", Static)
        article = self.corpus.articles.get(self.article_id) if self.article_id else None
        if article is None:
            header.update(Content("No article"))
            self.border_title = Content("Article")
            return
        order = self.corpus.article_order()
        self.border_title = Content(f"Article {order[article.id] + 1}/{len(order)}")
        byline = " · ".join(
            part for part in (article.publisher, article.published.describe()) if part
        )
        lines: list[Content] = [plain(article.title, "bold"), plain(byline, "dim")]
        if article.url:
            lines.append(plain(article.url, "dim underline"))
        header.update(Content("\n").join(lines))

    def start_search(self) -> None:
        field = self.query_one(Input)
        field.display = True
        focus_now(field)

    @on(Input.Changed)
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.view.search = event.value
        count = f"{self.view.match_count}{'+' if self.view.more_matches else ''}"
        self.border_subtitle = plain(f"/{event.value} ({count})") if event.value else None

    @on(Input.Submitted)
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        view = self.view
        focus_now(view)
        if event.value:
            view.action_next_match()
        else:
            self.query_one(Input).display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # Esc is offered only while there is a search to clear
            return bool(self.query_one(Input).display or self.view.search)
        return True

    def action_leave_filter(self) -> None:
        focus_now(self.view)  # ↓ reaches the pane only from the search line

    def action_clear_filter(self) -> None:
        field = self.query_one(Input)
        field.value = ""
        field.display = False
        self.view.search = ""
        self.border_subtitle = None
        focus_now(self.view)
