"""The Textual application: one explorer screen over a loaded corpus."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.data.corpus import Corpus
from tui.ui.commands import COMMANDS as KEYS
from tui.ui.explorer import ExplorerScreen
from tui.ui.palette import CorpusProvider


class DiploApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "diplo-tui"
    COMMANDS = {CorpusProvider}
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
            offered = command.palette and command.scope == "screen"
            action = command.action
            if not offered or action.startswith("app."):
                continue
            if screen.check_action(action.split("(")[0], ()):
                yield SystemCommand(
                    command.title,
                    f"{command.help} ({command.keys_shown})",
                    lambda action=action: self.run_action(action, screen),
                )
        yield SystemCommand("Quit", "Quit diplo-tui (q)", self.exit)


def run_app(corpus: Corpus, *, mouse: bool = True) -> int:
    app = DiploApp(corpus)
    app.run(mouse=mouse)
    return app.return_code or 0
