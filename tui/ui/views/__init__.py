"""Analyst views over the whole corpus, each a screen opened over the explorer.

``VIEWS`` names every view; the explorer opens one by name (``open_view('timeline')``), and
its history reopens it by name with its :class:`~tui.ui.views.base.ViewState`. A new view is
a :class:`~tui.ui.views.base.ViewScreen` subclass added here and a command in
``tui.ui.commands``.
"""

from __future__ import annotations

from tui.ui.views.base import ViewChoice, ViewScreen, ViewState
from tui.ui.views.disagreements import DisagreementsView
from tui.ui.views.related import RelatedView
from tui.ui.views.sayings import SayingsView
from tui.ui.views.search import SearchView
from tui.ui.views.timeline import TimelineView

VIEWS: dict[str, type[ViewScreen]] = {
    SearchView.name_: SearchView,
    TimelineView.name_: TimelineView,
    DisagreementsView.name_: DisagreementsView,
    SayingsView.name_: SayingsView,
    RelatedView.name_: RelatedView,
}

__all__ = ["VIEWS", "ViewChoice", "ViewScreen", "ViewState"]
