"""Anchor verbatim quotes to character offsets, like a W3C TextQuoteSelector.

A quote must occur exactly once in its article, after filtering by the optional text that
must come right before (``prefix``) or after (``suffix``) it. When it does not, the result
says why, with the closest passage or the places to choose from, so the message can help.

The work per quote is bounded whatever the article and the quote: a one-letter quote in a
long article stops counting at :data:`MAX_OCCURRENCES`, and the search for the closest
passage looks at a bounded number of places with a bounded part of the quote.
"""

from __future__ import annotations

import bisect
import difflib
import re
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
    """Where a quote first departs from the passage most like it, and what each has there:
    a character (a typo, a look-alike) or a few words (a word changed, added or dropped)."""

    quote_offset: int  # into the quote
    text_offset: int  # into the article
    quoted: str  # the quote's text there ("" when the quote leaves something out)
    written: str  # the article's text there ("" when the quote adds something)


@dataclass(frozen=True, slots=True)
class Passage:
    """The part of an article that a quote which was not found stands for, in whole words,
    and where the quote first departs from it (None when it does not)."""

    start: int
    end: int
    difference: Difference | None


# Words and single other characters (white space apart): a quote is aligned by these, so a
# word replaced by a longer one is one difference, not a shift of every letter after it.
_TOKEN = re.compile(r"\w+|[^\w\s]")


class _Tokens:
    """The tokens of a text, each with where it starts and ends (plus ``base``)."""

    def __init__(self, text: str, base: int) -> None:
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _TOKEN.finditer(text):
            self.words.append(match.group())
            self.starts.append(base + match.start())
            self.ends.append(base + match.end())

    def __len__(self) -> int:
        return len(self.words)


Block = tuple[int, int, int]  # as difflib's: a run of n tokens, from a in the text, b in the quote


