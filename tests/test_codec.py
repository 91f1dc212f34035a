"""The index's codec is derived from the dataclasses: new fields need no edit, every row comes
back equal, and a foreign row raises only what the index treats as a miss."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.bench.synthetic import generate
from tui.data import files, index
from tui.data.codec import Codec, Strings
from tui.data.corpus import Article, Corpus, Report
from tui.data.export import to_json
from tui.data.loader import load_corpus

TABLES = (
    "articles",
    "entities",
    "events",
    "relations",
    "reports",
    "reports_by_fact",
    "links",
    "links_by_fact",
    "facts_by_entity",
    "reports_by_entity",
    "fact_time",
)


class _Back:
    """A corpus written to an index and read back, and how it compares with the original."""

    def __init__(self, corpus: Corpus) -> None:
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        index._check_schema(db)
        inputs = index._Inputs(corpus.root, files.Limits.from_env())
        index.build(db, corpus, inputs, time.time_ns(), {"format": "test"})
        self.corpus = index.IndexedCorpus(corpus.root, db)

    def __eq__(self, other: object) -> bool:
        assert isinstance(other, Corpus)
        back = self.corpus
        return all(dict(getattr(back, t).items()) == dict(getattr(other, t)) for t in TABLES) and (
            back.problems == other.problems and back.text_paths == other.text_paths
        )


def _round_trip(corpus: Corpus) -> _Back:
    return _Back(corpus)


def test_the_bundled_corpus_comes_back_equal(repo_root: Path) -> None:
    corpus = load_corpus(repo_root)
    back = _round_trip(corpus)
    assert back == corpus  # every row of every table, indexes and problems included
    assert to_json(back.corpus) == to_json(corpus)


def test_a_synthetic_corpus_comes_back_equal(tmp_path: Path) -> None:
    generate(tmp_path / "c", 20)
    corpus = load_corpus(tmp_path / "c")
    assert _round_trip(corpus) == corpus


def test_a_corpus_with_problems_comes_back_equal(repo_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(repo_root / "facts", root / "facts")
    shutil.copytree(repo_root / "seeds", root / "seeds")
    path = next((root / "facts").glob("*.toml"))
    path.write_text(path.read_text(encoding="utf-8").replace("putin", "putn"), encoding="utf-8")
    corpus = load_corpus(root)
    assert corpus.problems
    assert _round_trip(corpus) == corpus


# A model that has gained fields of every kind the corpus uses: none needs an edit here.
class Pair(NamedTuple):
    start: int
    end: int


class Named(NamedTuple):
    id: str
    role: str


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    entity: str
    cue: str | None
    level: int


@dataclasses.dataclass(slots=True)
class Item:
    id: str
    modality: Literal["planned", "occurred"]
    negated: bool
    sources: tuple[Source, ...]
    anchor: Source | None
    count: int | None
    qualifiers: tuple[tuple[str, str | int], ...]
    members: list[str]
    spans: tuple[Pair, ...]
    names: tuple[Named, ...]
    when: dt.date | None
    weight: float
    by_key: dict[str, list[str]]
    either: Source | Pair
    _cache: list[int] | None = None
    note: str = ""


def _item(n: int) -> Item:
    return Item(
        id=f"i{n}",
        modality="planned" if n % 2 else "occurred",
        negated=bool(n % 3),
        sources=(Source("kremlin", "said", 1), Source("tass", None, 2)),
        anchor=None if n % 2 else Source("x", "y", 0),
        count=None if n % 3 else n,
        qualifiers=(("countries", 123), ("by", "vote")),
        members=["a", "b", f"m{n}"],
        spans=(Pair(1, 2), Pair(3, n)),
        names=(Named("putin", "host"),),
        when=dt.date(2023, 3, 17) if n % 2 else None,
        weight=0.5 * n,
        by_key={"k": ["v", "w"], "": []},
        either=Source("s", None, n) if n % 2 else Pair(n, n + 1),
        _cache=[1, 2],
        note="é\x1b\u202e" * n,
    )


def test_a_model_with_new_fields_round_trips_without_edits() -> None:
    codec = Codec(list[Item])
    items = [_item(n) for n in range(6)]
    table = Strings()
    data = json.loads(json.dumps(codec.encode(items, table)))
    back = codec.decode(data, list(table.strings))
    expected = [dataclasses.replace(i, _cache=None) for i in items]  # caches are not stored
    assert back == expected
    assert all(type(b.spans[0]) is Pair and type(b.names[0]) is Named for b in back)
    assert type(back[0].either) is Pair and type(back[1].either) is Source


def test_an_unsupported_field_type_fails_when_the_codec_is_built() -> None:
    @dataclasses.dataclass
    class Odd:
        path: Path

    with pytest.raises(TypeError, match="cannot store"):
        Codec(Odd)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=60,
)


@given(_JSON, st.lists(st.text(max_size=3), max_size=5))
@settings(max_examples=400, deadline=None)
def test_a_foreign_row_raises_only_what_the_index_treats_as_a_miss(
    data: Any, strings: list[str]
) -> None:
    for annotation in (Report, Article):
        with contextlib.suppress(ValueError, LookupError, TypeError, ArithmeticError):
            index._decode(annotation, json.dumps([data, strings]))


def test_a_mangled_row_is_a_miss(repo_root: Path) -> None:
    corpus = load_corpus(repo_root)
    report = next(iter(corpus.reports.values()))
    body, strings = json.loads(index._encode(Report, report))
    for mangle in (
        lambda b: b.pop(),
        lambda b: b.append(1),
        lambda b: b.__setitem__(1, "x"),
        lambda b: b.__setitem__(0, 10**6),
        lambda b: b.__setitem__(1, [10**30]),
    ):
        broken = json.loads(json.dumps(body))
        mangle(broken)
        with pytest.raises((ValueError, LookupError, TypeError, ArithmeticError)):
            index._decode(Report, json.dumps([broken, strings]))


def test_rows_are_the_json_that_json_dumps_makes(repo_root: Path) -> None:
    """The index's own row encoder (made once, in C) writes what json.dumps would."""
    corpus = load_corpus(repo_root)
    for report in corpus.reports.values():
        table = Strings()
        body = index._codec(Report).encode(report, table)
        expected = json.dumps([body, table.strings], ensure_ascii=False, separators=(",", ":"))
        assert index._encode(Report, report) == expected
    odd = [[None, True, 1.5, -(10**20)], ['"\\\n', "é\u2028\ud800", ""]]
    assert index._dumps(odd) == json.dumps(odd, ensure_ascii=False, separators=(",", ":"))
