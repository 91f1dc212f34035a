"""The streamed export gives the bytes ``json.dumps(indent=2)`` gave, a piece at a time."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.bench.synthetic import generate
from tui.cli import main
from tui.data.corpus import Corpus
from tui.data.export import _UNSAFE, _write, to_document, to_json, write_json
from tui.data.loader import load_corpus


def _reference(document: Any) -> str:
    """What export printed before it was streamed: the whole tree through json.dumps."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _keys_in_order(value: Any) -> Any:
    """The document with every object as a list of pairs: equality then checks key order."""
    if isinstance(value, dict):
        return [(k, _keys_in_order(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_keys_in_order(v) for v in value]
    return value


def _same_as_before(corpus: Corpus) -> str:
    expected = _reference(to_document(corpus))
    stream = io.StringIO()
    write_json(corpus, stream)
    written = stream.getvalue()
    assert written == expected
    assert to_json(corpus) == expected
    parsed = json.loads(written, object_pairs_hook=lambda pairs: pairs)
    assert parsed == _keys_in_order(json.loads(expected))
    return written


def test_bundled_corpus_exports_the_same_bytes(repo_root: Path) -> None:
    assert '"mentions": [' in _same_as_before(load_corpus(repo_root))


def test_synthetic_corpus_exports_the_same_bytes_in_pieces(tmp_path: Path) -> None:
    generate(tmp_path / "c", 25)
    corpus = load_corpus(tmp_path / "c")
    text = _same_as_before(corpus)
    sizes: list[int] = []
    write_json(corpus, _Recorder(sizes))
    # Written as it is made: many pieces, none near the whole document.
    assert sum(sizes) == len(text)
    assert len(sizes) > 5 and max(sizes) < len(text) / 4


class _Recorder(io.StringIO):
    def __init__(self, sizes: list[int]) -> None:
        super().__init__()
        self.sizes = sizes

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return len(text)


def test_export_command_streams_the_same_document(repo_root: Path, capsys: Any) -> None:
    assert main(["export", str(repo_root)]) == 0
    assert capsys.readouterr().out == _reference(to_document(load_corpus(repo_root)))


_TEXT = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc", "Cf", "Mn"))
    | st.sampled_from(['"', "\\", "\x1b", "\x85", "\u202e", "\ufeff", "\u2028", "/"]),
    max_size=12,
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@given(st.dictionaries(_TEXT, _JSON | st.lists(_JSON, max_size=4), max_size=5))
@settings(max_examples=300, deadline=None)
def test_any_document_is_written_as_json_dumps_writes_it(document: dict[str, Any]) -> None:
    parts: list[str] = []
    _write(document, parts.append)
    assert "".join(parts) == _reference(document)
    # Generators are written as the lists they yield.
    lazy = {k: iter(v) if isinstance(v, list) else v for k, v in document.items()}
    parts.clear()
    _write(lazy, parts.append)
    assert "".join(parts) == _reference(document)


def test_terminal_controls_stay_escaped() -> None:
    parts: list[str] = []
    _write({"t": "a\x1b]0;x\x07\x9b\u202eb"}, parts.append)
    text = "".join(parts)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202e]", text.replace("\n", ""))
    assert json.loads(text) == {"t": "a\x1b]0;x\x07\x9b\u202eb"}
