"""Pilot tests: every key and every linking rule, asserting state and messages."""

from __future__ import annotations

from typing import Any, cast

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from tests.test_wording import region_lines
from tests.ui_helpers import (
    CORPORA,
    Recorder,
    explorer,
    make_app,
    palette_hits,
    screen_text,
)
from tui.ui.article_view import ArticleView
from tui.ui.citation import citation, state_dir
from tui.ui.commands import COMMANDS
from tui.ui.help import HelpScreen
from tui.ui.panes import (
    DetailPane,
    EntityPane,
    FactPane,
    Follow,
    Highlighted,
    ListPane,
    NavList,
    Target,
)
from tui.ui.problems import ProblemsScreen
from tui.ui.virtual_list import VirtualList

WIDE = (160, 48)


async def test_starts_on_the_first_entity_with_its_facts_and_an_article() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        # The most connected person first; the first article by id.
        assert screen.entity_id == "putin"
        assert "putin-modi-call" in screen.facts.fact_ids
        assert screen.article_id == min(app.corpus.articles)
        assert screen.focused_pane() == "entities"
        assert "Facts · Vladimir Putin" in screen_text(app)


async def test_each_list_is_made_once_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual calls every class's on_mount: a pane that also called its base's would list
    # its rows twice, which at 10,000 articles doubles the wait for the first frame.
    made: list[str] = []
    for pane in (EntityPane, FactPane, DetailPane):
        original = pane.rebuild

        def counted(self: ListPane, original: Any = original) -> None:
            made.append(self.name_)
            original(self)

        monkeypatch.setattr(pane, "rebuild", counted)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert made.count("entities") == 1
        assert explorer(app).entity_id == "putin"


async def test_an_entity_row_is_asked_of_the_corpus_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each letter of a filter draws the rows on screen again: their names and counts are
    # kept, not asked of the index for every letter.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        asked: list[str] = []
        cls = type(app.corpus)
        original = cls.fact_count

        def counted(self: Any, entity_id: str) -> int:
            asked.append(entity_id)
            return original(self, entity_id)

        monkeypatch.setattr(cls, "fact_count", counted)
        await pilot.press("slash", "a", "backspace", "a", "backspace", "a")
        await pilot.pause()
        assert asked  # rows were drawn
        assert len(asked) == len(set(asked))


async def test_a_cut_entity_row_keeps_its_count_and_a_cut_fact_row_its_date() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entities = app.query_one("#entities-list", VirtualList)
        await pilot.press("G")  # the last entities: the long names
        await pilot.pause()
        cut = 0
        for y in range(entities.scrollable_content_region.height):
            line = entities.render_line(y).text.rstrip()
            index = int(entities.scroll_offset.y) + y
            row = entities._rows[index] if index < entities.row_count else ""
            if not row.startswith("entity:"):
                continue
            count = app.corpus.fact_count(row.partition(":")[2])
            assert line.endswith(f" {count}"), line
            cut += "…" in line
        assert cut  # else the test would prove nothing
        await pilot.press("g", "2")  # Putin's facts
        await pilot.pause()
        facts = app.query_one("#facts-list", VirtualList)
        seconds = [facts.render_line(y).text for y in range(1, 12, 2)]
        assert any("…" in line for line in seconds)
        assert all(line.strip()[:4].isdigit() or "≠" in line for line in seconds), seconds


async def test_moving_in_the_entity_list_lists_its_facts_and_marks_mentions() -> None:
    app = make_app()
    hook = Recorder()
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await pilot.pause()
        hook.clear()
        await pilot.press("j", "j")
        await pilot.pause()
        screen = explorer(app)
        assert screen.entity_id == "modi"
        moves = [m for m in hook.of(Highlighted) if m.pane == "entities"]
        assert [m.target.id for m in moves] == ["xi", "modi"]
        assert screen.facts.entity_id == "modi" and "putin-modi-call" in screen.facts.fact_ids
        view = app.query_one(ArticleView)
        assert view.entity_id == "modi"
        await pilot.press("k")
        await pilot.pause()
        assert screen.entity_id == "xi" and view.entity_id == "xi"


