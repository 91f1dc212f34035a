"""Draft a new article's facts file: what a curator would otherwise look up by hand.

``diplo-tui draft seeds/ID.txt`` writes ``facts/ID.toml`` holding only the ``[article]``
table, so that it passes ``check`` as it stands (a report needs verbatim evidence, which only
the curator can choose). Everything else is comments, in the order a curator uses them: the
known entities the text mentions (by id), names that are nearly a known one (Sergei/Sergey:
an alias to add, or a different person?), names the corpus does not know, every time phrase
with a proposed value, the source cues, and the text's sentences, numbered by paragraph, to
write reports from one by one.

Every string from the text goes into a comment through :func:`neutralise_line`, so a comment
is one line whatever the text holds, and into the title through :func:`toml_string`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tui.data.corpus import Corpus, Mention, Span, split_sentences
from tui.data.coverage import paragraph_starts
from tui.data.folding import fold
from tui.data.mentions import AliasMatcher
from tui.data.textsafe import clip, neutralise_line
from tui.data.timephrases import TimePhrase, find_time_phrases

# Words that say who speaks: the cues of FactBank's source chains, as news writes them.
CUES = (
    "according to",
    "as saying",
    "citing",
    "cited",
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "reported",
    "quoted",
    "quoting",
    "denies",
    "denied",
    "conveyed",
    "believed",
    "stated",
    "announced",
    "confirmed",
    "added",
    "claimed",
    "alleged",
    "insisted",
)
_CUE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in CUES) + r")(?![\w])",
    re.IGNORECASE,
)
# A capitalised word; "U.S.", "O'Brien", "Anwar-ul-Haq", "Xi’s" (the possessive is cut off).
_NAME_WORD = r"(?:[A-Z][\w]*(?:[-'’.][\w]+)*\.?)"
_NAME = re.compile(
    rf"(?<![\w]){_NAME_WORD}(?:[ \t]+(?:(?:of|for)[ \t]+(?:the[ \t]+)?)?{_NAME_WORD})*(?![\w])"
)
# Titles and sentence-initial words that begin a capitalised run but name nobody.
_TITLES = frozenset(
    """
    president vice prime minister foreign deputy secretary general secretary-general
    chairman chairwoman chief premier king queen prince sheikh mr mrs ms dr sir
    spokesman spokeswoman spokesperson ambassador envoy senator governor mayor
    minister-president
    """.split()  # noqa: SIM905
)
_FUNCTION = frozenset(
    """
    the a an this that these those he she it they we i you his her its their our my in
    on at for from to by with of and but or as if when while after before since during
    following meanwhile however also just so yet there here what who why how where which
    according members member representatives leaders speculation earlier later no yes
    """.split()  # noqa: SIM905
)
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday
    """.split()  # noqa: SIM905
)
_DEMONYM = re.compile(r"(?:ian|ean|yan|ese|ish|kan|can|ern|ic)\Z")
_DEMONYM_WORDS = frozenset(
    """
    thai kazakh uzbek lao kyrgyz argentine arab chinese
    """.split()  # noqa: SIM905
)
NEAR = 85  # rapidfuzz ratio (0–100) above which a name is "nearly" a known one


@dataclass(frozen=True, slots=True)
class Found:
    """A piece of the text at ``[start, end)``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NearName:
    """A name in the text that is almost a known entity's name or alias."""

    found: Found
    entity_id: str
    alias: str
    score: float
    # "near": spelt nearly the same; "part": one word of the known name; "case": the same
    # but for case.
    how: str = "near"


