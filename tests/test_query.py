"""Questions on facts: the query language (tui/data/query.py) and its line and counts."""

from __future__ import annotations

import pytest

from tests.test_views import settle, typed
from tests.ui_helpers import CORPORA, corpus_at, explorer, make_app, screen_text
from tui.data.query import QueryError, frequency, parse
from tui.ui.views.query import FrequencyScreen, QueryPrompt

WIDE = (160, 48)


def ask(text: str) -> list[str]:
    corpus = corpus_at()
    return parse(text, corpus).run(corpus)


def having(status: str = "", certainty: str = "", entity: str = "") -> set[str]:
    """The facts a query should find, worked out the plain way, as a reader would."""
    corpus = corpus_at()
    found = set()
    for fact_id in (*corpus.events, *corpus.relations):
        reports = corpus.fact_reports(fact_id)
        if status and not any(r.status == status for r in reports):
            continue
        if certainty and not any(r.certainty == certainty for r in reports):
            continue
        if entity and fact_id not in corpus.facts_by_entity.get(entity, ()):
            continue
        found.add(fact_id)
    return found


def dated_within(first: str, last: str) -> set[str]:
    corpus = corpus_at()
    return {
        fact_id
        for fact_id in (*corpus.events, *corpus.relations)
        for r in corpus.fact_reports(fact_id)
        if r.time
        and r.time.value
        and r.time.value.start.isoformat() <= last
        and first <= r.time.value.end.isoformat()
    }


def test_terms_combine_values_with_or_and_terms_with_and() -> None:
    declined, virtual = having("declined"), having("attended_virtually")
    assert set(ask("status:declined")) == declined
    assert set(ask("status:declined,attended_virtually")) == declined | virtual
    both = (declined | virtual) & having(entity="putin") & dated_within("2023-01-01", "2023-12-31")
    found = ask("status:declined,attended_virtually putin 2023")
    assert set(found) == both and {"putin-skips-g20", "putin-attends-brics-virtually"} <= both
    assert "xi-skips-g20" in declined and "xi-skips-g20" not in found


def test_each_field_selects_what_it_says() -> None:
    corpus = corpus_at()
    assert ask("type:phone_call") == [
        e for e, event in corpus.events.items() if event.type == "phone_call"
    ]
    assert "putin-modi-call" in ask("type:phone_call")
    assert all(f in corpus.relations for f in ask("type:relation"))
    assert set(ask("type:party_to")) == {
        f for f, r in corpus.relations.items() if r.predicate == "party_to"
    }
    for fact_id in ask("source:kremlin"):
        assert any("kremlin" in r.according_to for r in corpus.fact_reports(fact_id))
    assert set(ask("certainty:believed")) == having(certainty="believed")
    assert "putin-skips-g20" in ask("certainty:believed")
    assert set(ask("article:trt")) == {
        r.fact_id for r in corpus.reports.values() if r.article_id == "trt-putin-modi-g20"
    }
    assert ask('who:"Sergey Lavrov"') == ask("lavrov") != []
    assert ask("text:phone") == ask("phone")
    assert "putin-modi-call" in ask("phone")


def test_dates_select_facts_whose_time_overlaps() -> None:
    assert "putin-modi-call" in ask("date:2023-08-28")
    assert "putin-modi-call" not in ask("date:2023-09..")
    assert set(ask("date:..2022")) == dated_within("0001-01-01", "2022-12-31")
    assert "russia-attacks-ukraine" in ask("date:..2022")
    # Undated facts never match a date.
    assert "xi-putin-pledge" not in ask("date:2000..2100")


def test_a_minus_negates_and_values_may_be_cut_short() -> None:
    assert "putin-modi-call" not in ask("putin -type:phone_call")
    assert "putin-modi-call" in ask("putin")
    assert ask("status:virt") == ["putin-attends-brics-virtually"]
    assert ask("STATUS:Attended_Virtually") == ask("status:'attended virtually'")


