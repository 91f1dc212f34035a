"""What the benchmark does in a real terminal: first frames, and every interaction's keys.

Each scenario is a row of the table. The explorer is driven the way a person drives it,
through its keys only; keys that set a scene are pressed and settled but not timed.
"""

from __future__ import annotations

import os
import statistics
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui.bench.synthetic import SEARCH_WORDS, Manifest
from tui.bench.terminal import Response, Terminal

SIZE = (160, 48)  # columns, rows: every pane of the explorer is shown side by side

MINIMAL_APP = '''\
"""The reference: a minimal Textual app, an OptionList of 1,000 rows, `j` to move."""
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList


class Rows(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "Down"), Binding("k", "cursor_up", "Up")]


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Rows(*(f"row {n:04d} of the minimal app" for n in range(1, 1001)))


Minimal().run()
'''
#: On screen when the minimal app has drawn its first frame.
MINIMAL_MARKERS = ("row 0001 of the minimal app", "row 0040 of the minimal app")


def explorer_markers(manifest: Manifest) -> tuple[str, ...]:
    """On screen once the explorer has drawn every pane: the four panes' titles, the top
    bar, the footer, and the first article's title and text."""
    return (
        "─ Entities",
        "─ Facts",
        "─ Detail",
        "─ Article",
        " articles · ",
        "Quit",
        manifest.first_title,
        manifest.first_words,
    )


#: Row labels, in table order; a scenario's samples are kept under its key.
SCENARIOS: dict[str, str] = {
    "minimal-j": "minimal app: `j` in a 1,000-row OptionList (reference)",
    "entities-j": "entity list `j`",
    "filter-open": "`/` opens the entity filter",
    "filter-letter": "entity filter: each letter typed",
    "filter-esc": "Esc after the entity filter (Esc byte, as tmux/xterm send it)",
    "filter-esc-kitty": "Esc after the entity filter (kitty keyboard protocol)",
    "facts-j": "facts list `j` (select a fact; busiest entity)",
    "facts-letter": "facts filter: each letter typed",
    "facts-esc": "Esc after the facts filter",
    "enter": "Enter follows a link (detail → report in its article)",
    "backspace": "Backspace goes back",
    "next-article": "`]` next article",
    "previous-article": "`[` previous article",
    "search-open": "`/` opens the article search",
    "search-letter": "article search: each letter typed",
    "search-esc": "Esc after the article search",
    "tab": "Tab to the next pane",
    "palette-open": "Ctrl+P opens the palette",
    "palette-letter": "palette: each letter typed",
    "palette-enter": "Enter on a palette hit (jump)",
    "timeline-open": "`t` opens the timeline of every event",
    "timeline-j": "timeline of every event: `j`",
    "timeline-enter": "timeline of every event: Enter on a row (→ the fact)",
    "timeline-back": "Backspace back to the timeline of every event (at its row)",
    "entity-timeline-open": "`T` opens the busiest entity's timeline",
    "entity-timeline-j": "busiest entity's timeline: `j`",
    "entity-timeline-enter": "busiest entity's timeline: Enter on a row (→ the fact)",
    "entity-timeline-back": "Backspace back to the busiest entity's timeline",
    "view-filter-letter": "timeline of every event, `/` filter: each letter typed",
    "disagreements-open": "`d` opens the disagreements",
    "disagreements-j": "disagreements: `j`",
    "disagreements-enter": "disagreements: Enter on a row (→ the fact)",
    "disagreements-back": "Backspace back to the disagreements",
    "sayings-open": "`w` opens who said what (busiest entity)",
    "sayings-j": "who said what: `j`",
    "sayings-enter": "who said what: Enter on a row (→ the fact)",
    "sayings-back": "Backspace back to who said what",
    "related-open": (
        "`r` opens related events (a fact of the busiest entity; empty: the synthetic "
        "corpus has no links)"
    ),
    "search-view-open": "`s` opens the search across articles",
    "search-view-letter": "search across articles: each letter typed (hits listed)",
    "search-view-enter": "search across articles: Enter on a hit (→ its article)",
    "search-view-back": "Backspace back to the search across articles",
    "query-open": "`f` opens the query line",
    "query-letter": "query line: each letter typed (matches counted)",
    "query-run": "query line: Enter lists the matching facts",
}


