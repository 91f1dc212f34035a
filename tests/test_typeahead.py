"""Keys typed ahead (over SSH they often arrive together) apply in order, to the right pane.

Each sequence is sent twice to a fresh app: once key by key, waiting after each, and once all
at once, the way a slow link delivers them. Both must end in the same place, and no sequence
may crash the app.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar

from tests.ui_helpers import ROOT, corpus_at, explorer, key_event, make_app, screen_text, type_ahead
from tui.data import cache
from tui.data.corpus import Corpus
from tui.data.index import open_corpus
from tui.data.problems import NotACorpus
from tui.data.progress import CHECKING, READING, Progress
from tui.ui.app import DiploApp
from tui.ui.explorer import ExplorerScreen
from tui.ui.loading import LoadingScreen

SEQUENCES = [
    ("tab", "enter"),
    ("4", "j", "enter"),
    ("enter", "ctrl+p"),
    ("j", "j", "enter", "tab", "enter", "ctrl+p"),
    ("j", "j", "enter", "tab", "enter", "ctrl+p", "p", "u", "t"),
    ("slash", "p", "u", "t", "enter", "j", "enter"),
    ("2", "j", "enter", "backspace", "j"),
    ("question_mark", "escape", "j", "tab"),
    ("right_square_bracket", "4", "j", "j", "enter"),
    ("tab", "tab", "tab", "j", "j", "enter", "shift+tab", "enter"),
    ("3", "j", "enter", "enter", "backspace", "backspace"),
]


def where(app: App[Any]) -> tuple[object, ...]:
    """Everything a person could tell apart on screen after the keys."""
    screen = app.screen
    if isinstance(screen, ExplorerScreen):
        return ("explorer", screen.location())
    if isinstance(screen, CommandPalette):
        return ("palette", screen.query_one(Input).value)
    return (type(screen).__name__,)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("keys", SEQUENCES, ids=" ".join)
async def test_keys_typed_ahead_land_where_keys_typed_slowly_do(
    keys: tuple[str, ...], size: tuple[int, int]
) -> None:
    slow = make_app()
    async with slow.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        expected = where(slow)
    fast = make_app()
    async with fast.run_test(size=size) as pilot:
        await pilot.pause()
        await type_ahead(pilot, *keys)
        assert where(fast) == expected
    assert fast.return_code in (None, 0)


async def test_enter_then_the_palette_does_not_run_a_hit_unasked() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = explorer(app).location()
        await type_ahead(pilot, "j", "enter", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).value == ""
        await type_ahead(pilot, "escape")
        after = explorer(app).location()
        assert after.entity_id != before.entity_id and after.pane == "facts"


async def test_escape_and_a_key_sent_together_are_both_read() -> None:
    """A terminal sends Esc j as one Alt+j; the app has no Alt+letter keys, so it is Esc, j."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await type_ahead(pilot, "slash", "p", "u", "t", "alt+j")
        screen = explorer(app)
        entities = screen.pane("entities")
        assert entities.filter_text == "" and screen.focused_pane() == "entities"
        assert screen.entity_id == "xi"  # the filter found Putin and closed; j moved on


# -- keys typed while the corpus loads behind the progress screen ---------------------------


class SlowLoad:
    """A load that reports reading 3 of 10 fact files, then waits for the test's word."""

    def __init__(self, fail: BaseException | None = None) -> None:
        self.go = threading.Event()
        self.fail = fail

    def __call__(self, progress: Progress) -> Corpus:
        progress(READING, 3, 10)
        # Bounded so that a test that fails early cannot leave the thread waiting for ever.
        assert self.go.wait(timeout=30), "the test never let the load finish"
        if self.fail is not None:
            raise self.fail
        progress(CHECKING, 0, 0)
        return corpus_at()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition`` holds (the load thread and the redraw timer run
    on their own clocks, so this waits on the state, for at most a few seconds)."""
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never: {what}")


@pytest.mark.parametrize("keys", [*SEQUENCES[:4], ("j", "j", "tab", "enter")], ids=" ".join)
async def test_keys_typed_during_a_slow_load_reach_the_explorer_in_order(
    keys: tuple[str, ...],
) -> None:
    slow = make_app()
    async with slow.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        expected = where(slow)

    load = SlowLoad()
    app = DiploApp(None, load=load, name="big[corpus]")
    async with app.run_test(size=(160, 48)) as pilot:
        # The first frame is the progress screen, saying how far the load has got.
        await until(pilot, lambda: "Reading 3 of 10 fact files" in screen_text(app), "progress")
        assert isinstance(app.screen, LoadingScreen)
        assert "diplo-tui · loading big[corpus]" in screen_text(app)  # not read as markup
        bar = app.screen.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (3, 10)
        driver = app._driver
        assert driver is not None
        for key in keys:
            event = key_event(key)
            event.set_sender(app)
            driver.send_message(event)
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen) and app.keys_held() == len(keys)
        load.go.set()
        await until(pilot, lambda: isinstance(app.screen, ExplorerScreen), "the explorer")
        await until(pilot, app.keys_settled, "every held key handled")
        assert where(app) == expected
        assert not app.screen_stack[0].children  # the loading screen draws nothing more
    assert app.return_code in (None, 0)


async def test_ctrl_q_quits_while_the_corpus_loads() -> None:
    load = SlowLoad()
    app = DiploApp(None, load=load)
    try:
        async with app.run_test() as pilot:
            await until(pilot, lambda: isinstance(app.screen, LoadingScreen), "loading")
            await pilot.press("j", "ctrl+q")
            await until(pilot, lambda: app.return_code is not None, "quit")
    finally:
        load.go.set()
    assert app.corpus is None and app.load_error is None


async def test_an_error_while_loading_ends_the_app_and_is_kept_for_the_caller() -> None:
    load = SlowLoad(fail=NotACorpus("gone is not a corpus"))
    app = DiploApp(None, load=load)
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, LoadingScreen), "loading")
        load.go.set()
        await until(pilot, lambda: app.load_error is not None, "the error")
    assert isinstance(app.load_error, NotACorpus)


async def test_a_cache_refused_while_loading_is_said_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stderr is hidden under the explorer: the warning it gets is shown as a notice too."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    directory = tmp_path / "diplo-tui"
    directory.mkdir(mode=0o700)
    directory.chmod(0o777)
    cache._warned.clear()
    app = DiploApp(None, load=lambda progress: open_corpus(ROOT, progress=progress))
    async with app.run_test(notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ExplorerScreen), "the explorer")
        await pilot.pause()
        notices = [n.message for n in app._notifications]
    assert any("not using the cache" in n and "writable by others" in n for n in notices)
    assert list(directory.iterdir()) == []
