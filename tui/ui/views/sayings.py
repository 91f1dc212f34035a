"""Who said what: every claim a source is cited for, with the words that cite it.

Opened from an entity (the Kremlin, Peskov, Bloomberg, "anonymous sources"), the view lists
the statements it made, then each fact it is cited for: whether it asserts or denies it,
the cue as the article words it, how committed it is, and in which article. Opened with no
entity, it lists every source with how often it is cited; Enter picks one.
"""

from __future__ import annotations

from dataclasses import replace

from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.rows import article_short
from tui.data.sayings import Saying, sayings, statements_by, what_it_says
from tui.ui.panes import Target
from tui.ui.text import plain
from tui.ui.views.base import ViewChoice, ViewScreen, ViewState


class SayingsView(ViewScreen):
    name_ = "sayings"
    view_title = "Who said what"
    row_height = 2

    def __init__(self, corpus: Corpus, state: ViewState | None = None) -> None:
        super().__init__(corpus, state)
        self._load()

    def _load(self) -> None:
        corpus = self.corpus
        entity = self.state.arg
        self.said: list[Saying] = sayings(corpus, entity) if entity in corpus.entities else []
        self.statements = (
            statements_by(corpus, entity, self.said) if entity in corpus.entities else []
        )
        self.sources: list[tuple[str, int]] = []
        if not self.said and not self.statements:
            # Nothing said by this entity (or none selected): every source, to pick one.
            self.state = replace(self.state, arg="")
            self.sources = self.remember("sources", lambda: _sources(corpus))

    def heading(self) -> str:
        entity = self.state.arg
        if entity in self.corpus.entities:
            return f"Who said what · {self.corpus.entity_name(entity)}"
        return "Who said what · every source"

    def rows(self) -> list[str]:
        if self.sources:
            return [f"source:{entity_id}" for entity_id, _ in self.sources]
        rows: list[str] = []
        if self.statements:
            rows.append(f"heading:Statements ({len(self.statements)})")
            rows.extend(f"statement:{fact_id}" for fact_id in self.statements)
        if self.said:
            rows.append(f"heading:Cited for ({len(self.said)})")
            rows.extend(f"saying:{n}" for n in range(len(self.said)))
        return rows

    def render_row(self, row_id: str) -> Content:
        corpus = self.corpus
        kind, _, key = row_id.partition(":")
        if kind == "heading":
            return Content.assemble((key, "bold"))
        if kind == "source":
            count = dict(self.sources)[key]
            return Content.assemble(
                plain(corpus.entity_name(key), "bold"),
                (f"  cited in {count} report{'s' * (count != 1)}", "dim"),
            )
        if kind == "statement":
            claims = what_it_says(corpus, key)
            said = "; ".join(f"{verb} {corpus.label_of(fact)}" for verb, fact in claims)
            return Content.assemble(
                plain(corpus.label_of(key), "bold"),
                "\n",
                ("  ", ""),
                plain(said or "asserts no fact recorded", "dim"),
            )
        saying = self.said[int(key)]
        text = corpus.articles[saying.article_id].text
        verb = "denies" if saying.polarity == "negative" else "says"
        how = [] if saying.commitment == "certain" else [saying.commitment]
        if saying.speech == "direct":
            how.append("quoted")
        if saying.depth:
            how.append("cited by another source")
        return Content.assemble(
            (f"{verb}: ", "bold"),
            plain(corpus.label_of(saying.fact_id)),
            "\n",
            ("  ", ""),
            plain(f"{article_short(corpus, saying.article_id)}: ", "italic"),
            plain(f"“{text[saying.cue.start : saying.cue.end]}”"),
            (f" ({', '.join(how)})" if how else "", "dim"),
        )

    def choose(self, row_id: str) -> ViewChoice | None:
        kind, _, key = row_id.partition(":")
        if kind == "source":
            self.state = replace(self.state, arg=key, cursor=None)
            self._load()
            self.refresh_rows()
            self.list.action_cursor_down()
            return None
        if kind == "statement":
            return ViewChoice(Target("fact", key), self.state)
        saying = self.said[int(key)]
        return ViewChoice(Target("fact", saying.fact_id), self.state, report_id=saying.report_id)


def _sources(corpus: Corpus) -> list[tuple[str, int]]:
    """Every source with the number of reports citing it, most cited first."""
    counts: dict[str, int] = {}
    for report in corpus.reports.values():
        for entity_id in dict.fromkeys(level.entity_id for level in report.sources):
            counts[entity_id] = counts.get(entity_id, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], corpus.entity_name(kv[0]).casefold()))
