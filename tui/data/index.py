"""The explorer's embedded index: the loaded corpus in SQLite, read a row at a time.

The TOML files stay the source of truth. What the explorer reads is this index, built from
them by the loader and kept in ``$XDG_CACHE_HOME/diplo-tui/index-KEY.sqlite`` (KEY: the
corpus's location, the working directory problem paths are shown relative to, and the size
limits). A start reads no more than it shows: the lists ask the index for their rows
(entities by kind and number of facts, a fact's row as the facts list words it, the facts
matching a filter), an article's text and mentions are read when it is shown, the palette's
names are narrowed by an FTS5 trigram table before they are ranked; everything else is read
by id when asked, and kept in small caches.

**Never stale.** Every input the loader read (each fact file, each article text, a missing
one included) has a row with its size, times, inode and a hash of its bytes. On every start
each is stat'ed; one whose stat changed is hashed again, and one whose bytes changed (or a
fact file added or removed) makes the index be built again. A file changed within two
seconds of being checked is hashed again whatever its stat says (its timestamps cannot tell
two writes in the same tick apart), and a file that changed while the index was being built
is recorded as unknown, so the next start builds again. The program's version, the source of
``tui.data`` and the index's format are in the index too: other code means another build.

**Updated per row.** A build writes, in one transaction, only the rows whose content changed
(each row carries a hash of its encoding; the query line's facets, a hash per fact, entity
or article): after one fact file is edited, its own rows and the few that refer to it are
written, not the whole corpus. Every row is still worked out and hashed to find them. A
first build, into empty tables, makes the indexes after the rows.

**Never trusted.** Rows are JSON rebuilt field by field into the corpus's dataclasses by
:mod:`tui.data.codec` (nothing read back can run code). The file must be the user's own
regular file in a directory only the user can write (see :func:`tui.data.cache.usable_dir`);
a torn or foreign file in its place is removed and the index built again; a database that
another process is writing is not waited for: the explorer then uses the corpus it loaded.
``check`` and ``export`` never read it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from tui import __version__
from tui.data import files
from tui.data import names as names_schema
from tui.data.cache import usable_dir
from tui.data.codec import Codec, Strings
from tui.data.corpus import (
    ROLES_APART,
    Article,
    Corpus,
    Entity,
    Event,
    Fact,
    Link,
    Mention,
    Relation,
    Report,
    _overlapping,
)
from tui.data.disagreements import Difference
from tui.data.facets import COUNTABLE, NONE, Facets
from tui.data.facets import rows as facet_rows
from tui.data.folding import fold
from tui.data.listing import Listing, Runs
from tui.data.names import NameIndex, names
from tui.data.problems import Problem
from tui.data.progress import CACHE, SAVING, Progress, silent
from tui.data.rows import FactRow, fact_row, roles_of
from tui.data.sayings import SPEECH_TYPES, Saying, every_saying, sources, statements_by
from tui.data.timeline import Entry
from tui.data.timex import TimeValue, TimeValueError
from tui.data.view_rows import (
    difference_row,
    saying_row,
    searchable,
    timeline_row,
)

FORMAT = 1
KEEP = 8  # index files kept (one per corpus location); the least recently used go
RACY_NS = 2_000_000_000  # a file changed this close to its check is hashed again
_DATA = Path(__file__).resolve().parent  # the tui.data package: its source is in the index

T = TypeVar("T")

# Tables of rows by id: name → (the class a row decodes to, extra columns).
_TABLES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "entities": (Entity, ("kind", "nfacts", "sort_name", "search")),
    "events": (Event, ("search", "fact_row", "disagrees")),
    "relations": (Relation, ("search", "fact_row", "disagrees")),
    "reports": (Report, ("fact_id", "article_id", "anchor")),
    "links": (Link, ()),
    "articles": (Article, ("publisher", "mentions")),
    "reports_by_fact": (list[str], ()),
    "links_by_fact": (list[str], ()),
    "facts_by_entity": (list[str], ()),
    "reports_by_entity": (list[str], ()),
    "fact_time": (TimeValue, ()),
    "problems": (Problem, ()),
    "roles": (str, ()),  # "entity\0fact": how the entity takes part, as the facts list says
    # Views over the whole corpus, by position: the timeline (each entry's event and year
    # heading), the disagreements (each one's number of sides) and who said what; with each
    # row's text as the view shows it, folded, for the view's filter.
    "timeline": (Entry, ("fact_id", "mark", "search")),
    "differences": (Difference, ("mark", "search")),
    "sayings": (Saying, ("entity_id", "search")),
    # Each source: the statements it speaks in, and how many reports cite it (its sayings).
    "speakers": (list[str], ("cited",)),
}
# Values asked for in one statement: under SQLite's limit on parameters (999 before 3.32).
_CHUNK = 900
# Errors that mean "not a usable index": the caller builds again.
_MISS = (sqlite3.Error, ValueError, LookupError, TypeError, ArithmeticError, RecursionError)


class IndexUnusable(Exception):
    """The index cannot be opened or written (busy, torn, foreign); the caller loads."""


@functools.cache
def _codec(annotation: Any) -> Codec:
    return Codec(annotation)


def _row_encoder() -> Callable[[Any], str]:
    """JSON for a row, as compact as json.dumps makes it. A build encodes a row per fact,
    report and role: json.dumps with options makes a new encoder on each call, and the C
    one it makes for a call is half the time of encoding a small row; it is made once here
    (without the check for cycles, which a row of lists, numbers and strings cannot have)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - a Python built without the json accelerator
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    chunks = make(None, None, json.encoder.encode_basestring, None, ":", ",", False, False, True)
    join = "".join
    return lambda value: join(chunks(value, 0))


_dumps = _row_encoder()


def _encode(annotation: Any, value: Any) -> str:
    table = Strings()
    body = _codec(annotation).encode(value, table)
    return _dumps([body, table.strings])


def _decode(annotation: Any, data: Any) -> Any:
    if not isinstance(data, str):
        raise TypeError("not a row")
    body, strings = json.loads(data)
    if type(strings) is not list or not all(type(s) is str for s in strings):
        raise TypeError("not a string table")
    return _codec(annotation).decode(body, strings)


