"""Every key of the explorer, declared once.

Bindings, the footer, the help screen and the command palette are all built from this table,
so they cannot disagree. ``scope`` says where a key works: the whole screen, or one pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

SCOPES = {
    "screen": "Anywhere",
    "list": "Entity and fact lists",
    "detail": "Fact detail (and the list keys)",
    "article": "Article text",
    "filter": "Filter and search lines",
    "view": "Views (search, timeline, disagreements, who said what, related events)",
    "problems": "The problems list (!)",
    "ask": "The query line (f)",
    "count": "The count per value (F)",
}


@dataclass(frozen=True, slots=True)
class Command:
    keys: str
    action: str
    title: str
    help: str
    scope: str = "screen"
    show: bool = True
    key_display: str | None = None
    palette: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
        )

    @property
    def keys_shown(self) -> str:
        """Every key of the command, as a person would name it."""
        return " / ".join(_key_name(k) for k in self.keys.split(","))


_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "exclamation_mark": "!",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "plus": "+",
    "home": "Home",
    "end": "End",
}


def _key_name(key: str) -> str:
    parts = key.split("+")
    *modifiers, last = parts
    name = _NAMES.get(last, last if len(last) == 1 else last.capitalize())
    if modifiers and len(name) == 1:
        name = name.upper()
    return "+".join([*(m.capitalize() for m in modifiers), name])


COMMANDS: tuple[Command, ...] = (
    Command("tab", "next_pane", "Pane", "Move to the next pane", key_display="tab"),
    Command("shift+tab", "previous_pane", "Previous pane", "Move to the previous pane", show=False),
    Command("1", "focus_pane('entities')", "Entities", "Go to the entity list", show=False),
    Command("2", "focus_pane('facts')", "Facts", "Go to the list of facts", show=False),
    Command("3", "focus_pane('detail')", "Detail", "Go to the fact's detail", show=False),
    Command("4", "focus_pane('article')", "Article", "Go to the article text", show=False),
    Command("backspace,alt+left", "back", "Back", "Go back to where you were", key_display="⌫"),
    Command("alt+right", "forward", "Forward", "Go forward again", show=False),
    Command(
        "slash",
        "filter",
        "Filter",
        "Filter the focused list, or search the article",
        key_display="/",
    ),
    Command(
        "left_square_bracket",
        "previous_article",
        "Prev article",
        "Show the previous article",
        show=False,
        key_display="[",
    ),
    Command(
        "right_square_bracket",
        "next_article",
        "Next article",
        "Show the next article",
        show=False,
        key_display="]",
    ),
    Command(
        "s",
        "open_view('search')",
        "Search",
        "Search every article's text for a word or phrase",
        show=False,
    ),
    Command("t", "open_view('timeline')", "Timeline", "Every event in time order", show=False),
    Command(
        "T",
        "entity_timeline",
        "Entity timeline",
        "The selected entity's events in time order",
        show=False,
    ),
    Command(
        "d",
        "open_view('disagreements')",
        "Disagreements",
        "Every fact whose articles disagree, side by side",
        show=False,
    ),
    Command(
        "w",
        "sayings",
        "Who said what",
        "What the selected source said, with the words that cite it",
        show=False,
    ),
    Command(
        "r",
        "related",
        "Related events",
        "The selected fact's links both ways, with their words",
        show=False,
    ),
    Command(
        "f",
        "ask",
        "Ask",
        "List the facts matching a query: status:declined putin 2023",
        show=False,
    ),
    Command(
        "F",
        "count",
        "Count",
        "Count the listed facts per status, source, article… (Enter narrows)",
        show=False,
    ),
    Command(
        "plus",
        "toggle_maximize",
        "Maximise",
        "Maximise the focused pane, or restore it",
        show=False,
        key_display="+",
    ),
    Command("y", "copy_quote", "Copy", "Copy the selected evidence with its citation (OSC 52)"),
    Command(
        "exclamation_mark",
        "show_problems",
        "Problems",
        "List the corpus's problems",
        key_display="!",
    ),
    Command(
        "ctrl+p",
        "app.command_palette",
        "Palette",
        "Jump to any entity, fact or article by name",
        key_display="^p",
        palette=False,
    ),
    Command("question_mark", "help", "Help", "Show every key", key_display="?"),
    Command("q,ctrl+q", "app.quit", "Quit", "Quit diplo-tui", key_display="q"),
    Command(
        "j,down",
        "cursor_down",
        "Down",
        "Next item",
        scope="list",
        show=False,
        palette=False,
        key_display="↓ j",
    ),
    Command(
        "k,up",
        "cursor_up",
        "Up",
        "Previous item",
        scope="list",
        show=False,
        palette=False,
        key_display="↑ k",
    ),
    *(
        Command(keys, action, title, help_, scope="list", show=False, palette=False)
        for keys, action, title, help_ in (
            ("g,home", "first", "First", "First item"),
            ("G,end", "last", "Last", "Last item"),
            ("pagedown", "page_down", "Page down", "Down a page"),
            ("pageup", "page_up", "Page up", "Up a page"),
            ("ctrl+d", "half_page_down", "Half page down", "Down half a page"),
            ("ctrl+u", "half_page_up", "Half page up", "Up half a page"),
        )
    ),
    Command("enter", "select", "Open", "Open the highlighted item", scope="list", palette=False),
    Command(
        "escape",
        "clear_filter",
        "Clear filter",
        "Clear the filter or the search, and hide its line",
        scope="filter",
        palette=False,
        key_display="esc",
    ),
    Command(
        "down",
        "leave_filter",
        "To the list",
        "Go to the list or text, keeping what is typed",
        scope="filter",
        show=False,
        palette=False,
    ),
    Command(
        "enter", "select", "Follow", "Follow the highlighted link", scope="detail", palette=False
    ),
    Command(
        "j,down",
        "next_sentence",
        "Next sentence",
        "Move to the next sentence",
        scope="article",
        show=False,
        palette=False,
        key_display="↓ j",
    ),
    Command(
        "k,up",
        "previous_sentence",
        "Prev sentence",
        "Move to the previous sentence",
        scope="article",
        show=False,
        palette=False,
        key_display="↑ k",
    ),
    Command(
        "enter",
        "facts_here",
        "Facts here",
        "Jump to the facts citing this sentence",
        scope="article",
        palette=False,
    ),
    Command(
        "n",
        "next_match",
        "Next match",
        "Next search match or mention",
        scope="article",
        show=False,
        palette=False,
    ),
    Command(
        "N",
        "previous_match",
        "Previous match",
        "Previous search match or mention",
        scope="article",
        show=False,
        palette=False,
    ),
    *(
        Command(keys, action, title, help_, scope="article", show=False, palette=False)
        for keys, action, title, help_ in (
            ("g,home", "first_sentence", "First sentence", "Go to the first sentence"),
            ("G,end", "last_sentence", "Last sentence", "Go to the last sentence"),
            ("ctrl+d", "half_page_down", "Half page down", "Scroll down half a page"),
            ("ctrl+u", "half_page_up", "Half page up", "Scroll up half a page"),
        )
    ),
    Command(
        "pagedown,space",
        "page_down",
        "Page down",
        "Scroll down a page",
        scope="article",
        show=False,
        palette=False,
        key_display="PgDn",
    ),
    Command(
        "pageup,b",
        "page_up",
        "Page up",
        "Scroll up a page",
        scope="article",
        show=False,
        palette=False,
        key_display="PgUp",
    ),
)


VIEW_COMMANDS: tuple[Command, ...] = (
    # Before Close: Esc clears a view's filter first, as it does in the panes.
    Command(
        "escape",
        "clear_filter",
        "Clear filter",
        "Clear the view's filter and hide its line (Esc again closes the view)",
        scope="view",
        key_display="esc",
        palette=False,
    ),
    Command(
        "down",
        "leave_filter",
        "To the rows",
        "Go to the rows, keeping what is typed",
        scope="view",
        show=False,
        palette=False,
    ),
    Command(
        "escape,backspace,alt+left",
        "close",
        "Close",
        "Close the view, back to where you were",
        scope="view",
        key_display="esc",
        palette=False,
    ),
    Command(
        "alt+right",
        "forward",
        "Forward",
        "Close the view and go forward again, where you went from it",
        scope="view",
        show=False,
        palette=False,
    ),
    Command(
        "slash",
        "edit_query",
        "Filter",
        "Edit the search words, or filter the view's rows",
        scope="view",
        key_display="/",
        palette=False,
    ),
    Command(
        "question_mark",
        "help",
        "Help",
        "Show every key",
        scope="view",
        key_display="?",
        palette=False,
    ),
    Command(
        "q,ctrl+q", "app.quit", "Quit", "Quit diplo-tui", scope="view", show=False, palette=False
    ),
)
PROBLEM_COMMANDS: tuple[Command, ...] = tuple(
    Command(keys, action, title, help_, scope="problems", palette=False, key_display=shown)
    for keys, action, title, help_, shown in (
        ("enter", "select", "Go", "Go to the fact the problem is about (or copy its place)", "⏎"),
        ("e", "edit", "Edit", "Open the file at the problem's line in $VISUAL or $EDITOR", None),
        ("c", "copy_location", "Copy", "Copy the problem's path:line:col", None),
        ("escape,q,exclamation_mark", "close", "Close", "Close the problems list", "esc"),
    )
)
QUERY_COMMANDS: tuple[Command, ...] = tuple(
    Command(keys, action, title, help_, scope=scope, palette=False, key_display=shown)
    for scope, keys, action, title, help_, shown in (
        ("ask", "enter", "submit", "List", "List the facts that match", "⏎"),
        ("ask", "escape", "cancel", "Cancel", "Close the query line, changing nothing", "esc"),
        ("count", "tab,right,l", "field(1)", "Next field", "Count by the next field", "tab"),
        (
            "count",
            "shift+tab,left,h",
            "field(-1)",
            "Prev field",
            "Count by the previous field",
            None,
        ),
        ("count", "enter", "select", "Narrow", "Narrow the list to the highlighted value", "⏎"),
        ("count", "escape,q,F", "cancel", "Close", "Close the counts", "esc"),
    )
)
COMMANDS = (*COMMANDS, *VIEW_COMMANDS, *PROBLEM_COMMANDS, *QUERY_COMMANDS)


def bindings(scope: str) -> list[BindingType]:
    return [
        c.binding() for c in COMMANDS if c.scope == scope and not c.action.startswith("app.command")
    ]
