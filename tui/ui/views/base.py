"""What every analyst view shares: a titled list over the whole corpus, opened over the explorer.

A view is a screen of its own: a list of rows (facts, hits in the text) and, for some, a query
line. It never changes the explorer; Enter dismisses it with a :class:`ViewChoice` and the
explorer follows it like any link, remembering the view (its query and the row the cursor was
on) in its history, so Backspace from the fact comes back to the same row. Esc or Backspace
in the view closes it where the explorer was.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.data.corpus import Corpus, Span
from tui.data.folding import fold
from tui.ui.commands import bindings
from tui.ui.entry_rows import EntryRows
from tui.ui.keybar import KeyBar
from tui.ui.panes import Target
from tui.ui.text import no_match, plain
from tui.ui.typeahead import focus_now
from tui.ui.virtual_list import VirtualList, is_heading


@dataclass(frozen=True, slots=True)
class ViewState:
    """Enough to open a view again as it was: which view, its argument, its cursor."""

    name: str
    arg: str = ""  # the query of a search, the entity of a timeline
    cursor: str | None = None
    row_filter: str = ""  # what was typed after `/`, in views without a query
    back: ViewState | None = None  # the view's own list this one was picked from (a source)


@dataclass(frozen=True, slots=True)
class ViewChoice:
    """Where the user asked to go from a view.

    ``report_id`` picks the article's account to show (a timeline row for one article's date);
    ``passage`` is a span of the target article to highlight (a search hit)."""

    target: Target
    state: ViewState
    report_id: str | None = None
    passage: Span | None = None


FORWARD = "forward"  # what a view is dismissed with to go forward in the explorer's history

T = TypeVar("T")
MEMO_SIZE = 16  # views' computed rows kept, across views and corpora
_MEMO: OrderedDict[tuple[int, Hashable], tuple[Corpus, Any]] = OrderedDict()


def remembered(corpus: Corpus, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept for ``corpus``: the corpus never changes while it is shown, and
    Backspace back to a view builds the view again."""
    slot = (id(corpus), key)
    found = _MEMO.get(slot)
    if found is None or found[0] is not corpus:
        found = _MEMO[slot] = (corpus, compute())
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    _MEMO.move_to_end(slot)
    value: T = found[1]
    return value


def with_headings(rows: Sequence[str], kept: Callable[[str], bool]) -> list[str]:
    """The rows ``kept`` keeps, each under the heading it was under (a heading whose rows
    are all left out is left out too)."""
    found: list[str] = []
    heading: str | None = None
    for row in rows:
        if is_heading(row):
            heading = row
        elif kept(row):
            if heading is not None:
                found.append(heading)
                heading = None
            found.append(row)
    return found


