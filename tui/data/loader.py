"""Load a corpus directory (``facts/*.toml`` + ``seeds/*.txt``) into a resolved :class:`Corpus`.

Loading never raises for bad input: every problem is collected as a :class:`Problem`
with its file, line and column, and whatever is valid is still loaded, so the explorer
can open a corpus that ``check`` rejects. Work is linear in the size of the corpus, and
bounded per problem: a hostile corpus cannot make a message long or its search slow.

A corpus is untrusted input: files are read through :mod:`tui.data.files` (inside the
corpus, regular files only, under a size limit), and every corpus string quoted in a message
is clipped here and neutralised by :class:`Problem`.
"""

from __future__ import annotations

import gc
import re
import reprlib
import sys
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from tui.data import files, schema
from tui.data.anchoring import (
    MAX_OCCURRENCES,
    Ambiguous,
    NotFound,
    anchor,
    distinguishing_prefix,
    first_difference,
    occurrences,
    word_bounds,
)
from tui.data.corpus import (
    Article,
    Corpus,
    Entity,
    Event,
    Link,
    Participant,
    Published,
    Relation,
    Report,
    SourceLevel,
    Span,
    TimeRef,
)
from tui.data.folding import fold
from tui.data.problems import CorpusError, NotACorpus, Problem, display_path
from tui.data.progress import CHECKING, READING, Progress, silent
from tui.data.textsafe import clip, printable
from tui.data.timecheck import disagreement
from tui.data.timex import TimeValueError, parse_time_value, shift
from tui.data.tomlpos import KeyPath, Positions

if TYPE_CHECKING:
    from tui.data.parsecache import ParseCache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

M = TypeVar("M", bound=BaseModel)
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_ID = re.compile(schema.ID_PATTERN)
# How much of a corpus string (a key, an id, a quote, a value) a message quotes.
QUOTE_LIMIT = 200
# An ambiguous quote's message lists this many of its places, then "and N more".
SHOWN_PLACES = 5
# "Did you mean" compares an unknown id with every id of the corpus; past this many
# comparisons in one load (a few seconds of rapidfuzz), unknown ids get no hint.
SUGGESTION_BUDGET = 50_000_000
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, QUOTE_LIMIT, QUOTE_LIMIT
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 8


def _q(value: object) -> str:
    """A corpus string to quote between backticks: one safe line, clipped."""
    return printable(str(value), QUOTE_LIMIT)


def _r(value: str) -> str:
    """A corpus string quoted as a Python literal (its edges visible), clipped."""
    return repr(value) if len(value) <= QUOTE_LIMIT else repr(value[: QUOTE_LIMIT - 1]) + "…"


def _value(value: object) -> str:
    """Any parsed TOML value, as a short literal: nesting, long lists and strings cut."""
    return clip(_REPR.repr(value), QUOTE_LIMIT)


@dataclass(slots=True)
class _Source:
    """One facts file as parsed: its display path, text and article id."""

    path: Path
    shown: str
    text: str
    stem: str
    _positions: Positions | None = None

    @property
    def positions(self) -> Positions:
        """Key positions, scanned only when a problem in this file must be located."""
        if self._positions is None:
            self._positions = Positions(self.text)
        return self._positions


