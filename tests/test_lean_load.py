"""`check` and `export` load without the explorer's indexes, and answer exactly as with them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tui.bench.synthetic import generate
from tui.data.corpus import Corpus, Report, Span
from tui.data.export import to_json
from tui.data.lint import warnings
from tui.data.loader import load_corpus
from tui.data.packed import PackedReportIds, PackedReports

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"
EXPLORER_ONLY = ("facts_by_entity", "reports_by_entity")


def _without_indexes(corpus: Corpus) -> dict[str, object]:
    """Everything a corpus holds but the explorer's indexes, for comparing two loads."""
    fields = {
        f.name: getattr(corpus, f.name)
        for f in dataclasses.fields(corpus)
        if f.name not in EXPLORER_ONLY and not f.name.startswith("_")
    }
    fields["articles"] = {
        article_id: dataclasses.replace(article, citations=[])
        for article_id, article in corpus.articles.items()
    }
    return fields


@pytest.mark.parametrize(
    "name", ["clean", "anchored-time-mismatch", "warn-unnamed", "many-problems", "dangling-link"]
)
def test_a_lean_load_differs_only_by_the_indexes(name: str) -> None:
    root = CORPORA / name
    full, lean = load_corpus(root), load_corpus(root, indexes=False)
    assert _without_indexes(lean) == _without_indexes(full)
    assert not lean.facts_by_entity and not lean.reports_by_entity
    assert all(not article.citations for article in lean.articles.values())
    assert warnings(lean) == warnings(full)


def test_check_and_export_answer_the_same_from_a_lean_load(tmp_path: Path) -> None:
    generate(tmp_path / "c", 30)
    for root in (ROOT, tmp_path / "c"):
        full, lean = load_corpus(root), load_corpus(root, indexes=False, workers=2)
        assert full.facts_by_entity and full.reports_by_entity  # the indexes do hold something
        assert _without_indexes(lean) == _without_indexes(full)
        assert warnings(lean) == warnings(full)
        assert to_json(lean) == to_json(full)


def test_a_lean_load_packs_its_reports_and_gives_them_back_as_made(tmp_path: Path) -> None:
    """The reports of a lean load are packed per article (tui.data.packed) and read back
    equal, in the same order, however they are asked for; a report whose time is anchored
    to another event stays the very object the loader valued."""
    generate(tmp_path / "c", 12)
    for root in (ROOT, tmp_path / "c", CORPORA / "anchored-time-mismatch"):
        full, lean = load_corpus(root), load_corpus(root, indexes=False)
        packed = lean.reports
        assert isinstance(packed, PackedReports)
        assert len(packed) == len(full.reports)
        assert list(packed) == list(full.reports)
        assert list(packed.values()) == list(full.reports.values())
        assert list(packed.by_id()) == [full.reports[r] for r in sorted(full.reports)]
        for report_id in reversed(list(full.reports)):  # by id, out of order
            assert packed[report_id] == full.reports[report_id]
            assert report_id in packed
        assert f"{next(iter(lean.articles))}/no-such-fact" not in packed
        assert packed.quotes == sum(len(r.quotes) for r in full.reports.values())
        for article_id in lean.articles:
            assert packed.count_in(article_id) == sum(
                r.article_id == article_id for r in full.reports.values()
            )
        anchored = [r.id for r in full.reports.values() if r.time and r.time.anchor]
        for report_id in anchored:
            assert packed[report_id] is packed[report_id]
        if root == ROOT:
            assert anchored  # the bundled corpus has times anchored to events
        with pytest.raises(TypeError):
            packed["x/y"] = full.reports[next(iter(full.reports))]


def test_the_records_held_until_every_fact_is_known_are_compressed_and_read_back() -> None:
    """Each file's reports and links wait compressed for the facts of every file (see
    loader._squeezed): what is read back is what was written, and anything else is none."""
    from tui.data.loader import _records, _squeezed

    records = [[["reports", 0], "ev-1", True, [], [], [[0, 12]], None, []], ["é", "\u2066"]]
    text = json.dumps(records, separators=(",", ":"))
    squeezed = _squeezed(text)
    assert isinstance(squeezed, bytes)
    assert _records(squeezed) == records
    assert _records(_squeezed("")) == [] and _records(b"not compressed") == []


