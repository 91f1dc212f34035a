"""Whatever bytes or TOML the loader is fed, it reports problems; it never crashes."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.data.loader import load_clean_corpus
from tui.data.problems import CorpusError
from tui.data.tomlpos import Positions

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CLEAN = Path(__file__).resolve().parent / "corpora" / "clean"
ARTICLE = (CLEAN / "facts" / "a.toml").read_text()
ENTITIES = (CLEAN / "facts" / "entities.toml").read_text()

toml_values = st.recursive(
    st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _load(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CLEAN, root, dirs_exist_ok=True)
        for name, content in files.items():
            (root / name).write_bytes(content)
        try:
            load_clean_corpus(root)
        except CorpusError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.line >= 1 and problem.col >= 1 and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_as_facts(data: bytes) -> None:
    _load({"facts/a.toml": data})


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(ARTICLE)), st.integers(0, 12), st.text(max_size=6))
def test_mutated_facts(at: int, cut: int, insert: str) -> None:
    mutated = ARTICLE[:at] + insert + ARTICLE[at + cut :]
    _load({"facts/a.toml": mutated.encode("utf-8", "surrogatepass")})
    Positions(mutated).locate(("reports", 0, "evidence", 0))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["article", "entities", "events", "relations", "reports", "x"]),
    st.dictionaries(st.text(max_size=8), toml_values, max_size=3) | toml_values,
)
def test_structurally_wrong_values(section: str, value: object) -> None:
    document = tomllib.loads(ARTICLE)
    document[section] = value
    _load({"facts/a.toml": tomli_w.dumps(document).encode()})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_as_article_text(data: bytes) -> None:
    _load({"seeds/a.txt": data})
