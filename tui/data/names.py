"""Every name the palette jumps to, and how a query ranks them.

An entity is found by each of its names (so "lavrov" finds Sergey Lavrov as surely as a fact
whose label starts with the word), a fact by its label, an article by its title. All are
folded (case, diacritics, quote styles), narrowed in SQLite to those sharing the query's
words or letters (FTS5, trigrams), and the candidates scored by rapidfuzz, in C; a hit that
holds every word typed comes first. A loaded corpus keeps its names in an in-memory
database, the index (:mod:`tui.data.index`) in its own: the same search either way, and a
letter costs about the same at 10,000 articles as at one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.data.folding import fold
from tui.data.rows import KIND_NAMES, fact_kind

if TYPE_CHECKING:
    from tui.data.corpus import Corpus

SHOWN_HITS = 100
CANDIDATES = 300  # scored in C, then ranked by the words they hold
CUTOFF = 50
_WRITTEN_AT_ONCE = 20_000  # names


@dataclass(frozen=True, slots=True)
class Name:
    """Something to jump to: what is shown, what it is, and where it leads."""

    text: str
    kind: str  # "entity · person", an event's type, "relation", "article"
    target: str  # "entity:ID", "fact:ID" or "article:ID"


@dataclass(frozen=True, slots=True)
class NameHit:
    score: float
    name: Name
    folded: str  # the name's text folded: where the query's letters are underlined


def names(corpus: Corpus) -> Iterator[tuple[Name, tuple[str, ...]]]:
    """Every name with the folded keys it is found by; the most connected entities first."""
    for ids in corpus.entities_by_kind().values():
        for entity_id in ids:
            entity = corpus.entities[entity_id]
            kind = KIND_NAMES.get(entity.kind, entity.kind)
            aliases = tuple(dict.fromkeys((entity.name, *entity.aliases)))
            text = " / ".join(aliases)
            yield Name(text, f"entity · {kind}", f"entity:{entity.id}"), tuple(map(fold, aliases))
    for table in (corpus.events, corpus.relations):
        for fact in table.values():
            label = corpus.label(fact)
            yield Name(label, fact_kind(fact), f"fact:{fact.id}"), (fold(label),)
    for article in corpus.articles.values():
        yield Name(article.title, "article", f"article:{article.id}"), (fold(article.title),)


def _coverage(words: list[str], text: str) -> float:
    """The share of the query's words that ``text`` holds."""
    return sum(word in text for word in words) / len(words) if words else 0.0


def rank(
    query: str, keys: Sequence[str], owners: Sequence[int], limit: int = SHOWN_HITS
) -> list[tuple[float, int]]:
    """The owners of the best-matching ``keys`` for the folded ``query``, best first, each
    once, by its best key: ``(score in 0..1, owner)``."""
    from rapidfuzz import fuzz, process

    found = process.extract(
        query, keys, scorer=fuzz.WRatio, processor=None, limit=CANDIDATES, score_cutoff=CUTOFF
    )
    # WRatio rates "Kremlin" as high as "Kremlin's statement on the call" for the query
    # "kremlin statement": a hit that holds every word typed comes first.
    words = query.split()
    best: dict[int, float] = {}
    for key, score, k in found:
        owner = owners[k]
        score = score * (1 + _coverage(words, key)) / 200
        if score > best.get(owner, -1.0):
            best[owner] = score
    ranked = sorted(best.items(), key=lambda pair: -pair[1])
    return [(score, owner) for owner, score in ranked[:limit]]


# The names in SQLite: ``names`` in the palette's order, ``name_keys`` what each is found by,
# ``name_fts`` a trigram index of the keys (where SQLite has FTS5).
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, text TEXT NOT NULL, "
    "kind TEXT NOT NULL, target TEXT NOT NULL, folded TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS name_keys (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL, "
    "key TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS name_keys_key ON name_keys (key)",
]
FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS name_fts USING fts5(key, content='name_keys', "
    "content_rowid='id', tokenize='trigram')"
)
NARROWED = 2000  # candidates ranked, at most, per way of finding them


