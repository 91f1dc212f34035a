"""A cache of loaded corpora, so the explorer starts fast on a corpus that has not changed.

The key is a hash of the content of every fact file (with the corpus's location, the working
directory that problem paths are shown relative to, the file size limits, the program's
version and the source of every module of ``tui.data``, so an entry written by other code is
never read back); the entry also records a digest of every article text the loader tried to
read, checked on use. So an entry is only ever used for byte-identical inputs: the cache
cannot serve stale facts. Entries are written to a temporary file and renamed into place, so
concurrent runs and a crash mid-write leave either the old entry, the new one, or none,
never a torn one. ``check`` and ``export`` never use it.

Nothing read back can run code: an entry is JSON, rebuilt field by field into the corpus's
dataclasses by :mod:`tui.data.codec`, derived from their annotations (a pickle, which the
first version used, runs whatever a planted entry names).
The directory must be the user's own and writable by no one else; otherwise the cache is
not used and one line on stderr says why. Files are read as the loader reads them (inside
the corpus, regular files only, bounded), so computing a key cannot hang either.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tui import __version__
from tui.data import files
from tui.data.codec import Codec, Strings
from tui.data.corpus import Corpus
from tui.data.progress import CACHE, SAVING, Progress, silent
from tui.data.timex import TimeValueError

FORMAT = 6  # 1 was a pickle; 3 added links, 4 time roles and bases, 5 the format-2 model,
# 6 the generic codec
KEEP = 8  # entries kept; the oldest beyond this are removed
SUFFIX = ".json"
_DATA = Path(__file__).resolve().parent  # the tui.data package: its source is in the key
_warned: set[str] = set()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diplo-tui"


def _warn(message: str) -> None:
    """One line on stderr, once per process: a cache refused is not silent."""
    if message not in _warned:
        _warned.add(message)
        print(f"diplo-tui: warning: {message}", file=sys.stderr)


def usable_dir(create: bool) -> Path | None:
    """The cache directory if it is safe to use: a real directory (not a symlink), owned by
    the user and writable by no one else. Otherwise None, with a warning (but a directory
    that does not exist yet when ``create`` is false is simply no cache, silently)."""
    directory = cache_dir()
    try:
        if create:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(directory)
    except FileNotFoundError:
        if create:
            _warn(f"not using the cache: cannot create {directory}")
        return None
    except OSError as exc:
        _warn(f"not using the cache: {directory}: {exc.strerror or exc}")
        return None
    if stat.S_ISLNK(info.st_mode):
        why = "is a symlink"
    elif not stat.S_ISDIR(info.st_mode):
        why = "is not a directory"
    elif info.st_uid != os.getuid():
        why = f"is owned by another user (uid {info.st_uid})"
    elif info.st_mode & 0o022:
        why = f"is writable by others (mode {stat.S_IMODE(info.st_mode):04o})"
    else:
        return directory
    _warn(
        f"not using the cache: {directory} {why}; expected a directory of yours that no one "
        "else can write (chmod 700, or remove it to have it made again)"
    )
    return None


@functools.cache
def _code_digest() -> bytes:
    """The source of every module of ``tui.data``: the loader, the schema, the anchoring,
    the dataclasses and this cache all decide what an entry holds."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(_DATA.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def _fingerprint(path: Path, home: files.Home, limit: int) -> bytes:
    """What the loader would find at ``path``: a hash of its bytes, or why it is not read."""
    if not home.contains(path):
        return b"outside"
    try:
        data = files.read_regular(path, limit)
    except files.Refused as exc:
        return b"refused " + str(exc).encode()
    except OSError as exc:  # a text that was missing must still be missing
        return f"{type(exc).__name__} {exc.errno}".encode()
    return hashlib.blake2b(data, digest_size=16).digest()


def corpus_key(root: Path, limits: files.Limits) -> str:
    """Raises OSError when the facts cannot be listed or the working directory is gone."""
    h = hashlib.blake2b(digest_size=20)
    parts = (str(FORMAT), __version__, sys.version, str(root.absolute()), os.getcwd())
    for part in (*parts, repr(limits)):
        h.update(os.fsencode(part) + b"\0")
    h.update(_code_digest())
    home = files.Home(root.resolve() / "facts")
    for path in files.list_toml(root / "facts"):
        h.update(os.fsencode(path.name) + b"\0" + _fingerprint(path, home, limits.facts) + b"\0")
    return h.hexdigest()


def _texts(root: Path, text_paths: list[str], limits: files.Limits) -> dict[str, str]:
    """Fingerprint of every article text the loader tried to read."""
    home = files.Home(root.resolve() / "seeds")
    return {p: _fingerprint(root / p, home, limits.text).hex() for p in text_paths}


# -- the entry: the corpus through tui.data.codec ---------------------------------------------
#
# One line of JSON holding only numbers (every string is an index into the string table),
# then the string table as UTF-8, one string after the other (their lengths are in the JSON):
# article texts are most of the bytes, and are read back far faster as raw UTF-8 than as JSON
# strings. The codec is derived from the dataclasses' annotations: a new field needs no edit.


