"""The corpus cache: keyed on content, never stale, atomic, and never used by check."""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.data import cache
from tui.data.export import to_json
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "facts", root / "facts")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


def test_a_warm_load_gives_the_same_corpus(corpus_dir: Path) -> None:
    assert cache.load(corpus_dir) is None
    cold = cache.load_with_cache(corpus_dir)
    warm = cache.load(corpus_dir)
    assert warm is not None and warm is not cold
    assert to_json(warm) == to_json(cold) == to_json(load_corpus(corpus_dir))


@pytest.mark.parametrize("source", [ROOT, ROOT / "tests" / "corpora" / "hostile"])
def test_an_entry_rebuilds_exactly_the_loaded_corpus(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Field by field, problems included: the JSON entry loses nothing the pickle kept."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "corpus"
    shutil.copytree(source / "facts", root / "facts")
    shutil.copytree(source / "seeds", root / "seeds")
    (root / "facts" / "broken.toml").write_text('[events.x]\ntype = "visit"\n')
    cold = cache.load_with_cache(root)
    warm = cache.load(root)
    assert warm is not None and warm.problems
    assert warm == cold == load_corpus(root)


def test_any_change_to_facts_or_texts_is_a_miss(corpus_dir: Path) -> None:
    cache.load_with_cache(corpus_dir)
    facts = corpus_dir / "facts" / "trt-putin-modi-g20.toml"
    facts.write_text(facts.read_text().replace("Partial copy", "Partial  copy"))
    assert cache.load(corpus_dir) is None
    changed = cache.load_with_cache(corpus_dir)
    assert "Partial  copy" in changed.articles["trt-putin-modi-g20"].note
    text = corpus_dir / "seeds" / "trt-putin-modi-g20.txt"
    text.write_bytes(text.read_bytes().replace(b"Monday", b"Tuesday"))
    assert cache.load(corpus_dir) is None
    assert cache.load_with_cache(corpus_dir).problems  # the quote no longer matches


def test_a_missing_text_that_appears_is_a_miss(corpus_dir: Path) -> None:
    text = corpus_dir / "seeds" / "trt-putin-modi-g20.txt"
    saved = text.read_bytes()
    text.unlink()
    assert cache.load_with_cache(corpus_dir).problems
    text.write_bytes(saved)
    assert cache.load(corpus_dir) is None
    assert cache.load_with_cache(corpus_dir).problems == []


def test_a_torn_or_foreign_entry_is_ignored(corpus_dir: Path) -> None:
    cache.load_with_cache(corpus_dir)
    (entry,) = cache.cache_dir().glob("*.json")
    entry.write_bytes(entry.read_bytes()[:1000])  # as if a crash had cut it short
    assert cache.load(corpus_dir) is None
    assert cache.load_with_cache(corpus_dir).problems == []
    entry.write_bytes(b"not a pickle at all")
    assert cache.load(corpus_dir) is None


def _store(root: str) -> None:
    cache.store(Path(root), load_corpus(Path(root)))


def test_concurrent_writers_leave_one_whole_entry(corpus_dir: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_store, args=(str(corpus_dir),)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    assert len(list(cache.cache_dir().glob("*.json"))) == 1
    assert not list(cache.cache_dir().glob(".*.tmp"))
    assert cache.load(corpus_dir) is not None


def test_check_never_uses_the_cache(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(root: Path) -> None:
        raise AssertionError("check read the cache")

    monkeypatch.setattr(cache, "load", refuse)
    # With --no-cache nothing is written either; without it, only the parses of the fact
    # files are kept (tests/test_incremental.py), never a corpus entry.
    assert main(["check", "--no-cache", str(corpus_dir)]) == 0
    assert main(["export", "--no-cache", str(corpus_dir)]) == 0
    assert not cache.cache_dir().exists()
    assert main(["check", str(corpus_dir)]) == 0
    assert main(["export", str(corpus_dir)]) == 0
    assert [p.name for p in cache.cache_dir().iterdir()] == ["parsed.sqlite"]
    capsys.readouterr()


def test_a_warm_start_never_imports_pydantic(corpus_dir: Path) -> None:
    """Validation is for loading; a cached corpus and the explorer need neither."""
    code = (
        "import sys; from pathlib import Path; from tui.data.cache import load_with_cache; "
        "import tui.ui.app; c = load_with_cache(Path(sys.argv[1])); "
        "[c.label(f) for f in c.relations.values()]; print('pydantic' in sys.modules)"
    )
    cache.load_with_cache(corpus_dir)
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus_dir)], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "False", result.stderr
