"""Help: every key, from the same declaration as the bindings and the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.commands import COMMANDS, SCOPES
from tui.ui.keybar import KeyBar

INTRO = (
    "Select an entity to list its facts and mark its mentions; select a fact to highlight its "
    "evidence in the article. In the article, move sentence by sentence to list the facts "
    "that cite it. Enter follows links; Backspace goes back. Questions over the whole corpus "
    "are views: s searches every article, t and T show timelines, d lists where the articles "
    "disagree, w shows who said what, r a fact's related events, f asks for the facts "
    "matching a query and F counts them."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("pagedown,space,ctrl+d", "scroll('page_down')", "Page down", show=False),
        Binding("pageup,b,ctrl+u", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "End", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()  # its own keys, over the explorer's
        # A grid, so a description that wraps stays in its column beside its key.
        with VerticalScroll(id="help"):
            yield Static(Content(INTRO), markup=False)
            for scope, title in SCOPES.items():
                yield Static(Content.assemble((title, "bold underline")), classes="help-scope")
                with Grid(classes="help-keys"):
                    for command in COMMANDS:
                        if command.scope == scope:
                            yield Static(
                                Content.assemble((command.keys_shown, "bold")), markup=False
                            )
                            yield Static(Content(command.help), markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#help", VerticalScroll)
        box.border_title = Content("Keys")
        box.border_subtitle = Content("esc closes")
        box.focus()

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help", VerticalScroll)
        if direction == "down":
            box.scroll_down(animate=False)
        elif direction == "up":
            box.scroll_up(animate=False)
        elif direction == "page_down":
            box.scroll_page_down(animate=False)
        elif direction == "page_up":
            box.scroll_page_up(animate=False)
        elif direction == "home":
            box.scroll_home(animate=False)
        else:
            box.scroll_end(animate=False)
