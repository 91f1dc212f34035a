"""Questions on facts: the query line (``f``) and the count per value (``F``).

The query line is a small screen at the bottom: as you type it says how many facts match, or
what is wrong with the query (``unknown field `staus:`; did you mean `status:`?``). Enter
lists the matching facts in the explorer's facts pane, the query in its title.

The count per value is VisiData's frequency table over the facts being listed: how the
selection splits by status, source, article… Enter on a value narrows the list to it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.data.corpus import Corpus
from tui.data.facets import COUNTABLE, NONE
from tui.data.query import QueryError, frequency, parse
from tui.data.rows import article_short, words
from tui.ui.commands import COMMANDS
from tui.ui.keybar import KeyBar
from tui.ui.text import plain
from tui.ui.typeahead import focus_now

HELP = (
    "type: status: certainty: source: article: who: about: date: text: · a,b = either · "
    "-term = not · bare words: entity, date or text"
)


class QueryPrompt(ModalScreen[str | None]):
    """A query line; dismissed with the query to run ("" clears it), or None."""

    # Enter is the field's own (Input.Submitted); the table names it for help.
    BINDINGS = [c.binding() for c in COMMANDS if c.scope == "ask" and c.keys != "enter"]

    def __init__(self, corpus: Corpus, text: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.text = text
        self._checked: tuple[str, bool] | None = None  # the text last checked, and whether fine

    def compose(self) -> ComposeResult:
        with Vertical(id="query-box"):
            yield Static(Content(HELP), id="query-help", markup=False)
            yield Static(id="query-status", markup=False)
            yield Input(self.text, placeholder="status:declined putin 2023", id="query-input")
        yield KeyBar()  # its own keys, over the explorer's

    def on_mount(self) -> None:
        box = self.query_one("#query-box")
        box.border_title = Content("Facts where…")
        box.border_subtitle = Content("enter lists them · esc cancels")
        self._check(self.text)
        focus_now(self.query_one(Input))

    def _check(self, text: str) -> bool:
        # Enter checks the text the last letter counted: not counted again.
        if self._checked is not None and self._checked[0] == text:
            return self._checked[1]
        fine = self._check_now(text)
        self._checked = (text, fine)
        return fine

    def _check_now(self, text: str) -> bool:
        status = self.query_one("#query-status", Static)
        if not text.strip():
            status.update(Content("An empty query lists the selected entity's facts again."))
            return True
        try:
            query = parse(text, self.corpus)
        except QueryError as error:
            status.update(plain(f"✗ {error}", "bold"))
            return False
        count = len(query.matching(self.corpus))  # counted as typed: no need to order them
        status.update(Content(f"{count:,} fact{'s' * (count != 1)} match{'es' * (count == 1)}"))
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._check(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._check(event.value):
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class FrequencyScreen(ModalScreen[str | None]):
    """How the listed facts split by one field; dismissed with a query term, or None."""

    BINDINGS = [
        *(c.binding() for c in COMMANDS if c.scope == "count" and c.keys != "enter"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self, corpus: Corpus, fact_ids: tuple[str, ...], title: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.fact_ids = fact_ids
        self.title_ = title
        self.count_field = "status"

    def compose(self) -> ComposeResult:
        yield OptionList(id="frequency", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()
        focus_now(self.query_one(OptionList))

    def _value_name(self, value: str) -> str:
        if value == NONE:
            return "(the article's own word)" if self.count_field == "source" else NONE
        if self.count_field in ("who", "source"):
            return self.corpus.entity_name(value)
        if self.count_field == "article":
            return f"{article_short(self.corpus, value)} ({value})"
        return words(value)

    def _show(self) -> None:
        options = self.query_one(OptionList)
        counts = frequency(self.corpus, self.fact_ids, self.count_field)
        total = len(self.fact_ids)
        top = max((n for _, n in counts), default=1)
        width = max((len(self._value_name(v)) for v, _ in counts), default=0)
        rows = []
        for value, count in counts:
            bar = "█" * max(1, round(20 * count / top))
            share = f"{100 * count / total:3.0f}%" if total else ""
            line = Content.assemble(
                plain(f"{self._value_name(value):<{width}}  "),
                (f"{count:>4} {share}  ", "bold"),
                (bar, "dim"),
            )
            rows.append(Option(line, id=value))
        if sum(n for _, n in counts) > total:
            note = "A fact counts once per value its reports give: shares can pass 100%."
            rows.append(Option(Content.assemble((note, "dim italic")), disabled=True))
        options.set_options(rows)
        if rows:
            options.highlighted = 0
        fields = " ".join(f"[{f}]" if f == self.count_field else f for f in COUNTABLE)
        options.border_title = plain(f"{self.title_} ({total}) by {self.count_field}")
        options.border_subtitle = plain(f"{fields} · tab field · enter narrows · esc")

    def action_field(self, step: int) -> None:
        index = COUNTABLE.index(self.count_field)
        self.count_field = COUNTABLE[(index + step) % len(COUNTABLE)]
        self._show()

    def action_cursor(self, direction: str) -> None:
        options = self.query_one(OptionList)
        if direction == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id or ""
        if value in (NONE, "undated"):
            self.notify("The query language cannot ask for no value yet.", markup=False)
            return
        if self.count_field == "year":
            self.dismiss(f"date:{value}")
            return
        quoted = f'"{value}"' if " " in value else value
        self.dismiss(f"{self.count_field}:{quoted}")

    def action_cancel(self) -> None:
        self.dismiss(None)
