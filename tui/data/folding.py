"""Fold text for searching: case, diacritics and typographic quotes and dashes do not matter.

A keyboard types ``'`` and ``"``; articles print ``’`` and ``“``. Every search and filter
compares folded text with a folded query. Folding maps each character to exactly one
character, so an offset into the folded text is an offset into the original: a match can
be highlighted where it stands.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SAME = {
    "'": "‘’‚‛′ʼʹ`´",
    '"': "“”„‟″«»",
    "-": "‐‑‒–—―−",
    " ": "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003",
}
_TABLE = {c: plain for plain, variants in _SAME.items() for c in variants}


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if char in _TABLE:
        return _TABLE[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lower = (base if len(base) == 1 else char).lower()
    return lower if len(lower) == 1 else char.lower()[:1] or char


class _Folded(dict[int, str]):
    """Each character's folding by code point, worked out the first time it is met: read by
    ``str.translate`` in C, where a call per character cost the build of an index seconds."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _Folded()


def fold(text: str) -> str:
    """``text`` folded character by character; always the same length as ``text``."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED)
