"""Fact format 2: source chains, statements, anchored times, per-report additions, local names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.data.export import to_json
from tui.data.loader import load_corpus
from tui.data.schema import derive_certainty
from tui.data.timex import parse_time_value, shift

ENTITIES = """
[entities.putin]
name = "Vladimir Putin"
kind = "person"
aliases = ["Putin"]

[entities.modi]
name = "Narendra Modi"
kind = "person"
aliases = ["Modi"]

[entities.icc]
name = "International Criminal Court"
kind = "organisation"
aliases = ["ICC"]

[entities.kremlin]
name = "Kremlin"
kind = "institution"
aliases = ["the Kremlin"]

[entities.tass]
name = "TASS"
kind = "media"

[entities.tribunal]
name = "Moscow City Court"
kind = "institution"
aliases = ["the court"]

[entities.states]
name = "ICC member states"
kind = "group"
count = 123
members = ["icc"]
"""

A_TEXT = (
    "The ICC issued a warrant for Putin on 17 March. The Kremlin strongly denies the "
    "allegations, TASS said. The court wants him arrested. Putin toured Crimea the day "
    'after the warrant was issued. "We spoke [by phone]," the Kremlin said of the call.\n'
)
A_FACTS = """
[article]
title = "A warrant"
published = 2023-03-20
publisher = "tass"
aliases = { icc = ["The court"] }

[events.warrant]
type = "arrest_warrant"
summary = "The ICC issues a warrant for Putin"
participants = { icc = "issuer", putin = "subject" }

[events.denial]
type = "denial"
summary = "The Kremlin denies the allegations"
participants = { kremlin = "speaker" }

[events.tour]
type = "tour"
summary = "Putin tours Crimea"
participants = { putin = "visitor" }

[events.call]
type = "phone_call"
summary = "Putin and Modi speak"
participants = { putin = "caller" }

[[reports]]
of = "warrant"
evidence = ["The ICC issued a warrant for Putin on 17 March"]
time = { phrase = "on 17 March", value = "2023-03-17" }

[[reports]]
of = "warrant"
evidence = ["The Kremlin strongly denies the allegations, TASS said"]
sources = [
  { by = "tass", cue = "TASS said" },
  { by = "kremlin", cue = "strongly denies", polarity = "negative", statement = "denial" },
]

[[reports]]
of = "denial"
status = "ongoing"
evidence = ["The Kremlin strongly denies the allegations"]

[[reports]]
of = "tour"
evidence = ["Putin toured Crimea the day after the warrant was issued"]
time = { phrase = "the day after the warrant was issued", anchor = "warrant", offset = "P1D" }

[[reports]]
of = "call"
evidence = ["\\"We spoke [by phone],\\" the Kremlin said of the call"]
participants = { modi = "callee" }
sources = [
  { by = "kremlin", cue = "the Kremlin said", speech = "direct", insertions = ["[by phone]"] },
]
"""

B_TEXT = "The court in Moscow met. Modi may visit Putin.\n"
B_FACTS = """
[article]
title = "Another"
published = 2023-03-21

[events.visit]
type = "visit"
summary = "Modi visits Putin"
participants = { modi = "visitor", putin = "host" }