async def test_enter_on_an_entity_follows_it_to_its_facts() -> None:
    app = make_app()
    hook = Recorder()
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        screen = explorer(app)
        assert [m.target.id for m in hook.of(Follow)] == ["modi"]
        assert screen.focused_pane() == "facts"
        # Arriving in the facts list selects its first fact and highlights its evidence.
        assert screen.fact_id == screen.facts.fact_ids[0]
        report = app.corpus.reports[screen.report_id or ""]
        assert app.query_one(ArticleView).evidence == report.quotes


async def test_selecting_a_fact_highlights_and_scrolls_to_its_evidence() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "kremlin-statement-on-call"))
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert screen.report_id == "putin-china-visit/kremlin-statement-on-call"
        first = view.evidence[0].start
        line = view.line_of(first)
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        assert "[in the call]" in screen_text(app)


async def test_fact_reported_by_two_articles_switches_article_with_the_report() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        await pilot.press("2")
        facts = app.query_one("#facts-list", VirtualList)
        facts.highlight_id("fact:putin-modi-call")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused_pane() == "detail" and screen.fact_id == "putin-modi-call"
        detail = app.query_one("#detail-list", NavList)
        reports = [o.id for o in detail.options if o.id and o.id.startswith("report:")]
        # The call is one fact with reports from each article that reports it.
        articles = {r.split(":", 1)[1].partition("/")[0] for r in reports}
        assert articles == {"observerbd-putin-modi-call", "putin-china-visit", "trt-putin-modi-g20"}
        trt = next(r for r in reports if "trt-putin-modi-g20/putin-modi-call/" in r + "/")
        detail.highlight_id(trt)
        await pilot.press("k", "j")  # off the report and back onto it, as a user would
        await pilot.pause()
        assert screen.article_id == "trt-putin-modi-g20"
        assert "The two leaders also spoke on Monday" in screen_text(app)


async def test_following_links_in_the_detail_and_history() -> None:
    app = make_app()
    hook = Recorder()
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await pilot.pause()
        screen = explorer(app)
        await pilot.press("j", "j", "enter")  # modi → facts
        await pilot.press("enter")  # first fact → detail
        await pilot.pause()
        fact = screen.fact_id
        assert screen.focused_pane() == "detail"
        detail = app.query_one("#detail-list", NavList)
        entity_links = [o.id for o in detail.options if o.id and o.id.startswith("entity:")]
        other = next(e for e in entity_links if e != "entity:modi")
        detail.highlight_id(other)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.entity_id == other.split(":")[1]
        assert screen.focused_pane() == "facts"
        await pilot.press("backspace")
        await pilot.pause()
        assert (screen.entity_id, screen.fact_id, screen.focused_pane()) == ("modi", fact, "detail")
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.entity_id == other.split(":")[1]
        await pilot.press("alt+left", "backspace")
        await pilot.pause()
        assert screen.focused_pane() == "facts" and screen.fact_id is not None


async def test_tab_and_shift_tab_cycle_the_panes_even_when_narrow() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(screen.focused_pane())
        assert seen == ["facts", "detail", "article", "entities"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert screen.focused_pane() == "article"
        await pilot.press("1")
        await pilot.pause()
        assert screen.focused_pane() == "entities"


async def test_slash_filters_the_focused_list_and_escape_clears() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "l", "a", "v")
        await pilot.pause()
        entities = app.query_one("#entities-list", VirtualList)
        assert entities.ids == ["entity:lavrov"]
        await pilot.press("enter")  # back to the list, filter kept
        await pilot.pause()
        assert entities.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert len(entities.ids) == len(app.corpus.entities)


async def test_moving_through_the_article_lists_the_facts_citing_each_sentence() -> None:
    app = make_app()
    hook = Recorder()
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await pilot.pause()
        screen = explorer(app)
        await pilot.press("4")
        await pilot.pause()
        hook.clear()
        await pilot.press("j")
        await pilot.pause()
        moved = hook.of(ArticleView.SentenceMoved)
        assert [m.sentence for m in moved] == [1]
        assert screen.facts.title == "Facts citing sentence 2"
        article = app.corpus.articles[screen.article_id or ""]
        span = article.sentences[1]
        cited = {app.corpus.reports[r].fact_id for r in article.citing(span.start, span.end)}
        assert set(screen.facts.fact_ids) == cited and cited
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused_pane() == "facts"
        assert screen.fact_id in cited


