"""Search every article's text for a word or phrase, and say which facts cite each hit.

Folding (case, diacritics, quote styles) keeps offsets: a hit in the folded text is a hit at
the same offsets in the article, so it can be shown and highlighted where it stands. Each
article is folded once, on the first search, not at load: most sessions never search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.data.corpus import Corpus, Span
from tui.data.folding import fold

# Hits listed for one search; past this the count says "1000+". A one-letter query in a
# large corpus would otherwise build a list nobody reads.
HIT_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of the query: where it is, its sentence, and the reports citing it."""

    article_id: str
    span: Span
    sentence: Span
    report_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    hits: tuple[Hit, ...] = ()
    more: bool = False  # stopped at the limit: there are more hits than listed
    articles: int = 0  # how many articles the listed hits are in


@dataclass(slots=True)
class TextSearch:
    """Searches one corpus; keeps each article's folded text once it has been searched."""

    corpus: Corpus
    limit: int = HIT_LIMIT
    _folded: dict[str, str] = field(default_factory=dict)

    def folded(self, article_id: str) -> str:
        text = self._folded.get(article_id)
        if text is None:
            text = self._folded[article_id] = fold(self.corpus.articles[article_id].text)
        return text

    def search(self, query: str) -> Results:
        """Every hit of ``query`` (folded, surrounding blanks ignored), articles in id order."""
        needle = fold(query).strip()
        if not needle:
            return Results(query)
        hits: list[Hit] = []
        articles: set[str] = set()
        for article_id in sorted(self.corpus.articles):
            article = self.corpus.articles[article_id]
            text = self.folded(article_id)
            at = text.find(needle)
            while at != -1:
                if len(hits) == self.limit:
                    return Results(query, tuple(hits), True, len(articles))
                end = at + len(needle)
                sentences = article.sentences
                sentence = sentences[article.sentence_at(at)] if sentences else Span(0, len(text))
                hits.append(
                    Hit(article_id, Span(at, end), sentence, tuple(article.citing(at, end)))
                )
                articles.add(article_id)
                at = text.find(needle, end)
        return Results(query, tuple(hits), False, len(articles))

    def fact_ids(self, hit: Hit) -> list[str]:
        """The facts whose evidence overlaps the hit, each once, in text order."""
        found: list[str] = []
        for report_id in hit.report_ids:
            fact_id = self.corpus.reports[report_id].fact_id
            if fact_id not in found:
                found.append(fact_id)
        return found


def context(text: str, hit: Hit, width: int = 60) -> tuple[str, Span]:
    """The hit's sentence cut to about ``width`` characters around the hit, on one line,
    and where the hit is in that string. ``…`` marks a cut."""
    start, end = hit.sentence
    # A third of the room before the hit, more when the sentence ends soon after it.
    lo = max(start, min(hit.span.start - width // 3, end - width))
    if lo > start:  # start at a word, not in the middle of one
        space = text.find(" ", lo, hit.span.start)
        lo = space + 1 if space != -1 else lo
    hi = min(end, max(hit.span.end, lo + width))
    prefix = "…" if lo > start else ""
    suffix = "…" if hi < end else ""
    shown = prefix + text[lo:hi] + suffix
    shown = shown.replace("\n", " ")
    at = len(prefix) + hit.span.start - lo
    return shown, Span(at, at + min(hit.span.end, hi) - hit.span.start)
