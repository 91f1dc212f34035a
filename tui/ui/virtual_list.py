"""A keyboard list that renders only the rows on screen.

An entity can have thousands of facts; an ``OptionList`` measures and lays out every option
whenever its options change, so the cost of a keystroke would grow with the corpus. Here
rows have a fixed height and are rendered (and cached) only when they scroll into view, so
setting 10,000 rows or moving the cursor costs the same as with ten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style as RichStyle
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual.style import Style

from tui.ui.commands import bindings
from tui.ui.steady_scroll import SteadyScrollView

RenderRow = Callable[[str], Content]


HEADING = "heading:"  # a row id that starts so is a heading, shown but never selected


# In a row's line, the part after this mark is kept whole when the line is cut to the width
# (an entity's count, say); the mark is drawn as a space.
KEEP = "\t"


def is_heading(row_id: str) -> bool:
    return row_id.startswith(HEADING)


class VirtualList(SteadyScrollView, can_focus=True):
    """Rows are ids; an id starting with ``heading:`` is a heading that the cursor skips."""

    BINDINGS = bindings("list")
    COMPONENT_CLASSES = {"virtual-list--cursor", "virtual-list--heading", "virtual-list--empty"}
    DEFAULT_CSS = """
    VirtualList {
        background: transparent;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;  /* rows are cut to the width with an ellipsis, never scrolled */
        /* Without focus the cursor is underlined as well as tinted: with NO_COLOR the tint
           is grey on grey, and the selection must still show. */
        & > .virtual-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: underline;
        }
        &:focus > .virtual-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-list--heading {
            text-style: bold;
            color: $text-muted;
        }
        & > .virtual-list--empty {
            text-style: italic;
            color: $text-muted;
        }
    }
    """

    cursor: var[int | None] = var(None, init=False)

    class Moved(Message):
        """The user moved the cursor onto ``row_id``."""

        def __init__(self, row_id: str) -> None:
            self.row_id = row_id
            super().__init__()

    class Chosen(Message):
        """The user chose ``row_id`` (Enter or a click)."""

        def __init__(self, row_id: str) -> None:
            self.row_id = row_id
            super().__init__()

    def __init__(self, render_row: RenderRow, *, row_height: int = 1, id: str | None = None):
        super().__init__(id=id)
        self._render_row = render_row
        self.row_height = row_height
        self._rows: Sequence[str] = []
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        self._unpainted: set[int] = set()  # rows whose cursor change is not yet painted
        self._lines_of: tuple[str | None, list[Content]] = (None, [])  # the last row drawn
        self._empty = Content("")  # said in place of the rows when there are none

    # -- rows -----------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return [r for r in self._rows if not is_heading(r)]

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_id(self) -> str | None:
        return self._rows[self.cursor] if self.cursor is not None else None

    def set_rows(self, rows: Sequence[str], empty: Content | None = None) -> None:
        """Replace the rows, keeping the cursor on the same id when it is still there.

        ``rows`` is kept as given, not copied (the caller leaves it as it is): a view's rows
        may be hundreds of thousands, made one at a time as they are shown. ``empty`` says
        why there are none, when there are none (a filter that matches nothing): a blank
        pane would look like a list still loading, or broken."""
        keep = self.highlighted_id
        self._rows = rows
        self._empty = empty or Content("")
        self._forget()
        self.virtual_size = Size(self._width(), len(self._rows) * self.row_height)
        self.set_reactive(VirtualList.cursor, self._find(keep))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_cursor()
        self.refresh()

    def _find(self, row_id: str | None) -> int | None:
        """Where ``row_id`` is (a heading is never found). The cursor's own row is asked for
        after every move; any other is looked for by the rows' own ``index`` (in C for a list;
        a view's computed rows find it from the id)."""
        if row_id is None or is_heading(row_id):
            return None
        cursor = self.cursor
        if cursor is not None and cursor < len(self._rows) and self._rows[cursor] == row_id:
            return cursor
        try:
            return self._rows.index(row_id)
        except ValueError:
            return None

    def highlight_id(self, row_id: str | None) -> None:
        """Put the cursor on ``row_id`` without announcing it as the user's move.

        The owner also calls this to confirm a move the user made, which paints it."""
        index = self._find(row_id)
        if index is None:
            return
        if index != self.cursor:
            self._set_cursor(index)
        self._paint_cursor()

    def _set_cursor(self, index: int) -> None:
        if self.cursor is not None:
            self._unpainted.add(self.cursor)
        self._unpainted.add(index)
        self.set_reactive(VirtualList.cursor, index)

    def _move_to(self, index: int | None) -> None:
        if index is None or index == self.cursor:
            return
        # Painting the cursor now would send a frame with only the cursor moved, and the
        # linked panes would follow a frame or two later. It is painted when the owner
        # confirms the move (highlight_id), so one frame carries the whole change; a short
        # timer paints it anyway if no confirmation comes.
        self._set_cursor(index)
        self.post_message(self.Moved(self._rows[index]))
        self.set_timer(0.05, self._paint_cursor)

    def _paint_cursor(self) -> None:
        if self._unpainted:
            rows = tuple(self._unpainted)
            self._unpainted.clear()
            self._scroll_to_cursor()
            self._refresh_rows(*rows)

    def _refresh_rows(self, *indexes: int | None) -> None:
        """Repaint just these rows: a cursor move touches two rows, not the whole list."""
        for index in indexes:
            if index is not None:
                self.refresh_lines(index * self.row_height, self.row_height)

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None:
            return
        top = self.cursor * self.row_height
        height = max(1, self.scrollable_content_region.height)
        if top < self.scroll_offset.y:
            # Up to the cursor, with the headings just above it when they fit: `g` shows
            # the first heading, not only the first row under it.
            first = self.cursor
            while first > 0 and is_heading(self._rows[first - 1]):
                first -= 1
            above = first * self.row_height
            fits = top + self.row_height - above <= height
            self.scroll_to(y=above if fits else top, animate=False, immediate=True)
        elif top + self.row_height > self.scroll_offset.y + height:
            self.scroll_to(y=top + self.row_height - height, animate=False, immediate=True)

    def _selectable(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self._rows):
            if not is_heading(self._rows[index]):
                return index
            index += step
        return None

    # -- keys and mouse -------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        start = 0 if self.cursor is None else self.cursor + 1
        self._move_to(self._selectable(start, 1))

    def action_cursor_up(self) -> None:
        if self.cursor is None:
            self._move_to(self._selectable(0, 1))
        else:
            self._move_to(self._selectable(self.cursor - 1, -1))

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height)
        current = self.cursor or 0
        target = max(0, min(len(self._rows) - 1, current + direction * rows))
        self._move_to(self._selectable(target, direction) or self._selectable(target, -direction))

    def action_edge(self, end: int) -> None:
        if end:
            self._move_to(self._selectable(len(self._rows) - 1, -1))
        else:
            self._move_to(self._selectable(0, 1))

    def action_first(self) -> None:
        self.action_edge(0)

    def action_last(self) -> None:
        self.action_edge(-1)

    def action_page_down(self) -> None:
        self.action_page(1)

    def action_page_up(self) -> None:
        self.action_page(-1)

    def action_half_page_down(self) -> None:
        self._step_rows(1, 2)

    def action_half_page_up(self) -> None:
        self._step_rows(-1, 2)

    def _step_rows(self, direction: int, fraction: int) -> None:
        """Move a ``1/fraction`` of the visible rows (at least one), as vim's Ctrl+D does."""
        visible = max(1, self.scrollable_content_region.height // self.row_height)
        rows = max(1, visible // fraction)
        current = self.cursor or 0
        target = max(0, min(len(self._rows) - 1, current + direction * rows))
        self._move_to(self._selectable(target, direction) or self._selectable(target, -direction))

    def action_select(self) -> None:
        if self.cursor is None:
            self.action_cursor_down()  # Enter can arrive before the focus event is handled
        row_id = self.highlighted_id
        if row_id is not None:
            self.post_message(self.Chosen(row_id))

    def on_blur(self) -> None:
        self._forget()  # the cursor row has a different style without focus
        self.refresh()

    def on_focus(self) -> None:
        self._forget()
        self.refresh()
        if self.cursor is None:
            self.action_cursor_down()  # arriving in a list selects its first item

    def on_click(self, event: events.Click) -> None:
        index = (self.scroll_offset.y + event.y) // self.row_height
        if 0 <= index < len(self._rows) and not is_heading(self._rows[index]):
            self._move_to(index)
            self.action_select()

    # -- rendering ------------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width(), len(self._rows) * self.row_height)
        self._forget()
        # A list given its cursor before it had a size (a view reopened on its row by
        # Backspace) could not scroll to it then: it does now.
        self.call_after_refresh(self._scroll_to_cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, offset = divmod(line, self.row_height)
        base = self.rich_style
        if index >= len(self._rows):
            if not self._rows and self._empty:
                said = self._empty.wrap(max(1, width))  # a narrow pane says all of it
                if line < len(said):
                    style = base + self.get_component_rich_style("virtual-list--empty")
                    return self._strip(said[line], width, style)
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, offset, selected)
        strip = self._cache.get(key)
        if strip is None:
            if len(self._cache) > 4096:
                self._forget()
            strip = self._cache[key] = self._render_row_line(index, offset, selected, width, base)
        return strip

    def _forget(self) -> None:
        """Draw every row again: the rows, the width or the style changed."""
        self._cache.clear()
        self._lines_of = (None, [])

    def _row_lines(self, row_id: str) -> list[Content]:
        """A row's lines, drawn once for all of them: a row of a view is up to five lines,
        and each line is asked for on its own."""
        if self._lines_of[0] != row_id:
            self._lines_of = (row_id, self._render_row(row_id).split("\n"))
        return self._lines_of[1]

    def _render_row_line(
        self, index: int, offset: int, selected: bool, width: int, base: RichStyle
    ) -> Strip:
        row_id = self._rows[index]
        if is_heading(row_id):
            lines = [Content(row_id.partition(":")[2])]
            base = base + self.get_component_rich_style("virtual-list--heading")
        else:
            lines = self._row_lines(row_id)
        text = lines[offset] if offset < len(lines) else Content("")
        if selected:
            base = base + self.get_component_rich_style("virtual-list--cursor")
        return self._strip(text, width, base)

    @staticmethod
    def _strip(text: Content, width: int, base: RichStyle) -> Strip:
        at = text.plain.rfind(KEEP)
        if at >= 0:  # what follows the mark is kept whole: the name is cut before its count
            left, _mark, right = text.divide([at, at + 1])
            room = width - right.cell_length - 1
            if left.cell_length > room:
                left = left.truncate(max(1, room), ellipsis=True)
            text = Content.assemble(left, " ", right)
        if text.cell_length > width:
            text = text.truncate(max(1, width), ellipsis=True)
        segments = text.render_segments(Style.from_rich_style(base))
        return Strip(segments).crop_extend(0, width, base)
