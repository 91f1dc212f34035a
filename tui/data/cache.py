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
dataclasses (a pickle, which the first version used, runs whatever a planted entry names).
The directory must be the user's own and writable by no one else; otherwise the cache is
not used and one line on stderr says why. Files are read as the loader reads them (inside
the corpus, regular files only, bounded), so computing a key cannot hang either.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tui import __version__
from tui.data import files
from tui.data.corpus import (
    Article,
    Corpus,
    Entity,
    Event,
    Link,
    Participant,
    Published,
    Relation,
    Report,
    SourceLevel,
    Span,
    TimeRef,
)
from tui.data.problems import Problem
from tui.data.timex import TimeValueError, parse_time_value

FORMAT = 5  # 1 was a pickle; 3 added links, 4 time roles and bases, 5 the format-2 model
KEEP = 8  # entries kept; the oldest beyond this are removed
SUFFIX = ".json"
_DATA = Path(__file__).resolve().parent  # the tui.data package: its source is in the key
_warned: set[str] = set()
T = TypeVar("T")


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


# -- the entry: JSON arrays in the dataclasses' field order -----------------------------------
#
# One line of JSON, then the article texts as UTF-8, one after the other (their lengths are in
# the JSON): texts are most of the bytes, and read back far faster than as JSON strings.


def _day(value: dt.date | None) -> int | None:
    return None if value is None else value.toordinal()


def _encode(corpus: Corpus, texts: dict[str, str]) -> dict[str, Any]:
    # Every string once, in a table, and referred to by its index: ids repeat across reports,
    # citations and indexes, and are shared again (as the loader shares them) when read back.
    table: dict[str, int] = {}

    def s(value: str) -> int:
        return table.setdefault(value, len(table))

    def ss(values: Iterable[str]) -> list[int]:
        return [s(v) for v in values]

    def published(p: Published) -> list[Any]:
        return [_day(p.date), _day(p.earliest), _day(p.latest), s(p.basis)]

    def time(t: TimeRef | None) -> list[int | None] | None:
        if t is None:
            return None
        value = None if t.value is None else s(t.value.value)
        anchor = None if t.anchor is None else s(t.anchor)
        return [s(t.phrase), value, *t.span, s(t.role), s(t.basis), anchor, s(t.offset)]

    def level(v: SourceLevel) -> list[Any]:
        statement = None if v.statement is None else s(v.statement)
        return [s(v.entity_id), *v.cue, s(v.commitment), s(v.polarity), s(v.speech), statement,
                [n for q in v.insertions for n in q]]  # fmt: skip

    def index(mapping: dict[str, list[str]]) -> list[Any]:
        return [[s(key), ss(values)] for key, values in mapping.items()]

    entry = {
        "format": FORMAT,
        "texts": texts,
        "lengths": [len(a.text) for a in corpus.articles.values()],
        "articles": [
            [s(a.id), s(a.title), s(a.publisher), s(a.url), published(a.published),
             s(a.language), s(a.text_path), s(a.note),
             [n for c in a.citations for n in (c[0], c[1], s(c[2]))],
             None if a.publisher_id is None else s(a.publisher_id), ss(a.wire),
             None if a.dateline is None else list(a.dateline),
             [n for pair in a.local_aliases for n in ss(pair)]]
            for a in corpus.articles.values()
        ],
        "entities": [
            [s(e.id), s(e.name), s(e.kind), ss(e.aliases), s(e.description), e.count,
             ss(e.members)]
            for e in corpus.entities.values()
        ],
        "events": [
            [s(e.id), s(e.type), s(e.summary), ss(n for p in e.participants for n in p),
             None if e.place is None else s(e.place), ss(e.entity_ids)]
            for e in corpus.events.values()
        ],
        "relations": [
            [s(r.id), s(r.subject), s(r.predicate), s(r.object), r.negated,
             [[k, v] for k, v in r.qualifiers], ss(r.entity_ids)]
            for r in corpus.relations.values()
        ],
        "reports": [
            [s(r.id), s(r.fact_id), s(r.article_id), s(r.status), s(r.certainty),
             [n for q in r.quotes for n in q], time(r.time), ss(r.according_to), s(r.note),
             [level(v) for v in r.sources], s(r.commitment), s(r.modality), r.negated,
             ss(n for p in r.participants for n in p), [[k, v] for k, v in r.qualifiers]]
            for r in corpus.reports.values()
        ],
        "links": [
            [s(k.id), s(k.type), s(k.source), s(k.target), s(k.article_id),
             [n for q in k.quotes for n in q], s(k.note)]
            for k in corpus.links.values()
        ],
        "links_by_fact": index(corpus.links_by_fact),
        "problems": [[p.path, p.line, p.col, p.message] for p in corpus.problems],
        "reports_by_fact": index(corpus.reports_by_fact),
        "facts_by_entity": index(corpus.facts_by_entity),
        "reports_by_entity": index(corpus.reports_by_entity),
        "fact_time": [[s(k), s(v.value)] for k, v in corpus.fact_time.items()],
        "text_paths": corpus.text_paths,
    }  # fmt: skip
    entry["strings"] = list(table)
    return entry


def _pack(corpus: Corpus, entry: dict[str, Any]) -> bytes:
    head = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))  # no raw newline
    body = "".join(a.text for a in corpus.articles.values())
    return f"{head}\n{body}".encode("utf-8", "surrogatepass")


def _unpack(data: bytes) -> tuple[dict[str, Any], str]:
    head, _, body = data.partition(b"\n")
    entry = json.loads(head.decode("utf-8", "surrogatepass"))
    if not isinstance(entry, dict):
        raise TypeError("not an entry")
    return entry, body.decode("utf-8", "surrogatepass")


