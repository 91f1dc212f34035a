"""The corpus's problems, one per line, as `check` prints them.

Enter goes to the fact a problem is about (the explorer shows what survived of it), or, for a
problem about no fact, copies its location; `e` opens the file at the problem's line in the
user's ``$VISUAL`` or ``$EDITOR``, with the explorer suspended until the editor exits.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.data.corpus import Corpus
from tui.data.problem_facts import fact_of, problem_file
from tui.data.problems import Problem
from tui.ui.commands import COMMANDS
from tui.ui.keybar import KeyBar
from tui.ui.text import plain


class ProblemsScreen(ModalScreen[str | None]):
    """Dismissed with the id of the fact to go to, or None."""

    BINDINGS = [
        # Enter is the list's own (OptionSelected); the table names it for help.
        *(c.binding() for c in COMMANDS if c.scope == "problems" and c.keys != "enter"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self, problems: list[Problem], corpus: Corpus | None = None) -> None:
        super().__init__()
        self.problems = problems
        self.corpus = corpus
        # Worked out once: each is a look into a facts file.
        self._facts = [fact_of(corpus, p) if corpus else None for p in problems]

    def compose(self) -> ComposeResult:
        options = []
        for n, problem in enumerate(self.problems):
            fact = self._facts[n]
            line = plain(str(problem))
            if fact is not None:
                line = Content.assemble(line, "\n", plain(f"  → fact {fact}", "dim"))
            options.append(Option(line, id=str(n)))
        yield OptionList(*options, id="problems", markup=False)
        yield KeyBar()  # its own keys, over the explorer's

    def on_mount(self) -> None:
        problems = self.query_one(OptionList)
        count = len(self.problems)
        problems.border_title = Content(f"{count} problem{'s' * (count != 1)} in the corpus")
        problems.border_subtitle = Content(
            "enter goes to the fact · e edits · c copies the location · esc closes"
        )
        if count:
            problems.highlighted = 0  # Enter acts on the first problem without a move first
        problems.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor(self, direction: str) -> None:
        problems = self.query_one(OptionList)
        if direction == "down":
            problems.action_cursor_down()
        else:
            problems.action_cursor_up()

    def _current(self) -> int | None:
        return self.query_one(OptionList).highlighted

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        fact = self._facts[index]
        if fact is not None:
            self.dismiss(fact)
        else:
            self._copy(index)

    def action_copy_location(self) -> None:
        index = self._current()
        if index is not None:
            self._copy(index)

    def _copy(self, index: int) -> None:
        problem = self.problems[index]
        where = f"{problem.path}:{problem.line}:{problem.col}"
        self.app.copy_to_clipboard(where)
        self.notify(plain(f"Copied {where}").plain, markup=False, timeout=3)

    def action_edit(self) -> None:
        index = self._current()
        if index is None:
            return
        problem = self.problems[index]
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("Set $EDITOR (or $VISUAL) to edit from here.", markup=False, timeout=5)
            return
        path = problem_file(self.corpus, problem) if self.corpus else None
        if path is None:
            self.notify(
                plain(f"{problem.path} is not a facts file of this corpus.").plain,
                markup=False,
                timeout=5,
            )
            return
        # +LINE is understood by vi, vim, nano, emacs, micro and kakoune alike.
        command = [*shlex.split(editor), f"+{problem.line}", str(path)]
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", markup=False)
        except OSError as error:
            self.notify(
                plain(f"Could not run {editor}: {error.strerror or error}").plain,
                markup=False,
                timeout=5,
            )
        else:
            self.notify(
                "The corpus is read at start: run diplo-tui check, or restart, to see the edit.",
                markup=False,
                timeout=5,
            )
