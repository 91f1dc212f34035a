"""`check` with parsed fact files kept by content gives the answer of a full check.

Random edits (seeded) on a copy of a synthetic corpus: after each, the corpus loaded with the
parse cache (warm from the state before the edit) has the same problems, in the same order,
and exports the same JSON, as one loaded from scratch. Renamed, removed and added files and a
torn or foreign cache are among the edits.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.bench.synthetic import generate
from tui.cli import main
from tui.data import loader, parsecache
from tui.data.export import to_json
from tui.data.loader import load_corpus, tomllib
from tui.data.parsecache import ParseCache


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(root, 12)
    return root


def _answers(root: Path, db: Path) -> tuple[list[str], str | None, int]:
    """Problems and export with the cache at ``db``; asserts they equal a full check's."""
    cache = ParseCache(db)
    try:
        incremental = load_corpus(root, parsed=cache)
    finally:
        cache.close()
    full = load_corpus(root)
    assert [str(p) for p in incremental.problems] == [str(p) for p in full.problems]
    assert incremental.problems == full.problems
    exported = None
    if not full.problems:
        exported = to_json(full)
        assert to_json(incremental) == exported
    return [str(p) for p in full.problems], exported, cache.hits


def _edit(rng: random.Random, root: Path, db: Path) -> str:
    facts = sorted((root / "facts").glob("*.toml"))
    path = rng.choice(facts)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kind = rng.choice(
        [
            "word",
            "drop-line",
            "syntax",
            "rename",
            "remove",
            "add",
            "seed",
            "revert",
            "torn",
            "foreign",
            "bad-row",
        ]
    )
    if kind == "word":  # a changed word: a quote not found, an unknown id, a new summary...
        i = rng.randrange(len(lines))
        words = lines[i].split(" ")
        j = rng.randrange(len(words))
        words[j] = words[j][::-1] or "x"
        lines[i] = " ".join(words)
        path.write_text("".join(lines), encoding="utf-8")
    elif kind == "drop-line":  # a removed entity, participant, quote or key
        del lines[rng.randrange(len(lines))]
        path.write_text("".join(lines), encoding="utf-8")
    elif kind == "syntax":
        lines.insert(rng.randrange(len(lines) + 1), "this is = = not toml\n")
        path.write_text("".join(lines), encoding="utf-8")
    elif kind == "rename":  # another article id; or entities.toml renamed
        path.rename(path.with_name(f"r{rng.randrange(10**6):06d}.toml"))
    elif kind == "remove":
        path.unlink()
    elif kind == "add":  # a copy: every id in it is a duplicate
        shutil.copy(path, path.with_name(f"c{rng.randrange(10**6):06d}.toml"))
    elif kind == "seed":  # the article text changes under unchanged facts
        seeds = sorted((root / "seeds").glob("*.txt"))
        seed = rng.choice(seeds)
        body = seed.read_text(encoding="utf-8")
        cut = rng.randrange(len(body))
        seed.write_text(body[:cut] + "and " + body[cut:], encoding="utf-8")
    elif kind == "revert":  # back to bytes seen before: served from the cache
        path.write_text(text, encoding="utf-8")
    elif kind == "torn" and db.exists():
        data = db.read_bytes()
        db.write_bytes(data[: rng.randrange(1, max(2, len(data)))])
    elif kind == "foreign":
        db.write_bytes(rng.randbytes(rng.randrange(1, 5000)))
    elif kind == "bad-row" and db.exists():
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE parsed SET doc = ? WHERE rowid % 3 = 0", ('{"\\u0000d": 5}',))
        conn.close()
    return kind


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_give_the_answer_of_a_full_check(
    synthetic: Path, tmp_path: Path, seed: int
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(synthetic, root)
    db = tmp_path / "cache" / "parsed.sqlite"
    db.parent.mkdir(mode=0o700)
    problems, exported, _ = _answers(root, db)
    assert problems == [] and exported  # a clean start
    _, _, hits = _answers(root, db)
    assert hits == len(list((root / "facts").glob("*.toml")))  # every file from the cache
    rng = random.Random(seed)
    kinds = set()
    for _ in range(25):
        kinds.add(_edit(rng, root, db))
        _answers(root, db)
    assert len(kinds) >= 6


def test_an_edit_parses_only_the_changed_file(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(synthetic, root)
    db = tmp_path / "parsed.sqlite"
    _answers(root, db)
    target = sorted((root / "facts").glob("a*.toml"))[3]
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache = ParseCache(db)
    load_corpus(root, parsed=cache)
    cache.close()
    assert cache.misses == 1
    assert cache.hits == len(list((root / "facts").glob("*.toml"))) - 1


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + b"\xff" * 200, b"not a database at all\n" * 100],
)
def test_a_torn_or_foreign_cache_file_is_replaced(
    synthetic: Path, tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "parsed.sqlite"
    db.write_bytes(content)
    _answers(synthetic, db)
    cache = ParseCache(db)
    load_corpus(synthetic, parsed=cache)
    cache.close()
    assert cache.hits > 0  # replaced by a working database


def test_a_cache_that_is_not_a_regular_file_is_not_used(synthetic: Path, tmp_path: Path) -> None:
    db = tmp_path / "parsed.sqlite"
    os.symlink(tmp_path / "elsewhere", db)
    (tmp_path / "elsewhere").write_bytes(b"")
    _answers(synthetic, db)  # replaced by a file of its own, never followed
    assert not db.is_symlink()
    assert (tmp_path / "elsewhere").read_bytes() == b""


def test_check_uses_the_cache_and_gives_the_same_output(
    synthetic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-cache", str(synthetic)]) == 0
    full = capsys.readouterr().out
    db = parsecache.ParseCache.default()._path
    assert db is not None
    db.unlink(missing_ok=True)
    assert main(["check", str(synthetic)]) == 0
    assert db.exists()
    assert main(["check", str(synthetic)]) == 0
    assert capsys.readouterr().out == full * 2
    assert main(["export", "--no-cache", str(synthetic)]) == 0
    without = capsys.readouterr().out
    assert main(["export", str(synthetic)]) == 0
    assert capsys.readouterr().out == without


def test_every_bundled_fact_file_round_trips(repo_root: Path) -> None:
    for path in sorted((repo_root / "facts").glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        assert _round_trip(document) == document


def _round_trip(document: dict[str, Any]) -> Any:
    return json.loads(json.dumps(parsecache._tag(document)), object_hook=parsecache._untag)


_KEY = st.text(max_size=4) | st.sampled_from(["\x00", "\x00d", "\x00o", "\x00dt"])
_TZ = st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5, minutes=-30))])
_SCALAR = (
    st.text(max_size=6)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.times()
    | st.datetimes(timezones=_TZ)
)
_TOML = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEY, inner, max_size=3),
    max_leaves=20,
)