@dataclass
class Samples:
    """One scenario's keys: seconds to the first change and to the settled screen."""

    first: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)
    silent: int = 0  # keys after which the screen did not change at all

    def add(self, response: Response) -> None:
        if response.first is None or response.settled is None:
            self.silent += 1
        else:
            self.first.append(response.first)
            self.settled.append(response.settled)

    def values(self, which: str = "settled") -> list[float]:
        """``settled`` or ``first``."""
        return self.first if which == "first" else self.settled

    def median(self, which: str = "settled") -> float | None:
        values = self.values(which)
        return statistics.median(values) if values else None

    def p95(self, which: str = "settled") -> float | None:
        values = sorted(self.values(which))
        if not values:
            return None
        return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


@dataclass
class Session:
    """Everything measured in one running program."""

    keys: dict[str, Samples] = field(default_factory=dict)
    peak_rss_mb: float | None = None

    def record(self, name: str, response: Response) -> None:
        self.keys.setdefault(name, Samples()).add(response)


def terminal_env(cache_home: Path) -> dict[str, str]:
    """The environment of a program under test: a 256-colour xterm with true colour, the
    explorer's own defaults for Textual (set for both programs, so they render alike), and
    a cache of our choosing."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TMUX"))}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        TEXTUAL_ANIMATIONS="none",
        TEXTUAL_FPS="120",
        XDG_CACHE_HOME=str(cache_home),
    )
    env.setdefault("LANG", "C.UTF-8")
    env.pop("NO_COLOR", None)
    return env


def explorer_argv(root: Path) -> list[str]:
    return [sys.executable, "-m", "tui", str(root)]


def minimal_argv(script: Path) -> list[str]:
    return [sys.executable, str(script)]


def first_frame(argv: list[str], markers: tuple[str, ...], env: Mapping[str, str]) -> float:
    """Seconds from starting the program until every marker is on screen."""
    with Terminal(argv, env=env, size=SIZE) as terminal:
        return terminal.wait_for(markers)


#: On screen while the explorer loads its corpus (tui/ui/loading.py): its title and a step.
LOADING_MARKERS = ("diplo-tui · loading ", "…")


def explorer_start(
    argv: list[str], markers: tuple[str, ...], env: Mapping[str, str]
) -> tuple[float, float]:
    """Seconds from starting the explorer until its first frame (the loading screen, or the
    explorer when that came first), and until every pane is drawn (``markers``)."""
    with Terminal(argv, env=env, size=SIZE) as terminal:
        shown, usable = terminal.wait_for_stages([[LOADING_MARKERS, markers], [markers]])
        return shown, usable


def _move(terminal: Terminal, session: Session, name: str, count: int) -> None:
    """``j`` ``count`` times; at the end of a list (no change), ``k`` back up instead."""
    key = "j"
    for _ in range(count):
        response = terminal.press(key)
        if response.first is None:
            key = "k" if key == "j" else "j"
            response = terminal.press(key)
        session.record(name, response)


def _type_timed(terminal: Terminal, session: Session, name: str, word: str) -> None:
    for letter in word:
        session.record(name, terminal.press(letter))


def minimal_session(script: Path, env: Mapping[str, str], keys: int) -> Session:
    session = Session()
    with Terminal(minimal_argv(script), env=env, size=SIZE) as terminal:
        terminal.wait_for(MINIMAL_MARKERS)
        _move(terminal, session, "minimal-j", keys)
        session.peak_rss_mb = terminal.peak_rss_mb()
    return session


class SetupFailed(RuntimeError):
    """A scene could not be set: the explorer's keys or layout changed."""


def _expect(terminal: Terminal, text: str, doing: str) -> None:
    screen = terminal.text()
    if text not in screen:
        raise SetupFailed(f"{doing}: expected {text!r} on screen; the screen was:\n{screen}")