[[reports]]
of = "visit"
status = "planned"
modality = "possible"
evidence = ["Modi may visit Putin"]
"""


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts" / "entities.toml").write_text(ENTITIES, encoding="utf-8")
    for name, facts, text in (("a", A_FACTS, A_TEXT), ("b", B_FACTS, B_TEXT)):
        (tmp_path / "facts" / f"{name}.toml").write_text(facts, encoding="utf-8")
        (tmp_path / "seeds" / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("commitment", "levels", "expected"),
    [
        ("certain", [], "asserted"),
        ("certain", [("certain", "positive")], "reported"),
        ("certain", [("certain", "positive"), ("probable", "positive")], "believed"),
        ("probable", [], "believed"),
        ("possible", [("certain", "positive")], "alleged"),
        ("possible", [("certain", "negative")], "denied"),
    ],
)
def test_certainty_is_derived_from_the_chain_by_one_rule(
    commitment: str, levels: list[tuple[str, str]], expected: str
) -> None:
    assert derive_certainty(commitment, levels) == expected


def test_a_chain_keeps_each_levels_cue_and_commitment(corpus_root: Path) -> None:
    corpus = load_corpus(corpus_root)
    assert corpus.problems == []
    denial = corpus.fact_reports("warrant")[1]
    text = corpus.articles["a"].text
    assert [(v.entity_id, text[v.cue.start : v.cue.end]) for v in denial.sources] == [
        ("tass", "TASS said"),
        ("kremlin", "strongly denies"),
    ]
    assert denial.according_to == ("tass", "kremlin")
    assert denial.certainty == "denied"
    call = corpus.fact_reports("call")[0]
    (level,) = call.sources
    assert level.speech == "direct"
    assert [text[s.start : s.end] for s in level.insertions] == ["[by phone]"]


def test_a_statement_denies_the_fact_its_source_level_names(corpus_root: Path) -> None:
    corpus = load_corpus(corpus_root)
    links = [corpus.links[k] for k in corpus.links_by_fact["denial"]]
    assert [(k.type, k.source, k.target) for k in links] == [("denies", "denial", "warrant")]


def test_a_time_anchored_to_an_event_takes_its_time_moved_by_the_offset(
    corpus_root: Path,
) -> None:
    corpus = load_corpus(corpus_root)
    time = corpus.fact_reports("tour")[0].time
    assert time is not None and time.anchor == "warrant" and time.value is not None
    assert time.value.value == "2023-03-18"
    assert corpus.fact_time["tour"].value == "2023-03-18"


def test_a_report_adds_participants_that_count_for_the_entity(corpus_root: Path) -> None:
    corpus = load_corpus(corpus_root)
    assert [tuple(p) for p in corpus.fact_reports("call")[0].participants] == [("modi", "callee")]
    assert "call" in corpus.facts_by_entity["modi"]


def test_a_local_alias_holds_in_its_article_only(corpus_root: Path) -> None:
    corpus = load_corpus(corpus_root)
    a, b = corpus.articles["a"], corpus.articles["b"]
    in_a = [(a.text[m.start : m.end], m.entity_id) for m in corpus.mentions(a)]
    in_b = [(b.text[m.start : m.end], m.entity_id) for m in corpus.mentions(b)]
    # In its own article the local name wins over the corpus-wide one; elsewhere not.
    assert ("The court", "icc") in in_a
    assert ("The court", "tribunal") in in_b


def test_modality_groups_and_publisher_reach_the_export(corpus_root: Path) -> None:
    corpus = load_corpus(corpus_root)
    document = json.loads(to_json(corpus))
    article = next(a for a in document["articles"] if a["id"] == "a")
    assert article["publisher"] == "TASS" and article["publisher_id"] == "tass"
    assert {"alias": "The court", "entity": "icc"} in article["local_aliases"]
    states = next(e for e in document["entities"] if e["id"] == "states")
    assert states["count"] == 123 and states["members"] == ["icc"]
    visit = next(r for r in document["reports"] if r["of"] == "visit")
    assert visit["modality"] == "possible" and visit["status"] == "planned"
    denial = next(r for r in document["reports"] if r["of"] == "warrant" and r["sources"])
    assert [(s["by"], s["cue"]["text"], s["polarity"]) for s in denial["sources"]] == [
        ("tass", "TASS said", "positive"),
        ("kremlin", "strongly denies", "negative"),
    ]
    tour = next(r for r in document["reports"] if r["of"] == "tour")
    assert tour["time"]["anchor"] == "warrant" and tour["time"]["offset"] == "P1D"
    assert any(k["type"] == "denies" and k["derived"] for k in document["links"])


@pytest.mark.parametrize(
    ("value", "offset", "expected"),
    [
        ("2023-03-17", "P1D", "2023-03-18"),
        ("2023-03-17", "-P1W", "2023-03-10"),
        ("2023-01-31", "P1M", "2023-02-28"),
        ("2023-03", "P1M", "2023-04"),
        ("2023", "-P1Y", "2022"),
        ("2023-03", "P1D", "2023-03-02/2023-04-01"),
    ],
)
def test_shift_keeps_the_precision_it_can(value: str, offset: str, expected: str) -> None:
    shifted = shift(parse_time_value(value), offset)
    assert shifted is not None and shifted.value == expected


def test_an_open_interval_cannot_be_shifted() -> None:
    assert shift(parse_time_value("2022-02-24/.."), "P1D") is None


async def test_the_detail_shows_the_chain_with_its_cues_and_a_followable_anchor() -> None:
    from tests.ui_helpers import explorer, make_app
    from tui.ui.panes import Target

    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        screen = explorer(app)
        screen.jump(Target("fact", "lavrov-represents-russia-g20"))
        await pilot.pause()
        detail = screen.pane("detail").list
        prompts = [str(option.prompt) for option in detail.options]
        chain = next(p for p in prompts if p.startswith("TRT World") and "statement from" in p)
        assert (
            "said by: TRT World\n  ← Government of India “according to a statement from”\n"
            "  ← Vladimir Putin “told”"
        ) in chain
        screen.jump(Target("fact", "putin-tours-mariupol-crimea"))
        await pilot.pause()
        detail = screen.pane("detail").list
        anchor = next(
            o for o in detail.options if str(o.prompt).startswith("  1 day after: ICC issues")
        )
        assert anchor.id and anchor.id.rstrip("#") == "fact:icc-warrant-putin"
        detail.highlight_id(anchor.id)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.fact_id == "icc-warrant-putin"