class _Loader:
    def __init__(
        self,
        root: Path,
        limits: files.Limits,
        parsed: ParseCache | None = None,
        progress: Progress = silent,
    ) -> None:
        self.root = root
        self.progress = progress
        self.limits = limits
        self.parsed = parsed
        # Where files may resolve: a symlink or `..` out of these is refused, and a `facts`
        # or `seeds` that is itself a symlink out of the corpus holds nothing readable.
        real = root.resolve()
        self.facts_home = files.Home(real / "facts")
        self.seeds_home = files.Home(real / "seeds")
        self.suggest = _Suggester()
        self.corpus = Corpus(root=root)
        self.problems = self.corpus.problems
        # Parsed, validated items with where they were written.
        self.entities: dict[str, tuple[schema.EntityIn, _Source, KeyPath]] = {}
        self.facts: dict[str, tuple[schema.EventIn | schema.RelationIn, _Source, KeyPath]] = {}
        # The last flag is False for a report salvaged from invalid input: it is checked (its
        # references, quotes and time) so that every problem shows at once, never loaded.
        self.reports: list[tuple[schema.ReportIn, _Source, KeyPath, str, bool]] = []
        self.links: list[tuple[schema.LinkIn, _Source, KeyPath, str, bool]] = []
        # Articles whose table is invalid, kept only to check their reports' quotes against.
        self.checked_only: dict[str, Article] = {}
        # Ids that were written but failed validation: references to them are not reported again.
        self.broken_ids: set[str] = set()
        # Every `of` written in a report, valid or not, so an event is not also called unreported.
        self.reported_ids: set[str] = set()
        # After a file fails to parse, any reference might point into it: don't guess.
        self.unparsed = False
        # Article tables as written: their entity references are resolved after the entities.
        self.article_items: list[tuple[str, schema.ArticleIn, _Source]] = []
        # Reports whose time counts from another event: valued once every event has its time.
        self.anchored: list[tuple[Report, schema.TimeIn, _Source, KeyPath]] = []

    # -- problems --------------------------------------------------------------------------

    def problem(self, source: _Source | str, key: KeyPath, message: str) -> None:
        if isinstance(source, str):
            self.problems.append(Problem(source, 1, 1, message))
        else:
            line, col = source.positions.locate(key)
            self.problems.append(Problem(source.shown, line, col, message))

    # -- reading ---------------------------------------------------------------------------

    def run(self) -> Corpus:
        facts_dir = self.root / "facts"
        try:
            paths = files.list_toml(facts_dir)
        except OSError as exc:
            paths = []
            self.problem(
                display_path(facts_dir),
                (),
                f"cannot read the facts folder: {_reason(exc)}; "
                "expected a directory you may list and read",
            )
            self.unparsed = True
        else:
            if not paths:
                self.problem(display_path(facts_dir), (), "no fact files; expected facts/*.toml")
        for done, path in enumerate(paths):
            self.progress(READING, done, len(paths))
            self.read_file(path)
        self.progress(READING, len(paths), len(paths))
        self.progress(CHECKING, 0, 0)
        self.unread_texts()
        self.resolve_entities()
        self.resolve_articles()
        self.resolve_facts()
        self.resolve_reports()
        self.resolve_links()
        self.corpus.problems.sort()
        return self.corpus

    def unread_texts(self) -> None:
        """A text in seeds/ that no article reads is an article nobody has curated yet."""
        read = {Path(rel).as_posix() for rel in self.corpus.text_paths}
        try:
            texts = sorted(p for p in (self.root / "seeds").glob("*.txt") if p.is_file())
        except OSError:
            return  # an unreadable seeds/ shows as the texts that cannot be read
        for path in texts:
            rel = f"seeds/{path.name}"
            if rel not in read:
                stem = printable(path.stem)
                self.problem(
                    display_path(path),
                    (),
                    f"`{printable(rel)}` is no article's text; expected `facts/{stem}.toml` "
                    "with an `[article]` table for it, or the text removed",
                )

    def read_file(self, path: Path) -> None:
        shown = display_path(path)
        if not self.facts_home.contains(path):
            self.problem(
                shown,
                (),
                "fact file resolves outside the corpus's facts/ (a symlink out of it); "
                "expected a file inside facts/",
            )
            self.unparsed = True
            return
        try:
            raw = files.read_regular(path, self.limits.facts)
        except files.Refused as exc:
            self.problem(shown, (), f"fact file {exc}")
            self.unparsed = True
            return
        except OSError as exc:
            self.problem(shown, (), f"cannot read fact file: {_reason(exc)}")
            self.unparsed = True
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            self.problems.append(
                Problem(
                    shown,
                    line,
                    col,
                    f"not UTF-8: byte 0x{raw[exc.start]:02x}; "
                    "expected the file to be saved as UTF-8",
                )
            )
            self.unparsed = True
            return
        source = _Source(path, shown, text, path.stem)
        try:
            data = self.parse(raw, text)
        except RecursionError:
            # tomllib parses nested arrays and inline tables recursively: a few hundred
            # levels exhaust Python's stack. No fact needs more than a handful.
            self.unparsed = True
            self.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "TOML nested too deeply to parse (arrays or inline tables hundreds of "
                    "levels deep); expected a fact file nested a few levels at most",
                )
            )
            return
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            match = _TOML_AT.search(message)
            if match:
                line, col = int(match[1]), int(match[2])
            else:
                line = text.count("\n") + 1
                col = len(text) - (text.rfind("\n") + 1) + 1
            self.unparsed = True
            detail = _TOML_AT.sub("", message).replace("(at end of document)", "at end of file")
            detail = clip(detail.strip(), QUOTE_LIMIT)  # it may quote a key path of any length
            self.problems.append(
                Problem(shown, line, col, f"TOML syntax error: {detail}; expected valid TOML")
            )
            return
        self.read_document(source, data)

    def parse(self, raw: bytes, text: str) -> dict[str, Any]:
        """``tomllib.loads(text)``, or what it gave before for the same bytes."""
        data = self.parsed.get(raw) if self.parsed is not None else None
        if data is None:
            data = tomllib.loads(text)
            if self.parsed is not None:
                self.parsed.put(raw, data)
        return data

    def read_document(self, source: _Source, data: dict[str, Any]) -> None:
        data = self.migrate(source, data)
        # One validation call for a clean file; on any error, validate item by item so
        # every problem is reported at its own key and the valid items are still kept.
        try:
            self.whole: schema.FactFileIn | None = schema.FactFileIn.model_validate(data)
        except ValidationError:
            self.whole = None
        for section_name in data:
            if section_name not in schema.TOP_LEVEL:
                self.problem(
                    source,
                    (section_name,),
                    f"unknown section `{_q(section_name)}`; expected one of: "
                    f"{', '.join(schema.TOP_LEVEL)}"
                    + _did_you_mean(section_name, schema.TOP_LEVEL),
                )
        article_id: str | None = None
        if "article" in data:
            article_id = self.read_article(source, data["article"])
        for section, model in schema.SECTIONS.items():
            table = data.get(section, {})
            if not isinstance(table, dict):
                self.problem(source, (section,), f"`{section}` must be a table of `[{section}.ID]`")
                continue
            for item_id, raw in table.items():
                self.read_item(source, section, model, item_id, raw)
        reports = data.get("reports", [])
        if not isinstance(reports, list):
            self.problem(source, ("reports",), "`reports` must be an array of `[[reports]]` tables")
            return
        if reports and article_id is None:
            if "article" not in data:
                self.problem(
                    source,
                    ("reports",),
                    "reports need an `[article]` in the same file; "
                    "expected `[article]` with `title` and `published` above them",
                )
            return
        for index, raw in enumerate(reports):
            key: KeyPath = ("reports", index)
            if isinstance(raw, dict) and isinstance(raw.get("of"), str):
                self.reported_ids.add(raw["of"])
            valid = True
            if self.whole is not None:
                report: schema.ReportIn | None = self.whole.reports[index]
            else:
                report, valid = self.validate_or_salvage(schema.ReportIn, raw, source, key)
            if report is not None and article_id is not None:
                self.reports.append((report, source, key, article_id, valid))
        self.read_links(source, data, article_id)

    def migrate(self, source: _Source, data: dict[str, Any]) -> dict[str, Any]:
        """Name each format-1 form with how to write it in format 2, then read the rest as
        if the old keys were absent, so the file's other problems still show."""
        version = data.get("format", schema.FORMAT_VERSION)
        if version != schema.FORMAT_VERSION:
            self.problem(
                source,
                ("format",),
                f"format `{_value(version)}` is not one this version reads; expected "
                f"`format = {schema.FORMAT_VERSION}` (or no `format`): {MIGRATION}",
            )
            data = {k: v for k, v in data.items() if k != "format"}
        article = data.get("article")
        if isinstance(article, dict) and isinstance(article.get("publisher"), str):
            name = article["publisher"]
            if not _ID.match(name):
                slug = re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-") or "publisher"
                self.problem(
                    source,
                    ("article", "publisher"),
                    f"`publisher` names a media entity since format 2, not a name: "
                    f"{_r(name)}; expected an entity id: declare `[entities.{_q(slug)}]` with "
                    f'`kind = "media"` and write `publisher = "{_q(slug)}"`',
                )
                data = {**data, "article": {k: v for k, v in article.items() if k != "publisher"}}
        reports = data.get("reports")
        if isinstance(reports, list) and any(
            isinstance(r, dict) and _V1_REPORT_KEYS.keys() & r.keys() for r in reports
        ):
            kept: list[Any] = []
            for index, raw in enumerate(reports):
                if isinstance(raw, dict):
                    for name in sorted(_V1_REPORT_KEYS.keys() & raw.keys()):
                        self.problem(source, ("reports", index, name), _V1_REPORT_KEYS[name])
                    raw = {k: v for k, v in raw.items() if k not in _V1_REPORT_KEYS}
                kept.append(raw)
            data = {**data, "reports": kept}
        return data

    def read_links(self, source: _Source, data: dict[str, Any], article_id: str | None) -> None:
        links = data.get("links", [])
        if not isinstance(links, list):
            self.problem(source, ("links",), "`links` must be an array of `[[links]]` tables")
            return
        if links and article_id is None:
            self.problem(
                source,
                ("links",),
                "links need an `[article]` in the same file; expected `[article]` with `title` "
                "and `published` above them",
            )
            return
        for index, raw in enumerate(links):
            key: KeyPath = ("links", index)
            if self.whole is not None:
                link: schema.LinkIn | None = self.whole.links[index]
                valid = True
            else:
                link, valid = self.validate_or_salvage(schema.LinkIn, raw, source, key)
            if link is not None and article_id is not None:
                self.links.append((link, source, key, article_id, valid))

    def read_item(
        self, source: _Source, section: str, model: type[BaseModel], item_id: str, raw: Any
    ) -> None:
        key: KeyPath = (section, item_id)
        if not _ID.match(item_id):
            self.problem(
                source, key, f"`{_q(item_id)}` is not a valid id; expected {schema.ID_HINT}"
            )
            self.broken_ids.add(item_id)
            return
        if self.whole is not None:
            item: BaseModel | None = getattr(self.whole, section)[item_id]
        else:
            item = self.validate(model, raw, source, key)
        registry: dict[str, Any] = self.entities if section == "entities" else self.facts
        if item_id in registry:
            _, other, other_key = registry[item_id]
            line, col = other.positions.locate(other_key)
            kind = "entity" if section == "entities" else "event or relation"
            self.problem(
                source,
                key,
                f"duplicate id `{_q(item_id)}`: this {kind} is already defined at "
                f"{other.shown}:{line}:{col}; expected each id once in the corpus",
            )
            return
        if item is None:
            self.broken_ids.add(item_id)
            return
        registry[item_id] = (item, source, key)

    def read_article(self, source: _Source, raw: Any) -> str | None:
        key: KeyPath = ("article",)
        valid = True
        if self.whole is not None:
            article = self.whole.article
        else:
            article, valid = self.validate_or_salvage(schema.ArticleIn, raw, source, key)
        article_id = source.stem
        if not _ID.match(article_id):
            self.problem(
                source,
                key,
                f"file name `{_q(article_id)}` is not a valid article id; "
                f"expected {schema.ID_HINT}",
            )
            return None
        if article is None:
            return article_id if isinstance(raw, dict) else None
        text_rel = article.text or f"seeds/{article_id}.txt"
        self.corpus.text_paths.append(text_rel)
        text_key = (*key, "text") if article.text else key
        text = self.read_text(text_rel, source, text_key)
        if text is None:
            return article_id
        published = Published(
            article.published.date,
            article.published.earliest,
            article.published.latest,
            article.published.basis,
        )
        articles = self.corpus.articles if valid else self.checked_only
        articles[article_id] = Article(
            id=article_id,
            title=article.title,
            publisher="",  # named once the entities are known
            url=article.url,
            published=published,
            language=article.language,
            text_path=text_rel,
            text=text,
            note=article.note,
        )
        self.article_items.append((article_id, article, source))
        return article_id

    def read_text(self, text_rel: str, source: _Source, key: KeyPath) -> str | None:
        path = self.root / text_rel
        if "\0" in text_rel:  # no file is named so; the system calls would raise ValueError
            self.problem(
                source,
                key,
                f"article text `{_q(text_rel)}` holds a NUL character; expected a file name",
            )
            return None
        if not self.seeds_home.contains(path):
            # Named as written, and nothing of it read: `/proc/self/environ` or a symlink
            # to a key file must not reach check's output through the closest passage.
            self.problem(
                source,
                key,
                f"article text `{_q(text_rel)}` is outside the corpus's seeds/ folder "
                "(an absolute path, `..` or a symlink out of it); "
                "expected the text in seeds/, e.g. `seeds/ID.txt`",
            )
            return None
        shown = display_path(path)
        try:
            raw = files.read_regular(path, self.limits.text)
        except files.Refused as exc:
            self.problem(
                source,
                key,
                f"article text `{shown}` {exc}",
            )
            return None
        except FileNotFoundError:
            self.problem(
                source,
                key,
                f"article text `{shown}` does not exist; "
                "expected the article's text there (or set `text` to its path)",
            )
            return None
        except OSError as exc:
            self.problem(
                source,
                key,
                f"cannot read article text `{shown}`: "
                f"{_reason(exc)}; expected a readable UTF-8 text file",
            )
            return None
        if not raw.strip():
            self.problem(
                source,
                key,
                f"article text `{shown}` is empty; expected the article's published wording",
            )
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            self.problem(
                source,
                key,
                f"article text `{shown}` is not UTF-8 "
                f"(byte 0x{raw[exc.start]:02x} at its line {line}, column {col}); "
                "expected UTF-8 text",
            )
            return None

    def validate(self, model: type[M], raw: Any, source: _Source, key: KeyPath) -> M | None:
        return self.validate_or_salvage(model, raw, source, key)[0]

    def validate_or_salvage(
        self, model: type[M], raw: Any, source: _Source, key: KeyPath
    ) -> tuple[M | None, bool]:
        """The model, and whether ``raw`` was valid as written.

        When it is not, every error is reported, then the model is rebuilt with each invalid
        top-level key replaced by a stand-in (its default, or a placeholder for a required
        key), so that the checks that follow (references, quotes, times) still run and a bad
        `status` does not hide the same report's unknown entity or misquote."""
        try:
            return model.model_validate(raw), True
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            for error in errors:
                loc = tuple(error["loc"])
                path = _navigable(raw, loc)
                self.problem(source, (*key, *path), _describe(error, model, loc, key))
        if not isinstance(raw, dict):
            return None, False
        bad = {str(error["loc"][0]) for error in errors if error["loc"]}
        stand_ins = _STAND_INS.get(model, {})
        fields = model.model_fields
        if any(name not in fields for name in bad):
            return None, False  # an unknown key: the rest may be misplaced too
        kept = {k: v for k, v in raw.items() if k not in bad}
        for name in bad:
            if fields[name].is_required():
                if name not in stand_ins:
                    return None, False
                kept[name] = stand_ins[name]
        try:
            return model.model_validate(kept), False
        except ValidationError:
            return None, False

    # -- resolving -------------------------------------------------------------------------

    def unknown(self, ref: str, known: Collection[str], what: str) -> str:
        hint = self.suggest(ref, known, what)
        return f"unknown {what} `{_q(ref)}`" + (hint or f"; expected the id of an {what} in facts/")

    def check_entity(self, ref: str, source: _Source, key: KeyPath) -> bool:
        if ref in self.entities:
            return True
        if ref not in self.broken_ids and not self.unparsed:
            self.problem(source, key, self.unknown(ref, self.entities, "entity"))
        return False

    def resolve_entities(self) -> None:
        owner: dict[str, str] = {}
        for entity_id, (item, source, key) in self.entities.items():
            aliases: list[str] = []
            for alias in (item.name, *item.aliases):
                for form in _alias_forms(alias):
                    if form in aliases:
                        continue
                    if owner.get(form, entity_id) != entity_id:
                        self.problem(
                            source,
                            (*key, "aliases"),
                            f"alias `{_q(form)}` of `{_q(entity_id)}` is also an alias of "
                            f"`{_q(owner[form])}`; expected each alias to name one entity",
                        )
                        continue
                    owner[form] = entity_id
                    aliases.append(form)
            self.corpus.entities[entity_id] = Entity(
                id=entity_id,
                name=item.name,
                kind=item.kind,
                aliases=tuple(aliases),
                description=item.description,
                count=item.count,
                members=tuple(item.members),
            )
        for item, source, key in self.entities.values():
            for n, member in enumerate(item.members):
                self.check_entity(member, source, (*key, "members", n))

    def resolve_articles(self) -> None:
        """Publisher, wire, dateline and local aliases: checked against the text and the
        entities, so a name here is as trustworthy as one in a report."""
        for article_id, item, source in self.article_items:
            article = self.corpus.articles.get(article_id) or self.checked_only.get(article_id)
            if article is None:
                continue
            key: KeyPath = ("article",)
            media = [(ref, (*key, "publisher")) for ref in [item.publisher] if ref is not None] + [
                (ref, (*key, "wire", n)) for n, ref in enumerate(item.wire)
            ]
            for ref, where in media:
                if self.check_entity(ref, source, where):
                    kind = self.entities[ref][0].kind
                    if kind != "media":
                        self.problem(
                            source,
                            where,
                            f"`{_q(ref)}` is a {kind}, not a media entity; expected the id of "
                            'an entity with `kind = "media"`',
                        )
            if item.publisher is not None and item.publisher in self.corpus.entities:
                article.publisher = self.corpus.entities[item.publisher].name
                article.publisher_id = item.publisher
            article.wire = tuple(w for w in item.wire if w in self.corpus.entities)
            if item.dateline:
                at = article.text.find(item.dateline)
                if at < 0:
                    self.problem(
                        source,
                        (*key, "dateline"),
                        f"dateline {_r(item.dateline)} does not occur in "
                        f"`{_q(article.text_path)}`; expected it as it stands in the text",
                    )
                else:
                    article.dateline = Span(at, at + len(item.dateline))
            local: list[tuple[str, str]] = []
            for entity_id, names in item.aliases.items():
                if not self.check_entity(entity_id, source, (*key, "aliases", entity_id)):
                    continue
                for name in names:
                    local.extend((form, entity_id) for form in _alias_forms(name))
            article.local_aliases = tuple(local)

    def resolve_facts(self) -> None:
        for fact_id, (item, source, key) in self.facts.items():
            if isinstance(item, schema.EventIn):
                ok = all(
                    [
                        self.check_entity(e, source, (*key, "participants", e))
                        for e in item.participants
                    ]
                )
                if item.place is not None:
                    ok = self.check_entity(item.place, source, (*key, "place")) and ok
                if ok:
                    self.corpus.events[fact_id] = Event(
                        id=fact_id,
                        type=item.type,
                        summary=item.summary,
                        participants=tuple(
                            Participant(e, role) for e, role in item.participants.items()
                        ),
                        place=item.place,
                        entity_ids=tuple(
                            dict.fromkeys(
                                (*item.participants, *([item.place] if item.place else []))
                            )
                        ),
                    )
                    continue
            else:
                ok = all(
                    [
                        self.check_entity(item.subject, source, (*key, "subject")),
                        self.check_entity(item.object, source, (*key, "object")),
                    ]
                )
                if ok:
                    self.corpus.relations[fact_id] = Relation(
                        id=fact_id,
                        subject=item.subject,
                        predicate=item.predicate,
                        object=item.object,
                        negated=item.negated,
                        qualifiers=tuple(item.qualifiers.items()),
                        entity_ids=tuple(dict.fromkeys((item.subject, item.object))),
                    )
                    continue
            self.broken_ids.add(fact_id)

    def resolve_reports(self) -> None:
        corpus = self.corpus
        counts: dict[tuple[str, str], int] = {}
        cited_by: dict[str, set[str]] = {}  # fact → entities its reports are attributed to
        for item, source, key, article_id, valid in self.reports:
            fact = corpus.fact(item.of)
            ok = fact is not None
            if fact is None and item.of not in self.broken_ids and not self.unparsed:
                self.problem(
                    source, (*key, "of"), self.unknown(item.of, self.facts, "event or relation")
                )
            for n, level in enumerate(item.sources):
                ok = self.check_entity(level.by, source, (*key, "sources", n, "by")) and ok
                if level.statement is not None:
                    ok = self.check_statement(level.statement, item.of, source, key, n) and ok
            for entity_id in item.participants:
                ok = self.check_entity(entity_id, source, (*key, "participants", entity_id)) and ok
            if isinstance(fact, Relation) and item.participants:
                ok = False
                self.problem(
                    source,
                    (*key, "participants"),
                    f"`{_q(item.of)}` is a relation: it has a subject and an object, not "
                    "participants; expected `participants` only on reports of events",
                )
            article = corpus.articles.get(article_id) or self.checked_only.get(article_id)
            if article is None:
                continue  # its text could not be read; that problem is already reported
            quotes = self.anchor_quotes(article, item, source, key)
            time = self.resolve_time(article, item, quotes, source, key)
            levels = self.resolve_sources(article, item, quotes, source, key)
            if not ok or quotes is None or time is False or levels is None:
                continue
            if not valid or article_id not in corpus.articles:
                continue  # checked so that its problems show, but not loaded
            status = item.status or ("occurred" if isinstance(fact, Event) else "holds")
            n = counts[(article_id, item.of)] = counts.get((article_id, item.of), 0) + 1
            report_id = f"{article_id}/{item.of}" + (f"/{n}" if n > 1 else "")
            according_to = tuple(dict.fromkeys(level.by for level in item.sources))
            report = Report(
                id=report_id,
                fact_id=item.of,
                article_id=article_id,
                status=status,
                certainty=schema.derive_certainty(
                    item.commitment, [(lv.commitment, lv.polarity) for lv in item.sources]
                ),
                quotes=tuple(quotes),
                time=time if isinstance(time, TimeRef) else None,
                according_to=according_to,
                note=item.note,
                sources=levels,
                commitment=item.commitment,
                modality=item.modality,
                negated=item.negated,
                participants=tuple(Participant(e, r) for e, r in item.participants.items()),
                qualifiers=tuple(item.qualifiers.items()),
            )
            corpus.reports[report_id] = report
            corpus.reports_by_fact.setdefault(item.of, []).append(report_id)
            article.citations.extend((q.start, q.end, report_id) for q in quotes)
            if isinstance(time, TimeRef) and time.anchor is not None and item.time is not None:
                self.anchored.append((report, item.time, source, key))
            assert fact is not None
            added = tuple(item.participants)
            for entity_id in dict.fromkeys((*fact.entity_ids, *added, *according_to)):
                corpus.reports_by_entity.setdefault(entity_id, []).append(report_id)
            if according_to or added:
                cited_by.setdefault(item.of, set()).update((*according_to, *added))
            for resolved in levels:
                if resolved.statement is not None:
                    self.derive_statement_link(report, resolved, article_id)
        for fact_id in (*corpus.events, *corpus.relations):
            fact = corpus.fact(fact_id)
            assert fact is not None
            if fact_id not in self.reported_ids:
                _, source, key = self.facts[fact_id]
                self.problem(
                    source,
                    key,
                    f"`{_q(fact_id)}` is reported by no article; "
                    'expected at least one `[[reports]]` with `of = "' + _q(fact_id) + '"`',
                )
            sources = sorted(cited_by.get(fact_id, set()).difference(fact.entity_ids))
            for entity_id in (*fact.entity_ids, *sources):
                corpus.facts_by_entity.setdefault(entity_id, []).append(fact_id)
        for article in corpus.articles.values():
            article.citations.sort()
        self.fact_times()
        self.value_anchored_times()
        self.fact_times()
        # An entity's facts in time order (undated last), so the explorer never sorts.
        never = "9999"
        for facts in corpus.facts_by_entity.values():
            facts.sort(
                key=lambda f: (
                    v.start.isoformat() if (v := corpus.fact_time.get(f)) else never,
                    f,
                )
            )

    def fact_times(self) -> None:
        corpus = self.corpus
        for fact_id, report_ids in corpus.reports_by_fact.items():
            refs = [corpus.reports[r].time for r in report_ids]
            times = [ref.value for ref in refs if ref is not None and ref.value is not None]
            if times:
                corpus.fact_time[fact_id] = min(times, key=lambda t: (t.end - t.start, t.start))

    def value_anchored_times(self) -> None:
        """A time anchored to another event takes that event's time moved by its offset; a
        value written beside the anchor must agree with it."""
        for report, _time_in, source, key in self.anchored:
            time = report.time
            assert time is not None and time.anchor is not None
            base = self.corpus.fact_time.get(time.anchor)
            if base is None:
                continue  # the anchor's own time is not given: the value stays as written
            derived = shift(base, time.offset)
            if derived is None:
                continue
            if time.value is None:
                time.value = derived
            elif not (time.value.start <= derived.end and derived.start <= time.value.end):
                self.problem(
                    source,
                    (*key, "time", "value"),
                    f"time value `{_q(time.value.value)}` does not fit its anchor: "
                    f"`{_q(time.anchor)}` is at `{_q(base.value)}`, so {_r(time.phrase)} is "
                    f"`{_q(derived.value)}`; expected that value, or the `value` left out",
                )

    def check_statement(
        self, statement: str, fact_id: str, source: _Source, key: KeyPath, n: int
    ) -> bool:
        where: KeyPath = (*key, "sources", n, "statement")
        if statement not in self.facts:
            if statement not in self.broken_ids and not self.unparsed:
                self.problem(source, where, self.unknown(statement, self.facts, "event"))
            return False
        if not isinstance(self.facts[statement][0], schema.EventIn):
            self.problem(
                source,
                where,
                f"`{_q(statement)}` is a relation; expected the statement event in which the "
                "source says so",
            )
            return False
        if statement == fact_id:
            self.problem(
                source,
                where,
                f"`{_q(statement)}` is the fact this report is of; expected the statement "
                "event that asserts or denies it",
            )
            return False
        return True

    def derive_statement_link(self, report: Report, level: SourceLevel, article_id: str) -> None:
        assert level.statement is not None
        kind = "denies" if level.polarity == "negative" else "asserts"
        link_id = f"{article_id}/{level.statement}/{kind}/{report.fact_id}"
        if link_id in self.corpus.links:
            return
        self.corpus.links[link_id] = Link(
            link_id, kind, level.statement, report.fact_id, article_id, report.quotes, ""
        )
        for end in (level.statement, report.fact_id):
            self.corpus.links_by_fact.setdefault(end, []).append(link_id)

    def resolve_sources(
        self,
        article: Article,
        item: schema.ReportIn,
        quotes: list[Span] | None,
        source: _Source,
        key: KeyPath,
    ) -> tuple[SourceLevel, ...] | None:
        """Each level's cue and insertions, found inside the report's evidence."""
        if quotes is None:
            return None
        levels: list[SourceLevel] = []
        ok = True
        for n, level in enumerate(item.sources):
            where: KeyPath = (*key, "sources", n)
            cue = self.find_in_evidence(article, quotes, level.cue)
            if cue is None:
                ok = False
                self.problem(
                    source,
                    (*where, "cue"),
                    f"cue {_r(level.cue)} does not occur in the report's evidence; expected "
                    "the words that introduce the source, verbatim inside one of the "
                    "`evidence` quotes",
                )
            insertions: list[Span] = []
            for m, words in enumerate(level.insertions):
                span = self.find_in_evidence(article, quotes, words)
                if span is None:
                    ok = False
                    self.problem(
                        source,
                        (*where, "insertions", m),
                        f"insertion {_r(words)} does not occur in the report's evidence; "
                        "expected the reporter's words as they stand inside the quote",
                    )
                else:
                    insertions.append(span)
            if level.insertions and level.speech != "direct":
                ok = False
                self.problem(
                    source,
                    (*where, "insertions"),
                    "insertions mark the reporter's words inside a direct quote; expected "
                    '`speech = "direct"` on this level, or no `insertions`',
                )
            if cue is not None:
                levels.append(
                    SourceLevel(
                        level.by,
                        cue,
                        level.commitment,
                        level.polarity,
                        level.speech,
                        level.statement,
                        tuple(insertions),
                    )
                )
        return tuple(levels) if ok else None

    @staticmethod
    def find_in_evidence(article: Article, quotes: list[Span], words: str) -> Span | None:
        for span in quotes:
            at = article.text.find(words, span.start, span.end)
            if at >= 0:
                return Span(at, at + len(words))
        return None

    def resolve_links(self) -> None:
        corpus = self.corpus
        for item, source, key, article_id, valid in self.links:
            ok = True
            for end, ref in (("from", item.from_), ("to", item.to)):
                if corpus.fact(ref) is None:
                    ok = False
                    if ref not in self.broken_ids and not self.unparsed:
                        self.problem(
                            source, (*key, end), self.unknown(ref, self.facts, "event or relation")
                        )
            if item.from_ == item.to:
                ok = False
                self.problem(
                    source,
                    (*key, "to"),
                    f"`{_q(item.to)}` is linked to itself; expected two different events or "
                    "relations",
                )
            article = corpus.articles.get(article_id) or self.checked_only.get(article_id)
            if article is None:
                continue
            quotes = self.anchor_quotes(article, item, source, key)
            if not ok or quotes is None or not valid or article_id not in corpus.articles:
                continue
            link_id = f"{article_id}/{item.from_}/{item.type}/{item.to}"
            while link_id in corpus.links:
                link_id += "+"
            corpus.links[link_id] = Link(
                link_id, item.type, item.from_, item.to, article_id, tuple(quotes), item.note
            )
            for end in dict.fromkeys((item.from_, item.to)):
                corpus.links_by_fact.setdefault(end, []).append(link_id)

    def anchor_quotes(
        self, article: Article, item: schema.ReportIn | schema.LinkIn, source: _Source, key: KeyPath
    ) -> list[Span] | None:
        spans: list[Span] = []
        text = article.text
        for n, quote in enumerate(item.evidence):
            where: KeyPath = (*key, "evidence", n)
            found = anchor(text, quote.exact, quote.prefix, quote.suffix)
            if (
                isinstance(found, NotFound)
                and (quote.prefix or quote.suffix)
                and (bare := occurrences(text, quote.exact, limit=MAX_OCCURRENCES + 1))
            ):
                context = " and ".join(
                    f"`{name}` {_r(value)}"
                    for name, value in (("prefix", quote.prefix), ("suffix", quote.suffix))
                    if value
                )
                line, col = article.line_col(bare[0])
                self.problem(
                    source,
                    where,
                    f"quote found in `{_q(article.text_path)}` (first at line {line}, column "
                    f"{col}) but never with its {context}: {_r(quote.exact)}; expected the "
                    "text that stands right before (`prefix`) or after (`suffix`) it",
                )
            elif isinstance(found, NotFound):
                start, end = word_bounds(text, found.closest_start, found.closest_end)
                line, col = article.line_col(start)
                differs = _differs(article, start, end, quote.exact)
                self.problem(
                    source,
                    where,
                    f"quote not found in `{_q(article.text_path)}`: {_r(quote.exact)}; "
                    f"expected the article's exact wording{differs}; "
                    f"closest passage (line {line}, column {col}): {_r(text[start:end])}",
                )
            elif isinstance(found, Ambiguous):
                starts = found.starts
                places = "; ".join(
                    "line {}, column {}".format(*article.line_col(s)) for s in starts[:SHOWN_PLACES]
                )
                if found.capped:
                    times = f"more than {len(starts) - 1} times"
                    places += "; and more"
                else:
                    times = f"{len(starts)} times"
                    if len(starts) > SHOWN_PLACES:
                        places += f"; and {len(starts) - SHOWN_PLACES} more"
                hint = distinguishing_prefix(text, starts[0], starts)
                self.problem(
                    source,
                    where,
                    f"quote occurs {times} in `{_q(article.text_path)}` "
                    f"({places}): {_r(quote.exact)}; expected one occurrence: lengthen it or add "
                    f"`prefix` or `suffix`, e.g. {{ exact = {_toml_str(clip(quote.exact))}, "
                    f"prefix = {_toml_str(hint)} }}",
                )
            else:
                spans.append(Span(found.start, found.end))
        return spans if len(spans) == len(item.evidence) else None

    def resolve_time(
        self,
        article: Article,
        item: schema.ReportIn,
        quotes: list[Span] | None,
        source: _Source,
        key: KeyPath,
    ) -> TimeRef | bool | None:
        """The report's time, None when it has none, False when it is wrong."""
        if item.time is None:
            return None
        time = item.time
        value = None
        if time.value:
            try:
                value = parse_time_value(time.value)
            except TimeValueError as exc:
                self.problem(source, (*key, "time", "value"), str(exc))
                return False
        if time.anchor is not None:
            anchor = time.anchor
            if anchor not in self.facts:
                if anchor not in self.broken_ids and not self.unparsed:
                    self.problem(
                        source,
                        (*key, "time", "anchor"),
                        self.unknown(anchor, self.facts, "event or relation"),
                    )
                return False
            if anchor == item.of:
                self.problem(
                    source,
                    (*key, "time", "anchor"),
                    f"the time of `{_q(anchor)}` is anchored to itself; expected another event",
                )
                return False
        if quotes is None:
            return False
        phrase = time.phrase
        span = self.find_in_evidence(article, quotes, phrase)
        if span is None:
            self.problem(
                source,
                (*key, "time", "phrase"),
                f"time phrase {_r(phrase)} does not occur in the report's evidence; "
                "expected it verbatim inside one of the `evidence` quotes",
            )
            return False
        if value is not None and time.anchor is None:
            wrong = disagreement(phrase, value, article.published)
            if wrong is not None:
                self.problem(
                    source,
                    (*key, "time", "value"),
                    f"time value `{_q(value.value)}` does not fit its phrase {_r(phrase)}: "
                    f"{wrong}; expected the date the words name",
                )
                return False
        return TimeRef(phrase, value, span, time.role, time.basis, time.anchor, time.offset)


