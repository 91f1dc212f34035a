"""The analyst views: search across articles, timeline, disagreements.

Each view is checked on its rows (data layer) and on its links: Enter leads to the right fact
or article, Backspace comes back to the view on the same row, and Esc closes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui_helpers import CORPORA, corpus_at, explorer, make_app, screen_text, type_ahead
from tui.data.disagreements import differences
from tui.data.textsearch import TextSearch, context
from tui.data.timeline import sort_date, timeline
from tui.ui.article_view import ArticleView
from tui.ui.views.base import ViewScreen
from tui.ui.views.disagreements import DisagreementsView
from tui.ui.views.search import SearchView
from tui.ui.views.timeline import TimelineView

WIDE = (160, 48)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


def typed(text: str) -> list[str]:
    """The keys that type ``text``."""
    return ["space" if c == " " else c for c in text]


def view(app: Any) -> ViewScreen:
    screen = app.screen
    assert isinstance(screen, ViewScreen), type(screen).__name__
    return screen


# -- search across articles ----------------------------------------------------------------


def test_search_folds_case_accents_and_quotes_and_keeps_offsets() -> None:
    corpus = corpus_at()
    search = TextSearch(corpus)
    results = search.search("WON'T VISIT")  # the text has won’t
    assert [h.article_id for h in results.hits] == ["trt-putin-modi-g20"]
    hit = results.hits[0]
    text = corpus.articles[hit.article_id].text
    assert text[hit.span.start : hit.span.end] == "won't visit"
    assert search.search("   ").hits == ()


def test_search_lists_every_hit_with_its_sentence_and_citing_facts() -> None:
    corpus = corpus_at()
    search = TextSearch(corpus)
    results = search.search("Lavrov")
    text_of = {a: corpus.articles[a].text for a in corpus.articles}
    expected = sum(t.count("Lavrov") for t in text_of.values())
    assert len(results.hits) == expected >= 2
    for hit in results.hits:
        sentence = text_of[hit.article_id][hit.sentence.start : hit.sentence.end]
        assert "Lavrov" in sentence
    # The hit in "represented by Foreign Minister Sergey Lavrov" is cited by the fact of it.
    cited = {f for h in results.hits for f in search.fact_ids(h)}
    assert "lavrov-represents-russia-g20" in cited


def test_search_stops_at_its_limit_and_says_so() -> None:
    search = TextSearch(corpus_at(), limit=3)
    results = search.search("e")
    assert len(results.hits) == 3 and results.more


def test_context_marks_the_hit_where_it_stands() -> None:
    corpus = corpus_at()
    hit = TextSearch(corpus).search("BRICS summit").hits[0]
    shown, at = context(corpus.articles[hit.article_id].text, hit, width=30)
    assert shown[at.start : at.end].casefold() == "brics summit"
    assert "\n" not in shown


async def test_search_view_lists_hits_and_enter_opens_the_article_at_the_hit() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        start = explorer(app).location()
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SearchView)
        await pilot.press(*typed("phone call"), "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "“phone call” in 1 article (2)" in text
        assert "cited by: Putin and Modi speak by phone" in text
        search = view(app)
        assert isinstance(search, SearchView)
        hits = search.results.hits
        assert len(hits) >= 2
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = explorer(app)
        hit = hits[1]
        assert screen.article_id == hit.article_id
        assert screen.report_id is None
        article_view = app.query_one(ArticleView)
        assert article_view.evidence == (hit.span,)
        assert screen.focused_pane() == "article"
        # Back comes to the view, on the same hit; Esc then closes it where we started.
        await pilot.press("backspace")
        await settle(pilot)
        search = view(app)
        assert isinstance(search, SearchView)
        assert search.state.arg == "phone call" and search.list.highlighted_id == "hit:1"
        await pilot.press("escape")
        await settle(pilot)
        screen = explorer(app)
        assert screen.location() == start


async def test_a_passage_does_not_stay_highlighted_in_the_next_article() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *"Lavrov", "enter", "enter")
        await settle(pilot)
        assert app.query_one(ArticleView).evidence
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.query_one(ArticleView).evidence == ()


async def test_search_view_says_when_nothing_matches() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *"zzzq")
        await settle(pilot)
        assert "no hits" in screen_text(app)


async def test_search_view_shows_brackets_verbatim() -> None:
    app = make_app(CORPORA / "hostile")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *typed("in the call"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchView)
        assert app.screen.results.hits
        text = screen_text(app)
        assert "[in the call]" in text
        assert "\x1b" not in text


# -- timeline ----------------------------------------------------------------------------


def test_timeline_orders_events_by_time_and_lists_undated_last() -> None:
    corpus = corpus_at()
    entries = timeline(corpus)
    dated = [e for e in entries if e.time is not None]
    starts = [sort_date(e.time) for e in dated if e.time is not None]
    assert starts == sorted(starts)
    assert entries[: len(dated)] == dated  # every undated entry comes after the dated ones
    assert {e.fact_id for e in entries} == {
        f for f in corpus.events if corpus.reports_by_fact.get(f)
    }
    by_id = {e.fact_id: e for e in entries}
    assert by_id["putin-modi-call"].precision == "day"
    assert set(by_id["putin-modi-call"].phrases) == {"on Monday", "Aug 28"}
    assert by_id["putin-modi-call"].articles == 3
    # The articles place the BRICS summit in July (a source error), in August, in one week
    # and on three days: a row for each.
    summit = {e.precision for e in entries if e.fact_id == "brics-summit-2023"}
    assert summit == {"month", "week", "interval"}
    # "The day after the warrant" counts from a warrant dated only "this March".
    assert by_id["putin-tours-mariupol-crimea"].precision == "interval"


def test_an_event_placed_at_two_times_is_listed_at_both_and_marked() -> None:
    corpus = corpus_at(CORPORA / "disagree")
    entries = timeline(corpus)
    assert [(e.time.value if e.time else None, e.differs) for e in entries] == [
        ("2023-08-22", True),
        ("2023-08-23", True),
    ]
    assert entries[0].report_ids == ("a/summit", "c/summit")
    assert entries[1].report_ids == ("b/summit",)
    assert entries[0].status.disagree


def test_an_entity_timeline_holds_only_its_events() -> None:
    corpus = corpus_at()
    ids = {e.fact_id for e in timeline(corpus, "modi")}
    assert ids and ids <= set(corpus.facts_by_entity["modi"])
    assert "putin-tours-mariupol-crimea" not in ids


async def test_timeline_view_rows_and_enter_opens_the_report_that_gives_the_time() -> None:
    app = make_app(CORPORA / "disagree")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        start = explorer(app).location()
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineView)
        text = screen_text(app)
        assert "≠ 2023-08-22 day" in text and "≠ 2023-08-23 day" in text
        # Status as glyph and word, every value where the articles differ.
        assert "≠ ✗ declined / ▣ attended virtually" in text
        assert "“on 23 August” (Other Wire) · 3 articles" in text
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.fact_id == "summit" and screen.report_id == "b/summit"
        assert app.query_one(ArticleView).evidence == app.corpus.reports["b/summit"].quotes
        await pilot.press("backspace")
        await settle(pilot)
        timeline_view = view(app)
        assert isinstance(timeline_view, TimelineView)
        assert timeline_view.list.highlighted_id == "entry:1"
        await pilot.press("escape")
        await settle(pilot)
        assert explorer(app).location() == start


async def test_shift_t_shows_the_selected_entitys_timeline() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # on Vladimir Putin, the first entity
        assert explorer(app).entity_id == "putin"
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TimelineView)
        assert "Timeline · Vladimir Putin" in screen_text(app)
        ids = {e.fact_id for e in app.screen.entries}
        assert "putin-tours-mariupol-crimea" in ids and "xi-visits-moscow" not in ids


# -- disagreements -------------------------------------------------------------------------


def test_differences_give_each_articles_value_and_words() -> None:
    corpus = corpus_at(CORPORA / "disagree")
    found = differences(corpus)
    assert [(d.fact_id, d.aspect) for d in found] == [
        ("summit", "time"),
        ("summit", "status"),
        ("summit", "certainty"),
    ]
    status = found[1]
    assert [(s.value, s.article_id) for s in status.sides] == [
        ("declined", "a"),
        ("declined", "c"),
        ("attended_virtually", "b"),
    ]
    assert status.sides[2].wording == ("Putin joined the BRICS summit by video on 23 August",)
    assert found[0].sides[0].phrase == "on 22 August"


def test_a_corpus_that_agrees_has_no_differences() -> None:
    corpus = corpus_at(CORPORA / "clean")
    assert differences(corpus) == []


async def test_disagreements_view_rows_and_enter_opens_the_fact() -> None:
    app = make_app(CORPORA / "disagree")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        start = explorer(app).location()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DisagreementsView)
        text = screen_text(app)
        assert "≠ Putin and the BRICS summit — status" in text
        assert "attended virtually  Other Wire: “Putin joined the BRICS summit by video" in text
        assert "2023-08-23  Other Wire: “on 23 August” in “Putin joined" in text
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.fact_id == "summit" and screen.focused_pane() == "detail"
        await pilot.press("backspace")
        await settle(pilot)
        back = view(app)
        assert isinstance(back, DisagreementsView)
        assert back.list.highlighted_id == "difference:1"
        await pilot.press("escape")
        await settle(pilot)
        assert explorer(app).location() == start


# -- keys typed ahead into the views ------------------------------------------------------------

VIEW_SEQUENCES = [
    ("s", *"Lavrov", "enter", "j", "enter"),
    ("s", *"Lavrov", "enter", "enter", "backspace", "j"),
    ("t", "j", "j", "enter", "backspace"),
    ("d", "escape", "j"),
    ("f", *"putin", "enter", "j", "enter"),
    ("j", "j", "T", "enter", "backspace", "escape"),
    ("j", "j", "F", "j", "enter", "j"),
]


def where_now(app: Any) -> tuple[object, ...]:
    screen = app.screen
    if isinstance(screen, ViewScreen):
        return (type(screen).__name__, screen.state, screen.list.highlighted_id)
    if hasattr(screen, "location"):
        return ("explorer", screen.location())
    return (type(screen).__name__,)


@pytest.mark.parametrize("keys", VIEW_SEQUENCES, ids=" ".join)
async def test_keys_typed_ahead_into_views_land_where_slow_keys_do(keys: tuple[str, ...]) -> None:
    slow = make_app()
    async with slow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        expected = where_now(slow)
    fast = make_app()
    async with fast.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_ahead(pilot, *keys)
        assert where_now(fast) == expected


def test_context_uses_its_room_before_a_hit_that_ends_the_sentence() -> None:
    corpus = corpus_at()
    hit = next(h for h in TextSearch(corpus).search("Sergey Lavrov.").hits)
    text = corpus.articles[hit.article_id].text
    shown, at = context(text, hit, width=50)
    assert shown.endswith("Sergey Lavrov.")
    assert len(shown) >= 45  # not a third of the room and then nothing
    assert shown[at.start : at.end] == "Sergey Lavrov."


# -- who said what ------------------------------------------------------------------------


async def test_w_lists_what_the_selected_source_said_and_leads_to_each_claim() -> None:
    from tui.data.sayings import sayings
    from tui.ui.panes import Target
    from tui.ui.views.sayings import SayingsView

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("entity", "kremlin"))
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        sayings_view = view(app)
        assert isinstance(sayings_view, SayingsView)
        text = screen_text(app)
        assert "Who said what · Kremlin" in text and "Statements (" in text
        said = sayings(app.corpus, "kremlin")
        rows = sayings_view.list.ids
        first = rows.index("saying:0")
        sayings_view.list.highlight_id(rows[first])
        await pilot.press("enter")
        await settle(pilot)
        assert screen.fact_id == said[0].fact_id and screen.report_id == said[0].report_id
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, SayingsView)
        assert view(app).list.highlighted_id == "saying:0"


async def test_who_said_what_without_an_entity_lists_every_source_to_pick_from() -> None:
    from tui.ui.views.base import ViewState
    from tui.ui.views.sayings import SayingsView

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.push_screen(SayingsView(app.corpus, ViewState("sayings", "")))
        await settle(pilot)
        sayings_view = view(app)
        assert all(r.startswith("source:") for r in sayings_view.list.ids)
        sayings_view.list.highlight_id("source:peskov")
        await pilot.press("enter")
        await settle(pilot)
        assert "Who said what · Dmitry Peskov" in screen_text(app)
        assert any(r.startswith("saying:") for r in view(app).list.ids)


# -- related events ------------------------------------------------------------------------


async def test_r_lists_a_facts_links_both_ways_and_follows_them() -> None:
    from tui.ui.panes import Target
    from tui.ui.views.related import RelatedView

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "icc-warrant-putin"))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        related = view(app)
        assert isinstance(related, RelatedView)
        text = screen_text(app)
        # Both directions: the warrant is for the deportations, and the tour came after it;
        # and the tour's time counts from it.
        assert "because of: Children deported" in text
        others = {item[1] for item in related.items}
        assert {"child-deportations", "putin-tours-mariupol-crimea"} <= others
        assert any(item[0] == "dated from it (1 day after)" for item in related.items)
        row = next(r for r in related.list.ids if r.startswith("item:"))
        related.list.highlight_id(row)
        target = related.items[int(row.partition(":")[2])][1]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.fact_id == target
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, RelatedView)


def test_a_time_given_as_a_start_reads_since_and_a_denial_is_not_an_occurrence() -> None:
    corpus = corpus_at()
    tours = next(e for e in timeline(corpus) if e.fact_id == "putin-travels-since-warrant")
    # The Moscow Times: "Putin has not left Russia since the … court issued the warrant in
    # March"; the seed says he toured: a difference, not an occurrence.
    assert tours.precision == "since"
    assert tours.status.disagree
    assert {v.value for v in tours.status.variants} == {"occurred", "not occurred"}


async def test_backspace_into_a_view_shows_the_row_it_left_from() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", *["j"] * 15, "enter")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        timeline_view = view(app)
        lst = timeline_view.list
        row = lst.cursor
        assert row is not None and row >= 15
        top = lst.scroll_offset.y
        height = lst.scrollable_content_region.height
        assert top <= row * lst.row_height < top + height  # on screen, not scrolled away


async def test_forward_and_back_again_keep_the_view_a_place_came_from() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "enter")
        await settle(pilot)
        fact = explorer(app).fact_id
        await pilot.press("backspace")  # back into the timeline, at its row
        await settle(pilot)
        cursor = view(app).list.cursor
        await pilot.press("escape")  # closed: the explorer where it was
        await settle(pilot)
        for _ in range(2):  # forward to the fact, and back into the same view at that row
            await pilot.press("alt+right")
            await settle(pilot)
            assert explorer(app).fact_id == fact
            await pilot.press("alt+left")
            await settle(pilot)
            assert isinstance(view(app), TimelineView)
            assert view(app).list.cursor == cursor
            await pilot.press("escape")
            await settle(pilot)


async def test_a_disagreement_row_shows_every_value_before_repeats() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        disagreements = view(app)
        assert isinstance(disagreements, DisagreementsView)
        from tui.ui.views.disagreements import SIDES_SHOWN

        for n, difference in enumerate(disagreements.differences):
            shown = disagreements.render_row(f"difference:{n}").plain
            values = list(dict.fromkeys(side.value for side in difference.sides))
            for value in values[:SIDES_SHOWN]:
                assert f"  {value.replace('_', ' ')}" in shown, (difference.fact_id, value)


async def test_a_search_hit_opens_with_the_facts_citing_its_sentence() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", *typed("Lavrov"), "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.source == "sentence"
        assert "Citing sentence" in screen_text(app)  # at once, not after the next key


async def test_slash_filters_a_views_rows_and_enter_opens_a_kept_one() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash", *typed("Warrant"))
        await settle(pilot)
        timeline_view = view(app)
        rows = timeline_view.list.ids
        assert rows and len(rows) < len(timeline_view.rows())
        assert all("warrant" in timeline_view.render_row(r).plain.casefold() for r in rows)
        await pilot.press("enter", "enter")  # keep the filter, then open the first row
        await settle(pilot)
        fact = app.corpus.fact(explorer(app).fact_id or "")
        entry = timeline_view.entries[int(rows[0].partition(":")[2])]
        assert fact is not None and entry.fact_id == fact.id


async def test_a_view_filter_narrows_as_letters_are_typed_and_widens_as_they_go() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash", *typed("warr"))
        await settle(pilot)
        timeline_view = view(app)

        def fresh(words: str) -> list[str]:
            return [
                r
                for r in timeline_view.rows()
                if not r.startswith("heading:")
                and words in timeline_view.render_row(r).plain.casefold()
            ]

        assert timeline_view.list.ids == fresh("warr") != []
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert timeline_view.list.ids == fresh("w")
        assert len(fresh("w")) > len(fresh("warr"))
        await pilot.press(*typed("ar"))
        await settle(pilot)
        assert timeline_view.list.ids == fresh("war")


async def test_a_view_opened_again_shows_the_same_rows() -> None:
    """Its rows are kept for the corpus: Backspace back to a view does not build it again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        first = view(app)
        rows, differences = first.list.ids, first.differences
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        again = view(app)
        assert again is not first
        assert again.list.ids == rows and again.differences is differences