def closest(text: str, start: int, quote: str) -> Passage:
    """The passage of ``text`` that ``quote`` (not found in it) stands for, near ``start``
    (found by :func:`closest_passage`), and the first place where the two part ways.

    The quote is aligned with the text around ``start`` word by word (difflib on tokens, so
    "restarted" for "resumed" is one difference, not a letter and a shifted rest). Of the
    runs of words they share, the chain that leaves the fewest characters different is kept,
    so a word met by chance a sentence away does not stretch the passage. Words the quote has
    before its first shared run (after its last) are paired with as many of the article's
    right before (after) it, when they stand as the quote's do (a word for a word, spaced
    alike): "the quote adds" rather than a curly quote paired with the last sentence's full
    stop. The work is bounded as :func:`closest_passage`'s: at most ``_MAX_COMPARED``
    characters of the quote, and about twice as many of the text.
    """
    compared = quote[:_MAX_COMPARED]
    q = _Tokens(compared, 0)
    if len(compared) < len(quote) and len(q) > 1:  # its last word may be cut short
        compared = compared[: q.starts[-1]].rstrip()
        q = _Tokens(compared, 0)
    pad = len(compared) // 2 + 16
    low, high = max(0, start - pad), min(len(text), start + len(compared) + pad)
    a = _Tokens(text[low:high], low)
    blocks = _blocks(a, 0, len(a), q, 0, len(q))
    if not blocks:  # nothing in common: they part ways at once
        start, end = word_bounds(text, start, min(len(text), start + len(quote)))
        opening, word = _TOKEN.search(compared), _TOKEN.search(text, start, high)
        quoted = compared[: opening.end()] if opening else compared
        return Passage(start, end, _refined(text, quoted, 0, start, word.end() if word else start))

    def q_start(block: Block) -> int:
        return q.starts[block[1]]

    def q_end(block: Block) -> int:
        return q.ends[block[1] + block[2] - 1]

    def a_start(block: Block) -> int:
        return a.starts[block[0]]

    def a_end(block: Block) -> int:
        return a.ends[block[0] + block[2] - 1]

    # The chain of blocks f..l costs the quote's text before block f and after block l, and
    # at each gap between two blocks the longer of its two sides; each character it matches
    # takes one off (two when the block starts or ends the quote), so a word the two share
    # at the start ("has [strongly] denied") is kept past a short gap.
    def chain(blocks: list[Block]) -> list[Block]:
        def lead(k: int) -> int:
            return q_start(blocks[k])

        def trail(k: int) -> int:
            return len(compared) - q_end(blocks[k])

        def size(k: int) -> int:
            size = q_end(blocks[k]) - q_start(blocks[k])
            return 2 * size if not lead(k) or not trail(k) else size

        gaps = 0  # the gaps between blocks 0 and k, less the characters those blocks match
        first, first_cost = 0, lead(0)  # the best f so far: its lead, less the gaps before it
        best, best_cost = (0, 0), lead(0) - size(0) + trail(0)
        for k in range(1, len(blocks)):
            before, block = blocks[k - 1], blocks[k]
            gaps += max(a_start(block) - a_end(before), q_start(block) - q_end(before))
            gaps -= size(k - 1)
            if lead(k) - gaps < first_cost:
                first, first_cost = k, lead(k) - gaps
            cost = first_cost + gaps - size(k) + trail(k)
            if cost < best_cost:
                best, best_cost = (first, k), cost
        return blocks[best[0] : best[1] + 1]

    # Difflib matches the longest run first, anywhere: a word of the quote's end may have been
    # matched far past the passage (", and" of a later clause rather than the next "China").
    # The ends left over are matched again, within about as much of the text next to the
    # chain as they are long.
    kept = chain(blocks)
    last = kept[-1]
    if last[1] + last[2] < len(q):
        rest = len(compared) - q_end(last)
        reach = a_end(last) + rest + max(4, rest // 4)
        until = bisect.bisect_right(a.starts, reach, last[0] + last[2], len(a))
        kept = chain(kept + _blocks(a, last[0] + last[2], until, q, last[1] + last[2], len(q)))
    first = kept[0]
    if first[1]:
        reach = a_start(first) - q_start(first) - max(4, q_start(first) // 4)
        since = bisect.bisect_left(a.ends, reach, 0, first[0])
        kept = chain(_blocks(a, since, first[0], q, 0, first[1]) + kept)
    first, last = kept[0], kept[-1]

    # The article's words paired with the quote's before the first block and after the last:
    # as many, when the words next to the block stand as the quote's do.
    head, tail = first[1], last[1] + last[2]
    p_start, p_end = a_start(first), a_end(last)
    i = first[0]
    if head and i and _alike(a, i - 1, q, head - 1, 1):
        p_start = a.starts[max(0, i - head)]
    j = last[0] + last[2]
    if tail < len(q) and j < len(a) and _alike(a, j, q, tail, -1):
        p_end = a.ends[min(len(a), j + len(q) - tail) - 1]

    # The first place where they part ways: before the first block, between two words of a
    # block (white space only), between two blocks, or after the last block. White space
    # the quote starts (ends) with is compared with as much of the article's there.
    head_start = p_start
    if not head:
        least = max(0, a_start(first) - q_start(first))
        while head_start > least and text[head_start - 1].isspace():
            head_start -= 1
    tail_end = p_end
    if tail == len(q):
        limit = min(len(text), a_end(last) + len(compared) - q_end(last))
        while tail_end < limit and text[tail_end].isspace():
            tail_end += 1
    segments = [(0, q_start(first), head_start, a_start(first))]
    for k, (ai, bi, n) in enumerate(kept):
        segments.extend(
            (q.ends[bi + t], q.starts[bi + t + 1], a.ends[ai + t], a.starts[ai + t + 1])
            for t in range(n - 1)
        )
        if k + 1 < len(kept):
            after = kept[k + 1]
            segments.append(
                (q.ends[bi + n - 1], q_start(after), a.ends[ai + n - 1], a_start(after))
            )
    if tail < len(q) or len(compared) == len(quote):  # a cut quote's end is not compared
        segments.append((q_end(last), len(compared), a_end(last), tail_end))
    difference: Difference | None = None
    for q1, q2, a1, a2 in segments:
        if text[a1:a2] != compared[q1:q2]:
            difference = _refined(text, compared[q1:q2], q1, a1, a2)
            if difference is not None:
                break
    if len(compared) < len(quote):  # the passage as long as the rest of the quote
        p_end = min(len(text), max(p_end, a_end(last) + len(quote) - q_end(last)))
    p_start, p_end = word_bounds(text, p_start, p_end)
    return Passage(p_start, p_end, difference)


def _alike(a: _Tokens, i: int, q: _Tokens, k: int, step: int) -> bool:
    """Whether token ``i`` of the text and ``k`` of the quote stand alike next to a block
    that starts (``step`` 1) or ends (``step`` -1) right after or before them: both words or
    both other characters, and both apart from the block's word or both touching it."""
    if _wordy(a.words[i][0]) != _wordy(q.words[k][0]):
        return False
    if step > 0:
        return (a.ends[i] < a.starts[i + 1]) == (q.ends[k] < q.starts[k + 1])
    return (a.starts[i] > a.ends[i - 1]) == (q.starts[k] > q.ends[k - 1])


def _blocks(a: _Tokens, a1: int, a2: int, q: _Tokens, q1: int, q2: int) -> list[Block]:
    """The runs of tokens the text's ``a1:a2`` and the quote's ``q1:q2`` share, as difflib
    finds them."""
    matcher = difflib.SequenceMatcher(None, a.words[a1:a2], q.words[q1:q2], autojunk=False)
    return [(i + a1, k + q1, n) for i, k, n in matcher.get_matching_blocks()[:-1]]


def _refined(text: str, quoted: str, at: int, start: int, end: int) -> Difference | None:
    """The difference between ``quoted`` (at ``at`` in the quote) and ``text[start:end]``,
    less the whole words both have at either end: the one character that differs, when only
    one does, or else the words, trimmed of the white space around them."""
    written = text[start:end]
    shorter = min(len(quoted), len(written))
    same = 0
    while same < shorter and quoted[same] == written[same]:
        same += 1
    while not (_cut(quoted, same) and _cut(written, same)):
        same -= 1
    tail = 0
    while tail < shorter - same and quoted[-1 - tail] == written[-1 - tail]:
        tail += 1
    while not (_cut(quoted, len(quoted) - tail) and _cut(written, len(written) - tail)):
        tail -= 1
    quoted, written = quoted[same : len(quoted) - tail], written[same : len(written) - tail]
    at, start = at + same, start + same
    if not quoted and not written:
        return None
    if quoted and written and abs(len(quoted) - len(written)) <= 1:
        # One character changed, added or left out: all the rest is the same before and after.
        shorter = min(len(quoted), len(written))
        same = 0
        while same < shorter and quoted[same] == written[same]:
            same += 1
        tail = 0
        while tail < shorter - same and quoted[-1 - tail] == written[-1 - tail]:
            tail += 1
        if len(quoted) - same - tail <= 1 and len(written) - same - tail <= 1:
            return Difference(
                at + same,
                start + same,
                quoted[same : len(quoted) - tail],
                written[same : len(written) - tail],
            )
    if len(quoted) <= 1 and len(written) <= 1:
        return Difference(at, start, quoted, written)
    q_trimmed, w_trimmed = quoted.strip(), written.strip()
    if not q_trimmed and not w_trimmed:  # white space only: shown as it is
        return Difference(at, start, quoted, written)
    if q_trimmed:
        at += len(quoted) - len(quoted.lstrip())
    if w_trimmed:
        start += len(written) - len(written.lstrip())
    else:
        # Words added where the article has white space (or nothing): they stand where the
        # article's next word starts, past the white space the quote has before them too.
        skip = len(quoted) - len(quoted.lstrip())
        start += len(written)
        while skip and start < len(text) and text[start].isspace():
            start, skip = start + 1, skip - 1
    return Difference(at, start, q_trimmed, w_trimmed)


def _cut(text: str, at: int) -> bool:
    """Whether ``text`` may be cut at ``at`` without cutting a word."""
    return at <= 0 or at >= len(text) or not (_wordy(text[at - 1]) and _wordy(text[at]))


def _wordy(char: str) -> bool:
    return char.isalnum() or char == "_"
