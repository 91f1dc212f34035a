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

import datetime as dt
import gc
import hashlib
import json
import re
import reprlib
import sys
import unicodedata
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args, get_origin

from pydantic import BaseModel, ValidationError

from tui.data import files, schema, toml
from tui.data.anchoring import (
    MAX_OCCURRENCES,
    Ambiguous,
    Difference,
    NotFound,
    anchor,
    closest,
    distinguishing_prefix,
    occurrences,
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
from tui.data.packed import PackedReportIds, PackedReports
from tui.data.problems import CorpusError, NotACorpus, Problem, display_path
from tui.data.progress import CHECKING, READING, Progress, silent
from tui.data.textsafe import clip, printable
from tui.data.timecheck import disagreement
from tui.data.timex import Precision, TimeValue, TimeValueError, parse_time_value, shift
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
# How much of the words where a quote departs from its closest passage a message quotes.
SPAN_LIMIT = 60
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


def _r(value: str, limit: int = QUOTE_LIMIT) -> str:
    """A corpus string quoted as a Python literal (its edges visible), clipped."""
    return repr(value) if len(value) <= limit else repr(value[: limit - 1]) + "…"


def _value(value: object) -> str:
    """Any parsed TOML value, as a short literal: nesting, long lists and strings cut."""
    return clip(_REPR.repr(value), QUOTE_LIMIT)


_FACTS_LIMIT = files.Limits().facts


class _Source:
    """One facts file: its path, display path and article id; its text is read again only
    when a problem in it must be located (a file served from the cache is never decoded)."""

    __slots__ = ("_positions", "_text", "limit", "path", "shown", "stem")

    def __init__(
        self, path: Path, shown: str, text: str | None = None, limit: int = _FACTS_LIMIT
    ) -> None:
        self.path = path
        self.shown = shown
        self.stem = path.stem
        self.limit = limit
        self._text = text
        self._positions: Positions | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            # Read as the first time (a regular file, within the limit: never a FIFO swapped
            # in since); only line and column numbers come of it. Gone: problems at 1:1.
            try:
                raw = files.read_regular(self.path, self.limit)
            except (files.Refused, OSError):
                raw = b""
            self._text = raw.decode("utf-8", "replace")
        return self._text

    @property
    def positions(self) -> Positions:
        """Key positions, scanned only when a problem in this file must be located."""
        if self._positions is None:
            self._positions = Positions(self.text)
            self._text = None  # the positions are all that is needed of it from now on
        return self._positions


@dataclass(frozen=True, slots=True)
class _Context:
    """What reading one fact file depends on besides its bytes: where its text may be."""

    root: Path
    facts_home: files.Home
    seeds_home: files.Home
    limits: files.Limits


# A unit is what one fact file contributes, as plain JSON-able values (see _FileReader): the
# problems found in the file alone, already located, and its items, reports and links with
# every check that depends on the file and its article text alone already done. The part of
# the load that looks across files (ids, aliases, unreported facts, links, indexes) reads
# only units, so a unit kept from an earlier run gives the answer of one made again.
Unit = dict[str, Any]
UNIT_FORMAT = 2


def _new_unit() -> Unit:
    return {
        "v": UNIT_FORMAT,
        "problems": [],
        "unparsed": False,
        "broken": [],
        "reported": [],
        "items": [],
        "text_path": None,
        "text": None,
        "article_id": None,
        "article": None,
        # JSON text, decoded only when the file's reports (links) are resolved: a string is
        # a tenth of the memory of the lists, and crosses from a worker process faster.
        "reports": "",
        "links": "",
    }


def _failed(line: int, col: int, message: str) -> Unit:
    """The unit of a file that could not be read or parsed at all."""
    unit = _new_unit()
    unit["problems"].append([line, col, message])
    unit["unparsed"] = True
    return unit


# What a fact file that cannot be parsed still shows it would define: ids in table headers
# and dotted keys (`[events.call]`, `entities.putin.name = …`), keys of an `[entities]`,
# `[events]` or `[relations]` table, and the facts its reports are `of`. Read leniently,
# line by line: the line with the syntax error may be one of them.
_WRITTEN_ID = re.compile(r"""\b(?:entities|events|relations)[ \t]*\.[ \t]*["']?([\w-]+)""")
_HEADER = re.compile(r"""^[ \t]*\[+[ \t]*["']?([\w-]*)["']?[ \t]*(\]?)""")
_KEY = re.compile(r"""^[ \t]*["']?([\w-]+)["']?[ \t]*[.=]""")
_OF = re.compile(r"""\bof[ \t]*=[ \t]*["']([\w-]+)""")
_TEXT = re.compile(r"""^[ \t]*text[ \t]*=[ \t]*["']([^"'\n]+)""", re.MULTILINE)


def _open_string(line: str) -> tuple[int, str] | None:
    """The column (from 1) and quote of a string ``line`` opens and does not close."""
    opened: int | None = None
    quote = ""
    at = 0
    while at < len(line):
        char = line[at]
        if opened is None:
            if char == "#":
                return None
            if char in "\"'":
                opened, quote = at, char
        elif char == "\\" and quote == '"':
            at += 1  # an escaped character of a basic string
        elif char == quote:
            opened = None
        at += 1
    return None if opened is None else (opened + 1, quote)


def _unparsed(text: str, line: int, col: int, message: str) -> Unit:
    """The unit of a file whose text was read but could not be parsed: its problem, and the
    ids it seems to define and report, as broken and reported. References to those ids
    elsewhere are not called unknown (nor their facts unreported): fixing the file may well
    define them. References to any other id are: this file would not define it."""
    unit = _failed(line, col, message)
    unit["unparsed"] = False
    written = set(_WRITTEN_ID.findall(text))
    within = False
    for row in text.splitlines():
        header = _HEADER.match(row)
        if header is not None:
            within = header[1] in ("entities", "events", "relations") and bool(header[2])
        elif within and (key := _KEY.match(row)) is not None:
            written.add(key[1])
    unit["broken"] = sorted(written)
    unit["reported"] = sorted(set(_OF.findall(text)))
    unit["claimed"] = sorted(set(_TEXT.findall(text)))  # its article's text, not orphaned
    return unit


def read_fact_bytes(ctx: _Context, path: Path, shown: str) -> bytes | Unit:
    """The bytes of a fact file, or the unit of a file that cannot be read."""
    if not ctx.facts_home.contains(path):
        return _failed(
            1,
            1,
            "fact file resolves outside the corpus's facts/ (a symlink out of it); "
            "expected a file inside facts/",
        )
    try:
        return files.read_regular(path, ctx.limits.facts)
    except files.Refused as exc:
        return _failed(1, 1, f"fact file {exc}")
    except OSError as exc:
        return _failed(1, 1, f"cannot read fact file: {_reason(exc)}")


def read_text(ctx: _Context, text_rel: str) -> tuple[str | None, str | None, str]:
    """An article's text: (text, None) or (None, why not), and a digest of the outcome that
    changes whenever either does (a unit is reused only when its text's digest matches)."""
    text, why = _read_text(ctx, text_rel)
    if text is not None:
        digest = hashlib.sha256(b"text\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    else:
        digest = hashlib.sha256(b"none\0" + str(why).encode("utf-8", "replace")).hexdigest()
    return text, why, digest


def _read_text(ctx: _Context, text_rel: str) -> tuple[str | None, str | None]:
    path = ctx.root / text_rel
    if "\0" in text_rel:  # no file is named so; the system calls would raise ValueError
        return None, f"article text `{_q(text_rel)}` holds a NUL character; expected a file name"
    if not ctx.seeds_home.contains(path):
        # Named as written, and nothing of it read: `/proc/self/environ` or a symlink
        # to a key file must not reach check's output through the closest passage.
        return None, (
            f"article text `{_q(text_rel)}` is outside the corpus's seeds/ folder "
            "(an absolute path, `..` or a symlink out of it); "
            "expected the text in seeds/, e.g. `seeds/ID.txt`"
        )
    shown = display_path(path)
    try:
        raw = files.read_regular(path, ctx.limits.text)
    except files.Refused as exc:
        return None, f"article text `{shown}` {exc}"
    except FileNotFoundError:
        return None, (
            f"article text `{shown}` does not exist; "
            "expected the article's text there (or set `text` to its path)"
        )
    except OSError as exc:
        return None, (
            f"cannot read article text `{shown}`: "
            f"{_reason(exc)}; expected a readable UTF-8 text file"
        )
    if not raw.strip():
        return None, f"article text `{shown}` is empty; expected the article's published wording"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, (
            f"article text `{shown}` is not UTF-8 "
            f"(byte 0x{raw[exc.start]:02x} at its line {line}, column {col}); "
            "expected UTF-8 text"
        )


def read_unit(ctx: _Context, path: Path, shown: str, raw: bytes) -> tuple[Unit, str | None]:
    """What the fact file of ``raw`` contributes, and its article's text (when read)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _unparsed(
            raw.decode("utf-8", "replace"),
            line,
            col,
            f"not UTF-8: byte 0x{raw[exc.start]:02x}; expected the file to be saved as UTF-8",
        ), None
    try:
        data = toml.loads(text)
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a few hundred
        # levels exhaust Python's stack. No fact needs more than a handful.
        return _unparsed(
            text,
            1,
            1,
            "TOML nested too deeply to parse (arrays or inline tables hundreds of "
            "levels deep); expected a fact file nested a few levels at most",
        ), None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_AT.search(message)
        if match:
            line, col = int(match[1]), int(match[2])
        else:
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
        detail = _TOML_AT.sub("", message).replace("(at end of document)", "at end of file")
        detail = clip(detail.strip(), QUOTE_LIMIT)  # it may quote a key path of any length
        said = f"TOML syntax error: {detail}; expected valid TOML"
        lines = text.split("\n")
        opened = (
            _open_string(lines[line - 1])
            if detail.startswith("Illegal character '\\n'") and 0 < line <= len(lines)
            else None
        )
        if opened is not None:
            # tomllib names the end of the line; the mistake is the quote that opened it.
            col, quote = opened
            said = (
                f"TOML syntax error: the string opened at column {col} is not closed on its "
                f"line; expected a closing {quote} before the end of line {line}"
            )
        return _unparsed(text, line, col, said), None
    if not data:
        # Nothing defined at all: most likely a file saved before it was written.
        return _unparsed(
            text,
            1,
            1,
            "fact file is empty (no tables or keys); expected an [article] table with its "
            "facts, or [entities.…] tables",
        ), None
    reader = _FileReader(ctx, _Source(path, shown, text))
    reader.read_document(data)
    reader.finish()
    return reader.unit, reader.article_text


def read_unit_at(ctx: _Context, path: Path) -> tuple[Unit, str | None]:
    """:func:`read_unit` of the fact file at ``path``, read here."""
    shown = display_path(path)
    raw = read_fact_bytes(ctx, path, shown)
    if isinstance(raw, dict):
        return raw, None
    return read_unit(ctx, path, shown, raw)


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _time_value(value: TimeValue | None) -> list[str] | None:
    if value is None:
        return None
    return [value.value, value.precision, value.start.isoformat(), value.end.isoformat()]


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


class _FileReader:
    """The part of loading that depends on one fact file's bytes and its article text alone:
    validation, the article, anchoring quotes, times and source cues. Its result, a
    :data:`Unit`, is plain data: kept by content in the parse cache, or sent back by a
    worker process."""

    def __init__(self, ctx: _Context, source: _Source) -> None:
        self.ctx = ctx
        self.source = source
        self.unit = _new_unit()
        self.problems: list[list[Any]] = self.unit["problems"]
        self.article: Article | None = None
        self.article_text: str | None = None
        self.whole: schema.FactFileIn | None = None
        self.reports: list[list[Any]] = []
        self.links: list[list[Any]] = []

    def finish(self) -> None:
        """The reports and links into the unit, as JSON text (ASCII: one byte a character)."""
        if self.reports:
            self.unit["reports"] = json.dumps(self.reports, separators=(",", ":"))
        if self.links:
            self.unit["links"] = json.dumps(self.links, separators=(",", ":"))

    def problem(self, key: KeyPath, message: str) -> None:
        line, col = self.source.positions.locate(key)
        self.problems.append([line, col, message])

    def located(self, key: KeyPath, message: str) -> list[Any]:
        """A problem to report only if the checks across files come to it."""
        line, col = self.source.positions.locate(key)
        return [line, col, message]

    def read_document(self, data: dict[str, Any]) -> None:
        data = self.migrate(data)
        # One validation call for a clean file; on any error, validate item by item so
        # every problem is reported at its own key and the valid items are still kept.
        try:
            self.whole = schema.FactFileIn.model_validate(data)
        except ValidationError:
            self.whole = None
        for section_name in data:
            if section_name not in schema.TOP_LEVEL:
                self.problem(
                    (section_name,),
                    f"unknown section `{_q(section_name)}`; expected one of: "
                    f"{', '.join(schema.TOP_LEVEL)}"
                    + _did_you_mean(section_name, schema.TOP_LEVEL),
                )
        article_id: str | None = None
        if "article" in data:
            article_id = self.read_article(data["article"])
        self.unit["article_id"] = article_id
        for section, model in schema.SECTIONS.items():
            table = data.get(section, {})
            if not isinstance(table, dict):
                self.problem((section,), f"`{section}` must be a table of `[{section}.ID]`")
                continue
            for item_id, raw in table.items():
                self.read_item(section, model, item_id, raw)
        reports = data.get("reports", [])
        if not isinstance(reports, list):
            self.problem(("reports",), "`reports` must be an array of `[[reports]]` tables")
            return
        if reports and article_id is None:
            if "article" not in data:
                self.problem(
                    ("reports",),
                    "reports need an `[article]` in the same file; "
                    "expected `[article]` with `title` and `published` above them",
                )
            return
        for index, raw in enumerate(reports):
            key: KeyPath = ("reports", index)
            if isinstance(raw, dict) and isinstance(raw.get("of"), str):
                self.unit["reported"].append(raw["of"])
            valid = True
            if self.whole is not None:
                report: schema.ReportIn | None = self.whole.reports[index]
            else:
                report, valid = self.validate_or_salvage(schema.ReportIn, raw, key)
            if report is not None and article_id is not None:
                self.reports.append(self.read_report(report, key, valid))
        self.read_links(data, article_id)

    def migrate(self, data: dict[str, Any]) -> dict[str, Any]:
        """Name each format-1 form with how to write it in format 2, then read the rest as
        if the old keys were absent, so the file's other problems still show."""
        version = data.get("format", schema.FORMAT_VERSION)
        if version != schema.FORMAT_VERSION:
            self.problem(
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
                        self.problem(("reports", index, name), _V1_REPORT_KEYS[name])
                    raw = {k: v for k, v in raw.items() if k not in _V1_REPORT_KEYS}
                kept.append(raw)
            data = {**data, "reports": kept}
        return data

    def read_links(self, data: dict[str, Any], article_id: str | None) -> None:
        links = data.get("links", [])
        if not isinstance(links, list):
            self.problem(("links",), "`links` must be an array of `[[links]]` tables")
            return
        if links and article_id is None:
            self.problem(
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
                link, valid = self.validate_or_salvage(schema.LinkIn, raw, key)
            if link is not None and article_id is not None:
                self.links.append(self.read_link(link, key, valid))

    def read_item(self, section: str, model: type[BaseModel], item_id: str, raw: Any) -> None:
        key: KeyPath = (section, item_id)
        if not _ID.match(item_id):
            self.problem(key, f"`{_q(item_id)}` is not a valid id; expected {schema.ID_HINT}")
            self.unit["broken"].append(item_id)
            return
        if self.whole is not None:
            item: BaseModel | None = getattr(self.whole, section)[item_id]
        else:
            item = self.validate(model, raw, key)
        record: list[Any] | None = None
        if isinstance(item, schema.EntityIn):
            record = [
                item.name,
                item.kind,
                list(item.aliases),
                item.description,
                item.count,
                list(item.members),
            ]
        elif isinstance(item, schema.EventIn):
            record = ["e", item.type, item.summary, list(item.participants.items()), item.place]
        elif isinstance(item, schema.RelationIn):
            record = [
                "r",
                item.subject,
                item.predicate,
                item.object,
                item.negated,
                list(item.qualifiers.items()),
            ]
        self.unit["items"].append([section, item_id, list(key), record])

    def read_article(self, raw: Any) -> str | None:
        key: KeyPath = ("article",)
        valid = True
        if self.whole is not None:
            article = self.whole.article
        else:
            article, valid = self.validate_or_salvage(schema.ArticleIn, raw, key)
        article_id = self.source.stem
        if not _ID.match(article_id):
            self.problem(
                key,
                f"file name `{_q(article_id)}` is not a valid article id; "
                f"expected {schema.ID_HINT}",
            )
            return None
        if article is None:
            return article_id if isinstance(raw, dict) else None
        text_rel = article.text or f"seeds/{article_id}.txt"
        self.unit["text_path"] = text_rel
        text_key = (*key, "text") if article.text else key
        text, why, digest = read_text(self.ctx, text_rel)
        self.unit["text"] = [text_rel, digest]
        if text is None:
            self.problem(text_key, str(why))
            return article_id
        published = Published(
            article.published.date,
            article.published.earliest,
            article.published.latest,
            article.published.basis,
        )
        self.article_text = text
        self.article = Article(
            id=article_id,
            title=article.title,
            publisher="",
            url=article.url,
            published=published,
            language=article.language,
            text_path=text_rel,
            text=text,
            note=article.note,
        )
        dateline = None
        if article.dateline:
            at = text.find(article.dateline)
            if at < 0:
                self.problem(
                    (*key, "dateline"),
                    f"dateline {_r(article.dateline)} does not occur in "
                    f"`{_q(text_rel)}`; expected it as it stands in the text",
                )
            else:
                dateline = [at, at + len(article.dateline)]
        self.unit["article"] = [
            valid,
            self.article.title,
            article.url,
            [_iso(published.date), _iso(published.earliest), _iso(published.latest)],
            published.basis,
            article.language,
            article.note,
            article.publisher,
            list(article.wire),
            [
                [entity_id, [form for name in names for form in _alias_forms(name)]]
                for entity_id, names in article.aliases.items()
            ],
            dateline,
        ]
        return article_id

    def validate(self, model: type[M], raw: Any, key: KeyPath) -> M | None:
        return self.validate_or_salvage(model, raw, key)[0]

    def validate_or_salvage(self, model: type[M], raw: Any, key: KeyPath) -> tuple[M | None, bool]:
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
                self.problem((*key, *path), _describe(error, model, loc, key))
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

    # -- what depends on the article's text ----------------------------------------------

    def read_report(self, item: schema.ReportIn, key: KeyPath, valid: bool) -> list[Any]:
        quotes = time = levels = None
        article = self.article
        if article is not None:
            quotes = self.anchor_quotes(article, item, key)
            time = self.read_time(article, item, quotes, key)
            levels = self.read_sources(article, item, quotes, key)
        return [
            list(key),
            item.of,
            valid,
            [[level.by, level.statement] for level in item.sources],
            list(item.participants.items()),
            None if quotes is None else [[q.start, q.end] for q in quotes],
            time,
            levels,
            item.status,
            schema.derive_certainty(
                item.commitment, [(lv.commitment, lv.polarity) for lv in item.sources]
            ),
            item.commitment,
            item.modality,
            item.negated,
            list(item.qualifiers.items()),
            item.note,
        ]

    def read_link(self, item: schema.LinkIn, key: KeyPath, valid: bool) -> list[Any]:
        if item.from_ == item.to:
            self.problem(
                (*key, "to"),
                f"`{_q(item.to)}` is linked to itself; expected two different events or relations",
            )
        quotes = None
        if self.article is not None:
            quotes = self.anchor_quotes(self.article, item, key)
        return [
            list(key),
            item.from_,
            item.to,
            item.type,
            item.note,
            valid,
            None if quotes is None else [[q.start, q.end] for q in quotes],
        ]

    def read_time(
        self, article: Article, item: schema.ReportIn, quotes: list[Span] | None, key: KeyPath
    ) -> list[Any] | bool | None:
        """The report's time as far as this file tells: None when it has none, False when it
        is wrong whatever the other files say; else [phrase, value, anchor, role, basis,
        offset, span, then the problems to report if the checks across files reach them:
        anchored to itself, phrase not in the evidence, value not fitting the phrase]."""
        if item.time is None:
            return None
        time = item.time
        value = None
        if time.value:
            try:
                value = parse_time_value(time.value)
            except TimeValueError as exc:
                self.problem((*key, "time", "value"), str(exc))
                return False
        itself = None
        if time.anchor is not None and time.anchor == item.of:
            itself = self.located(
                (*key, "time", "anchor"),
                f"the time of `{_q(time.anchor)}` is anchored to itself; expected another event",
            )
        span = missing = wrong = None
        if quotes is not None:
            phrase = time.phrase
            span = _find_in_evidence(article.text, quotes, phrase)
            if span is None:
                missing = self.located(
                    (*key, "time", "phrase"),
                    f"time phrase {_r(phrase)} does not occur in the report's evidence; "
                    "expected it verbatim inside one of the `evidence` quotes",
                )
            elif value is not None and time.anchor is None:
                differs = disagreement(phrase, value, article.published)
                if differs is not None:
                    wrong = self.located(
                        (*key, "time", "value"),
                        f"time value `{_q(value.value)}` does not fit its phrase {_r(phrase)}: "
                        f"{differs}; expected the date the words name",
                    )
        return [
            time.phrase,
            _time_value(value),
            time.anchor,
            time.role,
            time.basis,
            time.offset,
            _span(span),
            itself,
            missing,
            wrong,
        ]

    def read_sources(
        self, article: Article, item: schema.ReportIn, quotes: list[Span] | None, key: KeyPath
    ) -> list[Any] | None:
        """Each level's cue and insertions, found inside the report's evidence."""
        if quotes is None:
            return None
        levels: list[Any] = []
        ok = True
        for n, level in enumerate(item.sources):
            where: KeyPath = (*key, "sources", n)
            cue = _find_in_evidence(article.text, quotes, level.cue)
            if cue is None:
                ok = False
                self.problem(
                    (*where, "cue"),
                    f"cue {_r(level.cue)} does not occur in the report's evidence; expected "
                    "the words that introduce the source, verbatim inside one of the "
                    "`evidence` quotes",
                )
            insertions: list[list[int]] = []
            for m, words in enumerate(level.insertions):
                span = _find_in_evidence(article.text, quotes, words)
                if span is None:
                    ok = False
                    self.problem(
                        (*where, "insertions", m),
                        f"insertion {_r(words)} does not occur in the report's evidence; "
                        "expected the reporter's words as they stand inside the quote",
                    )
                else:
                    insertions.append([span.start, span.end])
            if level.insertions and level.speech != "direct":
                ok = False
                self.problem(
                    (*where, "insertions"),
                    "insertions mark the reporter's words inside a direct quote; expected "
                    '`speech = "direct"` on this level, or no `insertions`',
                )
            if cue is not None:
                levels.append(
                    [
                        level.by,
                        [cue.start, cue.end],
                        level.commitment,
                        level.polarity,
                        level.speech,
                        level.statement,
                        insertions,
                    ]
                )
        return levels if ok else None

    def anchor_quotes(
        self, article: Article, item: schema.ReportIn | schema.LinkIn, key: KeyPath
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
                    where,
                    f"quote found in `{_q(article.text_path)}` (first at line {line}, column "
                    f"{col}) but never with its {context}: {_r(quote.exact)}; expected the "
                    "text that stands right before (`prefix`) or after (`suffix`) it",
                )
            elif isinstance(found, NotFound):
                passage = closest(text, found.closest_start, quote.exact)
                start, end = passage.start, passage.end
                line, col = article.line_col(start)
                differs = _differs(article, passage.difference)
                self.problem(
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
                    where,
                    f"quote occurs {times} in `{_q(article.text_path)}` "
                    f"({places}): {_r(quote.exact)}; expected one occurrence: lengthen it or add "
                    f"`prefix` or `suffix`, e.g. {{ exact = {_toml_str(clip(quote.exact))}, "
                    f"prefix = {_toml_str(hint)} }}",
                )
            else:
                spans.append(Span(found.start, found.end))
        return spans if len(spans) == len(item.evidence) else None


def _find_in_evidence(text: str, quotes: Sequence[Sequence[int]], words: str) -> Span | None:
    for start, end in quotes:
        at = text.find(words, start, end)
        if at >= 0:
            return Span(at, at + len(words))
    return None


class _Loader:
    def __init__(
        self,
        root: Path,
        limits: files.Limits,
        parsed: ParseCache | None = None,
        progress: Progress = silent,
        workers: int = 1,
        indexes: bool = True,
    ) -> None:
        self.root = root
        self.indexes = indexes
        self.progress = progress
        self.limits = limits
        self.parsed = parsed
        self.workers = workers
        # Where files may resolve: a symlink or `..` out of these is refused, and a `facts`
        # or `seeds` that is itself a symlink out of the corpus holds nothing readable.
        real = root.resolve()
        self.ctx = _Context(root, files.Home(real / "facts"), files.Home(real / "seeds"), limits)
        self.suggest = _Suggester()
        self.corpus = Corpus(root=root)
        self.problems = self.corpus.problems
        # Valid items: the file each was written in (its key is its section and id: see
        # fact_key), and its record until it is made. Not a tuple per item: at 10,000
        # articles the tuples and keys were 50 MB while the reports were resolved.
        self.entities: dict[str, _Source] = {}
        self.facts: dict[str, _Source] = {}
        self.entity_records: dict[str, list[Any]] = {}
        # Facts are made as their files are read (from their records, which are never all
        # held: 60 MB at 10,000 articles), and kept once their references are checked.
        self.fact_records: dict[str, Event | Relation] = {}
        self.relation_ids: set[str] = set()  # the facts written as relations
        # Each file's reports and links (unit records), with its source and article id.
        # (compressed past the first few megabytes: see squeezed)
        self.reports: list[tuple[str | bytes, _Source, str]] = []
        self.links: list[tuple[str | bytes, _Source, str]] = []
        self.held_records = 0  # characters of them held as text
        # Articles whose table is invalid, kept only to check their reports' quotes against.
        self.checked_only: dict[str, Article] = {}
        # Ids that were written but failed validation: references to them are not reported again.
        self.broken_ids: set[str] = set()
        # Every `of` written in a report, valid or not, so an event is not also called unreported.
        self.reported_ids: set[str] = set()
        # Texts that a fact file which could not be parsed may be the article of: its own
        # name's, and any `text = "…"` it seems to give. Not called uncurated.
        self.claimed_texts: set[str] = set()
        # After a file (or the facts folder) cannot be read at all, any reference might point
        # into it: don't guess. (A file read but not parsed adds the ids it seems to define
        # to broken_ids instead: see _unparsed.)
        self.unparsed = False
        # Article tables as written: their entity references are resolved after the entities.
        self.article_items: list[tuple[Article, list[Any], _Source]] = []
        # Reports whose time counts from another event: valued once every event has its time.
        self.anchored: list[tuple[Report, _Source, KeyPath]] = []
        self.time_values: dict[tuple[str, str, str, str], TimeValue] = {}

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
        for source, unit, text in self.read_units(paths):
            self.add_unit(source, unit, text)
        self.progress(READING, len(paths), len(paths))
        self.progress(CHECKING, 0, 0)
        self.unread_texts()
        self.resolve_entities()
        self.resolve_articles()
        self.resolve_facts()
        self.forget_records()
        self.resolve_reports()
        self.resolve_links()
        self.corpus.problems.sort()
        return self.corpus

    def read_units(self, paths: list[Path]) -> Iterator[tuple[_Source, Unit, str | None]]:
        """Each file's unit and text, in the order of ``paths``: from the parse cache when the
        file and its text are unchanged, else read (by worker processes when there are many)."""
        shown = [display_path(path) for path in paths]
        total = len(paths)
        if self.parsed is None:
            jobs: list[tuple[Path, str, bytes | None]] = [
                (path, name, None) for path, name in zip(paths, shown, strict=True)
            ]
            for done, (unit, text) in enumerate(self.compute(jobs)):
                self.progress(READING, done, total)
                yield _Source(paths[done], shown[done], limit=self.limits.facts), unit, text
            return
        # With a cache: each file is read here, its unit looked up by its bytes, and the
        # unit kept only if the text it was made from is the text there now.
        if self.workers <= 1:
            yield from self.read_units_here(paths, shown)
            return
        found: list[tuple[Unit, str | None] | None] = []
        misses: list[tuple[Path, str, bytes | None]] = []
        keys: list[bytes | None] = []
        for done, (path, name) in enumerate(zip(paths, shown, strict=True)):
            self.progress(READING, done, total)
            raw = read_fact_bytes(self.ctx, path, name)
            if isinstance(raw, dict):
                found.append((raw, None))
                keys.append(None)
                continue
            key, kept = self.cached(name, raw)
            if kept is not None:
                found.append(kept)
                keys.append(None)
                continue
            found.append(None)
            keys.append(key)
            misses.append((path, name, raw))
        computed = iter(self.compute(misses))
        for index, kept in enumerate(found):
            if kept is None:
                kept = next(computed)
                made = keys[index]
                if made is not None:
                    self.parsed.put(made, kept[0])
            yield _Source(paths[index], shown[index], limit=self.limits.facts), kept[0], kept[1]

    def read_units_here(
        self, paths: list[Path], shown: list[str]
    ) -> Iterator[tuple[_Source, Unit, str | None]]:
        """:meth:`read_units` with a cache and no workers: each file taken in as it is read.
        (Holding the bytes of every file missed until all were read, as the workers need,
        put them all in memory at once: 145 MB at 10,000 articles, whose space then stayed
        the process's.)"""
        assert self.parsed is not None
        total = len(paths)
        for done, (path, name) in enumerate(zip(paths, shown, strict=True)):
            self.progress(READING, done, total)
            source = _Source(path, name, limit=self.limits.facts)
            raw = read_fact_bytes(self.ctx, path, name)
            if isinstance(raw, dict):
                yield source, raw, None
                continue
            key, kept = self.cached(name, raw)
            if kept is not None:
                yield source, kept[0], kept[1]
                continue
            unit, text = read_unit(self.ctx, path, name, raw)
            del raw
            self.parsed.put(key, unit)
            yield source, unit, text

    def cached(self, name: str, raw: bytes) -> tuple[bytes, tuple[Unit, str | None] | None]:
        """The parse cache's key for a fact file's bytes, and the unit and text it keeps for
        them if still usable (a unit whose text changed counts as a miss)."""
        assert self.parsed is not None
        key = self.parsed.key(name, raw)
        cached = self.parsed.get(key)
        if cached is None:
            return key, None
        kept = self.reuse(cached)
        if kept is None:
            self.parsed.hits -= 1
            self.parsed.misses += 1
        return key, kept

    def reuse(self, unit: Unit) -> tuple[Unit, str | None] | None:
        """A kept unit and its text, if its text is still the one it was made from."""
        kept = unit.get("text")
        if kept is None:
            return unit, None
        text_rel, digest = kept
        text, _why, now = read_text(self.ctx, text_rel)
        return (unit, text) if now == digest else None

    def compute(
        self, jobs: list[tuple[Path, str, bytes | None]]
    ) -> Iterable[tuple[Unit, str | None]]:
        """The units of ``jobs`` (path, display path, bytes when already read), in order."""
        if self.workers > 1 and len(jobs) >= MIN_PARALLEL:
            results = _in_workers(self.ctx, jobs, self.workers)
            if results is not None:
                return results
        return (
            read_unit(self.ctx, path, name, raw)
            if raw is not None
            else read_unit_at(self.ctx, path)
            for path, name, raw in jobs
        )

    def add_unit(self, source: _Source, unit: Unit, text: str | None) -> None:
        """Take in what one file contributes: its own problems, its items (duplicate ids are
        found here, in file order), its article, reports and links."""
        shown = source.shown
        self.problems.extend(
            Problem(shown, line, col, message) for line, col, message in unit["problems"]
        )
        if unit["unparsed"]:
            self.unparsed = True
        self.broken_ids.update(unit["broken"])
        self.reported_ids.update(unit["reported"])
        if "claimed" in unit:
            self.claimed_texts.add(f"seeds/{source.path.stem}.txt")
            self.claimed_texts.update(Path(rel).as_posix() for rel in unit["claimed"])
        for section, item_id, _key, record in unit["items"]:
            item_id = intern(item_id)
            key: KeyPath = (section, item_id)
            registry = self.entities if section == "entities" else self.facts
            if item_id in registry:
                other = registry[item_id]
                other_key = (
                    ("entities", item_id) if registry is self.entities else self.fact_key(item_id)
                )
                line, col = other.positions.locate(other_key)
                kind = "entity" if section == "entities" else "event or relation"
                self.problem(
                    source,
                    key,
                    f"duplicate id `{_q(item_id)}`: this {kind} is already defined at "
                    f"{other.shown}:{line}:{col}; expected each id once in the corpus",
                )
                continue
            if record is None:
                self.broken_ids.add(item_id)
                continue
            registry[item_id] = source
            if section == "entities":
                self.entity_records[item_id] = _interned(record)
            else:
                self.fact_records[item_id] = _fact(item_id, record)
                if section == "relations":
                    self.relation_ids.add(item_id)
        if unit["text_path"] is not None:
            self.corpus.text_paths.append(unit["text_path"])
        article_id: str | None = unit["article_id"]
        record = unit["article"]
        if record is not None and text is not None and article_id is not None:
            (valid, title, url, (date, earliest, latest), basis, language, note) = record[:7]
            article = Article(
                id=article_id,
                title=title,
                publisher="",  # named once the entities are known
                url=url,
                published=Published(_date(date), _date(earliest), _date(latest), basis),
                language=language,
                text_path=unit["text"][0],
                text=text,
                note=note,
            )
            (self.corpus.articles if valid else self.checked_only)[article_id] = article
            self.article_items.append((article, record, source))
        if article_id is not None:
            if unit["reports"]:
                self.reports.append((self.squeezed(unit["reports"]), source, article_id))
            if unit["links"]:
                self.links.append((self.squeezed(unit["links"]), source, article_id))

    def squeezed(self, records: str) -> str | bytes:
        """A file's reports or links as held until every fact is known: compressed (see
        _squeezed) once more than a few megabytes of them are held, as they are before."""
        if self.held_records > SQUEEZE_AFTER:
            return _squeezed(records)
        self.held_records += len(records)
        return records

    def unread_texts(self) -> None:
        """A text in seeds/ that no article reads is an article nobody has curated yet."""
        read = {Path(rel).as_posix() for rel in self.corpus.text_paths}
        seeds = self.root / "seeds"
        try:
            names = files.list_texts(seeds)
        except OSError:
            return  # an unreadable seeds/ shows as the texts that cannot be read
        for name in names:
            path = seeds / name
            rel = f"seeds/{name}"
            if rel not in read and rel not in self.claimed_texts:
                stem = printable(path.stem)
                self.problem(
                    display_path(path),
                    (),
                    f"`{printable(rel)}` is no article's text; expected `facts/{stem}.toml` "
                    "with an `[article]` table for it, or the text removed",
                )

    # -- resolving -------------------------------------------------------------------------

    def unknown(self, ref: str, known: Collection[str], what: str) -> str:
        hint = self.suggest(ref, known, what)
        return f"unknown {what} `{_q(ref)}`" + (hint or f"; expected the id of an {what} in facts/")

    def fact_key(self, fact_id: str) -> KeyPath:
        """Where a fact of ``self.facts`` is written in its file."""
        return ("relations" if fact_id in self.relation_ids else "events", fact_id)

    def check_entity(self, ref: str, source: _Source, key: KeyPath) -> bool:
        if ref in self.entities:
            return True
        if ref not in self.broken_ids and not self.unparsed:
            self.problem(source, key, self.unknown(ref, self.entities, "entity"))
        return False

    def resolve_entities(self) -> None:
        owner: dict[str, str] = {}
        for entity_id, item in self.entity_records.items():
            source, key = self.entities[entity_id], ("entities", entity_id)
            name, kind, written, description, count, members = item
            aliases: list[str] = []
            for alias in (name, *written):
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
                name=name,
                kind=kind,
                aliases=tuple(aliases),
                description=description,
                count=count,
                members=tuple(members),
            )
        for entity_id, item in self.entity_records.items():
            for n, member in enumerate(item[5]):
                self.check_entity(
                    member, self.entities[entity_id], ("entities", entity_id, "members", n)
                )

    def resolve_articles(self) -> None:
        """Publisher, wire and local aliases: checked against the entities, so a name here is
        as trustworthy as one in a report (the dateline was found in the text with the file)."""
        for article, item, source in self.article_items:
            publisher, wire, local_aliases, dateline = item[7:11]
            key: KeyPath = ("article",)
            media = [(ref, (*key, "publisher")) for ref in [publisher] if ref is not None] + [
                (ref, (*key, "wire", n)) for n, ref in enumerate(wire)
            ]
            for ref, where in media:
                if self.check_entity(ref, source, where):
                    kind = self.corpus.entities[ref].kind
                    if kind != "media":
                        self.problem(
                            source,
                            where,
                            f"`{_q(ref)}` is a {kind}, not a media entity; expected the id of "
                            'an entity with `kind = "media"`',
                        )
            if publisher is not None and publisher in self.corpus.entities:
                article.publisher = self.corpus.entities[publisher].name
                article.publisher_id = publisher
            article.wire = tuple(w for w in wire if w in self.corpus.entities)
            if dateline is not None:
                article.dateline = Span(dateline[0], dateline[1])
            local: list[tuple[str, str]] = []
            for entity_id, forms in local_aliases:
                if not self.check_entity(entity_id, source, (*key, "aliases", entity_id)):
                    continue
                local.extend((form, entity_id) for form in forms)
            article.local_aliases = tuple(local)

    def resolve_facts(self) -> None:
        # One pass per fact of the corpus: a reference found is not passed through
        # check_entity.
        entities, events, relations = self.entities, self.corpus.events, self.corpus.relations
        facts = self.facts
        for fact_id, fact in self.fact_records.items():
            source, key = facts[fact_id], self.fact_key(fact_id)
            if isinstance(fact, Event):
                ok = True
                for e, _role in fact.participants:
                    if e not in entities:
                        ok = self.check_entity(e, source, (*key, "participants", e)) and ok
                place = fact.place
                if place is not None and place not in entities:
                    ok = self.check_entity(place, source, (*key, "place")) and ok
                if ok:
                    events[fact_id] = fact
                    continue
            else:
                subject, obj = fact.subject, fact.object
                ok = subject in entities and obj in entities
                if not ok:
                    ok = all(
                        [
                            self.check_entity(subject, source, (*key, "subject")),
                            self.check_entity(obj, source, (*key, "object")),
                        ]
                    )
                if ok:
                    relations[fact_id] = fact
                    continue
            self.broken_ids.add(fact_id)

    def forget_records(self) -> None:
        """Entities and facts are made: nothing is left to check of the entities' records,
        and the facts whose references failed are not kept."""
        self.entity_records = {}
        self.fact_records = {}

    def resolve_reports(self) -> None:
        # The hot loop of a load served from the cache (one pass per report of the corpus):
        # lookups are local, and a reference found is not passed through check_entity.
        corpus = self.corpus
        events, relations, entities = corpus.events, corpus.relations, self.entities
        reports, by_fact, by_entity = (
            corpus.reports,
            corpus.reports_by_fact,
            corpus.reports_by_entity,
        )
        new = tuple.__new__
        cited_by: dict[str, set[str]] = {}  # fact → entities its reports are attributed to
        indexes = self.indexes
        best: dict[str, TimeValue] = {}  # fact → its time so far (see fact_times)
        # Without the explorer's indexes (`check`, `export`), each article's reports are
        # packed once made (see tui.data.packed): a third of those commands' memory.
        packed = None if indexes else PackedReports()
        ids_by_fact = None if indexes else PackedReportIds()
        if packed is not None and ids_by_fact is not None:
            corpus.reports, corpus.reports_by_fact = packed, ids_by_fact
        # The article's reports, to pack: their plain values, or the Report itself for one
        # kept whole (its time may yet change: see value_anchored_times).
        made: list[tuple[str, Report | tuple[Any, ...]]] = []
        # Each file's records are dropped once its reports are made: at no time are both
        # every record and every report held (a tenth of the peak memory at 10,000 articles).
        pending, self.reports = self.reports, []
        for index, (records, source, article_id) in enumerate(pending):
            pending[index] = (b"", source, article_id)
            if packed is not None and made:
                packed.add_article(pending[index - 1][2], made)
                made = []
            article = corpus.articles.get(article_id) or self.checked_only.get(article_id)
            loaded = article_id in corpus.articles
            counts: dict[str, int] = {}  # reports of each fact in this article
            for record in _records(records):
                (key, of, valid, sources, participants, quotes, time_in, levels_in) = record[:8]
                fact: Event | Relation | None = events.get(of)
                if fact is None:
                    fact = relations.get(of)
                ok = fact is not None
                if fact is None and of not in self.broken_ids and not self.unparsed:
                    self.problem(
                        source, (*key, "of"), self.unknown(of, self.facts, "event or relation")
                    )
                for n, (by, statement) in enumerate(sources):
                    if by not in entities:
                        ok = self.check_entity(by, source, (*key, "sources", n, "by")) and ok
                    if statement is not None:
                        ok = self.check_statement(statement, of, source, key, n) and ok
                for entity_id, _role in participants:
                    if entity_id not in entities:
                        self.check_entity(entity_id, source, (*key, "participants", entity_id))
                        ok = False
                if participants and isinstance(fact, Relation):
                    ok = False
                    self.problem(
                        source,
                        (*key, "participants"),
                        f"`{_q(of)}` is a relation: it has a subject and an object, not "
                        "participants; expected `participants` only on reports of events",
                    )
                if article is None:
                    continue  # its text could not be read; that problem is already reported
                time = (
                    None if time_in is None else self.resolve_time(of, time_in, quotes, source, key)
                )
                if not ok or quotes is None or time is False or levels_in is None:
                    continue
                if not valid or not loaded:
                    continue  # checked so that its problems show, but not loaded
                assert fact is not None
                status, certainty, commitment, modality, negated, qualifiers, note = record[8:]
                of = intern(of)
                status = intern(status) if status else None
                certainty, commitment, modality = (
                    intern(certainty),
                    intern(commitment),
                    intern(modality),
                )
                status = status or ("occurred" if isinstance(fact, Event) else "holds")
                n = counts[of] = counts.get(of, 0) + 1
                report_id = f"{article_id}/{of}/{n}" if n > 1 else f"{article_id}/{of}"
                ref = time if isinstance(time, TimeRef) else None
                if packed is not None and _packable(ref, levels_in):
                    # Packed as plain values, without making the Report and its parts.
                    sources = (
                        tuple(
                            [
                                (intern(by), cue, intern(said), intern(polarity), intern(speech),
                                 statement, within)
                                for by, cue, said, polarity, speech, statement, within in levels_in
                            ]
                        )
                        if levels_in
                        else ()
                    )  # fmt: skip
                    values = packed.values_of(
                        of,
                        status,
                        certainty,
                        quotes,
                        ref,
                        tuple(dict.fromkeys([level[0] for level in sources])) if sources else (),
                        note,
                        sources,
                        commitment,
                        modality,
                        negated,
                        tuple([(intern(e), intern(r)) for e, r in participants])
                        if participants
                        else (),
                        tuple([(intern(k), v) for k, v in qualifiers]) if qualifiers else (),
                    )
                    made.append((report_id, values))
                    assert ids_by_fact is not None
                    ids_by_fact.add(of, article_id)
                    if (
                        ref is not None
                        and (value := ref.value) is not None
                        and ((held := best.get(of)) is None or _narrower(value, held))
                    ):
                        best[of] = value  # the fact's time so far (see _narrower)
                    continue
                levels = (
                    tuple(
                        [
                            SourceLevel(
                                intern(by),
                                new(Span, cue),
                                intern(said),
                                intern(polarity),
                                intern(speech),
                                None if statement is None else intern(statement),
                                tuple([new(Span, s) for s in within]),
                            )
                            for by, cue, said, polarity, speech, statement, within in levels_in
                        ]
                    )
                    if levels_in
                    else ()
                )
                spans = tuple([new(Span, q) for q in quotes])
                according_to = (
                    tuple(dict.fromkeys([level.entity_id for level in levels])) if levels else ()
                )
                report = Report(
                    report_id,
                    of,
                    article_id,
                    status,
                    certainty,
                    spans,
                    time if isinstance(time, TimeRef) else None,
                    according_to,
                    note,
                    levels,
                    commitment,
                    modality,
                    negated,
                    tuple([new(Participant, (intern(e), intern(r))) for e, r in participants])
                    if participants
                    else (),
                    tuple([(intern(k), v) for k, v in qualifiers]) if qualifiers else (),
                )
                if packed is None:
                    reports[report_id] = report
                else:
                    made.append((report_id, report))
                if ids_by_fact is not None:
                    ids_by_fact.add(of, article_id)
                elif (found := by_fact.get(of)) is None:
                    by_fact[of] = [report_id]
                else:
                    found.append(report_id)
                assert article is not None
                if indexes:
                    article.citations.extend([(q[0], q[1], report_id) for q in spans])
                if isinstance(time, TimeRef):
                    if time.anchor is not None:
                        self.anchored.append((report, source, tuple(key)))
                    value = time.value
                    if value is not None and (
                        (held := best.get(of)) is None or _narrower(value, held)
                    ):
                        best[of] = value  # the fact's time so far (see _narrower)
                if indexes:
                    added = tuple([e for e, _ in participants]) if participants else ()
                    if added or according_to:
                        named: Iterable[str] = dict.fromkeys(
                            (*fact.entity_ids, *added, *according_to)
                        )
                        cited_by.setdefault(of, set()).update((*according_to, *added))
                    else:
                        named = fact.entity_ids  # already without repeats
                    for entity_id in named:
                        found = by_entity.get(entity_id)
                        if found is None:
                            by_entity[entity_id] = [report_id]
                        else:
                            found.append(report_id)
                for resolved in levels:
                    if resolved.statement is not None:
                        self.derive_statement_link(report, resolved, article_id)
        if packed is not None and made:
            packed.add_article(pending[-1][2], made)
        for fact_id in (*corpus.events, *corpus.relations):
            if fact_id not in self.reported_ids:
                self.problem(
                    self.facts[fact_id],
                    self.fact_key(fact_id),
                    f"`{_q(fact_id)}` is reported by no article; "
                    'expected at least one `[[reports]]` with `of = "' + _q(fact_id) + '"`',
                )
            if indexes:
                fact = corpus.fact(fact_id)
                assert fact is not None
                cited = sorted(cited_by.get(fact_id, set()).difference(fact.entity_ids))
                for entity_id in (*fact.entity_ids, *cited):
                    corpus.facts_by_entity.setdefault(entity_id, []).append(fact_id)
        if indexes:
            for article in corpus.articles.values():
                article.citations.sort()
        fact_time = corpus.fact_time
        for fact_id in corpus.reports_by_fact:  # in the order fact_times() would give
            if (value := best.get(fact_id)) is not None:
                fact_time[fact_id] = value
        self.fact_times(self.value_anchored_times())
        # An entity's facts in time order (undated last), so the explorer never sorts.
        never = "9999"
        for facts in corpus.facts_by_entity.values():
            facts.sort(
                key=lambda f: (
                    v.start.isoformat() if (v := corpus.fact_time.get(f)) else never,
                    f,
                )
            )

    def resolve_time(
        self,
        of: str,
        time: list[Any] | bool | None,
        quotes: list[Any] | None,
        source: _Source,
        key: KeyPath,
    ) -> TimeRef | bool | None:
        """The report's time, None when it has none, False when it is wrong."""
        if time is None or time is False:
            return time
        assert isinstance(time, list)
        phrase, value, anchor, role, basis, offset, span, itself, missing, wrong = time
        if anchor is not None:
            if anchor not in self.facts:
                if anchor not in self.broken_ids and not self.unparsed:
                    self.problem(
                        source,
                        (*key, "time", "anchor"),
                        self.unknown(anchor, self.facts, "event or relation"),
                    )
                return False
            if itself is not None:
                self.problems.append(Problem(source.shown, *itself))
                return False
        if quotes is None:
            return False
        for found in (missing, wrong):
            if found is not None:
                self.problems.append(Problem(source.shown, *found))
                return False
        assert span is not None
        return TimeRef(
            phrase,
            None if value is None else self.time_value(value),
            Span(span[0], span[1]),
            intern(role),
            basis,
            None if anchor is None else intern(anchor),
            offset,
        )

    def time_value(self, value: list[str]) -> TimeValue:
        """The value written as ``value``; one object for each value (they are frozen), as
        thousands of reports give the same day."""
        key = (value[0], value[1], value[2], value[3])
        made = self.time_values.get(key)
        if made is None:
            start, end = dt.date.fromisoformat(value[2]), dt.date.fromisoformat(value[3])
            precision = cast(Precision, value[1])
            made = self.time_values[key] = TimeValue(intern(value[0]), precision, start, end)
        return made

    def fact_times(self, only: Collection[str]) -> None:
        """The time of each fact of ``only`` (its narrowest report time) made again."""
        if not only:
            return
        corpus = self.corpus
        for fact_id in corpus.reports_by_fact:  # not .items(): packed ids are made on reading
            if fact_id not in only:
                continue
            refs = [corpus.reports[r].time for r in corpus.reports_by_fact[fact_id]]
            times = [ref.value for ref in refs if ref is not None and ref.value is not None]
            if times:
                corpus.fact_time[fact_id] = min(times, key=lambda t: (t.end - t.start, t.start))

    def value_anchored_times(self) -> set[str]:
        """A time anchored to another event takes that event's time moved by its offset; a
        value written beside the anchor must agree with it. Returns the facts of the reports
        given a value, whose own time may change with it."""
        valued: set[str] = set()
        for report, source, key in self.anchored:
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
                valued.add(report.fact_id)
            elif not (time.value.start <= derived.end and derived.start <= time.value.end):
                self.problem(
                    source,
                    (*key, "time", "value"),
                    f"time value `{_q(time.value.value)}` does not fit its anchor: "
                    f"`{_q(time.anchor)}` is at `{_q(base.value)}`, so {_r(time.phrase)} is "
                    f"`{_q(derived.value)}`; expected that value, or the `value` left out",
                )
        return valued

    def check_statement(
        self, statement: str, fact_id: str, source: _Source, key: KeyPath, n: int
    ) -> bool:
        where: KeyPath = (*key, "sources", n, "statement")
        if statement not in self.facts:
            if statement not in self.broken_ids and not self.unparsed:
                self.problem(source, where, self.unknown(statement, self.facts, "event"))
            return False
        if statement in self.relation_ids:
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

    def resolve_links(self) -> None:
        corpus = self.corpus
        pending, self.links = self.links, []
        for index, (records, source, article_id) in enumerate(pending):
            pending[index] = (b"", source, article_id)
            article = corpus.articles.get(article_id) or self.checked_only.get(article_id)
            for key_list, from_, to, kind, note, valid, quotes in _records(records):
                key: KeyPath = tuple(key_list)
                ok = True
                for end, ref in (("from", from_), ("to", to)):
                    if corpus.fact(ref) is None:
                        ok = False
                        if ref not in self.broken_ids and not self.unparsed:
                            self.problem(
                                source,
                                (*key, end),
                                self.unknown(ref, self.facts, "event or relation"),
                            )
                if from_ == to:
                    ok = False  # reported with the file
                if article is None:
                    continue
                if not ok or quotes is None or not valid or article_id not in corpus.articles:
                    continue
                link_id = f"{article_id}/{from_}/{kind}/{to}"
                while link_id in corpus.links:
                    link_id += "+"
                corpus.links[link_id] = Link(
                    link_id, kind, from_, to, article_id, tuple(Span(s, e) for s, e in quotes), note
                )
                for end in dict.fromkeys((from_, to)):
                    corpus.links_by_fact.setdefault(end, []).append(link_id)


# How many characters of the files' reports and links the loader holds as text before it
# compresses the rest (about 900 articles' worth): compressing costs a tenth of a check
# served from the parse cache, which a small corpus need not pay.
SQUEEZE_AFTER = 8 << 20


def _squeezed(text: str) -> bytes:
    """A unit's reports or links (JSON text) compressed, as the loader holds them past the
    first few megabytes until every fact is known: they are most of what it holds then (91
    MB of 480 at 10,000 articles; a sixth of that compressed, at 160 MB/s)."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _records(held: str | bytes) -> list[list[Any]]:
    """A unit's reports or links (a unit from the cache whose digest matched, or made now),
    from their text or from it compressed (see _squeezed)."""
    try:
        text = (
            held
            if isinstance(held, str)
            else zlib.decompress(held).decode("utf-8", "surrogatepass")
        )
        records = _RECORDS.decode(text)
    except (ValueError, RecursionError, zlib.error):
        return []
    return records if isinstance(records, list) else []


# Offsets into an article's text, as one object each: the ints of every report's quotes,
# cues and times (several per report, 28 bytes each past 256) were a sixth of what a
# loaded corpus holds.
_SHARED_INTS = list(range(1 << 16))


def _shared_int(text: str, ints: list[int] = _SHARED_INTS, count: int = 1 << 16) -> int:
    value = int(text)
    return ints[value] if 0 <= value < count else value


_RECORDS = json.JSONDecoder(parse_int=_shared_int)


def _narrower(value: TimeValue, held: TimeValue) -> bool:
    """Whether a report's time ``value`` is to be its fact's time rather than ``held``, the
    time of an earlier report: the narrowest value, the earliest of equally narrow ones,
    the first of equal ones."""
    return (value.end - value.start, value.start) < (held.end - held.start, held.start)


def _packable(time: TimeRef | None, levels: list[Any]) -> bool:
    """Whether a report may be packed without being made: not one whose time counts from
    another event (valued later, on the object), nor one whose source says so in a
    statement event (the derived link is made from the report)."""
    if time is not None and time.anchor is not None:
        return False
    return not any(level[5] is not None for level in levels)


def _interned(record: list[Any]) -> list[Any]:
    """An entity record with its kind and members shared with every other use."""
    record[1] = intern(record[1])
    record[5] = [intern(m) for m in record[5]]
    return record


def _fact(fact_id: str, record: list[Any]) -> Event | Relation:
    """The event or relation of a unit's record, its ids and vocabulary shared with every
    other use; kept only if its references hold (see _Loader.resolve_facts)."""
    if record[0] == "e":  # an event: its type, participants and roles, place
        _, kind, summary, pairs, place = record
        participants = tuple([_new(Participant, (intern(e), intern(r))) for e, r in pairs])
        place = None if place is None else intern(place)
        ids = [p.entity_id for p in participants]
        if place:
            ids.append(place)
        return Event(fact_id, intern(kind), summary, participants, place, tuple(dict.fromkeys(ids)))
    _, subject, predicate, obj, negated, qualifiers = record  # a relation
    subject, predicate, obj = intern(subject), intern(predicate), intern(obj)
    return Relation(
        fact_id,
        subject,
        predicate,
        obj,
        negated,
        tuple([(k, v) for k, v in qualifiers]),
        (subject,) if subject == obj else (subject, obj),
    )


_new = tuple.__new__


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# Fewer fact files than this to read are read here: starting workers would cost more.
MIN_PARALLEL = 32


def _worker_job(
    job: tuple[_Context, list[tuple[Path, str, bytes | None]]],
) -> list[tuple[Unit, str | None]]:
    ctx, batch = job
    gc.disable()  # as in load_corpus: nothing made here is cyclic garbage
    return [
        read_unit(ctx, path, name, raw) if raw is not None else read_unit_at(ctx, path)
        for path, name, raw in batch
    ]


def _in_workers(
    ctx: _Context, jobs: list[tuple[Path, str, bytes | None]], workers: int
) -> Iterator[tuple[Unit, str | None]] | None:
    """The units of ``jobs`` read by ``workers`` processes, in order; None when processes
    cannot be started here (the caller reads them itself)."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # Forking copies the loaded interpreter at once, but is safe only with one thread (a lock
    # held by another thread would stay held in the child); a process started afresh would
    # run the caller's main module again. With other threads, the files are read here.
    if threading.active_count() != 1:
        return None
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform
        return None
    # Small batches, so that the workers stay busy to the end and results stream back in order.
    size = max(4, min(64, len(jobs) // (workers * 8) or 1))
    batches = [(ctx, jobs[i : i + size]) for i in range(0, len(jobs), size)]
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context)
    except (OSError, ValueError):  # pragma: no cover - no processes to be had
        return None
    return _gathered(pool, batches)


def _gathered(
    pool: Any, batches: list[tuple[_Context, list[tuple[Path, str, bytes | None]]]]
) -> Iterator[tuple[Unit, str | None]]:
    from concurrent.futures.process import BrokenProcessPool

    with pool:
        done = 0
        try:
            for batch in pool.map(_worker_job, batches):
                done += 1
                yield from batch
        except (BrokenProcessPool, OSError):
            # A worker died (killed, out of memory): the rest is read here, the same way.
            for _ctx, rest in batches[done:]:
                yield from _worker_job((_ctx, rest))


def _differs(article: Article, diff: Difference | None) -> str:
    """Where the quote departs from the closest passage: the character that differs, naming
    look-alikes, or the words (a word changed, added or left out)."""
    if diff is None:
        return ""
    line, col = article.line_col(diff.text_offset)
    where = f"; it differs at line {line}, column {col} of the article"
    quoted, written = diff.quoted, diff.written
    if len(quoted) > 1 or len(written) > 1:
        if not quoted:
            return f"{where}: the quote leaves out {_words(written)}"
        if not written:
            return f"{where}: the quote adds {_words(quoted)}"
        said = f"{_words(quoted)} in the quote, {_words(written)} in the article"
    elif not quoted:
        return f"{where}: the quote leaves out {_char(written)}"
    elif not written:
        return f"{where}: the quote adds {_char(quoted)}"
    else:
        said = f"{_char(quoted)} in the quote, {_char(written)} in the article"
    if fold(quoted) == fold(written):
        said += " (characters that look alike)"
    return f"{where}: {said}"


def _words(text: str) -> str:
    """Words of the corpus that differ, quoted as a Python literal and clipped shorter than
    a quote: the message shows the quote and the passage in full already."""
    return _r(text, SPAN_LIMIT)


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
    workers: int = 1,
    freeze: bool = False,
    indexes: bool = True,
) -> Corpus:
    """Load everything valid in ``root``; problems are in ``corpus.problems``.

    ``limits`` bounds the size of each file read (default: :meth:`files.Limits.from_env`);
    ``parsed`` keeps what each fact file contributes by content (its own checks done), so
    unchanged files are not read again; ``progress`` is told of each fact file read, then of
    the checking (see :mod:`tui.data.progress`); ``workers`` > 1 reads the fact files in that
    many forked processes (only from a process with no other threads: ``check`` and
    ``export``, never the explorer). The answer is the same whatever the cache and workers.
    ``freeze`` moves every object alive at the end out of the cyclic collector's reach
    (:func:`gc.freeze`), for a process that then only reads the corpus: else the first
    collection after loading walks all of them. ``indexes=False`` leaves out what only the
    explorer reads (each article's citations, the reports and facts of each entity), for
    ``check`` and ``export``; everything else, problems included, is the same.
    """
    if not (root / "facts").is_dir():
        raise NotACorpus(f"{root} is not a corpus: expected a directory holding facts/ and seeds/")
    # Loading allocates hundreds of thousands of long-lived objects and no cycles worth
    # collecting; the cyclic collector would rescan them all again and again (about half
    # of the load time of a 1,000-article corpus).
    enabled = gc.isenabled()
    gc.disable()
    try:
        limits = limits or files.Limits.from_env()
        corpus = _Loader(root, limits, parsed, progress, workers, indexes).run()
        if freeze:
            gc.freeze()
        return corpus
    finally:
        if enabled:
            gc.enable()


def load_clean_corpus(root: Path, limits: files.Limits | None = None) -> Corpus:
    """Load ``root`` and raise :class:`CorpusError` unless it has no problems."""
    corpus = load_corpus(root, limits)
    if corpus.problems:
        raise CorpusError(corpus.problems)
    return corpus
