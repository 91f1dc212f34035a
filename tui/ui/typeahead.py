"""Keys typed ahead are handled one at a time, in order, by the pane that has focus.

Textual hands a key to the widget focused when the key is read, and resolves the key's
binding only when the key has bubbled back up to the app. Keys that arrive together (over SSH
they often do) are therefore all handed to the pane that was focused before the first one
acted: ``Tab Enter`` presses Enter in the pane that Tab left, and ``Enter Ctrl+P`` lets the
palette see the Enter. Here the app holds each key until the previous one has finished: it
has passed every node it bubbles through, its action has run, and a screen it opened or
closed has settled. Only then is the next key read, so focus is always where the previous
key left it. Keys typed before the first screen is laid out wait for it, and keys typed while
the keys are held (the corpus still loading) wait for :meth:`OrderedKeysApp.release_keys`,
except those in ``PASSED_WHILE_HELD`` (quitting).
"""

from __future__ import annotations

from collections import deque
from typing import TypeVar

from textual import events
from textual.app import App
from textual.widget import Widget

ReturnType = TypeVar("ReturnType")

# A key whose relay was dropped (its widget removed mid-flight) must not block the keys behind
# it; this is the longest a key can hold the next one back.
STUCK_AFTER = 1.0
# Rounds of messages a key may set off before the next key is read anyway: a blinking
# cursor keeps a queue busy for ever.
SETTLE_ROUNDS = 12


class OrderedKeysApp(App[ReturnType]):
    """An app that reads the next key only when the previous one has been handled."""

    #: Keys handled at once even while the others are held.
    PASSED_WHILE_HELD: frozenset[str] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self._typed: deque[events.Key] = deque()
        self._in_flight: int | None = None
        self._generation = 0
        self._held = False

    def hold_keys(self) -> None:
        """Keep every key typed from now on until :meth:`release_keys`."""
        self._held = True

    async def release_keys(self) -> None:
        """Hand the held keys, in order, to the screen shown now."""
        self._held = False
        await self._next_key()

    def keys_held(self) -> int:
        """How many typed keys are waiting."""
        return len(self._typed)

    def keys_settled(self) -> bool:
        """No key is waiting or being handled."""
        return not self._typed and self._in_flight is None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held and event.key in self.PASSED_WHILE_HELD:
                await super().on_event(event)
                return
            self._typed.extend(split_escape(event))
            await self._next_key()
            return
        await super().on_event(event)
        if isinstance(event, events.Ready):
            await self._next_key()  # keys typed while the first screen was being laid out

    async def _next_key(self) -> None:
        # Textual sets _dom_ready when the first screen has been laid out (events.Ready).
        while (
            self._typed
            and self._in_flight is None
            and not self._held
            and getattr(self, "_dom_ready", True)
        ):
            event = self._typed.popleft()
            self._generation += 1
            generation = self._in_flight = self._generation
            await super().on_event(event)  # priority bindings, else on to the focused widget
            self.set_timer(STUCK_AFTER, lambda g=generation: self._finish(g))
            self._settle(generation, SETTLE_ROUNDS)

    def _settle(self, generation: int, rounds: int, app_flushed: bool = False) -> None:
        """Wait until the screen's widgets, then the app, have nothing left to handle.

        A key travels through the focused widget's queue and bubbles up to the app, whose
        binding then runs an action that posts messages of its own (focus, highlights, a
        submitted filter); each may move focus. Hopping behind every busy queue, then behind
        the app's, until none is busy, is what "the previous key has finished" means."""
        if self._in_flight != generation:
            return
        busy = [w for w in self.screen.walk_children(with_self=True) if w.message_queue_size]
        if busy and rounds > 0:
            waiting = len(busy)

            def hopped() -> None:
                nonlocal waiting
                waiting -= 1
                if not waiting:
                    self._settle(generation, rounds - 1)

            for widget in busy:
                if not widget.call_later(hopped):
                    hopped()
        elif not app_flushed:
            self.call_later(self._settle, generation, rounds, True)
        else:
            self.call_later(self._finish, generation)

    async def _finish(self, generation: int) -> None:
        if self._in_flight == generation:
            self._in_flight = None
            await self._next_key()


def split_escape(event: events.Key) -> list[events.Key]:
    """Esc and a key typed together arrive as one Alt+key; the app binds no Alt+character,
    so read them as the two keys that were typed (Esc closing a filter, then ``j``)."""
    character = event.character
    if not event.key.startswith("alt+") or not character or not character.isprintable():
        return [event]
    return [events.Key("escape", "\x1b"), events.Key(event.key[len("alt+") :], character)]


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` before the next key is read.

    ``Widget.focus`` defers the change to the app's queue, behind keys already waiting there."""
    widget.screen.set_focus(widget)
