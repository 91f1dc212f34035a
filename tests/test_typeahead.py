"""Keys typed ahead (over SSH they often arrive together) apply in order, to the right pane.

Each sequence is sent twice to a fresh app: once key by key, waiting after each, and once all
at once, the way a slow link delivers them. Both must end in the same place, and no sequence
may crash the app.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input

from tests.ui_helpers import explorer, make_app, type_ahead
from tui.ui.explorer import ExplorerScreen

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
