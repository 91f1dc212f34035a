"""The explorer screen: owns the selection and history; the panes show it.

State flows one way. The screen's reactives (entity, fact, report, article, sentence) are
bound into the panes with ``data_bind``; panes report the user's moves with
:class:`Highlighted` and :class:`Follow` messages, and the screen decides what changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.data.corpus import Corpus, Span, TimeRef
from tui.data.query import Query, QueryError
from tui.data.query import parse as parse_query
from tui.data.textsafe import neutralise
from tui.ui.article_pane import ArticlePane
from tui.ui.article_view import ArticleView
from tui.ui.citation import COPY_LIMIT, SHOWN, citation, save
from tui.ui.commands import bindings
from tui.ui.keybar import KeyBar
from tui.ui.panes import (
    DetailPane,
    EntityPane,
    FactPane,
    FactsView,
    Follow,
    Highlighted,
    ListPane,
    Target,
)
from tui.ui.typeahead import focus_now
from tui.ui.views import VIEWS, ViewChoice, ViewState
from tui.ui.views.base import FORWARD
from tui.ui.virtual_list import VirtualList

PANES = ("entities", "facts", "detail", "article")
NARROW, TINY = 110, 60
FactSource = Literal["entity", "sentence", "query"]


@dataclass(frozen=True, slots=True)
class Location:
    """Everything needed to come back to a place: one entry of the history."""

    entity_id: str | None
    fact_id: str | None
    report_id: str | None
    article_id: str | None
    sentence: int
    source: FactSource
    pane: str
    article_scroll: int = 0  # the first line of the article on screen
    # A passage highlighted without a report (a search hit), and the view open over the
    # explorer when we left, reopened by Backspace.
    passage: Span | None = None
    view: ViewState | None = None
    query: str = ""  # the facts listed are a query's answer


class ExplorerScreen(Screen[None]):
    BINDINGS = bindings("screen")

    entity_id: var[str | None] = var(None)
    fact_id: var[str | None] = var(None)
    report_id: var[str | None] = var(None)
    article_id: var[str | None] = var(None)
    sentence: var[int] = var(0)
    source: var[FactSource] = var("entity")
    # Derived from the above, and bound into the panes.
    facts: var[FactsView] = var(FactsView)
    evidence: var[tuple[Span, ...]] = var(())
    time_span: var[Span | None] = var(None)

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self._back: list[Location] = []
        self._forward: list[Location] = []
        # The view the place shown now was reached from, when history brought it back: going
        # back or forward from here again must keep it, else the view drops out of history.
        self._came_with: ViewState | None = None
        self._nav_pane = "entities"
        self._restoring = False
        self._query: Query | None = None  # the question the facts pane answers

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar", markup=False)
        with Horizontal(id="main"):
            yield EntityPane(self.corpus, id="entities").data_bind(ExplorerScreen.entity_id)
            with Vertical(id="middle"):
                yield FactPane(self.corpus, id="facts").data_bind(
                    ExplorerScreen.fact_id, view=ExplorerScreen.facts
                )
                yield DetailPane(self.corpus, id="detail").data_bind(
                    ExplorerScreen.fact_id, ExplorerScreen.report_id
                )
            yield ArticlePane(self.corpus, id="article").data_bind(
                ExplorerScreen.article_id,
                ExplorerScreen.evidence,
                ExplorerScreen.time_span,
                ExplorerScreen.entity_id,
                ExplorerScreen.sentence,
            )
        yield KeyBar()

    def on_mount(self) -> None:
        corpus = self.corpus
        problems = len(corpus.problems)
        facts = len(corpus.events) + len(corpus.relations)
        bar = (
            f"diplo-tui · {len(corpus.articles):,} articles · {len(corpus.entities):,} "
            f"entities · {facts:,} facts"
        )
        topbar = self.query_one("#topbar", Static)
        if problems:
            topbar.update(
                Content.assemble(
                    bar,
                    " · ",
                    (f"⚠ {problems} problem{'s' * (problems != 1)} (press !)", "bold reverse"),
                )
            )
        else:
            topbar.update(Content(bar))
        first_article = next(iter(corpus.article_order()), None)
        if first_article is not None:
            self.article_id = first_article
        focus_now(self.pane("entities").list)
        first = self.pane("entities").list.highlighted_id
        target = Target.parse(first)
        if target:
            self.entity_id = target.id
        self._layout(self.size.width)

    def pane(self, name: str) -> ListPane:
        return self.query_one(f"#{name}", ListPane)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self._set_classes({"-narrow": width < NARROW, "-tiny": width < TINY})
        self._show_panes()

    def _set_classes(self, wanted: dict[str, bool]) -> None:
        """Change the screen's layout classes in one go: each change restyles every pane."""
        add = [name for name, on in wanted.items() if on and not self.has_class(name)]
        remove = [name for name, on in wanted.items() if not on and self.has_class(name)]
        if remove:
            self.remove_class(*remove)
        if add:
            self.add_class(*add)

    def _show_panes(self) -> None:
        """Show the panes that fit: every pane when wide; one list beside the article when
        narrow (the one last used); only the focused pane when tiny.

        Set on the panes themselves, not as classes on the screen: a screen class restyles
        every widget, and a pane switch would cost many times a list move."""
        width = self.size.width
        nav = self._nav_pane
        shown = {name: True for name in PANES}
        if width < NARROW:
            shown.update({name: name == nav for name in PANES[:3]})
        if width < TINY:
            focused = self.focused_pane() or nav
            shown["article"] = focused == "article"
            if focused == "article":
                shown.update({name: False for name in PANES[:3]})
        for name, show in shown.items():
            pane = self.query_one(f"#{name}")
            if pane.display != show:
                pane.display = show
        middle = self.query_one("#middle")
        show_middle = shown["facts"] or shown["detail"]
        if middle.display != show_middle:
            middle.display = show_middle

    def _mark_nav(self, pane: str) -> None:
        self._nav_pane = pane
        self._show_panes()

    def focused_pane(self) -> str | None:
        widget: Widget | None = self.focused
        while widget is not None:
            if widget.id in PANES:
                return widget.id
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    @on(DescendantFocus)
    def _focus_moved(self) -> None:
        pane = self.focused_pane()
        if pane is None:
            return
        if pane != "article":
            self._mark_nav(pane)
        else:
            self._show_panes()
        if pane == "entities" and self.source != "entity":
            self.source = "entity"
        self.refresh_bindings()

    def _focus(self, pane: str) -> None:
        if self.maximized is not None and self.maximized.id != pane:
            # A maximised pane stays maximised as focus moves on, as in lazygit: the pane
            # that takes focus fills the screen instead of focus going behind it.
            self.maximized = self.query_one(f"#{pane}")
        if pane == "article":
            focus_now(self.article_view)
        else:
            self._mark_nav(pane)
            focus_now(self.pane(pane).list)

    # -- derived state --------------------------------------------------------------------

    def watch_entity_id(self) -> None:
        self._update_facts()

    def watch_source(self) -> None:
        self._update_facts()

    def watch_sentence(self) -> None:
        if self.source == "sentence":
            self._update_facts()

    def watch_article_id(self) -> None:
        if self.source == "sentence":
            self._update_facts()

    def watch_report_id(self, report_id: str | None) -> None:
        report = self.corpus.reports.get(report_id) if report_id else None
        if report is None:
            self.evidence = ()
            self.time_span = None
            return
        self.article_id = report.article_id
        time: TimeRef | None = report.time
        self.evidence = report.quotes
        self.time_span = time.span if time else None

    def _update_facts(self) -> None:
        corpus = self.corpus
        if self.source == "query" and self._query is not None:
            # The query is the title: at 80 columns the pane is 30 wide, so no "Facts where".
            answer = tuple(self._query.run(corpus))
            self.facts = FactsView(f"Query: {self._query.text}", answer, None, self.article_id)
            return
        article = corpus.articles.get(self.article_id) if self.article_id else None
        if self.source == "sentence" and article is not None:
            ids: list[str] = []
            if article.sentences:
                span = article.sentences[min(self.sentence, len(article.sentences) - 1)]
                for report_id in article.citing(span.start, span.end):
                    fact_id = corpus.reports[report_id].fact_id
                    if fact_id not in ids:
                        ids.append(fact_id)
            title = f"Facts citing sentence {self.sentence + 1}"
            self.facts = FactsView(title, tuple(ids), self.entity_id, self.article_id)
            return
        if self.entity_id is None:
            self.facts = FactsView(article_id=self.article_id)
            return
        ordered = tuple(corpus.facts_by_entity.get(self.entity_id, ()))
        title = f"Facts · {corpus.entity_name(self.entity_id)}"
        self.facts = FactsView(title, ordered, self.entity_id, self.article_id)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return self.facts.fact_ids

    def _show_fact(self, fact_id: str) -> None:
        """Select a fact and the report that best fits the article being read."""
        self.fact_id = fact_id
        reports = self.corpus.fact_reports(fact_id)
        here = [r for r in reports if r.article_id == self.article_id]
        chosen = (here or reports)[0] if reports else None
        self._show_report(chosen.id if chosen else None)

    def _show_report(self, report_id: str | None) -> None:
        self.report_id = report_id
        report = self.corpus.reports.get(report_id) if report_id else None
        if report is not None and report.quotes and self.source == "entity":
            # The reading cursor follows the evidence, so Enter in the article lists the
            # facts of what is highlighted. Not while listing a sentence's facts: that
            # list would change under the user's feet.
            article = self.corpus.articles[report.article_id]
            self.sentence = article.sentence_at(report.quotes[0].start)

    # -- messages from the panes ----------------------------------------------------------

    @on(Highlighted)
    def _highlighted(self, message: Highlighted) -> None:
        target = message.target
        if target.kind == "entity" and message.pane == "entities":
            self.entity_id = target.id
            self.source = "entity"
        elif target.kind == "fact" and message.pane == "facts":
            # A fact in the detail is a link: moving onto it is reading, Enter follows it.
            self._show_fact(target.id)
        elif target.kind == "report":
            self._show_report(target.id)

    @on(Follow)
    def _follow(self, message: Follow) -> None:
        self.jump(message.target)

    @on(ArticleView.SentenceMoved)
    def _sentence_moved(self, message: ArticleView.SentenceMoved) -> None:
        self.source = "sentence"
        self.sentence = message.sentence  # the watchers list this sentence's facts
        self._mark_nav("facts")  # when only one list fits, it is the sentence's facts

    @on(ArticleView.FactsHere)
    def _facts_here(self) -> None:
        self.source = "sentence"  # the facts of the current sentence, kept current by watchers
        if not self.fact_ids:
            self.notify("No fact cites this sentence.", markup=False, timeout=3)
            return
        self.remember()
        self._show_fact(self.fact_ids[0])
        self._focus("facts")

    def jump(self, target: Target, view: ViewState | None = None) -> None:
        """Follow a link: remember where we were (and the view it was chosen in), then go
        to ``target``."""
        corpus = self.corpus
        self.remember(view)
        if target.kind == "entity" and target.id in corpus.entities:
            self.pane("entities").clear_filter()
            self.entity_id = target.id
            self.source = "entity"
            self._focus("facts")
        elif target.kind == "fact" and corpus.fact(target.id) is not None:
            if target.id not in self.fact_ids:
                self.source = "entity"
                first = corpus.fact(target.id)
                assert first is not None
                self.entity_id = first.entity_ids[0]
            self._show_fact(target.id)
            self._focus("detail")
        elif target.kind == "report" and target.id in corpus.reports:
            self.fact_id = corpus.reports[target.id].fact_id
            self._show_report(target.id)
            self._focus("article")
        elif target.kind == "article" and target.id in corpus.articles:
            self.report_id = None
            self.evidence = ()  # a passage highlighted in the article we leave
            self.article_id = target.id
            self.sentence = 0
            self._focus("article")
        else:
            self._back.pop()

    # -- history --------------------------------------------------------------------------

    def location(self, view: ViewState | None = None) -> Location:
        passage = self.evidence[0] if self.report_id is None and self.evidence else None
        return Location(
            self.entity_id,
            self.fact_id,
            self.report_id,
            self.article_id,
            self.sentence,
            self.source,
            self.focused_pane() or "entities",
            int(self.article_view.scroll_offset.y),
            passage,
            view,
            self._query.text if self._query is not None and self.source == "query" else "",
        )

    def remember(self, view: ViewState | None = None) -> None:
        self._back.append(self.location(view))
        self._forward.clear()
        self._came_with = None
        self.refresh_bindings()

    def restore(self, location: Location) -> None:
        self._query = parse_query(location.query, self.corpus) if location.query else None
        self._came_with = location.view
        self.source = location.source
        self.entity_id = location.entity_id
        self.fact_id = location.fact_id
        self.report_id = location.report_id
        if location.article_id is not None:
            self.article_id = location.article_id
        self.sentence = location.sentence
        if location.passage is not None and location.report_id is None:
            self.evidence = (location.passage,)
        elif location.report_id is None:
            self.evidence = ()
        self._update_facts()
        self._focus(location.pane)
        # After the watchers above have scrolled to the evidence or the sentence; at once, so
        # a key typed ahead finds the article where it was left.
        self.article_view.scroll_to_line(location.article_scroll)
        self.refresh_bindings()
        if location.view is not None:
            self._push_view(location.view)

    def action_back(self) -> None:
        if self._back:
            self._forward.append(self.location(self._came_with))
            self.restore(self._back.pop())

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def action_forward(self) -> None:
        if self._forward:
            self._back.append(self.location(self._came_with))
            self.restore(self._forward.pop())

    # -- other actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True if self._back else None
        if action == "forward":
            return True if self._forward else None
        if action == "copy_quote":
            return bool(self.report_id)  # hidden, not dimmed: nothing to copy yet
        if action == "show_problems":
            return bool(self.corpus.problems)
        if action in ("next_article", "previous_article"):
            return len(self.corpus.articles) > 1
        return True

    def action_focus_pane(self, pane: str) -> None:
        if pane in PANES:
            self._focus(pane)

    def _cycle(self, step: int) -> None:
        current = self.focused_pane() or "entities"
        self._focus(PANES[(PANES.index(current) + step) % len(PANES)])

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def action_filter(self) -> None:
        pane = self.focused_pane() or self._nav_pane
        if pane == "article":
            self.query_one(ArticlePane).start_search()
        else:
            self.pane(pane).start_filter()

    def _switch_article(self, step: int) -> None:
        ids = list(self.corpus.article_order())
        if not ids:
            return
        current = self.corpus.article_order().get(self.article_id or "", 0)
        self.jump(Target("article", ids[(current + step) % len(ids)]))

    def action_next_article(self) -> None:
        self._switch_article(1)

    def action_previous_article(self) -> None:
        self._switch_article(-1)

    def action_copy_quote(self) -> None:
        report = self.corpus.reports.get(self.report_id) if self.report_id else None
        if report is None:
            return
        text = citation(self.corpus, report)
        saved = save(text)
        kept = f" It is also in {saved}." if saved else ""
        if len(text) > COPY_LIMIT:
            message = f"The quote is too long for the clipboard ({len(text)} characters)."
        else:
            self.app.copy_to_clipboard(text)
            message = (
                f"Asked the terminal to copy {len(text)} characters (OSC 52; in tmux, "
                "set -s set-clipboard on)."
            )
        shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
        self.notify(
            neutralise(f"{message}{kept}\n{shown}"), title="Copied", markup=False, timeout=8
        )

    # -- views --------------------------------------------------------------------------

    def action_open_view(self, name: str) -> None:
        if name in VIEWS:
            self._push_view(ViewState(name))

    def action_entity_timeline(self) -> None:
        self._push_view(ViewState("timeline", self.entity_id or ""))

    def action_sayings(self) -> None:
        self._push_view(ViewState("sayings", self.entity_id or ""))

    def action_related(self) -> None:
        if self.fact_id is None:
            self.notify("Select a fact first: its links are what this view lists.", markup=False)
            return
        self._push_view(ViewState("related", self.fact_id))

    def _push_view(self, state: ViewState) -> None:
        self.app.push_screen(VIEWS[state.name](self.corpus, state), self._view_closed)

    def _view_closed(self, choice: ViewChoice | str | None) -> None:
        if choice == FORWARD:
            self.action_forward()
            return
        if not isinstance(choice, ViewChoice):
            return
        self.jump(choice.target, view=choice.state)
        if choice.report_id is not None:
            self._show_report(choice.report_id)
        if choice.passage is not None and choice.target.kind == "article":
            self.source = "sentence"  # reading a hit: the facts that cite its sentence
            self.sentence = self.corpus.articles[choice.target.id].sentence_at(choice.passage.start)
            self.evidence = (choice.passage,)  # highlighted and scrolled into view
            self._mark_nav("facts")

    # -- questions on facts ---------------------------------------------------------------

    def action_ask(self) -> None:
        from tui.ui.views.query import QueryPrompt

        current = self._query.text if self._query is not None and self.source == "query" else ""
        self.app.push_screen(QueryPrompt(self.corpus, current), self.ask)

    def ask(self, text: str | None) -> None:
        """List the facts matching ``text`` ("" goes back to the entity's facts)."""
        if text is None:
            return
        try:
            query = parse_query(text, self.corpus) if text else None
        except QueryError as error:  # a narrowing term the grammar cannot take
            self.notify(str(error), severity="warning", markup=False, timeout=6)
            return
        self.remember()
        self._query = query
        # Set without its watcher, which would list the facts once more: the source may
        # stay the same while the query changes, so they are listed here, once.
        self.set_reactive(ExplorerScreen.source, "query" if query is not None else "entity")
        self._update_facts()
        self._focus("facts")
        facts = self.pane("facts").list
        if isinstance(facts, VirtualList) and facts.cursor is None and facts.row_count:
            # The fact shown is not among the answers: show the first one, as arriving in a
            # list does (the list kept its focus through the prompt, so it is not arriving).
            facts.action_cursor_down()

    def action_count(self) -> None:
        from tui.ui.views.query import FrequencyScreen

        # What the list shows: a `/` filter narrows what is counted, as it narrows the rows.
        fact_ids, title = self.query_one(FactPane).listed()
        self.app.push_screen(FrequencyScreen(self.corpus, fact_ids, title), self._narrow)

    def _narrow(self, term: str | None) -> None:
        """Add ``term`` to the question the facts pane answers."""
        if term is None:
            return
        if self.source == "query" and self._query is not None:
            base = self._query.text
        elif self.source == "entity" and self.entity_id is not None:
            base = f"about:{self.entity_id}"  # every fact its list holds, cited ones too
        else:
            base = ""
        self.ask(f"{base} {term}".strip())

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        pane = self.focused_pane()
        if pane is not None:
            # Assigned, not through maximize(): a pane is a container that cannot take focus,
            # which Textual's maximize() refuses.
            self.maximized = self.query_one(f"#{pane}")

    def action_show_problems(self) -> None:
        from tui.ui.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.corpus.problems, self.corpus), self._to_fact)

    def _to_fact(self, fact_id: str | None) -> None:
        if fact_id is not None:
            self.jump(Target("fact", fact_id))

    def action_help(self) -> None:
        from tui.ui.help import HelpScreen

        self.app.push_screen(HelpScreen())
