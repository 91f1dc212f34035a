"""Where each key and array element of a TOML document starts.

``tomllib`` gives values but no positions. To point an error at the offending key we scan
the document's structure (headers, keys, inline tables, arrays, strings, comments) without
interpreting values, and record the 1-based line and column of every key path. The scanner
is tolerant: on text it cannot follow it stops and keeps what it found. It also stops at a
key path deeper than :data:`MAX_DEPTH` (arrays nested hundreds deep, a header of thousands of
dotted keys): the recursion and the recorded prefixes stay bounded, and a problem that deep
is located at its nearest recorded ancestor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

KeyPath = tuple[str | int, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
MAX_DEPTH = 64  # real fact files nest four or five levels
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _Stop(Exception):
    pass


class Positions:
    """Key path → (line, col) for one TOML document."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._i = 0
        self._starts = [0]
        for n, ch in enumerate(text):
            if ch == "\n":
                self._starts.append(n + 1)
        self.found: dict[KeyPath, tuple[int, int]] = {}
        self._array_tables: dict[KeyPath, int] = {}
        with contextlib.suppress(_Stop, IndexError):
            self._document()

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """Position of ``path``, or of its nearest recorded ancestor, or (1, 1)."""
        key = tuple(path)
        while key:
            if key in self.found:
                return self.found[key]
            key = key[:-1]
        return (1, 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._starts[lo] + 1

    # -- scanning -------------------------------------------------------------------------

    def _peek(self, n: int = 1) -> str:
        return self._text[self._i : self._i + n]

    def _record(self, path: KeyPath, offset: int) -> None:
        # Every nesting step and every dotted key records a path one longer than its parent
        # before going deeper, so this one check bounds both the recursion and the memory.
        if len(path) > MAX_DEPTH:
            raise _Stop
        self.found.setdefault(path, self.line_col(offset))

    def _skip_blank(self, newlines: bool) -> None:
        text = self._text
        while self._i < len(text):
            ch = text[self._i]
            if ch in " \t" or (newlines and ch in "\r\n"):
                self._i += 1
            elif ch == "#":
                while self._i < len(text) and text[self._i] != "\n":
                    self._i += 1
            else:
                return

    def _document(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_blank(newlines=True)
            if self._i >= len(self._text):
                return
            start = self._i
            if self._peek(2) == "[[":
                self._i += 2
                keys = self._keys()
                self._expect("]]")
                count = self._array_tables.get(keys, 0)
                self._array_tables[keys] = count + 1
                table = (*keys, count)
                for n in range(1, len(table) + 1):
                    self._record(table[:n], start)
            elif self._peek() == "[":
                self._i += 1
                table = self._keys()
                self._expect("]")
                for n in range(1, len(table) + 1):
                    self._record(table[:n], start)
            else:
                self._key_value(table)

    def _key_value(self, table: KeyPath) -> None:
        start = self._i
        keys = self._keys()
        for n in range(1, len(keys) + 1):
            self._record((*table, *keys[:n]), start)
        self._expect("=")
        self._value((*table, *keys))

    def _expect(self, token: str) -> None:
        self._skip_blank(newlines=False)
        if self._peek(len(token)) != token:
            raise _Stop
        self._i += len(token)

    def _keys(self) -> KeyPath:
        keys: list[str | int] = []
        while True:
            self._skip_blank(newlines=False)
            keys.append(self._key())
            self._skip_blank(newlines=False)
            if self._peek() != ".":
                return tuple(keys)
            self._i += 1

    def _key(self) -> str:
        ch = self._peek()
        if ch == '"':
            return self._basic_string()
        if ch == "'":
            return self._literal_string()
        start = self._i
        while self._i < len(self._text) and self._text[self._i] in _BARE:
            self._i += 1
        if self._i == start:
            raise _Stop
        return self._text[start : self._i]

    def _value(self, path: KeyPath) -> None:
        self._skip_blank(newlines=False)
        ch = self._peek()
        if ch == "{":
            self._inline_table(path)
        elif ch == "[":
            self._array(path)
        elif self._peek(3) in ('"""', "'''"):
            end = self._text.find(self._peek(3), self._i + 3)
            if end < 0:
                raise _Stop
            self._i = end + 3
            while self._peek() in ('"', "'") and self._peek() == self._text[end]:
                self._i += 1  # up to two quotes may close a multi-line string
        elif ch == '"':
            self._basic_string()
        elif ch == "'":
            self._literal_string()
        else:
            start = self._i
            while self._i < len(self._text) and self._text[self._i] not in ",]}\n#":
                self._i += 1
            if self._i == start:
                raise _Stop

    def _inline_table(self, path: KeyPath) -> None:
        self._i += 1
        while True:
            self._skip_blank(newlines=True)
            if self._peek() == "}":
                self._i += 1
                return
            self._key_value(path)
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self._i += 1
            elif self._peek() != "}":
                raise _Stop

    def _array(self, path: KeyPath) -> None:
        self._i += 1
        index = 0
        while True:
            self._skip_blank(newlines=True)
            if self._peek() == "]":
                self._i += 1
                return
            self._record((*path, index), self._i)
            self._value((*path, index))
            index += 1
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self._i += 1
            elif self._peek() != "]":
                raise _Stop

    def _basic_string(self) -> str:
        self._i += 1
        out: list[str] = []
        text = self._text
        while True:
            ch = text[self._i]
            if ch == '"':
                self._i += 1
                return "".join(out)
            if ch == "\n":
                raise _Stop
            if ch == "\\":
                nxt = text[self._i + 1]
                if nxt in _ESCAPES:
                    out.append(_ESCAPES[nxt])
                    self._i += 2
                    continue
                width = {"u": 4, "U": 8}.get(nxt)
                if width is None:
                    raise _Stop
                try:
                    out.append(chr(int(text[self._i + 2 : self._i + 2 + width], 16)))
                except (ValueError, OverflowError) as exc:
                    raise _Stop from exc
                self._i += 2 + width
                continue
            out.append(ch)
            self._i += 1

    def _literal_string(self) -> str:
        end = self._text.find("'", self._i + 1)
        newline = self._text.find("\n", self._i + 1)
        if end < 0 or 0 <= newline < end:
            raise _Stop
        value = self._text[self._i + 1 : end]
        self._i = end + 1
        return value
