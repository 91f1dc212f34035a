"""Which corpus to open when the user names none."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def is_corpus(path: Path) -> bool:
    return (path / "facts").is_dir()


def bundled_corpus() -> Path:
    """The corpus shipped in the wheel, or the repository's own when run from a checkout."""
    installed = _PACKAGE / "corpus"
    return installed if is_corpus(installed) else _PACKAGE.parent


def default_corpus(cwd: Path | None = None) -> Path:
    """The working directory when it is a corpus (a curator at work), else the bundled one.

    A working directory that was deleted (``os.getcwd`` fails) is no corpus."""
    try:
        here = cwd or Path.cwd()
    except OSError:
        return bundled_corpus()
    return here if is_corpus(here) else bundled_corpus()