@pytest.mark.parametrize("key", ["t", "d", "w"])
async def test_a_view_filter_finds_the_rows_that_show_the_words(key: str) -> None:
    """The filter asks the index's stored row texts: it must find exactly the rows whose
    drawn text holds the words, whatever the view."""
    from tui.data.folding import fold

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        if key == "w":
            from tui.ui.panes import Target

            explorer(app).jump(Target("entity", "kremlin"))
            await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        shown = view(app)
        drawn = {
            r: fold(shown.render_row(r).plain) for r in shown.rows() if not r.startswith("heading:")
        }
        assert len(drawn) > 3

        def entries(rows: Sequence[str] | None) -> list[str]:
            return [r for r in rows or () if not r.startswith("heading:")]

        for needle in ("putin", "2023", "“", "says", "ria", "≠", "article", "kremlin"):
            expected = [r for r, text in drawn.items() if needle in text]
            assert entries(shown.matching_rows(needle, None)) == expected, needle
            # A longer filter narrows what a shorter one kept, to the same rows.
            kept = shown.matching_rows(needle[:1], None)
            assert entries(shown.matching_rows(needle, kept)) == expected, needle


async def test_backspace_into_a_filtered_view_keeps_its_filter() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash", *typed("warr"), "enter", "j", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ViewScreen)
        await pilot.press("backspace")
        await settle(pilot)
        timeline_view = view(app)
        field = timeline_view.query_one("#view-filter")
        assert field.display and getattr(field, "value", None) == "warr"
        rows = timeline_view.list.ids
        assert rows and len(rows) < len(timeline_view.rows())
        assert all("warr" in timeline_view.render_row(r).plain.casefold() for r in rows)
        assert timeline_view.list.highlighted_id == rows[1]  # the row Enter left from


