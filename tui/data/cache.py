"""A cache of loaded corpora, so the explorer starts fast on a corpus that has not changed.

The key is a hash of the content of every fact file (with the corpus's location, the working
directory that problem paths are shown relative to, and the program's version); the entry
also records a hash of every article text it read, checked on use. So an entry is only ever
used for byte-identical inputs: the cache cannot serve stale facts. Entries are written to a
temporary file and renamed into place, so concurrent runs and a crash mid-write leave either
the old entry, the new one, or none, never a torn one. ``check`` and ``export`` never use it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

from tui import __version__
from tui.data import corpus as corpus_module
from tui.data import timex as timex_module
from tui.data.corpus import Corpus

FORMAT = 1
KEEP = 8  # entries kept; the oldest beyond this are removed


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diplo-tui"


def _digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError as exc:  # a text that was missing must still be missing
        return type(exc).__name__


def corpus_key(root: Path) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in (str(FORMAT), __version__, sys.version, str(root.absolute()), os.getcwd()):
        h.update(part.encode() + b"\0")
    # The pickled classes' source: an entry written by other code is never read back.
    for module in (corpus_module, timex_module):
        h.update(Path(module.__file__ or "").read_bytes())
    for path in sorted((root / "facts").glob("*.toml")):
        data = path.read_bytes()
        h.update(path.name.encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def _texts(corpus: Corpus) -> dict[str, str]:
    """Digest of every article text the loader tried to read."""
    return {path: _digest(corpus.root / path) for path in corpus.text_paths}


def load(root: Path) -> Corpus | None:
    """The cached corpus for ``root`` if its inputs are unchanged, else None."""
    try:
        path = cache_dir() / f"{corpus_key(root)}.pickle"
        with open(path, "rb") as f:
            enabled = gc.isenabled()
            gc.disable()
            try:
                entry = pickle.load(f)
            finally:
                if enabled:
                    gc.enable()
        texts, corpus = entry
        if not isinstance(corpus, Corpus) or texts != _texts(corpus):
            return None
        os.utime(path)  # recently used entries are the ones kept
        return corpus
    except Exception:  # a missing, torn, foreign or outdated entry is simply a miss
        return None


def store(root: Path, corpus: Corpus) -> None:
    """Save ``corpus`` atomically; a cache that cannot be written is not an error."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = corpus_key(root)
        entry = (_texts(corpus), corpus)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, directory / f"{key}.pickle")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(directory)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
    for temp in directory.glob(".*.tmp"):  # left by a run that crashed mid-write
        if time.time() - temp.stat().st_mtime > 3600:
            temp.unlink(missing_ok=True)


def load_with_cache(root: Path) -> Corpus:
    """Load ``root`` from the cache when its inputs are unchanged, else load and cache it."""
    corpus = load(root)
    if corpus is None:
        from tui.data.loader import load_corpus

        corpus = load_corpus(root)
        store(root, corpus)
    # The corpus lives as long as the process: keep the cyclic collector from scanning its
    # hundreds of thousands of objects again on the explorer's first keystrokes.
    gc.freeze()
    return corpus
