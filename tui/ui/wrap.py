"""Word-wrap article text into screen lines that remember their character offsets.

The article view scrolls evidence into view by character offset, so it wraps the text itself
rather than letting a widget do it out of sight: each screen line is a ``(start, end)`` span
of the original text (newlines excluded), measured in terminal cells.

Wrapping must stay fast for a long article (a curator may raise the size limit): ASCII
paragraphs, where a character is a cell, are broken by searching for the last space that
fits, a step per line rather than per word.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_CHUNK = re.compile(r"\S+\s*|\s+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Spans of ``text`` that each fit in ``width`` cells, breaking at spaces where possible."""
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start = offset
        end = offset + len(paragraph)
        offset = end + 1
        if len(paragraph) <= width and (paragraph.isascii() or cell_len(paragraph) <= width):
            lines.append((start, end))
        elif paragraph.isascii():
            _wrap_ascii(text, start, end, width, lines)
        else:
            _wrap_cells(text, start, end, width, lines)
    return lines


def _wrap_ascii(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Greedy wrapping where every character is one cell and the only space is " "."""
    line_start = start
    while end - line_start > width:
        limit = line_start + width
        # The last space at which the words before it still fit; the line keeps the spaces
        # that follow it, as a terminal would show them at the end of a line.
        space = text.rfind(" ", line_start + 1, limit + 1)
        if space > line_start and text[line_start:space].strip(" "):
            cut = space
            while cut < end and text[cut] == " ":
                cut += 1
            if cut >= end:
                break
        else:
            cut = limit  # one word wider than the line is folded
        lines.append((line_start, cut))
        line_start = cut
    lines.append((line_start, end))


def _wrap_cells(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Wrapping measured in cells: wide characters (CJK, emoji) take two."""
    line_start, used = start, 0
    for match in _CHUNK.finditer(text, start, end):
        chunk = match.group()
        chunk_start = match.start()
        word_cells = cell_len(chunk.rstrip())
        if used + word_cells <= width:
            used += cell_len(chunk)
            continue
        if used:
            lines.append((line_start, chunk_start))
            line_start, used = chunk_start, 0
        if word_cells <= width:
            used = cell_len(chunk)
            continue
        # A word wider than the line is folded character by character.
        for n, char in enumerate(chunk):
            size = cell_len(char)
            if used + size > width and used:
                lines.append((line_start, chunk_start + n))
                line_start, used = chunk_start + n, 0
            used += size
    lines.append((line_start, end))
