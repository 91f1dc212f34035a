"""The source wording is shown whole: every quote, at every size, in the detail and the article."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from tests.ui_helpers import CORPORA, explorer, make_app, palette_hits
from tui.data.folding import _fold_char, fold
from tui.ui.article_view import GUTTER, ArticleView
from tui.ui.panes import Target
from tui.ui.virtual_list import VirtualList
from tui.ui.wrap import wrap

SIZES = [(80, 24), (120, 40), (200, 60)]


def squash(text: str) -> str:
    """Text without its whitespace: wrapping may break a line at any space."""
    return re.sub(r"\s+", "", text)


def region_lines(pilot: Pilot[Any], widget: Widget) -> list[str]:
    """The rows of ``widget``'s content as the terminal shows them."""
    strips = pilot.app.screen._compositor.render_strips()
    region = widget.scrollable_content_region  # without the scrollbar
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


async def scrolled_through(pilot: Pilot[Any], widget: Widget) -> list[str]:
    """Every line of a scrolling widget, read a screenful at a time from the screen."""
    lines: dict[int, str] = {}
    y = 0
    while True:
        widget.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        top = int(widget.scroll_offset.y)
        for n, line in enumerate(region_lines(pilot, widget)):
            lines[top + n] = line
        height = widget.scrollable_content_region.height
        if top + height >= widget.virtual_size.height or height == 0:
            return [lines[n] for n in sorted(lines)]
        y = top + height


LONG_QUOTE = 150  # wider than the widest detail pane's text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_long_quote_appears_whole_in_the_detail(size: tuple[int, int]) -> None:
    app = make_app()
    corpus = app.corpus
    missing: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        # The facts whose quotes are long enough to be cut: reading all 178 at three sizes
        # took two minutes of CI for no more cover.
        long_quoted = [
            fact_id
            for fact_id in sorted([*corpus.events, *corpus.relations])
            if any(
                q.end - q.start >= LONG_QUOTE
                for r in corpus.fact_reports(fact_id)
                for q in r.quotes
            )
        ]
        assert len(long_quoted) >= 20
        for fact_id in long_quoted:
            screen.jump(Target("fact", fact_id))
            await pilot.pause()
            shown = squash("".join(await scrolled_through(pilot, screen.pane("detail").list)))
            for report in corpus.fact_reports(fact_id):
                text = corpus.articles[report.article_id].text
                for span in report.quotes:
                    quote = text[span.start : span.end]
                    if squash(quote) not in shown:
                        missing.append(f"{fact_id}: {quote!r}")
    assert not missing, "\n".join(missing)


def article_lines(lines: list[str]) -> str:
    """The article's text as shown, without the two-cell sentence gutter."""
    return squash("".join(line[2:] for line in lines))


async def test_the_article_is_rewrapped_after_a_resize() -> None:
    app = make_app()
    corpus = app.corpus
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        for width, height in [(120, 40), (80, 24), (200, 60), (100, 30)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            article = corpus.articles[screen.article_id or ""]
            shown = article_lines(await scrolled_through(pilot, screen.article_view))
            assert shown == squash(article.text), (width, height)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_frame_shows_the_article_wrapped_for_another_width(
    size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, bool]] = []
    render_line = ArticleView.render_line

    def recording(view: ArticleView, y: int) -> Strip:
        strip = render_line(view, y)
        width = view.scrollable_content_region.width - GUTTER
        seen.append((width, view.lines == wrap(view._text, width)))
        return strip

    monkeypatch.setattr(ArticleView, "render_line", recording)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("4", "j")
        await pilot.pause()
    assert seen
    assert [width for width, ok in seen if not ok] == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_article_appears_whole_with_its_byline(size: tuple[int, int]) -> None:
    app = make_app()
    corpus = app.corpus
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        for article_id in sorted(corpus.articles):
            screen.jump(Target("article", article_id))
            await pilot.pause()
            article = corpus.articles[article_id]
            shown = article_lines(await scrolled_through(pilot, screen.article_view))
            assert shown == squash(article.text)
            header = squash("".join(region_lines(pilot, app.query_one("#article-header"))))
            parts = (article.title, article.publisher, article.published.describe(), article.url)
            for part in filter(None, parts):
                assert squash(part) in header, part


async def test_an_article_without_address_has_no_dangling_separator() -> None:
    app = make_app(CORPORA / "clean")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in region_lines(pilot, app.query_one("#article-header"))]
        assert lines and not any(line.endswith("·") for line in lines)


def test_folding_ignores_case_diacritics_and_quote_styles_and_keeps_offsets() -> None:
    text = "Café “Déjà” — won’t ISN’T"
    assert fold(text) == "cafe \"deja\" - won't isn't"
    assert len(fold(text)) == len(text)


def test_folding_a_text_is_folding_each_of_its_characters() -> None:
    every = "".join(chr(c) for c in range(0x20, 0x3000)) + "\ud800İﬁß\U0001d400"
    assert fold(every) == "".join(map(_fold_char, every))
    assert len(fold(every)) == len(every)


async def test_searching_the_article_with_straight_quotes_finds_curly_ones() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("article", "putin-china-visit"))
        await pilot.pause()
        await pilot.press("slash", *"INDIA isn't a")
        await pilot.pause()
        view = screen.article_view
        assert view.match_count == 1
        start, end = view._matches[0]
        assert corpus_text(app, "putin-china-visit")[start:end] == "India isn’t a"


def corpus_text(app: Any, article_id: str) -> str:
    return str(app.corpus.articles[article_id].text)


TITLE = "Russia's Putin won't visit India"


async def test_the_palette_folds_quotes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        # Typed as a whole: a curly quote is no key that Pilot can press.
        app.screen.query_one(Input).value = "russia’s putin won’t"
        hits = await palette_hits(pilot)
        assert any(TITLE in hit for hit in hits), hits


async def test_the_facts_filter_matches_what_the_row_shows() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "tab", "slash", *"phone call")
        await pilot.pause()
        screen = explorer(app)
        facts = screen.pane("facts").list
        assert isinstance(facts, VirtualList)
        assert facts.ids == ["fact:putin-modi-call"]
        await pilot.press("escape", "slash", *"2023-08-28")
        await pilot.pause()
        assert "fact:putin-modi-call" in facts.ids and len(facts.ids) < len(screen.fact_ids)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_sentence_read_is_wholly_on_screen(size: tuple[int, int]) -> None:
    app = make_app()
    corpus = app.corpus
    cut: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        view = screen.article_view
        for article_id in sorted(corpus.articles):
            screen.jump(Target("article", article_id))
            await pilot.pause()
            for n, span in enumerate(corpus.articles[article_id].sentences):
                if n:
                    await pilot.press("j")
                    await pilot.pause()
                first, last = view.line_of(span.start), view.line_of(span.end - 1)
                top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
                if last - first < height and not top <= first <= last < top + height:
                    cut.append(f"{article_id} sentence {n + 1}: lines {first}-{last}, shown {top}+")
    assert not cut, "\n".join(cut)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_opening_a_search_or_filter_line_keeps_the_wrapping(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        await pilot.press("4")
        await pilot.pause()
        before = screen.article_view.lines
        await pilot.press("slash", "k")
        await pilot.pause()
        assert screen.article_view.lines == before
