"""The Textual application: one explorer screen over a loaded corpus.

Started with a ``load`` instead of a corpus, the app draws a loading screen at once and loads
in a thread of its own; keys typed meanwhile are held and reach the explorer, in order, once
it is laid out. The thread is a daemon, not a Textual worker: a thread worker runs in
asyncio's default executor, which the event loop waits for when it closes, so quitting
(Ctrl+Q) during a long load would hang until the load ended.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen

from tui.data.cache import take_warnings
from tui.data.corpus import Corpus
from tui.data.index import IndexedCorpus
from tui.data.progress import Progress
from tui.settings import Settings, load_settings, save_settings, settings_path
from tui.ui.commands import COMMANDS as KEYS
from tui.ui.explorer import ExplorerScreen
from tui.ui.loading import LoadingScreen, LoadProgress
from tui.ui.palette import CorpusProvider
from tui.ui.stopped import Stopped, from_the_index, stopped
from tui.ui.typeahead import OrderedKeysApp


class DiploApp(OrderedKeysApp[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "diplo-tui"
    COMMANDS = App.COMMANDS | {CorpusProvider}
    COMMAND_PALETTE_BINDING = next(c.keys for c in KEYS if c.action == "app.command_palette")
    # Keys come from tui.ui.commands only; drop Textual's own app-level extras.
    BINDINGS = []
    # Quitting while the corpus loads; every other key waits for the explorer.
    PASSED_WHILE_HELD = frozenset({"ctrl+q"})

    def __init__(
        self,
        corpus: Corpus | None,
        settings: Settings | None = None,
        settings_file: Path | None = None,
        warning: str | None = None,
        *,
        load: Callable[[Progress], Corpus] | None = None,
        name: str = "the corpus",
        can_restart: bool = False,
        notice: str | None = None,
    ) -> None:
        """``settings_file``: where a changed setting is saved; None saves nothing (tests).

        With ``corpus`` None, ``load`` is called in a thread while a loading screen naming
        ``name`` shows its progress; then the explorer opens. An exception from ``load`` ends
        the app and is kept in ``load_error`` for the caller to raise once the terminal is
        restored. ``can_restart``: a damaged index ends the app with :attr:`restart`
        set, for the caller to run it again (the index is then built anew), instead of
        stopping with a message."""
        super().__init__()
        if corpus is None and load is None:
            raise ValueError("DiploApp needs a corpus or a way to load one")
        self.corpus = corpus
        self.settings = settings or Settings()
        self.settings_file = settings_file
        self._settings_warning = warning
        self._load = load
        self._corpus_name = name
        self.load_progress = LoadProgress()
        self.load_error: BaseException | None = None
        self._can_restart = can_restart and load is not None
        self._notice = notice  # said once the explorer is up (why the app was run again)
        self.restart: Stopped | None = None  # why the app ended to be run again, if it did
        if corpus is None:
            self.hold_keys()

    def on_mount(self) -> None:
        if self.corpus is None:
            threading.Thread(target=self._load_in_thread, name="load", daemon=True).start()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", markup=False, timeout=8)

    def _load_in_thread(self) -> None:
        assert self._load is not None
        try:
            corpus = self._load(self.load_progress)
        except BaseException as exc:  # shown by the caller once the terminal is restored
            self._hand_over(self._failed, exc)
            return
        self._hand_over(self._loaded, corpus)

    def _hand_over(self, callback: Callable[..., object], value: object) -> None:
        # Queued, not awaited here: an error in ``callback`` is the app's, handled as any.
        # The app ended (quit) while the corpus was loading: RuntimeError once its loop is
        # gone, CancelledError while it closes.
        with contextlib.suppress(RuntimeError, concurrent.futures.CancelledError):
            self.call_from_thread(self.call_later, callback, value)

    def _failed(self, exc: BaseException) -> None:
        self.load_error = exc
        self.exit()

    async def _loaded(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # Pushed over the loading screen: Textual cannot switch away from the default screen.
        await self.push_screen(ExplorerScreen(corpus))
        # Said on stderr while loading, which the screen hides ("not using the cache: …").
        for message in take_warnings():
            self.notify(f"Warning: {message}", severity="warning", markup=False, timeout=12)
        if self._notice:
            self.notify(self._notice, severity="warning", markup=False, timeout=15)
        # Keys typed during the load go to the explorer once it is laid out, as keys typed
        # before the first screen do.
        self.call_after_refresh(self.release_keys)

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

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own handling prints a traceback over the reader's terminal: instead the
        # reader is told what happened, with the details kept in a file. An error raised
        # while reading the index may come from a damaged row (rows are decoded as they are
        # shown): that index is set aside, to be built again at the next start.
        if isinstance(error, Stopped):
            super()._handle_exception(error)
            return
        index = None
        if isinstance(self.corpus, IndexedCorpus) and from_the_index(error):
            index = self.corpus.set_aside()
        if index is not None and self._can_restart:
            # Loaded again, the index is built anew: the caller runs the app once more.
            self.restart = stopped(error, index)
            self.exit(return_code=1)
            return
        super()._handle_exception(stopped(error, index))

    def get_default_screen(self) -> Screen[None]:
        if self.corpus is None:
            return LoadingScreen(self._corpus_name, self.load_progress)
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


def run_app(
    corpus: Corpus | None = None,
    *,
    mouse: bool | None = None,
    load: Callable[[Progress], Corpus] | None = None,
    name: str = "the corpus",
) -> DiploApp:
    """Run the explorer on ``corpus``, or on what ``load`` returns (see :class:`DiploApp`);
    ``mouse`` None follows the saved setting (``--no-mouse`` is False). The app, once ended.
    A damaged index found while exploring is set aside and the app run again once: the
    corpus is loaded anew, the index built again behind the loading screen."""
    settings, warning = load_settings()
    app = DiploApp(
        corpus, settings, settings_path(), warning, load=load, name=name, can_restart=True
    )
    app.run(mouse=settings.mouse if mouse is None else mouse)
    if app.restart is None:
        return app
    notice = REBUILT.format(error=app.restart.said, report=app.restart.report or "-")
    again = DiploApp(None, app.settings, settings_path(), load=load, name=name, notice=notice)
    again.run(mouse=app.settings.mouse if mouse is None else mouse)
    return again


REBUILT = (
    "The corpus's index was damaged ({error}): it has been built again. "
    "The details are in {report}."
)