async def test_palette_jumps_to_an_entity_by_fuzzy_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lavrov")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = explorer(app)
        assert screen.entity_id == "lavrov"


async def test_help_lists_every_key_from_the_declaration() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # Read it the way a person does: a screenful, then a page at a time to the end.
        text = screen_text(app)
        for _ in range(8):
            await pilot.press("pagedown")
            await pilot.pause()
            text += screen_text(app)
        for command in COMMANDS:
            assert command.help in text, command.help
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_footer_shows_keys_from_the_declaration() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        screen = explorer(app)
        for command in COMMANDS:
            if command.show and command.scope == "screen":
                available = screen.check_action(command.action, ())
                # None: shown but dimmed (not possible now); False: hidden.
                shown = command.title.casefold() in footer.casefold()
                assert shown == (available is not False), command.title


async def test_y_copies_the_quote_with_its_citation() -> None:
    app = make_app()
    copied: list[str] = []
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.pause()
        await pilot.press("y")  # nothing selected yet: nothing copied
        assert copied == []
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(copied) == 1
        screen = explorer(app)
        report = app.corpus.reports[screen.report_id or ""]
        article = app.corpus.articles[report.article_id]
        quote = article.text[report.quotes[0].start : report.quotes[0].end]
        assert f"“{quote}”" in copied[0] and article.title in copied[0]
        # Whether the terminal copied it is unknown: say what was asked, and keep a copy.
        assert "Asked the terminal to copy" in screen_text(app)
        assert (state_dir() / "citation.txt").read_text(encoding="utf-8") == copied[0] + "\n"


async def test_the_citation_names_who_the_claim_is_attributed_to() -> None:
    app = make_app()
    corpus = app.corpus
    report = next(r for r in corpus.reports.values() if r.according_to)
    text = citation(corpus, report)
    for source in report.according_to:
        assert corpus.entity_name(source) in text
    assert "according to" in text


async def test_brackets_switch_articles() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        first, second = sorted(app.corpus.articles)[:2]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.article_id == second
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.article_id == first
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.article_id == second


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(key: str) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_a_corpus_with_problems_opens_and_lists_them() -> None:
    app = make_app(CORPORA / "hostile")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "1 problem" in screen_text(app)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "empty.txt` is empty" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_problems_key_is_hidden_on_a_clean_corpus() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        assert cast(object, explorer(app)) is app.screen


async def test_typing_in_a_filter_does_not_trigger_keys() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"qjk?y[")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, HelpScreen)
        field = app.query_one("#entities Input")
        assert getattr(field, "value", None) == "qjk?y["
        await pilot.press("escape", "4", "slash", *"Modi q")
        await pilot.pause()
        assert app.is_running
        view = app.query_one(ArticleView)
        assert view.search == "Modi q"
        await pilot.press("escape")
        await pilot.pause()
        assert view.search == "" and view.has_focus


async def test_palette_offers_the_declared_commands() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"help")
        await pilot.pause(0.3)
        assert "Show every key (?)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_pane_switch_restyles_no_more_than_the_panes_it_touches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Layout classes on the screen, or a footer of widgets, restyle everything on each Tab."""
    applied: list[object] = []
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        applied.append(node)
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    for size in [(80, 24), (200, 60)]:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in ("tab", "tab", "shift+tab", "4", "1"):
                applied.clear()
                await pilot.press(key)
                await pilot.pause()
                assert len(applied) < 80, (size, key, len(applied))