def explorer_session(root: Path, manifest: Manifest, env: Mapping[str, str], keys: int) -> Session:
    """Every interaction of the explorer, in one process, as a person would press them."""
    session = Session()
    half = max(1, keys // 2)
    names = [n for n in manifest.popular if len(n.split()[0]) >= 4] or manifest.popular
    with Terminal(explorer_argv(root), env=env, size=SIZE) as t:
        t.wait_for(explorer_markers(manifest))
        # The entity list has the focus at start.
        _move(t, session, "entities-j", keys)
        for n in range(max(1, keys // 4)):
            word = names[n % len(names)].split()[0][:4].lower()
            session.record("filter-open", t.press("/"))
            _type_timed(t, session, "filter-letter", word)
            if n % 2:
                session.record("filter-esc-kitty", t.press("escape-kitty"))
            else:
                session.record("filter-esc", t.press("escape"))
        # The facts of the busiest entity: filter the entities down to it, then its facts.
        busiest = manifest.busiest_entity
        t.type(["/", *busiest.lower(), "enter", "2"])
        _expect(t, busiest, "selecting the busiest entity")
        _move(t, session, "facts-j", keys)
        for n in range(max(1, keys // 8)):
            word = ("visit", "phone", "met", "invited", "support")[n % 5]
            t.press("/")
            _type_timed(t, session, "facts-letter", word)
            session.record("facts-esc", t.press("escape"))
        # Links: select a fact, go to its detail, follow the highlighted link, come back.
        for _ in range(half):
            t.type(["2", "j", "3"])
            session.record("enter", t.press("enter"))
            session.record("backspace", t.press("backspace"))
        for _ in range(half):
            session.record("next-article", t.press("]"))
        for _ in range(half):
            session.record("previous-article", t.press("["))
        t.type(["4"])
        for n in range(max(1, keys // 8)):
            session.record("search-open", t.press("/"))
            _type_timed(t, session, "search-letter", SEARCH_WORDS[n % len(SEARCH_WORDS)])
            session.record("search-esc", t.press("escape"))
        for _ in range(keys):
            session.record("tab", t.press("tab"))
        for n in range(max(1, keys // 10)):
            word = names[n % len(names)].split()[0][:5].lower()
            session.record("palette-open", t.press("ctrl+p"))
            _type_timed(t, session, "palette-letter", word)
            session.record("palette-enter", t.press("enter"))
        _views(t, session, manifest, keys)
        session.peak_rss_mb = t.peak_rss_mb()
    return session


#: On screen in the explorer, never in a view (a view is a screen of its own, over it all).
EXPLORER = "─ Entities"
#: The query line's border title (tui/ui/views/query.py), over the explorer.
QUERY_LINE = "─ Facts where…"


@dataclass(frozen=True)
class View:
    """An analyst view as the session drives it: its key, the scenario names' prefix, the
    start of its pane title while it is open (the title ends with the row count), and
    whether it can have rows to move to and open. ``chooser`` is the title it has when it
    lists what to open it on instead (Enter there picks one, inside the view)."""

    key: str
    name: str
    marker: str
    rows: bool = True
    chooser: str | None = None


def views(manifest: Manifest) -> list[View]:
    """Every view opened from the explorer, from the busiest entity and one of its facts.

    Markers are the view's pane title (tui/ui/views/*.py, ``heading``) up to its row count.
    Who said what lists every source instead when the busiest entity is cited for nothing
    (a corpus of one to three articles), so its marker stops before the entity's name."""
    busiest = manifest.busiest_entity
    return [
        View("t", "timeline", "─ Timeline · every event ("),
        View("T", "entity-timeline", f"─ Timeline · {busiest} ("),
        View("d", "disagreements", "─ Where the articles disagree ("),
        View("w", "sayings", "─ Who said what · ", chooser="─ Who said what · every source ("),
        # The synthetic corpus has no links and no times counted from another event, so the
        # related events of any fact are an empty list: only its opening is timed.
        View("r", "related", "─ Related to · ", rows=False),
    ]


def _to_busiest(t: Terminal, busiest: str) -> None:
    """From anywhere in the explorer: the busiest entity's facts, one of them selected."""
    # `/` shows the entity filter as it was left; Esc empties it before the name is typed.
    t.type(["1", "/", "escape", "/", *busiest.lower(), "enter", "2", "j"])
    _expect(t, f"─ Facts · {busiest} (", "selecting the busiest entity's facts")


def _rows_shown(t: Terminal, marker: str) -> int:
    """The row count at the end of the pane title that starts with ``marker``."""
    screen = t.text()
    at = screen.find(marker)
    count = screen[at:].partition(" ─")[0] if at >= 0 else ""
    digits = count.rpartition("(")[2].rstrip(")")
    if not digits.isdigit():
        raise SetupFailed(f"no row count after {marker!r}; the screen was:\n{screen}")
    return int(digits)


def _close_view(t: Terminal, doing: str) -> None:
    # Esc clears a view's filter, and goes back from a source picked in who-said-what to
    # the sources, before it closes the view.
    for _ in range(3):
        t.press("escape")
        if EXPLORER in t.text():
            return
    _expect(t, EXPLORER, doing)


def _views(t: Terminal, session: Session, manifest: Manifest, keys: int) -> None:
    """The analyst views: each opened, `j` in it, Enter on a row and Backspace back to it;
    a view's filter, the search across articles and the query line, each letter timed."""
    busiest = manifest.busiest_entity
    opens = max(1, keys // 4)
    moves = max(1, keys // opens)
    _to_busiest(t, busiest)
    for view in views(manifest):
        for _ in range(opens):
            session.record(f"{view.name}-open", t.press(view.key))
            _expect(t, view.marker, f"opening the {view.name} view with {view.key!r}")
            if view.chooser is not None and view.chooser in t.text():
                t.press("enter")  # the most cited source: a scene, not the view's opening
            if view.rows and _rows_shown(t, view.marker):  # none at one article: `d`
                _move(t, session, f"{view.name}-j", moves)
                session.record(f"{view.name}-enter", t.press("enter"))
                _expect(t, EXPLORER, f"opening a row of the {view.name} view")
                session.record(f"{view.name}-back", t.press("backspace"))
                _expect(t, view.marker, f"going back to the {view.name} view")
            _close_view(t, f"closing the {view.name} view")
    # A view's own filter (`/`), on its longest list: every row is matched at each letter.
    every_event = views(manifest)[0]
    for n in range(max(1, keys // 8)):
        word = ("met", "visit", "phone", "invited", "statement")[n % 5]
        t.type([every_event.key, "/"])
        _type_timed(t, session, "view-filter-letter", word)
        _expect(t, every_event.marker, "filtering the timeline")
        _close_view(t, "closing the filtered timeline")
    # The search across articles: hits are listed as the words are typed; Enter moves to
    # them, Enter again opens the first in its article, Backspace comes back to the search.
    for n in range(max(1, keys // 8)):
        word = SEARCH_WORDS[n % len(SEARCH_WORDS)]
        session.record("search-view-open", t.press("s"))
        _expect(t, "─ Search across articles", "opening the search across articles")
        _type_timed(t, session, "search-view-letter", word)
        _expect(t, f"─ “{word}” in ", "searching every article")
        if "no hits" in t.text():
            _close_view(t, "closing a search without hits")
            continue
        t.press("enter")  # from the words to the hits
        session.record("search-view-enter", t.press("enter"))
        _expect(t, EXPLORER, "opening a hit of the search")
        session.record("search-view-back", t.press("backspace"))
        _expect(t, f"─ “{word}” in ", "going back to the search")
        _close_view(t, "closing the search")
    # The query line: each letter is parsed and its matches counted; Enter lists them.
    query = f"type:visit {busiest.split()[0].lower()}"
    for _ in range(max(1, keys // 10)):
        session.record("query-open", t.press("f"))
        _expect(t, QUERY_LINE, "opening the query line")
        _type_timed(t, session, "query-letter", query)
        _expect(t, " match", "counting the query's matches")
        session.record("query-run", t.press("enter"))
        _expect(t, f"─ Query: {query} (", "listing the query's facts")
        t.press("backspace")  # the busiest entity's facts again, so `f` opens empty
        _expect(t, f"─ Facts · {busiest} (", "going back from the query")