async def test_a_source_picked_with_the_filter_shows_all_it_said() -> None:
    from tui.ui.views.base import ViewState
    from tui.ui.views.sayings import SayingsView

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.push_screen(SayingsView(app.corpus, ViewState("sayings", "")))
        await settle(pilot)
        await pilot.press("slash", *typed("kreml"), "enter", "enter")
        await settle(pilot)
        sayings_view = view(app)
        assert sayings_view.state.arg == "kremlin" and sayings_view.row_filter == ""
        assert len(sayings_view.list.ids) == len(sayings_view.said) + len(sayings_view.statements)
        await pilot.press("backspace")  # back to the sources, as they were
        await settle(pilot)
        assert view(app) is sayings_view and sayings_view.state.arg == ""
        assert sayings_view.state.row_filter == "kreml"
        assert sayings_view.list.highlighted_id == "source:kremlin"
        assert all(r.startswith("source:") for r in sayings_view.list.ids)
        await pilot.press("backspace")  # and out of the view
        await settle(pilot)
        assert not isinstance(app.screen, ViewScreen)


async def test_slash_again_refines_a_kept_filter() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash", *typed("putin"), "enter", "slash", "backspace")
        await settle(pilot)
        assert view(app).state.row_filter == "puti"
        await pilot.press("escape")  # clears the view's filter, as in the panes
        await settle(pilot)
        assert view(app).state.row_filter == "" and not view(app).query_one(Input).display
        assert len(view(app).list._rows) == len(view(app).rows())
        await pilot.press("escape")  # then the view closes: the explorer's entity list
        await settle(pilot)
        assert not isinstance(app.screen, ViewScreen)
        await pilot.press("slash", *typed("putin"), "enter", "slash", "backspace")
        await settle(pilot)
        assert explorer(app).pane("entities").filter_text == "puti"


