"""The corpus's problems, one per line, as `check` prints them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.data.problems import Problem
from tui.ui.text import plain


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[Option(plain(str(p)), id=str(n)) for n, p in enumerate(self.problems)],
            id="problems",
            markup=False,
        )

    def on_mount(self) -> None:
        problems = self.query_one(OptionList)
        count = len(self.problems)
        problems.border_title = Content(f"{count} problem{'s' * (count != 1)} in the corpus")
        problems.border_subtitle = Content("enter copies the location · esc closes")
        if count:
            problems.highlighted = 0  # Enter copies the first location without a move first
        problems.focus()

    def action_cursor(self, direction: str) -> None:
        problems = self.query_one(OptionList)
        if direction == "down":
            problems.action_cursor_down()
        else:
            problems.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _copy_location(self, event: OptionList.OptionSelected) -> None:
        problem = self.problems[int(event.option.id or 0)]
        where = f"{problem.path}:{problem.line}:{problem.col}"
        self.app.copy_to_clipboard(where)
        self.notify(plain(f"Copied {where}").plain, markup=False, timeout=3)