@functools.cache
def _codec() -> Codec:
    return Codec(Corpus, supplied=("root",))


def _encode(corpus: Corpus, texts: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    table = Strings()
    body = _codec().encode(corpus, table)
    entry = {
        "format": FORMAT,
        "texts": texts,
        "text_paths": corpus.text_paths,  # checked before the corpus is decoded
        "corpus": body,
        "lengths": [len(s) for s in table.strings],
    }
    return entry, table.strings


def _pack(entry: dict[str, Any], strings: list[str]) -> bytes:
    head = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))  # no raw newline
    return f"{head}\n{''.join(strings)}".encode("utf-8", "surrogatepass")


def _unpack(data: bytes) -> tuple[dict[str, Any], str]:
    head, _, body = data.partition(b"\n")
    entry = json.loads(head.decode("utf-8", "surrogatepass"))
    if not isinstance(entry, dict):
        raise TypeError("not an entry")
    return entry, body.decode("utf-8", "surrogatepass")


def _decode(root: Path, entry: dict[str, Any], body: str) -> Corpus:
    """The corpus from an entry; KeyError, TypeError, ValueError when it is not one."""
    strings: list[str] = []
    at = 0
    for length in entry["lengths"]:
        if type(length) is not int or length < 0:
            raise TypeError("not a length")
        strings.append(body[at : at + length])
        at += length
    if at != len(body):
        raise ValueError("torn entry")
    corpus = _codec().decode(entry["corpus"], strings, root=root)
    if not isinstance(corpus, Corpus):
        raise TypeError("not a corpus")
    return corpus


def _read_entry(path: Path) -> bytes:
    """An entry's bytes; OSError if it is missing, or not a regular file of this user's."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with open(os.open(path, flags | getattr(os, "O_CLOEXEC", 0)), "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise OSError(f"{path} is not a cache entry")
        return f.read()


def _read(path: Path, root: Path, limits: files.Limits) -> Corpus | None:
    """The corpus in the entry at ``path`` if it is whole and its texts are unchanged.

    A function of its own so that the parsed JSON is freed when it returns, before the
    cyclic collector runs again and would have to scan it too."""
    entry, body = _unpack(_read_entry(path))
    if entry["format"] != FORMAT or entry["texts"] != _texts(root, entry["text_paths"], limits):
        return None
    return _decode(root, entry, body)


def load(root: Path, limits: files.Limits | None = None) -> Corpus | None:
    """The cached corpus for ``root`` if its inputs are unchanged, else None."""
    limits = limits or files.Limits.from_env()
    directory = usable_dir(create=False)
    if directory is None:
        return None
    try:
        path = directory / f"{corpus_key(root, limits)}{SUFFIX}"
        enabled = gc.isenabled()
        gc.disable()
        try:
            corpus = _read(path, root, limits)
        finally:
            if enabled:
                gc.enable()
        if corpus is not None:
            os.utime(path)  # recently used entries are the ones kept
        return corpus
    # A missing or unreadable entry (OSError), a torn one (ValueError: JSON or Unicode),
    # one of another shape (KeyError, IndexError, TypeError) or a bad time value: a miss.
    # In a foreign entry, a date out of range (OverflowError, an ArithmeticError) or JSON
    # nested too deeply to parse (RecursionError).
    except (
        OSError,
        ValueError,
        LookupError,
        TypeError,
        ArithmeticError,
        RecursionError,
        TimeValueError,
    ):
        return None


def store(root: Path, corpus: Corpus, limits: files.Limits | None = None) -> None:
    """Save ``corpus`` atomically; a cache that cannot be written is not an error."""
    limits = limits or files.Limits.from_env()
    directory = usable_dir(create=True)
    if directory is None:
        return
    try:
        key = corpus_key(root, limits)
        entry, strings = _encode(corpus, _texts(root, corpus.text_paths, limits))
        data = _pack(entry, strings)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, directory / f"{key}{SUFFIX}")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(directory)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
    for old in directory.glob("*.pickle"):  # format 1: never read again
        old.unlink(missing_ok=True)
    for temp in directory.glob(".*.tmp"):  # left by a run that crashed mid-write
        if time.time() - temp.stat().st_mtime > 3600:
            temp.unlink(missing_ok=True)


def load_with_cache(
    root: Path, limits: files.Limits | None = None, progress: Progress = silent
) -> Corpus:
    """Load ``root`` from the cache when its inputs are unchanged, else load and cache it;
    ``progress`` hears each step (see :mod:`tui.data.progress`)."""
    limits = limits or files.Limits.from_env()
    progress(CACHE, 0, 0)
    corpus = load(root, limits)
    if corpus is None:
        from tui.data.loader import load_corpus

        corpus = load_corpus(root, limits, progress=progress)
        progress(SAVING, 0, 0)
        store(root, corpus, limits)
    # The corpus lives as long as the process: keep the cyclic collector from scanning its
    # hundreds of thousands of objects again on the explorer's first keystrokes.
    gc.freeze()
    return corpus
