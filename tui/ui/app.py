"""The Textual application: one explorer screen over a loaded corpus."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen

from tui.data.corpus import Corpus
from tui.ui.commands import COMMANDS as KEYS
from tui.ui.explorer import ExplorerScreen
from tui.ui.palette import CorpusProvider
from tui.ui.typeahead import OrderedKeysApp


class DiploApp(OrderedKeysApp[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "diplo-tui"
    COMMANDS = App.COMMANDS | {CorpusProvider}
    COMMAND_PALETTE_BINDING = next(c.keys for c in KEYS if c.action == "app.command_palette")
    # Keys come from tui.ui.commands only; drop Textual's own app-level extras.
    BINDINGS = []

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def get_default_screen(self) -> Screen[None]:
        return ExplorerScreen(self.corpus)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in KEYS:
            action = command.action
            if not command.palette or command.scope != "screen":
                continue
            if screen.check_action(action.split("(")[0], ()):
                # The palette parses help as markup: "(])" must reach it as plain Content.
                help_text = Content(f"{command.help} ({command.keys_shown})")
                yield SystemCommand(
                    command.title,
                    cast(str, help_text),
                    lambda action=action: self.run_action(action, screen),
                )
        # Textual's theme switcher is worth keeping (light terminals); its other extras are not.
        for system in super().get_system_commands(screen):
            if "theme" in system.title.casefold():
                yield system

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=PLACEHOLDER))


PLACEHOLDER = "Jump to an entity, fact or article, or run a command…"


def run_app(corpus: Corpus, *, mouse: bool = True) -> int:
    app = DiploApp(corpus)
    app.run(mouse=mouse)
    return app.return_code or 0
