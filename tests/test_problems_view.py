"""The problems view leads to the fact a problem is about, and to the file in an editor."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_views import settle
from tests.ui_helpers import CORPORA, corpus_at, explorer, make_app, screen_text
from tui.data.problem_facts import fact_of, problems_by_fact
from tui.ui.problems import ProblemsScreen

WIDE = (160, 48)


def test_a_problem_is_traced_to_the_fact_whose_table_holds_it() -> None:
    corpus = corpus_at(CORPORA / "bad-status")  # a report with status "happened"
    (problem,) = corpus.problems
    assert fact_of(corpus, problem) == "call"
    assert problems_by_fact(corpus) == {"call": [problem]}


def test_a_problem_about_no_fact_has_none() -> None:
    corpus = corpus_at(CORPORA / "missing-text")
    assert corpus.problems
    assert all(fact_of(corpus, p) is None for p in corpus.problems)


def test_a_fact_table_itself_is_found() -> None:
    corpus = corpus_at(CORPORA / "unreported-fact")
    assert [fact_of(corpus, p) for p in corpus.problems] == ["visit"]


async def test_enter_on_a_problem_goes_to_its_fact_which_says_it_is_broken() -> None:
    app = make_app(CORPORA / "bad-status")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert "→ fact call" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.fact_id == "call" and screen.focused_pane() == "detail"
        assert "⚠ 1 problem with this fact" in screen_text(app)
        detail = screen.pane("detail").list
        lines = [str(detail.get_option_at_index(n).prompt) for n in range(detail.option_count)]
        assert any(
            "a report may be missing" in line and "`happened` is not an allowed value" in line
            for line in lines
        )
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.focused_pane() == "entities"


async def test_a_fact_without_problems_says_nothing_of_them() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "enter", "enter")
        await settle(pilot)
        assert explorer(app).focused_pane() == "detail"
        assert "problem with this fact" not in screen_text(app)


@contextlib.contextmanager
def _no_suspend() -> Iterator[None]:
    yield


async def test_e_opens_the_editor_at_the_problems_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "args"
    script = tmp_path / "editor.py"
    script.write_text(f"import sys; open({str(log)!r}, 'w').write(' '.join(sys.argv[1:]))")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(CORPORA / "bad-status")
    monkeypatch.setattr(app, "suspend", _no_suspend)  # the headless driver cannot suspend
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
    line, path = log.read_text().split(" ", 1)
    assert line == "+12"
    assert Path(path) == (CORPORA / "bad-status" / "facts" / "a.toml").resolve()


async def test_e_without_an_editor_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(CORPORA / "bad-status")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert any("$EDITOR" in n.message for n in app._notifications)