async def test_g_shows_the_heading_above_the_first_row() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await settle(pilot)
        timeline_view = view(app)
        rows = timeline_view.list
        assert rows.row_count > 20  # more rows than the screen holds
        await pilot.press("G")
        await settle(pilot)
        assert rows.scroll_offset.y > 0
        await pilot.press("g")
        await settle(pilot)
        first = timeline_view.rows()[0]
        assert first.startswith("heading:") and rows.cursor == 1
        assert rows.scroll_offset.y == 0  # the year above the first event is on screen
        assert first.partition(":")[2] in screen_text(app)


async def test_a_filtered_view_keeps_the_headings_of_the_rows_it_keeps() -> None:
    from tui.ui.panes import Target

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        explorer(app).jump(Target("entity", "kremlin"))
        await settle(pilot)
        await pilot.press("w", "slash", *typed("e"))
        await settle(pilot)
        kept = view(app).list.ids
        shown = list(view(app).list._rows)
        assert any(r.startswith("statement:") for r in kept)
        assert any(r.startswith("saying:") for r in kept)
        # Each kind of row stays under its own heading, as in the unfiltered view.
        for row in kept:
            kind = row.partition(":")[0]
            heading = next(
                h for h in reversed(shown[: shown.index(row)]) if h.startswith("heading:")
            )
            assert heading.startswith(
                "heading:Statements" if kind == "statement" else "heading:Cited"
            )


