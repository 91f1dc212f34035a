"""Environment defaults for Textual, applied before Textual is imported.

Animations are off unless asked for: over SSH they cost about thirty times the bytes of the
change they animate. Frames may be composed up to 120 times a second (Textual's default is
60): an update that takes two hops of messages then reaches the screen in about 25 ms
instead of 50, and since a frame carries only what changed, no extra bytes are sent.
Anything the user has set in the environment wins.
"""

from __future__ import annotations

import os


def apply(animations: bool = False) -> None:
    if not animations:
        os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    os.environ.setdefault("TEXTUAL_FPS", "120")