@pytest.mark.parametrize(
    "text", ["China's", "text:china's", "China’s", 'text:"mao ning\'s"', "text:'mao ning's'"]
)
def test_an_apostrophe_is_a_letter_not_a_quote(text: str) -> None:
    """A typed straight apostrophe finds the label's, straight or curly, as filters do."""
    corpus = corpus_at()
    found = ask(text)
    assert found
    for fact_id in found:
        fact = corpus.fact(fact_id)
        assert fact is not None
        label = corpus.label(fact).replace("’", "'").casefold()
        assert text.split(":")[-1].strip("\"'").replace("’", "'").casefold() in label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("staus:declined", "unknown field `staus:`; did you mean `status:`?"),
        ("status:declind", "no fact has status `declind` (did you mean `declined`?)"),
        ("who:putn", "no fact has entity `putn` (did you mean `putin`?)"),
        ("date:2023-13", "`2023-13` is not a date"),
        ("date:2023-09..2023-08", "ends before it starts"),
        ('who:"Sergey', 'a quote is not closed; expected a closing `"`'),
        ("who:'Sergey", "a quote is not closed; expected a closing `'`"),
        ("status:", "has no value"),
        ("type:s", "could be any of"),
    ],
)
def test_a_bad_query_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError) as error:
        parse(text, corpus_at())
    assert message in str(error.value)


def test_frequency_counts_each_fact_once_per_value() -> None:
    corpus = corpus_at(CORPORA / "disagree")
    # The one fact is declined in two articles and attended virtually in one: it counts
    # once for each value.
    assert frequency(corpus, ["summit"], "status") == [("attended_virtually", 1), ("declined", 1)]
    assert frequency(corpus, ["summit"], "article") == [("a", 1), ("b", 1), ("c", 1)]
    corpus = corpus_at()
    years = dict(frequency(corpus, list(corpus.events), "year"))
    in_2022 = {
        e
        for e in corpus.events
        for r in corpus.fact_reports(e)
        if r.time and r.time.value and r.time.value.start.year == 2022
    }
    assert years["2022"] == len(in_2022) > 0 and "undated" in years


async def test_f_lists_the_facts_of_a_query_and_back_returns_to_them() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, QueryPrompt)
        await pilot.press(*typed("staus:declined"))
        await settle(pilot)
        assert "did you mean `status:`?" in screen_text(app)
        await pilot.press("enter")  # refused: the query is wrong
        await settle(pilot)
        assert isinstance(app.screen, QueryPrompt)
        for _ in "staus:declined":
            await pilot.press("backspace")
        await pilot.press(*typed("status:declined,virt putin 2023"))
        await settle(pilot)
        expected = tuple(ask("status:declined,virt putin 2023"))
        assert f"{len(expected)} facts match" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.facts.fact_ids == expected
        assert f"Query: status:declined,virt putin 2023 ({len(expected)})" in screen_text(app)
        assert screen.focused_pane() == "facts"
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.fact_id == expected[1] and screen.focused_pane() == "detail"
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.facts.fact_ids == expected
        assert screen.focused_pane() == "facts"


async def test_count_per_value_narrows_the_list_with_enter() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # on Vladimir Putin, the first entity
        count = len(explorer(app).facts.fact_ids)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FrequencyScreen)
        text = screen_text(app)
        assert f"Facts · Vladimir Putin ({count}) by status" in text
        assert "declined" in text and "attended virtually" in text
        await pilot.press("tab")  # by certainty
        await settle(pilot)
        assert "by certainty" in screen_text(app)
        await pilot.press("shift+tab")
        await settle(pilot)
        # The rows are most frequent first: occurred, planned, then the single ones.
        options = app.screen.query_one("#frequency")
        ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
        await pilot.press(*["j"] * ids.index("declined"), "enter")
        await settle(pilot)
        screen = explorer(app)
        assert screen.source == "query"
        expected = having("declined", entity="putin")
        assert set(screen.facts.fact_ids) == expected and "putin-skips-g20" in expected
        assert f"Query: about:putin status:declined ({len(expected)})" in screen_text(app)


