"""The first screen of a start: how far loading the corpus has got, drawn at once.

The load runs in a worker thread and reports through a plain callable
(:data:`tui.data.progress.Progress`). Calling into the event loop for each of thousands of
fact files would make the load wait on the screen, so :class:`LoadProgress` only keeps the
latest report (one tuple, replaced whole) and the screen draws it on a timer of its own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from tui.data.progress import CACHE, CHECKING, READING, SAVING
from tui.data.textsafe import printable

# How often the screen looks at the latest report: often enough to look alive.
REDRAW_EVERY = 1 / 15


class LoadProgress:
    """The latest report of a load in another thread; the callable handed to the loader."""

    def __init__(self) -> None:
        self.latest: tuple[str, int, int] = (CACHE, 0, 0)

    def __call__(self, phase: str, done: int, total: int) -> None:
        self.latest = (phase, done, total)  # one assignment: the reader sees old or new


def describe(phase: str, done: int, total: int) -> str:
    """What the loading screen says for a report."""
    if phase == READING and total:
        return f"Reading {done:,} of {total:,} fact files…"
    return {
        CACHE: "Looking for the corpus in the cache…",
        READING: "Reading the fact files…",
        CHECKING: "Checking references, quotes and times…",
        SAVING: "Saving the corpus to the cache for the next start…",
    }.get(phase, "Loading…")


class LoadingScreen(Screen[None]):
    """``Loading <corpus>``, what is being done, and a bar while fact files are read."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen Static { width: auto; height: 1; }
    LoadingScreen #loading-title { text-style: bold; }
    LoadingScreen ProgressBar { margin-top: 1; }
    """
    # Only Ctrl+Q reaches the screen while loading (DiploApp.PASSED_WHILE_HELD).
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit")]

    def __init__(self, name: str, progress: LoadProgress) -> None:
        super().__init__()
        self.corpus_name = name
        self.progress = progress
        self._shown: tuple[str, int, int] | None = None

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                # Content, never markup: a corpus's folder name may hold brackets.
                title = f"diplo-tui · loading {printable(self.corpus_name)}"
                yield Static(Content(title), id="loading-title")
            with Center():
                yield Static(Content(describe(*self.progress.latest)), id="loading-step")
            with Center():
                yield ProgressBar(
                    total=None, show_percentage=False, show_eta=False, id="loading-bar"
                )

    def on_mount(self) -> None:
        self.redraw()
        self._timer = self.set_interval(REDRAW_EVERY, self.redraw)

    async def on_screen_suspend(self) -> None:
        """The explorer is shown over it, for good: stop drawing. An indeterminate bar
        animates for ever, even under another screen, and would keep the app busy."""
        self._timer.stop()
        await self.query_children().remove()

    def redraw(self) -> None:
        latest = self.progress.latest
        if latest == self._shown:
            return
        self._shown = latest
        phase, done, total = latest
        self.query_one("#loading-step", Static).update(Content(describe(phase, done, total)))
        bar = self.query_one(ProgressBar)
        if phase == READING and total:
            bar.update(total=total, progress=done)
        elif phase in (CHECKING, SAVING):
            bar.update(total=1, progress=1)
