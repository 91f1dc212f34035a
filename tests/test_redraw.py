"""What a key draws again: only what it changed (the panes beneath a scrollbar included)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scrollbar import ScrollBar

from tests.ui_helpers import explorer, make_app
from tui.ui.article_view import ArticleView
from tui.ui.steady_scroll import SteadyScrollView
from tui.ui.virtual_list import VirtualList

WIDE = (160, 48)


def count_refreshes(monkeypatch: pytest.MonkeyPatch, bar: ScrollBar) -> list[int]:
    seen = [0]
    refresh = bar.refresh

    def counted(*args: Any, **kwargs: Any) -> Any:
        seen[0] += 1
        return refresh(*args, **kwargs)

    monkeypatch.setattr(bar, "refresh", counted)
    return seen


async def test_moving_through_facts_leaves_the_entity_lists_scrollbar_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A refreshed scrollbar draws every line of the list beneath it again: a new fact (a new
    # detail, another article) lays the screen out, which must not touch the entity list.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        entities = app.query_one("#entities-list", VirtualList)
        assert entities.show_vertical_scrollbar  # else the test would prove nothing
        await pilot.press("2")
        seen = count_refreshes(monkeypatch, entities.vertical_scrollbar)
        shown = set()
        for _ in range(6):
            await pilot.press("j")
            await pilot.pause()
            shown.add((screen.fact_id, screen.article_id))
        assert len(shown) > 1
        assert seen == [0]


async def test_the_article_views_scrollbar_follows_each_article() -> None:
    # Shown for an article longer than the pane, hidden for a shorter one, in step with each.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        shown = []
        for _ in range(10):
            await pilot.press("]")
            await pilot.pause()
            longer = view.virtual_size.height > view.container_size.height
            assert view.show_vertical_scrollbar == longer
            if longer:
                assert view.vertical_scrollbar.window_virtual_size == view.virtual_size.height
            shown.append(longer)
        assert True in shown and False in shown  # else the test would prove nothing


class Sized(App[None]):
    def compose(self) -> ComposeResult:
        yield SteadyScrollView()


async def test_a_steady_scroll_view_still_follows_its_virtual_size() -> None:
    # Its own size never changes here: only its content's, as when another article is shown.
    app = Sized()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(SteadyScrollView)
        for height, shown in ((30, True), (5, False), (30, True), (12, True), (9, False)):
            view.virtual_size = Size(20, height)
            await pilot.pause()
            assert view.show_vertical_scrollbar == shown, height
            if shown:
                assert view.vertical_scrollbar.window_virtual_size == height
                view.scroll_end(animate=False)
                await pilot.pause()
                assert view.scroll_y == height - 10