async def test_enter_on_a_count_lists_the_facts_it_counted() -> None:
    # The Kremlin's list holds facts it is only cited for: narrowing by a count must keep
    # them, not ask who:kremlin (which lists fewer, here none of the declined ones).
    from tui.ui.panes import Target

    app = make_app()
    corpus = corpus_at()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("entity", "kremlin"))
        await settle(pilot)
        listed = set(screen.facts.fact_ids)
        assert listed - parse("who:kremlin", corpus).matching(corpus)  # cited-only facts
        await pilot.press("F")
        await settle(pilot)
        counts = dict(frequency(corpus, listed, "status"))
        options = app.screen.query_one("#frequency")
        ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
        await pilot.press(*["j"] * ids.index("declined"), "enter")
        await settle(pilot)
        assert len(screen.facts.fact_ids) == counts["declined"] > 0
        assert set(screen.facts.fact_ids) == having("declined", entity="kremlin")


async def test_count_per_value_counts_only_the_facts_the_filter_kept() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()  # on Vladimir Putin, the first entity
        screen = explorer(app)
        everything = len(screen.facts.fact_ids)
        await pilot.press("2", "slash", *typed("summit"), "enter")
        await settle(pilot)
        kept = screen.pane("facts").list.ids
        assert 0 < len(kept) < everything
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FrequencyScreen)
        assert f"Facts · Vladimir Putin /summit ({len(kept)}) by status" in screen_text(app)


def test_a_fact_without_a_value_is_counted_as_none() -> None:
    corpus = corpus_at()
    facts = ask("status:declined,virt putin")
    counts = dict(frequency(corpus, facts, "source"))
    unsourced = [f for f in facts if not any(r.according_to for r in corpus.fact_reports(f))]
    assert counts.get("(none)", 0) == len(unsourced)
    assert counts["kremlin"] == sum(
        any("kremlin" in r.according_to for r in corpus.fact_reports(f)) for f in facts
    )


async def test_a_query_that_cannot_run_changes_nothing_and_says_why() -> None:
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        screen = explorer(app)
        before = screen.location()
        screen.ask("staus:declined")
        await pilot.pause()
        assert screen.location() == before
        assert any("did you mean `status:`" in n.message for n in app._notifications)


async def test_counts_say_why_their_shares_can_pass_a_hundred_percent() -> None:
    app = make_app(CORPORA / "disagree")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("F")  # the one fact is declined in two articles, virtual in one
        await settle(pilot)
        assert isinstance(app.screen, FrequencyScreen)
        assert "shares can pass 100%" in screen_text(app)


def test_names_keyed_together_are_keyed_as_one_at_a_time() -> None:
    import random

    from tui.data.query import _key, _keys

    rng = random.Random(7)
    alphabet = "aZé_-– \u00a0’\0ßİx"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9))) for _ in range(300)]
    assert _keys(texts) == [_key(t) for t in texts]
    clean = [t for t in texts if "\0" not in t]
    assert _keys(clean) == [_key(t) for t in clean]


async def test_enter_works_out_the_query_counted_as_typed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The prompt counts the query at its last letter; Enter lists its facts once, not again
    # in the prompt and again for each change the explorer makes (seconds at 10,000).
    import tui.data.query as query_module

    asked: list[str] = []
    original = query_module._term_facts

    def counted(facets: object, term: query_module.Term) -> set[str]:
        asked.append(term.field)
        return original(facets, term)  # type: ignore[arg-type]

    monkeypatch.setattr(query_module, "_term_facts", counted)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("f", *typed("status:declined putin"))
        await settle(pilot)
        asked.clear()
        await pilot.press("enter")
        await settle(pilot)
        listed = asked.copy()
        assert explorer(app).facts.fact_ids == tuple(ask("status:declined putin"))
        assert listed == ["status", "who"]  # each term's facts, once


async def test_a_query_that_leaves_out_the_fact_shown_shows_its_first_answer() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "j", "j")  # into Putin's facts, on the third
        await settle(pilot)
        screen = explorer(app)
        before = screen.fact_id
        expected = ask("status:declined,virt putin")
        assert before is not None and before not in expected
        await pilot.press("f", *typed("status:declined,virt putin"), "enter")
        await settle(pilot)
        assert screen.facts.fact_ids == tuple(expected)
        assert screen.fact_id == expected[0]  # not the fact the answers left out
        assert screen.pane("facts").list.highlighted_id == f"fact:{expected[0]}"
