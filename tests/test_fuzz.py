"""Whatever bytes or TOML the loader is fed, it reports problems; it never crashes.

Also deep nesting, large inputs, special files and file names that are not UTF-8: every
problem stays one printable line of bounded length, and nothing blocks (an alarm turns a
hang into a failure).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
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


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Blocked(BaseException):
    """Not an OSError (as TimeoutError is), so no `except OSError` in the loader hides it."""


@contextlib.contextmanager
def _deadline(seconds: int = 20) -> Iterator[None]:
    """A read that blocks (a FIFO) fails the example instead of hanging the run."""

    def timeout(signum: int, frame: object) -> None:
        raise Blocked("the loader blocked")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check(root: Path) -> None:
    try:
        with _deadline():
            load_clean_corpus(root)
    except CorpusError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.col >= 1 and problem.message
            assert not UNSAFE.search(str(problem)), str(problem)
            assert len(problem.message) <= 2000
            str(problem).encode("utf-8")  # printable: no lone surrogate


def _load(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CLEAN, root, dirs_exist_ok=True)
        for name, content in files.items():
            (root / name).write_bytes(content)
        _check(root)


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


def _nested(kind: str, depth: int) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    if kind == "inline":
        return "{a = " * depth + "1" + "}" * depth
    return "[" * depth + "{a = [1]}" + "]" * depth


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["array", "inline", "mixed", "header", "array-header"]),
    st.integers(1, 6000),
    st.sampled_from(["title", "qualifiers", "evidence", "x"]),
)
def test_deep_nesting(kind: str, depth: int, where: str) -> None:
    if kind == "header":
        document = ARTICLE + "\n[article." + ".".join(["a"] * depth) + "]\n"
    elif kind == "array-header":
        document = ARTICLE + "\n[[reports." + ".".join(["b"] * depth) + "]]\n"
    else:
        value = _nested(kind, depth)
        if where == "evidence":
            document = ARTICLE.replace('evidence = ["', f'evidence = [{value}, "', 1)
        elif where == "qualifiers":
            document = (
                ARTICLE + f'\n[relations.r]\nsubject = "putin"\npredicate = "member_of"\n'
                f'object = "modi"\nqualifiers = {{ n = {value} }}\n'
            )
        else:
            document = ARTICLE.replace("[article]\n", f"[article]\n{where} = {value}\n", 1)
    _load({"facts/a.toml": document.encode()})


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["quote", "text", "id", "key", "title"]),
    st.sampled_from(["a", "e ", "Putin ", "\u001b[31m", "\u202e"]),
    st.integers(1000, 300_000),
)
def test_large_inputs(where: str, unit: str, size: int) -> None:
    big = unit * (size // len(unit))
    toml_big = big.replace("\u001b", "\\u001b")
    if where == "text":
        text = (CLEAN / "seeds" / "a.txt").read_text() + big
        _load({"seeds/a.txt": text.encode()})
    elif where == "quote":
        _load({"facts/a.toml": ARTICLE.replace("Putin spoke", toml_big[:5000], 1).encode()})
    elif where == "id":
        ident = "x" * min(size, 200_000)
        _load({"facts/a.toml": (ARTICLE + f'\n[[reports]]\nof = "{ident}"\n').encode()})
    elif where == "key":
        _load({"facts/a.toml": (ARTICLE + f'\n["{toml_big[:100_000]}"]\n').encode()})
    else:
        _load({"facts/a.toml": ARTICLE.replace('"A call"', f'"{toml_big}"', 1).encode()})


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_file_names_that_are_not_utf8(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CLEAN, root, dirs_exist_ok=True)
        facts = os.path.join(os.fsencode(root / "facts"), name + b".toml")
        with open(facts, "wb") as f:
            f.write(b'[article]\ntitle = "T"\npublished = 2023-08-28\n')
        seeds = os.path.join(os.fsencode(root / "seeds"), name + b".txt")
        with open(seeds, "wb") as f:
            f.write(b"Some text.")
        _check(root)


@settings(max_examples=30, deadline=None)
@given(
    # No /dev/zero here: a regression would read it in this process without bound; the
    # reliability suite reads it in a subprocess with a memory limit.
    st.sampled_from(["fifo", "directory", "dev-null", "loop", "dangling"]),
    st.sampled_from(["facts/a.toml", "seeds/a.txt", "facts/new.toml", "seeds"]),
)
def test_special_files(kind: str, where: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CLEAN, root, dirs_exist_ok=True)
        path = root / where
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "directory":
            path.mkdir()
        elif kind == "dev-null":
            path.symlink_to("/dev/null")
        elif kind == "loop":
            path.symlink_to(path)
        else:
            path.symlink_to(root / "nowhere")
        _check(root)
