"""TOML parsing for fact files: tomllib's answer, mostly computed by compiled ``tomli``.

Parsing is most of a full ``check`` (tomllib is pure Python). ``tomli`` 2.1 and later ship
compiled (mypyc) wheels of the very parser tomllib was made from, about twice as fast; it is
used here only where it is known to give tomllib's answer:

- only a ``tomli`` that reads TOML 1.0, as tomllib does: from 2.3 on it reads TOML 1.1
  (newlines and trailing commas in inline tables, ``\\e``, times without seconds), which
  tomllib rejects. One that accepts any of :data:`_TOML_1_1` is not used;
- a document ``tomli`` rejects is parsed again by tomllib, so every error, its message and
  position are tomllib's;
- a document nested more deeply than tomllib can parse (a few hundred levels of inline
  arrays or tables exhaust its recursion; compiled ``tomli`` stops at a thousand) is parsed
  again by tomllib, so it fails as it did.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

TOMLDecodeError = tomllib.TOMLDecodeError

# Documents that TOML 1.1 allows and TOML 1.0 (tomllib) does not.
_TOML_1_1 = (
    "a = {b = 1,\n c = 2}",
    "a = {b = 1, }",
    'a = "\\e"',
    'a = "\\x41"',
    "a = 07:32",
)
# Below this depth of nested values, tomllib parses whatever tomli parses (its own limit,
# from the recursion limit of 1000, is above 300 for inline tables and arrays alike).
_SAFE_DEPTH = 200
_NESTED = frozenset((dict, list))


def _reads_toml_1_0(loads: Callable[[str], dict[str, Any]]) -> bool:
    for document in _TOML_1_1:
        try:
            loads(document)
        except Exception:  # any refusal is the answer wanted
            continue
        return False
    return True


def _fast_parser() -> Callable[[str], dict[str, Any]] | None:
    if sys.version_info < (3, 11):  # pragma: no cover - tomllib is tomli there already
        return None
    try:
        import tomli
    except ImportError:  # pragma: no cover - a dependency, but tomllib does without it
        return None
    loads: Callable[[str], dict[str, Any]] = tomli.loads
    return loads if _reads_toml_1_0(loads) else None


_fast = _fast_parser()


def _deeper_than(value: dict[str, Any], limit: int) -> bool:
    """Whether tables and arrays nest ``limit`` levels deep in ``value`` (a level at a time:
    a few percent of the parse, where a walk with a stack of pairs was a fifth of it)."""
    level: list[Any] = [value]
    depth = 1
    while level:
        if depth >= limit:
            return True
        below: list[Any] = []
        for item in level:
            below += [
                c for c in (item.values() if type(item) is dict else item) if type(c) in _NESTED
            ]
        level = below
        depth += 1
    return False


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``: the same document, or the same error."""
    if _fast is not None:
        try:
            data = _fast(text)
        except Exception:  # tomllib says what is wrong, below
            pass
        else:
            if not _deeper_than(data, _SAFE_DEPTH):
                return data
    return tomllib.loads(text)