@functools.cache
def _code_digest() -> str:
    """The source of every module of ``tui.data``: what an index holds depends on all of it."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(_DATA.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _meta(root: Path, limits: files.Limits) -> dict[str, str]:
    return {
        "format": str(FORMAT),
        "version": __version__,
        "python": sys.version,
        "code": _code_digest(),
        "root": str(root.absolute()),
        "cwd": os.getcwd(),
        "limits": repr(limits),
    }


def index_path(directory: Path, root: Path, limits: files.Limits) -> Path:
    """Raises OSError when the working directory is gone."""
    h = hashlib.blake2b(digest_size=12)
    for part in (str(root.absolute()), os.getcwd(), repr(limits)):
        h.update(os.fsencode(part) + b"\0")
    return directory / f"index-{h.hexdigest()}.sqlite"


# -- inputs: what the loader read, and whether it is still the same --------------------------

Stat = tuple[int, int, int, int]  # size, mtime, ctime (ns), inode; -1s for a missing file


def _stat(path: Path | bytes) -> Stat:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1, -1, -1)
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


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


class _Inputs:
    """Where each input is and how it is fingerprinted: fact files and article texts."""

    def __init__(self, root: Path, limits: files.Limits) -> None:
        self.root = root
        self.limits = limits
        resolved = root.resolve()
        self.facts_home = files.Home(resolved / "facts")
        self.seeds_home = files.Home(resolved / "seeds")

    def fact_paths(self) -> list[str]:
        """Raises OSError when the facts folder cannot be listed."""
        return [f"facts/{name}" for name in files.toml_names(self.root / "facts")]

    def listing(self) -> bytes:
        """The texts in seeds/, as the loader lists them to find the ones no article reads:
        adding or removing one changes the problems."""
        try:
            names = files.list_texts(self.root / "seeds")
        except OSError as exc:
            return f"{type(exc).__name__} {exc.errno}".encode()
        h = hashlib.blake2b(digest_size=16)
        for name in names:
            h.update(os.fsencode(name) + b"\0")
        return h.digest()

    def fingerprint(self, rel: str, kind: str) -> bytes:
        if kind == "listing":
            return self.listing()
        home, limit = (
            (self.facts_home, self.limits.facts)
            if kind == "fact"
            else (self.seeds_home, self.limits.text)
        )
        return _fingerprint(self.root / rel, home, limit)


def _still_fresh(db: sqlite3.Connection, inputs: _Inputs) -> bool:
    """Whether every input the index was built from is unchanged (see the module's doc)."""
    # Paths as bytes: a file name need not be UTF-8.
    stored = db.execute(
        "SELECT path, kind, size, mtime, ctime, ino, print, verified FROM inputs"
    ).fetchall()
    try:
        fact_paths = {os.fsencode(p) for p in inputs.fact_paths()}
    except OSError:
        return False
    if {row[0] for row in stored if row[1] == "fact"} != fact_paths:
        return False
    now = time.time_ns()
    verified: list[tuple[int, int, int, int, int, bytes]] = []
    # Tens of thousands of inputs: joined as bytes, a path object each would cost more than
    # its stat.
    root = os.fsencode(os.path.join(inputs.root, ""))
    for path, kind, size, mtime, ctime, ino, printed, checked in stored:
        current = _stat(root + path)
        racy = current[2] >= checked - RACY_NS
        # A listing is cheap to take again, and a directory's times say little.
        if current == (size, mtime, ctime, ino) and not racy and kind != "listing":
            continue
        if printed is None or inputs.fingerprint(os.fsdecode(path), kind) != printed:
            return False
        verified.append((*current, now, path))
    if verified:
        try:
            with db:
                db.executemany(
                    "UPDATE inputs SET size = ?, mtime = ?, ctime = ?, ino = ?, verified = ? "
                    "WHERE path = ?",
                    verified,
                )
        except sqlite3.Error:
            pass  # another start is writing: checked again next time
    return True


# -- the database ----------------------------------------------------------------------------

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS inputs (path BLOB PRIMARY KEY, kind TEXT NOT NULL, "
    "size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER, print BLOB, verified INTEGER)",
    *(
        # A row's place is its rowid: read in order, or by place, without an index.
        f"CREATE TABLE IF NOT EXISTS {name} (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        f"digest BLOB NOT NULL, data TEXT NOT NULL{''.join(f', {c}' for c in extra)})"
        for name, (_cls, extra) in _TABLES.items()
    ),
    "CREATE INDEX IF NOT EXISTS timeline_fact ON timeline (fact_id)",
    "CREATE INDEX IF NOT EXISTS sayings_entity ON sayings (entity_id, ord)",
    "CREATE INDEX IF NOT EXISTS reports_anchor ON reports (anchor)",
    # What the query line asks of each fact (tui.data.facets), in rows of numbers: a group
    # per fact, entity or article (its rows written again together when any changed), a code
    # per field. Clustered by group, for a fact's values; the (field, value) index holds every
    # column, so a question about a field never reads the table.
    "CREATE TABLE IF NOT EXISTS facet_keys (id INTEGER PRIMARY KEY, section INTEGER NOT NULL, "
    "key TEXT NOT NULL, ord INTEGER NOT NULL, digest BLOB NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS facet_keys_key ON facet_keys (key, section)",
    "CREATE TABLE IF NOT EXISTS facets (grp INTEGER NOT NULL, field INTEGER NOT NULL, "
    "value TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, "
    "PRIMARY KEY (grp, field, value, lo, hi)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS facets_value ON facets (field, value)",
    # Covering: the entity list, filtered or not, is read in order without a row each.
    "CREATE INDEX IF NOT EXISTS entities_list "
    "ON entities (kind, nfacts DESC, sort_name, ord, id, search)",
    *names_schema.SCHEMA,
]
_FTS = names_schema.FTS
# The facts' folded labels by facet group, for the query line's text search (a bare word): a
# trigram index finds a fragment of three letters or more without reading every label.
_LABEL_FTS = "CREATE VIRTUAL TABLE IF NOT EXISTS label_fts USING fts5(label, tokenize='trigram')"
# The plain indexes (each "CREATE INDEX IF NOT EXISTS name ..."): made last on a first build.
_INDEXES = [s for s in _SCHEMA if s.startswith("CREATE INDEX IF NOT EXISTS ")]


# Tables made by other code are not altered: a file of another schema is made again.
_SCHEMA_VERSION = (
    int.from_bytes(
        hashlib.blake2b("\n".join((*_SCHEMA, _FTS, _LABEL_FTS)).encode(), digest_size=4).digest(),
        "big",
    )
    >> 1
)


