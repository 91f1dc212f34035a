"""Where a fact's reports differ, the list and the detail say so, with each article's value."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

from textual.command import CommandPalette
from textual.widgets import Input

from tests.ui_helpers import CORPORA, corpus_at, explorer, make_app, palette_hits, screen_text
from tui.data.accounts import _any_disjoint, _disjoint, account, disagreements
from tui.data.timex import TimeValue
from tui.ui.panes import FactPane, Target

DISAGREE = CORPORA / "disagree"


def test_accounts_group_each_value_with_its_articles() -> None:
    corpus = corpus_at(DISAGREE)
    status = account(corpus, "summit", "status")
    assert status.disagree and status.single is None
    assert [(v.value, v.article_ids) for v in status.variants] == [
        ("declined", ("a", "c")),
        ("attended_virtually", ("b",)),
    ]
    time = account(corpus, "summit", "time")
    assert time.disagree
    assert [v.value for v in time.variants] == ["2023-08-22", "2023-08-23"]
    assert [a.aspect for a in disagreements(corpus, "summit")] == ["time", "status", "certainty"]


def test_times_that_can_all_be_true_agree_on_the_most_precise() -> None:
    corpus = corpus_at()
    time = account(corpus, "putin-modi-call", "time")
    assert not time.disagree and time.single == "2023-08-28"


async def test_the_list_and_the_detail_show_every_articles_value() -> None:
    app = make_app(DISAGREE)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        explorer(app).jump(Target("fact", "summit"))
        await pilot.pause()
        row = app.query_one(FactPane).render_row("fact:summit").plain
        assert row.startswith("≠ Putin and the BRICS summit")
        details = row.splitlines()[1].strip()
        assert details.startswith("2023-08-22 ×2 ≠ 2023-08-23 · declined ×2 ≠ attended virtually")
        text = screen_text(app)
        assert "≠ Putin and the BRICS" in text
        assert "≠ the reports differ on status:" in text  # the detail
        assert "declined  TASS, Third Paper" in text
        assert "attended virtually  Other Wire" in text
        assert "Reported in 3 articles" in text


async def test_a_source_that_is_the_publisher_is_named_once() -> None:
    app = make_app(DISAGREE)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        explorer(app).jump(Target("fact", "summit"))
        await pilot.pause()
        text = screen_text(app)
        assert "said by: TASS “TASS reported”" in text and "TASS ← TASS" not in text


async def test_the_palette_names_kinds_in_the_singular_and_says_what_it_finds() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        field = app.screen.query_one(Input)
        assert "entity" in str(field.placeholder) and "commands" not in str(field.placeholder)
        await pilot.press(*"India")
        assert any(hit.endswith("entity · country") for hit in await palette_hits(pilot))
        assert not re.search(r"entity · countrie(?!s)", screen_text(app))


def test_two_articles_characterising_a_relation_differently_disagree() -> None:
    from tests.ui_helpers import corpus_at
    from tui.data.disagreements import differences

    found = {
        (d.fact_id, d.aspect): {(s.article_id, s.value) for s in d.sides}
        for d in differences(corpus_at())
    }
    sides = found[("russia-india-partnership", "qualifiers")]
    assert ("trt-putin-modi-g20", "tone: already warm ties") in sides
    assert any(
        article == "putin-china-visit" and "particularly privileged strategic partnership" in value
        for article, value in sides
    )
    # One article adding two characterisations of its own is no disagreement.
    optional = [s for (_, aspect), s in found.items() if aspect in ("qualifiers", "participants")]
    assert optional and all(len({a for a, _ in s}) > 1 for s in optional)


def test_times_disagree_exactly_when_two_of_them_cannot_both_be_true() -> None:
    rng = random.Random(7)
    day = dt.date(2023, 1, 1).toordinal()
    for _ in range(2000):
        spans = []
        for _ in range(rng.randint(2, 6)):
            start = day + rng.randint(0, 60)
            end = start + rng.randint(-3 if rng.random() < 0.1 else 0, 30)  # a few reversed
            spans.append(
                TimeValue("x", "interval", dt.date.fromordinal(start), dt.date.fromordinal(end))
            )
        pairwise = any(_disjoint(a, b) for a, b in itertools.combinations(spans, 2))
        assert _any_disjoint(spans) == pairwise, spans