@dataclass(slots=True)
class Draft:
    article_id: str
    text: str
    published: dt.date
    published_note: str  # how the publication date was had, when not from --published
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    near: list[NearName] = field(default_factory=list)
    candidates: list[Found] = field(default_factory=list)
    times: list[TimePhrase] = field(default_factory=list)
    cues: list[Found] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0].strip()


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _strip_leading(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop the titles and function words a run of capitalised words starts with, and a
    demonym before a title ("Kenyan President William Ruto" → "William Ruto")."""
    # "South African President Cyril Ramaphosa": what precedes the last title is its holder's
    # description, the name follows it.
    folded = [fold(w.group().rstrip(".")) for w in words]
    titles = [i for i, w in enumerate(folded[:-1]) if w in _TITLES and folded[i + 1] not in _TITLES]
    if titles and words[titles[-1] + 1].start() - words[titles[-1]].end() <= 1:
        words = words[titles[-1] + 1 :]
    while words:
        word = fold(words[0].group().rstrip("."))
        nxt = fold(words[1].group().rstrip(".")) if len(words) > 1 else ""
        is_demonym = bool(_DEMONYM.search(word)) or word in _DEMONYM_WORDS
        if word in _TITLES or word in _FUNCTION or (is_demonym and nxt in _TITLES):
            words = words[1:]
        else:
            break
    return words


_CONTRACTION = re.compile(r"['’](?:re|ll|ve|m|d|t|s)\Z|n['’]t\Z", re.IGNORECASE)


def _is_name(text: str) -> bool:
    if _CONTRACTION.search(text.split()[0] if text.split() else ""):
        return False  # "We're", "Don't" at a sentence's start
    words = [fold(w.rstrip(".")) for w in text.split()]
    if not words or all(w in _FUNCTION or w in _CALENDAR or w in _TITLES for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or word in _DEMONYM_WORDS or _DEMONYM.search(word):
            return False
    return True


def _trim(text: str, p_start: int, p_end: int) -> Found | None:
    """The name in ``text[p_start:p_end]``: leading titles, a possessive, a full stop and a
    dangling "of" cut off; None when no name is left."""
    words = _strip_leading(list(re.finditer(_NAME_WORD, text[p_start:p_end])))
    if not words:
        return None
    start = p_start + words[0].start()
    end = p_start + words[-1].end()
    # "Xi’s", "Moscow." at a sentence's end: the name, not its punctuation.
    piece = re.sub(r"(?:['’]s|\.)\Z", "", text[start:end])
    # "of"/"for" that end a piece left by a cut ("Minister of" before a mention).
    piece = re.sub(r"(?:\s+(?:of|for)(?:\s+the)?)+\Z", "", piece)
    return Found(piece, start, start + len(piece)) if _is_name(piece) else None


class _Aliases:
    """Known names, for telling a near-duplicate ("Sergei Lavrov") from a new name."""

    def __init__(self, aliases: list[tuple[str, str]]) -> None:
        self._folded = [(fold(alias), alias, entity_id) for alias, entity_id in aliases]
        self._exact = {folded for folded, _, _ in self._folded}
        self._raw = {alias for alias, _ in aliases}

    def known(self, name: str) -> bool:
        return fold(name) in self._exact

    def near(self, name: Found) -> NearName | None:
        if name.text in self._raw:
            return None  # a known alias as written: a mention, not a near-duplicate
        words = len(name.text.split())
        target = fold(name.text)
        for alias_folded, alias, entity_id in self._folded:
            if alias_folded == target and alias != name.text:
                # "Brics" for "BRICS": aliases match case and all.
                return NearName(name, entity_id, alias, 100.0, "case")
        if words == 1 and len(target) >= 2:
            # "Xi" for "Xi Jinping", "Delhi" for "New Delhi": a short form to add. Only the
            # first or last word of a name of two or three capitalised words ("Group" is no
            # short form of "Group of 20").
            for _folded, alias, entity_id in self._folded:
                parts = alias.split()
                if (
                    2 <= len(parts) <= 3
                    and all(p[:1].isupper() for p in parts)
                    and (target in (fold(parts[0]), fold(parts[-1])))
                ):
                    return NearName(name, entity_id, alias, 100.0, "part")
        best: tuple[float, str, str] | None = None
        for alias_folded, alias, entity_id in self._folded:
            # Same number of words: "Sergey Lavrov" against "Sergei Lavrov", never "Lavrov".
            if len(alias.split()) != words or alias_folded == target:
                continue
            score = fuzz.ratio(target, alias_folded)
            if score >= NEAR and (best is None or score > best[0]):
                best = (score, alias, entity_id)
        return None if best is None else NearName(name, best[2], best[1], best[0])


def names(
    text: str, known: list[Mention], aliases: _Aliases, skip: list[tuple[int, int]]
) -> tuple[list[NearName], list[Found]]:
    """Capitalised runs of the text that are nearly a known name, and the pieces of the
    others that are no known name. A run is compared whole first, so that "Sergey Lavrov"
    is flagged as nearly "Sergei Lavrov" although its "Lavrov" is a known alias; then the
    known mentions are cut out of it and what is left is a candidate new name. Runs inside
    ``skip`` (time phrases: "October") are no names."""
    covered = [(m.start, m.end) for m in known]
    near: list[NearName] = []
    new: list[Found] = []
    headline = text.split("\n", 1)[0]
    head_words = headline.split()
    # A headline in Title Case capitalises every word: its runs are no evidence of names.
    title_case = len(head_words) > 3 and sum(w[:1].isupper() for w in head_words) >= 0.8 * len(
        head_words
    )
    for run in _NAME.finditer(text):
        if title_case and run.start() < len(headline):
            continue
        whole = _trim(text, run.start(), run.end())
        if whole is None or any(a <= whole.start and whole.end <= b for a, b in skip):
            continue
        if not aliases.known(whole.text) or len(whole.text.split()) == 1:
            close = aliases.near(whole)
            if close is not None:
                near.append(close)
                continue
        pieces: list[tuple[int, int]] = [(whole.start, whole.end)]
        for c_start, c_end in covered:
            if c_end <= whole.start or c_start >= whole.end:
                continue
            split: list[tuple[int, int]] = []
            for p_start, p_end in pieces:
                if c_end <= p_start or c_start >= p_end:
                    split.append((p_start, p_end))
                    continue
                split.extend(s for s in ((p_start, c_start), (c_end, p_end)) if s[1] > s[0])
            pieces = split
        for p_start, p_end in pieces:
            piece = _trim(text, p_start, p_end)
            if piece is None or any(a <= piece.start and piece.end <= b for a, b in skip):
                continue
            close = aliases.near(piece)
            if close is not None:
                near.append(close)
            elif not aliases.known(piece.text):
                new.append(piece)
    return near, new


def _tidy(text: str, candidates: list[Found]) -> list[Found]:
    """Candidates without common nouns, and with a name that another one begins with split
    off: "Summit" is no name where the text also writes "summit"; in "the president of
    Kyrgyzstan Sadyr Japarov", "Kyrgyzstan" is a name of its own when the text uses it alone."""
    lower = {w for w in re.findall(r"\b[a-z][\w-]*", text)}
    singles = {fold(c.text) for c in candidates if " " not in c.text}
    tidy: list[Found] = []
    for c in candidates:
        words = list(re.finditer(r"\S+", c.text))
        if len(words) == 1 and c.text.lower() in lower:
            continue
        split = next(
            (k for k in range(1, len(words) - 1) if fold(c.text[: words[k - 1].end()]) in singles),
            None,
        )
        if split is None:
            tidy.append(c)
            continue
        head = c.text[: words[split - 1].end()]
        tail = c.text[words[split].start() :]
        tidy.append(Found(head, c.start, c.start + len(head)))
        tidy.append(Found(tail, c.start + words[split].start(), c.end))
    return tidy


def group_names(candidates: list[Found]) -> list[list[Found]]:
    """New names grouped by the name they stand for: "Peskov" goes with "Dmitry Peskov"
    when the text has both, so the curator sees one person, with every form to alias."""
    full = list(dict.fromkeys(fold(c.text) for c in candidates if " " in c.text))
    groups: dict[str, list[Found]] = {}
    for c in candidates:
        key = fold(c.text)
        if " " not in c.text:
            key = next((f for f in full if key in f.split()), key)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def make_draft(
    corpus: Corpus, article_id: str, text: str, published: dt.date, published_note: str = ""
) -> Draft:
    draft = Draft(article_id, text, published, published_note)
    aliases = [(alias, e.id) for e in corpus.entities.values() for alias in e.aliases]
    mentions = AliasMatcher(aliases).find(text)
    for mention in mentions:
        draft.mentions.setdefault(mention.entity_id, []).append(mention)
    times = find_time_phrases(text, published)
    # A date is no name: "October", "Aug 28".
    draft.near, candidates = names(
        text, mentions, _Aliases(aliases), [(t.start, t.end) for t in times]
    )
    draft.candidates = _tidy(text, candidates)
    draft.times = times
    draft.cues = [Found(m.group(), m.start(), m.end()) for m in _CUE.finditer(text)]
    draft.sentences = split_sentences(text)
    return draft


def toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` exactly: the title must be the text's own."""
    out = []
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _c(text: str, limit: int = 200) -> str:
    """Corpus text made safe for one comment line."""
    return clip(neutralise_line(text), limit)


def render(draft: Draft, corpus: Corpus, text_path: str) -> str:
    """The draft as a facts file: the ``[article]`` table, then comments only."""
    text = draft.text
    para_starts = paragraph_starts(text)

    def where(offset: int) -> str:
        line, col = line_col(text, offset)
        return f"{line}:{col}"

    def para(offset: int) -> int:
        return sum(1 for s in para_starts if s <= offset)

    def sentence_mentions(start: int, end: int) -> list[str]:
        ids = [m.entity_id for ms in draft.mentions.values() for m in ms if start <= m.start < end]
        return list(dict.fromkeys(ids))

    out: list[str] = [
        f"# Draft facts for {_c(text_path)}, written by `diplo-tui draft`.",
        "# It passes `diplo-tui check` as it stands. Complete it: add entities, events and",
        "# relations (first `diplo-tui find WORDS` to reuse an id the corpus has), then one",
        "# [[reports]] per fact a sentence states, its evidence copied from the sentences at",
        "# the end. Every line below the [article] table is a proposal: keep what is right.",
        "",
        "[article]",
        f"title = {toml_string(draft.title)}",
    ]
    if draft.published_note:
        out += [
            f"# CHECK: {_c(draft.published_note, 400)}",
            f"published = {{ earliest = {draft.published}, latest = {draft.published}, "
            f'basis = "draft: a date in the text, not the publication date; fix it" }}',
        ]
    else:
        out.append(f"published = {draft.published.isoformat()}")
    out += ['# publisher = ""', '# url = ""', ""]

    out.append("# -- known entities mentioned (id: wording ×count, first at line:col) --------")
    if not draft.mentions:
        out.append("#   none")
    for entity_id, mentions in sorted(draft.mentions.items(), key=lambda kv: kv[1][0].start):
        forms: dict[str, list[Mention]] = {}
        for m in mentions:
            forms.setdefault(text[m.start : m.end], []).append(m)
        words = ", ".join(
            f'"{_c(form, 60)}" ×{len(ms)} ({where(ms[0].start)})' for form, ms in forms.items()
        )
        out.append(f"#   {_c(entity_id, 80)}: {words}")
    out.append("")

    out.append("# -- near-duplicates of known names: an alias to add, or another entity? ----")
    if not draft.near:
        out.append("#   none")
    grouped: dict[tuple[str, str], list[NearName]] = {}
    for near in draft.near:
        grouped.setdefault((near.found.text, near.entity_id), []).append(near)
    for similar in grouped.values():
        near = similar[0]
        how = {
            "part": "part of",
            "case": "in other case",
        }.get(near.how, f"nearly ({near.score:.0f}%)")
        out.append(
            f'#   "{_c(near.found.text, 80)}" ×{len(similar)} ({where(near.found.start)}) is '
            f'{how} {_c(near.entity_id, 80)} "{_c(near.alias, 80)}"'
        )
    out.append("")

    out.append("# -- names not in the corpus: new entities, or aliases of known ones? -------")
    if not draft.candidates:
        out.append("#   none")
    for group in group_names(draft.candidates):
        spelt: dict[str, list[Found]] = {}
        for found in group:
            spelt.setdefault(found.text, []).append(found)
        shown = ", also ".join(
            f'"{_c(form, 80)}" ×{len(found)} ({where(found[0].start)})'
            for form, found in sorted(spelt.items(), key=lambda kv: -len(kv[0]))
        )
        out.append(f"#   {shown}")
    out.append("")

    out.append(
        f"# -- time phrases, valued against the publication date {draft.published} (check each) --"
    )
    if not draft.times:
        out.append("#   none")
    for t in draft.times:
        value = (
            f'time = {{ phrase = {toml_string(_c(t.phrase, 80))}, value = "{t.value}"'
            + (f', role = "{t.role}"' if t.role != "point" else "")
            + " }"
            if t.value
            else "no value proposed"
        )
        out.append(f"#   {where(t.start)} ¶{para(t.start)}: {value}  ({t.how})")
    out.append("")

    out.append("# -- source cues: who says so? (`sources`, outermost first, each with its cue) --")
    if not draft.cues:
        out.append("#   none")
    for cue in draft.cues:
        sentence = next((s for s in draft.sentences if s.start <= cue.start < s.end), Span(0, 0))
        named = sentence_mentions(sentence.start, sentence.end)
        in_sentence = f"; entities in its sentence: {', '.join(named)}" if named else ""
        out.append(
            f'#   {where(cue.start)} ¶{para(cue.start)}: "{_c(cue.text, 40)}"{_c(in_sentence)}'
        )
    out.append("")

    out += [
        "# -- a report, to copy for each fact --------------------------------------------",
        "# [[reports]]",
        '# of = "EVENT-OR-RELATION-ID"',
        '# evidence = ["the article\'s exact words"]',
        '# time = { phrase = "on Monday", value = "YYYY-MM-DD" }',
        '# status = "occurred"',
        '# sources = [{ by = "ENTITY-ID", cue = "the words that cite it, inside the evidence" }]',
        "# (docs/FORMAT.md: commitment, polarity, speech, statement, modality, negated)",
        "",
        "# -- the text, sentence by sentence (¶paragraph line:col) -----------------------",
    ]
    for sentence in draft.sentences:
        out.append(
            f"# ¶{para(sentence.start)} {where(sentence.start)}: "
            f"{neutralise_line(text[sentence.start : sentence.end])}"
        )
    return "\n".join(out) + "\n"


def latest_full_date(text: str) -> tuple[dt.date, int] | None:
    """The latest date written with its year in the text, and where, for a draft without
    ``--published``: an article is published on or after every date it gives in full."""
    best: tuple[dt.date, int] | None = None
    for t in find_time_phrases(text, dt.date(2000, 1, 1)):
        if t.value is None or "/" in t.value or len(t.value) != 10:
            continue
        if not re.search(r"\d{4}", t.phrase):
            continue  # its year was guessed
        day = dt.date.fromisoformat(t.value)
        if best is None or day > best[0]:
            best = (day, t.start)
    return best