def _pairs(make: Callable[[Any, Any], T], flat: Iterable[Any]) -> tuple[T, ...]:
    """``make(a, b)`` for each pair of a flat list, in C: one map over one iterator."""
    it = iter(flat)
    return tuple(map(make, it, it))


def _decode(root: Path, entry: dict[str, Any], body: str) -> Corpus:
    """The corpus from an entry; KeyError, TypeError, ValueError when it is not one."""
    strings: list[str] = entry["strings"]
    S = strings.__getitem__

    def ss(indices: list[int]) -> tuple[str, ...]:
        return tuple(map(S, indices))

    def date(day: int | None) -> dt.date | None:
        return None if day is None else dt.date.fromordinal(day)

    def index(pairs: list[Any]) -> dict[str, list[str]]:
        return {S(key): list(map(S, values)) for key, values in pairs}

    corpus = Corpus(root=root)
    texts: list[str] = []
    at = 0
    for length in entry["lengths"]:
        texts.append(body[at : at + length])
        at += length
    if at != len(body):
        raise ValueError("torn entry")
    articles = corpus.articles
    for text, (
        aid,
        title,
        publisher,
        url,
        pub,
        language,
        path,
        note,
        citations,
        pid,
        wire,
        dateline,
        local,
    ) in zip(texts, entry["articles"], strict=True):
        published = Published(date(pub[0]), date(pub[1]), date(pub[2]), S(pub[3]))
        it = iter(citations)
        articles[S(aid)] = Article(
            S(aid), S(title), S(publisher), S(url), published, S(language), S(path), text,
            S(note), None if pid is None else S(pid), ss(wire),
            None if dateline is None else Span(*dateline),
            _pairs(lambda a, b: (a, b), map(S, local)),
            citations=[(a, b, S(r)) for a, b, r in zip(it, it, it, strict=True)],
        )  # fmt: skip
    corpus.entities = {
        S(e[0]): Entity(S(e[0]), S(e[1]), S(e[2]), ss(e[3]), S(e[4]), e[5], ss(e[6]))
        for e in entry["entities"]
    }
    corpus.events = {
        S(e[0]): Event(
            S(e[0]), S(e[1]), S(e[2]),
            _pairs(Participant, map(S, e[3])),
            None if e[4] is None else S(e[4]), ss(e[5]),
        )
        for e in entry["events"]
    }  # fmt: skip
    corpus.relations = {
        S(r[0]): Relation(
            S(r[0]), S(r[1]), S(r[2]), S(r[3]), r[4], tuple((k, v) for k, v in r[5]), ss(r[6])
        )
        for r in entry["relations"]
    }
    reports = corpus.reports
    for (
        rid,
        fact,
        article,
        status,
        certainty,
        quotes,
        at,
        according,
        note,
        levels,
        commitment,
        modality,
        negated,
        participants,
        qualifiers,
    ) in entry["reports"]:
        ref = None
        if at is not None:
            ref = TimeRef(
                S(at[0]),
                None if at[1] is None else parse_time_value(S(at[1])),
                Span(at[2], at[3]),
                S(at[4]),
                S(at[5]),
                None if at[6] is None else S(at[6]),
                S(at[7]),
            )
        reports[S(rid)] = Report(
            S(rid), S(fact), S(article), S(status), S(certainty),
            _pairs(Span, quotes), ref, ss(according), S(note),
            tuple(
                SourceLevel(
                    S(v[0]), Span(v[1], v[2]), S(v[3]), S(v[4]), S(v[5]),
                    None if v[6] is None else S(v[6]), _pairs(Span, v[7]),
                )
                for v in levels
            ),
            S(commitment), S(modality), negated, _pairs(Participant, map(S, participants)),
            tuple((k, v) for k, v in qualifiers),
        )  # fmt: skip
    corpus.links = {
        S(k[0]): Link(S(k[0]), S(k[1]), S(k[2]), S(k[3]), S(k[4]), _pairs(Span, k[5]), S(k[6]))
        for k in entry["links"]
    }
    corpus.links_by_fact = index(entry["links_by_fact"])
    corpus.problems = [Problem(*p) for p in entry["problems"]]
    corpus.reports_by_fact = index(entry["reports_by_fact"])
    corpus.facts_by_entity = index(entry["facts_by_entity"])
    corpus.reports_by_entity = index(entry["reports_by_entity"])
    corpus.fact_time = {S(k): parse_time_value(S(v)) for k, v in entry["fact_time"]}
    corpus.text_paths = entry["text_paths"]
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
    except (OSError, ValueError, LookupError, TypeError, TimeValueError):
        return None


def store(root: Path, corpus: Corpus, limits: files.Limits | None = None) -> None:
    """Save ``corpus`` atomically; a cache that cannot be written is not an error."""
    limits = limits or files.Limits.from_env()
    directory = usable_dir(create=True)
    if directory is None:
        return
    try:
        key = corpus_key(root, limits)
        entry = _encode(corpus, _texts(root, corpus.text_paths, limits))
        data = _pack(corpus, entry)
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


def load_with_cache(root: Path, limits: files.Limits | None = None) -> Corpus:
    """Load ``root`` from the cache when its inputs are unchanged, else load and cache it."""
    limits = limits or files.Limits.from_env()
    corpus = load(root, limits)
    if corpus is None:
        from tui.data.loader import load_corpus

        corpus = load_corpus(root, limits)
        store(root, corpus, limits)
    # The corpus lives as long as the process: keep the cyclic collector from scanning its
    # hundreds of thousands of objects again on the explorer's first keystrokes.
    gc.freeze()
    return corpus
