"""Unit tests of the data layer's parts: time values, anchoring, positions, text safety."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.data.anchoring import Ambiguous, Anchored, NotFound, anchor, closest_passage
from tui.data.corpus import split_sentences
from tui.data.schema import EntityIn, PublishedIn, ReportIn
from tui.data.textsafe import neutralise, neutralise_line
from tui.data.timex import TimeValueError, parse_time_value
from tui.data.tomlpos import Positions


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        ("2023", "year", "2023-01-01", "2023-12-31"),
        ("2023-09", "month", "2023-09-01", "2023-09-30"),
        ("2023-12", "month", "2023-12-01", "2023-12-31"),
        ("2023-08-28", "day", "2023-08-28", "2023-08-28"),
        ("2023-W34", "week", "2023-08-21", "2023-08-27"),
        ("2023-03/2023-08", "interval", "2023-03-01", "2023-08-31"),
    ],
)
def test_time_values_keep_their_precision(value: str, precision: str, start: str, end: str) -> None:
    parsed = parse_time_value(value)
    assert parsed.precision == precision
    assert (parsed.start.isoformat(), parsed.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "value", ["2023-8", "Monday", "2023-02-29", "2023-W54", "2023-13", "2024/2023"]
)
def test_bad_time_values_are_refused(value: str) -> None:
    with pytest.raises(TimeValueError):
        parse_time_value(value)


def test_anchor_exact_ambiguous_and_missing() -> None:
    text = "Putin said yes. Putin said no."
    assert anchor(text, "said yes") == Anchored(6, 14)
    assert anchor(text, "Putin said") == Ambiguous((0, 16))
    assert anchor(text, "Putin said", prefix=". ") == Anchored(16, 26)
    assert anchor(text, "Putin said", suffix=" no") == Anchored(16, 26)
    found = anchor(text, "Putin sad no")
    assert isinstance(found, NotFound)
    assert text[found.closest_start : found.closest_end].startswith("Putin said n")


def test_closest_passage_on_empty_text() -> None:
    assert closest_passage("", "anything") == (0, 0)


def test_positions_of_keys_headers_inline_tables_and_arrays() -> None:
    doc = (
        '[article]\ntitle = "x"\n\n[entities.putin]\nname = "P"  # c\n'
        '[[reports]]\nof = \'a\'\nevidence = [\n  "one",\n  { exact = "two" },\n]\n'
        '[[reports]]\ntime = { phrase = "p", value = "v" }\n'
    )
    pos = Positions(doc)
    assert pos.locate(("article", "title")) == (2, 1)
    assert pos.locate(("entities", "putin", "name")) == (5, 1)
    assert pos.locate(("reports", 0, "evidence", 1, "exact")) == (10, 5)
    assert pos.locate(("reports", 1, "time", "value")) == (13, 24)
    assert pos.locate(("reports", 1, "missing")) == (12, 1)
    assert pos.locate(("nothing",)) == (1, 1)


def test_positions_survive_broken_documents() -> None:
    for doc in ['a = "unterminated\nb = 1', "[[x", "a = [1,", 'k = "\\q"', "= 3"]:
        Positions(doc).locate(("a",))


def test_neutralise_keeps_length_and_makes_controls_visible() -> None:
    raw = "a\x1b]0;x\x07b\u202ec\x9bd\ne\tf"
    safe = neutralise(raw)
    assert len(safe) == len(raw)
    assert "\x1b" not in safe and "\u202e" not in safe and "\x9b" not in safe
    assert "␛" in safe and "\n" in safe and "␉" in safe
    assert neutralise_line("a\nb") == "a␤b"
    assert neutralise("[in the call]") == "[in the call]"


def test_sentences_split_at_full_stops_and_newlines() -> None:
    text = 'He said "Yes." Then he left.\nHeadline\n\nNext one. and more'
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ['He said "Yes."', "Then he left.", "Headline", "Next one. and more"]


def test_models_forbid_unknown_keys_and_derive_shorthands() -> None:
    with pytest.raises(ValueError, match="extra"):
        EntityIn.model_validate({"name": "P", "kind": "person", "colour": "red"})
    report = ReportIn.model_validate({"of": "x", "evidence": ["a", {"exact": "b", "prefix": "c"}]})
    assert [q.exact for q in report.evidence] == ["a", "b"]
    assert report.status is None and report.sources == [] and report.commitment == "certain"
    published = PublishedIn.model_validate({"date": dt.date(2023, 8, 28)})
    assert not published.earliest and published.date == dt.date(2023, 8, 28)


def test_every_predicate_reads_as_a_phrase() -> None:
    from typing import get_args

    from tui.data.phrases import PREDICATE_PHRASES
    from tui.data.schema import Predicate

    assert set(PREDICATE_PHRASES) == set(get_args(Predicate))


def test_time_words_are_checked_against_the_value_and_the_publication_date() -> None:
    from tui.data.corpus import Published
    from tui.data.timecheck import disagreement
    from tui.data.timex import parse_time_value as value

    exact = Published(dt.date(2023, 8, 28), None, None, "")
    assert disagreement("on Monday", value("2023-08-28"), exact) is None
    assert "is a Tuesday, not a Monday" in (
        disagreement("on Monday", value("2023-08-29"), exact) or ""
    )
    assert disagreement("next month’s summit", value("2023-09"), exact) is None
    assert disagreement("Last week", value("2023-W34"), exact) is None
    assert disagreement("last week", value("2023-08-22"), exact) is None  # a day within it
    assert disagreement("next month", value("2023-10"), exact) is not None
    assert disagreement("this year", value("2023"), exact) is None
    # An estimated date: any day of the range will do.
    estimated = Published(None, dt.date(2023, 8, 28), dt.date(2023, 9, 3), "")
    assert disagreement("next month", value("2023-10"), estimated) is None
    assert disagreement("next month", value("2023-11"), estimated) is not None


def test_time_values_can_be_open_intervals_and_times_of_day() -> None:
    from tui.data.timex import TimeValueError, parse_time_value

    since = parse_time_value("2022-02-24/..")
    assert since.precision == "interval" and since.start == dt.date(2022, 2, 24)
    assert since.end == dt.date.max  # open: still going on
    until = parse_time_value("../2023-03")
    assert until.start == dt.date.min and until.end == dt.date(2023, 3, 31)
    assert parse_time_value("2023-08-28T10:30").precision == "time"
    for wrong in ("../..", "2023-08-28T24:00", "2022-02-24/...", "2022-02-24/"):
        with pytest.raises(TimeValueError):
            parse_time_value(wrong)


def test_an_anchored_time_says_so_in_the_export() -> None:
    from pathlib import Path

    from tui.data.export import to_document
    from tui.data.loader import load_corpus

    document = to_document(load_corpus(Path(__file__).resolve().parent.parent))
    mariupol = next(r for r in document["reports"] if r["of"] == "putin-tours-mariupol-crimea")
    # "the day after the arrest warrant was issued": counted from the warrant ("this March"),
    # not dated from outside knowledge.
    assert mariupol["time"]["anchor"] == "icc-warrant-putin"
    assert mariupol["time"]["offset"] == "P1D" and mariupol["time"]["inferred"] is None
    assert mariupol["time"]["value"] == "2023-03-02/2023-04-01"


def test_sentences_do_not_end_at_an_abbreviation() -> None:
    text = "BEIJING, Oct. 17 (Xinhua) -- Leaders arrived. Then Mr. Li left. Next."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["BEIJING, Oct. 17 (Xinhua) -- Leaders arrived.", "Then Mr. Li left.", "Next."]


def test_coverage_counts_the_dateline_as_cited() -> None:
    from pathlib import Path

    from tui.data.coverage import coverage
    from tui.data.loader import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parent.parent)
    assert [(c.article_id, c.gaps) for c in coverage(corpus) if c.gaps] == []