async def test_down_leaves_a_filter_line_for_its_rows_keeping_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *typed("kre"), "down")
        await settle(pilot)
        entities = explorer(app).pane("entities")
        assert app.focused is entities.list and entities.filter_text == "kre"
        await pilot.press("t", "slash", *typed("putin"), "down")
        await settle(pilot)
        assert app.focused is view(app).list and view(app).state.row_filter == "putin"


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        (("slash", *"zzqx"), "No entity matches “zzqx”."),  # the entity list's filter
        (("2", "slash", *"zzqx"), "No fact matches “zzqx”."),  # the facts list's filter
        (("t", "slash", *"zzqx"), "No row matches “zzqx”."),  # a view's filter
        (("s", *"zzqx", "enter"), "No article holds “zzqx”."),
        (("s",), "Type a word or phrase: every article is searched."),
    ],
)
async def test_an_empty_list_says_why(keys: Sequence[str], said: str) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await settle(pilot)
        assert said in lists_say(app)


def lists_say(app: Any) -> list[str]:
    """What each empty list on screen says, its wrapped lines joined."""
    from tui.ui.virtual_list import VirtualList

    return [
        " ".join(lst.render_line(y).text.strip() for y in range(4)).strip()
        for lst in app.screen.query(VirtualList)
        if not lst.row_count
    ]


