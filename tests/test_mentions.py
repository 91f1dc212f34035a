"""The automaton matcher finds exactly what the first-word index it replaced found.

The old matcher (indexed by an alias's first word, each candidate tried longest first) is
kept here, verbatim, as the oracle: it was slow on "the …" aliases but its answers are the
definition of a mention (whole words, leftmost-longest, never overlapping).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.bench.synthetic import generate
from tui.data.corpus import Corpus, Mention
from tui.data.loader import load_corpus
from tui.data.mentions import AliasMatcher

_WORD = re.compile(r"\w+")


class OracleMatcher:
    def __init__(self, aliases: Iterable[tuple[str, str]]) -> None:
        self._by_word: dict[str, list[tuple[str, str]]] = {}
        other: list[tuple[str, str]] = []
        for alias, entity_id in aliases:
            first = _WORD.match(alias)
            if first is None:
                other.append((alias, entity_id))
            else:
                self._by_word.setdefault(first.group(), []).append((alias, entity_id))
        for candidates in self._by_word.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        self._other = {alias: entity_id for alias, entity_id in other}
        self._other_pattern = (
            re.compile("|".join(re.escape(a) for a in sorted(self._other, key=len, reverse=True)))
            if other
            else None
        )

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for word in _WORD.finditer(text):
            for alias, entity_id in self._by_word.get(word.group(), ()):
                start = word.start()
                end = start + len(alias)
                if text.startswith(alias, start) and not _is_word_at(text, end):
                    found.append(Mention(start, end, entity_id))
                    break
        if self._other_pattern is not None:
            for match in self._other_pattern.finditer(text):
                start, end = match.span()
                if not _is_word_at(text, start - 1) and not _is_word_at(text, end):
                    found.append(Mention(start, end, self._other[match.group()]))
        found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


def _is_word_at(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    char = text[index]
    return char.isalnum() or char == "_"


def _pairs(corpus: Corpus) -> list[tuple[str, str]]:
    return [(alias, e.id) for e in corpus.entities.values() for alias in e.aliases]


def _assert_same(corpus: Corpus) -> int:
    pairs = _pairs(corpus)
    new, old = AliasMatcher(pairs), OracleMatcher(pairs)
    count = 0
    for article in corpus.articles.values():
        expected = old.find(article.text)
        assert new.find(article.text) == expected, article.id
        count += len(expected)
    return count


def test_same_mentions_as_the_oracle_on_the_bundled_corpus(repo_root: Path) -> None:
    assert _assert_same(load_corpus(repo_root)) > 50


def test_same_mentions_as_the_oracle_on_a_synthetic_corpus(tmp_path: Path) -> None:
    generate(tmp_path / "c", 30)
    corpus = load_corpus(tmp_path / "c")
    assert _assert_same(corpus) > 1000


# Words that make aliases overlap, nest, share prefixes and meet word boundaries.
_PIECES = ["the", "The", "Kremlin", "Kremlins", "Russian", "President", "Putin", "é", "_", "1"]
_SEPS = [" ", "  ", "'", "-", ".", ",", "[", "]", "\n", ""]


@st.composite
def _alias(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(_SEPS), min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", "", "", "[", "'"]))
    return lead + "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip() or "x"


@given(
    st.lists(st.tuples(_alias(), st.sampled_from(["a", "b", "c"])), min_size=1, max_size=12),
    st.lists(st.sampled_from(_PIECES + _SEPS), max_size=80),
)
@settings(max_examples=400, deadline=None)
def test_same_mentions_as_the_oracle_on_random_aliases_and_texts(
    aliases: list[tuple[str, str]], pieces: list[str]
) -> None:
    text = "".join(pieces)
    assert AliasMatcher(aliases).find(text) == OracleMatcher(aliases).find(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Russian President spoke", [(0, 21, "putin")]),  # longest, capitalised form
        ("the Russian Presidents", [(0, 11, "russia")]),  # whole words only
        ("Theodore the Russian", [(9, 20, "russia")]),  # not inside a word
    ],
)
def test_examples(text: str, expected: list[tuple[int, int, str]]) -> None:
    matcher = AliasMatcher(
        [
            ("the Russian President", "putin"),
            ("The Russian President", "putin"),
            ("the Russian", "russia"),
            ("the", "nobody"),
        ]
    )
    assert [(m.start, m.end, m.entity_id) for m in matcher.find(text)] == expected
