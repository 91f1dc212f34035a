"""The list panes: entities, facts, and a fact's detail.

Panes never touch each other. They receive the selection from the screen through
``data_bind`` and tell the screen what the user did with small messages: a highlight moved
(:class:`Highlighted`) or a link was followed (:class:`Follow`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.data.accounts import account, disagreements
from tui.data.corpus import Corpus, Event
from tui.data.folding import fold
from tui.data.problem_facts import problems_by_fact
from tui.data.problems import Problem
from tui.data.rows import article_short, fact_kind, words
from tui.ui.commands import bindings
from tui.ui.text import (
    KIND_TITLES,
    chain_levels,
    how_reported,
    link_phrase,
    no_match,
    offset_words,
    plain,
    reported_in,
)
from tui.ui.typeahead import focus_now
from tui.ui.virtual_list import KEEP, VirtualList


@dataclass(frozen=True, slots=True)
class Target:
    """Something a link points at: ``kind`` is entity, fact, report or article."""

    kind: str
    id: str

    @property
    def option_id(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, option_id: str | None) -> Target | None:
        if not option_id or ":" not in option_id:
            return None
        kind, _, ident = option_id.partition(":")
        return cls(kind, ident.partition("#")[0])


class Highlighted(Message):
    """The highlight in a pane moved onto ``target``."""

    def __init__(self, pane: str, target: Target) -> None:
        self.pane = pane
        self.target = target
        super().__init__()


class Follow(Message):
    """The user followed a link to ``target`` (Enter, or a click)."""

    def __init__(self, target: Target) -> None:
        self.target = target
        super().__init__()


class NavList(OptionList):
    """An option list with vim keys; text is never parsed as markup."""

    BINDINGS = bindings("list")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def highlight_id(self, option_id: str | None, scroll: bool = True) -> None:
        """Move the highlight to ``option_id`` without announcing it as the user's move;
        without ``scroll``, the list stays where it is."""
        if option_id is None:
            return
        try:
            index = self.get_option_index(option_id)
        except OptionDoesNotExist:  # filtered out, or gone
            return
        if self.highlighted != index:
            y = self.scroll_offset.y
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index
            if not scroll:
                self.scroll_to(y=y, animate=False, immediate=True)

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()  # arriving in a list selects its first item, as users expect

    # A list stops at its ends, like the entity and fact lists: reading down a fact's detail,
    # j at the bottom must not jump back to the top.
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_half_page_down(self) -> None:
        self._half_page(1)

    def action_half_page_up(self) -> None:
        self._half_page(-1)

    def _half_page(self, direction: Literal[-1, 1]) -> None:
        """Half a screen of lines, as vim's Ctrl+D: options can be several lines high."""
        if not self.option_count:
            return
        start = self.highlighted if self.highlighted is not None else 0
        budget = max(1, self.scrollable_content_region.height // 2)
        index = start
        while 0 <= index + direction < self.option_count and budget > 0:
            index += direction
            budget -= str(self.get_option_at_index(index).prompt).count("\n") + 1
        self._step_to(index, direction)

    def _step_to(self, index: int, direction: Literal[-1, 1]) -> None:
        """Highlight ``index``, or the nearest enabled option back towards where we were."""
        options = self.options
        while 0 <= index < len(options):
            if not options[index].disabled:
                self.highlighted = index
                return
            index -= direction

    def _step(self, direction: Literal[-1, 1]) -> None:
        options = self.options
        index = (self.highlighted if self.highlighted is not None else -direction) + direction
        while 0 <= index < len(options):
            if not options[index].disabled:
                self.highlighted = index
                return
            index += direction


class DetailList(NavList):
    """The detail's lines; Enter follows the highlighted link."""

    BINDINGS = bindings("detail")

    def on_show(self, event: events.Show) -> None:  # type: ignore[override]
        # OptionList scrolls to its highlight when shown; a fact is read from its title.
        # (Textual passes the event to a handler that takes one; stopping the default here
        # skips OptionList's handler.)
        event.prevent_default()


class ListPane(Vertical):
    """A titled list with a filter line that `/` opens."""

    BINDINGS = bindings("filter")

    filter_text: var[str] = var("")
    name_: str = "list"

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.corpus = corpus

    def make_list(self) -> VirtualList | NavList:
        return VirtualList(self.render_row, row_height=1, id=f"{self.id}-list")

    def render_row(self, row_id: str) -> Content:
        return plain(row_id)

    def compose(self) -> ComposeResult:
        # `/` again refines the kept filter, as typing more would: nothing is selected.
        yield Input(placeholder="filter…", classes="filter", compact=True, select_on_focus=False)
        yield self.make_list()

    @property
    def list(self) -> VirtualList | NavList:
        return self.query_one(f"#{self.id}-list", Widget)  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.query_one(Input).display = False
        self.rebuild()

    def start_filter(self) -> None:
        field = self.query_one(Input)
        field.display = True
        focus_now(field)

    def clear_filter(self) -> None:
        field = self.query_one(Input)
        field.value = ""
        field.display = False
        focus_now(self.list)

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.query_one(Input).display = False
        focus_now(self.list)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # Esc is offered only while there is a filter to clear
            return bool(self.query_one(Input).display or self.filter_text)
        return True

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def action_leave_filter(self) -> None:
        focus_now(self.list)  # ↓ reaches the pane only from the filter line: the list takes it

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.rebuild()

    def matches(self, *texts: str) -> bool:
        query = fold(self.filter_text).strip()
        return not query or any(query in fold(t) for t in texts)

    def rebuild(self) -> None:
        raise NotImplementedError

    def _announce(self, row_id: str | None, follow: bool) -> None:
        target = Target.parse(row_id)
        if target is not None:
            self.post_message(Follow(target) if follow else Highlighted(self.name_, target))

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()
        self._announce(event.row_id, follow=False)

    @on(VirtualList.Chosen)
    def _chosen(self, event: VirtualList.Chosen) -> None:
        event.stop()
        self._announce(event.row_id, follow=True)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._announce(event.option.id, follow=False)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen(event.option.id, event.option_index)

    def chosen(self, option_id: str | None, index: int) -> None:
        """Enter on an option: follow where it leads."""
        self._announce(option_id, follow=True)


class EntityPane(ListPane):
    """Every entity, grouped by kind, with how many facts involve it."""

    name_ = "entities"
    entity_id: var[str | None] = var(None)

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(corpus, id=id)
        self._rows: dict[str, Content] = {}

    def on_mount(self) -> None:
        # Textual calls ListPane.on_mount as well (a handler of each class in the MRO):
        # calling it here too would list every entity twice.
        self.border_title = Content("Entities")

    def render_row(self, row_id: str) -> Content:
        # Kept: each letter of a filter draws the rows on screen again, and a row is two
        # questions to the index (the name, the count) that never change.
        row = self._rows.get(row_id)
        if row is None:
            entity_id = row_id.partition(":")[2]
            count = self.corpus.fact_count(entity_id)
            name = plain(self.corpus.entity_name(entity_id))
            row = self._rows[row_id] = Content.assemble(name, KEEP, (str(count), "dim"))
        return row

    def rebuild(self) -> None:
        # The most connected first: in a story about Putin, Putin leads the people.
        by_kind = self.corpus.entities_by_kind(self.filter_text)
        rows: list[str] = []
        for kind, title in KIND_TITLES.items():
            ids = by_kind.get(kind, ())
            if ids:
                rows.append(f"heading:{title} ({len(ids)})")
                rows += ["entity:" + entity_id for entity_id in ids]  # Target.option_id
        lst = self.list
        assert isinstance(lst, VirtualList)
        lst.set_rows(rows, no_match("entity", self.filter_text) if self.filter_text else None)
        self.border_subtitle = plain(f"/{self.filter_text}") if self.filter_text else None
        if self.entity_id:
            lst.highlight_id(Target("entity", self.entity_id).option_id)
        if lst.cursor is None and lst.row_count:
            lst.action_cursor_down()  # announces the first entity, so the facts pane has content

    def watch_entity_id(self, entity_id: str | None) -> None:
        if self.is_mounted and entity_id:
            self.list.highlight_id(Target("entity", entity_id).option_id)


@dataclass(frozen=True, slots=True)
class FactsView:
    """What the facts pane lists, set as one value so the pane never sees half an update."""

    title: str = "Facts"
    fact_ids: tuple[str, ...] = ()
    entity_id: str | None = None
    article_id: str | None = None


class FactPane(ListPane):
    """The events and relations of the selection, oldest first."""

    name_ = "facts"
    view: var[FactsView] = var(FactsView)
    fact_id: var[str | None] = var(None)

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(corpus, id=id)
        # A row depends on the fact and on whose roles it shows; the corpus never changes,
        # so a row is worked out once (a popular fact has hundreds of reports to summarise).
        self._rows: dict[tuple[str, str | None], Content] = {}
        # The last filter and the positions in the view's facts it kept: a longer filter
        # only narrows them. The texts a filter looks in, read once per view.
        self._narrowed: tuple[FactsView | None, str, Sequence[int]] = (None, "", ())
        self._texts: tuple[FactsView | None, list[str | None]] = (None, [])
        self._count = ""  # the title's "(n)" or "(kept/n)"

    def make_list(self) -> VirtualList:
        return VirtualList(self.render_row, row_height=2, id=f"{self.id}-list")

    def on_resize(self) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """The title cut short rather than its count: the count says what the list holds."""
        room = self.size.width - 4 - len(self._count)  # the corners and the spaces beside
        title = plain(self.view.title)
        if self.size.width and title.cell_length > room:
            # The pane says it lists facts: in a narrow one, the rest of the title matters more.
            short = self.view.title.removeprefix("Facts · ").removeprefix("Facts ")
            short = short[:1].upper() + short[1:]  # "Citing sentence 2"
            title = plain(short).truncate(max(1, room), ellipsis=True)
        self.border_title = Content.assemble(title, self._count)

    def render_row(self, row_id: str) -> Content:
        key = (row_id, self.view.entity_id)
        row = self._rows.get(key)
        if row is None:
            if len(self._rows) > 20_000:
                self._rows.clear()
            row = self._rows[key] = self._render_row(row_id)
        return row

    def _render_row(self, row_id: str) -> Content:
        corpus = self.corpus
        fact_id = row_id.partition(":")[2]
        fact = corpus.fact(fact_id)
        if fact is None:
            return plain(fact_id)
        row = corpus.fact_row(fact)
        return Content.assemble(
            (row.marker, "bold"),
            plain(row.label),
            "\n",
            plain("  " + row.details(corpus.roles(fact, self.view.entity_id)), "dim"),
        )

    def rebuild(self) -> None:
        view = self.view
        ids = self._filtered() if self.filter_text else view.fact_ids
        lst = self.list
        assert isinstance(lst, VirtualList)
        empty = no_match("fact", self.filter_text) if self.filter_text else Content("No facts.")
        lst.set_rows(["fact:" + f for f in ids], empty)  # Target.option_id
        total = len(view.fact_ids)
        self._count = f" ({len(ids)}/{total})" if self.filter_text else f" ({total})"
        self._fit_title()
        self.border_subtitle = plain(f"/{self.filter_text}") if self.filter_text else None
        if self.fact_id:
            lst.highlight_id(Target("fact", self.fact_id).option_id)

    def _filtered(self) -> list[str]:
        """The view's facts whose row holds the filter: what the row shows (type, roles,
        date, status, articles) is what a filter finds."""
        view = self.view
        query = fold(self.filter_text).strip()
        if self._texts[0] != view:
            self._texts = (view, self.corpus.fact_texts(view.fact_ids, view.entity_id))
        texts = self._texts[1]
        last_view, last_query, among = self._narrowed
        if not (last_view == view and last_query and query.startswith(last_query)):
            among = range(len(texts))
        kept = [n for n in among if (text := texts[n]) is not None and query in text]
        self._narrowed = (view, query, kept)
        return [view.fact_ids[n] for n in kept]

    def listed(self) -> tuple[tuple[str, ...], str]:
        """The facts the list shows now (the view's, narrowed by the filter) and its title."""
        view = self.view
        if not self.filter_text:
            return view.fact_ids, view.title
        return tuple(self._filtered()), f"{view.title} /{self.filter_text}"

    def watch_view(self) -> None:
        if self.is_mounted:
            self.rebuild()

    def watch_fact_id(self, fact_id: str | None) -> None:
        if self.is_mounted and fact_id:
            self.list.highlight_id(Target("fact", fact_id).option_id)


MORE_REPORTS = "more:reports"


class DetailPane(ListPane):
    """One fact in full: participants, time, epistemics, attribution, every article's words."""

    name_ = "detail"
    fact_id: var[str | None] = var(None)
    report_id: var[str | None] = var(None)
    _problems: dict[str, list[Problem]] | None = None
    # Reports shown at first; a fact reported by thousands of articles shows a page at a time
    # (each report is a wrapped block of quotes: laying out thousands is seconds).
    REPORTS_PAGE = 100
    _shown = REPORTS_PAGE
    _listed: set[str] = set()  # the reports the detail lists now

    def _broken(self) -> dict[str, list[Problem]]:
        """The corpus's problems by the fact they are about, found on first need."""
        if self._problems is None:
            self._problems = problems_by_fact(self.corpus) if self.corpus.problems else {}
        return self._problems

    def make_list(self) -> DetailList:
        return DetailList(id=f"{self.id}-list")

    @property
    def options(self) -> NavList:
        lst = self.list
        assert isinstance(lst, NavList)
        return lst

    def rebuild(self) -> None:
        corpus = self.corpus
        fact = corpus.fact(self.fact_id) if self.fact_id else None
        options: list[Option] = []
        if fact is None:
            self.options.set_options(
                [Option(Content("Select a fact to see its detail."), disabled=True)]
            )
            self.border_title = Content("Detail")
            return

        def heading(text: str) -> None:
            options.append(Option(Content.assemble((text, "bold")), disabled=True))

        used: set[str] = set()

        def link(target: Target, label: Content) -> None:
            if not self.matches(label.plain):
                return
            option_id = target.option_id
            while option_id in used:  # one entity can be linked twice: speaker and source
                option_id += "#"
            used.add(option_id)
            options.append(Option(label, id=option_id))

        def entity(entity_id: str, role: str) -> None:
            link(
                Target("entity", entity_id),
                Content.assemble(
                    (f"{role}: ", "dim"), plain(corpus.entity_name(entity_id), "underline")
                ),
            )

        title = Content.assemble(
            (f"{fact_kind(fact).capitalize()}: ", "bold"), plain(corpus.label(fact), "bold")
        )
        options.append(Option(title, disabled=True))
        reports = corpus.fact_reports(fact.id)
        when = account(corpus, fact.id, "time")
        if when.single is not None:
            # The most precise time the articles give, with the words that give it.
            report = next(
                r for r in reports if r.time and r.time.value and r.time.value.value == when.single
            )
            assert report.time is not None and report.time.value is not None
            options.append(
                Option(
                    Content.assemble(
                        ("when: ", "dim"),
                        (f"{when.single} ({report.time.value.precision}) ", "bold"),
                        plain(
                            f"“{report.time.phrase}”, {article_short(corpus, report.article_id)}"
                        ),
                    ),
                    disabled=True,
                )
            )
        for differing in disagreements(corpus, fact.id):
            heading(f"≠ the reports differ on {differing.aspect}:")
            for variant in differing.variants:
                sources = ", ".join(article_short(corpus, a) for a in variant.article_ids)
                line = Content.assemble(
                    ("  ", ""), (words(variant.value), "bold"), ("  ", ""), plain(sources)
                )
                options.append(Option(line, disabled=True))
        if isinstance(fact, Event):
            for participant in fact.participants:
                entity(participant.entity_id, words(participant.role))
            if fact.place and fact.place not in {p.entity_id for p in fact.participants}:
                entity(fact.place, "place")
        else:
            entity(fact.subject, "subject")
            entity(fact.object, "object")
            predicate = ("not " if fact.negated else "") + words(fact.predicate)
            options.append(
                Option(Content.assemble(("predicate: ", "dim"), predicate), disabled=True)
            )
            for key, value in fact.qualifiers:
                options.append(
                    Option(
                        Content.assemble(plain(f"{words(key)}: ", "dim"), plain(str(value))),
                        disabled=True,
                    )
                )
        links = [corpus.links[k] for k in corpus.links_by_fact.get(fact.id, ())]
        if links:
            heading(f"Linked events and relations ({len(links)})")
        for item in links:
            outgoing = item.source == fact.id
            other = corpus.fact(item.target if outgoing else item.source)
            if other is None:
                continue
            text = corpus.articles[item.article_id].text
            quote = " … ".join(f"“{text[q.start : q.end]}”" for q in item.quotes)
            link(
                Target("fact", other.id),
                Content.assemble(
                    (f"{link_phrase(item.type, outgoing)}: ", "dim"),
                    plain(corpus.label(other), "underline"),
                    "\n",
                    plain(f"{quote} — {article_short(corpus, item.article_id)}", "italic"),
                ),
            )
        heading(reported_in(corpus, reports))
        broken = self._broken().get(fact.id, [])
        if broken:
            # A report the loader refused is not listed: say so rather than show fewer.
            count = len(broken)
            options.append(
                Option(
                    Content.assemble(
                        (f"⚠ {count} problem{'s' * (count != 1)} with this fact", "bold reverse"),
                        " — a report may be missing (press !): ",
                        plain(f"line {broken[0].line}: {broken[0].message}"),
                    ),
                    disabled=True,
                )
            )
        shown = reports
        if not self.filter_text and len(reports) > self._shown:
            wanted = next(
                (n + 1 for n, r in enumerate(reports) if r.id == self.report_id), self._shown
            )
            shown = reports[: max(self._shown, wanted)]
        self._listed = {r.id for r in shown}
        for report in shown:
            article = corpus.articles[report.article_id]
            text = article.text
            parts: list[Content | str | tuple[str, str]] = [
                plain(article_short(corpus, article.id), "bold"),
                (f" · {article.published.describe()}", "dim"),
                "\n",
                (how_reported(report), "italic"),
            ]
            if report.time:
                time = report.time
                role = "" if time.role == "point" else f", its {time.role}"
                parts += ["\n", ("time: ", "dim"), plain(f"“{time.phrase}”")]
                if time.value is not None:
                    parts.append(f" → {time.value.value} ({time.value.precision}{role})")
                if time.anchor is not None:
                    parts += [
                        "\n",
                        (f"{offset_words(time.offset)}: ", "dim"),
                        plain(corpus.label_of(time.anchor)),
                    ]
                if time.basis:
                    parts += ["\n", ("inferred by the curator: ", "dim"), plain(time.basis)]
            if report.sources:
                # The chain from the article inwards; a first source that is the publisher
                # itself (TASS reporting what TASS says) is named once.
                parts += ["\n", ("said by: ", "dim")]
                if report.sources[0].entity_id != article.publisher_id:
                    parts += [plain(article_short(corpus, article.id)), "\n", ("  ← ", "dim")]
                for n, (who, cue, how) in enumerate(chain_levels(corpus, report)):
                    if n:
                        parts += ["\n", ("  ← ", "dim")]
                    parts += [plain(who, "bold"), " ", plain(cue)]
                    if how:
                        parts += [(f" ({how})", "dim")]
            for entity_id, role in report.participants:
                parts += [
                    "\n",
                    ("adds ", "dim"),
                    (f"{words(role)}: ", "dim"),
                    plain(corpus.entity_name(entity_id)),
                ]
            for name, value in report.qualifiers:
                parts += ["\n", (f"{words(name)}: ", "dim"), plain(str(value))]
            for span in report.quotes:
                parts += ["\n", plain(f"“{text[span.start : span.end]}”")]
            if report.note:
                parts += ["\n", ("note: ", "dim"), plain(report.note)]
            link(Target("report", report.id), Content.assemble(*parts))
            for source in report.according_to:
                entity(source, "  source")
            for entity_id, role in report.participants:
                entity(entity_id, f"  {words(role)}")
            if report.time is not None and report.time.anchor is not None:
                anchor = report.time.anchor
                link(
                    Target("fact", anchor),
                    Content.assemble(
                        (f"  {offset_words(report.time.offset)}: ", "dim"),
                        plain(corpus.label_of(anchor), "underline"),
                    ),
                )
        if len(shown) < len(reports):
            more = min(self.REPORTS_PAGE, len(reports) - len(shown))
            label = f"{len(reports) - len(shown):,} more reports: Enter shows the next {more}"
            options.append(Option(Content.assemble((label, "bold")), id=MORE_REPORTS))
        self.options.set_options(options)
        self.border_title = Content("Detail")
        self.border_subtitle = plain(fact.id)
        # A fact is read from its title down; its report's evidence is in the article.
        self.options.scroll_to(y=0, animate=False, immediate=True)
        if self.report_id:
            self.options.highlight_id(Target("report", self.report_id).option_id, scroll=False)

    def watch_fact_id(self) -> None:
        self._shown = self.REPORTS_PAGE
        if self.is_mounted:
            self.rebuild()

    def chosen(self, option_id: str | None, index: int) -> None:
        if option_id != MORE_REPORTS:
            super().chosen(option_id, index)
            return
        self._shown += self.REPORTS_PAGE
        self.rebuild()
        self.options.highlighted = index  # the first of the reports just shown
        self.options.scroll_to_highlight()

    def watch_report_id(self, report_id: str | None) -> None:
        if self.is_mounted and report_id:
            if report_id not in self._listed:
                self.rebuild()  # beyond the reports shown so far: shown with the rest before it
            self.options.highlight_id(Target("report", report_id).option_id, scroll=False)
