"""`diplo-tui bench`: its arguments, its real-terminal harness, and that it leaves nothing behind.

No test asserts on a timing: figures depend on the machine. They assert that figures exist,
are finite, and that the harness saw what the program drew.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import pytest

from tui.bench import run, scenarios
from tui.bench.terminal import Terminal, Unresponsive
from tui.cli import main


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make every temporary folder the benchmark creates land in an empty folder we watch."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["--sizes", "abc"],
        ["--sizes", "0"],
        ["--sizes", ""],
        ["--sizes", "1,,100"],
        ["--sizes", "-5"],
        ["--runs", "0"],
        ["--keys", "x"],
    ],
)
def test_bad_arguments_are_usage_errors(
    args: list[str], private_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bench", *args]) == 2
    err = capsys.readouterr().err
    assert "usage: diplo-tui bench" in err
    assert "expected" in err and "Traceback" not in err
    assert list(private_tmp.iterdir()) == []  # refused before making anything


def test_workdir_that_is_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a file"
    path.write_text("")
    assert main(["bench", "--sizes", "1", "--workdir", str(path)]) == 2
    assert "is not a directory" in capsys.readouterr().err


def test_interrupted_run_removes_its_temporary_folders(
    private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        # What Ctrl+C does mid-run: the folders exist by then.
        assert any(private_tmp.iterdir())
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "measure", interrupted)
    assert main(["bench", "--sizes", "1"]) == 130
    assert list(private_tmp.iterdir()) == []


@pytest.mark.terminal
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


@pytest.mark.terminal
def test_a_screen_that_never_comes_fails_with_what_was_shown(tmp_path: Path) -> None:
    script = tmp_path / "minimal.py"
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache")
    with (
        Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal,
        pytest.raises(Unresponsive, match="row 0001 of the minimal app"),
    ):
        terminal.wait_for(["no such text"])


@pytest.mark.terminal
def test_stages_are_reached_in_order_and_one_chunk_may_reach_several(tmp_path: Path) -> None:
    script = tmp_path / "minimal.py"
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache")
    with Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal:
        # The first stage's first alternative never shows; its second is the whole app.
        first, whole = terminal.wait_for_stages(
            [[("no such text",), scenarios.MINIMAL_MARKERS[:1]], [scenarios.MINIMAL_MARKERS]]
        )
        assert 0 < first <= whole


@pytest.mark.terminal
def test_a_cold_start_shows_the_loading_screen_before_the_explorer(tmp_path: Path) -> None:
    from tui.bench.synthetic import generate

    root = tmp_path / "corpus"
    manifest = generate(root, 60)  # long enough to load that the loading screen is drawn
    env = scenarios.terminal_env(tmp_path / "cache")
    argv = scenarios.explorer_argv(root)
    markers = scenarios.explorer_markers(manifest)
    with Terminal(argv, env=env, size=scenarios.SIZE) as terminal:
        loading, usable = terminal.wait_for_stages([[scenarios.LOADING_MARKERS], [markers]])
        assert 0 < loading < usable
        terminal.settle()  # nothing left animating under the explorer
    shown, usable = scenarios.explorer_start(argv, markers, env)
    assert 0 < shown <= usable  # warm: the explorer may come before any loading screen


@pytest.mark.terminal
def test_a_key_that_changes_nothing_is_reported_as_such(tmp_path: Path) -> None:
    script = tmp_path / "minimal.py"
    script.write_text(scenarios.MINIMAL_APP)
    env = scenarios.terminal_env(tmp_path / "cache")
    with Terminal(scenarios.minimal_argv(script), env=env, size=scenarios.SIZE) as terminal:
        terminal.wait_for(scenarios.MINIMAL_MARKERS)
        response = terminal.press("x")  # not bound: the screen stays as it is
        assert response.first is None and response.settled is None


@pytest.mark.terminal
def test_bench_runs_end_to_end_with_a_workdir_holding_a_space(
    tmp_path: Path, private_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workdir = tmp_path / "work dir"
    # Two articles: the smallest corpus where every view has rows.
    args = ["bench", "--sizes", "2", "--runs", "1", "--keys", "1", "--no-headless"]
    assert main([*args, "--workdir", str(workdir), "--json", str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert "first frame, every pane drawn" in out and "entity list `j`" in out
    assert (workdir / "corpus-2" / "facts" / "a00000.toml").is_file()  # kept for next time
    assert list(private_tmp.iterdir()) == []  # the scratch folder is gone
    (size,) = json.loads((tmp_path / "out.json").read_text())["sizes"]
    keys = size["explorer"]["keys"]
    assert set(keys) <= set(scenarios.SCENARIOS)  # every key recorded has its row
    empty = {name for name in scenarios.SCENARIOS if not keys.get(name, {}).get("settled")}
    # The minimal app's `j` is another session's; the kitty Esc closes every other filter
    # word, and one key per scenario makes one word. Every other row, the views' too, has
    # a key that changed the screen.
    assert empty == {"minimal-j", "filter-esc-kitty"}
    for name in ("timeline-open", "sayings-enter", "search-view-letter", "query-run"):
        assert all(math.isfinite(x) and x > 0 for x in keys[name]["settled"])


def test_the_one_file_edit_is_timed_and_put_back(tmp_path: Path) -> None:
    from tui.bench.synthetic import generate

    root = tmp_path / "corpus"
    generate(root, 3)
    before = {p: p.read_bytes() for p in (root / "facts").glob("*.toml")}
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    seconds = run._check_after_edit(root, env, 0)
    assert math.isfinite(seconds) and seconds > 0
    assert {p: p.read_bytes() for p in (root / "facts").glob("*.toml")} == before
    assert (tmp_path / "cache" / "diplo-tui" / "parsed.sqlite").is_file()  # check kept parses
    seconds, mb = run._timed_rss(run.export_command(root), env)
    assert math.isfinite(seconds) and mb > 10  # a Python process holding a corpus