def _connect(path: Path) -> sqlite3.Connection:
    """The database at ``path``; raises IndexUnusable for a file that is not the user's own
    regular file (it is removed: built again), sqlite3.Error for one that is not a database."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            _remove(path)
            raise IndexUnusable(f"{path} is not an index")
    # Read from the explorer's thread after the loading thread built it; only one uses it
    # at a time.
    db = sqlite3.connect(path, timeout=0.2, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    return db


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


Row = tuple[Any, ...]


def _rows_of(corpus: Corpus) -> Iterator[tuple[str, Iterator[Row]]]:
    """Every table's rows for ``corpus``, (id, ord, data, *extra columns), made as they are
    written: a table's rows are never all in memory at once."""
    yield "entities", _entity_rows(corpus)
    yield "events", _fact_rows(corpus, Event, corpus.events)
    yield "relations", _fact_rows(corpus, Relation, corpus.relations)
    yield (
        "reports",
        (
            (r.id, n, _encode(Report, r), r.fact_id, r.article_id, r.time and r.time.anchor)
            for n, r in enumerate(corpus.reports.values())
        ),
    )
    yield "links", ((k, n, _encode(Link, v)) for n, (k, v) in enumerate(corpus.links.items()))
    yield "articles", _article_rows(corpus)
    for name in ("reports_by_fact", "links_by_fact", "facts_by_entity", "reports_by_entity"):
        lists: MutableMapping[str, list[str]] = getattr(corpus, name)
        yield name, ((k, n, _encode(list[str], v)) for n, (k, v) in enumerate(lists.items()))
    yield (
        "fact_time",
        ((k, n, _encode(TimeValue, v)) for n, (k, v) in enumerate(corpus.fact_time.items())),
    )
    yield "problems", ((str(n), n, _encode(Problem, p)) for n, p in enumerate(corpus.problems))
    yield "roles", _role_rows(corpus)
    # Each view worked out by its table's rows, and let go once they are written (held to
    # the end, the views were a tenth of the build's memory at 10,000 articles).
    yield "timeline", _timeline_rows(corpus)
    said: list[dict[str, list[Saying]]] = []
    yield "sayings", _saying_rows(corpus, said)
    yield "speakers", _speaker_rows(corpus, said)
    yield "differences", _difference_rows(corpus)


def _timeline_rows(corpus: Corpus) -> Iterator[Row]:
    timeline = corpus.timeline()
    for n, (e, heading) in enumerate(zip(timeline, timeline.marks, strict=True)):
        search = searchable(timeline_row(corpus, e).plain())
        yield (str(n), n, _encode(Entry, e), e.fact_id, heading, search)


def _difference_rows(corpus: Corpus) -> Iterator[Row]:
    found = corpus.differences()
    for n, (d, sides) in enumerate(zip(found, found.marks, strict=True)):
        search = searchable(difference_row(corpus, d).plain())
        yield (str(n), n, _encode(Difference, d), sides, search)


def _entity_rows(corpus: Corpus) -> Iterator[Row]:
    for n, e in enumerate(corpus.entities.values()):
        search = fold("\n".join((e.name, e.id, *e.aliases)))
        yield (
            e.id,
            n,
            _encode(Entity, e),
            e.kind,
            corpus.fact_count(e.id),
            e.name.casefold(),
            search,
        )


def _fact_rows(corpus: Corpus, cls: Any, table: MutableMapping[str, Any]) -> Iterator[Row]:
    fact: Fact
    for n, fact in enumerate(table.values()):
        row = fact_row(corpus, fact)
        disagrees = int("≠" in row.marker)  # as tui.data.accounts decides, for the ≠ mark
        data = _encode(cls, fact)
        yield (fact.id, n, data, row.search_text(fact.id), _encode(FactRow, row), disagrees)


def _article_rows(corpus: Corpus) -> Iterator[Row]:
    for n, a in enumerate(corpus.articles.values()):
        mentions = json.dumps([x for m in corpus.mentions(a) for x in m], ensure_ascii=False)
        a._mentions = None  # found to be written, not kept: the loaded corpus is let go
        yield (a.id, n, _encode(Article, a), a.publisher, mentions)


def _saying_rows(corpus: Corpus, said: list[dict[str, list[Saying]]]) -> Iterator[Row]:
    """The sayings' rows; every saying, by source, left in ``said`` for the speakers."""
    said.append(every_saying(corpus))
    n = 0
    for entity_id, found in said[0].items():
        for saying in found:
            search = searchable(saying_row(corpus, saying).plain())
            key = f"{entity_id}\0{saying.report_id}"
            yield (key, n, _encode(Saying, saying), entity_id, search)
            n += 1


def _speaker_rows(corpus: Corpus, held: list[dict[str, list[Saying]]]) -> Iterator[Row]:
    """The sources, most cited first, then those who only speak in statement events; the
    sayings (see _saying_rows) are let go once they are worked out."""
    said = held.pop()
    speaking = {
        p.entity_id
        for event in corpus.events.values()
        if event.type in SPEECH_TYPES
        for p in event.participants
        if p.role == "speaker"
    }
    cited = sources(corpus, said)
    every = [*cited, *((e, 0) for e in sorted(speaking - said.keys()))]
    for n, (entity_id, count) in enumerate(every):
        statements = statements_by(corpus, entity_id, said.get(entity_id, []))
        yield (entity_id, n, _encode(list[str], statements), count)


def _role_rows(corpus: Corpus) -> Iterator[Row]:
    n = 0
    for entity_id, fact_ids in corpus.facts_by_entity.items():
        for fact_id in fact_ids:
            found = corpus.fact(fact_id)
            if found is not None:
                text = roles_of(corpus, found, entity_id)
                yield (f"{entity_id}\0{fact_id}", n, _encode(str, text))
                n += 1


def _digest(row: tuple[Any, ...]) -> bytes:
    # One repr of the whole row, in C: its values are strings, numbers and None.
    return hashlib.blake2b(repr(row[1:]).encode("utf-8", "surrogatepass"), digest_size=12).digest()


