"""Where diplo-tui keeps what it can rebuild: ``$XDG_CACHE_HOME/diplo-tui``.

The explorer's index (:mod:`tui.data.index`) and ``check``'s parsed fact files
(:mod:`tui.data.parsecache`) live there. The directory must be the user's own and writable
by no one else; otherwise nothing is cached and one line on stderr says why.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_warned: set[str] = set()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diplo-tui"


_pending: list[str] = []  # warnings the explorer has not shown yet


def _warn(message: str) -> None:
    """One line on stderr, once per process: a cache refused is not silent. The explorer
    (whose screen hides stderr) shows it as a notice: see :func:`take_warnings`."""
    if message not in _warned:
        _warned.add(message)
        _pending.append(message)
        print(f"diplo-tui: warning: {message}", file=sys.stderr)


def take_warnings() -> list[str]:
    """The warnings given since the last call."""
    found = _pending[:]
    _pending.clear()
    return found


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
