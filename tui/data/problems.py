"""Problems found in a corpus, reported the way compilers report errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.data.textsafe import escape_surrogates, printable

# A message quotes corpus material clipped to a few hundred characters; this bounds the rest
# (a long list of places or choices), so one problem is always one readable line.
MESSAGE_LIMIT = 2000


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the corpus, located at ``path:line:col``."""

    path: str
    line: int
    col: int
    message: str

    def __post_init__(self) -> None:
        # Messages quote keys, ids, values and file names from the corpus: whoever shows a
        # problem (check, export, the explorer) gets one line with no escape sequence, no
        # bidi override and nothing unencodable in it.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message, MESSAGE_LIMIT))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class NotACorpus(Exception):
    """The path given is not a corpus directory at all (a usage error, not a fact problem)."""


class CorpusError(Exception):
    """Raised when a corpus must be clean but is not; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it,
    with the bytes of a name that is not UTF-8 shown as ``\\xNN``."""
    try:
        shown = str(path.absolute().relative_to(Path.cwd()))
    except (ValueError, OSError):  # OSError: the working directory was deleted
        shown = str(path)
    return escape_surrogates(shown)