async def test_a_view_with_no_rows_says_what_it_would_list() -> None:
    corpus = corpus_at()
    undated = next(
        e for e in corpus.entities if corpus.facts_by_entity.get(e) and not len(corpus.timeline(e))
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.entity_id = undated
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(view(app), TimelineView)
        name = corpus.entity_name(undated)
        assert f"No dated event or relation of {name}." in lists_say(app)


def test_a_timeline_rows_date_fits_its_column_and_an_interval_is_spelled_below() -> None:
    from tui.data.view_rows import timeline_row

    corpus = corpus_at()
    rows = [(entry, timeline_row(corpus, entry)) for entry in corpus.timeline()]
    intervals = [(e, r) for e, r in rows if e.time is not None and "/" in e.time.value]
    assert intervals  # else the test would prove nothing
    for _entry, row in rows:
        first = row.plain().split("\n")[0]
        assert len(row.when) <= 10 and first[13:].startswith(row.precision), first
    for entry, row in intervals:
        assert entry.time is not None
        start, _, end = entry.time.value.partition("/")
        assert row.second.startswith(
            f"until {end}"
            if start == ".."
            else f"from {start} on"
            if end == ".."
            else f"{start} to {end}"
        )


async def test_alt_arrows_move_through_history_from_inside_a_view() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "alt+right")  # nothing ahead: the view stays
        await settle(pilot)
        assert isinstance(view(app), TimelineView)
        await pilot.press("j", "enter")
        await settle(pilot)
        fact = explorer(app).fact_id
        await pilot.press("backspace")  # back into the view
        await settle(pilot)
        assert isinstance(view(app), TimelineView)
        await pilot.press("alt+right")  # forward again, out of the view
        await settle(pilot)
        assert app.screen is explorer(app) and explorer(app).fact_id == fact
        await pilot.press("alt+left")
        await settle(pilot)
        assert isinstance(view(app), TimelineView)
        await pilot.press("alt+left")  # as Backspace: closes the view
        await settle(pilot)
        assert app.screen is explorer(app)
