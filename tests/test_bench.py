"""`diplo-tui bench`'s real-terminal harness.

No test asserts on a timing: figures depend on the machine. They assert that figures exist,
are finite, and that the harness saw what the program drew.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tui.bench import scenarios
from tui.bench.terminal import Terminal, Unresponsive


def test_minimal_app_in_a_real_terminal_gives_finite_figures(tmp_path: Path) -> None:
    # A path with a space: nothing is ever built into a shell command.
    script = tmp_path / "a folder" / "minimal app.py"
    script.parent.mkdir()
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache dir")
    with Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal:
        frame = terminal.wait_for(scenarios.MINIMAL_MARKERS)
        assert math.isfinite(frame) and frame > 0
        response = terminal.press("j")
        assert response.first is not None and response.settled is not None
        assert math.isfinite(response.settled) and 0 < response.first <= response.settled
        assert response.bytes > 0
        assert terminal.peak_rss_mb()
    assert terminal.exited()  # ended with its terminal


def test_a_screen_that_never_comes_fails_with_what_was_shown(tmp_path: Path) -> None:
    script = tmp_path / "minimal.py"
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache")
    with (
        Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal,
        pytest.raises(Unresponsive, match="row 0001 of the minimal app"),
    ):
        terminal.wait_for(["no such text"])


def test_a_key_that_changes_nothing_is_reported_as_such(tmp_path: Path) -> None:
    script = tmp_path / "minimal.py"
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache")
    with Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal:
        terminal.wait_for(scenarios.MINIMAL_MARKERS)
        response = terminal.press("x")  # not bound: the screen stays as it is
        assert response.first is None and response.settled is None