def _write_rows(db: sqlite3.Connection, name: str, rows: Iterable[Row]) -> int:
    """Make table ``name`` hold exactly ``rows``, writing only those that changed; how
    many rows were written or removed."""
    kept = dict(db.execute(f"SELECT id, digest FROM {name}").fetchall())
    extra = _TABLES[name][1]
    columns = ", ".join(("id", "ord", "digest", "data", *extra))
    marks = ", ".join("?" * (4 + len(extra)))
    written = 0
    if not kept:
        # Into an empty table every row is new; SQLite skips a repeated id (the first one
        # kept, as below) without the ids all held in a set (a tenth of a build's memory at
        # 10,000 articles, for the roles' 800,000 rows).
        return db.executemany(
            f"INSERT OR IGNORE INTO {name} ({columns}) VALUES ({marks})",
            ((row[0], row[1], _digest(row), *row[2:]) for row in rows),
        ).rowcount

    seen: set[Any] = set()

    def changed() -> Iterator[Row]:
        nonlocal written
        for row in rows:
            if row[0] in seen:
                continue  # one row per id: a repeated one would be written on every build
            seen.add(row[0])
            digest = _digest(row)
            if kept.pop(row[0], None) != digest:
                written += 1
                yield (row[0], row[1], digest, *row[2:])

    db.executemany(f"INSERT OR REPLACE INTO {name} ({columns}) VALUES ({marks})", changed())
    db.executemany(f"DELETE FROM {name} WHERE id = ?", [(k,) for k in kept])
    return written + len(kept)


def _write_names(db: sqlite3.Connection, corpus: Corpus) -> None:
    """The palette's names, written again when any of them changed (their order counts).
    Never all held (a tenth of the build's memory at 10,000 articles): into an index
    without names they are written as they are hashed; else hashed, then written again
    only if they changed."""
    row = db.execute("SELECT value FROM meta WHERE key = 'names'").fetchone()
    h = hashlib.blake2b(digest_size=16)

    def hashed() -> Iterator[tuple[Any, tuple[str, ...]]]:
        # The hash of the repr of the list of every (text, kind, target, keys), a name at
        # a time.
        h.update(b"[")
        for n, (name, keys) in enumerate(names(corpus)):
            text = repr((name.text, name.kind, name.target, keys))
            h.update((", " + text if n else text).encode("utf-8", "surrogatepass"))
            yield name, keys
        h.update(b"]")

    if row is None:
        names_schema.write_names(db, hashed())
    else:
        for _ in hashed():
            pass
        if row[0] == h.hexdigest():
            return
        names_schema.write_names(db, names(corpus))
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('names', ?)", (h.hexdigest(),))


# The facets' fields as stored; a field of a code not here cannot be stored (the build fails,
# and the loaded corpus is used), and a group's digest is of its codes: a new list rewrites.
_FIELDS = {
    field: code
    for code, field in enumerate(
        (*COUNTABLE, "date", "text", "order", "name:entity", "name:article", "about")
    )
}
_SECTIONS = {"name:entity": 1, "name:article": 2}  # every other field is a fact's: 0
_FACETS_AT_ONCE = 50_000  # facet rows written in one go, with their groups


def _facet_groups(corpus: Corpus) -> Iterator[tuple[int, str, list[tuple[int, str, int, int]]]]:
    """The facets of ``corpus`` by what they belong to: (section, key, rows as stored)."""
    fields = _FIELDS
    sections = _SECTIONS
    current: tuple[int, str] | None = None
    rows: list[tuple[int, str, int, int]] = []
    for key, field, value, lo, hi in facet_rows(corpus):
        group = (sections.get(field, 0), key)
        if group != current:
            if current is not None:
                yield (*current, rows)
            current, rows = group, []
        rows.append((fields[field], value, lo, hi))
    if current is not None:
        yield (*current, rows)


def _write_facets(db: sqlite3.Connection, corpus: Corpus) -> int:
    """Make the facets those of ``corpus``, writing only the groups that changed; how many
    groups were written or removed."""
    kept = {
        (section, key): (gid, ord_, digest)
        for gid, section, key, ord_, digest in db.execute(
            "SELECT id, section, key, ord, digest FROM facet_keys"
        )
    }
    next_id = 1 + max((gid for gid, _o, _d in kept.values()), default=0)
    seen: set[tuple[int, str]] = set()
    groups: list[tuple[int, int, str, int, bytes]] = []  # new or changed: written again
    moved: list[tuple[int, int]] = []  # the same rows at another place: (ord, id)
    stale: list[tuple[int]] = []  # groups whose rows go
    rows: list[tuple[int, int, str, int, int]] = []
    labels: list[tuple[int, str]] = []  # the labels of the groups written, for label_fts
    relabelled: list[tuple[int]] = []  # groups written again or removed: their old label goes
    text = _FIELDS["text"]
    written = 0
    # Into empty tables every group is new: its label is read back from the facets at the
    # end, in the same order, rather than held (50 MB at 10,000 articles).
    fresh = not kept

    def flush() -> None:
        db.executemany(
            "INSERT OR REPLACE INTO facet_keys (id, section, key, ord, digest) "
            "VALUES (?, ?, ?, ?, ?)",
            groups,
        )
        db.executemany(
            "INSERT INTO facets (grp, field, value, lo, hi) VALUES (?, ?, ?, ?, ?)", rows
        )
        groups.clear()
        rows.clear()

    for n, (section, key, found) in enumerate(_facet_groups(corpus)):
        group = (section, key)
        if group in seen:  # the loader never gives an id twice: not an index to trust
            raise ValueError(f"facets of {key!r} given twice")
        seen.add(group)
        digest = hashlib.blake2b(
            repr(found).encode("utf-8", "surrogatepass"), digest_size=12
        ).digest()
        old = kept.pop(group, None)
        if old is not None and old[2] == digest:
            if old[1] != n:
                moved.append((n, old[0]))
            continue
        if old is None:
            gid, next_id = next_id, next_id + 1
        else:
            gid = old[0]
            stale.append((gid,))
            relabelled.append((gid,))
        written += 1
        groups.append((gid, section, key, n, digest))
        rows.extend((gid, *row) for row in found)
        if not fresh:
            labels.extend((gid, row[1]) for row in found if row[0] == text)
        if len(rows) >= _FACETS_AT_ONCE:
            db.executemany("DELETE FROM facets WHERE grp = ?", stale)
            stale.clear()
            flush()
    stale.extend((gid,) for gid, _o, _d in kept.values())
    db.executemany("DELETE FROM facets WHERE grp = ?", stale)
    db.executemany("DELETE FROM facet_keys WHERE id = ?", [(gid,) for gid, _o, _d in kept.values()])
    flush()
    db.executemany("UPDATE facet_keys SET ord = ? WHERE id = ?", moved)
    if names_schema.has_table(db, "label_fts"):
        # A group written again keeps its id: its old label goes before the new one comes.
        relabelled.extend((gid,) for gid, _o, _d in kept.values())
        db.executemany("DELETE FROM label_fts WHERE rowid = ?", relabelled)
        if fresh:  # every group new, its id its place: each label as it was written
            db.executemany(
                "INSERT INTO label_fts (rowid, label) VALUES (?, ?)",
                db.execute("SELECT grp, value FROM facets WHERE field = ? ORDER BY grp", (text,)),
            )
        else:
            db.executemany("INSERT INTO label_fts (rowid, label) VALUES (?, ?)", labels)
    return written + len(kept)