class ViewScreen(Screen[ViewChoice | str | None]):
    """A list of rows over the corpus; subclasses say which rows and how each reads."""

    BINDINGS = bindings("view")
    name_ = "view"
    view_title = "View"
    row_height = 2
    has_query = False
    query_placeholder = ""

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.state = state or ViewState(self.name_)
        self.row_filter = fold(self.state.row_filter.strip())  # folded words a row must hold
        # The last filter and the rows it kept: a longer filter only narrows them.
        self._narrowed: tuple[str, Sequence[str]] = ("", [])

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        return remembered(self.corpus, (self.name_, key), compute)

    # -- what a view provides -------------------------------------------------------------

    def rows(self) -> Sequence[str]:
        """Row ids in order; ``heading:…`` rows are headings the cursor skips."""
        raise NotImplementedError

    def render_row(self, row_id: str) -> Content:
        raise NotImplementedError

    def choose(self, row_id: str) -> ViewChoice | None:
        raise NotImplementedError

    def subtitle(self) -> Content | None:
        return None

    def empty(self) -> Content:
        """What the view says when it has no rows at all."""
        return Content("Nothing to list in this corpus.")

    def matching_rows(self, needle: str, kept: Sequence[str] | None) -> Sequence[str] | None:
        """The rows, in order, whose text holds ``needle`` (folded), found without drawing
        them; only among ``kept`` when given (what a shorter filter kept: a longer one only
        narrows it). None when the view draws its rows to filter them (a view of few rows)."""
        return None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar", markup=False)
        with Vertical(id="view", classes="pane"):
            if self.has_query:
                yield Input(
                    self.state.arg,
                    placeholder=self.query_placeholder,
                    classes="filter",
                    compact=True,
                )
            else:
                # `/` filters the rows, as it filters every list of the explorer.
                row_filter = Input(
                    self.state.row_filter,
                    placeholder="filter the rows (Enter keeps it, Esc clears it)",
                    classes="filter",
                    compact=True,
                    id="view-filter",
                    select_on_focus=False,  # `/` again refines the kept filter
                )
                row_filter.display = bool(self.state.row_filter)  # kept when coming back
                yield row_filter
            yield VirtualList(self._row, row_height=self.row_height, id="view-list")
        yield KeyBar()

    @property
    def list(self) -> VirtualList:
        return self.query_one("#view-list", VirtualList)

    def on_mount(self) -> None:
        self.query_one("#topbar", Static).update(
            Content(f"diplo-tui · {self.view_title} · Enter opens · Esc returns")
        )
        self.refresh_rows()
        lst = self.list
        if self.state.cursor is not None:
            lst.highlight_id(self.state.cursor)
        if lst.cursor is None:
            lst.action_cursor_down()  # Enter at once opens the first row, as in the explorer
        if self.has_query and not self.state.arg:
            focus_now(self.query_one(Input))
        else:
            focus_now(lst)

    def refresh_rows(self) -> None:
        rows = self.rows()
        if self.row_filter:
            # Folded like every filter: case, accents and quote styles do not matter. A
            # row's text is worked out once per view; a longer filter narrows the last.
            last, kept = self._narrowed
            narrowing = kept if last and self.row_filter.startswith(last) else None
            found = self.matching_rows(self.row_filter, narrowing)
            if found is None:
                found = self._drawn_matching(narrowing or rows)
            rows = found
            self._narrowed = (self.row_filter, rows)
        else:
            self._narrowed = ("", [])
        typed = self.state.row_filter.strip()
        self.list.set_rows(rows, no_match("row", typed) if self.row_filter else self.empty())
        count = (
            rows.entries if isinstance(rows, EntryRows) else len(rows) - sum(map(is_heading, rows))
        )
        pane = self.query_one("#view", Vertical)
        pane.border_title = Content.assemble(plain(self.heading()), f" ({count})")
        pane.border_subtitle = self.subtitle()

    def _drawn_matching(self, rows: Sequence[str]) -> Sequence[str]:
        """The rows whose drawn text holds the filter, each drawn once per view."""
        texts = self.remember(("row texts", self.state.arg), dict[str, str])

        def holds(row: str) -> bool:
            text = texts.get(row)
            if text is None:
                text = texts[row] = fold(self.render_row(row).plain)
            return self.row_filter in text

        return with_headings(rows, holds)

    def heading(self) -> str:
        return self.view_title

    def _row(self, row_id: str) -> Content:
        return self.render_row(row_id)

    # -- moving and choosing --------------------------------------------------------------

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()
        self.state = replace(self.state, cursor=event.row_id)
        self.list.highlight_id(event.row_id)  # paint the move now: nothing else follows it

    @on(VirtualList.Chosen)
    def _chosen(self, event: VirtualList.Chosen) -> None:
        event.stop()
        self.state = replace(self.state, cursor=event.row_id)
        choice = self.choose(event.row_id)
        if choice is not None:
            self.dismiss(choice)

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self.has_query:
            if event.value == self.state.row_filter:
                return  # the field announcing the filter it was opened with
            self.state = replace(self.state, row_filter=event.value)
            self.row_filter = fold(event.value.strip())
            self.refresh_rows()
            if self.list.cursor is None:
                self.list.action_cursor_down()
            return
        if event.value == self.state.arg:
            return  # the field announcing the query it was opened with: keep the cursor
        self.state = replace(self.state, arg=event.value, cursor=None)
        self.refresh_rows()

    @on(Input.Submitted)
    def _query_done(self, event: Input.Submitted) -> None:
        event.stop()
        focus_now(self.list)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_forward(self) -> None:
        self.dismiss(FORWARD)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forward":  # the explorer beneath keeps the history
            stack = self.app.screen_stack
            return len(stack) > 1 and bool(getattr(stack[-2], "can_go_forward", False))
        if action == "clear_filter":  # offered only while there is a filter to clear
            return not self.has_query and bool(
                self.state.row_filter or self.query_one(Input).display
            )
        return True

    def action_leave_filter(self) -> None:
        focus_now(self.list)  # ↓ reaches the screen only from the filter line

    def action_clear_filter(self) -> None:
        field = self.query_one(Input)
        field.value = ""  # announced as a change: every row again
        field.display = False
        focus_now(self.list)
        self.refresh_bindings()

    def action_edit_query(self) -> None:
        field = self.query_one(Input)
        field.display = True
        focus_now(field)

    def action_help(self) -> None:
        from tui.ui.help import HelpScreen

        self.app.push_screen(HelpScreen())
