"""Fact files parsed by compiled tomli give tomllib's answer: the same document or error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.data import toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _answer(parse: object, text: str) -> object:
    try:
        return parse(text)  # type: ignore[operator]
    except Exception as exc:  # the error is the answer compared
        return (type(exc), str(exc))


def _same(text: str) -> None:
    assert _answer(toml.loads, text) == _answer(tomllib.loads, text)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is tomli itself")
def test_the_compiled_parser_is_used() -> None:
    assert toml._fast is not None


def test_every_fact_file_of_the_repository_parses_the_same() -> None:
    paths = sorted(ROOT.glob("facts/*.toml")) + sorted(ROOT.glob("tests/corpora/*/facts/*.toml"))
    assert len(paths) > 50
    for path in paths:
        _same(path.read_bytes().decode("utf-8", "replace"))


@pytest.mark.parametrize("document", [*toml._TOML_1_1, "a = 1\na = 2", "a = [1, 2", 'a = "\\q"'])
def test_what_toml_1_0_refuses_is_refused_with_tomllib_s_message(document: str) -> None:
    _same(document)
    assert isinstance(_answer(toml.loads, document), tuple)


@pytest.mark.parametrize("depth", [1, 150, 199, 200, 250, 330, 340, 400, 500, 999, 1001, 5000])
@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_nesting_tomllib_cannot_parse_fails_as_it_did(depth: int, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    inner = "" if opening == "[" else "1"
    _same("x = " + opening * depth + inner + closing * depth)


def test_a_parser_that_reads_toml_1_1_is_not_used() -> None:
    assert toml._reads_toml_1_0(tomllib.loads)
    assert not toml._reads_toml_1_0(lambda text: {})


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab=[]{}\",.\n #\\'tfrue0123456789-:TZ+e_ ")),
        max_size=60,
    )
)
def test_any_text_parses_the_same(text: str) -> None:
    _same(text)
