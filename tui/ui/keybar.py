"""The bottom line: the keys that work now, from the same bindings as everything else.

Textual's ``Footer`` recomposes itself, one widget per key, every time focus moves: a pane
switch then restyled a few hundred nodes and cost several list moves. This bar is one line
of text, rebuilt only when the keys it shows change.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui.ui.commands import COMMANDS


class KeyBar(Widget):
    """Shows the active bindings with ``show=True``; the palette key sits at the right."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._right = Content("")
        self._targets: list[tuple[int, int, str, DOMNode]] = []  # cells, action, namespace

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        palette_key = self.app.COMMAND_PALETTE_BINDING
        typing = isinstance(screen.focused, Input)
        shown: dict[str, tuple[Binding, bool, DOMNode]] = {}
        palette: tuple[Binding, bool] | None = None
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if key == palette_key:
                palette = (binding, enabled)
            elif typing and _typed_into_a_field(key):
                continue  # a filter line takes it as text (Backspace), whatever it is bound to
            elif binding.show and binding.action not in shown:
                if binding.key_display and (binding.action, key) not in FIRST_KEYS:
                    # Reached by another of its keys (Backspace, while Esc clears a filter):
                    # name that key, not the first one, which does something else now.
                    binding = replace(binding, key_display=None)
                shown[binding.action] = (binding, enabled, node)
        parts: list[Content] = []
        targets: list[tuple[int, int, str, DOMNode]] = []
        position = 0
        for binding, enabled, node in shown.values():
            part = self._key(binding, enabled)
            targets.append((position, position + part.cell_length, binding.action, node))
            position += part.cell_length
            parts.append(part)
        content = Content("").join(parts)
        right = self._key(palette[0], palette[1]) if palette else Content("")
        if (content, right) != (self._content, self._right):
            self._content, self._right, self._targets = content, right, targets
            self.refresh()

    def _key(self, binding: Binding, enabled: bool) -> Content:
        key = self.app.get_key_display(binding)
        dim = "" if enabled else " dim"
        return Content.assemble(
            (f" {key}", f"bold{dim}"), (f" {binding.description} ", dim.strip())
        )

    def render(self) -> Content:
        width = self.size.width
        right = self._right
        room = width - right.cell_length
        left = self._content
        if left.cell_length > room:
            left = left.truncate(max(0, room), ellipsis=True)
        gap = max(0, room - left.cell_length)
        return Content.assemble(left, " " * gap, right)

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._targets:
            if start <= event.x < end:
                await self.app.run_action(action, node)
                return
        if event.x >= self.size.width - self._right.cell_length and self._right:
            self.app.action_command_palette()


_EDITING = {"backspace", "delete", "left", "right", "home", "end", "space", "slash"}


def _typed_into_a_field(key: str) -> bool:
    character = key_to_character(key)
    return key in _EDITING or (character is not None and character.isprintable())


# The key each command is shown by (its first): another of its keys is named as it is.
FIRST_KEYS = {(command.action, command.keys.split(",")[0]) for command in COMMANDS}
