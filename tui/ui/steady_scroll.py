"""A ScrollView whose scrollbars are refreshed only when what they show changes."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollView(ScrollView):
    """On every layout Textual's compositor hands a ScrollView its viewport as its virtual
    size; ScrollView compares that with its real virtual size, finds them different and
    refreshes its scrollbars, which draws every line of the view beneath them again. With
    three scroll views on screen, any layout (a new fact's detail, another article's header)
    redrew most of the screen. Here the scrollbars are brought up to date only when the view's
    size, its virtual size or its container's size changed since they last were."""

    _scrolled_for: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        seen = (size, self.virtual_size, container_size)
        if seen == self._scrolled_for:
            return False
        self._scrolled_for = seen
        return super()._size_updated(size, virtual_size, container_size, layout)
