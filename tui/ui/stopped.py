"""What the reader sees when the explorer stops on an error it did not expect.

Not a traceback: one paragraph saying what went wrong, that the index will be built again (a
row of it may be damaged: a torn write, a disk error, a file changed by hand) and where the
details are kept, for a bug report.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from rich.text import Text

import tui.data.codec
import tui.data.index
from tui.data.textsafe import neutralise_line
from tui.ui.citation import save_state

REPORT = "crash.txt"


class Stopped(Exception):
    """The explorer stopped on ``error``; Textual prints :meth:`__rich__` once the terminal
    is restored (an exception with ``__rich__`` is shown as that, not as a traceback)."""

    def __init__(self, error: BaseException, report: Path | None, index: Path | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.report = report
        self.index = index

    @property
    def said(self) -> str:
        """The error in one line: it may quote what was read, so neutralised and cut."""
        return neutralise_line(f"{type(self.error).__name__}: {self.error}")[:500]

    def __rich__(self) -> Text:
        # Never parsed as markup.
        lines = [f"diplo-tui stopped on an unexpected error: {self.said}"]
        if self.index is not None:
            lines.append(
                "Its index of the corpus may be damaged: it was removed, and the next start "
                "builds it again from the facts and texts."
            )
        if self.report is not None:
            lines.append(f"The details are in {neutralise_line(str(self.report))}.")
        return Text("\n".join(lines))


def stopped(error: BaseException, index: Path | None) -> Stopped:
    details = "".join(traceback.format_exception(error))
    found = Stopped(error, save_state(REPORT, details), index)
    found.__cause__ = error
    return found


_READERS = {tui.data.index.__file__, tui.data.codec.__file__}


def from_the_index(error: BaseException) -> bool:
    """Whether ``error`` was raised while the index was being read (a row decoded): not
    from the program's own code, whose errors say nothing about the index."""
    return any(frame.filename in _READERS for frame in traceback.extract_tb(error.__traceback__))
