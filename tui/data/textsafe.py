"""Make any text safe to show in a terminal without changing its length.

Control characters and bidi overrides would reach the terminal as escape sequences or
reorder what the reader sees. Each becomes one visible placeholder character, so character
offsets into the original text stay valid for the displayed text. Lone surrogates (the
bytes of a file name that is not UTF-8) cannot be encoded for the terminal at all and would
raise UnicodeEncodeError on output: they become a placeholder too, or, for a file name,
``\\xNN`` (:func:`escape_surrogates`).
"""

from __future__ import annotations

import re

_PLACEHOLDERS: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c != 0x0A}
_PLACEHOLDERS[0x7F] = "\u2421"  # ␡
for _c in range(0x80, 0xA0):  # C1 controls, including the 8-bit CSI
    _PLACEHOLDERS[_c] = "\ufffd"
for _c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0xFEFF):
    _PLACEHOLDERS[_c] = "\ufffd"  # bidi overrides, isolates and marks; byte-order mark
for _c in range(0xD800, 0xE000):
    _PLACEHOLDERS[_c] = "\ufffd"  # lone surrogates: unencodable, so unprintable

_UNSAFE = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in _PLACEHOLDERS if not 0xD800 <= c < 0xE000)
    + "\ud800-\udfff]"
)
_TABLE = str.maketrans(_PLACEHOLDERS)
_UNSAFE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\n]")
_TABLE_LINE = str.maketrans({**_PLACEHOLDERS, 0x0A: "\u2424"})  # ␤


def neutralise(text: str) -> str:
    """Replace every unsafe character by a visible placeholder of the same length."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def neutralise_line(text: str) -> str:
    """Like :func:`neutralise`, and newlines too, for text shown on a single row."""
    if _UNSAFE_LINE.search(text) is None:
        return text
    return text.translate(_TABLE_LINE)


def escape_surrogates(text: str) -> str:
    """A file name as text: the bytes that were not UTF-8 as ``\\xNN`` instead of the
    surrogate escapes that ``os.fsdecode`` made of them."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name decoding produces
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting it in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str, limit: int | None = None) -> str:
    """Any corpus string (key, id, value, file name) as one safe line, optionally clipped."""
    line = neutralise_line(escape_surrogates(text))
    return line if limit is None else clip(line, limit)
