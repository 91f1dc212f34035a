"""Snapshots of the main views at 80×24 and 160×48 (update with --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui_helpers import CORPORA, explorer, make_app
from tui.ui.panes import Target

SIZES = [(80, 24), (160, 48)]


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def jump_to(kind: str, ident: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        explorer(pilot.app).jump(Target(kind, ident))
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_kremlin_statement_detail(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(), terminal_size=size, run_before=jump_to("fact", "kremlin-statement-on-call")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reading_the_article_by_sentence(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["4", "j", "j", "j"])


def test_help(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_across_articles(snap_compare: Any, size: tuple[int, int]) -> None:
    keys = ["s", *"Lavrov", "enter", "j"]
    assert snap_compare(make_app(), terminal_size=size, press=keys)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["t", "j", "j"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_disagreements(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(CORPORA / "disagree")
    assert snap_compare(app, terminal_size=size, press=["d", "j"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_query_and_its_counts(snap_compare: Any, size: tuple[int, int]) -> None:
    query = [("space" if c == " " else c) for c in "status:declined,virt,planned putin"]
    keys = ["f", *query, "enter", "F"]
    assert snap_compare(make_app(), terminal_size=size, press=keys)