def _differs(article: Article, start: int, end: int, quote: str) -> str:
    """Where the quote departs from the closest passage, naming look-alike characters."""
    diff = first_difference(article.text, start, end, quote)
    if diff is None:
        return ""
    line, col = article.line_col(diff.text_offset)
    where = f"; it differs at line {line}, column {col} of the article"
    if not diff.quoted:
        return f"{where}: the quote leaves out {_char(diff.written)}"
    if not diff.written:
        return f"{where}: the quote adds {_char(diff.quoted)}"
    said = f"{_char(diff.quoted)} in the quote, {_char(diff.written)} in the article"
    if fold(diff.quoted) == fold(diff.written):
        said += " (characters that look alike)"
    return f"{where}: {said}"


def _char(char: str) -> str:
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    shown = printable(char)
    return f"`{shown}` ({name})" if shown.isprintable() and shown.strip() else f"({name})"


# Placeholders for required keys whose value is invalid: a model built with them is only
# checked, never loaded.
MIGRATION = "docs/FORMAT.md, “Moving from format 1”, says how to move a file"
# Keys of format 1 and how format 2 says the same.
_V1_REPORT_KEYS: dict[str, str] = {
    "according_to": (
        "`according_to` became `sources` in format 2, one table per level of the chain with "
        "the words that introduce it; expected e.g. "
        '`sources = [{ by = "kremlin", cue = "the Kremlin said" }]`: ' + MIGRATION
    ),
    "certainty": (
        "`certainty` is derived in format 2, not written: a source's `commitment` and "
        '`polarity` give it (`"believed"`: `commitment = "probable"`; `"denied"`: a source with '
        '`polarity = "negative"`; `"reported"`: any `sources`; `"alleged"`: the report\'s '
        '`commitment = "possible"`); expected the key removed: ' + MIGRATION
    ),
}
_STAND_INS: dict[type[BaseModel], dict[str, Any]] = {
    schema.ArticleIn: {"title": "?", "published": "1970-01-01"},
}


