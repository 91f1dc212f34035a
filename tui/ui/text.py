"""Build display text from corpus strings without ever interpreting them.

Every string that comes from the facts or an article goes through :func:`plain`: it becomes a
``Content`` (never parsed as markup) with control characters and bidi overrides replaced by
visible placeholders, so what is on screen is exactly what is in the file.
"""

from __future__ import annotations

from textual.content import Content

from tui.data.corpus import Corpus, Report
from tui.data.rows import words
from tui.data.textsafe import neutralise_line

KIND_TITLES = {
    "person": "People",
    "country": "Countries",
    "organisation": "Organisations",
    "institution": "Institutions",
    "place": "Places",
    "forum": "Forums",
    "media": "Media",
    "group": "Groups",
    "document": "Documents",
    "concept": "Concepts",
}


def plain(text: str, style: str = "") -> Content:
    """One line of untrusted text, shown verbatim."""
    content = Content(neutralise_line(text))
    return content.stylize(style) if style else content


def no_match(what: str, typed: str) -> Content:
    """What a list says when its filter keeps nothing."""
    return Content.assemble(f"No {what} matches “", plain(typed), "”.")


def reported_in(corpus: Corpus, reports: list[Report]) -> str:
    articles = len({r.article_id for r in reports})
    text = f"Reported in {articles} article{'s' * (articles != 1)}"
    if len(reports) != articles:
        text += f" ({len(reports)} reports)"
    return text


# How a link reads from each end: "FROM <forward> TO", and "TO <backward> FROM".
_LINK_PHRASES = {
    "cause": ("caused", "caused by"),
    "reason": ("because of", "the reason for"),
    "purpose": ("in order to", "the purpose of"),
    "response": ("in response to", "answered by"),
    "topic": ("about", "the topic of"),
    "part_of": ("part of", "includes"),
    "sequence": ("led to", "followed"),
    "before": ("before", "after"),
    "after": ("after", "before"),
    "since": ("the first since", "since then"),
    "condition": ("if", "the condition of"),
    "asserts": ("asserts", "asserted by"),
    "denies": ("denies", "denied by"),
}

# How a report's modality reads before its status: "possibly, planned".
MODALITY_WORDS = {
    "possible": "possibly",
    "conditional": "only if a condition holds",
    "ability": "able to",
    "effort": "sought, tried",
    "habitual": "as a habit",
}


_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def offset_words(offset: str) -> str:
    """An ISO 8601 offset from an anchor event, in words: ``P1D`` → "1 day after"."""
    if not offset:
        return "counted from"
    before = offset.startswith("-")
    amount, unit = int(offset.lstrip("-P")[:-1]), _UNITS.get(offset[-1], offset[-1])
    plural = "s" if amount != 1 else ""
    return f"{amount} {unit}{plural} {'before' if before else 'after'}"


def how_reported(report: Report) -> str:
    """Status, certainty, modality and negation in one phrase: "unable to, declined, reported"."""
    parts = [words(report.status), report.certainty]
    modality = report.modality
    if modality == "ability":
        parts.insert(0, "unable to" if report.negated else "able to")
    else:
        if modality != "actual":
            parts.insert(0, MODALITY_WORDS.get(modality, words(modality)))
        if report.negated:
            parts.insert(0, "NOT")
    return ", ".join(parts)


def chain_levels(corpus: Corpus, report: Report) -> list[tuple[str, str, str]]:
    """The source chain, outermost first: (who, “cue”, how committed) per level."""
    text = corpus.articles[report.article_id].text
    rows: list[tuple[str, str, str]] = []
    for level in report.sources:
        how = [] if level.commitment == "certain" else [level.commitment]
        if level.polarity == "negative":
            how.append("denies")
        if level.speech == "direct":
            how.append("quoted")
        if level.insertions:
            inserted = ", ".join(f"“{text[s.start : s.end]}”" for s in level.insertions)
            how.append(f"reporter's insertion {inserted}")
        rows.append(
            (
                corpus.entity_name(level.entity_id),
                f"“{text[level.cue.start : level.cue.end]}”",
                "; ".join(how),
            )
        )
    return rows


def link_phrase(link_type: str, outgoing: bool) -> str:
    forward, backward = _LINK_PHRASES.get(link_type, (words(link_type), f"{words(link_type)} of"))
    return forward if outgoing else backward
