"""What each fact file contributes, kept by content, so ``check`` after one edit reads one file.

Everything of a load that depends on one fact file's bytes and its article text alone
(parsing, validation, anchoring the quotes, checking times and source cues: about four
fifths of a full ``check``) is gathered by the loader into a plain-data *unit* per file
(:data:`tui.data.loader.Unit`). Units are kept in an SQLite table in the XDG cache, keyed
by a hash of the file's bytes, its display path and the code that made them; a unit also
names the text it was made from and that text's digest, and the loader uses it only while
the text there has the same digest. The checks between files (unknown ids, duplicates,
aliases named twice, unreported facts, derived links, indexes) run again on every load, from
the units: so the answer is a full check's, and what refers to a changed file is re-checked.

Nothing read back can run code: a unit is stored as JSON (its reports and links as JSON
texts of their own, see :func:`_frame`), after the hex SHA-256 of that text. A row whose
digest does not match, that does not decode or is not a unit of this format, a torn or
foreign database, or a database file that is not the user's own regular file is a miss (the
file is read as if there were no cache), never an error; a broken database is replaced.
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

FORMAT = 2
NAME = "parsed.sqlite"
KEEP_DAYS = 30  # rows unused for this long are removed
HOLD = 8 << 20  # characters of new units held before they are written (see put)
_TAG = "\x00"  # no TOML key a curator types starts with NUL; one that does is escaped


def _code_digest() -> bytes:
    digest = hashlib.sha256(
        f"diplo-tui units/{FORMAT} python/{sys.version_info[0]}.{sys.version_info[1]}".encode()
    )
    # Every module of tui.data, not a list of the ones thought to matter: a unit is made by
    # the loader and whatever it calls, and a list would go stale as they change.
    for path in sorted(Path(__file__).parent.glob("*.py")):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # unknown code: nothing kept is reused
    try:
        from pydantic.version import VERSION

        digest.update(VERSION.encode())
    except ImportError:  # pragma: no cover
        pass
    return digest.digest()


class ParseCache:
    """Units of fact files, by the hash of their bytes and display path.

    ``get`` and ``put`` never raise; writes are gathered, committed a few megabytes at a
    time and by :meth:`close`."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._db: sqlite3.Connection | None = None
        self._new: dict[bytes, str] = {}
        self._held = 0  # characters of the new units not yet written
        self._flushing = True  # whether new units are written before close (see _flush)
        self._used: list[bytes] = []
        self._code = _code_digest()
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._db = _open(path)

    @classmethod
    def default(cls) -> ParseCache:
        """The cache in the user's XDG cache directory (none if that is not safe to use)."""
        directory = usable_dir(create=True)
        return cls(directory / NAME if directory is not None else None)

    def key(self, shown: str, raw: bytes) -> bytes:
        """The key of the fact file shown as ``shown`` holding ``raw``."""
        name = shown.encode("utf-8", "surrogateescape")
        return hashlib.sha256(self._code + len(name).to_bytes(8, "big") + name + raw).digest()

    def get(self, key: bytes) -> dict[str, Any] | None:
        """The unit kept under ``key``, if it is kept and whole."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT doc FROM parsed WHERE digest = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            self._busy()  # locked by another run's write: not used, and not removed
            return None
        except sqlite3.Error:
            self._broken()
            return None
        unit = _decode(row[0]) if row is not None else None
        if unit is None:
            self.misses += 1
            return None  # a foreign or damaged row: read again, and replaced by put()
        self.hits += 1
        self._used.append(key)
        return unit

    def put(self, key: bytes, unit: dict[str, Any]) -> None:
        if self._db is None:
            return
        # Not representable (cannot happen for a unit): simply not kept.
        with contextlib.suppress(ValueError, TypeError, RecursionError, KeyError):
            doc = self._new[key] = _seal(_frame(unit))
            self._held += len(doc)
            if self._held > HOLD and self._flushing:
                self._flush()

    def _flush(self) -> None:
        """Write the new units gathered so far (a cold load of 10,000 fact files held about
        as much text as the files themselves until :meth:`close`). Busy or broken: they
        are kept for :meth:`close`, and nothing more is written before it (each attempt
        may wait for a lock)."""
        if self._db is None:
            return
        try:
            with self._db:
                self._write_new(self._db, int(time.time() // 86400))
        except sqlite3.Error:
            self._flushing = False
            return
        self._new.clear()
        self._held = 0

    def close(self) -> None:
        """Write the new units, mark the used ones, forget the long unused; never raises."""
        db, self._db = self._db, None
        if db is None:
            return
        today = int(time.time() // 86400)
        try:
            with db:
                self._write_new(db, today)
                db.executemany(
                    "UPDATE parsed SET used = ? WHERE digest = ? AND used != ?",
                    [(today, k, today) for k in self._used],
                )
                # Forgetting scans the whole table (each row's `used` stands after its
                # document): once a day, not on every check.
                db.execute("CREATE TABLE IF NOT EXISTS swept (day INTEGER NOT NULL)")
                row = db.execute("SELECT max(day) FROM swept").fetchone()
                if row is None or not isinstance(row[0], int) or row[0] != today:
                    db.execute("DELETE FROM parsed WHERE used < ?", (today - KEEP_DAYS,))
                    db.execute("DELETE FROM swept")
                    db.execute("INSERT INTO swept (day) VALUES (?)", (today,))
        except sqlite3.Error:
            pass  # busy (another check writing) or broken: the next run reads again
        finally:
            db.close()
            self._new.clear()
            self._held = 0
            self._used.clear()

    def _write_new(self, db: sqlite3.Connection, today: int) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO parsed (digest, doc, used) VALUES (?, ?, ?)",
            [(k, v, today) for k, v in self._new.items()],
        )

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


# The keys of a unit and the type of each value: a row with anything else is not ours.
_UNIT_KEYS: dict[str, type | tuple[type, ...]] = {
    "v": int,
    "problems": list,
    "unparsed": bool,
    "broken": list,
    "reported": list,
    "items": list,
    "text_path": (str, type(None)),
    "text": (list, type(None)),
    "article_id": (str, type(None)),
    "article": (list, type(None)),
    "reports": str,
    "links": str,
}


def _frame(unit: dict[str, Any]) -> str:
    """A unit as text: its JSON without the reports and links, then each of those JSON texts
    as they are, after a NUL (which JSON text never holds raw): not escaped a second time,
    they are read back at the speed of a copy."""
    head = {k: v for k, v in unit.items() if k not in ("reports", "links")}
    reports, links = unit["reports"], unit["links"]
    if not isinstance(reports, str) or not isinstance(links, str):
        raise TypeError("not a unit")
    return "\0".join((json.dumps(head, separators=(",", ":")), reports, links))


def _seal(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest() + body


def _decode(doc: object) -> dict[str, Any] | None:
    """The unit in a row, or None for anything that is not a whole unit of this format."""
    if not isinstance(doc, str) or len(doc) < 64:
        return None
    body = doc[64:]
    try:
        if hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest() != doc[:64]:
            return None
        head, reports, links = body.split("\0")
        unit = json.loads(head)
    except (ValueError, TypeError, RecursionError, UnicodeError):
        return None
    if not isinstance(unit, dict):
        return None
    unit["reports"], unit["links"] = reports, links
    if unit.keys() != _UNIT_KEYS.keys():
        return None
    from tui.data.loader import UNIT_FORMAT

    if unit["v"] != UNIT_FORMAT:
        return None
    for name, kind in _UNIT_KEYS.items():
        if not isinstance(unit[name], kind):
            return None
    return unit


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
