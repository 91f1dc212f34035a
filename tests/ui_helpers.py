"""Shared helpers for the Pilot tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.events import Key
from textual.message import Message
from textual.pilot import Pilot

from tui.data.corpus import Corpus
from tui.data.index import IndexedCorpus, open_corpus
from tui.ui.app import DiploApp
from tui.ui.explorer import ExplorerScreen

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(__file__).resolve().parent / "corpora"
_CACHE: dict[Path, Corpus] = {}
M = TypeVar("M", bound=Message)


def corpus_at(path: Path = ROOT) -> Corpus:
    """The corpus as the explorer reads it: from its index (built in the tests' own cache)."""
    if path not in _CACHE:
        corpus = open_corpus(path)
        assert isinstance(corpus, IndexedCorpus)
        _CACHE[path] = corpus
    return _CACHE[path]


def make_app(path: Path = ROOT) -> DiploApp:
    return DiploApp(corpus_at(path))


def screen_text(app: App[object]) -> str:
    """What a person would read on the terminal right now."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def explorer(app: App[object]) -> ExplorerScreen:
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    return screen


class Recorder:
    """A message_hook that keeps every message, to assert on what passed between panes."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type[M]) -> list[M]:
        """Each message of ``kind`` once, in order (the hook sees it at every hop it bubbles)."""
        seen: dict[int, M] = {}
        for message in self.messages:
            if isinstance(message, kind):
                seen.setdefault(id(message), message)
        return list(seen.values())

    def clear(self) -> None:
        self.messages.clear()


def key_event(key: str) -> Key:
    """The event a terminal's driver would send for ``key``, as Pilot builds it."""
    character = key if len(key) == 1 else _CHARACTERS.get(key)
    if key.startswith("alt+") and len(key) == len("alt+") + 1:
        character = key[-1]  # Esc and a letter sent together, as a terminal parser reads them
    return Key(key, character)


_CHARACTERS = {"enter": "\r", "tab": "\t", "space": " ", "slash": "/", "escape": "\x1b"}


async def type_ahead(pilot: Pilot[Any], *keys: str) -> None:
    """Send ``keys`` the way they arrive over a slow link: all at once, none waited for.

    Then wait, on the app's own state, until every one of them has been handled."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(200):
        await pilot.pause()
        if keys_settled(app):
            return
    raise AssertionError(f"keys {keys} were never all handled")


def keys_settled(app: App[Any]) -> bool:
    settled = getattr(app, "keys_settled", None)
    return bool(settled()) if callable(settled) else True


async def palette_hits(pilot: Pilot[Any]) -> list[str]:
    """The open palette's hits once its search has answered.

    Before a search answers, the palette shows its discovery list, which starts with the
    people; the search's hits replace it."""
    from textual.widgets import OptionList

    hits: list[str] = []
    for _ in range(40):
        await pilot.pause()
        options = pilot.app.screen.query_one(OptionList)
        hits = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        if hits and not any("Xi Jinping / Chinese" in hit for hit in hits):
            break
    return hits