def test_a_lean_load_gives_each_facts_report_ids_back_from_their_articles() -> None:
    """A lean load keeps each fact's report ids as their articles' ids (PackedReportIds),
    and gives back the ids, in the order made, numbered as the loader numbers them."""
    ids = PackedReportIds()
    for fact_id, article_id in [("ev", "a1"), ("ev", "a1"), ("r", "a1"), ("ev", "b2")]:
        ids.add(fact_id, article_id)
    ids.add("ev", "a1")
    assert dict(ids) == {"ev": ["a1/ev", "a1/ev/2", "b2/ev", "a1/ev/3"], "r": ["a1/r"]}
    assert "r" in ids and "a1" not in ids and len(ids) == 2
    with pytest.raises(TypeError):
        ids["x"] = []
    for root in (ROOT, CORPORA / "many-problems"):
        full, lean = load_corpus(root), load_corpus(root, indexes=False)
        assert isinstance(lean.reports_by_fact, PackedReportIds)
        assert dict(lean.reports_by_fact) == full.reports_by_fact
        assert list(lean.reports_by_fact) == list(full.reports_by_fact)


def test_packed_reports_by_id_come_in_the_order_of_their_ids() -> None:
    """An article whose id is another's with more after it sorts by the character after
    (``a-b/…`` before ``a/…``, ``a/…`` before ``a0/…``): by_id() gives sorted()'s order,
    of reports packed as plain values and of reports kept whole alike."""
    packed = PackedReports()
    for article_id, facts in (
        ("a", ["z", "b", "b/2"]),
        ("a-b", ["x"]),
        ("a0", ["c"]),
        ("b", ["a"]),
    ):
        made: list[tuple[str, Report | tuple[object, ...]]] = []
        for f in facts:
            report = Report(f"{article_id}/{f}", f.split("/")[0], article_id, "occurred",
                            "certain", (Span(0, 1),), None, (), "")  # fmt: skip
            made.append((report.id, report if f == "z" else packed._pack(report)))
        packed.add_article(article_id, made)
    assert [r.id for r in packed.by_id()] == sorted(packed)
    assert [r.id for r in packed.by_id()][:2] == ["a-b/x", "a/b"]
    assert packed["a/z"] is packed["a/z"] and packed["a/b"] == packed["a/b"]


def test_past_a_few_megabytes_records_and_packed_reports_are_held_compressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small corpus's waiting records and packed reports are held as they are; past the
    budgets (here none) they are compressed, and the answer is the same."""
    from tui.data import loader, packed

    generate(tmp_path / "c", 12)
    root = tmp_path / "c"
    plain = load_corpus(root, indexes=False)
    assert isinstance(plain.reports, PackedReports)
    assert not any(compressed for _, _, compressed in plain.reports._articles.values())
    squeezed_calls: list[str] = []

    def squeezed(text: str) -> bytes:
        squeezed_calls.append(text)
        return loader_squeezed(text)

    loader_squeezed = loader._squeezed
    monkeypatch.setattr(loader, "_squeezed", squeezed)
    monkeypatch.setattr(loader, "SQUEEZE_AFTER", 0)
    monkeypatch.setattr(packed, "COMPRESS_AFTER", 0)
    compressed = load_corpus(root, indexes=False, workers=2)
    assert isinstance(compressed.reports, PackedReports)
    assert all(compressed for _, _, compressed in compressed.reports._articles.values())
    assert len(squeezed_calls) >= 11  # every file's reports after the first
    assert _without_indexes(compressed) == _without_indexes(plain)
    assert warnings(compressed) == warnings(plain)
    assert to_json(compressed) == to_json(plain)