async def test_reading_the_article_shows_the_sentences_facts_beside_it_when_narrow() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        assert screen.query_one("#entities").display
        await pilot.press("4", "j")
        await pilot.pause()
        assert screen.query_one("#facts").display and not screen.query_one("#entities").display
        assert "Citing sentence 2 (" in screen_text(app)  # "Facts" left out when narrow


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
async def test_the_facts_title_keeps_its_count_whole(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one(FactPane)
        total = len(pane.view.fact_ids)
        await pilot.press("slash", "s", "u", "m")
        await pilot.pause()
        kept = app.query_one("#facts-list", VirtualList).row_count
        assert 0 < kept < total
        top = screen_text(app).splitlines()[1]
        assert f" ({kept}/{total}) ─" in top
        await pilot.press("escape")
        await pilot.pause()
        assert f" ({total}) ─" in screen_text(app).splitlines()[1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_back_restores_where_the_article_was_scrolled(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        await pilot.press("4", *["j"] * 14)
        await pilot.pause()
        before = (explorer(app).article_id, view.scroll_offset.y)
        assert before[1] > 0
        for away in (["enter"], ["right_square_bracket"], ["enter", "enter", "down", "enter"]):
            await pilot.press(*away)  # the sentence's facts; the next article; a report
            await pilot.pause()
            await pilot.press(*["backspace"] * len(away))
            await pilot.pause()
            await pilot.pause()
            assert (explorer(app).article_id, view.scroll_offset.y) == before, away


async def test_no_color_keeps_an_unfocused_selection_visible_and_lists_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("j", "tab")  # the entity list keeps its cursor, without focus
        await pilot.pause()
        entities = app.query_one("#entities-list", VirtualList)
        assert not entities.has_focus and entities.cursor is not None
        y = entities.cursor - int(entities.scroll_offset.y)
        styles = [seg.style for seg in entities.render_line(y) if seg.style and seg.text.strip()]
        assert styles and all(s.underline or s.reverse or s.bold for s in styles)
        for lst in app.query(VirtualList):
            assert not lst.show_horizontal_scrollbar, lst.id
        facts = app.query_one("#facts-list", VirtualList)
        assert facts.has_focus and facts.cursor is not None
        y = facts.cursor * facts.row_height - int(facts.scroll_offset.y)
        cursor = [seg.style for seg in facts.render_line(y) if seg.style and seg.text.strip()]
        assert cursor and all(s.reverse for s in cursor)  # the focused cursor: reverse video


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_facts_detail_opens_at_its_title(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = explorer(app)
        for fact_id in (
            "kremlin-statement-on-call",
            "putin-modi-call",
            "putin-travels-since-warrant",
        ):
            screen.jump(Target("fact", fact_id))
            await pilot.pause()
            detail = screen.pane("detail").list
            assert detail.scroll_offset.y == 0, fact_id
            fact = app.corpus.fact(fact_id)
            assert fact is not None
            shown = "".join(region_lines(pilot, detail)).replace(" ", "")
            assert app.corpus.label(fact)[:15].replace(" ", "") in shown, fact_id


def key_bar(app: Any) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_key_bar_shows_only_keys_that_work_now() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()

        bar = key_bar(app)
        assert "Copy" not in bar and "Clear filter" not in bar  # nothing to copy or clear
        await pilot.press("slash")
        await pilot.pause()
        # The filter line takes Backspace and / as text: Back is offered by its other key.
        bar = key_bar(app)
        assert "Clear filter" in bar and "alt+← Back" in bar and "⌫" not in bar
        assert "Filter" not in bar
        await pilot.press("escape", "enter")
        await pilot.pause()
        bar = key_bar(app)
        assert "Copy" in bar and "Clear filter" not in bar


async def test_the_key_bar_names_the_key_that_does_each_thing() -> None:
    # A view closes on Esc or Backspace; while a filter is kept, Esc clears it instead.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()

        await pilot.press("t")
        await pilot.pause()
        assert "esc Close" in key_bar(app)
        await pilot.press("slash", "w", "a", "r", "enter")
        await pilot.pause()
        bar = key_bar(app)
        assert "esc Clear filter" in bar and "⌫ Close" in bar and "esc Close" not in bar
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen is explorer(app)  # ⌫ did close the view
        await pilot.press("question_mark")  # a dialog shows its own keys, not the explorer's
        await pilot.pause()
        bar = key_bar(app)
        assert "esc Close help" in bar and "Pane" not in bar and "Back" not in bar


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("speak by phone", "Putin and Modi speak by phone"),
        ("kremlin statement", "Kremlin's statement on the Putin"),  # not the Kremlin itself
        # A long query against a long list of names: Textual's own matcher took seconds a
        # letter here and its memory grew without bound.
        ("putin attends the brics summit by video", "Putin attends the BRICS summit by video"),
    ],
)
async def test_palette_ranks_the_best_hit_first(query: str, first: str) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *query)
        hits = await palette_hits(pilot)
        assert hits and hits[0].startswith(first), hits[:3]


async def test_the_selected_entitys_mentions_are_marked_on_screen_and_off_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)

        def marked(name: str) -> bool:
            """Whether any drawn segment of ``name`` has the selected-mention style."""
            for y in range(view.scrollable_content_region.height):
                for segment in view.render_line(y):
                    if name in segment.text and segment.style and segment.style.bold:
                        return True
            return False

        assert marked("Putin")  # the first entity
        await pilot.press("j")  # Xi: Putin's mentions are plain again
        await pilot.pause()
        assert not marked("Putin")
        view.scroll_to(y=view.virtual_size.height, animate=False, immediate=True)
        await pilot.pause()
        assert marked("Xi") and not marked("Putin")  # lines drawn afresh off screen


