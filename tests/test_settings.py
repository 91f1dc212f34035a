"""Settings the user changes persist in the XDG config file, and a bad file never stops the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui_helpers import corpus_at
from tui.settings import Settings, load_settings, save_settings, settings_path
from tui.ui.app import DiploApp


def test_settings_live_in_the_xdg_config_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "diplo-tui" / "settings.json"


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    assert save_settings(Settings("nord", False), path) is None
    assert load_settings(path) == (Settings("nord", False), None)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".settings-")]


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == (Settings(), None)


@pytest.mark.parametrize(
    ("content", "expected", "warning"),
    [
        ("{not json", Settings(), "not readable as JSON"),
        ("[1, 2]", Settings(), "expected a JSON object"),
        ('{"theme": 3, "mouse": false}', Settings(None, False), "`theme` must be a string"),
        ('{"theme": "nord", "mouse": "no"}', Settings("nord", True), "`mouse` must be true"),
        ('{"theme": "nord", "colour": 1}', Settings("nord", True), "unknown `colour`"),
    ],
)
def test_a_corrupt_file_is_ignored_with_a_warning(
    tmp_path: Path, content: str, expected: Settings, warning: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == expected
    assert message is not None and warning in message


def test_an_unwritable_place_is_an_error_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    message = save_settings(Settings("nord"), blocker / "settings.json")
    assert message is not None and "could not save settings" in message


async def test_a_theme_chosen_in_the_app_is_saved_and_used_next_time(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    app = DiploApp(corpus_at(), Settings(), path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        await pilot.pause()
    assert json.loads(path.read_text())["theme"] == "nord"
    settings, _ = load_settings(path)
    again = DiploApp(corpus_at(), settings, path)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_the_mouse_setting_is_toggled_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    app = DiploApp(corpus_at(), Settings(), path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.action_toggle_mouse()
        await pilot.pause()
    assert json.loads(path.read_text())["mouse"] is False


async def test_a_warning_about_the_file_is_shown_and_the_app_runs(tmp_path: Path) -> None:
    app = DiploApp(corpus_at(), Settings(), None, "settings.json: not readable as JSON [x]")
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        assert any("[x]" in n.message for n in app._notifications)
