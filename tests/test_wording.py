"""The source wording is shown whole: every quote, at every size, in the detail and the article."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui_helpers import explorer, make_app
from tui.ui.panes import Target

SIZES = [(80, 24), (120, 40), (200, 60)]


def squash(text: str) -> str:
    """Text without its whitespace: wrapping may break a line at any space."""
    return re.sub(r"\s+", "", text)


def region_lines(pilot: Pilot[Any], widget: Widget) -> list[str]:
    """The rows of ``widget``'s content as the terminal shows them."""
    strips = pilot.app.screen._compositor.render_strips()
    region = widget.scrollable_content_region  # without the scrollbar
    return [
        strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)
    ]


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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_quote_appears_whole_in_the_detail(size: tuple[int, int]) -> None:
    app = make_app()
    corpus = app.corpus
    missing: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        for fact_id in sorted([*corpus.events, *corpus.relations]):
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