def _check_schema(db: sqlite3.Connection) -> None:
    """Raises sqlite3.Error for a file that is not a database, ValueError for a torn one
    (shorter than its header says: reading it whole to check would cost a start)."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    database = db.execute("PRAGMA database_list").fetchone()[2]
    if database and os.path.getsize(database) < pages * size:
        raise ValueError("a torn index")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != _SCHEMA_VERSION:
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ValueError("an index of another schema")  # removed and made again
        # One transaction: each statement on its own would wait for the disk.
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _matches_meta(db: sqlite3.Connection, meta: dict[str, str]) -> bool:
    stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
    return stored.get("complete") == "1" and all(stored.get(k) == v for k, v in meta.items())


def _input_rows(
    inputs: _Inputs, text_paths: list[str], started: int, listing: bytes
) -> Iterator[Row]:
    """Each fact file and text as it is now; a file changed since the load began (what was
    loaded may not be what is hashed now) is recorded as unknown: the next start builds.
    The same for the listing of seeds/, taken (``listing``) before the load."""
    now = inputs.listing()
    stat = _stat(inputs.root / "seeds")
    yield (b"seeds", "listing", *stat, listing if now == listing else None, started)
    kinds = {path: "fact" for path in inputs.fact_paths()}
    kinds.update((path, "text") for path in text_paths)
    for path, kind in kinds.items():
        before = _stat(inputs.root / path)
        printed: bytes | None = inputs.fingerprint(path, kind)
        if before[2] >= started or _stat(inputs.root / path) != before:
            printed = None
        yield (os.fsencode(path), kind, *before, printed, started)


def build(
    db: sqlite3.Connection,
    corpus: Corpus,
    inputs: _Inputs,
    started: int,
    meta: dict[str, str],
    listing: bytes | None = None,
) -> None:
    """Write ``corpus`` into ``db``, and the inputs it was loaded from as they were at
    ``started`` (the load's start, ns). Raises sqlite3.Error (busy, full disk)."""
    names_schema.has_fts(db)  # made where SQLite can, before the transaction
    names_schema.has_fts(db, _LABEL_FTS)  # without FTS5, labels are searched by a scan
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM meta WHERE key = 'complete'")
        # Into empty tables, an index is made faster after the rows (sorted once) than
        # along with them (a row at a time, at random places).
        later = _INDEXES if _empty(db) else []
        for statement in later:
            db.execute(f"DROP INDEX IF EXISTS {statement.split()[5]}")
        for name, rows in _rows_of(corpus):
            _write_rows(db, name, rows)
        _write_facets(db, corpus)
        _write_names(db, corpus)
        _write_runs(db, "timeline")
        for statement in later:
            db.execute(statement)
        db.execute("DELETE FROM inputs")
        db.executemany(
            "INSERT INTO inputs (path, kind, size, mtime, ctime, ino, print, verified) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            _input_rows(inputs, corpus.text_paths, started, listing or inputs.listing()),
        )
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('text_paths', ?)",
            (json.dumps(corpus.text_paths),),  # escaped: a path may hold a lone surrogate
        )
        db.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [*meta.items(), ("complete", "1")],
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _empty(db: sqlite3.Connection) -> bool:
    return not any(
        db.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone()
        for name in (*_TABLES, "facet_keys", "names")
    )


# -- reading ---------------------------------------------------------------------------------


class Rows(MutableMapping[str, T], Generic[T]):
    """One table of the index as a read-only mapping, decoded a row at a time, the most
    recently used kept. Iteration follows the order the loader made the rows in."""

    def __init__(
        self,
        db: sqlite3.Connection,
        table: str,
        decode: Callable[[Any], T],
        keep: int = 4096,
    ) -> None:
        self._db = db
        self._table = table
        self._decode = decode
        self._keep = keep
        self._kept: OrderedDict[str, T] = OrderedDict()
        self._length: int | None = None

    def __getitem__(self, key: str) -> T:
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            return found
        if not isinstance(key, str):
            raise KeyError(key)
        row = self._db.execute(f"SELECT data FROM {self._table} WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        value = self._decode(row[0])
        self._kept[key] = value
        if len(self._kept) > self._keep:
            self._kept.popitem(last=False)
        return value

    def __contains__(self, key: object) -> bool:
        if key in self._kept:
            return True
        if not isinstance(key, str):
            return False
        query = f"SELECT 1 FROM {self._table} WHERE id = ?"
        return self._db.execute(query, (key,)).fetchone() is not None

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]
        return self._length

    def __iter__(self) -> Iterator[str]:
        for (key,) in self._db.execute(f"SELECT id FROM {self._table} ORDER BY ord"):
            yield key

    def values(self) -> Any:  # an iterable of every value, decoded as it is reached
        return _Values(self)

    def items(self) -> Any:
        return _Items(self)

    def _all(self) -> Iterator[tuple[str, T]]:
        # A batch at a time: a whole table of article texts is never in memory at once.
        cursor = self._db.execute(f"SELECT id, data FROM {self._table} ORDER BY ord")
        while batch := cursor.fetchmany(256):
            for key, data in batch:
                found = self._kept.get(key)
                yield key, found if found is not None else self._decode(data)

    def __setitem__(self, key: str, value: T) -> None:
        raise TypeError("the index is read-only")

    def __delitem__(self, key: str) -> None:
        raise TypeError("the index is read-only")


