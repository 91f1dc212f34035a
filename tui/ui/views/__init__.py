"""Analyst views over the whole corpus, each a screen opened over the explorer.

``VIEWS`` names every view; the explorer opens one by name (``open_view('timeline')``), and
its history reopens it by name with its :class:`~tui.ui.views.base.ViewState`. A new view
(related events, who said what) is a :class:`~tui.ui.views.base.ViewScreen` subclass added
here and a command in ``tui.ui.commands``.
"""

from __future__ import annotations

from tui.ui.views.base import ViewChoice, ViewScreen, ViewState
from tui.ui.views.disagreements import DisagreementsView
from tui.ui.views.search import SearchView
from tui.ui.views.timeline import TimelineView

VIEWS: dict[str, type[ViewScreen]] = {
    SearchView.name_: SearchView,
    TimelineView.name_: TimelineView,
    DisagreementsView.name_: DisagreementsView,
}

__all__ = ["VIEWS", "ViewChoice", "ViewScreen", "ViewState"]