async def test_a_link_between_events_is_followed_from_either_end() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "xi-invites-putin-brf"))
        await pilot.pause()
        assert "led to: Putin attends the Belt and Road" in screen_text(app)
        detail = screen.pane("detail").list
        assert isinstance(detail, NavList)
        await pilot.press("home", *["j"] * 8)  # reading down the detail, over the link
        await pilot.pause()
        assert screen.fact_id == "xi-invites-putin-brf"  # moving onto a link follows nothing
        detail.highlight_id("fact:putin-attends-brf")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.fact_id == "putin-attends-brf"
        prompts = [str(option.prompt) for option in detail.options]
        assert any(p.startswith("followed: Xi invites Putin") for p in prompts)  # backwards
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.fact_id == "xi-invites-putin-brf"


async def test_the_detail_stops_at_its_ends() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "putin-modi-call"))
        await pilot.pause()
        detail = screen.pane("detail").list
        assert isinstance(detail, NavList)
        await pilot.press("end")
        await pilot.pause()
        last = detail.highlighted
        await pilot.press("j")
        await pilot.pause()
        assert detail.highlighted == last  # no wrap to the top
        await pilot.press("home", "k")
        await pilot.pause()
        first = detail.highlighted
        assert first is not None and first < (last or 0)


async def test_a_fact_reported_many_times_shows_its_reports_a_page_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DetailPane, "REPORTS_PAGE", 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "brics-summit-2023"))
        await pilot.pause()
        detail = screen.query_one(DetailPane)
        reports = len(app.corpus.reports_by_fact["brics-summit-2023"])
        assert reports > 4

        options = detail.options

        def shown() -> list[str]:
            ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
            return [i for i in ids if i and i.startswith("report:")]

        assert len(shown()) == 2
        last_option = options.get_option_at_index(options.option_count - 1)
        assert str(last_option.prompt) == f"{reports - 2} more reports: Enter shows the next 2"
        detail.options.focus()
        detail.options.highlighted = detail.options.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        assert len(shown()) == 4
        assert screen.fact_id == "brics-summit-2023"  # still on the fact: nothing followed
        highlighted = detail.options.highlighted
        assert highlighted is not None
        assert detail.options.get_option_at_index(highlighted).id == shown()[2]
        # A report chosen elsewhere (the article, Backspace) is shown whatever the page.
        last = app.corpus.reports_by_fact["brics-summit-2023"][-1]
        screen.jump(Target("report", last))
        await pilot.pause()
        assert f"report:{last}" in shown()


async def test_the_facts_filter_narrows_and_widens_as_letters_come_and_go() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("entity", "putin"))
        await pilot.pause()
        await pilot.press("2", "slash", "s", "u", "m")
        await pilot.pause()
        facts = app.query_one("#facts-list", VirtualList)
        pane = screen.query_one(FactPane)

        def fresh(query: str) -> list[str]:
            view = pane.view
            return [f"fact:{f}" for f in app.corpus.facts_matching(view.fact_ids, "putin", query)]

        assert facts.ids == fresh("sum") != []
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert facts.ids == fresh("s")
        assert len(fresh("s")) > len(fresh("sum"))
        await pilot.press("p", "e", "a")
        await pilot.pause()
        assert facts.ids == fresh("spea")
