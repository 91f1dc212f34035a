"""The usual list keys everywhere, maximising a pane, and the views from the palette."""

from __future__ import annotations

from tests.test_views import settle, typed
from tests.ui_helpers import explorer, make_app, palette_hits, screen_text
from tui.ui.article_view import ArticleView
from tui.ui.views.timeline import TimelineView
from tui.ui.virtual_list import VirtualList

WIDE = (160, 48)
SMALL = (80, 24)


async def test_list_keys_move_to_the_ends_and_by_pages() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        entities = app.query_one("#entities-list", VirtualList)
        ids = entities.ids
        await pilot.press("G")
        await pilot.pause()
        assert entities.highlighted_id == ids[-1]
        assert explorer(app).entity_id == ids[-1].partition(":")[2]
        await pilot.press("g")
        await pilot.pause()
        assert entities.highlighted_id == ids[0]
        await pilot.press("end")
        await pilot.pause()
        assert entities.highlighted_id == ids[-1]
        await pilot.press("home")
        await pilot.pause()
        assert entities.highlighted_id == ids[0]
        start = entities.cursor or 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        half = (entities.cursor or 0) - start
        await pilot.press("ctrl+u")
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        page = (entities.cursor or 0) - start
        assert 0 < half < page  # half a page, then a whole one
        await pilot.press("pageup")
        await pilot.pause()
        assert entities.cursor == start


async def test_list_keys_work_in_the_detail_too() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "enter", "enter")  # Putin's first fact, in the detail
        await settle(pilot)
        screen = explorer(app)
        assert screen.focused_pane() == "detail"
        detail = screen.pane("detail").list
        first = detail.highlighted
        await pilot.press("G")
        await pilot.pause()
        last = detail.highlighted
        assert first is not None and last is not None and last > first
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert detail.highlighted is not None and detail.highlighted < last
        await pilot.press("g")
        await pilot.pause()
        assert detail.highlighted is not None and detail.highlighted <= first


async def test_n_and_shift_n_step_through_search_matches_both_ways() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("4", "slash", *typed("Putin"), "enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        after_first = view.sentence
        await pilot.press("n")
        await pilot.pause()
        second = view.sentence
        assert second > after_first
        await pilot.press("N")
        await pilot.pause()
        assert view.sentence == after_first
        await pilot.press("G")
        await pilot.pause()
        assert view.article is not None
        assert view.sentence == len(view.article.sentences) - 1
        await pilot.press("g")
        await pilot.pause()
        assert view.sentence == 0


async def test_plus_maximises_the_focused_pane_and_restores_it() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("2", "plus")
        await pilot.pause()
        screen = explorer(app)
        assert screen.maximized is screen.query_one("#facts")
        # The facts pane takes the whole width: its rows are no longer cut.
        assert "summit attendance · attendee · 2023-W34 · occurred · TRT World" in screen_text(app)
        await pilot.press("plus")
        await pilot.pause()
        assert screen.maximized is None


async def test_the_views_are_in_the_palette() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"timeline")
        hits = await palette_hits(pilot)
        assert any("Every event in time order" in hit for hit in hits)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineView)


async def test_a_maximised_pane_hands_over_to_the_pane_that_takes_focus() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("2", "plus", "tab")
        await pilot.pause()
        screen = explorer(app)
        assert screen.maximized is screen.query_one("#detail")
        assert screen_text(app).splitlines()[0].startswith("╭─ Detail")
        await pilot.press("4")
        await pilot.pause()
        assert screen.maximized is screen.query_one("#article")
        top = screen_text(app).splitlines()[0]
        # The whole pane, both corners on screen: not wider than the terminal.
        assert top.startswith("╭─ Article") and top.rstrip().endswith("╮")
