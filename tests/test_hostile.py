"""Hostile content renders verbatim and never crashes the app, at any size."""

from __future__ import annotations

import pytest

from tests.ui_helpers import CORPORA, explorer, make_app, screen_text
from tui.ui.article_view import ArticleView
from tui.ui.panes import Target
from tui.ui.virtual_list import VirtualList

HOSTILE = CORPORA / "hostile"


def assert_safe(text: str) -> None:
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x08"):
        assert raw not in text, repr(raw)


async def test_markup_like_text_shows_as_typed() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "hostile-meeting"))
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Not bold[/bold] and [/] and [link=http://evil.example]link[/link]" in text
        assert "[@click=app.quit]quit[/]" in text
        assert "[in the call]" in text
        assert "[link=http://evil.example]Meeting[/link] of [/]" in text  # the summary
        assert "[bold]Markup[/bold] [/]" in text  # an entity name
        assert "␛]0;PWNED␇" in text and "abc�dcba�" in text
        assert "習近平" in text and "👍" in text
        assert_safe(text)
        assert app.is_running


async def test_every_pane_survives_hostile_content_and_tiny_sizes() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (["j", "enter"], ["enter"], ["j", "enter"], ["4", "j", "j", "j", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert_safe(screen_text(app))
        for size in [(20, 5), (300, 100), (21, 6), (80, 24), (40, 10), (120, 30), (25, 7)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_safe(screen_text(app))
            for key in ("tab", "j", "k", "enter", "backspace"):
                await pilot.press(key)
            await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("width", [20, 33, 80, 161, 300])
async def test_long_words_and_lines_wrap_without_losing_text(width: int) -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.article_id = "hostile"
        await pilot.press("4")  # at the narrowest sizes only the focused pane is shown
        await pilot.pause()
        assert view.scrollable_content_region.width > 0
        text = app.corpus.articles["hostile"].text
        covered = "".join(text[s:e] for s, e in view.lines)
        assert len(covered) == len(text) - text.count("\n")  # every character, once


async def test_palette_and_filters_accept_brackets() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"[/]")
        await pilot.pause()
        entities = app.query_one("#entities-list", VirtualList)
        # Both names hold a literal "[/]": the entity, and the publisher "[@click…]Publisher[/]".
        assert entities.ids == ["entity:markup", "entity:hostile-press"]
        await pilot.press("escape", "ctrl+p", *"[link")
        await pilot.pause(0.3)
        assert_safe(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).fact_id == "hostile-meeting"
