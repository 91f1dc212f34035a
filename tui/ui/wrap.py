"""Word-wrap article text into screen lines that remember their character offsets.

The article view scrolls evidence into view by character offset, so it wraps the text itself
rather than letting a widget do it out of sight: each screen line is a ``(start, end)`` span
of the original text (newlines excluded), measured in terminal cells.
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
        if cell_len(paragraph) <= width:
            lines.append((start, end))
            continue
        line_start, used = start, 0
        for match in _CHUNK.finditer(paragraph):
            chunk = match.group()
            chunk_start = start + match.start()
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
    return lines
