"""How a long load tells its caller how far it has got, without knowing who is listening.

A :data:`Progress` is a plain callable taking a phase, the items done and the items in all
(0 when the phase has no count). The loader calls it from whatever thread it runs in; a user
interface that shows it must hand it over to its own thread (the explorer's loading screen
keeps only the latest report and draws it on its own timer). Phases, in the order a cold
start meets them: ``CACHE`` (looking for a cached corpus), ``READING`` (fact files,
counted), ``CHECKING`` (resolving references and anchoring quotes), ``SAVING`` (writing
the cache).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]

CACHE = "cache"
READING = "reading"
CHECKING = "checking"
SAVING = "saving"


def silent(phase: str, done: int, total: int) -> None:
    """The default: nobody is listening."""
