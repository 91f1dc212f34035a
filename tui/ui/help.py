"""Help: every key, from the same declaration as the bindings and the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.commands import COMMANDS, SCOPES

INTRO = (
    "Select an entity to list its facts and mark its mentions; select a fact to highlight its "
    "evidence in the article. In the article, move sentence by sentence to list the facts "
    "that cite it. Enter follows links; Backspace goes back. Questions over the whole corpus "
    "are views: s searches every article, t and T show timelines, d lists where the articles "
    "disagree, f asks for the facts matching a query and F counts them."
)


def help_content() -> Content:
    parts: list[Content | str | tuple[str, str]] = [Content(INTRO), "\n"]
    for scope, title in SCOPES.items():
        parts += ["\n", (title, "bold underline"), "\n"]
        for command in COMMANDS:
            if command.scope == scope:
                parts += [(f"  {command.keys_shown:<20}", "bold"), f"{command.help}\n"]
    return Content.assemble(*parts)


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
        with VerticalScroll(id="help"):
            yield Static(help_content(), markup=False)

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
