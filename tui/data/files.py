"""Read a corpus's files as untrusted input: inside the corpus, regular files only, bounded.

A corpus may come from anyone. A path in it may point anywhere (``/proc/self/environ``,
``../../.ssh/id_rsa``, a symlink out), and a file in it may be a FIFO or a device, which
blocks a read forever (``/dev/stdin``) or never ends (``/dev/zero``). So every read checks
where the path resolves, that it is a regular file, and stops at a size limit that a curator
can raise with ``--max-file-size`` or ``DIPLO_TUI_MAX_FILE_SIZE``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
SIZE_ENV = "DIPLO_TUI_MAX_FILE_SIZE"
RAISE_HINT = f"raise the limit with --max-file-size or {SIZE_ENV}"
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*\Z", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": MiB, "g": 1024 * MiB}
# Not blocking on a FIFO's open, not adopting a terminal, not leaking the descriptor.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The largest file the loader reads, in bytes, for each kind of file."""

    text: int = 16 * MiB
    facts: int = 4 * MiB

    @classmethod
    def uniform(cls, size: int) -> Limits:
        """One limit for every file, as ``--max-file-size`` sets it."""
        return cls(text=size, facts=size)

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, or the limit in ``DIPLO_TUI_MAX_FILE_SIZE`` (ignored here if
        malformed: the CLI reads it itself and reports a malformed one as a usage error)."""
        value = os.environ.get(SIZE_ENV, "")
        try:
            return cls.uniform(parse_size(value)) if value else cls()
        except ValueError:
            return cls()


def parse_size(text: str) -> int:
    """``4096``, ``512K``, ``16M``, ``16MiB``, ``1G`` → bytes; ValueError otherwise."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"invalid size {text!r}; expected a number of bytes such as 16M or 1G")
    size = int(float(match[1]) * _UNITS[match[2].lower()])
    if size <= 0:
        raise ValueError(f"invalid size {text!r}; expected more than 0 bytes")
    return size


def describe_size(size: int) -> str:
    if size >= MiB:
        return f"{size / MiB:.1f} MiB".replace(".0 ", " ")
    if size >= 1024:
        return f"{size / 1024:.1f} KiB".replace(".0 ", " ")
    return f"{size} bytes"


class Refused(Exception):
    """A file that must not be read; the message says why and what was expected, to follow
    the file's name: "is a FIFO (named pipe); expected a regular file"."""


class Home:
    """A directory that the files read must resolve inside, with ``..`` and every symlink
    followed. The directory itself is taken as given: the caller resolves the corpus root
    once and joins ``facts`` or ``seeds`` to it, so a ``seeds`` that is a symlink out of the
    corpus does not make its targets part of the corpus.

    Resolving a path costs a system call per component; the parent directories' answers
    are kept for the life of this object (one load), so a thousand texts in ``seeds/`` cost
    one ``lstat`` each.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._parents: dict[Path, bool] = {}

    def contains(self, path: Path) -> bool:
        if path.name in ("", ".", ".."):
            return _inside(path, self.directory)
        parent = path.parent
        inside = self._parents.get(parent)
        if inside is None:
            inside = self._parents[parent] = _inside(parent, self.directory)
        if not inside:
            return False
        if not os.path.islink(path):  # False for a missing path or a NUL in it
            return True  # a plain entry of a directory inside
        return _inside(path, self.directory)


def _inside(path: Path, directory: Path) -> bool:
    try:
        real = path.resolve()
    # RuntimeError: a symlink loop before Python 3.13; ValueError: a NUL in the path.
    except (OSError, RuntimeError, ValueError):
        return False
    return real.is_relative_to(directory)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"  # a door, a whiteout: whatever it is, it is not read


def _check(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise Refused(f"is {_kind(mode)}; expected a regular file")


def _too_big(limit: int, size: int | None = None) -> Refused:
    known = f" ({describe_size(size)})" if size is not None else ""
    return Refused(
        f"is larger than the limit of {describe_size(limit)}{known}; "
        f"expected a smaller file, or {RAISE_HINT}"
    )


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`Refused` for anything else, and OSError when it cannot be read.
    """
    # stat before open: opening a FIFO without a writer, a terminal or a tape device blocks
    # or has side effects; the fstat after open catches a file swapped in between.
    try:
        info = os.stat(path)
    except ValueError:  # a NUL in the name: no file has it
        raise Refused("holds a NUL character; expected a file name") from None
    _check(info.st_mode)
    if info.st_size > limit:
        raise _too_big(limit, info.st_size)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        _check(info.st_mode)
        chunks: list[bytes] = []
        total = 0
        while True:
            # st_size may be wrong (files in /proc say 0, a file may grow): read to the end,
            # but never more than one byte past the limit.
            want = min(max(info.st_size - total + 1, 1 << 16), limit + 1 - total)
            chunk = os.read(fd, want)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(limit)
    finally:
        os.close(fd)


def list_toml(directory: Path) -> list[Path]:
    """The ``*.toml`` entries of ``directory``, sorted; OSError when it cannot be listed.

    Unlike ``Path.glob``, which silently yields nothing for a directory it may not read.
    """
    return [directory / name for name in toml_names(directory)]


def toml_names(directory: Path) -> list[str]:
    """The names of :func:`list_toml`, without a path object each."""
    with os.scandir(directory) as entries:
        return sorted(entry.name for entry in entries if entry.name.endswith(".toml"))


def list_texts(directory: Path) -> list[str]:
    """The names of the ``*.txt`` files in ``directory`` (symlinks followed), sorted;
    OSError when it cannot be listed. As ``Path.glob("*.txt")`` with ``is_file()``, without
    a path object and a system call for each entry."""
    with os.scandir(directory) as entries:
        return sorted(e.name for e in entries if e.name.endswith(".txt") and e.is_file())