def has_table(db: sqlite3.Connection, name: str) -> bool:
    """Whether ``db`` holds a table ``name`` (an FTS5 one is missing where SQLite has none)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return found is not None


def has_fts(db: sqlite3.Connection, statement: str = FTS) -> bool:
    """Whether the FTS5 table of ``statement`` (the names' by default) is made in ``db``."""
    try:
        db.execute(statement)
    except sqlite3.OperationalError:
        return False  # an SQLite built without FTS5: names are narrowed by a plain scan
    return True


def write_names(db: sqlite3.Connection, found: Iterable[tuple[Name, tuple[str, ...]]]) -> None:
    """Replace the names held in ``db`` (its schema made) with ``found``."""
    db.execute("DELETE FROM names")
    db.execute("DELETE FROM name_keys")
    # A chunk at a time: each table's rows in the same order as all at once, without every
    # name and key held (hundreds of thousands at 10,000 articles).
    rows: list[tuple[int, str, str, str, str]] = []
    keys: list[tuple[int, str]] = []

    def flush() -> None:
        db.executemany(
            "INSERT INTO names (id, text, kind, target, folded) VALUES (?, ?, ?, ?, ?)", rows
        )
        db.executemany("INSERT INTO name_keys (owner, key) VALUES (?, ?)", keys)
        rows.clear()
        keys.clear()

    for n, (name, folded_keys) in enumerate(found):
        keys.extend((n, key) for key in folded_keys)
        rows.append((n, name.text, name.kind, name.target, fold(name.text)))
        if len(rows) >= _WRITTEN_AT_ONCE:
            flush()
    flush()
    if has_fts(db):
        db.execute("INSERT INTO name_fts (name_fts) VALUES ('rebuild')")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class NameIndex:
    """The palette's search over the names in ``db``, the same for a loaded corpus (an
    in-memory database) and for the index (the names it stores)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._fts = has_table(db, "name_fts")

    @classmethod
    def in_memory(cls, found: Iterable[tuple[Name, tuple[str, ...]]]) -> NameIndex:
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        for statement in SCHEMA:
            db.execute(statement)
        has_fts(db)
        write_names(db, found)
        return cls(db)

    def _candidates(self, query: str, limit: int) -> list[int]:
        """Keys worth ranking: those holding every word of three letters or more (the most
        connected names first); for typos, those sharing the query's trigrams; and those
        with a word starting with each shorter word."""
        db = self._db
        words = query.split()
        long_words = [w for w in words if len(w) >= 3]
        ids: list[int] = []
        if long_words and self._fts:
            phrase = " AND ".join(_quoted(w) for w in long_words)
            sql = "SELECT rowid FROM name_fts WHERE name_fts MATCH ? ORDER BY rowid LIMIT ?"
            ids += [k for (k,) in db.execute(sql, (phrase, NARROWED))]
            grams = sorted({w[i : i + 3] for w in long_words for i in range(len(w) - 2)})
            if len(ids) < limit and grams:
                either = " OR ".join(_quoted(g) for g in grams)
                sql = "SELECT rowid FROM name_fts WHERE name_fts MATCH ? ORDER BY rank LIMIT ?"
                ids += [k for (k,) in db.execute(sql, (either, NARROWED))]
        elif long_words:  # no FTS5: every key holding the longest word
            longest = max(long_words, key=len)
            sql = "SELECT id FROM name_keys WHERE instr(key, ?) > 0 ORDER BY id LIMIT ?"
            ids += [k for (k,) in db.execute(sql, (longest, NARROWED))]
        for word in (w for w in words if len(w) < 3):
            sql = (
                "SELECT id FROM name_keys WHERE (key >= ? AND key < ?) OR instr(key, ?) > 0 "
                "ORDER BY id LIMIT ?"
            )
            ids += [k for (k,) in db.execute(sql, (word, word + "\uffff", " " + word, NARROWED))]
        return ids

    def search(self, query: str, limit: int = SHOWN_HITS) -> list[NameHit]:
        query = fold(query)
        ids = list(dict.fromkeys(self._candidates(query, limit)))
        db = self._db
        keys: list[str] = []
        owners: list[int] = []
        for start in range(0, len(ids), 900):  # SQLite's limit on parameters
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for owner, key in db.execute(
                f"SELECT owner, key FROM name_keys WHERE id IN ({marks})", chunk
            ):
                owners.append(owner)
                keys.append(key)
        hits: list[NameHit] = []
        for score, n in rank(query, keys, owners, limit):
            text, kind, target, folded = db.execute(
                "SELECT text, kind, target, folded FROM names WHERE id = ?", (n,)
            ).fetchone()
            hits.append(NameHit(score, Name(text, kind, target), folded))
        return hits

    def first(self, count: int) -> list[Name]:
        sql = "SELECT text, kind, target FROM names ORDER BY id LIMIT ?"
        return [Name(*row) for row in self._db.execute(sql, (count,))]