def _alias_forms(alias: str) -> tuple[str, ...]:
    """An alias as written, and capitalised for the start of a sentence ("the Kremlin")."""
    if alias[:1].islower():
        return (alias, alias[0].upper() + alias[1:])
    return (alias,)


def _reason(exc: OSError) -> str:
    """Why a file could not be read, in words (``permission denied``)."""
    return exc.strerror.lower() if exc.strerror else str(exc)


def _did_you_mean(word: str, candidates: Collection[str]) -> str:
    # Imported on first use: a clean corpus never needs it (15 ms of check's start-up).
    from rapidfuzz import fuzz, process

    # ratio ≥ 60: the cut-off of difflib.get_close_matches (0.6), which this replaces.
    best = process.extractOne(word, list(candidates), scorer=fuzz.ratio, score_cutoff=60)
    return f"; did you mean `{_q(best[0])}`?" if best is not None else ""


class _Suggester:
    """ "Did you mean" for an unknown id or key, with bounded work.

    A renamed entity leaves thousands of references to one unknown id: each distinct word is
    matched once (per kind of candidate), by rapidfuzz's C++ scorer rather than difflib, and
    once :data:`SUGGESTION_BUDGET` comparisons are spent, further unknown ids get no hint.
    """

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], str] = {}
        self.spent = 0

    def __call__(self, word: str, candidates: Collection[str], kind: str) -> str:
        key = (kind, word)
        hint = self.cache.get(key)
        if hint is None:
            hint = ""
            if self.spent + len(candidates) <= SUGGESTION_BUDGET:
                self.spent += len(candidates)
                hint = _did_you_mean(word, candidates)
            self.cache[key] = hint
        return hint


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _navigable(raw: Any, loc: Sequence[int | str]) -> KeyPath:
    """The part of a pydantic error location that exists in the TOML data."""
    path: list[str | int] = []
    current = raw
    for part in loc:
        if isinstance(current, dict) and part in current:  # noqa: SIM114 (separate for the type checker)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            continue  # a pydantic-internal step, such as a union branch's name
        path.append(part)
    return tuple(path)


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The pydantic model that validates the value at ``loc``, when there is one."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                continue
            current = field.annotation
        current = _unwrap(current)
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The model inside ``list[M]``, ``M | None`` or ``Annotated[M, ...]``, if any."""
    for _ in range(4):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = args[-1] if get_origin(annotation) is dict else args[0]
    return annotation


def _describe(error: Any, model: type[BaseModel], loc: tuple[int | str, ...], key: KeyPath) -> str:
    kind = error["type"]
    name = _q(loc[-1] if loc else key[-1])
    dotted = _q(".".join(str(p) for p in loc) or str(key[-1]))
    given = error.get("input")
    if kind == "missing":
        return f"missing key `{name}`; expected `{name} = …` here"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1]) or model
        allowed = ", ".join(parent.model_fields)
        return f"unknown key `{name}`; expected one of: {allowed}" + _did_you_mean(
            str(loc[-1]), parent.model_fields
        )
    if kind in ("literal_error", "enum"):
        expected = str(error.get("ctx", {}).get("expected", ""))
        values: list[str] = re.findall(r"'([^']*)'", expected)
        meant = _MEANINGS.get(str(given).casefold().replace(" ", "_"), "")
        hint = (
            f"; did you mean `{meant}`?" if meant in values else _did_you_mean(str(given), values)
        )
        return (
            f"`{_q(given)}` is not an allowed value for `{dotted}`; expected one of: "
            f"{expected}{hint}"
        )
    if kind == "string_pattern_mismatch":
        return f"`{_q(given)}` is not a valid id at `{dotted}`; expected {schema.ID_HINT}"
    if kind in ("too_short", "string_too_short", "list_too_short", "dict_too_short"):
        return f"`{dotted}` is empty; expected at least one value"
    if kind == "model_type" or kind == "dict_type":
        return f"`{dotted}` must be a table; got {type(given).__name__} {_value(given)}"
    if kind == "value_error":
        message = clip(str(error.get("ctx", {}).get("error", error["msg"])), QUOTE_LIMIT)
        return f"`{dotted}`: {message}"
    detail = str(error["msg"])
    detail = detail[0].lower() + detail[1:]
    detail = detail.replace("input should be", "expected", 1)
    return f"`{dotted}`: {clip(detail, QUOTE_LIMIT)} (got {_value(given)})"


# Words a curator reaches for that mean a vocabulary value: "because" is a `reason` link.
_MEANINGS = {
    "because": "reason",
    "because_of": "reason",
    "caused": "cause",
    "causes": "cause",
    "triggered": "cause",
    "about": "topic",
    "in_response_to": "response",
    "happened": "occurred",
    "took_place": "occurred",
    "virtual": "attended_virtually",
    "virtually": "attended_virtually",
    "skipped": "declined",
    "refused": "declined",
    "claimed": "possible",
    "alleged": "possible",
    "rumoured": "probable",
    "rumored": "probable",
    "believed": "probable",
    "likely": "probable",
    "sure": "certain",
    "denied": "negative",
}


def load_corpus(
    root: Path,
    limits: files.Limits | None = None,
    parsed: ParseCache | None = None,
    progress: Progress = silent,
) -> Corpus:
    """Load everything valid in ``root``; problems are in ``corpus.problems``.

    ``limits`` bounds the size of each file read (default: :meth:`files.Limits.from_env`);
    ``parsed`` keeps parsed fact files by content, so unchanged files are not parsed again;
    ``progress`` is told of each fact file read, then of the checking (see
    :mod:`tui.data.progress`).
    """
    if not (root / "facts").is_dir():
        raise NotACorpus(f"{root} is not a corpus: expected a directory holding facts/ and seeds/")
    # Loading allocates hundreds of thousands of long-lived objects and no cycles worth
    # collecting; the cyclic collector would rescan them all again and again (about half
    # of the load time of a 1,000-article corpus).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Loader(root, limits or files.Limits.from_env(), parsed, progress).run()
    finally:
        if enabled:
            gc.enable()


def load_clean_corpus(root: Path, limits: files.Limits | None = None) -> Corpus:
    """Load ``root`` and raise :class:`CorpusError` unless it has no problems."""
    corpus = load_corpus(root, limits)
    if corpus.problems:
        raise CorpusError(corpus.problems)
    return corpus
