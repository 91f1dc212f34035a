"""Anchor verbatim quotes to character offsets, like a W3C TextQuoteSelector.

A quote must occur exactly once in its article, after filtering by the optional text that
must come right before (``prefix``) or after (``suffix``) it. When it does not, the result
says why, with the closest passage or the places to choose from, so the message can help.

The work per quote is bounded whatever the article and the quote: a one-letter quote in a
long article stops counting at :data:`MAX_OCCURRENCES`, and the search for the closest
passage looks at a bounded number of places with a bounded part of the quote.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchored:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NotFound:
    closest_start: int
    closest_end: int


# An ambiguous quote is reported with its first occurrences; counting on past this many
# would only make the message longer and the check slower (a one-letter quote in 1 MB).
MAX_OCCURRENCES = 1000
# The closest-passage search: at most this many grams of the quote vote, with this many
# places found in the text between them (a gram found more often than its share is too
# common to say where the quote is, like difflib's "popular" junk), and the final
# comparison reads at most this much of the quote.
_MAX_GRAMS = 64
_MAX_HITS = 200_000
_MAX_COMPARED = 400


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """The first occurrences (at most MAX_OCCURRENCES + 1 of them: more means "over")."""

    starts: tuple[int, ...]

    @property
    def capped(self) -> bool:
        return len(self.starts) > MAX_OCCURRENCES


def occurrences(
    text: str, exact: str, prefix: str = "", suffix: str = "", limit: int | None = None
) -> list[int]:
    """Start offsets of the occurrences of ``exact`` with the given context around it: every
    one, or the first ``limit``."""
    starts: list[int] = []
    if not exact:
        return starts
    at = text.find(exact)
    while at >= 0:
        before = not prefix or (at >= len(prefix) and text.startswith(prefix, at - len(prefix)))
        after = not suffix or text.startswith(suffix, at + len(exact))
        if before and after:
            starts.append(at)
            if limit is not None and len(starts) >= limit:
                break
        at = text.find(exact, at + 1)
    return starts


def anchor(
    text: str, exact: str, prefix: str = "", suffix: str = ""
) -> Anchored | NotFound | Ambiguous:
    starts = occurrences(text, exact, prefix, suffix, limit=MAX_OCCURRENCES + 1)
    if len(starts) == 1:
        return Anchored(starts[0], starts[0] + len(exact))
    if starts:
        return Ambiguous(tuple(starts))
    return NotFound(*closest_passage(text, exact))


def closest_passage(text: str, quote: str) -> tuple[int, int]:
    """The span of ``text`` most like ``quote``, of the same length.

    Short runs of the quote (grams) found in the text vote for where the quote would start
    (the diagonal of an alignment); the few best-voted places are then compared. The work is
    bounded: at most ``_MAX_GRAMS`` grams, spread over the quote, each found at most its
    share of ``_MAX_HITS`` times (a gram found more often says little about where the quote
    is and is skipped), and the comparison reads at most ``_MAX_COMPARED`` characters.
    """
    if not text or not quote:
        return 0, 0
    size = max(1, min(4, len(quote) // 4))
    grams = len(quote) - size + 1
    if grams > _MAX_GRAMS:
        picked = sorted({n * grams // _MAX_GRAMS for n in range(_MAX_GRAMS)})
    else:
        picked = list(range(grams))
    share = _MAX_HITS // len(picked)
    votes: dict[int, int] = {}
    common: dict[int, int] = {}  # the first places of the too-common grams: a last resort
    for offset in picked:
        gram = quote[offset : offset + size]
        hits: list[int] = []
        at = text.find(gram)
        while at >= 0 and len(hits) <= share:
            hits.append(max(0, at - offset))
            at = text.find(gram, at + 1)
        counted = common if len(hits) > share else votes
        for start in hits:
            counted[start] = counted.get(start, 0) + 1
    votes = votes or common
    if not votes:
        return 0, min(len(text), len(quote))
    best = sorted(votes, key=lambda s: (-votes[s], s))[:8]
    compared = quote[:_MAX_COMPARED]

    def similarity(start: int) -> float:
        window = text[start : start + len(compared)]
        return difflib.SequenceMatcher(None, window, compared, autojunk=False).ratio()

    start = max(best, key=lambda s: (similarity(s), -s))
    return start, min(len(text), start + len(quote))


def distinguishing_prefix(text: str, start: int, others: tuple[int, ...], limit: int = 40) -> str:
    """The shortest text before ``start`` that no other occurrence shares, for a hint."""
    for size in range(1, min(limit, start) + 1):
        candidate = text[start - size : start]
        if all(text[max(0, o - size) : o] != candidate for o in others if o != start):
            return candidate
    return text[max(0, start - limit) : start]


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole words, so a passage shown never starts mid-word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


@dataclass(frozen=True, slots=True)
class Difference:
    """Where a quote first departs from the passage most like it."""

    quote_offset: int  # into the quote
    text_offset: int  # into the article
    quoted: str  # the quote's character there ("" when the quote ends first)
    written: str  # the article's character there ("" when the passage ends first)


def first_difference(text: str, start: int, end: int, quote: str) -> Difference | None:
    """The first place where ``quote`` and ``text[start:end]`` differ, aligned by difflib."""
    passage = text[start:end][:_MAX_COMPARED]
    matcher = difflib.SequenceMatcher(None, passage, quote[:_MAX_COMPARED], autojunk=False)
    for tag, p1, p2, q1, q2 in matcher.get_opcodes():
        if tag != "equal":
            return Difference(q1, start + p1, quote[q1:q2][:1], passage[p1:p2][:1])
    return None