@given(st.dictionaries(_KEY, _TOML, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_parsed_document_round_trips(document: dict[str, Any]) -> None:
    assert _round_trip(document) == document


def test_nan_and_infinity_round_trip() -> None:
    back = _round_trip({"a": [math.inf, -math.inf], "b": math.nan})
    assert back["a"] == [math.inf, -math.inf] and math.isnan(back["b"])


def test_a_database_locked_by_another_run_is_skipped_not_removed(
    synthetic: Path, tmp_path: Path
) -> None:
    db = tmp_path / "parsed.sqlite"
    _answers(synthetic, db)
    lock = sqlite3.connect(db, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # another check, committing its parses
    try:
        cache = ParseCache(db)
        full = load_corpus(synthetic)
        assert load_corpus(synthetic, parsed=cache).problems == full.problems
        cache.close()
        assert cache.hits == 0 and db.exists()
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    _, _, hits = _answers(synthetic, db)
    assert hits > 0  # the same database, used again


def test_a_changed_text_under_an_unchanged_fact_file_is_checked_again(
    synthetic: Path, tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(synthetic, root)
    db = tmp_path / "parsed.sqlite"
    _answers(root, db)
    # The quotes of a00002 no longer match its text: only that file's checks are redone.
    seed = root / "seeds" / "a00002.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(" the ", " teh "), encoding="utf-8")
    problems, _, _ = _answers(root, db)
    assert any(p.startswith("facts/a00002.toml") or "a00002.toml" in p for p in problems)
    cache = ParseCache(db)
    load_corpus(root, parsed=cache)
    cache.close()
    assert cache.misses == 0  # the unit made for the new text was kept by the run before
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cache = ParseCache(db)
    load_corpus(root, parsed=cache)
    cache.close()
    assert cache.misses == 1


def test_a_text_made_unreadable_is_reported_as_a_full_check_does(
    synthetic: Path, tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(synthetic, root)
    db = tmp_path / "parsed.sqlite"
    _answers(root, db)
    (root / "seeds" / "a00003.txt").write_bytes(b"\xff\xfe not utf-8")
    problems, _, _ = _answers(root, db)
    assert any("a00003.txt" in p and "UTF-8" in p for p in problems)
    (root / "seeds" / "a00003.txt").unlink()
    problems, _, _ = _answers(root, db)
    assert any("a00003.txt" in p and "does not exist" in p for p in problems)


# Run in a fresh interpreter: the loader forks workers only when it is the one thread (a test
# process may hold threads left by the explorer's tests), and this must see them used.
_COMPARE_WORKERS = """
import sys
from pathlib import Path
from tui.data import loader
from tui.data.export import to_json
from tui.data.parsecache import ParseCache

used = []
in_workers = loader._in_workers


def spy(*args, **kwargs):
    result = in_workers(*args, **kwargs)
    used.append(result is not None)
    return result


loader._in_workers = spy
root, db, clean = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
alone = loader.load_corpus(root)
assert alone.problems
assert loader.load_corpus(root, workers=2).problems == alone.problems
cache = ParseCache(db)
assert loader.load_corpus(root, parsed=cache, workers=2).problems == alone.problems
cache.close()
assert to_json(loader.load_corpus(clean, workers=2)) == to_json(loader.load_corpus(clean))
assert used == [True, True, True], used  # each load with workers=2 used them
print("same")
"""


@pytest.mark.parametrize("seed", [4, 5])
def test_worker_processes_give_the_answer_of_one_process(
    synthetic: Path, tmp_path: Path, seed: int
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(synthetic, root)
    for n in range(40):  # enough files to be read by workers, with duplicate ids among them
        source = root / "facts" / f"a{n % 12:05d}.toml"
        if source.exists():
            shutil.copy(source, root / "facts" / f"w{n:03d}.toml")
    rng = random.Random(seed)
    db = tmp_path / "parsed.sqlite"
    for _ in range(6):
        _edit(rng, root, db)
    assert len(list((root / "facts").glob("*.toml"))) >= loader.MIN_PARALLEL
    clean = tmp_path / "clean"
    generate(clean, loader.MIN_PARALLEL + seed)
    result = subprocess.run(
        [sys.executable, "-c", _COMPARE_WORKERS, str(root), str(db), str(clean)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "same"


def test_a_forged_row_is_a_miss_not_an_error(synthetic: Path, tmp_path: Path) -> None:
    db = tmp_path / "parsed.sqlite"
    _answers(synthetic, db)
    body = '{"v":2,"problems":"not a list"}' + "\0\0"
    forged = parsecache._seal(body)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE parsed SET doc = ?", (forged,))
    conn.close()
    problems, _, hits = _answers(synthetic, db)
    assert hits == 0 and problems == []
