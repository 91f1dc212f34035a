"""Parsed fact files, kept by content, so ``check`` after one edit parses one file.

Parsing TOML is most of a full ``check`` (about two thirds at 1,000 articles: ``tomllib`` is
pure Python). What a file parses to depends on its bytes alone, so it is kept in an SQLite
table keyed by a hash of the bytes (and of the parser), in the XDG cache. Validation,
reading the texts, anchoring quotes and every cross-file check (unknown ids, duplicates,
aliases named twice, unreported facts) run again on every ``check``, from the parsed
documents, through the same code as a full check: so the answer is the same by
construction, and what refers to a changed file is re-checked with it. The rest is
measured in BENCHMARKS.md.

Nothing read back can run code: a document is stored as JSON, with TOML's dates and times
as tagged ISO strings. A row that does not decode, a torn or foreign database, or a
database file that is not the user's own regular file is a miss (the file is parsed as if
there were no cache), never an error; a broken database is replaced. Only documents that
parsed are kept: a file with a syntax error is parsed again, and its error reported again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from pathlib import Path
from typing import Any

from tui.data.cache import usable_dir

FORMAT = 1
NAME = "parsed.sqlite"
KEEP_DAYS = 30  # rows unused for this long are removed
# The parser is in the key: a document parsed by another TOML parser is not reused.
_PARSER = f"diplo-tui parsed/{FORMAT} python/{sys.version_info[0]}.{sys.version_info[1]}"
_TAG = "\x00"  # no TOML key a curator types starts with NUL; one that does is escaped


class ParseCache:
    """Documents parsed from fact files, by the hash of their bytes.

    ``get`` and ``put`` never raise; writes are gathered and committed by :meth:`close`."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._db: sqlite3.Connection | None = None
        self._new: dict[bytes, str] = {}
        self._used: list[bytes] = []
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._db = _open(path)

    @classmethod
    def default(cls) -> ParseCache:
        """The cache in the user's XDG cache directory (none if that is not safe to use)."""
        directory = usable_dir(create=True)
        return cls(directory / NAME if directory is not None else None)

    @staticmethod
    def key(raw: bytes) -> bytes:
        return hashlib.sha256(_PARSER.encode() + b"\0" + raw).digest()

    def get(self, raw: bytes) -> dict[str, Any] | None:
        """The document ``raw`` parsed to, if it is kept and whole."""
        if self._db is None:
            return None
        digest = self.key(raw)
        try:
            row = self._db.execute("SELECT doc FROM parsed WHERE digest = ?", (digest,)).fetchone()
        except sqlite3.OperationalError:
            self._busy()  # locked by another run's write: not used, and not removed
            return None
        except sqlite3.Error:
            self._broken()
            return None
        if row is None or not isinstance(row[0], str):
            self.misses += 1
            return None
        try:
            document = json.loads(row[0], object_hook=_untag)
        except (ValueError, TypeError, LookupError, RecursionError):
            self.misses += 1
            return None  # a foreign or damaged row: parsed again, and replaced by put()
        if not isinstance(document, dict):
            self.misses += 1
            return None
        self.hits += 1
        self._used.append(digest)
        return document

    def put(self, raw: bytes, document: dict[str, Any]) -> None:
        if self._db is None:
            return
        # Not representable (cannot happen for tomllib's output): simply not kept.
        with contextlib.suppress(ValueError, TypeError, RecursionError):
            self._new[self.key(raw)] = json.dumps(_tag(document), ensure_ascii=False)

    def close(self) -> None:
        """Write the new documents, mark the used ones, forget the long unused; never raises."""
        db, self._db = self._db, None
        if db is None:
            return
        today = int(time.time() // 86400)
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO parsed (digest, doc, used) VALUES (?, ?, ?)",
                    [(k, v, today) for k, v in self._new.items()],
                )
                db.executemany(
                    "UPDATE parsed SET used = ? WHERE digest = ? AND used != ?",
                    [(today, k, today) for k in self._used],
                )
                db.execute("DELETE FROM parsed WHERE used < ?", (today - KEEP_DAYS,))
        except sqlite3.Error:
            pass  # busy (another check writing) or broken: the next run parses again
        finally:
            db.close()
            self._new.clear()
            self._used.clear()

    def _busy(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _broken(self) -> None:
        """A database that fails a query is not read again; it is replaced on the next run."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._path is not None:
            _remove(self._path)


def _open(path: Path) -> sqlite3.Connection | None:
    """The database at ``path``, made if missing; a foreign or torn one is replaced once."""
    for attempt in range(2):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            pass
        except OSError:
            return None
        else:
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                if attempt or not _remove(path):
                    return None
                continue
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(path, timeout=2.0)
            # A text that is not a database, or a torn one, fails here or at the first query.
            db.execute(
                "CREATE TABLE IF NOT EXISTS parsed "
                "(digest BLOB PRIMARY KEY, doc TEXT NOT NULL, used INTEGER NOT NULL)"
            )
            db.execute("SELECT digest, doc, used FROM parsed LIMIT 1").fetchall()
            return db
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            # Locked by another run (OperationalError): used by none this time, kept. Not a
            # database, or a torn one (DatabaseError): replaced.
            busy = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
            if busy or attempt or not _remove(path):
                return None
    return None


def _remove(path: Path) -> bool:
    try:
        path.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _tag(value: Any) -> Any:
    """``value`` with TOML's dates and times as ``{"\\0d": iso}`` and the like, and any table
    whose only key starts with NUL escaped as ``{"\\0o": [[key, value]]}``."""
    if isinstance(value, dict):
        tagged = {k: _tag(v) for k, v in value.items()}
        if len(tagged) == 1 and next(iter(tagged)).startswith(_TAG):
            return {_TAG + "o": [[k, v] for k, v in tagged.items()]}
        return tagged
    if isinstance(value, list):
        return [_tag(v) for v in value]
    if isinstance(value, dt.datetime):
        return {_TAG + "dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG + "d": value.isoformat()}
    if isinstance(value, dt.time):
        return {_TAG + "t": value.isoformat()}
    return value


def _untag(table: dict[str, Any]) -> Any:
    if len(table) != 1:
        return table
    ((key, value),) = table.items()
    if not key.startswith(_TAG):
        return table
    if key == _TAG + "o":
        ((k, v),) = value  # exactly one pair, or the row is not ours (ValueError)
        if not isinstance(k, str):
            raise TypeError("not a key")
        return {k: v}
    if not isinstance(value, str):
        raise TypeError("not a tagged value")
    if key == _TAG + "dt":
        return dt.datetime.fromisoformat(value)
    if key == _TAG + "d":
        return dt.date.fromisoformat(value)
    if key == _TAG + "t":
        return dt.time.fromisoformat(value)
    raise ValueError(f"unknown tag {key!r}")
