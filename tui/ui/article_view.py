"""The article text: wrapped, verbatim, with mentions, evidence and a sentence cursor.

A Line API widget: only the visible lines are rendered, and since it wraps the text itself
it knows which screen line holds any character, so evidence is scrolled into view exactly.
Highlights use text styles (reverse, bold, underline) as well as colour, so they survive
``NO_COLOR`` and monochrome terminals.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from tui.data.corpus import Article, Corpus, Span
from tui.data.folding import fold
from tui.data.textsafe import neutralise
from tui.ui.commands import bindings
from tui.ui.steady_scroll import SteadyScrollView
from tui.ui.wrap import wrap

GUTTER = 2
# Matches of one search that are highlighted and stepped through; past this, the count says
# "10000+": a one-letter search in a long article would otherwise hold the screen.
MATCH_LIMIT = 10_000


def _overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Spans (sorted by start, not overlapping each other) that overlap ``[start, end)``."""
    index = max(0, bisect.bisect_left(spans, (start, start)) - 1)
    found: list[tuple[int, int]] = []
    while index < len(spans) and spans[index][0] < end:  # no slice: a copy per line adds up
        s, e = spans[index]
        if e > start:
            found.append((s, e))
        index += 1
    return found


class ArticleView(SteadyScrollView, can_focus=True):
    """Shows one article; the screen binds which article, evidence, entity and sentence."""

    BINDINGS = bindings("article")
    COMPONENT_CLASSES = {
        "article-view--mention",
        "article-view--mention-selected",
        "article-view--evidence",
        "article-view--time",
        "article-view--match",
        "article-view--cursor",
        "article-view--gutter",
    }

    article_id: var[str | None] = var(None)
    evidence: var[tuple[Span, ...]] = var(())
    time_span: var[Span | None] = var(None)
    entity_id: var[str | None] = var(None)
    sentence: var[int] = var(0)
    search: var[str] = var("")

    class SentenceMoved(Message):
        """The user moved the sentence cursor."""

        def __init__(self, article_id: str, sentence: int) -> None:
            self.article_id = article_id
            self.sentence = sentence
            super().__init__()

    class FactsHere(Message):
        """The user asked for the facts citing the current sentence."""

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self._text = ""
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width: int | None = None  # the width ``_lines`` were wrapped for
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._matches: list[tuple[int, int]] = []
        self.more_matches = False  # the search found more than MATCH_LIMIT
        self._folded: str | None = None  # the text folded for search, made on first search
        self._anchor: Span | None = None  # the span last scrolled to: kept in view on resize

    # -- state ----------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.corpus.articles.get(self.article_id) if self.article_id else None

    @property
    def lines(self) -> list[tuple[int, int]]:
        self._ensure_wrapped()
        return self._lines

    def watch_article_id(self) -> None:
        article = self.article
        self._text = neutralise(article.text) if article else ""
        self._folded = None
        self._anchor = None
        self._rewrap()
        self._find_matches()
        self.scroll_to(y=0, animate=False, immediate=True)

    def watch_evidence(self, old: tuple[Span, ...], new: tuple[Span, ...]) -> None:
        self._invalidate_spans((*old, *new))
        if self.evidence:
            self.scroll_to_span(self.evidence[0])

    def watch_entity_id(self, old: str | None, new: str | None) -> None:
        """Repaint the mentions of the old and new entity that are on screen.

        Only the screen is looked at (an entity can be mentioned a million times in a long
        article); lines kept from elsewhere are dropped, to be drawn afresh when scrolled to."""
        article = self.article
        if article is None or not self._lines:
            return
        top = int(self.scroll_offset.y)
        bottom = min(len(self._lines), top + self.scrollable_content_region.height)
        self._cache = {n: strip for n, strip in self._cache.items() if top <= n < bottom}
        if top >= bottom:
            return
        lo, hi = self._lines[top][0], self._lines[bottom - 1][1]
        changed = [
            Span(m.start, m.end)
            for m in self.corpus.mentions_between(article, lo, hi)
            if m.entity_id == old or m.entity_id == new
        ]
        self._invalidate_spans(changed)

    def watch_time_span(self, old: Span | None, new: Span | None) -> None:
        self._invalidate_spans([s for s in (old, new) if s is not None])

    def _sentence_span(self, index: int) -> Span | None:
        article = self.article
        if article is None or not article.sentences:
            return None
        return article.sentences[min(index, len(article.sentences) - 1)]

    def _invalidate_spans(self, spans: Sequence[Span]) -> None:
        """Drop and repaint only the screen lines that show these spans."""
        for span in spans:
            first, last = self.line_of(span.start), self.line_of(max(span.start, span.end - 1))
            for line in range(first, last + 1):
                self._cache.pop(line, None)
            self.refresh_lines(first, last - first + 1)

    def watch_sentence(self, old: int, new: int) -> None:
        self._invalidate_spans(
            [s for s in (self._sentence_span(old), self._sentence_span(new)) if s]
        )
        article = self.article
        if article and article.sentences:
            span = article.sentences[min(self.sentence, len(article.sentences) - 1)]
            self.scroll_to_span(span, center=False)

    def watch_search(self) -> None:
        self._find_matches()
        self._invalidate()

    def _find_matches(self) -> None:
        self._matches = []
        self.more_matches = False
        query = fold(self.search)
        if not query or not self._text:
            return
        if self._folded is None:
            self._folded = fold(self._text)  # same length: offsets are the text's own
        text = self._folded
        at = text.find(query)
        while at >= 0 and len(self._matches) < MATCH_LIMIT:
            self._matches.append((at, at + len(query)))
            at = text.find(query, at + len(query))
        self.more_matches = at >= 0

    @property
    def match_count(self) -> int:
        return len(self._matches)

    # -- layout ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_wrapped()  # a change of height alone (a search line opening) keeps it
        if self._anchor is not None:
            # Whatever was brought into view stays in view at the new size.
            self.scroll_to_span(self._anchor)

    def _text_width(self) -> int:
        return self.scrollable_content_region.width - GUTTER

    def _ensure_wrapped(self) -> None:
        """Wrap for the width the text is drawn at now, whatever changed it.

        A resize event, the first layout and a scrollbar appearing each change the width at
        a different moment; checking where lines are read and drawn covers them all."""
        if self._wrap_width != self._text_width():
            self._rewrap()

    def _rewrap(self) -> None:
        width = self._text_width()
        self._wrap_width = width
        # Before the first layout there is no width: draw nothing rather than a sliver.
        self._lines = wrap(self._text, width) if self._text and width > 0 else []
        self._line_starts = [s for s, _ in self._lines]
        self.virtual_size = Size(max(0, width) + GUTTER, len(self._lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def line_of(self, offset: int) -> int:
        self._ensure_wrapped()
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def scroll_to_span(self, span: Span, center: bool = True) -> None:
        """Bring ``span`` into view, whole when it fits: its first line a third of the way
        down (``center``), or scrolled just far enough."""
        self._anchor = span
        first, last = self.line_of(span.start), self.line_of(max(span.start, span.end - 1))
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if center:
            y = first - height // 3
            if last >= y + height:
                y = last - height + 1  # the whole span, when a third down cuts its end
        elif first < top or last - first + 1 > height:
            y = first
        elif last >= top + height:
            y = last - height + 1
        else:
            return
        self.scroll_to(y=max(0, min(y, first)), animate=False, immediate=True)

    def scroll_to_line(self, line: int) -> None:
        """Show ``line`` at the top, as the reader left it (history)."""
        self._anchor = None
        self.scroll_to(y=line, animate=False, immediate=True)

    # -- rendering ------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def render_line(self, y: int) -> Strip:
        self._ensure_wrapped()
        scroll_y = self.scroll_offset.y
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._cache[index] = self._render_text_line(index)
        return strip.crop_extend(0, width, self.rich_style)

    def _cursor_span(self) -> tuple[int, int] | None:
        article = self.article
        if not article or not article.sentences:
            return None
        span = article.sentences[min(self.sentence, len(article.sentences) - 1)]
        return span.start, span.end

    def _render_text_line(self, index: int) -> Strip:
        start, end = self._lines[index]
        base = self.rich_style
        article = self.article
        cursor = self._cursor_span()
        layers: list[tuple[list[tuple[int, int]], Style]] = []
        if article is not None:
            here = self.corpus.mentions_between(article, start, end)
            mentions = [(m.start, m.end) for m in here]
            chosen = [(m.start, m.end) for m in here if m.entity_id == self.entity_id]
            layers.append((mentions, self._style("article-view--mention")))
            layers.append((chosen, self._style("article-view--mention-selected")))
        if cursor is not None and self.has_focus:
            layers.append(([cursor], self._style("article-view--cursor")))
        layers.append(
            ([(s.start, s.end) for s in self.evidence], self._style("article-view--evidence"))
        )
        if self.time_span is not None:
            layers.append(
                ([(self.time_span.start, self.time_span.end)], self._style("article-view--time"))
            )
        layers.append((_overlapping(self._matches, start, end), self._style("article-view--match")))

        points = {start, end}
        active: list[tuple[list[tuple[int, int]], Style]] = []
        for spans, style in layers:
            hits = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
            if hits:
                active.append((hits, style))
                for s, e in hits:
                    points.update((s, e))
        ordered = sorted(points)
        segments: list[Segment] = []
        in_cursor = cursor is not None and cursor[0] < max(end, start + 1) and cursor[1] > start
        gutter = "▌ " if in_cursor else "  "
        segments.append(Segment(gutter, base + self._style("article-view--gutter")))
        for a, b in pairwise(ordered):
            style = base
            for hits, layer_style in active:
                if any(s <= a and b <= e for s, e in hits):
                    style = style + layer_style
            segments.append(Segment(self._text[a:b], style))
        return Strip(segments)

    # -- actions --------------------------------------------------------------------------

    def _move(self, sentence: int) -> None:
        article = self.article
        if article is None or not article.sentences:
            return
        sentence = max(0, min(sentence, len(article.sentences) - 1))
        self.sentence = sentence
        self.post_message(self.SentenceMoved(article.id, sentence))

    def action_next_sentence(self) -> None:
        self._move(self.sentence + 1)

    def action_previous_sentence(self) -> None:
        self._move(self.sentence - 1)

    def action_facts_here(self) -> None:
        self.post_message(self.FactsHere())

    def action_next_match(self) -> None:
        """Next search match, else next mention of the selected entity, after the cursor."""
        article = self.article
        if article is None or not article.sentences:
            return
        here = article.sentences[min(self.sentence, len(article.sentences) - 1)].end
        if self._matches:
            after = [s for s, _ in self._matches if s >= here]
            self._move(article.sentence_at(after[0] if after else self._matches[0][0]))
        elif self.entity_id is not None:
            # Wrapping round to the first mention when there is none further on.
            found = self.corpus.next_mention(article, self.entity_id, here)
            found = found or self.corpus.next_mention(article, self.entity_id, 0)
            if found is not None:
                self._move(article.sentence_at(found.start))

    def action_previous_match(self) -> None:
        """Previous search match, else previous mention of the selected entity."""
        article = self.article
        if article is None or not article.sentences:
            return
        here = article.sentences[min(self.sentence, len(article.sentences) - 1)].start
        if self._matches:
            before = [s for s, _ in self._matches if s < here]
            self._move(article.sentence_at(before[-1] if before else self._matches[-1][0]))
        elif self.entity_id is not None:
            mentions = [
                m
                for m in self.corpus.mentions_between(article, 0, len(article.text))
                if m.entity_id == self.entity_id
            ]
            earlier = [m for m in mentions if m.start < here]
            found = earlier[-1] if earlier else (mentions[-1] if mentions else None)
            if found is not None:
                self._move(article.sentence_at(found.start))

    def action_first_sentence(self) -> None:
        self._move(0)

    def action_last_sentence(self) -> None:
        article = self.article
        if article is not None:
            self._move(len(article.sentences) - 1)

    def action_half_page_down(self) -> None:
        self._anchor = None
        self.scroll_relative(y=max(1, self.size.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self._anchor = None
        self.scroll_relative(y=-max(1, self.size.height // 2), animate=False)

    def action_page_down(self) -> None:
        self._anchor = None
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self._anchor = None
        self.scroll_page_up(animate=False)

    def on_click(self, event: events.Click) -> None:
        article = self.article
        index = self.scroll_offset.y + event.y
        if article is not None and 0 <= index < len(self._lines):
            self._move(article.sentence_at(self._lines[index][0]))

    def on_focus(self) -> None:
        self._invalidate_spans([s for s in (self._sentence_span(self.sentence),) if s])

    def on_blur(self) -> None:
        self._invalidate_spans([s for s in (self._sentence_span(self.sentence),) if s])