class _Values(Generic[T]):
    def __init__(self, rows: Rows[T]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[T]:
        return (value for _key, value in self._rows._all())

    def __len__(self) -> int:
        return len(self._rows)


class _Items(Generic[T]):
    def __init__(self, rows: Rows[T]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[tuple[str, T]]:
        return self._rows._all()

    def __len__(self) -> int:
        return len(self._rows)


class IndexedCorpus(Corpus):
    """A corpus read from the index: the same tables and questions as a loaded one."""

    __slots__ = ("_db",)

    def __init__(self, root: Path, db: sqlite3.Connection) -> None:
        def rows(table: str, keep: int = 4096) -> Any:
            annotation = _TABLES[table][0]
            return Rows(db, table, functools.partial(_decode, annotation), keep)

        super().__init__(
            root,
            articles=rows("articles", 64),
            entities=rows("entities", 65536),
            events=rows("events", 16384),
            relations=rows("relations", 16384),
            reports=rows("reports", 16384),
            problems=list(rows("problems").values()),
            reports_by_fact=rows("reports_by_fact"),
            links=rows("links"),
            links_by_fact=rows("links_by_fact"),
            facts_by_entity=rows("facts_by_entity", 256),
            reports_by_entity=rows("reports_by_entity", 256),
            fact_time=rows("fact_time"),
            text_paths=json.loads(
                db.execute("SELECT value FROM meta WHERE key = 'text_paths'").fetchone()[0]
            ),
        )
        self._db = db

    def close(self) -> None:
        self._db.close()

    def set_aside(self) -> Path | None:
        """Remove the index file, so the next start builds it again (it may be damaged: a row
        that cannot be read); the rows already read stay usable. Where it was, if anywhere."""
        try:
            found = self._db.execute("PRAGMA database_list").fetchone()[2]
        except sqlite3.Error:
            return None
        if not found:
            return None
        _remove(Path(found))
        return Path(found)

    def mentions(self, article: Article) -> list[Mention]:
        if article._mentions is None:
            row = self._db.execute(
                "SELECT mentions FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            flat = json.loads(row[0]) if row is not None else []
            article._mentions = [
                Mention(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)
            ]
        return article._mentions

    def mentions_between(self, article: Article, start: int, end: int) -> list[Mention]:
        # Found when the index was built: no matcher is ever made in the explorer.
        return _overlapping(self.mentions(article), start, end)

    def next_mention(self, article: Article, entity_id: str, after: int) -> Mention | None:
        return next(
            (m for m in self.mentions(article) if m.entity_id == entity_id and m.start >= after),
            None,
        )

    def publisher_of(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT publisher FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def fact_count(self, entity_id: str) -> int:
        row = self._db.execute("SELECT nfacts FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:  # an id only the facts name (a problem): counted as loaded
            return super().fact_count(entity_id)
        return int(row[0])

    def entities_by_kind(self, query: str = "") -> dict[str, list[str]]:
        query = fold(query).strip()
        found: dict[str, list[str]] = {}
        sql = "SELECT kind, id FROM entities"
        args: tuple[str, ...] = ()
        if query:
            sql += " WHERE instr(search, ?) > 0"
            args = (query,)
        # Stable on ties, as the loaded corpus's sort is: the loader's order last.
        sql += " ORDER BY kind, nfacts DESC, sort_name, ord"
        for kind, entity_id in self._db.execute(sql, args):
            found.setdefault(kind, []).append(entity_id)
        return found

    def fact_row(self, fact: Fact) -> FactRow:
        table = "events" if isinstance(fact, Event) else "relations"
        row = self._db.execute(f"SELECT fact_row FROM {table} WHERE id = ?", (fact.id,)).fetchone()
        if row is None:
            return super().fact_row(fact)
        decoded: FactRow = _decode(FactRow, row[0])
        return decoded

    def roles(self, fact: Fact, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        key = f"{entity_id}\0{fact.id}"
        row = self._db.execute("SELECT data FROM roles WHERE id = ?", (key,)).fetchone()
        if row is None:  # not one of the entity's facts: worked out as loaded
            return super().roles(fact, entity_id)
        found: str = _decode(str, row[0])
        return found

    def timeline(self, entity_id: str | None = None) -> Listing[Entry]:
        db = self._db
        if entity_id is None:
            whole = _in_runs(db, "timeline")
            if whole is not None:
                every, runs = whole
                stored_all: _Stored[Entry] = _Stored(db, "timeline", Entry, every)
                return Listing(stored_all, runs, _texts(db, "timeline", every))
            rows = db.execute("SELECT ord, mark FROM timeline ORDER BY ord").fetchall()
        else:
            # The entity's facts are the keys "entity\0fact" of its roles: one range of them,
            # cut as bytes (SQLite's text functions stop at the NUL).
            sql = (
                "SELECT ord, mark FROM timeline WHERE fact_id IN (SELECT "
                "CAST(substr(CAST(id AS BLOB), ?) AS TEXT) FROM roles WHERE id >= ? AND id < ?) "
                "ORDER BY ord"
            )
            start = len(entity_id.encode("utf-8", "surrogatepass")) + 2
            args = (start, f"{entity_id}\0", f"{entity_id}\x01")
            rows = db.execute(sql, args).fetchall()
        ords = [o for o, _ in rows]
        stored: _Stored[Entry] = _Stored(db, "timeline", Entry, ords)
        return Listing(stored, [m for _, m in rows], _texts(db, "timeline", ords))

    def differences(self) -> Listing[Difference]:
        db = self._db
        rows = db.execute("SELECT ord, mark FROM differences ORDER BY ord").fetchall()
        ords = [o for o, _ in rows]
        stored: _Stored[Difference] = _Stored(db, "differences", Difference, ords)
        return Listing(stored, [m for _, m in rows], _texts(db, "differences", ords))

    def sayings_of(self, entity_id: str) -> Listing[Saying]:
        db = self._db
        sql = "SELECT ord FROM sayings WHERE entity_id = ? ORDER BY ord"
        ords = [o for (o,) in db.execute(sql, (entity_id,))]
        stored: _Stored[Saying] = _Stored(db, "sayings", Saying, ords)
        return Listing(stored, [None] * len(ords), _texts(db, "sayings", ords))

    def statements_of(self, entity_id: str) -> list[str]:
        row = self._db.execute("SELECT data FROM speakers WHERE id = ?", (entity_id,)).fetchone()
        found: list[str] = [] if row is None else _decode(list[str], row[0])
        return found

    def sources(self) -> list[tuple[str, int]]:
        sql = "SELECT id, cited FROM speakers WHERE cited > 0 ORDER BY ord"
        return [(str(key), int(count)) for key, count in self._db.execute(sql)]

    def facets(self) -> Facets:
        if self._facets is None:
            self._facets = StoredFacets(self._db)
        return self._facets

    def reports_anchored_to(self, fact_id: str) -> list[Report]:
        sql = "SELECT id FROM reports WHERE anchor = ? ORDER BY ord"
        return [self.reports[key] for (key,) in self._db.execute(sql, (fact_id,))]

    def disagreeing_facts(self) -> list[str]:
        found = {
            key
            for table in ("events", "relations")
            for (key,) in self._db.execute(f"SELECT id FROM {table} WHERE disagrees")
        }
        return [f for f in self.reports_by_fact if f in found]

    def fact_texts(self, fact_ids: Sequence[str], entity_id: str | None) -> list[str | None]:
        found: dict[str, str] = {}
        roles: dict[str, str] = {}
        db = self._db
        for start in range(0, len(fact_ids), _CHUNK):
            chunk = list(fact_ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for table in ("events", "relations"):
                sql = f"SELECT id, search FROM {table} WHERE id IN ({marks})"
                found.update(db.execute(sql, chunk))
            if entity_id is not None:
                keys = [f"{entity_id}\0{f}" for f in chunk]
                sql = f"SELECT id, data FROM roles WHERE id IN ({marks})"
                for key, data in db.execute(sql, keys):
                    roles[key.partition("\0")[2]] = fold(_decode(str, data))
        if entity_id is None:
            return [found.get(f) for f in fact_ids]
        return [
            None if text is None else text + ROLES_APART + roles.get(f, "")
            for f, text in zip(fact_ids, map(found.get, fact_ids), strict=True)
        ]

    def _name_search(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self._db)  # the names the index holds
        return self._names


class StoredFacets(Facets):
    """The facets the index holds, asked with SQL: nothing is read for every fact."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._facts: set[str] | None = None
        self._names: dict[str, dict[str, str]] = {}
        self._label_fts = names_schema.has_table(db, "label_fts")
        self._labels: list[tuple[str, str]] | None = None  # (fact, label), read when needed
        self._vocabulary: dict[str, set[str]] = {}

    def _keys(self, where: str, args: Sequence[Any] = ()) -> set[str]:
        sql = f"SELECT g.key FROM facets f JOIN facet_keys g ON g.id = f.grp WHERE {where}"
        return {key for (key,) in self._db.execute(sql, args)}

    def facts(self) -> set[str]:
        if self._facts is None:
            self._facts = self._keys("f.field = ?", (_FIELDS["order"],))
        return set(self._facts)

    def having(self, field: str, values: Iterable[str]) -> set[str]:
        found: set[str] = set()
        code = _FIELDS.get(field)
        if code is None:
            return found
        wanted = list(values)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found |= self._keys(f"f.field = ? AND f.value IN ({marks})", (code, *chunk))
        return found

    def dated(self, start: dt.date, end: dt.date) -> set[str]:
        where = "f.field = ? AND f.lo <= ? AND ? <= f.hi"
        return self._keys(where, (_FIELDS["date"], end.toordinal(), start.toordinal()))

    def labelled(self, fragment: str) -> set[str]:
        if len(fragment) >= 3 and self._label_fts:
            # The trigrams narrow; instr keeps the answer the scan's, whatever the tokenizer
            # makes of case or of characters outside ASCII.
            sql = (
                "SELECT g.key FROM label_fts l JOIN facet_keys g ON g.id = l.rowid "
                "WHERE label_fts MATCH ? AND instr(l.label, ?) > 0"
            )
            phrase = '"' + fragment.replace('"', '""') + '"'
            return {key for (key,) in self._db.execute(sql, (phrase, fragment))}
        # A letter or two matches most labels: read them all once, as a loaded corpus holds
        # them, rather than join hundreds of thousands of keys in SQLite at each letter.
        if self._labels is None:
            sql = (
                "SELECT g.key, f.value FROM facets f JOIN facet_keys g ON g.id = f.grp "
                "WHERE f.field = ?"
            )
            self._labels = self._db.execute(sql, (_FIELDS["text"],)).fetchall()
        return {key for key, label in self._labels if fragment in label}

    def vocabulary(self, field: str) -> set[str]:
        code = _FIELDS.get(field)
        if code is None:
            return set()
        found = self._vocabulary.get(field)
        if found is None:  # asked at each letter of a field's value: one scan, then kept
            sql = "SELECT DISTINCT value FROM facets WHERE field = ?"
            found = self._vocabulary[field] = {value for (value,) in self._db.execute(sql, (code,))}
        return set(found)

    def names(self, kind: str) -> dict[str, str]:
        found = self._names.get(kind)
        if found is None:
            found = self._names[kind] = {}
            code = _FIELDS.get(f"name:{kind}")
            sql = (
                "SELECT f.value, g.key FROM facets f JOIN facet_keys g ON g.id = f.grp "
                "WHERE f.field = ? ORDER BY g.ord"
            )
            # A group never names one thing twice: the order within one does not count.
            for name, key in self._db.execute(sql, (code,)):
                found.setdefault(name, key)
        return found

    def _select(self, fact_ids: Iterable[str]) -> None:
        """``fact_ids`` into the temporary table the next query joins."""
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM chosen")
        db.executemany("INSERT OR IGNORE INTO chosen (id) VALUES (?)", ((f,) for f in fact_ids))

    def order(self, fact_ids: Iterable[str]) -> list[str]:
        self._select(fact_ids)
        # CROSS JOIN: SQLite then reads from the facts chosen (it cannot know how few they
        # may be) instead of every fact's row of the field; a few facts cost 0.1 ms, not 12.
        sql = (
            "SELECT g.key FROM chosen c "
            "CROSS JOIN facet_keys g ON g.key = c.id AND g.section = 0 "
            "CROSS JOIN facets f ON f.grp = g.id AND f.field = ? "
            "ORDER BY f.lo, f.hi, f.value, g.key"
        )
        return [key for (key,) in self._db.execute(sql, (_FIELDS["order"],))]

    def count(self, field: str, fact_ids: Iterable[str]) -> Counter[str]:
        self._select(fact_ids)
        db = self._db
        code = _FIELDS.get(field, -1)
        sql = (
            "SELECT f.value, count(*) FROM chosen c "
            "CROSS JOIN facet_keys g ON g.key = c.id AND g.section = 0 "
            "CROSS JOIN facets f ON f.grp = g.id AND f.field = ? GROUP BY f.value"
        )
        counts: Counter[str] = Counter(dict(db.execute(sql, (code,)).fetchall()))
        sql = (
            "SELECT count(*) FROM chosen c WHERE NOT EXISTS (SELECT 1 FROM facet_keys g "
            "JOIN facets f ON f.grp = g.id AND f.field = ? WHERE g.key = c.id AND g.section = 0)"
        )
        none = db.execute(sql, (code,)).fetchone()[0]
        if none:
            counts[NONE] += none
        return counts


def _in_runs(db: sqlite3.Connection, table: str) -> tuple[range, Runs] | None:
    """A whole table's positions and marks without reading a row each: its ords are
    0…n-1 (each build numbers them so) and each mark one run of them, as the timeline's
    years are; None for a table where that does not hold (read it row by row). The runs
    are worked out once per build (:func:`_write_runs`)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (f"runs {table}",)).fetchone()
    if row is None:
        return None
    runs: list[tuple[Any, int]] = []
    end = 0
    try:
        for mark, first, last, count in json.loads(row[0]):
            if first != end or last - first + 1 != count:
                return None
            runs.append((mark, count))
            end = last + 1
    except (ValueError, TypeError):  # not what a build writes: read the rows instead
        return None
    return range(end), Runs(runs)


def _write_runs(db: sqlite3.Connection, table: str) -> None:
    """Each mark of ``table`` with its first and last ord and its count, for :func:`_in_runs`:
    one pass over the table here instead of one at each opening of its view."""
    sql = f"SELECT mark, min(ord), max(ord), count(*) FROM {table} GROUP BY mark ORDER BY 2"
    db.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (f"runs {table}", json.dumps(db.execute(sql).fetchall())),
    )


def _texts(db: sqlite3.Connection, table: str, ords: Sequence[int]) -> Callable[[], list[str]]:
    """A view's filter over ``table``'s stored row texts: those of the rows at ``ords``, in
    their order, read once (a column of folded strings, not the rows)."""

    def read() -> list[str]:
        if ords == range(len(ords)):  # a whole table: an ord is its own position
            sql = f"SELECT search FROM {table} ORDER BY ord"
            return [text for (text,) in db.execute(sql)]
        found: dict[int, str] = {}
        listed = list(ords)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start : start + _CHUNK]
            sql = f"SELECT ord, search FROM {table} WHERE ord IN ({','.join('?' * len(chunk))})"
            found.update(db.execute(sql, chunk))
        return [found[o] for o in listed]

    return read


class _Stored(Sequence[T], Generic[T]):
    """Rows of a table by position (its ``ord`` column), read as they are asked for."""

    def __init__(self, db: sqlite3.Connection, table: str, annotation: Any, ords: Sequence[int]):
        self._db = db
        self._table = table
        self._annotation = annotation
        self._ords = ords
        self._kept: OrderedDict[int, T] = OrderedDict()

    def __len__(self) -> int:
        return len(self._ords)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ord_ = self._ords[index]
        found = self._kept.get(ord_)
        if found is None:
            sql = f"SELECT data FROM {self._table} WHERE ord = ?"
            found = _decode(self._annotation, self._db.execute(sql, (ord_,)).fetchone()[0])
            self._kept[ord_] = found
            if len(self._kept) > 2048:
                self._kept.popitem(last=False)
        return found


# -- opening ---------------------------------------------------------------------------------


def open_corpus(
    root: Path, limits: files.Limits | None = None, progress: Progress = silent
) -> Corpus:
    """The corpus at ``root`` for the explorer: read from the index when its inputs are
    unchanged, else loaded, written to the index and read from it. When the index cannot be
    used (no safe cache directory, a busy or unwritable file), the loaded corpus itself."""
    limits = limits or files.Limits.from_env()
    progress(CACHE, 0, 0)
    directory = usable_dir(create=True)
    path: Path | None = None
    if directory is not None:
        try:
            path = index_path(directory, root, limits)
        except OSError:
            path = None
    if path is not None:
        try:
            return _open_or_build(path, root, limits, progress)
        except IndexUnusable:
            pass
    from tui.data.loader import load_corpus

    corpus = load_corpus(root, limits, progress=progress)
    # A corpus in memory lives as long as the process: keep the cyclic collector from
    # scanning its objects again on the explorer's first keystrokes.
    gc.freeze()
    return corpus


def _open_or_build(path: Path, root: Path, limits: files.Limits, progress: Progress) -> Corpus:
    """Raises IndexUnusable when the index can neither be read nor written."""
    meta = _meta(root, limits)
    inputs = _Inputs(root, limits)
    for attempt in range(2):
        db: sqlite3.Connection | None = None
        try:
            db = _connect(path)
            _check_schema(db)
            if _matches_meta(db, meta) and _still_fresh(db, inputs):
                os.utime(path)  # the recently used indexes are the ones kept
                return IndexedCorpus(root, db)
            return _build_and_open(db, path, root, limits, inputs, meta, progress)
        except sqlite3.OperationalError as exc:
            if db is not None:
                db.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise IndexUnusable(str(exc)) from exc
            if attempt:
                raise IndexUnusable(str(exc)) from exc
            _remove(path)  # torn or foreign: built again
        except (*_MISS, TimeValueError) as exc:
            if db is not None:
                db.close()
            if attempt:
                raise IndexUnusable(str(exc)) from exc
            _remove(path)
    raise IndexUnusable(str(path))


def _build_and_open(
    db: sqlite3.Connection,
    path: Path,
    root: Path,
    limits: files.Limits,
    inputs: _Inputs,
    meta: dict[str, str],
    progress: Progress,
) -> Corpus:
    from tui.data.loader import load_corpus
    from tui.data.parsecache import ParseCache

    started = time.time_ns()
    listing = inputs.listing()
    kept = ParseCache.default()
    try:
        corpus = load_corpus(root, limits, kept, progress)
    finally:
        kept.close()
    progress(SAVING, 0, 0)
    try:
        build(db, corpus, inputs, started, meta, listing)
    except sqlite3.Error:
        db.close()
        return corpus  # busy or full: this start uses what it loaded
    _prune(path.parent, path)
    return IndexedCorpus(root, db)


def _prune(directory: Path, current: Path) -> None:
    """Keep the most recently used indexes; remove what older caches left."""
    try:
        found = sorted(
            directory.glob("index-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in found[KEEP:]:
            if old != current:
                _remove(old)
        for old in (*directory.glob("*.json"), *directory.glob("*.pickle")):
            old.unlink(missing_ok=True)  # the corpus caches before the index
    except OSError:
        pass
