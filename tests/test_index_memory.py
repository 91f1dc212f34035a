"""The index's build holds less than the whole of what it writes (issue 11: a cold start's
memory), and writes exactly what it wrote when it held it all: the same rows, in the same
order, in every table."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from tui.bench.synthetic import generate
from tui.data import cache, files, index, names, parsecache
from tui.data.index import IndexedCorpus, open_corpus
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(root, 12)
    return root


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the database at ``path`` (FTS5's own tables included), row by row in
    rowid (or key) order; but when each input was checked, which is the time of the build."""
    db = sqlite3.connect(path)
    try:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        found: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            try:
                rows = db.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:  # WITHOUT ROWID: in the order of its key
                rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            if table == "inputs":
                rows = [row[:-1] for row in rows]  # verified: when the build began
            if table == "meta":  # by key: the reference below writes one before the build
                rows = sorted(row[1:] for row in rows)
            found[table] = rows
        found["schema"] = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()
        return found
    finally:
        db.close()


def _held_whole(root: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index of ``root`` built at ``path`` from a corpus loaded without the parse cache,
    names and facets written in one go, as an update: over a row in every table that no
    corpus has (so each table's ids are held in a set, the labels in a list, and the names
    hashed before they are written), which goes."""
    monkeypatch.setattr(names, "_WRITTEN_AT_ONCE", 1 << 40)
    monkeypatch.setattr(index, "_FACETS_AT_ONCE", 1 << 40)
    limits = files.Limits.from_env()
    started = time.time_ns()
    inputs = index._Inputs(root, limits)
    listing = inputs.listing()
    corpus = load_corpus(root, limits)
    db = index._connect(path)
    try:
        index._check_schema(db)
        for table, (_cls, extra) in index._TABLES.items():
            columns = ", ".join(("ord", "id", "digest", "data", *extra))
            marks = ", ".join("?" * (4 + len(extra)))
            db.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                (-1, "\0", b"", "", *(None for _ in extra)),
            )
        # Group 0: the groups made next are numbered from 1, as in an empty index.
        db.execute("INSERT INTO facet_keys VALUES (0, 9, ?, -1, x'')", ("\0",))
        db.execute("INSERT INTO facets VALUES (0, 0, '', 0, 0)")
        db.execute("INSERT INTO meta (key, value) VALUES ('names', '')")
        index.build(db, corpus, inputs, started, index._meta(root, limits), listing)
    finally:
        db.close()
    monkeypatch.undo()


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_a_cold_build_writes_what_a_build_holding_everything_writes(
    which: str, synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ROOT if which == "bundled" else synthetic
    _held_whole(root, tmp_path / "whole.sqlite", monkeypatch)
    # The explorer's cold start, with every budget small enough that a small corpus goes
    # through each path a chunk at a time: the parse cache written as units come, names,
    # facets and labels a few at a time.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(names, "_WRITTEN_AT_ONCE", 7)
    monkeypatch.setattr(index, "_FACETS_AT_ONCE", 5)
    monkeypatch.setattr(parsecache, "HOLD", 1000)
    corpus = open_corpus(root)
    assert isinstance(corpus, IndexedCorpus)
    corpus.close()
    (built,) = cache.cache_dir().glob("index-*.sqlite")
    lean, whole = _dump(built), _dump(tmp_path / "whole.sqlite")
    assert lean.keys() == whole.keys()
    for table, rows in whole.items():
        # FTS5's segments record how they were written (an update, here), not what they
        # hold: their rows, and the terms of each, are compared (as name_fts, ..._docsize).
        if not table.endswith(("_fts_data", "_fts_idx")):
            assert lean[table] == rows, table
    assert len(whole["names"]) > 7 and len(whole["facets"]) > 5  # written in several chunks
    # The units were written along the way: the next load reads every file from the cache.
    kept = parsecache.ParseCache.default()
    try:
        load_corpus(root, parsed=kept)
        assert kept.misses == 0 and kept.hits == len(files.toml_names(root / "facts"))
    finally:
        kept.close()


def test_the_names_digest_is_that_of_every_name_held_at_once(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names are hashed as they are written; the digest is still that of their list."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    open_corpus(synthetic)
    (built,) = cache.cache_dir().glob("index-*.sqlite")
    db = sqlite3.connect(built)
    (stored,) = db.execute("SELECT value FROM meta WHERE key = 'names'").fetchone()
    db.close()
    every = [(n.text, n.kind, n.target, keys) for n, keys in names.names(load_corpus(synthetic))]
    digest = hashlib.blake2b(repr(every).encode("utf-8", "surrogatepass"), digest_size=16)
    assert stored == digest.hexdigest()


@pytest.mark.parametrize("filled", [False, True])
def test_a_repeated_id_is_written_once_the_first_kept(filled: bool) -> None:
    """Into an empty table (rows all new, no set of ids held) as into one being updated."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    index._check_schema(db)
    if filled:
        index._write_rows(db, "roles", [("old", 0, '"x"')])
    written = index._write_rows(
        db, "roles", [("a", 0, '"first"'), ("b", 1, '"b"'), ("a", 2, '"second"')]
    )
    assert written == 2 + filled  # two rows written, and the old one removed
    assert db.execute("SELECT ord, id, data FROM roles ORDER BY ord").fetchall() == [
        (0, "a", '"first"'),
        (1, "b", '"b"'),
    ]
