"""Which sentences of each article support no fact: the gaps to look at before review.

A sentence is covered when any report's or link's evidence overlaps it. The headline is a
sentence like any other: a curator cites it when it states a fact, and sees it listed when
not. Gaps are information, never problems: ``check --coverage`` keeps its exit status.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tui.data.corpus import Article, Corpus, Span
from tui.data.problems import display_path
from tui.data.textsafe import clip, neutralise_line


@dataclass(frozen=True, slots=True)
class Gap:
    """A sentence that supports no fact, at ``line:col`` of the article's text."""

    line: int
    col: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class ArticleCoverage:
    article_id: str
    path: str  # the text's path as the user would type it
    sentences: int
    paragraphs: int
    gaps: tuple[Gap, ...]
    uncited_paragraphs: tuple[int, ...]  # paragraphs none of whose sentences is cited


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph starts. The corpus's texts hold one paragraph per line (the
    headline is paragraph 1), with or without blank lines between them."""
    starts: list[int] = []
    i = 0
    # Lines end at "\n" only, as line numbers count them (not at "\r" or form feeds, where
    # str.splitlines would also end one).
    for line in text.split("\n"):
        if line.strip():
            starts.append(i)
        i += len(line) + 1
    return starts


def _merged(spans: list[Span]) -> list[Span]:
    """The union of ``spans`` as sorted, disjoint spans."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def article_coverage(corpus: Corpus, article: Article, cited: list[Span]) -> ArticleCoverage:
    """``cited``: every quote of the article's reports and links."""
    covered = _merged(cited)
    ends = [c.end for c in covered]
    starts = paragraph_starts(article.text)
    gaps: list[Gap] = []
    cited_paragraphs: set[int] = set()
    for sentence in article.sentences:
        paragraph = bisect.bisect_right(starts, sentence.start)
        # The first covered span ending after the sentence starts overlaps it if it starts
        # before the sentence ends.
        index = bisect.bisect_right(ends, sentence.start)
        if index < len(covered) and covered[index].start < sentence.end:
            cited_paragraphs.add(paragraph)
            continue
        line, col = article.line_col(sentence.start)
        words = clip(neutralise_line(article.text[sentence.start : sentence.end]), 300)
        gaps.append(Gap(line, col, paragraph, words))
    uncited = tuple(p for p in range(1, len(starts) + 1) if p not in cited_paragraphs)
    return ArticleCoverage(
        article.id,
        display_path(corpus.root / article.text_path),
        len(article.sentences),
        len(starts),
        tuple(gaps),
        uncited,
    )


def coverage(corpus: Corpus) -> list[ArticleCoverage]:
    cited: dict[str, list[Span]] = {}
    for report in corpus.reports.values():
        cited.setdefault(report.article_id, []).extend(report.quotes)
    for link in corpus.links.values():
        cited.setdefault(link.article_id, []).extend(link.quotes)
    for article in corpus.articles.values():
        if article.dateline is not None:  # recorded in the article's table, checked in its text
            cited.setdefault(article.id, []).append(article.dateline)
    return [
        article_coverage(corpus, a, cited.get(a.id, []))
        for a in sorted(corpus.articles.values(), key=lambda a: a.id)
    ]


def render(found: list[ArticleCoverage]) -> str:
    """One line per uncited sentence, ``file:line:col: ¶N: sentence``, then a count per
    article. File names come from the corpus: they are shown through ``neutralise_line``."""
    lines: list[str] = []
    for item in found:
        path = neutralise_line(item.path)
        lines += [f"{path}:{g.line}:{g.col}: ¶{g.paragraph}: {g.text}" for g in item.gaps]
    lines.append("coverage:")
    for item in found:
        cited = item.sentences - len(item.gaps)
        uncited = (
            f"; uncited paragraphs: {', '.join(f'¶{p}' for p in item.uncited_paragraphs)}"
            if item.uncited_paragraphs
            else ""
        )
        lines.append(
            f"  {neutralise_line(item.article_id)}: {cited} of {item.sentences} sentences cited, "
            f"{len(item.gaps)} support no fact{uncited}"
        )
    return "\n".join(lines)
