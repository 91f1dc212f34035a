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
from tui.settings import Settings, load_settings, save_settings, settings_path
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

    def __init__(
        self,
        corpus: Corpus,
        settings: Settings | None = None,
        settings_file: Path | None = None,
        warning: str | None = None,
    ) -> None:
        """``settings_file``: where a changed setting is saved; None saves nothing (tests)."""
        super().__init__()
        self.corpus = corpus
        self.settings = settings or Settings()
        self.settings_file = settings_file
        self._settings_warning = warning

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", markup=False, timeout=8)

    def _theme_changed(self, theme: object) -> None:
        self._save(Settings(self.theme, self.settings.mouse))

    def _save(self, settings: Settings) -> None:
        if settings == self.settings:
            return
        self.settings = settings
        if self.settings_file is not None:
            error = save_settings(settings, self.settings_file)
            if error:
                self.notify(error, severity="warning", markup=False, timeout=8)

    def action_toggle_mouse(self) -> None:
        """Capture the mouse or leave it to the terminal (to select text), and remember."""
        mouse = not self.settings.mouse
        driver = self._driver
        method = "_enable_mouse_support" if mouse else "_disable_mouse_support"
        switch = getattr(driver, method, None) if driver is not None else None
        if callable(switch):
            switch()
        self._save(Settings(self.theme, mouse))
        state = "captured by diplo-tui" if mouse else "left to the terminal"
        self.notify(f"The mouse is now {state}.", markup=False, timeout=4)

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
        mouse = "Stop capturing the mouse" if self.settings.mouse else "Capture the mouse"
        yield SystemCommand(
            "Mouse",
            f"{mouse} (remembered in {settings_path()})",
            self.action_toggle_mouse,
        )
        # Textual's theme switcher is worth keeping (light terminals); its other extras are not.
        for system in super().get_system_commands(screen):
            if "theme" in system.title.casefold():
                yield system

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=PLACEHOLDER))


PLACEHOLDER = "Jump to an entity, fact or article, or run a command…"


def run_app(corpus: Corpus, *, mouse: bool | None = None) -> int:
    """Run the explorer; ``mouse`` None follows the saved setting (``--no-mouse`` is False)."""
    settings, warning = load_settings()
    app = DiploApp(corpus, settings, settings_path(), warning)
    app.run(mouse=settings.mouse if mouse is None else mouse)
    return app.return_code or 0
